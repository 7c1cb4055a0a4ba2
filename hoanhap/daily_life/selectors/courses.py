"""Courses and classes: the scoped reads."""
