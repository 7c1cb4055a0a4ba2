"""Printable documents about a resident: the completion certificate (PDF and DOCX) and the summary (PDF).

Each document is built in two steps: a context builder turns the records into a plain dataclass
(`certificate.py`, `summary.py`), and a renderer turns the dataclass into a file (`rendering.py`),
so the layout can be tested without the database and the records without the layout.
"""
