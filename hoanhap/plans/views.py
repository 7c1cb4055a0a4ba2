"""The annual plans' pages. Thin: access, form, one service or selector, render."""

from __future__ import annotations

import io
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.facility import chosen_facility_id
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import facilities_of, facility_ids_with, has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.audit.writes import record_list_export
from hoanhap.core import clock
from hoanhap.core.errors import DomainError
from hoanhap.core.forms import process_form
from hoanhap.core.tables import XLSX, Column, Table

from . import selectors, services
from .access import READ, WRITE
from .forms import PlanFilterForm, PlanForm, RemoveTargetForm, TargetForm
from .models import AnnualPlan

FIRST_YEAR, LAST_YEAR = 1900, 9998

PLAN_TABLE = Table(
    (
        Column("year", gettext_lazy("Year"), attrgetter("year"), order_by=("year", "facility__name"), width=8),
        Column("facility", gettext_lazy("Facility"), lambda p: p.facility.name, order_by=("facility__name",), width=40),
        Column("status", gettext_lazy("Status"), lambda p: p.get_status_display(), order_by=("status",)),
        Column("targets", gettext_lazy("Targets"), attrgetter("target_count"), order_by=("target_count",), width=10),
        Column("approved_on", gettext_lazy("Approved on"), attrgetter("approved_on"), order_by=("approved_on",)),
        Column(
            "approved_by",
            gettext_lazy("Approved by"),
            lambda p: p.approved_by.full_name if p.approved_by else "",
            width=28,
        ),
    ),
    default_sort="-year",
)


def _plans(request: AuthenticatedRequest) -> tuple[PlanFilterForm, Any]:
    require_capability(request.user, READ)
    form = PlanFilterForm(request.GET)
    values = form.values()
    plans = selectors.plans_visible_to(request.user, year=values.get("year"), facility_id=chosen_facility_id(request))
    if values.get("status"):
        plans = plans.filter(status=values["status"])
    return form, selectors.with_target_count(plans)


@login_required
def plan_list(request: AuthenticatedRequest) -> HttpResponse:
    form, plans = _plans(request)
    context = {
        "form": form,
        "listing": PLAN_TABLE.listing(plans, request.GET),
        "may_write": bool(facility_ids_with(request.user, WRITE)),
        "this_year": clock.today().year,
    }
    template = "plans/_plan_rows.html" if request.htmx else "plans/plan_list.html"
    return render(request, template, context)


@login_required
def plan_list_export(request: AuthenticatedRequest) -> HttpResponse:
    form, plans = _plans(request)
    response, count = PLAN_TABLE.xlsx_response(
        plans, request.GET, filename="ke-hoach-nam.xlsx", title=_("Annual plans")
    )
    record_list_export(
        actor=request.user,
        event="plans.plans_exported",
        facility_ids=set(plans.values_list("facility_id", flat=True).distinct()),
        title=_("Annual plans"),
        count=count,
        filters={name: value for name, value in form.values().items() if value},
    )
    return response


@login_required
def plan_create(request: AuthenticatedRequest) -> HttpResponse:
    ids = facility_ids_with(request.user, WRITE)
    if not ids:
        raise PermissionDenied
    chosen = chosen_facility_id(request)
    facilities = sorted(
        ((f.pk, f.name) for f in facilities_of(request.user) if f.pk in ids), key=lambda p: p[0] != chosen
    )
    form = PlanForm(
        request.POST or None,
        facilities=facilities,
        initial={"facility": facilities[0][0], "year": clock.today().year, "copy_last_year": True},
    )
    created: dict[str, AnnualPlan] = {}

    def save(form: PlanForm) -> None:
        data = dict(form.cleaned_data)
        created["plan"] = services.create_plan(actor=request.user, facility_id=data.pop("facility"), **data)

    status = process_form(request, form, save)
    if status is None:
        messages.success(request, _("The plan is created."))
        return redirect("plans:detail", created["plan"].pk)
    return render(request, "plans/form.html", {"form": form, "title": _("New annual plan")}, status=status)


def _plan(request: AuthenticatedRequest, plan_id: int, capability: Any = READ) -> AnnualPlan:
    return object_for_request(
        request, AnnualPlan.objects.select_related("facility", "approved_by"), plan_id, capability=capability
    )


