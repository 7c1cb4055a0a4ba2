"""Turning a document's context into PDF (WeasyPrint) or DOCX (docxtpl) bytes."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

DOCX_TEMPLATES = Path(__file__).resolve().parent / "templates"


def safe_name(text: str) -> str:
    """A record number made safe for a file name: "HV/2026 01" → "HV-2026-01"."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "hoc-vien"


def _no_fetching() -> URLFetcher:
    """Documents carry everything inline and use installed fonts by name: nothing is fetched, so a
    value typed into a record can never make the server load a file or a URL."""
    return URLFetcher(allowed_protocols=frozenset())


def pdf_document(template_name: str, context: Mapping[str, Any]) -> Document:
    """The laid-out pages, before writing: tests read their text from here."""
    html = render_to_string(template_name, dict(context))
    return HTML(string=html, url_fetcher=_no_fetching()).render(font_config=FontConfiguration())


def pdf_bytes(template_name: str, context: Mapping[str, Any]) -> bytes:
    return pdf_document(template_name, context).write_pdf()


def docx_bytes(template_file: str, context: Mapping[str, Any]) -> bytes:
    from docxtpl import DocxTemplate

    template = DocxTemplate(DOCX_TEMPLATES / template_file)
    # autoescape: a value with "<" or "&" stays text instead of breaking the document's XML.
    template.render(dict(context), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
