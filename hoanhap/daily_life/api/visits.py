"""Family visits, parcels and money: the API endpoints, on the same selectors and services as the
pages. A rule's refusal is a 400 `{"detail", "code", "field"}` naming the rule (hoanhap/api/api.py
answers every DomainError so); another facility's record is a 404; malformed input a 422."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.core import clock
from hoanhap.core.errors import DomainError

from ..access import AREAS, resident_for_request
from ..models import Deposit, Parcel, Visit, Visitor
from ..selectors import visits as selectors
from ..services import visits as services
from .common import REFUSED

router = Router(tags=["daily life: visits"])
READ = AREAS["visits"].read
WRITE = AREAS["visits"].write


class VisitorIn(Schema):
    full_name: str = Field(..., max_length=150)
    id_number: str = Field(..., max_length=20, description="Citizen ID (12 digits) or passport number")
    relation: Visitor.Relation


class VisitorOut(Schema):
    full_name: str
    id_number: str
    relation: str


class BookIn(Schema):
    episode_id: int
    kind: Visit.Kind = Visit.Kind.ORDINARY
    starts_at: datetime
    ends_at: datetime
    visitors: list[VisitorIn] = Field(..., max_length=10)
    note: str = Field("", max_length=300)


class VisitOut(Schema):
    id: int
    resident_id: int
    resident_name: str
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime
    approved_by_id: int | None
    version: int
    visitors: list[VisitorOut]


class ParcelIn(Schema):
    episode_id: int
    received_on: date
    handed_in_by: str = Field(..., max_length=150)
    handed_in_relation: Visitor.Relation = Visitor.Relation.OTHER
    items: str = Field(..., max_length=2000)
    status: Parcel.Status
    refusal_reason: str = Field("", max_length=300)


class ParcelOut(Schema):
    id: int
    resident_id: int
    received_on: date
    handed_in_by: str
    items: str
    status: str
    refusal_reason: str


class MovementIn(Schema):
    kind: Deposit.Kind
    amount: int = Field(..., ge=1, le=10_000_000_000)
    occurred_on: date | None = None
    reason: str = Field("", max_length=300)


class MovementOut(Schema):
    id: int
    kind: str
    amount: int
    balance_after: int
    occurred_on: date
    reason: str
    recorded_by_id: int


class LedgerOut(Schema):
    resident_id: int
    balance: int
    movements: list[MovementOut]  # newest first, 50 a page
    page: int
    pages: int


def visit_out(visit: Visit) -> dict[str, Any]:
    return {
        "id": visit.pk,
        "resident_id": visit.resident_id,
        "resident_name": visit.resident.full_name,
        "kind": visit.kind,
        "status": visit.status,
        "starts_at": visit.starts_at,
        "ends_at": visit.ends_at,
        "approved_by_id": visit.approved_by_id,
        "version": visit.version,
        "visitors": [
            {"full_name": v.full_name, "id_number": v.id_number, "relation": v.relation} for v in visit.visitors.all()
        ],
    }


def _episode(request: AuthenticatedRequest, episode_id: int) -> Any:
    if not has_capability(request.user, WRITE):
        raise PermissionDenied
    episode = selectors.bookable_episode(request.user, episode_id)
    if episode is None:
        raise DomainError(_("Choose a resident in rehab at your facility."), code="invalid", field="episode_id")
    return episode


@router.get("/day", response={200: list[VisitOut], **REFUSED}, summary="A day's visits at the gate")
def day(request: AuthenticatedRequest, on: date | None = None) -> Any:
    if not has_capability(request.user, READ):
        raise PermissionDenied
    return [visit_out(visit) for visit in selectors.day_schedule(request.user, on or clock.today())]


@router.post("", response={201: VisitOut, **REFUSED}, summary="Book a visit (every rule of art. 69 applies)")
def book(request: AuthenticatedRequest, payload: BookIn) -> Any:
    visit = services.book_visit(
        actor=request.user,
        episode=_episode(request, payload.episode_id),
        kind=payload.kind,
        starts_at=timezone.localtime(payload.starts_at),
        ends_at=timezone.localtime(payload.ends_at),
        visitors=[services.VisitorData(v.full_name, v.id_number, v.relation) for v in payload.visitors],
        note=payload.note,
    )
    return Status(201, visit_out(visit))


def _visit(request: AuthenticatedRequest, visit_id: int) -> Visit:
    return object_for_request(request, Visit.objects.select_related("resident"), visit_id, capability=WRITE)


@router.post("/{visit_id}/check-in", response={200: VisitOut, **REFUSED}, summary="Check a visit in at the gate")
def check_in(request: AuthenticatedRequest, visit_id: int) -> Any:
    return visit_out(services.check_in_visit(actor=request.user, visit=_visit(request, visit_id)))


@router.post("/{visit_id}/check-out", response={200: VisitOut, **REFUSED}, summary="Check a visit out")
def check_out(request: AuthenticatedRequest, visit_id: int) -> Any:
    return visit_out(services.check_out_visit(actor=request.user, visit=_visit(request, visit_id)))


class CancelIn(Schema):
    reason: str = Field("", max_length=200)
    version: int | None = None


class ExtensionIn(Schema):
    ends_at: datetime
    version: int | None = None


@router.post("/{visit_id}/cancel", response={200: VisitOut, **REFUSED}, summary="Cancel a booked visit")
def cancel(request: AuthenticatedRequest, visit_id: int, payload: CancelIn) -> Any:
    visit = _visit(request, visit_id)
    return visit_out(
        services.cancel_visit(actor=request.user, visit=visit, expected_version=payload.version, reason=payload.reason)
    )


@router.post(
    "/{visit_id}/extension",
    response={200: VisitOut, **REFUSED},
    summary="The director lets an ordinary visit run longer (up to the approved hours)",
)
def approve_extension(request: AuthenticatedRequest, visit_id: int, payload: ExtensionIn) -> Any:
    visit = object_for_request(
        request, Visit.objects.select_related("resident"), visit_id, capability=Capability.APPROVE_DECISIONS
    )
    return visit_out(
        services.approve_visit_extension(
            actor=request.user, visit=visit, ends_at=payload.ends_at, expected_version=payload.version
        )
    )


@router.get("/parcels", response={200: list[ParcelOut], **REFUSED}, summary="Parcels handed in (latest 200)")
def parcels(request: AuthenticatedRequest, status: str = "") -> Any:
    if not has_capability(request.user, READ):
        raise PermissionDenied
    return list(selectors.parcel_list(request.user, {"status": status})[:200])


@router.post("/parcels", response={201: ParcelOut, **REFUSED}, summary="Record an inspected parcel")
def record_parcel(request: AuthenticatedRequest, payload: ParcelIn) -> Any:
    data = payload.dict(exclude={"episode_id"})
    parcel = services.record_parcel(actor=request.user, episode=_episode(request, payload.episode_id), **data)
    return Status(201, parcel)


def _ledger_episode(request: AuthenticatedRequest, resident_id: int) -> Any:
    resident = resident_for_request(request, resident_id, area="visits")
    episode = selectors.episode_for_visits(request.user, resident.pk)
    if episode is None:
        raise Http404
    return episode


@router.get("/ledger/{visits_resident_id}", response={200: LedgerOut, **REFUSED}, summary="A resident's money")
def ledger(request: AuthenticatedRequest, visits_resident_id: int, page: int = 1) -> Any:
    episode = _ledger_episode(request, visits_resident_id)
    found = selectors.ledger_of(episode.resident_id, page=page)
    return {
        "resident_id": visits_resident_id,
        "balance": found.balance,
        "movements": list(found.movements),
        "page": found.movements.number,
        "pages": found.movements.paginator.num_pages,
    }


@router.post(
    "/ledger/{visits_resident_id}",
    response={201: MovementOut, **REFUSED},
    summary="Deposit or withdraw (a withdrawal above the balance is refused)",
)
def move_money(request: AuthenticatedRequest, visits_resident_id: int, payload: MovementIn) -> Any:
    episode = _ledger_episode(request, visits_resident_id)
    movement = services.record_money_movement(actor=request.user, episode=episode, **payload.dict())
    return Status(201, movement)
