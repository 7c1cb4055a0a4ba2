"""A small state machine: the allowed moves of a status, as data, and the refusal of any other.

Models with a status (an episode, aftercare, a workflow case, an incident, a meeting) declare
their moves once and change the status only through `StateMachine.move`:

    CASE_STATES = StateMachine(
        "workflows.case",
        moves={
            "submit": Move(source={Case.Status.DRAFT}, target=Case.Status.OPEN),
            "close": Move(source={Case.Status.OPEN}, target=Case.Status.CLOSED),
        },
        status_label=lambda value: Case.Status(value).label,
        move_label=lambda name: MOVE_LABELS[name],
    )
    ...
    CASE_STATES.move(case, "close")     # raises DomainError(code="status_not_allowed") if not allowed

A move whose target is None is allowed in its source states and leaves the status as it is
(an event that changes nothing but must happen in the right state).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .errors import DomainError

REFUSAL = _("“%(event)s” cannot be recorded while the status is “%(status)s”.")


@dataclass(frozen=True)
class Move:
    source: Collection[str]
    target: str | None


class StateMachine:
    def __init__(
        self,
        name: str,
        *,
        moves: Mapping[str, Move],
        field: str = "status",
        status_label: Callable[[str], Any] = str,
        move_label: Callable[[str], Any] = str,
        refusal: Any = REFUSAL,
    ) -> None:
        self.name = name
        self.moves = dict(moves)
        self.field = field
        self.status_label = status_label
        self.move_label = move_label
        self.refusal = refusal

    def allowed(self, instance: Any) -> list[str]:
        """The moves the instance's status allows now, in their declared order (for buttons)."""
        status = getattr(instance, self.field)
        return [name for name, move in self.moves.items() if status in move.source]

    def is_allowed(self, instance: Any, move: str) -> bool:
        return getattr(instance, self.field) in self.moves[move].source

    def check(self, instance: Any, move: str) -> Move:
        """The move, or a DomainError a user can read when the status does not allow it."""
        try:
            found = self.moves[move]
        except KeyError:
            raise DomainError(_("Unknown event."), code="unknown_event") from None
        status = getattr(instance, self.field)
        if status not in found.source:
            raise DomainError(
                self.refusal,
                code="status_not_allowed",
                event=self.move_label(move),
                status=self.status_label(status),
            )
        return found

    def move(self, instance: Any, move: str) -> str | None:
        """Check and assign: the one place the status field is written. Returns the new status
        (None when the move leaves it as it is). The caller saves."""
        target = self.check(instance, move).target
        if target is not None:
            setattr(instance, self.field, target)
        return target
