"""Term reduction (Decree 116/2021 art. 58): when it may be decided and by how many months."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .dates import add_months, ddmmyyyy
from .errors import ReductionRefused, RefusalReason
from .kinds import ConductGrade
from .release_date import expected_release_on
from .rules import RuleSet, rule_set_on


def months_graded_before(decided_on: date, *, count: int) -> list[date]:
    """The `count` calendar months before the month of `decided_on`, oldest first, each as its
    first day (a decision of 28/02/2026 looks at 11/2025, 12/2025 and 01/2026)."""
    first = decided_on.replace(day=1)
    return [add_months(first, -n) for n in range(count, 0, -1)]


def check_reduction(
    *,
    start_on: date,
    term_months: int,
    decided_on: date,
    grades: Mapping[date, ConductGrade],
    months: int,
    meritorious: bool,
    credited_days: int = 0,
    absent_days: int = 0,
    reduced_months: int = 0,
    rule_set: RuleSet | None = None,
) -> None:
    """Whether a term reduction of `months` may be decided on `decided_on` (see `ReductionRule`).

    `grades` are the monthly conduct grades by month (its first day). Days served count the days
    held before the decision and leave out the days the clock stood still (`absent_days`).
    `reduced_months` are the months already reduced in this episode, at this facility or one the
    resident was transferred from. `rule_set` defaults to the one in force on `decided_on`.
    """
    rule = (rule_set if rule_set is not None else rule_set_on(decided_on)).reduction
    term_days = (add_months(start_on, term_months) - start_on).days
    needed_days = math.ceil(term_days * rule.min_fraction_served)
    served_days = (decided_on - start_on).days + credited_days - absent_days
    if served_days < needed_days:
        raise ReductionRefused(
            _(
                "A term can be reduced only once half of it is served: %(needed)s days, "
                "%(served)s so far (%(citation)s)."
            ),
            code=RefusalReason.HALF_TERM_NOT_SERVED,
            needed=needed_days,
            served=served_days,
            citation=rule.citation,
        )
    judged = months_graded_before(decided_on, count=rule.grades_needed)
    missing = [month for month in judged if month not in grades]
    if missing:
        raise ReductionRefused(
            _(
                "A term reduction needs a conduct grade for each of the %(count)s calendar months before "
                "the decision; none is recorded for %(months)s (%(citation)s)."
            ),
            code=RefusalReason.GRADE_MISSING,
            count=rule.grades_needed,
            months=", ".join(f"{month:%m/%Y}" for month in missing),
            citation=rule.citation,
        )
    low_months = [month for month in judged if not ConductGrade(grades[month]).is_at_least(rule.min_grade)]
    if low_months:
        raise ReductionRefused(
            _(
                "A term reduction needs each of the %(count)s calendar months before the decision to be "
                "graded “%(grade)s” or better; %(months)s (%(citation)s)."
            ),
            code=RefusalReason.GRADE_TOO_LOW,
            count=rule.grades_needed,
            grade=rule.min_grade.label,
            months=", ".join(
                gettext("%(month)s is “%(grade)s”")
                % {"month": f"{month:%m/%Y}", "grade": ConductGrade(grades[month]).label}
                for month in low_months
            ),
            citation=rule.citation,
        )
    low, high = rule.meritorious_months if meritorious else rule.months
    if not low <= months <= high:
        raise ReductionRefused(
            _("A term reduction is %(min)s to %(max)s months here (%(citation)s)."),
            code=RefusalReason.MONTHS_OUT_OF_RANGE,
            min=low,
            max=high,
            citation=rule.citation,
        )
    if reduced_months + months > rule.max_total_months:
        raise ReductionRefused(
            _(
                "A person's term can be reduced by at most %(max)s months in all; %(reduced)s already "
                "reduced, so at most %(left)s more (%(citation)s)."
            ),
            code=RefusalReason.TOTAL_EXCEEDED,
            max=rule.max_total_months,
            reduced=reduced_months,
            left=max(rule.max_total_months - reduced_months, 0),
            citation=rule.max_total_citation,
        )
    release_on = expected_release_on(
        start_on=start_on,
        term_months=term_months,
        credited_days=credited_days,
        absent_days=absent_days,
        reduction_months=min(reduced_months + months, term_months),
    ).expected_on
    if release_on < decided_on:
        raise ReductionRefused(
            _(
                "A reduction cannot move the release date before its decision: this one would set it to "
                "%(release)s, before the decision of %(decided)s (%(citation)s)."
            ),
            code=RefusalReason.RELEASE_BEFORE_DECISION,
            release=ddmmyyyy(release_on),
            decided=ddmmyyyy(decided_on),
            citation=rule.citation,
        )
