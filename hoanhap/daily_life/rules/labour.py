"""Labour therapy: the pure, dated rules."""
