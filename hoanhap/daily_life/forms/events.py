"""Events, competitions and prizes: the forms."""
