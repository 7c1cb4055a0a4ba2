"""Courses and classes: the pure, dated rules."""
