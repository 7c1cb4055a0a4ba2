"""Courses and classes: the pure, dated rules. No database.

A vocational course is graded on a 10-point scale and passes at 5 (Circular 42/2015/TT-BLĐTBXH on
elementary vocational training, art. 14 and 17: results on a 10-point scale, a module passed at 5.0
or above); a certificate goes only to a resident who passed. A roll call is for a lesson held
today or before, never ahead; a teacher may correct it afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hoanhap.core.errors import RuleError

CIRCULAR_42_2015 = "Thông tư 42/2015/TT-BLĐTBXH"


@dataclass(frozen=True)
class RuleSet:
    effective_from: date
    citation: str
    max_score: Decimal
    pass_mark: Decimal


RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        effective_from=date(2015, 12, 5),
        citation=f"{CIRCULAR_42_2015}, art. 14, 17",
        max_score=Decimal("10"),
        pass_mark=Decimal("5"),
    ),
)


def rule_set_on(day: date) -> RuleSet:
    """The rule set in force on `day` (the latest that took effect on or before it)."""
    in_force = [rules for rules in RULE_SETS if rules.effective_from <= day]
    if not in_force:
        raise RuleError(f"No course rules in force on {day:%d/%m/%Y}.", code="not_in_force")
    return max(in_force, key=lambda rules: rules.effective_from)


def passes(score: Decimal, *, on: date) -> bool:
    """Whether a score passes the course, by the rules in force on the day it is recorded."""
    return score >= rule_set_on(on).pass_mark


def score_in_range(score: Decimal, *, on: date) -> bool:
    return Decimal("0") <= score <= rule_set_on(on).max_score


def may_call_roll(*, held_on: date, today: date) -> bool:
    """A roll call records what happened: the lesson must have been held (today or before)."""
    return held_on <= today
