"""The organisation's reads, scoped to the facilities where the user reads it (`access.READ`),
each list one query: the structure on a day (departments in force, with who served in each), the
staff list with its filters, a staff member's history, the postings of a period, the holidays of a
year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import facility_ids_with, visible_to
from hoanhap.core import clock
from hoanhap.core.models import Department, Holiday
from hoanhap.core.text import fold

from .access import HOLIDAY_READERS, READ
from .models import Position, Rotation, StaffMember


def _facility_ids(user: User, facility_id: int | None, capability: frozenset = READ) -> list[int]:
    ids = facility_ids_with(user, capability)
    return [facility_id] if facility_id is not None and facility_id in ids else sorted(ids)


def in_force_on(day: date) -> Q:
    return (Q(established_on__isnull=True) | Q(established_on__lte=day)) & (
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day)
    )


def serving_on(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_on__lte": day}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": day})
    )


def serving_departments(user: User, day: date) -> QuerySet[Rotation, Any]:
    """The ids of the departments the user serves in on `day`, through their staff record (none
    without one), as a subquery: a procedure's step owned by a department is for the holders of
    its role who serve there."""
    return Rotation.objects.filter(serving_on(day), staff_member__user=user).values("department_id")


def departments_of(user: User, day: date) -> frozenset[int]:
    return frozenset(row["department_id"] for row in serving_departments(user, day))


def departments(user: User, facility_id: int | None = None) -> QuerySet[Department]:
    return (
        visible_to(Department.objects.all(), user, READ)
        .filter(facility_id__in=_facility_ids(user, facility_id))
        .select_related("facility")
        .order_by("facility", "order", "name")
    )


def departments_in_force(facility_id: int, day: date) -> QuerySet[Department]:
    return Department.objects.filter(in_force_on(day), facility_id=facility_id).order_by("order", "name")


def serving_staff(facility_id: int) -> QuerySet[StaffMember]:
    """The facility's staff members who have not left, in Vietnamese name order."""
    return StaffMember.objects.filter(facility_id=facility_id, left_on__isnull=True).order_by("name_sort_key", "pk")


def positions(facility_id: int) -> QuerySet[Position]:
    return Position.objects.filter(facility_id=facility_id).order_by("order", "name")


@dataclass
class DepartmentOnDay:
    department: Department
    postings: list[Rotation] = field(default_factory=list)


def structure_on(user: User, day: date, facility_id: int | None = None) -> list[DepartmentOnDay]:
    """The departments in force on `day` in the user's facilities, each with the postings running
    that day (staff in Vietnamese order, by position). Two queries."""
    ids = _facility_ids(user, facility_id)
    rows = {
        department.pk: DepartmentOnDay(department)
        for department in Department.objects.filter(in_force_on(day), facility_id__in=ids)
        .select_related("facility")
        .order_by("facility", "order", "name")
    }
    postings = (
        Rotation.objects.filter(serving_on(day), department_id__in=list(rows))
        .select_related("staff_member", "position")
        .order_by("position__order", "staff_member__name_sort_key", "pk")
    )
    for posting in postings:
        rows[posting.department_id].postings.append(posting)
    return list(rows.values())


@dataclass(frozen=True)
class StaffFilters:
    q: str = ""
    department_id: int | None = None
    position_id: int | None = None
    status: str = ""  # "serving", "left" or "" (all)
    on: date | None = None  # the day "serving" and the department/position are read on


def staff_list(user: User, filters: StaffFilters, facility_id: int | None = None) -> QuerySet[StaffMember]:
    """Staff members of the user's facilities matching the filters, each with `current` (the
    posting running on `filters.on`, prefetched: constant queries)."""
    day = filters.on or clock.today()
    staff = visible_to(StaffMember.objects.all(), user, READ).filter(facility_id__in=_facility_ids(user, facility_id))
    if filters.q:
        staff = staff.filter(search_text__contains=fold(filters.q))
    if filters.status == "serving":
        staff = staff.filter(Q(left_on__isnull=True) | Q(left_on__gte=day), hired_on__lte=day)
    elif filters.status == "left":
        staff = staff.filter(left_on__lt=day)
    posting_filter = serving_on(day, "rotations__")
    if filters.department_id:
        staff = staff.filter(posting_filter, rotations__department_id=filters.department_id)
    if filters.position_id:
        staff = staff.filter(posting_filter, rotations__position_id=filters.position_id)
    current = Rotation.objects.filter(serving_on(day)).select_related("department", "position")
    return staff.distinct().prefetch_related(Prefetch("rotations", queryset=current, to_attr="current_postings"))


def history_of(staff_member: StaffMember) -> QuerySet[Rotation]:
    return (
        Rotation.objects.filter(staff_member=staff_member)
        .select_related("department", "position")
        .order_by("-starts_on", "-pk")
    )


def postings_between(user: User, start: date, end: date, facility_id: int | None = None) -> QuerySet[Rotation]:
    """Postings that started between `start` and `end` (both included) in the user's facilities."""
    return (
        visible_to(Rotation.objects.all(), user, READ)
        .filter(facility_id__in=_facility_ids(user, facility_id), starts_on__range=(start, end))
        .select_related("staff_member", "department", "position")
    )


def linkable_accounts(staff_member: StaffMember) -> QuerySet[User]:
    """Accounts with a role in the staff member's facility and no staff member yet, and the
    staff member's own account if they have one."""
    free = Q(staff_member__isnull=True)
    if staff_member.user_id is not None:
        free |= Q(pk=staff_member.user_id)
    return (
        User.objects.filter(free, memberships__facility_id=staff_member.facility_id, is_active=True)
        .distinct()
        .order_by("username")
    )


@dataclass(frozen=True)
class YearHolidays:
    national: list[Holiday]
    own: dict[int, list[Holiday]]  # facility id → its own days off


def holidays_of_year(user: User, year: int, facility_id: int | None = None) -> YearHolidays:
    ids = _facility_ids(user, facility_id, HOLIDAY_READERS)
    rows = Holiday.objects.filter(Q(facility__isnull=True) | Q(facility_id__in=ids), day__year=year).order_by("day")
    national: list[Holiday] = []
    own: dict[int, list[Holiday]] = defaultdict(list)
    for holiday in rows:
        if holiday.facility_id is None:
            national.append(holiday)
        else:
            own[holiday.facility_id].append(holiday)
    return YearHolidays(national, dict(own))
