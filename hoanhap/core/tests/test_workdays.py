"""Working-day arithmetic: weekends and the holidays given are skipped, the start is not counted."""

from datetime import date

import pytest

from hoanhap.core.workdays import add_working_days, working_days_between

NO_HOLIDAYS: frozenset[date] = frozenset()
# Tết 2026 as the government set it: 14/02 (Saturday) to 22/02 (Sunday).
TET_2026 = frozenset(date(2026, 2, day) for day in range(14, 23))


@pytest.mark.parametrize(
    ("start", "days", "holidays", "due"),
    [
        (date(2026, 12, 3), 1, NO_HOLIDAYS, date(2026, 12, 4)),  # Thursday + 1: Friday
        (date(2026, 12, 4), 1, NO_HOLIDAYS, date(2026, 12, 7)),  # Friday + 1: Monday
        (date(2026, 12, 5), 0, NO_HOLIDAYS, date(2026, 12, 7)),  # a Saturday start is due Monday
        (date(2026, 12, 7), 0, NO_HOLIDAYS, date(2026, 12, 7)),
        (date(2026, 2, 12), 1, TET_2026, date(2026, 2, 13)),  # the last day before Tết
        (date(2026, 2, 12), 2, TET_2026, date(2026, 2, 23)),  # the first day after it
        (date(2026, 2, 13), 1, TET_2026, date(2026, 2, 23)),
        (date(2026, 2, 13), 5, TET_2026, date(2026, 2, 27)),
    ],
)
def test_a_deadline_in_working_days_skips_weekends_and_holidays(start, days, holidays, due):
    assert add_working_days(start, days, holidays) == due


def test_the_days_late_count_only_working_days_and_are_negative_before_the_deadline():
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23), TET_2026) == 1
    assert working_days_between(date(2026, 2, 23), date(2026, 2, 13), TET_2026) == -1
    assert working_days_between(date(2026, 12, 7), date(2026, 12, 7), NO_HOLIDAYS) == 0


def test_a_negative_number_of_days_is_a_programming_error():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 12, 7), -1, NO_HOLIDAYS)
