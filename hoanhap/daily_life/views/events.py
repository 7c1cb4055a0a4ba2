"""Events, competitions and prizes: the pages."""
