"""Events, competitions and prizes: the pure, dated rules."""
