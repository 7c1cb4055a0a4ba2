"""The five stages of an episode (Law 73/2021 art. 29): the moves between them, and the stage an
episode must reach before it may end."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from .citations import STAGES_CITATION
from .errors import TransitionError
from .kinds import EpisodeKind, Stage
from .rules import RuleSet

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


def may_finish_after(kind: EpisodeKind, stage: Stage, *, rule_set: RuleSet) -> bool:
    """Whether an episode in `stage` has completed the stages its kind requires, under `rule_set`
    (the one in force on the day the episode ends).

    Voluntary rehab may end once the third stage is reached; compulsory rehab only in the last.
    """
    required = rule_set.required_stages[EpisodeKind(kind)]
    return STAGE_ORDER.index(Stage(stage)) >= STAGE_ORDER.index(required[-1])
