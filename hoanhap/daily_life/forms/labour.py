"""Labour therapy: the forms."""
