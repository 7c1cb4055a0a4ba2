"""Family visits, parcels and money: the pages. Thin: access, a form, one service or selector."""

from __future__ import annotations

from datetime import date, datetime
from operator import attrgetter
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.facility import chosen_facility_id
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with, has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.audit.writes import record_list_export
from hoanhap.core import clock
from hoanhap.core.errors import DomainError
from hoanhap.core.forms import process_form
from hoanhap.core.tables import Column, Table, page_number

from ..access import AREAS, resident_for_request
from ..forms.visits import BookingForm, ExtensionForm, MoneyForm, ParcelForm, VisitFilterForm
from ..models import Parcel, Visit
from ..selectors import visits as selectors
from ..services import visits as services

READ = AREAS["visits"].read
WRITE = AREAS["visits"].write


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


def _visitors(visit: Visit) -> str:
    return "; ".join(f"{v.full_name} ({v.get_relation_display()}, {v.id_number})" for v in visit.visitors.all())


VISIT_TABLE = Table(
    (
        Column("starts_at", _("From"), lambda v: _local(v.starts_at).replace(tzinfo=None), order_by=("starts_at",)),
        Column("ends_at", _("To"), lambda v: _local(v.ends_at).strftime("%d/%m/%Y %H:%M")),
        Column("resident", _("Resident"), lambda v: v.resident.full_name, order_by=("resident__name_sort_key",)),
        Column("kind", _("Kind"), lambda v: v.get_kind_display(), order_by=("kind",)),
        Column("visitors", _("Visitors"), _visitors, width=50),
        Column("status", _("Status"), lambda v: v.get_status_display(), order_by=("status",)),
    ),
    default_sort="-starts_at",
)
PARCEL_TABLE = Table(
    (
        Column("received_on", _("Received on"), attrgetter("received_on"), order_by=("received_on",)),
        Column("resident", _("Resident"), lambda p: p.resident.full_name, order_by=("resident__name_sort_key",)),
        Column("handed_in_by", _("Handed in by"), attrgetter("handed_in_by")),
        Column("items", _("Items"), attrgetter("items"), width=40),
        Column("status", _("Result of the inspection"), lambda p: p.get_status_display(), order_by=("status",)),
        Column("refusal_reason", _("Reason for refusal"), attrgetter("refusal_reason"), width=30),
    ),
    default_sort="-received_on",
)


# The gate's buttons and their colours.
GATE_MOVES = {"check_in": "btn-success", "check_out": "btn-secondary", "cancel": "btn-outline-danger"}


def _day_asked(request: AuthenticatedRequest) -> date:
    raw = request.GET.get("on", "")
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return clock.today()


@login_required
def visit_day(request: AuthenticatedRequest) -> HttpResponse:
    """The gate's schedule of a day: who comes when, the visitors with their papers, and the
    buttons that check them in and out."""
    require_capability(request.user, READ)
    day = _day_asked(request)
    visits = list(selectors.day_schedule(request.user, day, chosen_facility_id(request)))
    writer_ids = facility_ids_with(request.user, WRITE)
    approver_ids = facility_ids_with(request.user, Capability.APPROVE_DECISIONS)
    # The buttons' addresses reversed once, not three times a visit: the page must stay fast with
    # forty visits a day (bench: "a day's visit schedule at the gate").
    addresses = {move: reverse(f"daily_life:visit-{move.replace('_', '-')}", args=[0]) for move in GATE_MOVES}
    rows = []
    for visit in visits:
        starts, ends = _local(visit.starts_at), _local(visit.ends_at)
        moves = services.VISIT_STATES.allowed(visit) if visit.facility_id in writer_ids else []
        rows.append(
            {
                "visit": visit,
                "time": f"{starts:%H:%M}–{ends:%H:%M}",
                "days": f"{starts:%d/%m} → {ends:%d/%m}" if starts.date() != ends.date() else "",
                "buttons": [
                    (services.MOVE_LABELS[move], addresses[move].replace("/0/", f"/{visit.pk}/"), GATE_MOVES[move])
                    for move in moves
                    if move in GATE_MOVES
                ],
                "may_extend": visit.facility_id in approver_ids
                and visit.kind == Visit.Kind.ORDINARY
                and services.VISIT_STATES.is_allowed(visit, "approve"),
            }
        )
    context = {
        "day": day,
        "rows": rows,
        "previous": day.fromordinal(day.toordinal() - 1),
        "next": day.fromordinal(day.toordinal() + 1),
        "can_book": bool(writer_ids),
    }
    return render(request, "daily_life/visits/day.html", context)


