"""The arithmetic of a plan's progress: the share of the plan, the pace by a day, the gap."""

from datetime import date
from decimal import Decimal

import pytest

from hoanhap.core.errors import DomainError
from hoanhap.plans import progress


@pytest.mark.parametrize(
    ("actual", "planned", "percent"),
    [
        (390, 307, 127),  # 127.04%: the Lào Cai example
        (0, 307, 0),
        (307, 307, 100),
        (1, 200, 1),  # 0.5% rounds half up
        (1, 201, 0),  # 0.497%
        (Decimal("12.5"), 10, 125),
    ],
)
def test_the_share_of_the_plan_is_a_whole_percent_rounded_half_up(actual, planned, percent):
    assert progress.percent_of_plan(actual, planned) == percent


@pytest.mark.parametrize("planned", [0, -1])
def test_a_plan_of_zero_or_less_has_no_share(planned):
    with pytest.raises(DomainError, match="more than zero"):
        progress.percent_of_plan(5, planned)


@pytest.mark.parametrize(
    ("today", "elapsed"),
    [
        (date(2025, 12, 31), 0),  # the year not begun
        (date(2026, 1, 1), 1),
        (date(2026, 7, 2), 183),
        (date(2026, 12, 31), 365),
        (date(2027, 3, 1), 365),  # the year over
    ],
)
def test_the_days_elapsed_count_today(today, elapsed):
    assert progress.days_elapsed(2026, today) == elapsed


def test_a_leap_year_has_366_days():
    assert progress.days_in_year(2028) == 366
    assert progress.expected_by(366, 2028, date(2028, 12, 31)) == 366


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 1), 1),  # 307 / 365 = 0.84 → 1
        (date(2026, 7, 2), 154),  # 307 × 183 / 365 = 153.9
        (date(2026, 12, 31), 307),
    ],
)
def test_the_pace_is_the_plan_spread_over_the_days_of_the_year(today, expected):
    assert progress.expected_by(307, 2026, today) == expected


def test_the_months_run_to_today():
    months = progress.months_of(2026, date(2026, 3, 10))
    assert months == [
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 10)),
    ]
    assert progress.months_of(2027, date(2026, 3, 10)) == []
    assert len(progress.months_of(2025, date(2026, 3, 10))) == 12
