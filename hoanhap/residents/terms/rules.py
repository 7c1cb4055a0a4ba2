"""The dated rule sets: every legal number with the date it takes effect and the article it comes
from (DOMAIN.md, "The law"), and `rule_set_on`, the one way to the rules in force on a day."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from .citations import DECREE_116, LAW_73, LAW_120, LAW_ADMIN_VIOLATIONS
from .dates import ddmmyyyy
from .errors import RuleNotInForce
from .kinds import ConductGrade, EpisodeKind, Stage


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
    """Term reduction (Decree 116/2021 art. 58), judged at each decision: at least
    `min_fraction_served` of the term served, and each of the `grades_needed` calendar months
    before the decision's month graded `min_grade` or better (a month without a grade is not);
    `months` per decision (`meritorious_months` for a meritorious act). `max_total_months` caps
    the reductions of the whole episode, at every facility it passed through
    (`max_total_citation`). A reduction never moves the release date before its decision.
    """

    citation: str
    min_fraction_served: Fraction
    grades_needed: int
    min_grade: ConductGrade
    months: tuple[int, int]
    meritorious_months: tuple[int, int]
    max_total_months: int
    max_total_citation: str


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
    # A minor is from the first age (inclusive) to the second (exclusive); no one younger is a resident.
    minor_ages: tuple[int, int]
    minor_citation: str
    # The legal events (`LegalEvent.Kind` values) whose days do not count towards the term; leave and
    # a hospital stay count as served.
    clock_stopping_kinds: frozenset[str]
    clock_stopping_citation: str


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
        # Art. 58 sets the months per decision; the government's own reading (DOMAIN.md) is that a
        # person is reduced by at most 6 months in all, however many decisions.
        max_total_months=6,
        max_total_citation=f"{DECREE_116}, Điều 58",
    ),
    minor_ages=(12, 18),
    minor_citation=f"{LAW_73}, Điều 33",
    # Days absconded (art. 56) and days suspended (art. 57) do not count towards the term.
    clock_stopping_kinds=frozenset({"abscondence", "suspension"}),
    clock_stopping_citation=f"{DECREE_116}, Điều 56, 57",
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
        day=ddmmyyyy(day),
        first=ddmmyyyy(RULE_SETS[0].effective_from),
    )
