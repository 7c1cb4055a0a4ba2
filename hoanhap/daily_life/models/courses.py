"""Courses and classes: the rows."""

__all__: list[str] = []
