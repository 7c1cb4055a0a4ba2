"""Events, competitions and prizes: the audited writes."""
