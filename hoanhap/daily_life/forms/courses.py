"""Courses and classes: the forms."""
