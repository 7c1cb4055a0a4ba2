"""Funeral leave (terms/leave.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

import pytest

from hoanhap.residents.terms import (
    RULES_2022,
    RULES_2026,
    LeaveError,
    RuleSet,
    check_funeral_leave,
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
