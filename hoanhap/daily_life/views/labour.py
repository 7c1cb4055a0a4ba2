"""Labour therapy: the pages. Thin: access → form → one service or selector → render or redirect."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.facility import current_facility
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.audit.writes import record_list_export
from hoanhap.core import clock
from hoanhap.core.errors import DomainError
from hoanhap.core.forms import process_form
from hoanhap.core.models import Facility
from hoanhap.core.tables import Column, Table

from ..access import AREAS, resident_for_request
from ..forms.labour import (
    CorrectionForm,
    DayForm,
    MemberForm,
    ProduceFilter,
    ProduceForm,
    TeamEditForm,
    TeamForm,
    WorkLogFilter,
)
from ..models import TeamMembership, WorkLog, WorkTeam
from ..rules.labour import week_of
from ..selectors import labour as selectors
from ..services import labour as services

READ, WRITE = AREAS["labour"].read, AREAS["labour"].write


def _writing_facility(request: AuthenticatedRequest) -> Facility:
    facility = current_facility(request)
    if facility is None or not has_capability(request.user, WRITE, facility.pk):
        raise PermissionDenied
    return facility


@capability_required(READ)
def team_list(request: AuthenticatedRequest) -> HttpResponse:
    today = clock.today()
    teams = list(selectors.teams(request.user, week_of_day=today))
    first, last = selectors.month_of(today)
    month = selectors.team_totals(request.user, first, last)
    for team in teams:
        team.month_hours = month.get(team.pk, Decimal(0))  # type: ignore[attr-defined]
    monday, sunday = week_of(today)
    context = {"teams": teams, "monday": monday, "sunday": sunday, "month": first, "writes": _writes(request)}
    return render(request, "daily_life/labour/team_list.html", context)


@capability_required(WRITE)
def team_create(request: AuthenticatedRequest) -> HttpResponse:
    facility = _writing_facility(request)
    form = TeamForm(request.POST or None)
    created: list[WorkTeam] = []
    status = process_form(
        request,
        form,
        lambda form: created.append(
            services.form_team(actor=request.user, facility_id=facility.pk, **form.cleaned_data)
        ),
    )
    if status is None:
        messages.success(request, _("The team is formed."))
        return redirect("daily_life:team-detail", team_id=created[0].pk)
    return render(request, "daily_life/labour/form.html", {"form": form, "title": _("Form a work team")}, status=status)


@capability_required(WRITE)
def team_edit(request: AuthenticatedRequest, team_id: int) -> HttpResponse:
    team = object_for_request(request, WorkTeam.objects.select_related("leader"), team_id, capability=WRITE)
    initial = {field: getattr(team, field) for field in ("name", "default_task", "leader", "is_active")}
    form = TeamEditForm(request.POST or None, initial=initial, facility_id=team.facility_id)
    status = process_form(
        request, form, lambda form: services.edit_team(actor=request.user, team=team, **form.cleaned_data)
    )
    if status is None:
        messages.success(request, _("The team is saved."))
        return redirect("daily_life:team-detail", team_id=team.pk)
    context = {"form": form, "title": _("Edit the team %(name)s") % {"name": team.name}}
    return render(request, "daily_life/labour/form.html", context, status=status)


@capability_required(READ)
def team_detail(request: AuthenticatedRequest, team_id: int) -> HttpResponse:
    team = object_for_request(request, WorkTeam.objects.select_related("leader"), team_id, capability=READ)
    today = clock.today()
    monday, sunday = week_of(today)
    first, last = selectors.month_of(today)
    week = selectors.resident_totals(team, monday, sunday)
    month = selectors.resident_totals(team, first, last)
    members = list(selectors.active_members(team))
    for member in members:
        member.week_hours = week.get(member.resident_id, Decimal(0))  # type: ignore[attr-defined]
        member.month_hours = month.get(member.resident_id, Decimal(0))  # type: ignore[attr-defined]
    writes = has_capability(request.user, WRITE, team.facility_id)
    context = {
        "team": team,
        "members": members,
        "monday": monday,
        "sunday": sunday,
        "month": first,
        "writes": writes,
        "member_form": MemberForm(initial={"joined_on": today}, facility_id=team.facility_id) if writes else None,
        "week_total": sum(week.values(), Decimal(0)),
        "month_total": sum(month.values(), Decimal(0)),
    }
    return render(request, "daily_life/labour/team_detail.html", context)


@require_POST
@capability_required(WRITE)
def member_add(request: AuthenticatedRequest, team_id: int) -> HttpResponse:
    team = object_for_request(request, WorkTeam.objects.all(), team_id, capability=WRITE)
    form = MemberForm(request.POST, facility_id=team.facility_id)
    status = process_form(
        request,
        form,
        lambda form: services.add_member(
            actor=request.user,
            team=team,
            resident_id=form.cleaned_data["resident"],
            joined_on=form.cleaned_data["joined_on"],
        ),
    )
    if status is None:
        messages.success(request, _("The resident joined the team."))
        return redirect("daily_life:team-detail", team_id=team.pk)
    context = {"form": form, "title": _("Add a member to %(team)s") % {"team": team.name}}
    return render(request, "daily_life/labour/form.html", context, status=status)


@require_POST
@capability_required(WRITE)
def member_remove(request: AuthenticatedRequest, membership_id: int) -> HttpResponse:
    membership = object_for_request(
        request, TeamMembership.objects.select_related("team", "episode__resident"), membership_id, capability=WRITE
    )
    try:
        services.remove_member(actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("daily_life:team-detail", team_id=membership.team_id)
    messages.success(request, _("The resident left the team."))
    return redirect("daily_life:team-detail", team_id=membership.team_id)


@capability_required(WRITE)
def team_sheet(request: AuthenticatedRequest, team_id: int) -> HttpResponse:
    """The day's sheet: each member's task and hours, saved together (tablet-first)."""
    team = object_for_request(request, WorkTeam.objects.all(), team_id, capability=WRITE)
    day_form = DayForm(request.GET if "day" in request.GET else {"day": clock.today().strftime("%d/%m/%Y")})
    if not day_form.is_valid():
        return _sheet(request, team, day_form, None, rows=[], status=400)
    day: date = day_form.cleaned_data["day"]
    members = services.members_on(team, day)
    existing = {log.resident_id: log for log in WorkLog.objects.filter(team=team, worked_on=day)}
    rows = [_sheet_row(team, member, existing.get(member.resident_id)) for member in members]
    if request.method != "POST":
        return _sheet(request, team, day_form, day, rows=rows, fresh=not existing)
    sheet_rows, typo = [], {}
    for row in rows:
        pk = row["resident_id"]
        row["task"] = request.POST.get(f"task-{pk}", "").strip()
        row["hours"] = request.POST.get(f"hours-{pk}", "").strip().replace(",", ".")
        row["output"] = request.POST.get(f"output-{pk}", "").strip()
        try:
            hours = Decimal(row["hours"]) if row["hours"] else None
        except InvalidOperation:
            typo[pk] = _("%(name)s: write the hours as a number, e.g. 4 or 7.5.") % {"name": row["name"]}
            continue
        sheet_rows.append(services.SheetRow(pk, hours, task=row["task"], output=row["output"]))
    try:
        if typo:
            raise services.SheetRefused(
                _("Some rows are refused: nothing was saved. Correct them and save again."), errors=typo
            )
        saved = services.save_day_sheet(actor=request.user, team=team, worked_on=day, rows=sheet_rows)
    except services.SheetRefused as error:
        for row in rows:
            row["error"] = error.errors.get(row["resident_id"], "")
        return _sheet(request, team, day_form, day, rows=rows, error=str(error), status=400)
    messages.success(
        request, _("Work log saved for %(day)s: %(count)s residents.") % {"day": f"{day:%d/%m/%Y}", "count": saved}
    )
    return redirect(f"{request.path}?day={day:%d/%m/%Y}")


def _sheet_row(team: WorkTeam, member: TeamMembership, log: WorkLog | None) -> dict[str, Any]:
    return {
        "resident_id": member.resident_id,
        "name": member.resident.full_name,
        "record_number": member.resident.record_number,
        "task": log.task if log else team.default_task,
        "hours": _plain(log.hours) if log else "",
        "output": log.output if log else "",
        "error": "",
    }


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _sheet(
    request: AuthenticatedRequest,
    team: WorkTeam,
    day_form: DayForm,
    day: date | None,
    *,
    rows: list[dict[str, Any]],
    error: str = "",
    fresh: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {
        "team": team,
        "day_form": day_form,
        "day": day,
        "rows": rows,
        "error": error,
        "fresh": fresh,
        "default_hours": "4",
        "previous": day - timedelta(days=1) if day else None,
        "next": day + timedelta(days=1) if day and day < clock.today() else None,
    }
    return render(request, "daily_life/labour/sheet.html", context, status=status)


@capability_required(WRITE)
def log_edit(request: AuthenticatedRequest, work_log_id: int) -> HttpResponse:
    log = object_for_request(request, WorkLog.objects.select_related("resident", "team"), work_log_id, capability=WRITE)
    initial = {
        "task": log.task,
        "hours": log.hours,
        "output": log.output,
        "output_quantity": log.output_quantity,
        "output_unit": log.output_unit,
    }
    form = CorrectionForm(request.POST or None, initial=initial)
    status = process_form(
        request, form, lambda form: services.correct_entry(actor=request.user, log=log, **form.cleaned_data)
    )
    if status is None:
        messages.success(request, _("The entry is corrected."))
        return redirect("daily_life:resident-hours", labour_resident_id=log.resident_id)
    title = _("Correct %(name)s's work on %(day)s") % {
        "name": log.resident.full_name,
        "day": f"{log.worked_on:%d/%m/%Y}",
    }
    return render(request, "daily_life/labour/form.html", {"form": form, "title": title}, status=status)


@capability_required(READ)
def resident_hours(request: AuthenticatedRequest, labour_resident_id: int) -> HttpResponse:
    """A resident's hours week by week (the centre follows labour hours coming down), and the entries."""
    resident = resident_for_request(request, labour_resident_id, area="labour")
    logs = selectors.resident_logs(request.user, labour_resident_id)
    weeks = selectors.weekly_hours(request.user, labour_resident_id, until=clock.today())
    context = {
        "resident": resident,
        "weeks": weeks,
        "logs": logs.order_by("-worked_on")[:60],
        "writes": has_capability(request.user, WRITE, resident.facility_id),
        "cap": weeks[-1].cap if weeks else 48,
        "chart_width": len(weeks) * 10,
    }
    return render(request, "daily_life/labour/resident_hours.html", context)


