"""The organisation: who opens each URL. The staff manager writes, the leadership reads; the
holidays page also opens for the system administrator, who keeps the national days off."""

from datetime import date

from hoanhap.core.models import Department, Holiday
from hoanhap.organisation.access import HOLIDAY_READERS, READ
from hoanhap.organisation.models import Position, Rotation, StaffMember

from ..route_rules import C, Rule, World

WRITE = C.MANAGE_STAFF
ADMIN = Rule(C.MANAGE_USERS)

RULES: dict[str, Rule] = {
    "organisation/": Rule(HOLIDAY_READERS, writes=True),  # the administrator lands on the holidays
    "organisation/structure/": Rule(READ),
    "organisation/departments/": Rule(READ),
    "organisation/departments/new/": Rule(WRITE, writes=True),
    "organisation/departments/restructure/": Rule(WRITE, writes=True),
    "organisation/departments/<int:department_id>/rename/": Rule(WRITE, names_a_record=True, writes=True),
    "organisation/departments/<int:department_id>/dissolve/": Rule(WRITE, names_a_record=True, writes=True),
    "organisation/staff/": Rule(READ),
    "organisation/staff/export/": Rule(READ),
    "organisation/staff/new/": Rule(WRITE, writes=True),
    "organisation/staff/<int:staff_member_id>/": Rule(READ, names_a_record=True),
    "organisation/staff/<int:staff_member_id>/edit/": Rule(WRITE, names_a_record=True, writes=True),
    "organisation/staff/<int:staff_member_id>/post/": Rule(WRITE, names_a_record=True, writes=True),
    "organisation/staff/<int:staff_member_id>/leave/": Rule(WRITE, names_a_record=True, writes=True),
    "organisation/staff/<int:staff_member_id>/qualifications/": Rule(WRITE, names_a_record=True, writes=True),
    "organisation/staff/<int:staff_member_id>/account/": Rule(WRITE, names_a_record=True, writes=True),
    "organisation/postings/": Rule(READ),
    "organisation/postings/export/": Rule(READ),
    "organisation/holidays/": Rule(HOLIDAY_READERS, writes=True),
    "organisation/holidays/<int:holiday_id>/remove/": Rule(
        WRITE, names_a_record=True, writes=True, may_be_missing=True
    ),
    "api/organisation/departments": Rule(READ),
    "api/organisation/staff": Rule(READ),
    "api/organisation/staff/<staff_member_id>": Rule(READ, names_a_record=True),
    "api/organisation/staff/<staff_member_id>/postings": Rule(WRITE, names_a_record=True, writes=True),
    "api/organisation/postings": Rule(READ),
    "api/organisation/holidays": Rule(HOLIDAY_READERS),
    "admin/core/holiday/": ADMIN,
    "admin/core/holiday/add/": ADMIN,
    "admin/core/holiday/<path:object_id>/history/": ADMIN,
    "admin/core/holiday/<path:object_id>/delete/": ADMIN,
    "admin/core/holiday/<path:object_id>/change/": ADMIN,
    "admin/core/holiday/<path:object_id>/": ADMIN,
}


def parameters(world: World) -> dict[str, str]:
    """A department, a staff member posted in it, and a facility day off, in facility A."""
    department = Department.objects.create(facility=world.facility, name="Phòng Y tế", established_on=date(2020, 1, 1))
    position = Position.objects.create(facility=world.facility, name="Viên chức")
    member = StaffMember(facility=world.facility, full_name="Nguyễn Văn An", sex="male", hired_on=date(2020, 1, 1))
    member.build_search_text()
    member.save()
    Rotation.objects.create(
        facility=world.facility,
        staff_member=member,
        department=department,
        position=position,
        starts_on=date(2020, 1, 1),
    )
    holiday = Holiday.objects.create(
        facility=world.facility, day=date(2026, 3, 20), name="Ngày truyền thống", kind="facility"
    )
    return {"department_id": str(department.pk), "staff_member_id": str(member.pk), "holiday_id": str(holiday.pk)}
