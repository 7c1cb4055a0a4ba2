"""Entitlements (the material regime): the pages — a zone's monthly sheet (the resident manager's
month of work, on a tablet), the shortfall list, a resident's due and issued, the norms."""

from __future__ import annotations

import io
from datetime import date
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoanhap.accounts.decorators import capability_required, require_capability
from hoanhap.accounts.facility import current_facility
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import facility_ids_with, has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.audit.writes import record_list_export
from hoanhap.core import clock
from hoanhap.core.errors import DomainError, StaleVersion
from hoanhap.core.forms import process_form
from hoanhap.core.models import Facility
from hoanhap.core.tables import XLSX, Column, Table, page_number
from hoanhap.residents.selectors import open_episodes

from ..access import AREAS
from ..forms.entitlements import CorrectionForm, IssueForm, SheetForm, ShortfallFilterForm
from ..models import SupplyIssue
from ..rules.entitlements import BASE_SALARIES, NORM_SETS, Item, Period, base_salary_on, norms_on
from ..selectors import entitlements as selectors
from ..services import entitlements as services

READ = AREAS["entitlements"].read
WRITE = AREAS["entitlements"].write


def _facility(request: AuthenticatedRequest, capability: Any) -> Facility:
    facility = current_facility(request)
    if facility is None or not has_capability(request.user, capability, facility.pk):
        raise PermissionDenied
    return facility


def _this_month() -> str:
    return f"{clock.today():%m/%Y}"


# ---- the monthly sheet -------------------------------------------------------------------------


@capability_required(WRITE)
def supply_sheet(request: AuthenticatedRequest) -> HttpResponse:
    facility = _facility(request, WRITE)
    form = SheetForm(request.GET or None, facility_id=facility.pk)
    if not request.GET:
        first_zone = form.fields["zone"].queryset.first()  # type: ignore[attr-defined]
        form = SheetForm({"zone": first_zone.pk if first_zone else "", "month": _this_month()}, facility_id=facility.pk)
    if not form.is_valid():
        return _render_sheet(request, form, rows=[], status=400 if request.GET else 200)
    zone, month = form.cleaned_data["zone"], form.cleaned_data["month"]
    rows = selectors.zone_sheet(facility_id=facility.pk, zone_id=zone.pk, month=month)
    if request.method != "POST":
        return _render_sheet(request, form, rows=rows)
    typed: dict[tuple[int, str], str] = {}
    for row in rows:
        for item in row.cells:
            typed[(row.pk, item)] = request.POST.get(f"qty-{row.pk}-{item}", "").strip()
    bad = {
        f"{pk}-{item}": _("Type a whole number.")
        for (pk, item), value in typed.items()
        if value and not value.isdigit()
    }
    issued_on_text = request.POST.get("issued_on", "")
    try:
        issued_on = date(*reversed([int(part) for part in issued_on_text.split("/")]))  # dd/mm/yyyy
    except (TypeError, ValueError):
        issued_on = None
    if bad or issued_on is None:
        error = _("Type the issue date as dd/mm/yyyy.") if issued_on is None else _("Some cells are not numbers.")
        return _render_sheet(request, form, rows=rows, typed=typed, error=error, cell_errors=bad, status=400)
    shown = {(row.pk, item): request.POST.get(f"was-{row.pk}-{item}", "") for row in rows for item in row.cells}
    expected = {key: int(value) for key, value in shown.items() if value.isdigit()}
    try:
        saved = services.save_supply_sheet(
            actor=request.user,
            facility_id=facility.pk,
            zone_id=zone.pk,
            month=month,
            issued_on=issued_on,
            quantities={key: int(value) for key, value in typed.items() if value},
            expected=expected,
        )
    except StaleVersion as error:
        return _render_sheet(request, form, rows=rows, typed=typed, error=str(error), status=409)
    except services.SheetRefused as error:
        return _render_sheet(
            request, form, rows=rows, typed=typed, error=str(error), cell_errors=error.errors, status=400
        )
    except DomainError as error:
        return _render_sheet(request, form, rows=rows, typed=typed, error=str(error), status=400)
    messages.success(request, _("%(count)s issues saved for %(month)s.") % {"count": saved, "month": f"{month:%m/%Y}"})
    return redirect(request.get_full_path())


