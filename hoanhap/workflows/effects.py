"""What a step does to other records when it is done: a registry, key → function(actor, case,
task, data), called inside the step's transaction. A module's own service does the work (one
source of truth); its refusal (DomainError) shows beside the task's fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from hoanhap.core import clock
from hoanhap.core.errors import DomainError
from hoanhap.core.models import Facility
from hoanhap.organisation import selectors as organisation
from hoanhap.organisation import services as staff_services
from hoanhap.residents import services as residents

from . import references

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


def _episode_of(case: Any) -> Any:
    if case.episode_id is None:
        raise DomainError(_("This case names no resident's episode."), code="no_episode")
    return case.episode


def _whole(values: dict[str, Any], name: str) -> int:
    try:
        return int(values.get(name) or 0)
    except (TypeError, ValueError):
        raise DomainError(_("Enter a whole number."), code="invalid", field=name) from None


@register("residents.record_leave", _("Record the resident's funeral leave"))
def record_leave(actor: Any, case: Any, task: Any, data: dict[str, Any]) -> None:
    values = {**case_data(case), **data}
    residents.record_leave(
        actor=actor,
        episode=_episode_of(case),
        occurred_on=clock.today(),  # the resident leaves on the day the director approves
        leave_reason=values.get("leave_reason", ""),
        days=_whole(values, "days"),
        travel_days=_whole(values, "travel_days"),
        decision_number=values.get("decision_number", ""),
        decision_on=_date(values.get("decision_on")),
    )


@register("residents.record_abscondence", _("Record the abscondence and the search decision"))
def record_abscondence(actor: Any, case: Any, task: Any, data: dict[str, Any]) -> None:

    values = {**case_data(case), **data}
    absconded_on = _date(values.get("absconded_on"))
    if absconded_on is None:
        raise DomainError(_("Give the day the resident left."), code="required", field="absconded_on")
    residents.record_abscondence(
        actor=actor,
        episode=_episode_of(case),
        occurred_on=absconded_on,
        decision_number=values.get("decision_number", ""),
        decision_on=_date(values.get("decision_on")),
    )


@register("residents.record_return", _("Record the resident's return"))
def record_return(actor: Any, case: Any, task: Any, data: dict[str, Any]) -> None:

    values = {**case_data(case), **data}
    returned_on = _date(values.get("returned_on"))
    if returned_on is None:
        raise DomainError(_("Give the day the resident came back."), code="required", field="returned_on")
    residents.record_return(
        actor=actor,
        episode=_episode_of(case),
        occurred_on=returned_on,
        return_manner=values.get("return_manner", ""),
    )


@register("residents.record_term_reduction", _("Record the court's term reduction"))
def record_term_reduction(actor: Any, case: Any, task: Any, data: dict[str, Any]) -> None:

    values = {**case_data(case), **data}
    decided_on = _date(values.get("court_decision_on"))
    if decided_on is None:
        raise DomainError(_("Give the date of the court's decision."), code="required", field="court_decision_on")
    residents.record_term_reduction(
        actor=actor,
        episode=_episode_of(case),
        decision_number=values.get("court_decision_number", ""),
        decision_on=decided_on,
        months=_whole(values, "months"),
        is_meritorious=bool(values.get("is_meritorious")),
    )


@register("residents.complete_episode", _("Record the completion and issue the certificate"))
def complete_episode(actor: Any, case: Any, task: Any, data: dict[str, Any]) -> None:

    # Completed on the day the director signs the certificate, signed in the director's name.
    residents.complete_episode(
        actor=actor, episode=_episode_of(case), occurred_on=clock.today(), signed_by_name=actor.get_full_name()
    )


def _chosen(values: dict[str, Any], name: str, found: Any, label: Any) -> Any:
    """The record a reference field names, still offered (else the refusal beside the field)."""

    record_id = references.record_id(values, name)
    record = found.filter(pk=record_id).first() if record_id is not None else None
    if record is None:
        raise DomainError(_("Choose %(what)s."), code="required", field=name, what=label)
    return record


@register("residents.record_transfer", _("Record the transfer to another facility"))
def record_transfer(actor: Any, case: Any, task: Any, data: dict[str, Any]) -> None:

    values = {**case_data(case), **data}
    to_facility = _chosen(
        values, "to_facility", Facility.objects.filter(is_active=True).exclude(pk=case.facility_id), _("a facility")
    )
    transferred_on = _date(values.get("transferred_on"))
    if transferred_on is None:
        raise DomainError(_("Give the day of the transfer."), code="required", field="transferred_on")
    residents.record_transfer(
        actor=actor,
        episode=_episode_of(case),
        occurred_on=transferred_on,
        to_facility=to_facility,
        decision_number=values.get("decision_number", ""),
        decision_on=_date(values.get("decision_on")),
    )


@register("organisation.post_staff_member", _("Post the staff member to the department"))
def post_staff_member(actor: Any, case: Any, task: Any, data: dict[str, Any]) -> None:
    values = {**case_data(case), **data}
    facility_id = case.facility_id
    staff_services.post_staff_member(
        actor=actor,
        staff_member=_chosen(values, "staff_member", organisation.serving_staff(facility_id), _("a staff member")),
        department=_chosen(
            values, "department", organisation.departments_in_force(facility_id, clock.today()), _("a department")
        ),
        position=_chosen(values, "position", organisation.positions(facility_id), _("a position")),
        starts_on=_date(values.get("starts_on")) or clock.today(),
        decision_number=values.get("decision_number", ""),
    )