WORK_LOG_TABLE = Table(
    (
        Column("worked_on", gettext_lazy("Date"), attrgetter("worked_on"), order_by=("worked_on",)),
        Column(
            "resident",
            gettext_lazy("Full name"),
            lambda row: row.resident.full_name,
            order_by=("resident__name_sort_key",),
            width=28,
        ),
        Column("record_number", gettext_lazy("Record number"), lambda row: row.resident.record_number),
        Column("team", gettext_lazy("Team"), lambda row: row.team.name, order_by=("team__name",)),
        Column("task", gettext_lazy("Task"), attrgetter("task"), width=28),
        Column("hours", gettext_lazy("Hours"), attrgetter("hours"), order_by=("hours",), width=8),
        Column("output", gettext_lazy("Output"), attrgetter("output")),
    ),
    default_sort="-worked_on",
)


@capability_required(READ)
def work_log_list(request: AuthenticatedRequest, *, export: bool = False) -> HttpResponse:
    """Every entry of a period (this month unless chosen), of one team or all: what the centre
    counts and sends up; exported as shown."""
    first, last = selectors.month_of(clock.today())
    teams = [(team.pk, team.name) for team in selectors.teams(request.user, week_of_day=first)]
    filters = WorkLogFilter(request.GET or None, teams=teams, initial={"start": first, "end": last})
    data: dict[str, Any] = {"team": None, "start": None, "end": None, "q": ""}
    if request.GET and filters.is_valid():
        data = filters.cleaned_data
    start, end = data["start"] or first, data["end"] or last
    rows = selectors.work_logs(request.user, team_id=data["team"], start=start, end=end, q=data["q"])
    if export and not filters.errors:
        title = gettext_lazy("Work log")
        response, count = WORK_LOG_TABLE.xlsx_response(rows, request.GET, filename="nhat-ky-lao-dong.xlsx", title=title)
        record_list_export(
            actor=request.user,
            event="daily_life.work_log_exported",
            facility_ids=set(rows.values_list("facility_id", flat=True).distinct()),
            title=title,
            count=count,
            filters=dict(request.GET.items()),
        )
        return response
    listing = WORK_LOG_TABLE.listing(rows, request.GET)
    context = {"filters": filters, "listing": listing, "total": selectors.hours_of(rows)}
    return render(request, "daily_life/labour/work_log_list.html", context, status=400 if filters.errors else 200)