def _render_sheet(
    request: AuthenticatedRequest,
    form: SheetForm,
    *,
    rows: list[selectors.EntitlementRow],
    typed: dict[tuple[int, str], str] | None = None,
    error: str = "",
    cell_errors: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    month = form.cleaned_data.get("month") if form.is_bound and not form.errors else None
    columns = []
    if month is not None:
        # The items due to someone on the sheet; a yearly one only while someone still lacks it.
        columns = [
            norm
            for norm in selectors.sheet_columns(month)
            if any(
                (cell := row.cells.get(norm.item.value)) is not None and (norm.period == Period.MONTH or cell.left)
                for row in rows
            )
        ]
    for row in rows:
        row.inputs = [  # type: ignore[attr-defined]
            {
                "norm": norm,
                "cell": row.cells.get(norm.item.value),
                "value": (typed or {}).get((row.pk, norm.item.value), None),
                "error": (cell_errors or {}).get(f"{row.pk}-{norm.item.value}", ""),
            }
            for norm in columns
        ]
        for entry in row.inputs:  # type: ignore[attr-defined]
            if entry["value"] is None:
                entry["value"] = entry["cell"].left if entry["cell"] else ""
    context = {
        "form": form,
        "rows": rows,
        "columns": columns,
        "error": error,
        "issued_on": request.POST.get("issued_on") or f"{clock.today():%d/%m/%Y}",
        "short": sum(1 for row in rows if row.shortfalls),
    }
    return render(request, "daily_life/entitlements/sheet.html", context, status=status)


# ---- the shortfalls ------------------------------------------------------------------------------

SHORTFALL_TABLE = Table(
    (
        Column("name", gettext_lazy("Full name"), lambda s: s.resident.full_name, order_by=("name",), width=28),
        Column("record", gettext_lazy("Record number"), lambda s: s.resident.record_number),
        Column(
            "zone", gettext_lazy("Zone"), lambda s: s.episode.zone.name if s.episode.zone else "", order_by=("zone",)
        ),
        Column("item", gettext_lazy("Item"), lambda s: str(s.cell.due.norm.label), order_by=("item",), width=30),
        Column("period", gettext_lazy("Period"), lambda s: _period_text(s.cell)),
        Column("due", gettext_lazy("Due"), attrgetter("cell.due.quantity")),
        Column("issued", gettext_lazy("Issued"), attrgetter("cell.issued")),
        Column("left", gettext_lazy("Short"), attrgetter("cell.left"), order_by=("left",)),
    ),
    default_sort="name",
)
# The list is computed (due − issued), not a query: each sortable column's key in Python, the
# Vietnamese name order (the resident's `name_sort_key`) breaking ties.
SHORTFALL_SORT_KEYS = {
    "name": lambda s: "",
    "zone": lambda s: s.episode.zone.name if s.episode.zone else "",
    "item": lambda s: list(Item).index(s.cell.due.norm.item),
    "left": lambda s: s.cell.left,
}


def _sorted_shortfalls(found: list[selectors.Shortfall], sort: str) -> list[selectors.Shortfall]:
    by_name = sorted(found, key=lambda s: s.resident.name_sort_key or "")
    key = SHORTFALL_SORT_KEYS[sort.removeprefix("-")]
    if sort == "-name":
        return list(reversed(by_name))
    return sorted(by_name, key=key, reverse=sort.startswith("-"))


def _period_text(cell: selectors.Cell) -> str:
    period = cell.due.period
    return f"{period:%Y}" if cell.due.norm.period == Period.YEAR else f"{period:%m/%Y}"


@capability_required(READ)
def shortfall_list(request: AuthenticatedRequest) -> HttpResponse:
    facility = _facility(request, READ)
    params = request.GET.copy()
    params.setdefault("month", _this_month())
    form = ShortfallFilterForm(params, facility_id=facility.pk)
    if not form.is_valid():
        context: dict[str, Any] = {"form": form, "page": None, "count": 0, "facility": facility}
        return render(request, "daily_life/entitlements/shortfalls.html", context, status=400)
    zone, month, item = form.cleaned_data["zone"], form.cleaned_data["month"], form.cleaned_data["item"]
    sort = SHORTFALL_TABLE.sort_key(request.GET.get("sort"))
    found = _sorted_shortfalls(
        selectors.shortfalls(facility_ids=[facility.pk], month=month, zone_id=zone.pk if zone else None, item=item),
        sort,
    )
    if request.GET.get("export") == "xlsx":
        out = io.BytesIO()
        # A sheet name may not hold "/": the month as yyyy-mm.
        title = _("Supply shortfalls %(month)s") % {"month": f"{month:%Y-%m}"}
        count = SHORTFALL_TABLE.write_xlsx(found, out, title=title)
        record_list_export(
            actor=request.user,
            event="daily_life.supply_shortfalls_exported",
            facility_ids=[facility.pk],
            title=title,
            count=count,
            filters={"month": f"{month:%m/%Y}", "zone": zone.pk if zone else None, "item": item},
        )
        response = HttpResponse(out.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="supply-shortfalls-{month:%Y-%m}.xlsx"'
        return response
    page = Paginator(found, 50).get_page(page_number(request.GET))
    context = {
        "form": form,
        "page": page,
        "count": len(found),
        "by_zone": selectors.shortfall_counts_by_zone(found),
        "headers": SHORTFALL_TABLE.headers(sort),
        "month": month,
        "facility": facility,
    }
    return render(request, "daily_life/entitlements/shortfalls.html", context)


# ---- one resident --------------------------------------------------------------------------------


def _episode(request: AuthenticatedRequest, episode_id: int, capability: Any) -> Any:
    episodes = open_episodes(facility_ids_with(request.user, capability))
    return object_for_request(request, episodes, episode_id, capability=capability)  # type: ignore[arg-type]


@login_required
def resident_entitlements(request: AuthenticatedRequest, supply_episode_id: int) -> HttpResponse:
    episode = _episode(request, supply_episode_id, READ)
    may_issue = has_capability(request.user, WRITE, episode.facility_id)
    form = IssueForm(initial={"month": _this_month(), "issued_on": clock.today()})
    return _render_resident(request, episode, form, may_issue=may_issue)


def _render_resident(
    request: AuthenticatedRequest, episode: Any, form: IssueForm, *, may_issue: bool, status: int = 200
) -> HttpResponse:
    today = clock.today()
    month = today.replace(day=1)
    (row,) = selectors.entitlement_rows([episode], month)
    context = {
        "episode": episode,
        "resident": episode.resident,
        "row": row,
        "month": month,
        "issues": selectors.issues_of(episode.pk, year=today.year),
        "form": form,
        "may_issue": may_issue,
    }
    return render(request, "daily_life/entitlements/resident.html", context, status=status)


@login_required
def supply_issue_create(request: AuthenticatedRequest, supply_episode_id: int) -> HttpResponse:
    require_capability(request.user, WRITE)
    episode = _episode(request, supply_episode_id, WRITE)
    form = IssueForm(request.POST or None, initial={"month": _this_month(), "issued_on": clock.today()})
    status = process_form(
        request,
        form,
        lambda form: services.issue_supply(
            actor=request.user, facility_id=episode.facility_id, episode_id=episode.pk, **form.cleaned_data
        ),
    )
    if status is None:
        messages.success(request, _("The issue is recorded."))
        return redirect("daily_life:supplies-resident", episode.pk)
    if request.method != "POST":
        return redirect("daily_life:supplies-resident", episode.pk)
    return _render_resident(request, episode, form, may_issue=True, status=status)


@login_required
def supply_issue_correct(request: AuthenticatedRequest, supply_issue_id: int) -> HttpResponse:
    issue = object_for_request(
        request, SupplyIssue.objects.select_related("resident"), supply_issue_id, capability=WRITE
    )
    form = CorrectionForm(request.POST or None, initial={"quantity": issue.quantity, "version": issue.version})
    status = process_form(
        request,
        form,
        lambda form: services.correct_supply_issue(
            actor=request.user,
            issue=issue,
            quantity=form.cleaned_data["quantity"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        ),
        current_version=lambda: SupplyIssue.objects.get(pk=issue.pk).version,
    )
    if status is None:
        messages.success(request, _("The issue is corrected."))
        return redirect("daily_life:supplies-resident", issue.episode_id)
    return render(request, "daily_life/entitlements/correct.html", {"form": form, "issue": issue}, status=status)


# ---- the norms -----------------------------------------------------------------------------------


@capability_required(READ)
def norm_list(request: AuthenticatedRequest) -> HttpResponse:
    today = clock.today()
    context = {
        "in_force": norms_on(today),
        "norm_sets": sorted(NORM_SETS, key=attrgetter("effective_from"), reverse=True),
        "base_salaries": sorted(BASE_SALARIES, key=attrgetter("effective_from"), reverse=True),
        "base_salary": base_salary_on(today),
        "today": today,
    }
    return render(request, "daily_life/entitlements/norms.html", context)
