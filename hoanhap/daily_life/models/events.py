"""Events, competitions and prizes: the rows."""

__all__: list[str] = []
