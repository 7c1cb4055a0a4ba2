"""Date checks every service makes, as domain errors beside the field they name."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from . import clock
from .errors import DomainError


def check_not_future(day: date | None, *, field: str, label: Any = None) -> None:
    if day is not None and day > clock.today():
        raise DomainError(
            _("%(what)s cannot be in the future.") if label else _("The date cannot be in the future."),
            code="date_in_future",
            field=field,
            **({"what": label} if label else {}),
        )


def check_not_before(day: date, earliest: date, *, field: str) -> None:
    if day < earliest:
        raise DomainError(
            _("The date cannot be before %(earliest)s."),
            code="date_too_early",
            field=field,
            earliest=earliest.strftime("%d/%m/%Y"),
        )


def dmy(day: date | None) -> str:
    """A date as users write it: dd/mm/yyyy ("" for none)."""
    return f"{day:%d/%m/%Y}" if day else ""
