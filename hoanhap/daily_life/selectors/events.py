"""Events, competitions and prizes: the reads, scoped to what the user may see."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet, Sum

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import visible_to
from hoanhap.core.text import fold
from hoanhap.residents import selectors as residents

from ..access import AREAS
from ..models import Competition, Event, EventParticipant, Prize, WorkTeam
from ..rules.events import quarter_months, quarter_of

if TYPE_CHECKING:
    from hoanhap.residents.models import Episode

READ = AREAS["events"].read


@dataclass(frozen=True)
class EventFilters:
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    facility_id: int | None = None
    team_id: int | None = None  # the prizes list: what one work team has won


def events_visible_to(user: User, filters: EventFilters | None = None) -> QuerySet[Event]:
    """The events the user reads, filtered, with how many take part."""
    filters = filters or EventFilters()
    events = visible_to(Event.objects.all(), user, READ).select_related("facility", "organiser")
    if filters.facility_id is not None:
        events = events.filter(facility_id=filters.facility_id)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.date_from:
        events = events.filter(held_on__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(held_on__lte=filters.date_to)
    if filters.text:
        events = events.filter(title__icontains=filters.text)
    return events.annotate(participant_count=Count("participants", distinct=True))


def prizes_visible_to(user: User, filters: EventFilters | None = None) -> QuerySet[Prize]:
    """Who won what: every prize the user reads, filtered on its competition's day and text."""
    filters = filters or EventFilters()
    prizes = visible_to(Prize.objects.all(), user, READ).select_related(
        "competition", "competition__event", "team", "resident", "facility"
    )
    if filters.facility_id is not None:
        prizes = prizes.filter(facility_id=filters.facility_id)
    if filters.kind:
        prizes = prizes.filter(competition__kind=filters.kind)
    if filters.date_from:
        prizes = prizes.filter(competition__held_on__gte=filters.date_from)
    if filters.date_to:
        prizes = prizes.filter(competition__held_on__lte=filters.date_to)
    if filters.text:
        prizes = prizes.filter(competition__title__icontains=filters.text)
    if filters.team_id is not None:
        prizes = prizes.filter(team_id=filters.team_id)
    return prizes


def prize_totals(prizes: QuerySet[Prize]) -> dict[str, int]:
    """How many prizes and their value in đồng: to teams, to residents, and in all."""
    totals = prizes.order_by().aggregate(
        count=Count("pk"),
        total=Sum("value", default=0),
        team_total=Sum("value", filter=Q(team__isnull=False), default=0),
    )
    totals["resident_total"] = totals["total"] - totals["team_total"]
    return {key: int(value or 0) for key, value in totals.items()}


def participants_of(event: Event) -> QuerySet[EventParticipant]:
    """Residents first (in Vietnamese name order), then staff — on both engines, whose NULLs sort
    differently."""
    return event.participants.select_related("resident", "staff", "episode").order_by(
        F("staff").asc(nulls_first=True), "resident__name_sort_key", "staff__full_name", "pk"
    )


def competitions_of(event: Event) -> QuerySet[Competition]:
    return event.competitions.prefetch_related("prizes__team", "prizes__resident").order_by("held_on", "pk")


def candidates(event: Event, *, text: str = "") -> QuerySet[Episode]:
    """The residents who may be added: present at the event's facility now, admitted by its day,
    not yet taking part; filtered by name or record number."""
    taken = EventParticipant.objects.filter(event=event, resident__isnull=False).values("resident_id")
    return present_on(event.facility_id, event.held_on, text=text).exclude(resident_id__in=taken)


def present_on(facility_id: int, day: date, *, text: str = "") -> QuerySet[Episode]:
    """The residents present at the facility now and admitted by `day` (who may take part in, or
    win a prize at, what happened that day), by name."""
    episodes = residents.open_episodes([facility_id], present_only=True).filter(admitted_on__lte=day)
    if text:
        episodes = episodes.filter(resident__search_text__contains=fold(text.strip()))
    return episodes.order_by("resident__name_sort_key", "pk")


def birthday_candidates(event: Event) -> QuerySet[Episode]:
    """A quarterly birthday party's guests of honour: the residents in rehab at the facility born
    in a month of the event's quarter."""
    months = quarter_months(quarter_of(event.held_on))
    return candidates(event).filter(resident__date_of_birth__month__in=months)


def staff_of(facility_id: int) -> QuerySet[User]:
    """The staff of a facility (an active membership there), by name."""
    return (
        User.objects.filter(memberships__facility_id=facility_id, memberships__is_active=True, is_active=True)
        .distinct()
        .order_by("full_name", "pk")
    )


def teams_of(facility_ids: Collection[int]) -> QuerySet[WorkTeam]:
    return WorkTeam.objects.filter(facility_id__in=list(facility_ids), is_active=True).order_by("name")


def prizes_of_team(team: WorkTeam) -> QuerySet[Prize]:
    """What a team has won, newest first (the team's page shows it)."""
    return team.prizes.select_related("competition").order_by("-competition__held_on", "-pk")
