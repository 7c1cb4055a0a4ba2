"""Courses and classes: the forms. The roll call and the results are sheets read row by row in the
views (one field per resident); the list's filters are read by the selector."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from ..services.courses import Absence, Result


def read_absences(data: Mapping[str, Any], resident_ids: Iterable[int]) -> dict[int, Absence]:
    """The sheet's absent rows: `absent-<id>` ticked, with `reason-<id>` and `note-<id>`."""
    return {
        pk: Absence(reason=str(data.get(f"reason-{pk}", "")), note=str(data.get(f"note-{pk}", "")))
        for pk in resident_ids
        if data.get(f"absent-{pk}")
    }


def read_results(data: Mapping[str, Any], resident_ids: Iterable[int]) -> tuple[dict[int, Result], dict[int, Any]]:
    """The results sheet's rows (`score-<id>`, `note-<id>`), and the rows whose score is no number."""
    results: dict[int, Result] = {}
    errors: dict[int, Any] = {}
    for pk in resident_ids:
        raw = str(data.get(f"score-{pk}", "")).strip().replace(",", ".")
        try:
            score = Decimal(raw) if raw else None
        except InvalidOperation:
            errors[pk] = _("Enter a number, such as 7.5.")
            continue
        if score is not None and not score.is_finite():
            errors[pk] = _("Enter a number, such as 7.5.")
            continue
        results[pk] = Result(score=score, note=str(data.get(f"note-{pk}", "")))
    return results, errors
