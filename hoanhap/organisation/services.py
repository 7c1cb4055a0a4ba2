"""The organisation's writes: departments (found, rename, dissolve, and a restructuring that does
several at once), staff members, their qualifications, their postings, their sign-in account, and
the holidays. Each is one audited transaction given the acting user; a refusal is a DomainError
raised before anything is written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.audit.writes import audited_write
from hoanhap.core.errors import DomainError, RuleError
from hoanhap.core.locking import bump_version, lock_row, locked
from hoanhap.core.models import Department, Facility, Holiday

from . import rules
from .access import may_keep_national_holidays, require_write
from .models import Position, Qualification, Rotation, StaffMember

EVENTS = {
    "organisation.department_founded": _("Department founded"),
    "organisation.department_renamed": _("Department renamed"),
    "organisation.department_dissolved": _("Department dissolved"),
    "organisation.restructured": _("Departments restructured"),
    "organisation.staff_member_added": _("Staff member added"),
    "organisation.staff_member_changed": _("Staff member changed"),
    "organisation.staff_member_left": _("Staff member left"),
    "organisation.qualification_added": _("Qualification added"),
    "organisation.posted": _("Staff member posted"),
    "organisation.account_linked": _("Sign-in account linked"),
    "organisation.holiday_added": _("Holiday added"),
    "organisation.holiday_removed": _("Holiday removed"),
    "organisation.staff_exported": _("Staff list exported"),
    "organisation.rotations_exported": _("Postings exported"),
}


def _in_force(department: Department, on: date) -> bool:
    return (department.established_on is None or department.established_on <= on) and (
        department.dissolved_on is None or department.dissolved_on > on
    )


def _check_department_in_force(department: Department, on: date, *, field: str = "department") -> None:
    if not _in_force(department, on):
        raise DomainError(
            _("%(name)s is not in force on %(day)s."),
            code="department_not_in_force",
            field=field,
            name=department.name,
            day=f"{on:%d/%m/%Y}",
        )


def _name_taken(facility_id: int, name: str, *, exclude: int | None = None) -> bool:
    departments = Department.objects.filter(facility_id=facility_id, name__iexact=name)
    if exclude is not None:
        departments = departments.exclude(pk=exclude)
    return departments.exists()


# Departments ----------------------------------------------------------------------------------


@audited_write(event="organisation.department_founded")
def found_department(
    *, actor: User, facility: Facility, name: str, kind: str, established_on: date, order: int = 0
) -> Department:
    require_write(actor, facility.pk)
    name = name.strip()
    if not name:
        raise DomainError(_("Enter the department's name."), code="required", field="name")
    if _name_taken(facility.pk, name):
        raise DomainError(_("A department of this name exists already."), code="name_taken", field="name")
    return Department.objects.create(
        facility=facility, name=name, kind=kind, order=order, established_on=established_on
    )


@audited_write(event="organisation.department_renamed")
def rename_department(*, actor: User, department: Department, name: str) -> Department:
    require_write(actor, department.facility_id)
    name = name.strip()
    if not name:
        raise DomainError(_("Enter the department's name."), code="required", field="name")
    if _name_taken(department.facility_id, name, exclude=department.pk):
        raise DomainError(_("A department of this name exists already."), code="name_taken", field="name")
    department.name = name
    department.save(update_fields=["name", "updated_at"])
    return department


def _end_postings_in(department: Department, on: date) -> list[Rotation]:
    """The postings running in `department` on `on`, ended the day before (a posting that started
    on `on` itself cannot end before it starts: refused)."""
    running = list(
        Rotation.objects.select_for_update()
        .filter(department=department, ends_on__isnull=True)
        .select_related("staff_member")
    )
    for posting in running:
        if posting.starts_on >= on:
            raise DomainError(
                _("%(name)s's posting in %(department)s starts on %(start)s: choose a later day."),
                code="posting_starts_later",
                field="on",
                name=posting.staff_member.full_name,
                department=department.name,
                start=f"{posting.starts_on:%d/%m/%Y}",
            )
        posting.ends_on = on - timedelta(days=1)
        posting.save(update_fields=["ends_on", "updated_at"])
    return running


def _dissolve(department: Department, on: date) -> list[Rotation]:
    if department.dissolved_on is not None:
        raise DomainError(
            _("%(name)s was dissolved already."), code="dissolved_already", field="dissolve", name=department.name
        )
    if department.established_on is not None and on <= department.established_on:
        raise DomainError(
            _("%(name)s was founded on %(day)s: it can only be dissolved after that."),
            code="dissolved_before_founded",
            field="on",
            name=department.name,
            day=f"{department.established_on:%d/%m/%Y}",
        )
    ended = _end_postings_in(department, on)
    department.dissolved_on = on
    department.save(update_fields=["dissolved_on", "updated_at"])
    return ended


@audited_write(event="organisation.department_dissolved")
def dissolve_department(*, actor: User, department: Department, on: date) -> Department:
    """A department with nobody serving in it is dissolved; one with staff goes through a
    restructuring, which says where each of them goes."""
    require_write(actor, department.facility_id)
    if Rotation.objects.filter(department=department, ends_on__isnull=True).exists():
        raise DomainError(
            _("Staff still serve in %(name)s: restructure, saying where they go."),
            code="staff_serving",
            field=None,
            name=department.name,
        )
    _dissolve(department, on)
    return department


@dataclass(frozen=True)
class NewDepartment:
    name: str
    kind: str = Department.Kind.OTHER


@audited_write(event="organisation.restructured")
def restructure(
    *,
    actor: User,
    facility: Facility,
    on: date,
    dissolve: Sequence[Department],
    found: Sequence[NewDepartment],
    moves: Mapping[int, str],
) -> list[Department]:
    """On `on`, dissolve `dissolve` and found `found`; every staff member serving in a dissolved
    department moves to the department named in `moves` (dissolved department id → the name of a
    new department or of one still in force), keeping their position: the old posting ends the day
    before, the new one starts that day. All or nothing. Returns the new departments."""
    require_write(actor, facility.pk)
    lock_row(Facility, facility.pk)
    if not dissolve and not found:
        raise DomainError(_("Choose departments to dissolve or name new ones."), code="nothing_to_do", field=None)
    for department in dissolve:
        if department.facility_id != facility.pk:
            raise PermissionDenied
    names = [new.name.strip() for new in found]
    if len({name.casefold() for name in names}) != len(names) or any(not name for name in names):
        raise DomainError(_("Give each new department a different name."), code="names_repeated", field="found")
    for name in names:
        if _name_taken(facility.pk, name):
            raise DomainError(
                _("A department named %(name)s exists already."), code="name_taken", field="found", name=name
            )
    order = max(Department.objects.filter(facility=facility).values_list("order", flat=True), default=0)
    created = [
        Department.objects.create(facility=facility, name=name, kind=new.kind, order=order + n, established_on=on)
        for n, (name, new) in enumerate(zip(names, found, strict=True), start=1)
    ]
    dissolved_ids = {department.pk for department in dissolve}
    targets = {department.name.casefold(): department for department in created}
    for department in Department.objects.filter(facility=facility).exclude(pk__in=dissolved_ids):
        if _in_force(department, on):
            targets.setdefault(department.name.casefold(), department)
    for department in dissolve:
        ended = _dissolve(department, on)
        if not ended:
            continue
        target = targets.get(moves.get(department.pk, "").strip().casefold())
        if target is None:
            raise DomainError(
                _("Say which department the staff of %(name)s move to."),
                code="target_missing",
                field=f"move_{department.pk}",
                name=department.name,
            )
        # One row each (a department holds a few dozen people at most): each logged by auditlog.
        for posting in ended:
            Rotation.objects.create(
                facility_id=facility.pk,
                staff_member_id=posting.staff_member_id,
                department=target,
                position_id=posting.position_id,
                starts_on=on,
                note=str(_("Restructuring of %(day)s") % {"day": f"{on:%d/%m/%Y}"}),
            )
    return created


# Staff members --------------------------------------------------------------------------------


def _check_staff_dates(hired_on: date, left_on: date | None) -> None:
    if left_on is not None and left_on < hired_on:
        raise DomainError(
            _("The day of leaving cannot come before the day of hiring."), code="left_before_hired", field="left_on"
        )


@audited_write(event="organisation.staff_member_added")
def add_staff_member(*, actor: User, facility: Facility, **fields: Any) -> StaffMember:
    require_write(actor, facility.pk)
    _check_staff_dates(fields["hired_on"], fields.get("left_on"))
    staff = StaffMember(facility=facility, **fields)
    staff.build_search_text()
    staff.save()
    return staff


EDITABLE = ("full_name", "date_of_birth", "sex", "phone", "email", "hired_on")


@audited_write(event="organisation.staff_member_changed")
def change_staff_member(*, actor: User, staff_member: StaffMember, expected_version: int, **fields: Any) -> StaffMember:
    require_write(actor, staff_member.facility_id)
    staff = locked(staff_member, expected_version)
    first = Rotation.objects.filter(staff_member=staff).order_by("starts_on").first()
    if first is not None and fields["hired_on"] > first.starts_on:
        raise DomainError(
            _("The first posting starts on %(day)s: the day of hiring cannot be later."),
            code="hired_after_posting",
            field="hired_on",
            day=f"{first.starts_on:%d/%m/%Y}",
        )
    _check_staff_dates(fields["hired_on"], staff.left_on)
    for name in EDITABLE:
        setattr(staff, name, fields[name])
    staff.build_search_text()
    bump_version(staff)
    staff.save()
    return staff


@audited_write(event="organisation.staff_member_left")
def record_leaving(*, actor: User, staff_member: StaffMember, left_on: date) -> StaffMember:
    """The staff member leaves the facility: the running posting ends that day."""
    require_write(actor, staff_member.facility_id)
    staff = locked(staff_member)
    if staff.left_on is not None:
        raise DomainError(_("This staff member has left already."), code="left_already", field="left_on")
    _check_staff_dates(staff.hired_on, left_on)
    running = Rotation.objects.filter(staff_member=staff, ends_on__isnull=True).first()
    if running is not None:
        if left_on < running.starts_on:
            raise DomainError(
                _("The current posting starts on %(day)s: the day of leaving cannot be earlier."),
                code="left_before_posting",
                field="left_on",
                day=f"{running.starts_on:%d/%m/%Y}",
            )
        running.ends_on = left_on
        running.save(update_fields=["ends_on", "updated_at"])
    staff.left_on = left_on
    bump_version(staff)
    staff.save()
    return staff


@audited_write(event="organisation.qualification_added")
def add_qualification(
    *,
    actor: User,
    staff_member: StaffMember,
    level: str,
    field: str = "",
    institution: str = "",
    year: int | None = None,
) -> Qualification:
    require_write(actor, staff_member.facility_id)
    if year is not None and staff_member.date_of_birth and year < staff_member.date_of_birth.year:
        raise DomainError(_("The year is before the staff member's birth."), code="year_before_birth", field="year")
    return Qualification.objects.create(
        facility_id=staff_member.facility_id,
        staff_member=staff_member,
        level=level.strip(),
        field=field.strip(),
        institution=institution.strip(),
        year=year,
    )


@audited_write(event="organisation.posted")
def post_staff_member(
    *,
    actor: User,
    staff_member: StaffMember,
    department: Department,
    position: Position,
    starts_on: date,
    decision_number: str = "",
    note: str = "",
    gap_intended: bool = False,
) -> Rotation:
    """Post (rotate) a staff member: the running posting ends the day before `starts_on`, the new
    one starts that day, in a department in force then, with a position of the same facility."""
    require_write(actor, staff_member.facility_id)
    staff = locked(staff_member)
    if department.facility_id != staff.facility_id or position.facility_id != staff.facility_id:
        raise PermissionDenied
    _check_department_in_force(department, starts_on)
    postings = list(Rotation.objects.select_for_update().filter(staff_member=staff).order_by("starts_on"))
    running = next((p for p in postings if p.ends_on is None), None)
    if running is not None:
        if starts_on <= running.starts_on:
            raise DomainError(
                _("The current posting started on %(day)s: the new one must start later."),
                code="before_current",
                field="starts_on",
                day=f"{running.starts_on:%d/%m/%Y}",
            )
        if running.department_id == department.pk and running.position_id == position.pk:
            raise DomainError(_("The staff member already holds this post."), code="same_post", field="department")
        running.ends_on = starts_on - timedelta(days=1)
    spans = [rules.Span(p.starts_on, p.ends_on) for p in postings]
    try:
        rules.check_new_posting(
            starts_on=starts_on,
            ends_on=None,
            hired_on=staff.hired_on,
            left_on=staff.left_on,
            earlier=spans,
            gap_intended=gap_intended,
        )
    except RuleError as error:
        raise DomainError.from_rule(error, field="starts_on") from None
    if running is not None:
        running.save(update_fields=["ends_on", "updated_at"])
    bump_version(staff)
    staff.save(update_fields=["version", "updated_at"])
    return Rotation.objects.create(
        facility_id=staff.facility_id,
        staff_member=staff,
        department=department,
        position=position,
        starts_on=starts_on,
        decision_number=decision_number.strip(),
        note=note.strip(),
    )


@audited_write(event="organisation.account_linked")
def link_account(*, actor: User, staff_member: StaffMember, user: User | None) -> StaffMember:
    """Link an existing sign-in account not yet linked to anyone (or unlink, with None). The
    account must hold a role in the staff member's facility."""
    require_write(actor, staff_member.facility_id)
    staff = locked(staff_member)
    if user is not None:
        if StaffMember.objects.filter(user=user).exclude(pk=staff.pk).exists():
            raise DomainError(_("This account belongs to another staff member."), code="account_taken", field="user")
        if not user.memberships.filter(facility_id=staff.facility_id).exists():
            raise DomainError(
                _("This account has no role in the staff member's facility."), code="account_elsewhere", field="user"
            )
    staff.user = user
    bump_version(staff)
    try:
        with transaction.atomic():
            staff.save()
    except IntegrityError:
        raise DomainError(
            _("This account belongs to another staff member."), code="account_taken", field="user"
        ) from None
    return staff


