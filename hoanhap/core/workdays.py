"""Working days: deadlines counted without weekends and public holidays.

A step of a procedure is due "in 3 working days"; a data subject's request is answered "within 2
working days" (Decree 356/2025). Weekends are Saturday and Sunday (Labour Code 45/2019/QH14 lets a
unit choose its rest days; state agencies rest on both). Public holidays and the days given in
compensation (nghỉ bù) are data — `core.Holiday` rows, national or of one facility — because the
government sets each year's Tết and compensation days by decision.

The arithmetic is pure (`add_working_days(start, n, holidays)`); `calendar_for(facility_id, start,
end)` reads the holidays that apply once, so a list of 200 deadlines costs one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

WEEKEND = frozenset({5, 6})  # Saturday, Sunday (date.weekday())


def is_working_day(day: date, holidays: frozenset[date]) -> bool:
    return day.weekday() not in WEEKEND and day not in holidays


def add_working_days(start: date, days: int, holidays: frozenset[date]) -> date:
    """The day `days` working days after `start` (the start itself not counted): a step begun on
    Friday with 1 working day is due on Monday. `days` = 0 gives the start, or the next working
    day if the start is not one."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    if days == 0:
        while not is_working_day(day, holidays):
            day += timedelta(days=1)
        return day
    while days:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            days -= 1
    return day


def working_days_between(start: date, end: date, holidays: frozenset[date]) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier): how
    late a step is, in the unit its deadline was given."""
    if end < start:
        return -working_days_between(end, start, holidays)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n), holidays))


@dataclass(frozen=True)
class Calendar:
    """The holidays of one facility over a span, read once; the arithmetic above on them."""

    holidays: frozenset[date]

    def add(self, start: date, days: int) -> date:
        return add_working_days(start, days, self.holidays)

    def between(self, start: date, end: date) -> int:
        return working_days_between(start, end, self.holidays)

    def is_working_day(self, day: date) -> bool:
        return is_working_day(day, self.holidays)


# Deadlines run at most a few months: read a year either side of the span asked for.
_MARGIN = timedelta(days=366)


def calendar_for(facility_id: int | None, start: date, end: date | None = None) -> Calendar:
    """The national holidays and the facility's own, from a year before `start` to a year after
    `end` (one query)."""
    from .models import Holiday

    end = end or start
    rows: Iterable[date] = Holiday.objects.filter(
        Q(facility__isnull=True) | Q(facility_id=facility_id),
        day__gte=start - _MARGIN,
        day__lte=end + _MARGIN,
    ).values_list("day", flat=True)
    return Calendar(frozenset(rows))
