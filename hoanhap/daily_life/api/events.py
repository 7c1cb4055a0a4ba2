"""Events, competitions and prizes: the API endpoints (mounted at /api/daily-life/events/), with the
same selectors and services as the pages. A refusal is a 400 `{"detail", "code", "field"}`, no
capability a 403, another facility's record a 404 exactly like a missing one."""

from datetime import date, time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import facility_ids_with, visible_to
from hoanhap.audit.access import object_for_request
from hoanhap.core.errors import DomainError

from ..access import AREAS
from ..models import Competition, Event, EventParticipant, Prize, WorkTeam
from ..selectors import events as selectors
from ..services import events as services
from .common import REFUSED

READ = AREAS["events"].read
WRITE = AREAS["events"].write

router = Router(tags=["daily life: events"])


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=200)


class EventQuery(Schema):
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    q: str = Field("", max_length=100)

    def as_filters(self) -> selectors.EventFilters:
        return selectors.EventFilters(kind=self.kind, date_from=self.date_from, date_to=self.date_to, text=self.q)


class EventOut(Schema):
    id: int
    facility_id: int
    kind: str
    title: str
    held_on: date
    starts_at: time | None
    ends_at: time | None
    place: str
    organiser_id: int | None
    description: str


class EventIn(Schema):
    facility_id: int | None = None
    kind: str = Field(max_length=20)
    title: str = Field(max_length=200)
    held_on: date
    starts_at: time | None = None
    ends_at: time | None = None
    place: str = Field("", max_length=200)
    description: str = Field("", max_length=5000)


class ParticipantOut(Schema):
    id: int
    resident_id: int | None
    episode_id: int | None
    staff_id: int | None
    role: str
    name: str


class ParticipantsIn(Schema):
    resident_ids: list[int] = Field(default_factory=list, max_length=500)
    staff_ids: list[int] = Field(default_factory=list, max_length=200)
    role: str = EventParticipant.Role.PARTICIPANT


class CompetitionOut(Schema):
    id: int
    facility_id: int
    event_id: int | None
    title: str
    held_on: date
    kind: str


class CompetitionIn(Schema):
    facility_id: int | None = None
    event_id: int | None = None
    title: str = Field(max_length=200)
    held_on: date
    kind: str = Field(Competition.Kind.OTHER, max_length=20)


class PrizeOut(Schema):
    id: int
    competition_id: int
    rank: str
    item: str
    value: int
    team_id: int | None
    resident_id: int | None
    episode_id: int | None
    winner: str


class PrizeIn(Schema):
    rank: str = Field(max_length=100)
    item: str = Field("", max_length=200)
    value: int = Field(0, le=2_000_000_000)
    team_id: int | None = None
    resident_id: int | None = None


def _facility(request: AuthenticatedRequest, facility_id: int | None) -> int:
    ids = facility_ids_with(request.user, WRITE)
    if not ids:
        raise PermissionDenied
    if facility_id is None:
        if len(ids) > 1:
            raise DomainError(
                _("Give facility_id: you record events in several facilities."), code="required", field="facility_id"
            )
        return next(iter(ids))
    if facility_id not in ids:
        raise PermissionDenied
    return facility_id


def _participant(row: EventParticipant) -> dict[str, Any]:
    name = row.resident.full_name if row.resident else (row.staff.full_name if row.staff else "")
    return {
        "id": row.pk,
        "resident_id": row.resident_id,
        "episode_id": row.episode_id,
        "staff_id": row.staff_id,
        "role": row.role,
        "name": name,
    }


def _prize(prize: Prize) -> dict[str, Any]:
    return {
        "id": prize.pk,
        "competition_id": prize.competition_id,
        "rank": prize.rank,
        "item": prize.item,
        "value": prize.value,
        "team_id": prize.team_id,
        "resident_id": prize.resident_id,
        "episode_id": prize.episode_id,
        "winner": prize.winner_name,
    }


