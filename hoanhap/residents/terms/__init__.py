"""The legal rules of a rehab episode, as dated rule sets.

Pure: no models, no database. Services call these functions and turn their errors into messages.
Every legal number lives in a `RuleSet` with the date it takes effect, next to the article it comes
from (DOMAIN.md, "The law"); nothing here hard-codes one. Callers use `terms.X`; the modules:

- `rules`: the dated rule sets and `rule_set_on`;
- `kinds`: the kinds of rehab, the stages, the conduct grades; `citations`: the texts cited;
- `admission`: the term a decision states, minors; `stages`: the moves between stages;
- `release_date`: the expected release date and the days the clock stood still;
- `reduction`: term reduction; `leave`: funeral leave; `aftercare`: post-rehab management;
- `errors`: the refusals; `dates`: calendar months and ages.
"""

from .admission import is_minor, validate_term
from .aftercare import aftercare_ends_on, aftercare_months
from .citations import DECREE_116, LAW_73, LAW_120, LAW_ADMIN_VIOLATIONS, STAGES_CITATION
from .dates import add_months, age_on
from .errors import (
    LeaveError,
    ReductionRefused,
    RefusalReason,
    RuleError,
    RuleNotInForce,
    TermError,
    TransitionError,
)
from .kinds import ConductGrade, EpisodeKind, Stage
from .leave import check_funeral_leave, days_late_from_leave
from .reduction import check_reduction, months_graded_before
from .release_date import ReleaseComputation, days_between_absences, expected_release_on, stops_the_clock
from .rules import RULE_SETS, RULES_2022, RULES_2026, ReductionRule, RuleSet, TermRule, rule_set_on
from .stages import ALLOWED_TRANSITIONS, STAGE_ORDER, StageTransitions, check_transition, may_finish_after

__all__ = [
    "ALLOWED_TRANSITIONS",
    "DECREE_116",
    "LAW_73",
    "LAW_120",
    "LAW_ADMIN_VIOLATIONS",
    "RULES_2022",
    "RULES_2026",
    "RULE_SETS",
    "STAGES_CITATION",
    "STAGE_ORDER",
    "ConductGrade",
    "EpisodeKind",
    "LeaveError",
    "ReductionRefused",
    "ReductionRule",
    "RefusalReason",
    "ReleaseComputation",
    "RuleError",
    "RuleNotInForce",
    "RuleSet",
    "Stage",
    "StageTransitions",
    "TermError",
    "TermRule",
    "TransitionError",
    "add_months",
    "aftercare_ends_on",
    "aftercare_months",
    "age_on",
    "check_funeral_leave",
    "check_reduction",
    "check_transition",
    "days_between_absences",
    "days_late_from_leave",
    "expected_release_on",
    "is_minor",
    "may_finish_after",
    "months_graded_before",
    "rule_set_on",
    "stops_the_clock",
    "validate_term",
]
