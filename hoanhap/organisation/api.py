"""The organisation's API, on the same selectors and services as the pages: departments (in force
on a day, or all), staff (list, one with their history), postings (a period's; a new posting),
holidays of a year. A rule's refusal is a 400 `{"detail", "code", "field"}`; another facility's
record a 404; malformed input a 422."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.core import clock
from hoanhap.core.errors import DomainError
from hoanhap.core.models import Department
from hoanhap.core.tables import PER_PAGE

from . import selectors, services
from .access import HOLIDAY_READERS, READ, WRITE
from .models import Position, StaffMember

router = Router(tags=["organisation"])


class OrganisationRefusalOut(Schema):
    detail: Any
    code: str | None = None
    field: str | None = None


REFUSED: dict[int, Any] = dict.fromkeys((400, 403, 404, 409, 422), OrganisationRefusalOut)


class DepartmentOut(Schema):
    id: int
    facility_id: int
    name: str
    kind: str
    order: int
    established_on: date | None
    dissolved_on: date | None


class PostingOut(Schema):
    id: int
    staff_member_id: int
    staff_member_name: str = Field(..., alias="staff_member.full_name")
    department_id: int
    department_name: str = Field(..., alias="department.name")
    position_id: int
    position_name: str = Field(..., alias="position.name")
    starts_on: date
    ends_on: date | None
    decision_number: str
    note: str


class StaffOut(Schema):
    id: int
    facility_id: int
    full_name: str
    sex: str
    hired_on: date
    left_on: date | None
    department_name: str | None = None
    position_name: str | None = None


class QualificationOut(Schema):
    level: str
    field: str
    institution: str
    year: int | None


class StaffDetailOut(StaffOut):
    date_of_birth: date | None
    phone: str
    email: str
    user_id: int | None
    postings: list[PostingOut]
    qualifications: list[QualificationOut]


class StaffPageOut(Schema):
    count: int
    page: int
    results: list[StaffOut]


class PostingIn(Schema):
    department_id: int
    position_id: int
    starts_on: date
    decision_number: str = Field("", max_length=50)
    note: str = Field("", max_length=300)
    gap_intended: bool = False


class HolidayOut(Schema):
    id: int
    facility_id: int | None
    day: date
    name: str
    kind: str


def _require(request: AuthenticatedRequest, capability: Any) -> None:
    if not has_capability(request.user, capability):
        raise PermissionDenied


def _staff_out(member: StaffMember) -> dict[str, Any]:
    postings = getattr(member, "current_postings", [])
    current = postings[0] if postings else None
    return {
        "id": member.pk,
        "facility_id": member.facility_id,
        "full_name": member.full_name,
        "sex": member.sex,
        "hired_on": member.hired_on,
        "left_on": member.left_on,
        "department_name": current.department.name if current else None,
        "position_name": current.position.name if current else None,
    }


@router.get("/departments", response={200: list[DepartmentOut], **REFUSED}, summary="Departments (in force on a day)")
def departments(request: AuthenticatedRequest, on: date | None = None) -> Any:
    _require(request, READ)
    found = selectors.departments(request.user)
    if on is not None:
        found = found.filter(selectors.in_force_on(on))
    return list(found)


@router.get("/staff", response={200: StaffPageOut, **REFUSED}, summary="Staff members (Vietnamese order, 25 a page)")
def staff_list(
    request: AuthenticatedRequest,
    q: str = Query("", max_length=100),
    department_id: int | None = None,
    position_id: int | None = None,
    status: str = Query("", pattern="^(|serving|left)$"),
    page: int = Query(1, ge=1),
) -> Any:
    _require(request, READ)
    filters = selectors.StaffFilters(
        q=q, department_id=department_id, position_id=position_id, status=status, on=clock.today()
    )
    rows = selectors.staff_list(request.user, filters).order_by("name_sort_key", "pk")
    count = rows.count()
    start = (page - 1) * PER_PAGE
    return {"count": count, "page": page, "results": [_staff_out(m) for m in rows[start : start + PER_PAGE]]}


def _detail(member: StaffMember) -> dict[str, Any]:
    history = list(selectors.history_of(member))
    running = [p for p in history if p.ends_on is None]
    member.current_postings = running  # type: ignore[attr-defined]
    return {
        **_staff_out(member),
        "date_of_birth": member.date_of_birth,
        "phone": member.phone,
        "email": member.email,
        "user_id": member.user_id,
        "postings": history,
        "qualifications": list(member.qualifications.all()),
    }


@router.get("/staff/{staff_member_id}", response={200: StaffDetailOut, **REFUSED}, summary="A staff member and history")
def staff_detail(request: AuthenticatedRequest, staff_member_id: int) -> Any:
    return _detail(object_for_request(request, StaffMember.objects.all(), staff_member_id, capability=READ))


@router.post(
    "/staff/{staff_member_id}/postings",
    response={201: PostingOut, **REFUSED},
    summary="Post a staff member (the running posting ends the day before)",
)
def post_staff_member(request: AuthenticatedRequest, staff_member_id: int, payload: PostingIn) -> Any:
    member = object_for_request(request, StaffMember.objects.all(), staff_member_id, capability=WRITE)
    department = Department.objects.filter(pk=payload.department_id, facility_id=member.facility_id).first()
    if department is None:
        raise DomainError(
            _("Choose a department of the staff member's facility."), code="invalid", field="department_id"
        )
    position = Position.objects.filter(pk=payload.position_id, facility_id=member.facility_id).first()
    if position is None:
        raise DomainError(_("Choose a position of the staff member's facility."), code="invalid", field="position_id")
    posting = services.post_staff_member(
        actor=request.user,
        staff_member=member,
        department=department,
        position=position,
        starts_on=payload.starts_on,
        decision_number=payload.decision_number,
        note=payload.note,
        gap_intended=payload.gap_intended,
    )
    return Status(201, posting)


@router.get("/postings", response={200: list[PostingOut], **REFUSED}, summary="Postings begun in a period (≤ 500)")
def postings(request: AuthenticatedRequest, from_on: date | None = None, to_on: date | None = None) -> Any:
    _require(request, READ)
    today = clock.today()
    start, end = from_on or today.replace(month=1, day=1), to_on or today.replace(month=12, day=31)
    if end < start:
        raise DomainError(_("The end of the period comes before its start."), code="invalid", field="to_on")
    return list(selectors.postings_between(request.user, start, end).order_by("-starts_on", "-pk")[:500])


@router.get("/holidays", response={200: list[HolidayOut], **REFUSED}, summary="The days off of a year")
def holidays(request: AuthenticatedRequest, year: int = Query(0, ge=0, le=2100)) -> Any:
    _require(request, HOLIDAY_READERS)
    found = selectors.holidays_of_year(request.user, year or clock.today().year)
    return [*found.national, *(day for days in found.own.values() for day in days)]