def _detail(
    request: AuthenticatedRequest,
    plan: AnnualPlan,
    target_form: TargetForm | None = None,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    today = clock.today()
    may_write = has_capability(request.user, WRITE, plan.facility_id)
    context = {
        "plan": plan,
        "rows": selectors.plan_progress(plan, today),
        "months": selectors.month_starts(plan.year, today),
        "today": today,
        "may_write": may_write,
        "may_edit": may_write and not plan.is_approved,
        "target_form": target_form or TargetForm(),
        "error": error,
    }
    return render(request, "plans/plan_detail.html", context, status=status)


@login_required
def plan_detail(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    return _detail(request, _plan(request, plan_id))


def _month_value(index: int) -> Any:
    return lambda row: row.months[index] if index < len(row.months) else None


def _cell(index: int, part: int) -> Any:
    return lambda row: row.cells[index][part]


def _plan_table(plan: AnnualPlan, months: list[Any]) -> Table:
    columns = [
        Column("figure", gettext_lazy("Figure"), lambda r: str(r.label), order_by=("figure",), width=36),
        Column("unit", gettext_lazy("Unit"), lambda r: str(r.unit), width=14),
        Column("planned", gettext_lazy("Target"), attrgetter("planned"), width=12),
        Column("actual", gettext_lazy("Actual to date"), attrgetter("actual"), width=12),
        Column("percent", gettext_lazy("Percent of plan"), attrgetter("percent"), width=10),
        Column("expected", gettext_lazy("Expected by now"), attrgetter("expected"), width=12),
        Column("gap", gettext_lazy("Gap"), attrgetter("gap"), width=10),
    ]
    for index, month in enumerate(months):
        columns.append(Column(f"m{index + 1}", f"{month:%m/%Y}", _month_value(index)))
    return Table(tuple(columns), default_sort="figure")


@login_required
def plan_export(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    today = clock.today()
    rows = selectors.plan_progress(plan, today)
    out = io.BytesIO()
    title = _("Annual plan %(year)s") % {"year": plan.year}
    count = _plan_table(plan, selectors.month_starts(plan.year, today)).write_xlsx(rows, out, title=title)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-{plan.year}.xlsx"'
    record_list_export(
        actor=request.user,
        event="plans.plan_exported",
        facility_ids=[plan.facility_id],
        title=title,
        count=count,
        filters={"plan": plan.pk},
    )
    return response


@login_required
@require_POST
def target_set(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id, WRITE)
    form = TargetForm(request.POST)
    status = process_form(
        request,
        form,
        lambda form: services.set_target(actor=request.user, plan=plan, **form.cleaned_data),
    )
    if status is None:
        messages.success(request, _("The target is saved."))
        return redirect("plans:detail", plan.pk)
    return _detail(request, plan, form, status)


def _act(request: AuthenticatedRequest, plan: AnnualPlan, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except DomainError as error:
        return _detail(request, plan, status=400, error=str(error))
    messages.success(request, done)
    return redirect("plans:detail", plan.pk)


@login_required
@require_POST
def target_remove(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id, WRITE)
    form = RemoveTargetForm(request.POST)
    figure = form.cleaned_data["figure"] if form.is_valid() else ""
    return _act(
        request,
        plan,
        lambda: services.remove_target(actor=request.user, plan=plan, figure=figure),
        _("The target is removed."),
    )


@login_required
@require_POST
def plan_approve(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id, WRITE)
    return _act(request, plan, lambda: services.approve_plan(actor=request.user, plan=plan), _("The plan is approved."))


@login_required
@require_POST
def plan_reopen(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id, WRITE)
    return _act(
        request, plan, lambda: services.reopen_plan(actor=request.user, plan=plan), _("The plan is back to draft.")
    )


def _year_table(columns: list[selectors.YearColumn]) -> Table:
    table_columns = [Column("figure", gettext_lazy("Figure"), lambda r: str(r.label), order_by=("figure",), width=36)]
    for index, column in enumerate(columns):
        table_columns.append(Column(f"p{index}", f"{column.name} – {_('planned')}", _cell(index, 0), width=14))
        table_columns.append(Column(f"a{index}", f"{column.name} – {_('actual')}", _cell(index, 1), width=14))
    table_columns += [
        Column("planned", gettext_lazy("Total planned"), attrgetter("planned"), width=14),
        Column("actual", gettext_lazy("Total actual"), attrgetter("actual"), width=14),
        Column("percent", gettext_lazy("Percent of plan"), attrgetter("percent"), width=10),
    ]
    return Table(tuple(table_columns), default_sort="figure")


def _check_year(year: int) -> None:
    """A year in the address bar the calendar cannot hold is a page that does not exist."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404


@login_required
def year_page(request: AuthenticatedRequest, year: int) -> HttpResponse:
    require_capability(request.user, READ)
    _check_year(year)
    columns, rows = selectors.year_overview(request.user, year)
    return render(request, "plans/year.html", {"year": year, "columns": columns, "rows": rows})


@login_required
def year_export(request: AuthenticatedRequest, year: int) -> HttpResponse:
    require_capability(request.user, READ)
    _check_year(year)
    columns, rows = selectors.year_overview(request.user, year)
    out = io.BytesIO()
    title = _("Annual plans %(year)s") % {"year": year}
    count = _year_table(columns).write_xlsx(rows, out, title=title)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-{year}-cac-co-so.xlsx"'
    record_list_export(
        actor=request.user,
        event="plans.plans_exported",
        facility_ids=[column.facility_id for column in columns],
        title=title,
        count=count,
        filters={"year": year},
    )
    return response
