"""Calendar months and ages (terms/dates.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

from datetime import date

import pytest

from hoanhap.residents.terms import (
    add_months,
    age_on,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 2, 3), 12, date(2026, 2, 3)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 11, 15), 3, date(2025, 2, 15)),
        (date(2025, 12, 31), 24, date(2027, 12, 31)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 3, 31), 0, date(2025, 3, 31)),
    ],
)
def test_months_are_added_as_calendar_months_clamped_to_the_month_end(
    day: date,
    months: int,
    expected: date,
) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("date_of_birth", "on", "age"),
    [
        (date(2012, 5, 10), date(2024, 5, 9), 11),
        (date(2012, 5, 10), date(2024, 5, 10), 12),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
    ],
)
def test_age_counts_whole_years_and_a_leap_day_birthday_falls_on_1_march(
    date_of_birth: date, on: date, age: int
) -> None:
    assert age_on(date_of_birth, on) == age
