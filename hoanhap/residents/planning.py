"""The planned length of each stage of an episode.

No law sets how long a stage lasts (Law 73/2021 art. 29): the centre plans them. A facility may
store its plan as `StagePlan` rows (days per stage, all five); without a complete plan the term is
split in proportion (DEFAULT_STAGE_SHARES). The plan places the stages still to come after the
current one; a stage that lasts longer than planned puts the episode on the "overdue" list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from . import terms
from .terms import STAGE_ORDER, Stage

# Shares of the whole term, summing to 1; the same for every kind of rehab. A voluntary resident
# who leaves after stage 3 (Law 73 art. 29 cl. 2) simply does not reach the later stages.
DEFAULT_STAGE_SHARES: Mapping[Stage, Fraction] = {
    Stage.RECEPTION: Fraction(5, 100),
    Stage.DETOX: Fraction(10, 100),
    Stage.REHABILITATION: Fraction(30, 100),
    Stage.LABOUR_THERAPY: Fraction(40, 100),
    Stage.REINTEGRATION: Fraction(15, 100),
}
assert sum(DEFAULT_STAGE_SHARES.values()) == 1


@dataclass(frozen=True)
class PlannedStage:
    stage: Stage
    starts_on: date
    ends_on: date
    days: int
    is_current: bool


def term_days(*, start_on: date, term_months: int) -> int:
    return (terms.add_months(start_on, term_months) - start_on).days


def stage_lengths(*, term_days: int, facility_plan: Mapping[str, int] | None = None) -> dict[Stage, int]:
    """Days per stage: the facility's plan when it covers all five stages, else a split of the term."""
    if facility_plan and all(stage in facility_plan for stage in STAGE_ORDER):
        return {stage: int(facility_plan[stage]) for stage in STAGE_ORDER}
    lengths = {stage: int(term_days * share) for stage, share in DEFAULT_STAGE_SHARES.items()}
    # Rounding leftovers go to the last stage, so the plan ends with the term.
    lengths[Stage.REINTEGRATION] += term_days - sum(lengths.values())
    return lengths


def plan_from(
    *,
    stage: str,
    stage_since_on: date,
    lengths: Mapping[Stage, int],
    today: date | None = None,
    ends_on: date | None = None,
) -> list[PlannedStage]:
    """The current stage and those after it, each starting when the previous one should end, and
    not before `today`: a stage running late pushes the next ones back.

    With `ends_on` (the expected release date, from the same clock: release.stage_plan) the plan
    ends on it: the current stage ends by then at the latest (in the last stage, on it), and the
    stages to come fill the days left, shrunk in proportion when fewer than planned, the last
    stage taking what is over.
    """
    current = Stage(stage)
    coming = STAGE_ORDER[STAGE_ORDER.index(current) + 1 :]
    current_ends_on = stage_since_on + timedelta(days=lengths[current])
    if ends_on is not None:
        ends_on = max(ends_on, stage_since_on)
        current_ends_on = ends_on if not coming else min(current_ends_on, ends_on)
    plan = [PlannedStage(current, stage_since_on, current_ends_on, (current_ends_on - stage_since_on).days, True)]
    starts_on = current_ends_on if today is None else max(current_ends_on, today)
    if ends_on is not None:
        starts_on = min(starts_on, ends_on)
    days = {each: lengths[each] for each in coming}
    if ends_on is not None and coming:
        available, wanted = (ends_on - starts_on).days, sum(days.values())
        if wanted and available < wanted:
            days = {each: lengths[each] * available // wanted for each in coming}
        days[coming[-1]] += available - sum(days.values())
    for each in coming:
        plan.append(PlannedStage(each, starts_on, starts_on + timedelta(days=days[each]), days[each], False))
        starts_on += timedelta(days=days[each])
    return plan


def stage_planned_end_on(
    *, stage: str, stage_since_on: date, lengths: Mapping[Stage, int], ends_on: date | None = None
) -> date:
    """When the current stage should end; by the release date (`ends_on`) at the latest, as in
    `plan_from`."""
    return plan_from(stage=stage, stage_since_on=stage_since_on, lengths=lengths, ends_on=ends_on)[0].ends_on
