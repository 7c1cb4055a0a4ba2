"""Labour therapy: the pure, dated rules (no database).

Decree 116/2021/NĐ-CP art. 68 (DOMAIN.md "Daily rules"): a resident works at most 8 hours a day and
48 hours a week. Choices the law leaves to the software, stated here once:

- the week is the calendar week, Monday to Sunday (ISO 8601), as the centre's weekly plans are
  drawn; a Sunday's hours and the next Monday's never add up;
- hours are recorded in steps of half an hour (0.5 h): the leader writes what the team did, not
  minutes; a quarter hour is refused with a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from hoanhap.core.errors import RuleError

DECREE_116_ART_68 = "Nghị định 116/2021/NĐ-CP, Điều 68"


@dataclass(frozen=True)
class LabourRuleSet:
    effective_from: date
    citation: str
    max_hours_per_day: Decimal
    max_hours_per_week: Decimal
    hours_step: Decimal


LABOUR_2022 = LabourRuleSet(
    effective_from=date(2022, 1, 1),
    citation=DECREE_116_ART_68,
    max_hours_per_day=Decimal(8),
    max_hours_per_week=Decimal(48),
    hours_step=Decimal("0.5"),
)
LABOUR_RULE_SETS: tuple[LabourRuleSet, ...] = (LABOUR_2022,)


def rule_set_on(day: date) -> LabourRuleSet:
    """The labour rules in force on `day`."""
    for rule_set in reversed(LABOUR_RULE_SETS):
        if rule_set.effective_from <= day:
            return rule_set
    raise RuleError(_("No labour rules are recorded for %(day)s."), code="not_in_force", day=day.strftime("%d/%m/%Y"))


def week_of(day: date) -> tuple[date, date]:
    """The calendar week (Monday to Sunday) holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def check_hours(hours: Decimal, *, day: date, other_hours_that_week: Decimal) -> None:
    """Refuse `hours` worked on `day` when they are not positive, not in steps of the rule set, over
    the daily cap, or bring the calendar week (with `other_hours_that_week`, the resident's other
    days of that week) over the weekly cap."""
    rules = rule_set_on(day)
    if hours <= 0:
        raise RuleError(_("Hours worked must be more than 0."), code="hours_not_positive")
    if hours % rules.hours_step:
        raise RuleError(_("Record hours in steps of %(step)s h."), code="hours_step", step=_number(rules.hours_step))
    if hours > rules.max_hours_per_day:
        raise RuleError(
            _("%(hours)s h is more than the %(cap)s hours a day the law allows (%(citation)s)."),
            code="over_daily_cap",
            hours=_number(hours),
            cap=_number(rules.max_hours_per_day),
            citation=rules.citation,
        )
    week_total = other_hours_that_week + hours
    if week_total > rules.max_hours_per_week:
        monday, sunday = week_of(day)
        raise RuleError(
            _(
                "This makes %(total)s h in the week %(monday)s–%(sunday)s, more than the %(cap)s hours a week "
                "the law allows (%(citation)s)."
            ),
            code="over_weekly_cap",
            total=_number(week_total),
            monday=monday.strftime("%d/%m"),
            sunday=sunday.strftime("%d/%m/%Y"),
            cap=_number(rules.max_hours_per_week),
            citation=rules.citation,
        )


def _number(value: Decimal) -> str:
    """8 → "8", 7.50 → "7.5", 0.25 → "0.25"."""
    text = format(value.normalize(), "f")
    return text
