"""The current episode: admission, stage, legal events, room, reception checklist, monthly
conduct grade; and the aftercare that follows a completion. Each endpoint: the access helper, one
service, the response."""

from inspect import signature
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja.responses import Status

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.core.models import Facility

from .. import services
from ..access import resident_for_request
from ..errors import DomainError
from ..models import Aftercare, ChecklistItem, Episode, LegalEvent, Resident
from ..schemas import (
    AdmitIn,
    AftercareCloseIn,
    AftercareNoteIn,
    AftercareNoteOut,
    AftercareOut,
    ChecklistItemOut,
    ChecklistTickIn,
    EpisodeOut,
    EventIn,
    EventOut,
    GradeIn,
    GradeOut,
    RoomIn,
    StageIn,
)
from .common import REFUSED, current_episode, episode_out, placement, router


@router.post(
    "/{resident_id}/episodes",
    response={201: EpisodeOut, **REFUSED},
    summary="Admit a resident (open an episode)",
)
def admit(request: AuthenticatedRequest, resident_id: int, payload: AdmitIn) -> Any:
    resident = resident_for_request(request, resident_id, manage=True)
    zone, room = placement(resident, payload.zone_id, payload.room_id)
    episode = services.admit_resident(
        actor=request.user,
        resident=resident,
        compulsory=payload.kind == "compulsory",
        zone=zone,
        room=room,
        **payload.dict(exclude={"kind", "zone_id", "room_id"}),
    )
    return Status(201, episode_out(episode))


@router.post(
    "/{resident_id}/stage",
    response={200: EpisodeOut, **REFUSED},
    summary="Move the current episode to the next stage",
)
def move_stage(request: AuthenticatedRequest, resident_id: int, payload: StageIn) -> Any:
    resident = resident_for_request(request, resident_id, manage=True)
    episode = services.move_stage(
        actor=request.user,
        episode=current_episode(resident),
        to_stage=payload.to_stage,
        changed_on=payload.changed_on,
        note=payload.note,
        expected_version=payload.version,
    )
    return Status(200, episode_out(episode))


@router.post(
    "/{resident_id}/events",
    response={201: EventOut, **REFUSED},
    summary="Record a legal event on the current episode",
)
def record_event(request: AuthenticatedRequest, resident_id: int, payload: EventIn) -> Any:
    episode = current_episode(resident_for_request(request, resident_id, manage=True))
    result = services.record_legal_event(
        actor=request.user,
        episode=episode,
        kind=payload.kind,
        expected_version=payload.version,
        **_event_data(payload),
    )
    return Status(201, _event_out(episode, result))


# The fields each kind's service takes, beyond the actor, the episode and the version.
_EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    kind: tuple(name for name in signature(service).parameters if name not in {"actor", "episode", "expected_version"})
    for kind, service in services.EVENT_SERVICES.items()
}


def _event_data(payload: EventIn) -> dict[str, Any]:
    """The fields the kind's service takes, as the page's form gives them."""
    values = payload.dict()
    if payload.kind == "transfer":
        to_facility = Facility.objects.filter(pk=payload.to_facility_id or 0, is_active=True).first()
        if to_facility is None:
            raise DomainError(_("Choose another, active facility."), code="invalid", field="to_facility_id")
        values["to_facility"] = to_facility
    spec = services.EVENT_SPECS[payload.kind]
    if values.get(spec.date_field) is None:
        raise DomainError(_("Enter the date."), code="required", field=spec.date_field)
    for name in spec.numbers:
        if values.get(name) is None:
            raise DomainError(_("Enter a number."), code="required", field=name)
    return {name: values[name] for name in _EVENT_FIELDS[payload.kind]}


def _event_out(episode: Episode, result: Any) -> dict[str, Any]:
    if isinstance(result, LegalEvent):
        event = result
    elif isinstance(result, Episode):  # a transfer returns the continuing episode
        event = LegalEvent.objects.get(episode=episode, kind=LegalEvent.Kind.TRANSFER)
    else:  # a completion returns its certificate
        event = LegalEvent.objects.get(episode=episode, kind=LegalEvent.Kind.COMPLETION)
    event.episode.refresh_from_db()
    certificate = getattr(event.episode, "certificate", None) if event.kind == LegalEvent.Kind.COMPLETION else None
    return {
        "id": event.pk,
        "kind": event.kind,
        "occurred_on": event.occurred_on,
        "ended_on": event.ended_on,
        "decision_number": event.decision_number,
        "decision_on": event.decision_on,
        "episode": episode_out(event.episode),
        "certificate_number": certificate.number if certificate else None,
    }


