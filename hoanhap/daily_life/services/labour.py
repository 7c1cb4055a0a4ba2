"""Labour therapy: the audited writes."""
