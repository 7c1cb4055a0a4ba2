"""The legal rules of a rehab episode, as dated rule sets.

Pure: no models, no database. Services call these functions and turn their errors into messages.
Every legal number lives in a `RuleSet` with the date it takes effect, next to the article it comes
from (DOMAIN.md, "The law"); nothing below hard-codes one.
"""

from __future__ import annotations

import calendar
import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

LAW_73 = "Luật 73/2021/QH14"
LAW_120 = "Luật 120/2025/QH15"
DECREE_116 = "Nghị định 116/2021/NĐ-CP"
LAW_ADMIN_VIOLATIONS = "Luật Xử lý vi phạm hành chính 2012"
STAGES_CITATION = f"{LAW_73}, Điều 29"


class EpisodeKind(enum.StrEnum):
    VOLUNTARY = "voluntary"
    COMPULSORY = "compulsory"
    COMPULSORY_MINOR = "compulsory_minor"

    @property
    def label(self) -> StrPromise:
        return _KIND_LABELS[self]


class Stage(enum.StrEnum):
    """The five stages of Law 73/2021 art. 29 cl. 1, in their legal order."""

    RECEPTION = "reception"
    DETOX = "detox"
    REHABILITATION = "rehabilitation"
    LABOUR_THERAPY = "labour_therapy"
    REINTEGRATION = "reintegration"

    @property
    def label(self) -> StrPromise:
        return _STAGE_LABELS[self]


class ConductGrade(enum.StrEnum):
    """The monthly conduct grade (Circular 29/2022/TT-BLĐTBXH), best first."""

    EXCELLENT = "excellent"
    GOOD = "good"
    AVERAGE = "average"
    WEAK = "weak"

    @property
    def label(self) -> StrPromise:
        return _GRADE_LABELS[self]

    def is_at_least(self, other: ConductGrade) -> bool:
        return _GRADE_RANK[self] >= _GRADE_RANK[other]


_KIND_LABELS: Mapping[EpisodeKind, StrPromise] = {
    EpisodeKind.VOLUNTARY: _("Voluntary"),
    EpisodeKind.COMPULSORY: _("Compulsory"),
    EpisodeKind.COMPULSORY_MINOR: _("Compulsory, minor"),
}
_STAGE_LABELS: Mapping[Stage, StrPromise] = {
    Stage.RECEPTION: _("Reception and classification"),
    Stage.DETOX: _("Detox and treatment"),
    Stage.REHABILITATION: _("Education, counselling and behaviour rehabilitation"),
    Stage.LABOUR_THERAPY: _("Labour therapy and vocational training"),
    Stage.REINTEGRATION: _("Preparation for reintegration"),
}
_GRADE_LABELS: Mapping[ConductGrade, StrPromise] = {
    ConductGrade.EXCELLENT: _("Excellent"),
    ConductGrade.GOOD: _("Good"),
    ConductGrade.AVERAGE: _("Average"),
    ConductGrade.WEAK: _("Weak"),
}
_GRADE_RANK: Mapping[ConductGrade, int] = {grade: -i for i, grade in enumerate(ConductGrade)}


# --- Domain errors --------------------------------------------------------------------------


class RuleError(ValueError):
    """A rule of law refuses the request.

    `str()` is the message a user reads (translated when it is rendered); `code` tells the reasons
    apart for services and tests; `params` are the numbers the message quotes.
    """

    def __init__(self, message: StrPromise, *, code: str, **params: object) -> None:
        super().__init__(message, code)
        self.message = message
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


class TermError(RuleError):
    pass


class RuleNotInForce(TermError):
    """No rule set covers the date: the software holds the law from 01/01/2022 only."""


class TransitionError(RuleError):
    pass


class ReductionRefused(RuleError):
    pass


class LeaveError(RuleError):
    pass


class RefusalReason(enum.StrEnum):
    """Why a term reduction is refused; the `code` of a `ReductionRefused`."""

    HALF_TERM_NOT_SERVED = "half_term_not_served"
    TOO_FEW_GRADES = "too_few_grades"
    GRADE_TOO_LOW = "grade_too_low"
    MONTHS_OUT_OF_RANGE = "months_out_of_range"


