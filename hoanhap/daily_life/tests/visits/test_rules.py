"""The visit rules of Decree 116/2021/NĐ-CP art. 69, across each boundary, both sides."""

from datetime import date, datetime, timedelta

import pytest

from hoanhap.core.errors import RuleError
from hoanhap.daily_life.rules import visits as rules

RULES = rules.rule_set_on(date(2026, 3, 2))
START = datetime(2026, 3, 2, 8, 0)


def test_the_rule_set_carries_the_numbers_of_article_69():
    assert (RULES.visits_per_week, RULES.visit_hours, RULES.approved_visit_hours) == (1, 2, 4)
    assert (RULES.max_relatives, RULES.spouse_stays_per_month, RULES.spouse_stay_hours) == (3, 1, 48)
    assert "Điều 69" in RULES.citation


def test_no_rule_set_is_in_force_before_the_decree():
    with pytest.raises(RuleError) as refused:
        rules.rule_set_on(date(2021, 12, 31))
    assert refused.value.code == "rule_not_in_force"
    assert rules.rule_set_on(date(2022, 1, 1)).visit_hours == 2


@pytest.mark.parametrize(
    ("minutes", "approved", "refusal"),
    [
        (1, False, None),
        (120, False, None),  # 2 h
        (121, False, "visit_too_long"),  # 2 h 1 min
        (121, True, None),
        (240, True, None),  # 4 h with the director's approval
        (241, True, "visit_too_long_approved"),  # 4 h 1 min
        (241, False, "visit_too_long"),
    ],
)
def test_an_ordinary_visit_lasts_2_hours_or_4_with_approval(minutes, approved, refusal):
    ends = START + timedelta(minutes=minutes)
    if refusal is None:
        rules.check_ordinary_length(RULES, START, ends, approved=approved)
    else:
        with pytest.raises(RuleError) as refused:
            rules.check_ordinary_length(RULES, START, ends, approved=approved)
        assert refused.value.code == refusal
        assert "Điều 69" in str(refused.value)


@pytest.mark.parametrize(("minutes", "allowed"), [(48 * 60, True), (48 * 60 + 1, False), (60, True)])
def test_a_spouse_stays_48_hours_at_most(minutes, allowed):
    ends = START + timedelta(minutes=minutes)
    if allowed:
        rules.check_spouse_stay_length(RULES, START, ends)
    else:
        with pytest.raises(RuleError, match="48 hours"):
            rules.check_spouse_stay_length(RULES, START, ends)


@pytest.mark.parametrize(("count", "refusal"), [(0, "no_visitors"), (1, None), (3, None), (4, "too_many_relatives")])
def test_one_to_three_relatives_may_visit(count, refusal):
    if refusal is None:
        rules.check_relatives(RULES, count)
    else:
        with pytest.raises(RuleError) as refused:
            rules.check_relatives(RULES, count)
        assert refused.value.code == refusal


@pytest.mark.parametrize(
    ("day", "other", "allowed"),
    [
        # The week of Monday 02/03/2026 to Sunday 08/03/2026.
        (date(2026, 3, 2), date(2026, 3, 8), False),  # Monday and Sunday: the same week
        (date(2026, 3, 8), date(2026, 3, 2), False),
        (date(2026, 3, 4), date(2026, 3, 4), False),
        (date(2026, 3, 9), date(2026, 3, 8), True),  # Sunday, then Monday: two weeks (1 day apart)
        (date(2026, 3, 1), date(2026, 3, 2), True),  # Sunday 01/03 is the week before
        (
            date(2026, 3, 14),
            date(2026, 3, 8),
            True,
        ),  # 6 days apart: a rolling 7 days would refuse, the calendar week allows
    ],
)
def test_one_visit_a_calendar_week_monday_to_sunday(day, other, allowed):
    if allowed:
        rules.check_visits_this_week(RULES, day, [other])
    else:
        with pytest.raises(RuleError) as refused:
            rules.check_visits_this_week(RULES, day, [other])
        assert refused.value.code == "weekly_visit_used"
        assert other.strftime("%d/%m/%Y") in str(refused.value)


def test_the_first_visit_of_a_week_is_allowed():
    rules.check_visits_this_week(RULES, date(2026, 3, 4), [])


@pytest.mark.parametrize(
    ("day", "other", "allowed"),
    [
        (date(2026, 3, 31), date(2026, 3, 1), False),  # first and last of March
        (date(2026, 3, 15), date(2026, 3, 15), False),
        (date(2026, 4, 1), date(2026, 3, 31), True),  # the next month, a day later
        (date(2026, 2, 28), date(2026, 3, 1), True),
        (date(2026, 3, 15), date(2025, 3, 15), True),  # the same month a year before
    ],
)
def test_a_spouse_stays_once_a_calendar_month(day, other, allowed):
    if allowed:
        rules.check_spouse_stays_this_month(RULES, day, [other])
    else:
        with pytest.raises(RuleError) as refused:
            rules.check_spouse_stays_this_month(RULES, day, [other])
        assert refused.value.code == "monthly_spouse_stay_used"


def test_a_visit_ends_after_it_starts():
    with pytest.raises(RuleError):
        rules.check_times(START, START)
    rules.check_times(START, START + timedelta(minutes=1))


def test_a_spouse_stay_needs_the_spouse():
    with pytest.raises(RuleError) as refused:
        rules.check_spouse_present(False)
    assert refused.value.code == "spouse_missing"
    rules.check_spouse_present(True)


@pytest.mark.parametrize(
    ("balance", "kind", "amount", "after"),
    [
        (0, "deposit", 1, 1),
        (100_000, "withdrawal", 100_000, 0),  # the whole balance
        (100_000, "withdrawal", 99_999, 1),
        (100_000, "withdrawal", 100_001, "above_balance"),  # one đồng above
        (0, "withdrawal", 1, "above_balance"),
        (100, "deposit", 0, "amount_not_positive"),
        (100, "withdrawal", -5, "amount_not_positive"),
    ],
)
def test_the_balance_after_a_movement_is_never_negative(balance, kind, amount, after):
    if isinstance(after, int):
        assert rules.balance_after(balance, kind=kind, amount=amount) == after
    else:
        with pytest.raises(RuleError) as refused:
            rules.balance_after(balance, kind=kind, amount=amount)
        assert refused.value.code == after