# Holidays ---------------------------------------------------------------------------------------


@audited_write(event="organisation.holiday_added")
def add_holiday(*, actor: User, facility: Facility | None, day: date, name: str, kind: str) -> Holiday:
    """A facility's own day off (`facility` given: the staff manager's) or a national one
    (`facility` None: the system administrator's or a superuser's)."""
    if facility is None:
        if not may_keep_national_holidays(actor):
            raise PermissionDenied
        if kind == Holiday.Kind.FACILITY:
            raise DomainError(
                _("A national day off is a public holiday or a day in compensation."),
                code="kind_national",
                field="kind",
            )
        taken = Holiday.objects.filter(facility__isnull=True, day=day).exists()
    else:
        require_write(actor, facility.pk)
        kind = Holiday.Kind.FACILITY
        taken = Holiday.objects.filter(facility=facility, day=day).exists()
    if taken:
        raise DomainError(_("This day is a holiday already."), code="day_taken", field="day")
    name = name.strip()
    if not name:
        raise DomainError(_("Enter the holiday's name."), code="required", field="name")
    return Holiday.objects.create(facility=facility, day=day, name=name, kind=kind)


@audited_write(event="organisation.holiday_removed")
def remove_holiday(*, actor: User, holiday: Holiday) -> None:
    if holiday.facility_id is None:
        if not may_keep_national_holidays(actor):
            raise PermissionDenied
    else:
        require_write(actor, holiday.facility_id)
    holiday.delete()
