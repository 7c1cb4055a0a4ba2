"""The moves between the five stages and the stage an episode ends in (terms/stages.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from hoanhap.residents.terms import (
    ALLOWED_TRANSITIONS,
    RULES_2022,
    RULES_2026,
    STAGE_ORDER,
    EpisodeKind,
    Stage,
    TransitionError,
    check_transition,
    may_finish_after,
)

VOLUNTARY = EpisodeKind.VOLUNTARY
COMPULSORY = EpisodeKind.COMPULSORY
MINOR = EpisodeKind.COMPULSORY_MINOR


def test_each_stage_leads_only_to_the_next() -> None:
    for kind in EpisodeKind:
        assert ALLOWED_TRANSITIONS[kind] == {
            Stage.RECEPTION: {Stage.DETOX},
            Stage.DETOX: {Stage.REHABILITATION},
            Stage.REHABILITATION: {Stage.LABOUR_THERAPY},
            Stage.LABOUR_THERAPY: {Stage.REINTEGRATION},
            Stage.REINTEGRATION: set(),
        }


@pytest.mark.parametrize("kind", list(EpisodeKind))
@pytest.mark.parametrize(("current", "target"), list(pairwise(STAGE_ORDER)))
def test_a_resident_moves_to_the_next_stage(kind: EpisodeKind, current: Stage, target: Stage) -> None:
    check_transition(kind=kind, current=current, target=target)


@pytest.mark.parametrize(
    ("current", "target", "code"),
    [
        (Stage.RECEPTION, Stage.REHABILITATION, "skip"),
        (Stage.DETOX, Stage.LABOUR_THERAPY, "skip"),
        (Stage.RECEPTION, Stage.REINTEGRATION, "skip"),
        (Stage.DETOX, Stage.RECEPTION, "backward"),
        (Stage.REINTEGRATION, Stage.REHABILITATION, "backward"),
        *[(stage, stage, "same_stage") for stage in Stage],
    ],
)
@pytest.mark.parametrize("kind", list(EpisodeKind))
def test_a_skip_a_step_back_or_a_standstill_is_refused(
    kind: EpisodeKind, current: Stage, target: Stage, code: str
) -> None:
    with pytest.raises(TransitionError) as refused:
        check_transition(kind=kind, current=current, target=target)
    assert refused.value.code == code


def test_stage_values_from_the_database_are_accepted() -> None:
    check_transition(kind="voluntary", current="detox", target="rehabilitation")  # type: ignore[arg-type]


def test_a_skipped_stage_error_reads_in_english() -> None:
    with pytest.raises(TransitionError) as refused:
        check_transition(kind=COMPULSORY, current=Stage.RECEPTION, target=Stage.REHABILITATION)
    assert str(refused.value) == (
        "Stages go in order (Luật 73/2021/QH14, Điều 29): "
        "“Education, counselling and behaviour rehabilitation” cannot follow “Reception and classification”."
    )


@pytest.mark.parametrize(
    ("kind", "stage", "may_finish"),
    [
        (VOLUNTARY, Stage.RECEPTION, False),
        (VOLUNTARY, Stage.DETOX, False),
        (VOLUNTARY, Stage.REHABILITATION, True),
        (VOLUNTARY, Stage.LABOUR_THERAPY, True),
        (VOLUNTARY, Stage.REINTEGRATION, True),
        (COMPULSORY, Stage.REHABILITATION, False),
        (COMPULSORY, Stage.LABOUR_THERAPY, False),
        (COMPULSORY, Stage.REINTEGRATION, True),
        (MINOR, Stage.LABOUR_THERAPY, False),
        (MINOR, Stage.REINTEGRATION, True),
    ],
)
def test_voluntary_rehab_may_finish_after_stage_three_and_compulsory_only_in_the_last(
    kind: EpisodeKind, stage: Stage, may_finish: bool
) -> None:
    for rule_set in (RULES_2022, RULES_2026):
        assert may_finish_after(kind, stage, rule_set=rule_set) is may_finish