@login_required
@require_POST
def visit_move(request: AuthenticatedRequest, visit_id: int, move: str) -> HttpResponse:
    visit = object_for_request(request, Visit.objects.all(), visit_id, capability=WRITE)
    service = {
        "check_in": services.check_in_visit,
        "check_out": services.check_out_visit,
        "cancel": services.cancel_visit,
    }.get(move)
    if service is None:
        raise Http404
    day = _local(visit.starts_at).date()
    try:
        service(actor=request.user, visit=visit)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Saved: %(name)s, %(move)s.") % {"name": visit.resident.full_name, "move": services.MOVE_LABELS[move]},
        )
    return redirect(f"{reverse('daily_life:visit-day')}?{urlencode({'on': request.POST.get('on') or day.isoformat()})}")


@login_required
def visit_book(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, WRITE)
    form = BookingForm(request.POST or None, initial={"on": clock.today()})
    chosen = None
    if form.data.get("episode", "").isdigit():
        chosen = selectors.bookable_episode(request.user, int(form.data["episode"]))

    def save(form: BookingForm) -> Visit:
        if chosen is None:
            raise DomainError(_("Find the resident and choose them."), code="required", field="episode")
        data = form.cleaned_data
        return services.book_visit(
            actor=request.user,
            episode=chosen,
            kind=data["kind"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            visitors=data["visitors"],
            note=data["note"],
        )

    status = process_form(request, form, save)
    if status is None:
        day = form.cleaned_data["on"]
        messages.success(request, _("The visit is booked."))
        return redirect(f"{reverse('daily_life:visit-day')}?on={day.isoformat()}")
    return render(request, "daily_life/visits/book.html", {"form": form, "chosen": chosen}, status=status)


@login_required
def resident_search(request: AuthenticatedRequest) -> HttpResponse:
    """As the officer types a name (with or without diacritics): the residents present to choose."""
    require_capability(request.user, WRITE)
    query = request.GET.get("q", "")[:100]
    episodes = selectors.residents_to_book(request.user, query)
    return render(request, "daily_life/visits/_resident_choices.html", {"episodes": episodes, "q": query})


def _visit_filters(request: AuthenticatedRequest) -> tuple[VisitFilterForm, selectors.VisitFilters]:
    form = VisitFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, selectors.VisitFilters(
            q=data["q"], status=data["status"], kind=data["kind"], from_on=data["from_on"], to_on=data["to_on"]
        )
    return form, selectors.VisitFilters()


@login_required
def visit_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    form, filters = _visit_filters(request)
    visits = selectors.visit_list(request.user, filters, chosen_facility_id(request))
    listing = VISIT_TABLE.listing(visits, request.GET)
    template = "daily_life/visits/_visit_rows.html" if request.htmx else "daily_life/visits/list.html"
    return render(request, template, {"form": form, "listing": listing}, status=400 if form.errors else 200)


@login_required
def visit_export(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    _form, filters = _visit_filters(request)
    facility_id = chosen_facility_id(request)
    visits = selectors.visit_list(request.user, filters, facility_id)
    response, count = VISIT_TABLE.xlsx_response(visits, request.GET, filename="visits.xlsx", title=_("Visits"))
    record_list_export(
        actor=request.user,
        event="daily_life.visits_exported",
        facility_ids=[facility_id] if facility_id else facility_ids_with(request.user, READ),
        title=_("Visits"),
        count=count,
        filters=dict(request.GET.items()),
    )
    return response


@login_required
def visit_extend(request: AuthenticatedRequest, visit_id: int) -> HttpResponse:
    """The director lets a visit run longer (up to the approved hours)."""
    visit = object_for_request(request, Visit.objects.all(), visit_id, capability=Capability.APPROVE_DECISIONS)
    form = ExtensionForm(request.POST or None, initial={"ends": _local(visit.ends_at).time(), "version": visit.version})

    def save(form: ExtensionForm) -> Visit:
        return services.approve_visit_extension(
            actor=request.user, visit=visit, ends_at=form.ends_at(visit), expected_version=form.cleaned_data["version"]
        )

    status = process_form(request, form, save)
    if status is None:
        messages.success(request, _("The longer visit is approved."))
        return redirect(f"{reverse('daily_life:visit-day')}?on={_local(visit.starts_at).date().isoformat()}")
    return render(request, "daily_life/visits/extend.html", {"form": form, "visit": visit}, status=status)


@login_required
def resident_page(request: AuthenticatedRequest, visits_resident_id: int) -> HttpResponse:
    """A resident's visits, parcels and money: the balance, the movements, and the forms."""
    resident = resident_for_request(request, visits_resident_id, area="visits")
    episode = selectors.episode_for_visits(request.user, resident.pk)
    if episode is None:  # no open episode: nothing to book or hold money for
        raise Http404
    can_write = has_capability(request.user, WRITE, episode.facility_id)
    money_form = MoneyForm(request.POST or None) if request.POST.get("form") == "money" else MoneyForm()
    parcel_form = (
        ParcelForm(request.POST or None)
        if request.POST.get("form") == "parcel"
        else ParcelForm(initial={"received_on": clock.today()})
    )
    status: int | None = 200
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if request.POST.get("form") == "money":
            status = process_form(
                request,
                money_form,
                lambda form: services.record_money_movement(actor=request.user, episode=episode, **form.cleaned_data),
            )
        elif request.POST.get("form") == "parcel":
            status = process_form(
                request,
                parcel_form,
                lambda form: services.record_parcel(actor=request.user, episode=episode, **form.cleaned_data),
            )
        else:
            status = 400
        if status is None:
            messages.success(request, _("Saved."))
            return redirect("daily_life:visit-resident", visits_resident_id)
    context: dict[str, Any] = {
        "episode": episode,
        "resident": episode.resident,
        "ledger": selectors.ledger_of(visits_resident_id, page=request.GET.get("page", 1)),
        "visits": selectors.resident_visits(visits_resident_id),
        "parcels": selectors.resident_parcels(visits_resident_id),
        "money_form": money_form,
        "parcel_form": parcel_form,
        "can_write": can_write,
    }
    return render(request, "daily_life/visits/resident.html", context, status=status)


@login_required
def parcel_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    parcels = selectors.parcel_list(request.user, request.GET, chosen_facility_id(request))
    listing = PARCEL_TABLE.listing(parcels, request.GET)
    return render(
        request,
        "daily_life/visits/parcels.html",
        {"listing": listing, "statuses": Parcel.Status.choices, "page_number": page_number(request.GET)},
    )


@login_required
def parcel_export(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    facility_id = chosen_facility_id(request)
    parcels = selectors.parcel_list(request.user, request.GET, facility_id)
    response, count = PARCEL_TABLE.xlsx_response(parcels, request.GET, filename="parcels.xlsx", title=_("Parcels"))
    record_list_export(
        actor=request.user,
        event="daily_life.parcels_exported",
        facility_ids=[facility_id] if facility_id else facility_ids_with(request.user, READ),
        title=_("Parcels"),
        count=count,
        filters=dict(request.GET.items()),
    )
    return response
