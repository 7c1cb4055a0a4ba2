"""Staff members: the list (filters, Vietnamese order, export), a staff member's page with their
history, and the forms that add, change, post, record leaving, add a qualification, link an account."""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.facility import chosen_facility_id
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import facility_ids_with, has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.audit.writes import record_list_export
from hoanhap.core import clock
from hoanhap.core.forms import process_form
from hoanhap.core.models import Department
from hoanhap.core.tables import Column, Table

from .. import selectors, services
from ..access import READ, WRITE
from ..forms import (
    AccountForm,
    LeavingForm,
    PeriodForm,
    PostingForm,
    QualificationForm,
    StaffFilterForm,
    StaffMemberChangeForm,
    StaffMemberForm,
)
from ..models import Position, Rotation, StaffMember
from . import writing_facility


def _current(staff: StaffMember) -> Rotation | None:
    postings = getattr(staff, "current_postings", [])
    return postings[0] if postings else None


def _current_department(staff: StaffMember) -> str:
    posting = _current(staff)
    return posting.department.name if posting else ""


def _current_position(staff: StaffMember) -> str:
    posting = _current(staff)
    return posting.position.name if posting else ""


STAFF_TABLE = Table(
    (
        Column("name", _("Full name"), attrgetter("full_name"), order_by=("name_sort_key",), width=30),
        Column("department", _("Department"), _current_department, width=35),
        Column("position", _("Position"), _current_position),
        Column("hired_on", _("Hired on"), attrgetter("hired_on"), order_by=("hired_on",)),
        Column("left_on", _("Left the service on"), attrgetter("left_on"), order_by=("left_on",)),
        Column("phone", _("Phone"), attrgetter("phone")),
    ),
    default_sort="name",
)
ROTATION_TABLE = Table(
    (
        Column("starts_on", _("Starts on"), attrgetter("starts_on"), order_by=("starts_on",)),
        Column("ends_on", _("Ends on"), attrgetter("ends_on"), order_by=("ends_on",)),
        Column("name", _("Full name"), lambda r: r.staff_member.full_name, order_by=("staff_member__name_sort_key",)),
        Column("department", _("Department"), lambda r: r.department.name, order_by=("department__name",), width=35),
        Column("position", _("Position"), lambda r: r.position.name, order_by=("position__order",)),
        Column("decision_number", _("Decision number"), attrgetter("decision_number")),
        Column("note", _("Note"), attrgetter("note"), width=30),
    ),
    default_sort="-starts_on",
)


