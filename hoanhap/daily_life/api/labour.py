"""Labour therapy: the API endpoints (the same selectors and services as the pages). A refusal is
a 4xx JSON body `{"detail", "code", "field"}` (hoanhap/api answers every DomainError so); a refused
day's sheet adds `errors`, each resident id with its message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.audit.access import object_for_request
from hoanhap.core import clock
from hoanhap.core.errors import DomainError

from ..access import AREAS, resident_for_request
from ..models import Produce, TeamMembership, WorkLog, WorkTeam
from ..rules.labour import week_of
from ..selectors import labour as selectors
from ..services import labour as services
from .common import MAX_ID, REFUSED, RowId

router = Router(tags=["daily life: labour"])
READ, WRITE = AREAS["labour"].read, AREAS["labour"].write


class TeamOut(Schema):
    id: int
    facility_id: int
    name: str
    default_task: str
    is_active: bool
    member_count: int
    week_hours: Decimal


class MemberOut(Schema):
    membership_id: int
    resident_id: int
    full_name: str
    joined_on: date
    week_hours: Decimal


class TeamDetailOut(Schema):
    id: int
    name: str
    default_task: str
    members: list[MemberOut]


class RowIn(Schema):
    resident_id: int
    hours: Decimal | None = Field(None, max_digits=4, decimal_places=2)
    task: str = Field("", max_length=200)
    output: str = Field("", max_length=200)


class SheetIn(Schema):
    rows: list[RowIn]


class SavedOut(Schema):
    saved: int


class TotalOut(Schema):
    team_id: int
    hours: Decimal


class WeekOut(Schema):
    monday: date
    hours: Decimal


class TeamIn(Schema):
    name: str = Field(..., max_length=120)
    default_task: str = Field("", max_length=200)
    leader_id: RowId | None = None
    is_active: bool = True


class MemberIn(Schema):
    resident_id: RowId
    joined_on: date | None = None


class LeftIn(Schema):
    left_on: date | None = None


class CorrectionIn(Schema):
    hours: Decimal = Field(..., max_digits=4, decimal_places=2)
    task: str = Field(..., max_length=200)
    output: str = Field("", max_length=200)
    output_quantity: Decimal | None = Field(None, max_digits=10, decimal_places=2)
    output_unit: str = Field("", max_length=20)


class WorkLogOut(Schema):
    id: int
    resident_id: int
    full_name: str
    team_id: int
    worked_on: date
    task: str
    hours: Decimal
    output: str


class WorkLogPageOut(Schema):
    count: int
    hours: Decimal
    page: int
    pages: int
    rows: list[WorkLogOut]


class ProduceIn(Schema):
    facility_id: int | None = None
    produced_on: date
    item: str = Field(..., max_length=20)
    quantity: Decimal = Field(..., max_digits=10, decimal_places=2)
    unit: str = Field("kg", max_length=20)
    team_id: int | None = None
    description: str = Field("", max_length=200)
    sent_to_kitchen_on: date | None = None
    received_by: str = Field("", max_length=150)


class ProduceOut(Schema):
    id: int
    facility_id: int
    team_id: int | None
    produced_on: date
    item: str
    quantity: Decimal
    unit: str
    sent_to_kitchen_on: date | None
    received_by: str


@router.get("/teams", response=list[TeamOut], summary="The work teams, with this week's hours")
def teams(request: AuthenticatedRequest) -> Any:
    require_capability(request.user, READ)
    return list(selectors.teams(request.user, week_of_day=clock.today()))


@router.get("/teams/{team_id}", response={200: TeamDetailOut, **REFUSED}, summary="A team and its members")
def team(request: AuthenticatedRequest, team_id: int) -> Any:
    found = object_for_request(request, WorkTeam.objects.all(), team_id, capability=READ)
    monday, sunday = week_of(clock.today())
    week = selectors.resident_totals(found, monday, sunday)
    members = [
        {
            "membership_id": m.pk,
            "resident_id": m.resident_id,
            "full_name": m.resident.full_name,
            "joined_on": m.joined_on,
            "week_hours": week.get(m.resident_id, Decimal(0)),
        }
        for m in selectors.active_members(found)
    ]
    return {"id": found.pk, "name": found.name, "default_task": found.default_task, "members": members}


@router.post(
    "/teams/{team_id}/days/{day}", response={200: SavedOut, **REFUSED}, summary="Save a team's work of one day"
)
def save_day(request: AuthenticatedRequest, team_id: int, day: date, payload: SheetIn) -> Any:
    found = object_for_request(request, WorkTeam.objects.all(), team_id, capability=WRITE)
    rows = [services.SheetRow(r.resident_id, r.hours, task=r.task, output=r.output) for r in payload.rows]
    try:
        saved = services.save_day_sheet(actor=request.user, team=found, worked_on=day, rows=rows)
    except services.SheetRefused as error:
        body = error.as_api_body() | {"errors": {str(k): str(v) for k, v in error.errors.items()}}
        return Status(400, body)
    return {"saved": saved}


@router.get(
    "/totals",
    response={200: list[TotalOut], **REFUSED},
    summary="Hours per team from start to end (default: this week)",
)
def totals(request: AuthenticatedRequest, start: date | None = None, end: date | None = None) -> Any:
    require_capability(request.user, READ)
    monday, sunday = week_of(clock.today())
    start, end = start or monday, end or sunday
    if end < start or (end - start).days > 366:
        raise DomainError(_("Give a period of at most a year, start before end."), code="invalid", field="end")
    return [{"team_id": k, "hours": v} for k, v in selectors.team_totals(request.user, start, end).items()]


@router.get(
    "/residents/{labour_resident_id}/weeks",
    response={200: list[WeekOut], **REFUSED},
    summary="A resident's hours per week",
)
def resident_weeks(request: AuthenticatedRequest, labour_resident_id: int) -> Any:
    resident = resident_for_request(request, labour_resident_id, area="labour")
    return [
        {"monday": w.monday, "hours": w.hours}
        for w in selectors.weekly_hours(request.user, resident.pk, until=clock.today())
    ]


@router.get("/produce", response=list[ProduceOut], summary="Produce sent to the kitchen, newest first")
def produce(request: AuthenticatedRequest) -> Any:
    require_capability(request.user, READ)
    return list(selectors.produce(request.user).order_by("-produced_on", "-pk")[:500])


@router.post("/produce", response={201: ProduceOut, **REFUSED}, summary="Record produce")
def record_produce(request: AuthenticatedRequest, payload: ProduceIn) -> Any:
    ids = facility_ids_with(request.user, WRITE)
    if not ids:
        raise PermissionDenied
    facility_id = payload.facility_id or (next(iter(ids)) if len(ids) == 1 else None)
    if facility_id is None or facility_id not in ids:
        raise DomainError(
            _("Give facility_id: a facility where you record labour."), code="required", field="facility_id"
        )
    team_row = None
    if payload.team_id is not None:
        team_row = WorkTeam.objects.filter(pk=payload.team_id, facility_id=facility_id).first()
        if team_row is None:
            raise DomainError(_("Choose a team of this facility."), code="invalid", field="team_id")
    row: Produce = services.record_produce(
        actor=request.user,
        facility_id=facility_id,
        team=team_row,
        **payload.dict(exclude={"facility_id", "team_id"}),
    )
    return Status(201, row)


@router.patch("/teams/{team_id}", response={200: TeamOut, **REFUSED}, summary="Rename, re-lead or stand down a team")
def edit_team(request: AuthenticatedRequest, team_id: int, payload: TeamIn) -> Any:
    found = object_for_request(request, WorkTeam.objects.all(), team_id, capability=WRITE)
    leader = None
    if payload.leader_id is not None:
        leader = User.objects.filter(pk=payload.leader_id).first()
        if leader is None:
            raise DomainError(_("The leader must be a team leader of this facility."), code="invalid", field="leader")
    services.edit_team(
        actor=request.user,
        team=found,
        name=payload.name,
        default_task=payload.default_task,
        leader=leader,
        is_active=payload.is_active,
    )
    return selectors.teams(request.user, week_of_day=clock.today()).get(pk=found.pk)


@router.post("/teams/{team_id}/members", response={201: MemberOut, **REFUSED}, summary="Add a resident to a team")
def add_member(request: AuthenticatedRequest, team_id: int, payload: MemberIn) -> Any:
    found = object_for_request(request, WorkTeam.objects.all(), team_id, capability=WRITE)
    member = services.add_member(
        actor=request.user, team=found, resident_id=payload.resident_id, joined_on=payload.joined_on
    )
    body = {
        "membership_id": member.pk,
        "resident_id": member.resident_id,
        "full_name": member.resident.full_name,
        "joined_on": member.joined_on,
        "week_hours": Decimal(0),
    }
    return Status(201, body)


@router.post(
    "/memberships/{membership_id}/remove", response={200: dict[str, Any], **REFUSED}, summary="A member leaves the team"
)
def remove_member(request: AuthenticatedRequest, membership_id: int, payload: LeftIn) -> Any:
    membership = object_for_request(request, TeamMembership.objects.all(), membership_id, capability=WRITE)
    left = services.remove_member(actor=request.user, membership=membership, left_on=payload.left_on)
    return {"membership_id": left.pk, "left_on": left.left_on}


@router.get("/logs", response={200: WorkLogPageOut, **REFUSED}, summary="The work log of a period (100 a page)")
def work_logs(
    request: AuthenticatedRequest,
    start: date | None = None,
    end: date | None = None,
    team_id: int | None = Query(None, ge=1, le=MAX_ID),
    q: str = "",
    page: int = 1,
) -> Any:
    """This month unless `start` and `end` say otherwise."""
    require_capability(request.user, READ)
    first, last = selectors.month_of(clock.today())
    start, end = start or first, end or last
    if end < start or (end - start).days > 366:
        raise DomainError(_("Choose at most a year."), code="invalid", field="end")
    rows = selectors.work_logs(request.user, team_id=team_id, start=start, end=end, q=q[:100]).order_by(
        "-worked_on", "resident__name_sort_key", "pk"
    )
    found = Paginator(rows, 100).get_page(page)
    return {
        "count": found.paginator.count,
        "hours": selectors.hours_of(rows),
        "page": found.number,
        "pages": found.paginator.num_pages,
        "rows": [
            {
                "id": log.pk,
                "resident_id": log.resident_id,
                "full_name": log.resident.full_name,
                "team_id": log.team_id,
                "worked_on": log.worked_on,
                "task": log.task,
                "hours": log.hours,
                "output": log.output,
            }
            for log in found
        ],
    }


@router.put("/logs/{work_log_id}", response={200: dict[str, Any], **REFUSED}, summary="Correct one day's entry")
def correct_log(request: AuthenticatedRequest, work_log_id: int, payload: CorrectionIn) -> Any:
    log = object_for_request(request, WorkLog.objects.all(), work_log_id, capability=WRITE)
    corrected = services.correct_entry(actor=request.user, log=log, **payload.dict())
    return {"id": corrected.pk, "hours": corrected.hours, "task": corrected.task}
