"""Labour therapy: the pages."""
