"""Funeral leave (terms/leave.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

from datetime import date

import pytest

from hoanhap.residents.terms import (
    RULES_2022,
    RULES_2026,
    LeaveError,
    RuleSet,
    check_funeral_leave,
    days_late_from_leave,
)


@pytest.mark.parametrize("rule_set", [RULES_2022, RULES_2026])
@pytest.mark.parametrize(("days", "travel_days"), [(1, 0), (5, 0), (5, 3)])
def test_funeral_leave_of_up_to_five_days_plus_travel_is_allowed(
    days: int, travel_days: int, rule_set: RuleSet
) -> None:
    check_funeral_leave(days=days, travel_days=travel_days, rule_set=rule_set)


@pytest.mark.parametrize("rule_set", [RULES_2022, RULES_2026])
@pytest.mark.parametrize(
    ("days", "travel_days", "code"),
    [
        (6, 0, "funeral_leave_out_of_range"),
        (0, 2, "funeral_leave_out_of_range"),
        (3, -1, "negative_travel"),
    ],
)
def test_funeral_leave_beyond_the_limit_is_refused(days: int, travel_days: int, code: str, rule_set: RuleSet) -> None:
    with pytest.raises(LeaveError) as refused:
        check_funeral_leave(days=days, travel_days=travel_days, rule_set=rule_set)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("left_on", "back_on", "days", "travel_days", "late"),
    [
        (date(2026, 6, 26), date(2026, 7, 3), 5, 2, 0),
        (date(2026, 6, 26), date(2026, 7, 1), 5, 2, 0),
        (date(2026, 6, 26), date(2026, 7, 6), 5, 2, 3),
        (date(2026, 6, 30), date(2026, 7, 6), 5, 0, 1),
        (date(2026, 7, 1), date(2026, 7, 9), 5, 0, 3),
    ],
)
def test_the_days_back_after_the_leave_allowed_are_late(
    left_on: date, back_on: date, days: int, travel_days: int, late: int
) -> None:
    assert days_late_from_leave(left_on=left_on, back_on=back_on, days=days, travel_days=travel_days) == late
