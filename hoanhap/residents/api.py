"""The residents API: the same selectors and services as the pages, so the same rules.

Another facility's resident is a 404; sensitive fields are null for a caller without the
capability; a rule's refusal is a 400 (409 for a possible duplicate or a stale version) with
`{"detail", "code", "field"}`; malformed input is ninja's 422. Every endpoint about one resident
goes through `resident_for_request`, which writes the access log.
"""

from inspect import signature
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core import clock
from hoanhap.core.models import Facility, Room, Zone

from . import selectors, services
from .access import resident_for_request
from .errors import DomainError
from .models import Episode, LegalEvent, Resident
from .release import is_clock_stopped, release_computation
from .schemas import (
    AdmitIn,
    EpisodeOut,
    ErrorOut,
    EventIn,
    EventOut,
    RegisterIn,
    ResidentDetailOut,
    ResidentOut,
    SearchQuery,
    StageIn,
)

router = Router(tags=["residents"])


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=200)


# --- Helpers -------------------------------------------------------------------------------------


def _episode_out(episode: Episode) -> dict[str, Any]:
    return {name: getattr(episode, name) for name in EpisodeOut.model_fields}


def _detail(request: AuthenticatedRequest, resident: Resident) -> dict[str, Any]:
    data = {name: getattr(resident, name) for name in ResidentDetailOut.model_fields if hasattr(resident, name)}
    data["has_photo"] = bool(resident.photo)
    visible = selectors.visible_sensitive_fields(selectors.capabilities_for_resident(request.user, resident))
    for name in Resident.SENSITIVE_FIELDS:
        if name not in visible:
            data[name] = None
    current = (
        resident.episodes.filter(facility_id=resident.facility_id, status__in=selectors.OPEN_STATUSES)
        .prefetch_related("legal_events")
        .first()
    )
    if current is not None and current.facility_id in facility_ids_with(request.user, Capability.VIEW_RESIDENTS):
        release = release_computation(current, today=clock.today())
        data["current_episode"] = {
            **_episode_out(current),
            "release_on_if_present": release.expected_on,
            "release_derivation": release.derivation(),
            "clock_stopped": is_clock_stopped(current),
        }
    return data


def _current_episode(resident: Resident) -> Episode:
    episode = resident.episodes.filter(facility_id=resident.facility_id, status__in=selectors.OPEN_STATUSES).first()
    if episode is None:
        raise DomainError(_("This resident is not in rehab."), code="not_in_rehab")
    return episode


def _placement(resident: Resident, zone_id: int, room_id: int) -> tuple[Zone, Room]:
    zone = Zone.objects.filter(pk=zone_id, facility_id=resident.facility_id).first()
    room = Room.objects.filter(pk=room_id, facility_id=resident.facility_id).first()
    if zone is None:
        raise DomainError(_("Choose a zone of this facility."), code="invalid", field="zone_id")
    if room is None:
        raise DomainError(_("Choose a room of this facility."), code="invalid", field="room_id")
    return zone, room


# --- Endpoints -----------------------------------------------------------------------------------


@router.get("", response=list[ResidentOut], summary="Search residents")
@paginate(Pages, page_size=50)
def list_residents(request: AuthenticatedRequest, filters: Query[SearchQuery]):  # type: ignore[no-untyped-def]
    require_capability(request.user, Capability.VIEW_RESIDENTS)
    return selectors.search_residents(
        request.user,
        selectors.ResidentFilters(
            query=filters.q,
            stage=filters.stage,
            kind=filters.kind,
            status=filters.status,
            zone_id=filters.zone_id,
            room_id=filters.room_id,
        ),
    )


@router.get("/{resident_id}", response=ResidentDetailOut, summary="One resident (the view is logged)")
def get_resident(request: AuthenticatedRequest, resident_id: int) -> dict:
    return _detail(request, resident_for_request(request, resident_id))


@router.post("", response={201: ResidentDetailOut, 400: ErrorOut, 409: ErrorOut}, summary="Register a resident")
def register_resident(request: AuthenticatedRequest, payload: RegisterIn) -> Any:
    manage_ids = facility_ids_with(request.user, Capability.MANAGE_RESIDENTS)
    if not manage_ids:
        raise PermissionDenied
    facility_id = payload.facility_id
    if facility_id is None:
        if len(manage_ids) > 1:
            raise DomainError(
                _("Give facility_id: you manage residents in several facilities."), code="required", field="facility_id"
            )
        facility_id = next(iter(manage_ids))
    if facility_id not in manage_ids:
        raise PermissionDenied
    facility = get_object_or_404(Facility, pk=facility_id)
    fields = payload.dict(exclude={"facility_id", "contacts", "confirm_different_person"})
    # A field left out (null) keeps its default; a sensitive one sent by a caller who may not see
    # it is refused by the service (403).
    identity = {name: value for name, value in fields.items() if value is not None}
    resident = services.register_resident(
        actor=request.user,
        facility=facility,
        identity=identity,
        contacts=[services.ContactData(**contact.dict()) for contact in payload.contacts],
        confirmed_different_person=payload.confirm_different_person,
    )
    return Status(201, _detail(request, resident_for_request(request, resident.pk)))


@router.post(
    "/{resident_id}/episodes",
    response={201: EpisodeOut, 400: ErrorOut, 409: ErrorOut},
    summary="Admit a resident (open an episode)",
)
def admit(request: AuthenticatedRequest, resident_id: int, payload: AdmitIn) -> Any:
    resident = resident_for_request(request, resident_id, manage=True)
    zone, room = _placement(resident, payload.zone_id, payload.room_id)
    episode = services.admit_resident(
        actor=request.user,
        resident=resident,
        compulsory=payload.kind == "compulsory",
        zone=zone,
        room=room,
        **payload.dict(exclude={"kind", "zone_id", "room_id"}),
    )
    return Status(201, _episode_out(episode))


@router.post(
    "/{resident_id}/stage",
    response={200: EpisodeOut, 400: ErrorOut, 409: ErrorOut},
    summary="Move the current episode to the next stage",
)
def move_stage(request: AuthenticatedRequest, resident_id: int, payload: StageIn) -> Any:
    resident = resident_for_request(request, resident_id, manage=True)
    episode = services.move_stage(
        actor=request.user,
        episode=_current_episode(resident),
        to_stage=payload.to_stage,
        changed_on=payload.changed_on,
        note=payload.note,
        expected_version=payload.version,
    )
    return Status(200, _episode_out(episode))


@router.post(
    "/{resident_id}/events",
    response={201: EventOut, 400: ErrorOut, 409: ErrorOut},
    summary="Record a legal event on the current episode",
)
def record_event(request: AuthenticatedRequest, resident_id: int, payload: EventIn) -> Any:
    episode = _current_episode(resident_for_request(request, resident_id, manage=True))
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
        "episode": _episode_out(event.episode),
        "certificate_number": certificate.number if certificate else None,
    }
