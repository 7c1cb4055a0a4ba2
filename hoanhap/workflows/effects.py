"""What a step does to other records when it is done: a registry, key → function(actor, case,
task, data), called inside the step's transaction. A module's own service does the work (one
source of truth); its refusal (DomainError) shows beside the task's fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from hoanhap.core.errors import DomainError

Effect = Callable[[Any, Any, Any, dict[str, Any]], None]
EFFECTS: dict[str, Effect] = {}
LABELS: dict[str, Any] = {}


def register(key: str, label: Any) -> Callable[[Effect], Effect]:
    def decorator(function: Effect) -> Effect:
        if key in EFFECTS:
            raise ValueError(f"effect {key} registered twice")
        EFFECTS[key] = function
        LABELS[key] = label
        return function

    return decorator


def run(key: str, actor: Any, case: Any, task: Any, data: dict[str, Any]) -> None:
    try:
        effect = EFFECTS[key]
    except KeyError:
        raise DomainError(_("This step names an unknown effect."), code="unknown_effect") from None
    effect(actor, case, task, data)


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def case_data(case: Any) -> dict[str, Any]:
    """Every value entered on the case's done tasks, the later ones winning."""
    merged: dict[str, Any] = {}
    for task in case.tasks.filter(status="done").order_by("done_at", "pk"):
        merged.update(task.data or {})
    return merged


@register("residents.record_leave", _("Record the resident's funeral leave"))
def record_leave(actor: Any, case: Any, task: Any, data: dict[str, Any]) -> None:
    from hoanhap.core import clock
    from hoanhap.residents import services as residents

    if case.episode_id is None:
        raise DomainError(_("This case names no resident's episode."), code="no_episode")
    values = {**case_data(case), **data}
    try:
        days = int(values.get("days") or 0)
        travel_days = int(values.get("travel_days") or 0)
    except (TypeError, ValueError):
        raise DomainError(_("Enter a whole number."), code="invalid", field="days") from None
    residents.record_leave(
        actor=actor,
        episode=case.episode,
        occurred_on=clock.today(),  # the resident leaves on the day the director approves
        leave_reason=values.get("leave_reason", ""),
        days=days,
        travel_days=travel_days,
        decision_number=values.get("decision_number", ""),
        decision_on=_date(values.get("decision_on")),
    )
