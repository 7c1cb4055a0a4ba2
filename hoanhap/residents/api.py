"""The residents API: the same selectors and services as the pages, so the same rules.

Another facility's resident is a 404; sensitive fields are null for a caller without the
capability; a rule's refusal is a 400 (409 for a possible duplicate or a stale version) with
`{"detail", "code", "field"}`; malformed input is ninja's 422. Every endpoint about one resident
goes through `shows_resident`, which writes the access log.
"""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with, has_capability
from hoanhap.core.models import Facility, Room, Zone

from . import clock, selectors, services
from .access import shows_resident
from .errors import DomainError, PossibleDuplicate
from .models import Episode, LegalEvent, Resident
from .release import is_clock_stopped, release_computation

router = Router(tags=["residents"])

# Ids beyond a 64-bit integer are refused (422) before they reach the database.
MAX_ID = 2**63 - 1


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=200)


# --- Schemas -------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str
    code: str = ""
    field: str | None = None
    candidates: list[int] = []


class EpisodeOut(Schema):
    id: int
    facility_id: int
    kind: str
    stage: str
    stage_since_on: date
    stage_planned_end_on: date | None
    status: str
    outcome: str
    admitted_on: date
    term_months: int
    credited_days: int
    decision_number: str
    decision_on: date | None
    zone_id: int | None
    room_id: int | None
    expected_release_on: date | None
    closed_on: date | None
    version: int


class CurrentEpisodeOut(EpisodeOut):
    release_on_if_present: date
    release_derivation: str
    clock_stopped: bool


class ResidentOut(Schema):
    id: int
    facility_id: int
    record_number: str
    full_name: str
    date_of_birth: date
    sex: str


class ResidentDetailOut(ResidentOut):
    other_names: str
    permanent_province: str
    permanent_commune: str
    permanent_address: str
    current_province: str
    current_commune: str
    current_address: str
    education: str
    occupation: str
    has_photo: bool
    version: int
    # Sensitive: null unless the caller may see them (Resident.SENSITIVE_FIELDS).
    ethnicity: str | None = None
    citizen_id: str | None = None
    has_criminal_record: bool | None = None
    has_drug_offence_record: bool | None = None
    was_sanctioned_for_drug_use: bool | None = None
    criminal_record_note: str | None = None
    substances: list[str] | None = None
    first_use_year: int | None = None
    prior_rehab_count: int | None = None
    current_episode: CurrentEpisodeOut | None = None


class ContactIn(Schema):
    relation: str = Field(max_length=50)
    full_name: str = Field(max_length=150)
    phone: str = Field("", max_length=30)
    address: str = Field("", max_length=300)


class RegisterIn(Schema):
    facility_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Needed when the caller manages residents in several facilities."
    )
    record_number: str = Field("", max_length=30)
    full_name: str = Field(max_length=150)
    other_names: str = Field("", max_length=150)
    date_of_birth: date
    sex: Literal["male", "female"]
    ethnicity: str | None = Field(None, max_length=50)
    citizen_id: str | None = Field(None, max_length=12)
    permanent_province: str = Field("", max_length=100)
    permanent_commune: str = Field("", max_length=100)
    permanent_address: str = Field("", max_length=300)
    current_province: str = Field("", max_length=100)
    current_commune: str = Field("", max_length=100)
    current_address: str = Field("", max_length=300)
    education: str = Field("", max_length=100)
    occupation: str = Field("", max_length=100)
    substances: list[str] | None = Field(None, max_length=20)
    first_use_year: int | None = Field(None, ge=1900, le=2200)
    prior_rehab_count: int | None = Field(None, ge=0, le=100)
    has_criminal_record: bool | None = None
    has_drug_offence_record: bool | None = None
    was_sanctioned_for_drug_use: bool | None = None
    criminal_record_note: str | None = Field(None, max_length=5000)
    contacts: list[ContactIn] = Field([], max_length=10)
    confirm_different_person: bool = False


class AdmitIn(Schema):
    kind: Literal["voluntary", "compulsory"]
    admitted_on: date
    term_months: int = Field(ge=1, le=120)
    zone_id: int = Field(ge=1, le=MAX_ID)
    room_id: int = Field(ge=1, le=MAX_ID)
    requested_on: date | None = None
    decision_number: str = Field("", max_length=60)
    decision_on: date | None = None
    decided_by: str = Field("", max_length=150)
    credited_days: int = Field(0, ge=0, le=5000)
    prior_compulsory_outside: int = Field(0, ge=0, le=50)


class StageIn(Schema):
    to_stage: Literal["reception", "detox", "rehabilitation", "labour_therapy", "reintegration"]
    changed_on: date
    note: str = Field("", max_length=300)
    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="The episode version read; a stale one is refused (409)."
    )


