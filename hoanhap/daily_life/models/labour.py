"""Labour therapy: the rows."""

__all__: list[str] = []
