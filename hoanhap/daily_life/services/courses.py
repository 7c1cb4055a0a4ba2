"""Courses and classes: the audited writes."""