# --- Rule sets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermRule:
    """The term a decision may set for one kind of rehab: a range, or fixed terms.

    `fixed_months[n]` is the term when `n` compulsory rehabs came before; the last entry serves for
    every later one (Law 120/2025: 24 months the first time, 36 for a second or later).
    """

    kind: EpisodeKind
    citation: str
    min_months: int | None = None
    max_months: int | None = None
    fixed_months: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.fixed_months:
            if self.min_months is not None or self.max_months is not None:
                raise ValueError("A term rule has either a range of months or fixed terms, not both.")
        elif self.min_months is None or self.max_months is None or not 0 < self.min_months <= self.max_months:
            raise ValueError("A term range needs 0 < min_months <= max_months.")

    def bounds(self, *, prior_compulsory_count: int = 0) -> tuple[int, int]:
        if self.fixed_months:
            months = self.fixed_months[min(prior_compulsory_count, len(self.fixed_months) - 1)]
            return months, months
        assert self.min_months is not None and self.max_months is not None  # by __post_init__
        return self.min_months, self.max_months


@dataclass(frozen=True)
class ReductionRule:
    citation: str
    min_fraction_served: Fraction
    grades_needed: int
    min_grade: ConductGrade
    months: tuple[int, int]
    meritorious_months: tuple[int, int]


@dataclass(frozen=True)
class RuleSet:
    effective_from: date
    citation: str
    terms: Mapping[EpisodeKind, TermRule]
    # The stages that must be completed before an episode may end, per kind.
    required_stages: Mapping[EpisodeKind, tuple[Stage, ...]]
    aftercare_months: Mapping[EpisodeKind, int]
    aftercare_citation: str
    funeral_leave_max_days: int
    funeral_leave_citation: str
    reduction: ReductionRule
    # A minor is from the first age (inclusive) to the second (exclusive).
    minor_ages: tuple[int, int]
    minor_citation: str


RULES_2022 = RuleSet(
    effective_from=date(2022, 1, 1),
    citation=f"{LAW_73}; {DECREE_116}",
    terms={
        EpisodeKind.VOLUNTARY: TermRule(
            kind=EpisodeKind.VOLUNTARY, citation=f"{LAW_73}, Điều 31", min_months=6, max_months=12
        ),
        # Law 73 art. 32 sends adults to compulsory rehab under the Law on Handling Administrative
        # Violations, whose art. 95 sets the term.
        EpisodeKind.COMPULSORY: TermRule(
            kind=EpisodeKind.COMPULSORY,
            citation=f"{LAW_73}, Điều 32; {LAW_ADMIN_VIOLATIONS}, Điều 95",
            min_months=12,
            max_months=24,
        ),
        EpisodeKind.COMPULSORY_MINOR: TermRule(
            kind=EpisodeKind.COMPULSORY_MINOR, citation=f"{LAW_73}, Điều 33", min_months=6, max_months=12
        ),
    },
    # Law 73 art. 29 cl. 2: compulsory rehab goes through all five stages, voluntary through a–c.
    required_stages={
        EpisodeKind.VOLUNTARY: (Stage.RECEPTION, Stage.DETOX, Stage.REHABILITATION),
        EpisodeKind.COMPULSORY: tuple(Stage),
        EpisodeKind.COMPULSORY_MINOR: tuple(Stage),
    },
    aftercare_months={
        EpisodeKind.VOLUNTARY: 12,
        EpisodeKind.COMPULSORY: 24,
        EpisodeKind.COMPULSORY_MINOR: 12,
    },
    aftercare_citation=f"{LAW_73}, Điều 40",
    funeral_leave_max_days=5,
    funeral_leave_citation=DECREE_116,
    reduction=ReductionRule(
        citation=f"{DECREE_116}, Điều 58",
        min_fraction_served=Fraction(1, 2),
        grades_needed=3,
        min_grade=ConductGrade.GOOD,
        months=(1, 3),
        meritorious_months=(3, 6),
    ),
    minor_ages=(12, 18),
    minor_citation=f"{LAW_73}, Điều 33",
)

RULES_2026 = replace(
    RULES_2022,
    effective_from=date(2026, 7, 1),
    citation=f"{LAW_120} (sửa đổi {LAW_73})",
    terms={
        # DOMAIN.md gives the voluntary and minor terms from 01/07/2026 only as "as the amended law
        # sets": they stay as in 2022 until the text of Law 120/2025 says otherwise.
        **RULES_2022.terms,
        EpisodeKind.COMPULSORY: TermRule(
            kind=EpisodeKind.COMPULSORY,
            citation=LAW_120,
            fixed_months=(24, 36),
        ),
    },
)

# Oldest first; `rule_set_on` relies on the order.
RULE_SETS: tuple[RuleSet, ...] = (RULES_2022, RULES_2026)