def _staff_filters(request: AuthenticatedRequest) -> tuple[StaffFilterForm, selectors.StaffFilters]:
    facility_id = chosen_facility_id(request)
    ids = [facility_id] if facility_id else sorted(facility_ids_with(request.user, READ))
    form = StaffFilterForm(
        request.GET or None,
        departments=Department.objects.filter(facility_id__in=ids).order_by("order", "name"),
        positions=Position.objects.filter(facility_id__in=ids).order_by("order", "name"),
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.StaffFilters(
            q=data["q"],
            department_id=data["department"],
            position_id=data["position"],
            status=data["status"],
            on=clock.today(),
        )
        return form, filters
    return form, selectors.StaffFilters(on=clock.today())


@login_required
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    form, filters = _staff_filters(request)
    staff = selectors.staff_list(request.user, filters, chosen_facility_id(request))
    listing = STAFF_TABLE.listing(staff, request.GET)
    template = "organisation/_staff_rows.html" if request.htmx else "organisation/staff_list.html"
    context = {"form": form, "listing": listing, "can_write": bool(facility_ids_with(request.user, WRITE))}
    return render(request, template, context, status=400 if form.errors else 200)


def _export(
    request: AuthenticatedRequest, table: Table, rows: QuerySet, *, event: str, filename: str, title: Any
) -> HttpResponse:
    facility_id = chosen_facility_id(request)
    response, count = table.xlsx_response(rows, request.GET, filename=filename, title=title)
    record_list_export(
        actor=request.user,
        event=event,
        facility_ids=[facility_id] if facility_id else facility_ids_with(request.user, READ),
        title=title,
        count=count,
        filters=dict(request.GET.items()),
    )
    return response


@login_required
def staff_export(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    _form, filters = _staff_filters(request)
    staff = selectors.staff_list(request.user, filters, chosen_facility_id(request))
    return _export(
        request, STAFF_TABLE, staff, event="organisation.staff_exported", filename="staff.xlsx", title=_("Staff")
    )


@login_required
def staff_create(request: AuthenticatedRequest) -> HttpResponse:
    facility = writing_facility(request)
    form = StaffMemberForm(request.POST or None, initial={"hired_on": clock.today()})
    created: list[StaffMember] = []

    def save(form: StaffMemberForm) -> None:
        created.append(services.add_staff_member(actor=request.user, facility=facility, **form.cleaned_data))

    status = process_form(request, form, save)
    if status is None:
        messages.success(request, _("The staff member is added. Now post them to a department."))
        return redirect("organisation:staff-post", created[0].pk)
    return render(request, "organisation/form.html", {"form": form, "title": _("Add a staff member")}, status=status)


@login_required
def staff_detail(request: AuthenticatedRequest, staff_member_id: int) -> HttpResponse:
    staff = object_for_request(request, StaffMember.objects.select_related("user"), staff_member_id, capability=READ)
    can_write = has_capability(request.user, WRITE, staff.facility_id)
    context = {
        "staff": staff,
        "history": selectors.history_of(staff),
        "qualifications": staff.qualifications.all(),
        "can_write": can_write,
        "qualification_form": QualificationForm(),
    }
    return render(request, "organisation/staff_detail.html", context)


def _staff_for_write(request: AuthenticatedRequest, staff_member_id: int) -> StaffMember:
    return object_for_request(request, StaffMember.objects.all(), staff_member_id, capability=WRITE)


@login_required
def staff_edit(request: AuthenticatedRequest, staff_member_id: int) -> HttpResponse:
    staff = _staff_for_write(request, staff_member_id)
    initial = {name: getattr(staff, name) for name in services.EDITABLE} | {"version": staff.version}
    form = StaffMemberChangeForm(request.POST or None, initial=initial)

    def save(form: StaffMemberChangeForm) -> None:
        data = dict(form.cleaned_data)
        version = data.pop("version")
        services.change_staff_member(actor=request.user, staff_member=staff, expected_version=version, **data)

    status = process_form(request, form, save)
    if status is None:
        messages.success(request, _("Saved."))
        return redirect("organisation:staff-detail", staff.pk)
    title = _("Change %(name)s") % {"name": staff.full_name}
    return render(request, "organisation/form.html", {"form": form, "title": title}, status=status)


@login_required
def staff_post(request: AuthenticatedRequest, staff_member_id: int) -> HttpResponse:
    """Post the staff member to a department (a first posting, or a rotation: the running one ends
    the day before)."""
    staff = _staff_for_write(request, staff_member_id)
    form = PostingForm(
        request.POST or None,
        initial={"starts_on": clock.today()},
        departments=Department.objects.filter(facility_id=staff.facility_id, dissolved_on__isnull=True),
        positions=selectors.positions(staff.facility_id),
    )
    status = process_form(
        request,
        form,
        lambda form: services.post_staff_member(actor=request.user, staff_member=staff, **form.cleaned_data),
    )
    if status is None:
        messages.success(request, _("The posting is recorded."))
        return redirect("organisation:staff-detail", staff.pk)
    title = _("Post %(name)s") % {"name": staff.full_name}
    return render(request, "organisation/form.html", {"form": form, "title": title}, status=status)


@login_required
def staff_leave(request: AuthenticatedRequest, staff_member_id: int) -> HttpResponse:
    staff = _staff_for_write(request, staff_member_id)
    form = LeavingForm(request.POST or None, initial={"left_on": clock.today()})
    status = process_form(
        request, form, lambda form: services.record_leaving(actor=request.user, staff_member=staff, **form.cleaned_data)
    )
    if status is None:
        messages.success(request, _("The leaving is recorded."))
        return redirect("organisation:staff-detail", staff.pk)
    title = _("%(name)s leaves the facility") % {"name": staff.full_name}
    return render(request, "organisation/form.html", {"form": form, "title": title}, status=status)


@login_required
def staff_qualification(request: AuthenticatedRequest, staff_member_id: int) -> HttpResponse:
    staff = _staff_for_write(request, staff_member_id)
    form = QualificationForm(request.POST or None)
    status = process_form(
        request,
        form,
        lambda form: services.add_qualification(actor=request.user, staff_member=staff, **form.cleaned_data),
    )
    if status is None:
        messages.success(request, _("The qualification is added."))
        return redirect("organisation:staff-detail", staff.pk)
    title = _("Add a qualification: %(name)s") % {"name": staff.full_name}
    return render(request, "organisation/form.html", {"form": form, "title": title}, status=status)


@login_required
def staff_account(request: AuthenticatedRequest, staff_member_id: int) -> HttpResponse:
    """Link an existing sign-in account (one with a role in the facility, not linked yet)."""
    staff = _staff_for_write(request, staff_member_id)
    accounts = selectors.linkable_accounts(staff)
    form = AccountForm(request.POST or None, initial={"user": staff.user_id}, accounts=accounts)
    status = process_form(
        request, form, lambda form: services.link_account(actor=request.user, staff_member=staff, **form.cleaned_data)
    )
    if status is None:
        messages.success(request, _("Saved."))
        return redirect("organisation:staff-detail", staff.pk)
    title = _("Sign-in account of %(name)s") % {"name": staff.full_name}
    return render(request, "organisation/form.html", {"form": form, "title": title}, status=status)


def _period(request: AuthenticatedRequest) -> tuple[PeriodForm, date, date]:
    today = clock.today()
    start, end = today.replace(month=1, day=1), today.replace(month=12, day=31)
    form = PeriodForm(request.GET or None, initial={"from_on": start, "to_on": end})
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["from_on"] or start
        end = form.cleaned_data["to_on"] or end
        if end < start:
            form.add_error("to_on", _("The end of the period comes before its start."))
    return form, start, end


@login_required
def rotation_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    form, start, end = _period(request)
    rows = selectors.postings_between(request.user, start, end, chosen_facility_id(request))
    listing = ROTATION_TABLE.listing(rows, request.GET)
    context = {"form": form, "listing": listing, "start": start, "end": end}
    return render(request, "organisation/rotations.html", context, status=400 if form.errors else 200)


@login_required
def rotation_export(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    _form, start, end = _period(request)
    rows = selectors.postings_between(request.user, start, end, chosen_facility_id(request))
    return _export(
        request,
        ROTATION_TABLE,
        rows,
        event="organisation.rotations_exported",
        filename="postings.xlsx",
        title=_("Postings"),
    )
