"""Term reduction (Decree 116/2021 art. 58): when it may be proposed and by how many months."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext_lazy as _

from .dates import add_months
from .errors import ReductionRefused, RefusalReason
from .kinds import ConductGrade
from .rules import RuleSet, rule_set_on


def check_reduction(
    *,
    start_on: date,
    term_months: int,
    today: date,
    last_grades: Sequence[ConductGrade],
    months: int,
    meritorious: bool,
    credited_days: int = 0,
    absent_days: int = 0,
    rule_set: RuleSet | None = None,
) -> None:
    """Whether a term reduction of `months` may be proposed today (art. 58, see `ReductionRule`).

    `last_grades` are the monthly conduct grades, oldest first. Days served count the days held
    before the decision and leave out days absconded. `rule_set` defaults to the one in force on
    `today`.
    """
    rule = (rule_set if rule_set is not None else rule_set_on(today)).reduction
    term_days = (add_months(start_on, term_months) - start_on).days
    needed_days = math.ceil(term_days * rule.min_fraction_served)
    served_days = (today - start_on).days + credited_days - absent_days
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
    if len(last_grades) < rule.grades_needed:
        raise ReductionRefused(
            _("A term reduction needs %(count)s monthly conduct grades; %(have)s recorded (%(citation)s)."),
            code=RefusalReason.TOO_FEW_GRADES,
            count=rule.grades_needed,
            have=len(last_grades),
            citation=rule.citation,
        )
    recent = [ConductGrade(grade) for grade in last_grades[-rule.grades_needed :]]
    if not all(grade.is_at_least(rule.min_grade) for grade in recent):
        raise ReductionRefused(
            _(
                "A term reduction needs the last %(count)s monthly conduct grades to be "
                "“%(grade)s” or better (%(citation)s)."
            ),
            code=RefusalReason.GRADE_TOO_LOW,
            count=rule.grades_needed,
            grade=rule.min_grade.label,
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
