"""The arithmetic of a plan's progress, pure (no database): the share of the plan reached, the
pace expected by a day of the year, and the gap between them.

    percent_of_plan(390, 307) == 127        # "390 of 307 planned, 127%"
    expected_by(307, date(2026, 7, 2))      # 307 × 183 / 365 = 153.9… → 154
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from hoanhap.core.errors import DomainError


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def whole(value: Any) -> Decimal:
    """Rounded half up to a whole number (a count or a number of hours as a plan states it)."""
    return _decimal(value).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def percent_of_plan(actual: Any, planned: Any) -> Decimal:
    """The actual as a share of the planned, in whole percent rounded half up; a plan of 0 has no
    share (refused: a target is more than zero)."""
    planned = _decimal(planned)
    if planned <= 0:
        raise DomainError(_("A target must be more than zero."), code="target_not_positive", field="planned")
    return whole(_decimal(actual) * 100 / planned)


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def days_elapsed(year: int, today: date) -> int:
    """The days of `year` up to `today` included: 0 before it starts, all of them after it ends."""
    if today.year < year:
        return 0
    if today.year > year:
        return days_in_year(year)
    return (today - date(year, 1, 1)).days + 1


def expected_by(planned: Any, year: int, today: date) -> Decimal:
    """The pace: the planned × days elapsed / days in the year, rounded half up."""
    return whole(_decimal(planned) * days_elapsed(year, today) / days_in_year(year))


def period_of(year: int, today: date) -> tuple[date, date] | None:
    """The days of `year` whose records count by `today`: 1 January to today (or 31 December);
    None for a year not begun."""
    if today.year < year:
        return None
    return date(year, 1, 1), min(today, date(year, 12, 31))


def months_of(year: int, today: date) -> list[tuple[date, date]]:
    """Each month of `year` begun by `today`, first and last day (the current month to today)."""
    period = period_of(year, today)
    if period is None:
        return []
    _start, end = period
    months = []
    for month in range(1, end.month + 1):
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        months.append((first, min(last, end)))
    return months