@router.get("", response={200: list[EventOut], **REFUSED}, summary="Events")
@paginate(Pages, page_size=50)
def list_events(request: AuthenticatedRequest, filters: Query[EventQuery]) -> Any:
    require_capability(request.user, READ)
    return selectors.events_visible_to(request.user, filters.as_filters()).order_by("-held_on", "-pk")


@router.post("", response={201: EventOut, **REFUSED}, summary="Plan an event")
def plan_event(request: AuthenticatedRequest, payload: EventIn) -> Any:
    facility_id = _facility(request, payload.facility_id)
    event = services.plan_event(actor=request.user, facility_id=facility_id, **payload.dict(exclude={"facility_id"}))
    return Status(201, event)


@router.get("/{int:event_id}", response={200: EventOut, **REFUSED}, summary="One event")
def get_event(request: AuthenticatedRequest, event_id: int) -> Any:
    return object_for_request(request, Event.objects.all(), event_id, capability=READ)


@router.get("/{int:event_id}/participants", response={200: list[ParticipantOut], **REFUSED}, summary="Participants")
def list_participants(request: AuthenticatedRequest, event_id: int) -> Any:
    event = object_for_request(request, Event.objects.all(), event_id, capability=READ)
    return [_participant(row) for row in selectors.participants_of(event)]


@router.post(
    "/{int:event_id}/participants", response={201: list[ParticipantOut], **REFUSED}, summary="Add participants"
)
def add_participants(request: AuthenticatedRequest, event_id: int, payload: ParticipantsIn) -> Any:
    event = object_for_request(request, Event.objects.all(), event_id, capability=WRITE)
    added = services.add_participants(
        actor=request.user,
        event=event,
        resident_ids=payload.resident_ids,
        staff_ids=payload.staff_ids,
        role=payload.role,
    )
    return Status(201, [_participant(row) for row in added])


@router.get("/competitions", response={200: list[CompetitionOut], **REFUSED}, summary="Competitions")
@paginate(Pages, page_size=50)
def list_competitions(request: AuthenticatedRequest) -> Any:
    require_capability(request.user, READ)
    return visible_to(Competition.objects.all(), request.user, READ).order_by("-held_on", "-pk")


@router.post("/competitions", response={201: CompetitionOut, **REFUSED}, summary="Create a competition")
def create_competition(request: AuthenticatedRequest, payload: CompetitionIn) -> Any:
    event = None
    if payload.event_id is not None:
        event = object_for_request(request, Event.objects.all(), payload.event_id, capability=WRITE)
    facility_id = event.facility_id if event is not None else _facility(request, payload.facility_id)
    competition = services.create_competition(
        actor=request.user,
        facility_id=facility_id,
        event=event,
        title=payload.title,
        held_on=payload.held_on,
        kind=payload.kind,
    )
    return Status(201, competition)


@router.get("/prizes", response={200: list[PrizeOut], **REFUSED}, summary="Prizes: who won what")
@paginate(Pages, page_size=50)
def list_prizes(request: AuthenticatedRequest, filters: Query[EventQuery]) -> Any:
    require_capability(request.user, READ)
    prizes = selectors.prizes_visible_to(request.user, filters.as_filters()).order_by("-competition__held_on", "-pk")
    return [_prize(prize) for prize in prizes]


@router.post("/competitions/{int:competition_id}/prizes", response={201: PrizeOut, **REFUSED}, summary="Award a prize")
def award_prize(request: AuthenticatedRequest, competition_id: int, payload: PrizeIn) -> Any:
    competition = object_for_request(request, Competition.objects.all(), competition_id, capability=WRITE)
    team = None
    if payload.team_id is not None:
        team = WorkTeam.objects.filter(pk=payload.team_id, facility_id=competition.facility_id).first()
        if team is None:
            raise DomainError(_("Choose a team of this facility."), code="invalid", field="team_id")
    prize = services.award_prize(
        actor=request.user,
        competition=competition,
        rank=payload.rank,
        item=payload.item,
        value=payload.value,
        team=team,
        resident_id=payload.resident_id,
    )
    return Status(201, _prize(get_object_or_404(Prize.objects.select_related("team", "resident"), pk=prize.pk)))
