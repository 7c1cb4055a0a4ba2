"""Entitlements (the material regime): the rows."""

__all__: list[str] = []
