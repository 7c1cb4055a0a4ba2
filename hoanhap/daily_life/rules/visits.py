"""Family visits, parcels and money: the pure, dated rules.

Decree 116/2021/NĐ-CP, art. 69 (family visits at a compulsory rehab centre):
- a resident may be visited at most once a week, each visit up to 2 hours, up to 4 hours with the
  director's approval, by at most 3 relatives, each identified by an identity paper;
- a resident may receive the spouse in a private room once a month, for up to 48 hours.

"Mỗi tuần 1 lần" is read as once per calendar week, Monday to Sunday (the usual reading, and how
the gate's weekly schedule is kept): a visit on Sunday and the next on Monday are in two weeks; two
on Monday and Sunday of the same week are refused. "Mỗi tháng 1 lần" is once per calendar month.

Pure: no models, no database. The services count the resident's other visits and call these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext_lazy as _

from hoanhap.core.errors import RuleError

DECREE_116_ART_69 = "Nghị định 116/2021/NĐ-CP, Điều 69"


@dataclass(frozen=True)
class VisitRuleSet:
    effective_from: date
    citation: str
    visits_per_week: int  # ordinary visits per calendar week (Mon–Sun)
    visit_hours: int  # an ordinary visit's length
    approved_visit_hours: int  # with the director's approval
    max_relatives: int  # visitors at one visit
    spouse_stays_per_month: int  # per calendar month
    spouse_stay_hours: int


RULE_SETS: tuple[VisitRuleSet, ...] = (
    VisitRuleSet(
        # Decree 116/2021/NĐ-CP, in force from 01/01/2022 (DOMAIN.md, "The law"); Circular
        # 29/2022/TT-BLĐTBXH sets the centres' visit rules within these numbers.
        effective_from=date(2022, 1, 1),
        citation=DECREE_116_ART_69,
        visits_per_week=1,
        visit_hours=2,
        approved_visit_hours=4,
        max_relatives=3,
        spouse_stays_per_month=1,
        spouse_stay_hours=48,
    ),
)


def rule_set_on(day: date) -> VisitRuleSet:
    """The visit rules in force on `day`."""
    in_force = [rules for rules in RULE_SETS if rules.effective_from <= day]
    if not in_force:
        raise RuleError(
            _("No visit rules were in force on %(day)s."), code="rule_not_in_force", day=day.strftime("%d/%m/%Y")
        )
    return max(in_force, key=lambda rules: rules.effective_from)


def week_of(day: date) -> tuple[date, date]:
    """The calendar week (Monday to Sunday) the day is in."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_of(day: date) -> tuple[date, date]:
    """The calendar month the day is in, first and last day."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise RuleError(_("A visit ends after it starts."), code="ends_before_start")


def check_ordinary_length(rules: VisitRuleSet, starts_at: datetime, ends_at: datetime, *, approved: bool) -> None:
    """Up to `visit_hours`; up to `approved_visit_hours` when the director approved."""
    length = ends_at - starts_at
    if length <= timedelta(hours=rules.visit_hours):
        return
    if not approved:
        raise RuleError(
            _(
                "A visit lasts at most %(hours)s hours (%(citation)s); a longer one, up to %(approved)s hours, "
                "needs the director's approval."
            ),
            code="visit_too_long",
            hours=rules.visit_hours,
            approved=rules.approved_visit_hours,
            citation=rules.citation,
        )
    if length > timedelta(hours=rules.approved_visit_hours):
        raise RuleError(
            _("A visit lasts at most %(approved)s hours, even with the director's approval (%(citation)s)."),
            code="visit_too_long_approved",
            approved=rules.approved_visit_hours,
            citation=rules.citation,
        )


def check_spouse_stay_length(rules: VisitRuleSet, starts_at: datetime, ends_at: datetime) -> None:
    if ends_at - starts_at > timedelta(hours=rules.spouse_stay_hours):
        raise RuleError(
            _("A spouse's stay lasts at most %(hours)s hours (%(citation)s)."),
            code="spouse_stay_too_long",
            hours=rules.spouse_stay_hours,
            citation=rules.citation,
        )


def check_relatives(rules: VisitRuleSet, count: int) -> None:
    if count < 1:
        raise RuleError(_("Add the visitors, each with an identity paper."), code="no_visitors")
    if count > rules.max_relatives:
        raise RuleError(
            _("At most %(limit)s relatives may visit at once (%(citation)s); %(count)s were entered."),
            code="too_many_relatives",
            limit=rules.max_relatives,
            count=count,
            citation=rules.citation,
        )


def check_visits_this_week(rules: VisitRuleSet, day: date, booked_days: list[date]) -> None:
    """`booked_days`: the days of the resident's other ordinary visits (not cancelled)."""
    monday, sunday = week_of(day)
    same_week = sorted(other for other in booked_days if monday <= other <= sunday)
    if len(same_week) >= rules.visits_per_week:
        raise RuleError(
            _(
                "At most %(limit)s visit a week (%(citation)s): this resident already has a visit on %(other)s, "
                "in the week of %(monday)s to %(sunday)s."
            ),
            code="weekly_visit_used",
            limit=rules.visits_per_week,
            other=same_week[0].strftime("%d/%m/%Y"),
            monday=monday.strftime("%d/%m/%Y"),
            sunday=sunday.strftime("%d/%m/%Y"),
            citation=rules.citation,
        )


def check_spouse_stays_this_month(rules: VisitRuleSet, day: date, booked_days: list[date]) -> None:
    """`booked_days`: the days of the resident's other spouse stays (not cancelled)."""
    first, last = month_of(day)
    same_month = sorted(other for other in booked_days if first <= other <= last)
    if len(same_month) >= rules.spouse_stays_per_month:
        raise RuleError(
            _(
                "A spouse may stay at most %(limit)s time a month (%(citation)s): this resident already has a "
                "spouse's stay on %(other)s."
            ),
            code="monthly_spouse_stay_used",
            limit=rules.spouse_stays_per_month,
            other=same_month[0].strftime("%d/%m/%Y"),
            citation=rules.citation,
        )


def check_spouse_present(has_spouse: bool) -> None:
    if not has_spouse:
        raise RuleError(
            _("A spouse's stay needs the spouse among the visitors (%(citation)s)."),
            code="spouse_missing",
            citation=DECREE_116_ART_69,
        )


# The ledger of money kept for a resident: the balance after every movement is never negative.


def balance_after(balance: int, *, kind: str, amount: int) -> int:
    """The balance after one movement; refused if the amount is not positive or a withdrawal
    exceeds the balance. `kind` is "deposit" or "withdrawal"."""
    if amount <= 0:
        raise RuleError(_("The amount is a whole number of đồng above zero."), code="amount_not_positive")
    if kind == "deposit":
        return balance + amount
    if amount > balance:
        raise RuleError(
            _("The withdrawal (%(amount)s đ) is above the balance (%(balance)s đ)."),
            code="above_balance",
            amount=f"{amount:,}".replace(",", "."),
            balance=f"{balance:,}".replace(",", "."),
        )
    return balance - amount
