from datetime import date
from decimal import Decimal

import pytest

from hoanhap.core.errors import RuleError
from hoanhap.daily_life.rules import courses as rules


@pytest.mark.parametrize(
    ("score", "passed"),
    [(Decimal("4.9"), False), (Decimal("5.0"), True), (Decimal("0"), False), (Decimal("10"), True)],
)
def test_a_course_passes_at_five_out_of_ten(score: Decimal, passed: bool) -> None:
    assert rules.passes(score, on=date(2026, 3, 2)) is passed


@pytest.mark.parametrize(
    ("score", "valid"),
    [(Decimal("-0.1"), False), (Decimal("0"), True), (Decimal("10"), True), (Decimal("10.1"), False)],
)
def test_a_score_lies_between_zero_and_ten(score: Decimal, valid: bool) -> None:
    assert rules.score_in_range(score, on=date(2026, 3, 2)) is valid


def test_the_rules_are_in_force_from_the_circulars_day_and_not_before() -> None:
    assert rules.rule_set_on(date(2015, 12, 5)).pass_mark == Decimal("5")
    with pytest.raises(RuleError):
        rules.rule_set_on(date(2015, 12, 4))


@pytest.mark.parametrize(
    ("held_on", "may"), [(date(2026, 3, 1), True), (date(2026, 3, 2), True), (date(2026, 3, 3), False)]
)
def test_a_roll_is_called_for_a_lesson_held_today_or_before(held_on: date, may: bool) -> None:
    assert rules.may_call_roll(held_on=held_on, today=date(2026, 3, 2)) is may
