"""Events, competitions and prizes: the pages. Thin: access, form, one service or selector, render."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.facility import chosen_facility_id
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import facilities_of, facility_ids_with, has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.audit.writes import record_list_export
from hoanhap.core.dates import dmy
from hoanhap.core.forms import process_form
from hoanhap.core.tables import Column, Table

from ..access import AREAS
from ..forms.events import CompetitionForm, EventFilterForm, EventForm, ParticipantsForm, PhotoForm, PrizeForm
from ..models import Competition, Event, EventPhoto
from ..selectors import events as selectors
from ..services import events as services

READ = AREAS["events"].read
WRITE = AREAS["events"].write

EVENT_TABLE = Table(
    (
        Column("held_on", gettext_lazy("Date"), attrgetter("held_on"), order_by=("held_on", "starts_at"), width=12),
        Column("kind", gettext_lazy("Kind"), lambda e: e.get_kind_display(), order_by=("kind",)),
        Column("title", gettext_lazy("Title"), attrgetter("title"), order_by=("title",), width=40),
        Column("place", gettext_lazy("Place"), attrgetter("place"), order_by=("place",)),
        Column(
            "participants",
            gettext_lazy("Participants"),
            attrgetter("participant_count"),
            order_by=("participant_count",),
            width=12,
        ),
        Column("organiser", gettext_lazy("Organiser"), lambda e: e.organiser.full_name if e.organiser else ""),
        Column("facility", gettext_lazy("Facility"), lambda e: e.facility.name, order_by=("facility__name",)),
    ),
    default_sort="-held_on",
)

PRIZE_TABLE = Table(
    (
        Column(
            "held_on",
            gettext_lazy("Date"),
            lambda p: p.competition.held_on,
            order_by=("competition__held_on",),
            width=12,
        ),
        Column(
            "competition",
            gettext_lazy("Competition"),
            lambda p: p.competition.title,
            order_by=("competition__title",),
            width=32,
        ),
        Column("rank", gettext_lazy("Prize"), attrgetter("rank"), order_by=("rank",)),
        Column(
            "winner",
            gettext_lazy("Winner"),
            attrgetter("winner_name"),
            order_by=("team__name", "resident__name_sort_key"),
            width=28,
        ),
        Column(
            "winner_kind", gettext_lazy("Team or resident"), lambda p: _("Work team") if p.team_id else _("Resident")
        ),
        Column("item", gettext_lazy("Item given"), attrgetter("item"), width=28),
        Column("value", gettext_lazy("Value (VND)"), attrgetter("value"), order_by=("value",), width=14),
        Column("facility", gettext_lazy("Facility"), lambda p: p.facility.name, order_by=("facility__name",)),
    ),
    default_sort="-held_on",
)


def _write_facilities(request: AuthenticatedRequest) -> list[tuple[int, str]]:
    """The facilities where the user records events; the chosen one first."""
    ids = facility_ids_with(request.user, WRITE)
    if not ids:
        raise PermissionDenied
    chosen = chosen_facility_id(request)
    facilities = [(f.pk, f.name) for f in facilities_of(request.user) if f.pk in ids]
    return sorted(facilities, key=lambda pair: pair[0] != chosen)


def _filters(request: AuthenticatedRequest, kinds: Any = None) -> tuple[EventFilterForm, selectors.EventFilters]:
    form = EventFilterForm(request.GET, **({"kinds": kinds} if kinds else {}))
    values = form.values()
    filters = selectors.EventFilters(
        kind=values.get("kind") or "",
        date_from=values.get("date_from"),
        date_to=values.get("date_to"),
        text=(values.get("q") or "").strip(),
        facility_id=chosen_facility_id(request),
        team_id=int(request.GET["team"]) if request.GET.get("team", "").isdigit() else None,
    )
    return form, filters


def _filter_data(filters: selectors.EventFilters) -> dict[str, str]:
    return {
        "kind": filters.kind,
        "from": dmy(filters.date_from),
        "to": dmy(filters.date_to),
        "text": filters.text,
        "team": str(filters.team_id or ""),
    }


@login_required
def event_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    form, filters = _filters(request)
    events = selectors.events_visible_to(request.user, filters)
    listing = EVENT_TABLE.listing(events, request.GET)
    context = {
        "form": form,
        "listing": listing,
        "may_write": bool(facility_ids_with(request.user, WRITE)),
    }
    template = "daily_life/events/_event_rows.html" if request.htmx else "daily_life/events/event_list.html"
    return render(request, template, context)


@login_required
def event_export(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    _form, filters = _filters(request)
    events = selectors.events_visible_to(request.user, filters)
    response, count = EVENT_TABLE.xlsx_response(events, request.GET, filename="su-kien.xlsx", title=_("Events"))
    record_list_export(
        actor=request.user,
        event="daily_life.events_exported",
        facility_ids=set(events.values_list("facility_id", flat=True).distinct()),
        title=_("Events"),
        count=count,
        filters=_filter_data(filters),
    )
    return response


@login_required
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    facilities = _write_facilities(request)
    form = EventForm(request.POST or None, facilities=facilities, initial={"facility": facilities[0][0]})
    created: dict[str, Event] = {}

    def save(form: EventForm) -> None:
        data = dict(form.cleaned_data)
        created["event"] = services.plan_event(actor=request.user, facility_id=data.pop("facility"), **data)

    status = process_form(request, form, save)
    if status is None:
        messages.success(request, _("The event is saved."))
        return redirect("daily_life:event-detail", created["event"].pk)
    return render(request, "daily_life/events/form.html", {"form": form, "title": _("New event")}, status=status)


# A quarterly birthday party gathers the whole facility: its participants come a page at a time.
PARTICIPANTS_PAGE_SIZE = 100


@login_required
def event_detail(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = object_for_request(
        request, Event.objects.select_related("facility", "organiser"), event_id, capability=READ
    )
    participants = Paginator(selectors.participants_of(event), PARTICIPANTS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "event": event,
        "participants": participants,
        "participant_count": participants.paginator.count,
        "photos": list(event.photos.all()),
        "competitions": list(selectors.competitions_of(event)),
        "may_write": has_capability(request.user, WRITE, event.facility_id),
    }
    return render(request, "daily_life/events/event_detail.html", context)


def _resident_label(episode: Any) -> str:
    resident = episode.resident
    born = dmy(resident.date_of_birth)
    return f"{resident.full_name} · {resident.record_number}" + (f" · {born}" if born else "")


@login_required
def participants_add(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = object_for_request(request, Event.objects.all(), event_id, capability=WRITE)
    text = request.GET.get("q", "")[:100]
    birthdays = event.kind == Event.Kind.BIRTHDAY
    candidates = list(selectors.candidates(event, text=text)[:300])
    proposed = {e.resident_id for e in selectors.birthday_candidates(event)} if birthdays else set()
    staff = [(u.pk, u.full_name or u.username) for u in selectors.staff_of(event.facility_id)]
    form = ParticipantsForm(
        request.POST or None,
        residents=[(e.resident_id, _resident_label(e)) for e in selectors.candidates(event)],
        staff=staff,
        initial={"residents": sorted(proposed), "role": "participant"},
    )

    def save(form: ParticipantsForm) -> None:
        services.add_participants(
            actor=request.user,
            event=event,
            resident_ids=form.cleaned_data["residents"],
            staff_ids=form.cleaned_data["staff"],
            role=form.cleaned_data["role"],
        )

    status = process_form(request, form, save)
    if status is None:
        messages.success(request, _("The participants are added."))
        return redirect("daily_life:event-detail", event.pk)
    context = {
        "event": event,
        "form": form,
        "candidates": candidates,
        "proposed": proposed,
        "checked": set(form["residents"].value() or []) if form.is_bound else proposed,
        "staff": staff,
        "text": text,
    }
    template = "daily_life/events/_candidates.html" if request.htmx else "daily_life/events/participants.html"
    return render(request, template, context, status=status)


@login_required
def photo_add(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = object_for_request(request, Event.objects.all(), event_id, capability=WRITE)
    form = PhotoForm(request.POST or None, request.FILES or None)
    status = process_form(
        request,
        form,
        lambda form: services.add_photo(
            actor=request.user, event=event, image=form.cleaned_data["image"], caption=form.cleaned_data["caption"]
        ),
    )
    if status is None:
        messages.success(request, _("The photo is added."))
        return redirect("daily_life:event-detail", event.pk)
    context = {"form": form, "title": _("Add a photo"), "event": event, "multipart": True}
    return render(request, "daily_life/events/form.html", context, status=status)


@login_required
def photo(request: AuthenticatedRequest, photo_id: int) -> HttpResponseBase:
    """The photo, only through this view: never a public media URL."""
    found = object_for_request(request, EventPhoto.objects.all(), photo_id, capability=READ)
    try:
        handle = found.image.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type=found.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def competition_create(request: AuthenticatedRequest) -> HttpResponse:
    facilities = _write_facilities(request)
    event = None
    if request.GET.get("event", "").isdigit():
        event = object_for_request(request, Event.objects.all(), int(request.GET["event"]), capability=WRITE)
        facilities = [(event.facility_id, event.facility.name)]
    initial = {"facility": facilities[0][0], "held_on": event.held_on if event else None}
    form = CompetitionForm(request.POST or None, facilities=facilities, initial=initial)
    created: dict[str, Competition] = {}

    def save(form: CompetitionForm) -> None:
        data = dict(form.cleaned_data)
        created["competition"] = services.create_competition(
            actor=request.user, facility_id=data.pop("facility"), event=event, **data
        )

    status = process_form(request, form, save)
    if status is None:
        messages.success(request, _("The competition is saved."))
        return redirect("daily_life:competition-detail", created["competition"].pk)
    context = {"form": form, "title": _("New competition"), "event": event}
    return render(request, "daily_life/events/form.html", context, status=status)


@login_required
def competition_detail(request: AuthenticatedRequest, competition_id: int) -> HttpResponse:
    competition = object_for_request(
        request, Competition.objects.select_related("event", "facility"), competition_id, capability=READ
    )
    prizes = competition.prizes.select_related("team", "resident").order_by("pk")
    context = {
        "competition": competition,
        "prizes": prizes,
        "total": sum(p.value for p in prizes),
        "may_write": has_capability(request.user, WRITE, competition.facility_id),
    }
    return render(request, "daily_life/events/competition_detail.html", context)


@login_required
def prize_create(request: AuthenticatedRequest, competition_id: int) -> HttpResponse:
    competition = object_for_request(request, Competition.objects.all(), competition_id, capability=WRITE)
    present = selectors.present_on(competition.facility_id, competition.held_on)
    residents = [(e.resident_id, _resident_label(e)) for e in present]
    form = PrizeForm(request.POST or None, teams=selectors.teams_of([competition.facility_id]), residents=residents)
    status = process_form(
        request,
        form,
        lambda form: services.award_prize(
            actor=request.user,
            competition=competition,
            rank=form.cleaned_data["rank"],
            item=form.cleaned_data["item"],
            value=form.cleaned_data["value"],
            **form.winner_kwargs(),
        ),
    )
    if status is None:
        messages.success(request, _("The prize is recorded."))
        return redirect("daily_life:competition-detail", competition.pk)
    context = {"form": form, "title": _("Award a prize"), "competition": competition, "prize_ranks": True}
    return render(request, "daily_life/events/form.html", context, status=status)


@login_required
def prize_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    form, filters = _filters(request, kinds=Competition.Kind.choices)
    prizes = selectors.prizes_visible_to(request.user, filters)
    context = {
        "form": form,
        "listing": PRIZE_TABLE.listing(prizes, request.GET),
        "totals": selectors.prize_totals(prizes),
        "may_write": bool(facility_ids_with(request.user, WRITE)),
    }
    return render(request, "daily_life/events/prize_list.html", context)


@login_required
def prize_export(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    _form, filters = _filters(request, kinds=Competition.Kind.choices)
    prizes = selectors.prizes_visible_to(request.user, filters)
    response, count = PRIZE_TABLE.xlsx_response(prizes, request.GET, filename="giai-thuong.xlsx", title=_("Prizes"))
    record_list_export(
        actor=request.user,
        event="daily_life.prizes_exported",
        facility_ids=set(prizes.values_list("facility_id", flat=True).distinct()),
        title=_("Prizes"),
        count=count,
        filters=_filter_data(filters),
    )
    return response
