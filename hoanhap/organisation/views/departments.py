"""Departments: the structure on a day, the list, found, rename, dissolve, restructure."""

from __future__ import annotations

from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.facility import chosen_facility_id
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import facility_ids_with, has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.core.errors import DomainError
from hoanhap.core.forms import add_domain_error, process_form
from hoanhap.core.models import Department
from hoanhap.core.tables import Column, Table

from .. import selectors, services
from ..access import HOLIDAY_READERS, READ, WRITE
from ..forms import DepartmentForm, DissolveForm, RenameForm, RestructureForm
from . import day_asked, writing_facility

DEPARTMENT_TABLE = Table(
    (
        Column("order", _("Order"), attrgetter("order"), order_by=("order", "name")),
        Column("name", _("Name"), attrgetter("name"), order_by=("name",), width=40),
        Column("kind", _("Kind"), lambda d: d.get_kind_display(), order_by=("kind",)),
        Column("established_on", _("Founded on"), attrgetter("established_on"), order_by=("established_on",)),
        Column("dissolved_on", _("Dissolved on"), attrgetter("dissolved_on"), order_by=("dissolved_on",)),
        Column("facility", _("Facility"), lambda d: d.facility.name, width=30),
    ),
    default_sort="order",
)


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """The module's first page: the structure today; for the system administrator, who reads no
    staff but keeps the national days off, the holidays."""
    if not has_capability(request.user, READ) and has_capability(request.user, HOLIDAY_READERS):
        from .holidays import holiday_year

        return holiday_year(request)
    return structure(request)


@login_required
def structure(request: AuthenticatedRequest) -> HttpResponse:
    """The departments in force on a day and who served in each: the history of any day."""
    require_capability(request.user, READ)
    day = day_asked(request)
    rows = selectors.structure_on(request.user, day, chosen_facility_id(request))
    context = {"day": day, "rows": rows, "can_write": bool(facility_ids_with(request.user, WRITE))}
    return render(request, "organisation/structure.html", context)


@login_required
def department_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    departments = selectors.departments(request.user, chosen_facility_id(request))
    status = request.GET.get("status", "")
    if status == "in_force":
        departments = departments.filter(dissolved_on__isnull=True)
    elif status == "dissolved":
        departments = departments.filter(dissolved_on__isnull=False)
    listing = DEPARTMENT_TABLE.listing(departments, request.GET)
    context = {"listing": listing, "status": status, "can_write": bool(facility_ids_with(request.user, WRITE))}
    return render(request, "organisation/departments.html", context)


@login_required
def department_create(request: AuthenticatedRequest) -> HttpResponse:
    facility = writing_facility(request)
    form = DepartmentForm(request.POST or None)
    status = process_form(
        request,
        form,
        lambda form: services.found_department(actor=request.user, facility=facility, **form.cleaned_data),
    )
    if status is None:
        messages.success(request, _("The department is founded."))
        return redirect("organisation:department-list")
    title = _("Found a department")
    return render(request, "organisation/form.html", {"form": form, "title": title}, status=status)


@login_required
def department_rename(request: AuthenticatedRequest, department_id: int) -> HttpResponse:
    department = object_for_request(request, Department.objects.all(), department_id, capability=WRITE)
    form = RenameForm(request.POST or None, initial={"name": department.name})
    status = process_form(
        request,
        form,
        lambda form: services.rename_department(actor=request.user, department=department, **form.cleaned_data),
    )
    if status is None:
        messages.success(request, _("The department is renamed."))
        return redirect("organisation:department-list")
    title = _("Rename %(name)s") % {"name": department.name}
    return render(request, "organisation/form.html", {"form": form, "title": title}, status=status)


@login_required
def department_dissolve(request: AuthenticatedRequest, department_id: int) -> HttpResponse:
    department = object_for_request(request, Department.objects.all(), department_id, capability=WRITE)
    form = DissolveForm(request.POST or None)
    status = process_form(
        request,
        form,
        lambda form: services.dissolve_department(actor=request.user, department=department, **form.cleaned_data),
    )
    if status is None:
        messages.success(request, _("The department is dissolved."))
        return redirect("organisation:department-list")
    title = _("Dissolve %(name)s") % {"name": department.name}
    return render(request, "organisation/form.html", {"form": form, "title": title}, status=status)


@login_required
def restructure(request: AuthenticatedRequest) -> HttpResponse:
    """Dissolve some departments and found others on one day, saying where each dissolved
    department's staff go: one transaction."""
    facility = writing_facility(request)
    day = day_asked(request)
    departments = list(
        Department.objects.filter(facility=facility, dissolved_on__isnull=True).order_by("order", "name")
    )
    form = RestructureForm(request.POST or None, departments=departments, initial={"on": day})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.restructure(
                    actor=request.user,
                    facility=facility,
                    on=data["on"],
                    dissolve=[d for d in departments if data.get(f"dissolve_{d.pk}")],
                    found=[services.NewDepartment(name) for name in form.new_names()],
                    moves={d.pk: data.get(f"move_{d.pk}", "") for d in departments},
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The departments are restructured."))
                return redirect(f"{reverse('organisation:structure')}?on={data['on']:%d/%m/%Y}")
    return render(request, "organisation/restructure.html", {"form": form}, status=status)
