"""The labour caps of Decree 116/2021 art. 68, the boundary on both sides."""

from datetime import date
from decimal import Decimal

import pytest

from hoanhap.core.errors import RuleError
from hoanhap.daily_life.rules.labour import check_hours, rule_set_on, week_of

D = Decimal
WEDNESDAY = date(2026, 3, 4)


@pytest.mark.parametrize(
    ("hours", "refused_with"),
    [
        ("7.5", None),
        ("8", None),
        ("8.5", "over_daily_cap"),
        ("0.5", None),
        ("0", "hours_not_positive"),
        ("-1", "hours_not_positive"),
        ("4.25", "hours_step"),
    ],
)
def test_a_day_holds_at_most_eight_hours_in_half_hour_steps(hours, refused_with):
    if refused_with is None:
        check_hours(D(hours), day=WEDNESDAY, other_hours_that_week=D(0))
    else:
        with pytest.raises(RuleError) as refusal:
            check_hours(D(hours), day=WEDNESDAY, other_hours_that_week=D(0))
        assert refusal.value.code == refused_with


@pytest.mark.parametrize(
    ("other_days", "today_hours", "refused"),
    [("40", "7.5", False), ("40", "8", False), ("40.5", "8", True), ("44", "4", False), ("44", "4.5", True)],
)
def test_a_week_holds_at_most_48_hours(other_days, today_hours, refused):
    """47.5 and 48 pass; 48.5 is refused."""
    if not refused:
        check_hours(D(today_hours), day=WEDNESDAY, other_hours_that_week=D(other_days))
    else:
        with pytest.raises(RuleError) as refusal:
            check_hours(D(today_hours), day=WEDNESDAY, other_hours_that_week=D(other_days))
        assert refusal.value.code == "over_weekly_cap"
        assert "48" in str(refusal.value) and "Điều 68" in str(refusal.value)


def test_the_daily_refusal_names_the_hours_the_cap_and_the_article():
    with pytest.raises(RuleError) as refusal:
        check_hours(D("8.5"), day=WEDNESDAY, other_hours_that_week=D(0))
    assert str(refusal.value) == (
        "8.5 h is more than the 8 hours a day the law allows (Nghị định 116/2021/NĐ-CP, Điều 68)."
    )


@pytest.mark.parametrize(
    ("day", "monday", "sunday"),
    [
        (date(2026, 3, 1), date(2026, 2, 23), date(2026, 3, 1)),  # a Sunday closes its week
        (date(2026, 3, 2), date(2026, 3, 2), date(2026, 3, 8)),  # the Monday after opens a new one
        (date(2025, 12, 31), date(2025, 12, 29), date(2026, 1, 4)),  # a week across the new year
    ],
)
def test_the_week_is_the_calendar_week_monday_to_sunday(day, monday, sunday):
    assert week_of(day) == (monday, sunday)


@pytest.mark.parametrize(("day", "in_force"), [(date(2021, 12, 31), False), (date(2022, 1, 1), True)])
def test_the_rules_are_in_force_from_their_date(day, in_force):
    if in_force:
        assert rule_set_on(day).max_hours_per_day == 8
    else:
        with pytest.raises(RuleError):
            rule_set_on(day)