class EventIn(Schema):
    """One legal event; which fields it needs depends on `kind` (see the pages' forms)."""

    kind: Literal[
        "leave",
        "abscondence",
        "return",
        "term_reduction",
        "postponement",
        "exemption",
        "hospital",
        "transfer",
        "death",
        "completion",
        "discharge",
    ]
    occurred_on: date | None = None
    decision_number: str = Field("", max_length=60)
    decision_on: date | None = None
    decided_by: str = Field("", max_length=150)
    note: str = Field("", max_length=5000)
    leave_reason: str = Field("", max_length=20)
    days: int | None = Field(None, ge=0, le=365)
    travel_days: int | None = Field(None, ge=0, le=60)
    place: str = Field("", max_length=200)
    return_manner: str = Field("", max_length=20)
    months: int | None = Field(None, ge=0, le=60)
    is_meritorious: bool = False
    to_facility_id: int | None = Field(None, ge=1, le=MAX_ID)
    discharge_reason: str = Field("", max_length=30)
    signed_by_name: str = Field("", max_length=150)
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class EventOut(Schema):
    id: int
    kind: str
    occurred_on: date
    ended_on: date | None
    decision_number: str
    decision_on: date | None
    episode: EpisodeOut
    certificate_number: str | None = None


# --- Helpers -------------------------------------------------------------------------------------


def _require_view(request: HttpRequest) -> None:
    if not has_capability(request.user, Capability.VIEW_RESIDENTS):  # type: ignore[arg-type]
        raise PermissionDenied


