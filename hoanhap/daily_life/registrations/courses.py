"""Courses and classes: what the area registers."""


def register() -> None:
    """Timeline kinds, audit events, audited models (or exempt), cards of this area."""
