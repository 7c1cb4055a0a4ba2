"""Labour therapy: the scoped reads."""