@capability_required(READ)
def work_log_export(request: AuthenticatedRequest) -> HttpResponse:
    """The filtered work log as an Excel workbook."""
    return work_log_list(request, export=True)


PRODUCE_TABLE = Table(
    (
        Column("produced_on", gettext_lazy("Date"), attrgetter("produced_on"), order_by=("produced_on",)),
        Column("item", gettext_lazy("Item"), lambda row: row.get_item_display(), order_by=("item",)),
        Column("description", gettext_lazy("Description"), attrgetter("description")),
        Column("quantity", gettext_lazy("Quantity"), attrgetter("quantity"), order_by=("quantity",)),
        Column("unit", gettext_lazy("Unit"), attrgetter("unit")),
        Column("team", gettext_lazy("Team"), lambda row: row.team.name if row.team else "", order_by=("team__name",)),
        Column(
            "sent_to_kitchen_on",
            gettext_lazy("Sent to the kitchen on"),
            attrgetter("sent_to_kitchen_on"),
            order_by=("sent_to_kitchen_on",),
        ),
        Column("received_by", gettext_lazy("Received by"), attrgetter("received_by")),
    ),
    default_sort="-produced_on",
)


@capability_required(READ)
def produce_list(request: AuthenticatedRequest, *, export: bool = False) -> HttpResponse:
    filters = ProduceFilter(request.GET or None)
    rows = selectors.produce(request.user)
    if filters.is_valid():
        data = filters.cleaned_data
        if data["item"]:
            rows = rows.filter(item=data["item"])
        if data["start"]:
            rows = rows.filter(produced_on__gte=data["start"])
        if data["end"]:
            rows = rows.filter(produced_on__lte=data["end"])
    if export:
        title = gettext_lazy("Produce")
        response, count = PRODUCE_TABLE.xlsx_response(rows, request.GET, filename="produce.xlsx", title=title)
        record_list_export(
            actor=request.user,
            event="daily_life.produce_exported",
            facility_ids=set(rows.values_list("facility_id", flat=True).distinct()),
            title=title,
            count=count,
            filters=dict(request.GET.items()),
        )
        return response
    listing = PRODUCE_TABLE.listing(rows, request.GET)
    context = {"filters": filters, "listing": listing, "writes": _writes(request)}
    return render(request, "daily_life/labour/produce_list.html", context, status=400 if filters.errors else 200)


@capability_required(READ)
def produce_export(request: AuthenticatedRequest) -> HttpResponse:
    """The filtered produce list as an Excel workbook."""
    return produce_list(request, export=True)


@capability_required(WRITE)
def produce_create(request: AuthenticatedRequest) -> HttpResponse:
    facility = _writing_facility(request)
    form = ProduceForm(
        request.POST or None, initial={"produced_on": clock.today(), "unit": "kg"}, facility_id=facility.pk
    )
    status = process_form(
        request,
        form,
        lambda form: services.record_produce(actor=request.user, facility_id=facility.pk, **form.cleaned_data),
    )
    if status is None:
        messages.success(request, _("The produce is recorded."))
        return redirect("daily_life:produce-list")
    return render(request, "daily_life/labour/form.html", {"form": form, "title": _("Record produce")}, status=status)


def _writes(request: AuthenticatedRequest) -> bool:
    facility = current_facility(request)
    return facility is not None and has_capability(request.user, WRITE, facility.pk)