def rule_set_on(day: date) -> RuleSet:
    """The rule set in force on `day`."""
    for rule_set in reversed(RULE_SETS):
        if rule_set.effective_from <= day:
            return rule_set
    raise RuleNotInForce(
        _("No rehab rules are recorded for %(day)s; the first rules take effect on %(first)s."),
        code="no_rule_set",
        day=_ddmmyyyy(day),
        first=_ddmmyyyy(RULE_SETS[0].effective_from),
    )


def _in_force(rule_set: RuleSet | None) -> RuleSet:
    return rule_set if rule_set is not None else rule_set_on(date.today())


def _ddmmyyyy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# --- Terms ----------------------------------------------------------------------------------


def validate_term(
    *, kind: EpisodeKind, term_months: int, decided_on: date, prior_compulsory_count: int = 0
) -> TermRule:
    """Check the term a decision states against the rules in force on the decision date.

    `prior_compulsory_count` is the number of compulsory rehabs the person had before this one.
    """
    if prior_compulsory_count < 0:
        raise ValueError(f"prior_compulsory_count must not be negative, got {prior_compulsory_count}")
    rule = rule_set_on(decided_on).terms[EpisodeKind(kind)]
    low, high = rule.bounds(prior_compulsory_count=prior_compulsory_count)
    if low <= term_months <= high:
        return rule
    if low == high:
        raise TermError(
            _("The term must be exactly %(months)s months for this rehab (%(citation)s)."),
            code="term_not_fixed_value",
            months=low,
            citation=rule.citation,
        )
    raise TermError(
        _("The term must be between %(min)s and %(max)s months for this kind of rehab (%(citation)s)."),
        code="term_out_of_range",
        min=low,
        max=high,
        citation=rule.citation,
    )


# --- Stages ---------------------------------------------------------------------------------

STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)

StageTransitions = Mapping[Stage, frozenset[Stage]]

# Law 73 art. 29 cl. 1: the stages follow one another in order, for every kind of rehab.
_ONE_STAGE_FORWARD: StageTransitions = {
    stage: frozenset(STAGE_ORDER[i + 1 : i + 2]) for i, stage in enumerate(STAGE_ORDER)
}
ALLOWED_TRANSITIONS: Mapping[EpisodeKind, StageTransitions] = dict.fromkeys(EpisodeKind, _ONE_STAGE_FORWARD)


def check_transition(*, kind: EpisodeKind, current: Stage, target: Stage) -> None:
    current, target = Stage(current), Stage(target)
    if target in ALLOWED_TRANSITIONS[EpisodeKind(kind)][current]:
        return
    if target == current:
        raise TransitionError(
            _("The resident is already in the stage “%(stage)s”."), code="same_stage", stage=current.label
        )
    if STAGE_ORDER.index(target) < STAGE_ORDER.index(current):
        raise TransitionError(
            _("A resident cannot go back from the stage “%(current)s” to “%(target)s”."),
            code="backward",
            current=current.label,
            target=target.label,
        )
    raise TransitionError(
        _("Stages go in order (%(citation)s): “%(target)s” cannot follow “%(current)s”."),
        code="skip",
        current=current.label,
        target=target.label,
        citation=STAGES_CITATION,
    )


def may_finish_after(kind: EpisodeKind, stage: Stage, *, rule_set: RuleSet | None = None) -> bool:
    """Whether an episode in `stage` has completed the stages its kind requires.

    Voluntary rehab may end once the third stage is reached; compulsory rehab only in the last.
    `rule_set` defaults to the one in force today.
    """
    required = _in_force(rule_set).required_stages[EpisodeKind(kind)]
    return STAGE_ORDER.index(Stage(stage)) >= STAGE_ORDER.index(required[-1])


