"""Daily life's reads, scoped to what the user may see (`visible_to`), one query per list."""