@router.post(
    "/{resident_id}/room",
    response={200: EpisodeOut, **REFUSED},
    summary="Move the resident to another zone and room",
    description="The zone and room must be the facility's and fit the resident (sex, age); the day not in the future.",
)
def change_room(request: AuthenticatedRequest, resident_id: int, payload: RoomIn) -> Any:
    resident = resident_for_request(request, resident_id, manage=True)
    zone, room = placement(resident, payload.zone_id, payload.room_id)
    episode = services.assign_room(
        actor=request.user,
        episode=current_episode(resident),
        zone=zone,
        room=room,
        on=payload.on,
        expected_version=payload.version,
    )
    return Status(200, episode_out(episode))


def _checklist_item_out(item: ChecklistItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "item": item.item,
        "label": str(item.get_item_display()),
        "done_on": item.done_on,
        "done_by": item.done_by.get_full_name() if item.done_by else None,
    }


@router.get(
    "/{resident_id}/checklist",
    response={200: list[ChecklistItemOut], **REFUSED},
    summary="The reception checklist of the current episode",
)
def checklist(request: AuthenticatedRequest, resident_id: int) -> Any:
    episode = current_episode(resident_for_request(request, resident_id))
    return [_checklist_item_out(item) for item in episode.checklist.select_related("done_by")]


@router.post(
    "/{resident_id}/checklist/{item_id}",
    response={200: ChecklistItemOut, **REFUSED},
    summary="Tick a reception task done (or not done after all)",
    description="Only while the episode is in reception; the day not before the admission nor in the future.",
)
def tick_checklist(request: AuthenticatedRequest, resident_id: int, item_id: int, payload: ChecklistTickIn) -> Any:
    episode = current_episode(resident_for_request(request, resident_id, manage=True))
    item = services.tick_checklist_item(
        actor=request.user,
        item=get_object_or_404(ChecklistItem, pk=item_id, episode=episode),
        done=payload.done,
        done_on=payload.done_on,
    )
    return Status(200, _checklist_item_out(item))


@router.post(
    "/{resident_id}/grades",
    response={201: GradeOut, **REFUSED},
    summary="Record the monthly conduct grade",
    description="Circular 29/2022/TT-BLĐTBXH. Grading a month again corrects it; not before the admission month.",
)
def record_grade(request: AuthenticatedRequest, resident_id: int, payload: GradeIn) -> Any:
    episode = current_episode(resident_for_request(request, resident_id, manage=True))
    grade = services.record_conduct_grade(
        actor=request.user, episode=episode, month=payload.month, grade=payload.grade, note=payload.note
    )
    return Status(201, {"id": grade.pk, "month": grade.month, "grade": grade.grade, "note": grade.note})


def _open_aftercare(resident: Resident) -> Aftercare:
    return get_object_or_404(
        Aftercare, resident=resident, facility_id=resident.facility_id, status=Aftercare.Status.OPEN
    )


def _aftercare_out(aftercare: Aftercare) -> dict[str, Any]:
    return {name: getattr(aftercare, name) for name in AftercareOut.model_fields}


@router.post(
    "/{resident_id}/aftercare/notes",
    response={201: AftercareNoteOut, **REFUSED},
    summary="Add a follow-up note to the open aftercare",
    description="404 when the resident has no open aftercare in the caller's facility.",
)
def add_aftercare_note(request: AuthenticatedRequest, resident_id: int, payload: AftercareNoteIn) -> Any:
    aftercare = _open_aftercare(resident_for_request(request, resident_id, manage=True))
    note = services.add_aftercare_note(
        actor=request.user, aftercare=aftercare, noted_on=payload.noted_on, text=payload.text
    )
    return Status(201, {"id": note.pk, "noted_on": note.noted_on, "text": note.text})


@router.post(
    "/{resident_id}/aftercare/close",
    response={200: AftercareOut, **REFUSED},
    summary="End the open aftercare",
    description="404 when the resident has no open aftercare in the caller's facility.",
)
def close_aftercare(request: AuthenticatedRequest, resident_id: int, payload: AftercareCloseIn) -> Any:
    aftercare = _open_aftercare(resident_for_request(request, resident_id, manage=True))
    aftercare = services.close_aftercare(actor=request.user, aftercare=aftercare, closed_on=payload.closed_on)
    return Status(200, _aftercare_out(aftercare))