# --- Release date ---------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """Calendar months; a day the target month lacks becomes its last day (31/01 + 1 = 28/02 or 29/02)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ReleaseComputation:
    start_on: date
    term_months: int
    credited_days: int
    absent_days: int
    reduction_months: int
    reduction_days: int
    expected_on: date

    def derivation(self) -> str:
        """How the date was reached, for the resident's page: "12 tháng từ 03/02/2025, +14 ngày vắng mặt"."""
        parts = [
            ngettext("%(months)s month from %(start)s", "%(months)s months from %(start)s", self.term_months)
            % {"months": self.term_months, "start": _ddmmyyyy(self.start_on)}
        ]
        if self.absent_days:
            text = ngettext("+%(days)s day absent", "+%(days)s days absent", self.absent_days)
            parts.append(text % {"days": self.absent_days})
        if self.credited_days:
            text = ngettext("−%(days)s day credited", "−%(days)s days credited", self.credited_days)
            parts.append(text % {"days": self.credited_days})
        if self.reduction_months:
            text = ngettext("−%(months)s month reduced", "−%(months)s months reduced", self.reduction_months)
            parts.append(text % {"months": self.reduction_months})
        if self.reduction_days:
            text = ngettext("−%(days)s day reduced", "−%(days)s days reduced", self.reduction_days)
            parts.append(text % {"days": self.reduction_days})
        return ", ".join(parts)


def expected_release_on(
    *,
    start_on: date,
    term_months: int,
    credited_days: int = 0,
    absent_days: int = 0,
    reduction_months: int = 0,
    reduction_days: int = 0,
) -> ReleaseComputation:
    """Start + term − days held before the decision (Decree 116 art. 44–45) + days absconded
    (Decree 116 art. 56: they do not count) − any reduction (art. 58).

    Funeral leave counts as served, so it is not an input.
    """
    amounts = {
        "term_months": term_months,
        "credited_days": credited_days,
        "absent_days": absent_days,
        "reduction_months": reduction_months,
        "reduction_days": reduction_days,
    }
    for name, value in amounts.items():
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
    if reduction_months > term_months:
        raise ValueError(f"reduction_months ({reduction_months}) exceeds term_months ({term_months})")
    expected_on = add_months(start_on, term_months - reduction_months) + timedelta(
        days=absent_days - credited_days - reduction_days
    )
    return ReleaseComputation(
        start_on=start_on,
        term_months=term_months,
        credited_days=credited_days,
        absent_days=absent_days,
        reduction_months=reduction_months,
        reduction_days=reduction_days,
        expected_on=expected_on,
    )


def days_between_absences(periods: Iterable[tuple[date, date | None]], *, today: date) -> int:
    """Days the clock stood still for abscondence (Decree 116 art. 56).

    A period runs from the day the resident left to the day they came back (05/03 → 10/03 is
    5 days); one still open runs to `today`. Overlapping records count once.
    """
    spans: list[tuple[date, date]] = []
    for left_on, returned_on in periods:
        until = today if returned_on is None else returned_on
        if until < left_on:
            raise ValueError(f"An absence cannot end ({until}) before it starts ({left_on}).")
        spans.append((left_on, until))
    total = 0
    counted_until: date | None = None
    for left_on, until in sorted(spans):
        start = left_on if counted_until is None else max(left_on, counted_until)
        total += max((until - start).days, 0)
        counted_until = until if counted_until is None else max(counted_until, until)
    return total


# --- Term reduction -------------------------------------------------------------------------


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
    before the decision and leave out days absconded. `rule_set` defaults to the one in force today.
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


# --- Aftercare, leave, minors ---------------------------------------------------------------


def aftercare_months(*, kind: EpisodeKind, completed_on: date) -> int:
    """Months of post-rehab management at the commune or ward (Law 73 art. 40)."""
    return rule_set_on(completed_on).aftercare_months[EpisodeKind(kind)]


def aftercare_ends_on(*, kind: EpisodeKind, completed_on: date) -> date:
    return add_months(completed_on, aftercare_months(kind=kind, completed_on=completed_on))


def check_funeral_leave(*, days: int, travel_days: int, rule_set: RuleSet | None = None) -> None:
    """Funeral leave for a parent, spouse or child: up to the legal days plus travel; counts as served.

    `rule_set` defaults to the one in force today.
    """
    rules = _in_force(rule_set)
    if travel_days < 0:
        raise LeaveError(_("Travel days cannot be negative."), code="negative_travel")
    if not 1 <= days <= rules.funeral_leave_max_days:
        raise LeaveError(
            _("Funeral leave is 1 to %(max)s days, plus travel (%(citation)s)."),
            code="funeral_leave_out_of_range",
            max=rules.funeral_leave_max_days,
            citation=rules.funeral_leave_citation,
        )


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years; someone born on 29/02 has their birthday on 01/03 in other years."""
    return on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))


def is_minor(date_of_birth: date, on: date) -> bool:
    """From the 12th birthday to the day before the 18th (Law 73 art. 33)."""
    youngest, adult = rule_set_on(on).minor_ages
    return youngest <= age_on(date_of_birth, on) < adult