def domain_errors(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """A rule's refusal as a 4xx with the readable message, never a 500."""

    @wraps(endpoint)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return endpoint(request, *args, **kwargs)
        except DomainError as error:
            body: dict[str, Any] = {"detail": str(error), "code": error.code, "field": error.field}
            if isinstance(error, PossibleDuplicate):
                body["candidates"] = [resident.pk for resident in error.candidates]
            return Status(error.status_code, body)

    return wrapped


def _episode_out(episode: Episode) -> dict[str, Any]:
    return {name: getattr(episode, name) for name in EpisodeOut.model_fields}


def _detail(request: HttpRequest, resident: Resident) -> dict[str, Any]:
    data = {name: getattr(resident, name) for name in ResidentDetailOut.model_fields if hasattr(resident, name)}
    data["has_photo"] = bool(resident.photo)
    visible = selectors.visible_sensitive_fields(selectors.capabilities_for_resident(request.user, resident))  # type: ignore[arg-type]
    for name in Resident.SENSITIVE_FIELDS:
        if name not in visible:
            data[name] = None
    current = (
        resident.episodes.filter(facility_id=resident.facility_id, status__in=selectors.OPEN_STATUSES)
        .prefetch_related("legal_events")
        .first()
    )
    if current is not None and current.facility_id in facility_ids_with(request.user, Capability.VIEW_RESIDENTS):  # type: ignore[arg-type]
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


# --- Endpoints -----------------------------------------------------------------------------------


class SearchQuery(Schema):
    q: str = Field("", max_length=100)
    stage: str = Field("", max_length=20)
    kind: str = Field("", max_length=20)
    status: str = Field("", max_length=20)
    zone_id: int | None = Field(None, ge=1, le=MAX_ID)
    room_id: int | None = Field(None, ge=1, le=MAX_ID)


@router.get("", response=list[ResidentOut], summary="Search residents")
@paginate(Pages, page_size=50)
def list_residents(request: HttpRequest, filters: Query[SearchQuery]):  # type: ignore[no-untyped-def]
    _require_view(request)
    return selectors.search_residents(
        request.user,  # type: ignore[arg-type]
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
def get_resident(request: HttpRequest, resident_id: int) -> dict:
    _require_view(request)
    return _resident_detail(request, resident_id)


@shows_resident
def _resident_detail(request: HttpRequest, resident: Resident) -> dict:
    return _detail(request, resident)


@router.post("", response={201: ResidentDetailOut, 400: ErrorOut, 409: ErrorOut}, summary="Register a resident")
@domain_errors
def register_resident(request: HttpRequest, payload: RegisterIn) -> Any:
    manage_ids = facility_ids_with(request.user, Capability.MANAGE_RESIDENTS)  # type: ignore[arg-type]
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
        actor=request.user,  # type: ignore[arg-type]
        facility=facility,
        identity=identity,
        contacts=[services.ContactData(**contact.dict()) for contact in payload.contacts],
        confirmed_different_person=payload.confirm_different_person,
    )
    return Status(201, _resident_detail(request, resident.pk))


@router.post(
    "/{resident_id}/episodes",
    response={201: EpisodeOut, 400: ErrorOut, 409: ErrorOut},
    summary="Admit a resident (open an episode)",
)
@domain_errors
def admit(request: HttpRequest, resident_id: int, payload: AdmitIn) -> Any:
    _require_view(request)
    return _admit(request, resident_id, payload)


@shows_resident
def _admit(request: HttpRequest, resident: Resident, payload: AdmitIn) -> Any:
    zone = Zone.objects.filter(pk=payload.zone_id, facility_id=resident.facility_id).first()
    room = Room.objects.filter(pk=payload.room_id, facility_id=resident.facility_id).first()
    if zone is None:
        raise DomainError(_("Choose a zone of this facility."), code="invalid", field="zone_id")
    if room is None:
        raise DomainError(_("Choose a room of this facility."), code="invalid", field="room_id")
    data = payload.dict(exclude={"kind", "zone_id", "room_id"})
    episode = services.admit_resident(
        actor=request.user,  # type: ignore[arg-type]
        resident=resident,
        compulsory=payload.kind == "compulsory",
        zone=zone,
        room=room,
        **data,
    )
    return Status(201, _episode_out(episode))


@router.post(
    "/{resident_id}/stage",
    response={200: EpisodeOut, 400: ErrorOut, 409: ErrorOut},
    summary="Move the current episode to the next stage",
)
@domain_errors
def move_stage(request: HttpRequest, resident_id: int, payload: StageIn) -> Any:
    _require_view(request)
    return _move_stage(request, resident_id, payload)


@shows_resident
def _move_stage(request: HttpRequest, resident: Resident, payload: StageIn) -> Any:
    episode = services.move_stage(
        actor=request.user,  # type: ignore[arg-type]
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
@domain_errors
def record_event(request: HttpRequest, resident_id: int, payload: EventIn) -> Any:
    _require_view(request)
    return _record_event(request, resident_id, payload)


# The fields each kind's service takes, beyond the actor, the episode and the version.
_EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    "leave": (
        "occurred_on",
        "leave_reason",
        "days",
        "travel_days",
        "decision_number",
        "decision_on",
        "decided_by",
        "place",
        "note",
    ),
    "abscondence": ("occurred_on", "decision_number", "decision_on", "decided_by", "note"),
    "return": ("occurred_on", "return_manner", "decision_number", "decision_on", "note"),
    "term_reduction": ("decision_number", "decision_on", "months", "is_meritorious", "decided_by", "note"),
    "postponement": ("occurred_on", "decision_number", "decision_on", "decided_by", "note"),
    "exemption": ("occurred_on", "decision_number", "decision_on", "decided_by", "note"),
    "hospital": ("occurred_on", "place", "decision_number", "decision_on", "decided_by", "note"),
    "transfer": ("occurred_on", "to_facility", "decision_number", "decision_on", "decided_by", "note"),
    "death": ("occurred_on", "place", "decision_number", "decision_on", "note"),
    "completion": ("occurred_on", "signed_by_name", "note"),
    "discharge": ("occurred_on", "discharge_reason", "decision_number", "decision_on", "decided_by", "note"),
}
_REQUIRED_NUMBERS = {"leave": ("days", "travel_days"), "term_reduction": ("months",)}


@shows_resident
def _record_event(request: HttpRequest, resident: Resident, payload: EventIn) -> Any:
    episode = _current_episode(resident)
    values = payload.dict()
    if payload.kind == "transfer":
        to_facility = Facility.objects.filter(pk=payload.to_facility_id or 0, is_active=True).first()
        if to_facility is None:
            raise DomainError(_("Choose another, active facility."), code="invalid", field="to_facility_id")
        values["to_facility"] = to_facility
    date_field = "decision_on" if payload.kind == "term_reduction" else "occurred_on"
    if values.get(date_field) is None:
        raise DomainError(_("Enter the date."), code="required", field=date_field)
    for name in _REQUIRED_NUMBERS.get(payload.kind, ()):
        if values.get(name) is None:
            raise DomainError(_("Enter a number."), code="required", field=name)
    data = {name: values[name] for name in _EVENT_FIELDS[payload.kind]}
    result = services.record_legal_event(
        actor=request.user,  # type: ignore[arg-type]
        episode=episode,
        kind=payload.kind,
        expected_version=payload.version,
        **data,
    )
    if isinstance(result, LegalEvent):
        event = result
    elif isinstance(result, Episode):  # a transfer returns the continuing episode
        event = LegalEvent.objects.get(episode=episode, kind=LegalEvent.Kind.TRANSFER)
    else:  # a completion returns its certificate
        event = LegalEvent.objects.get(episode=episode, kind=LegalEvent.Kind.COMPLETION)
    event.episode.refresh_from_db()
    certificate = getattr(event.episode, "certificate", None) if event.kind == LegalEvent.Kind.COMPLETION else None
    return Status(
        201,
        {
            "id": event.pk,
            "kind": event.kind,
            "occurred_on": event.occurred_on,
            "ended_on": event.ended_on,
            "decision_number": event.decision_number,
            "decision_on": event.decision_on,
            "episode": _episode_out(event.episode),
            "certificate_number": certificate.number if certificate else None,
        },
    )
