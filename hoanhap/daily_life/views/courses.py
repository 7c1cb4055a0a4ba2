"""Courses and classes: the pages."""
