"""Events, competitions and prizes: the scoped reads."""
