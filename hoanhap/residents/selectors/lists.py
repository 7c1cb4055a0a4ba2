"""Lists of episodes (releases due, overdue in a stage, absconded), rooms and their occupants, the
stage plan and grades an episode is judged by, and the director's census."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from hoanhap.accounts.models import User
from hoanhap.core.models import Room, Zone

from .. import planning, terms
from ..models import Aftercare, ConductGrade, Episode, LegalEvent, StagePlan
from .scope import OPEN_STATUSES, episodes_visible_to, view_ids


def _episode_list(user: User) -> QuerySet[Episode]:
    return (
        episodes_visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .select_related("resident", "facility", "zone", "room__zone")
    )


def releases_due(user: User, *, today: date, days: int = 30) -> QuerySet[Episode]:
    """Open episodes whose expected release falls in the next `days` days (or has passed)."""
    return (
        _episode_list(user)
        .filter(expected_release_on__lte=today + timedelta(days=days))
        .order_by("expected_release_on", "id")
    )


def overdue_in_stage(user: User, *, today: date) -> QuerySet[Episode]:
    """Open episodes still in a stage the plan said should have ended (`stage_planned_end_on`)."""
    return (
        _episode_list(user)
        .filter(stage_planned_end_on__lt=today)
        .exclude(status=Episode.Status.ABSCONDED)
        .order_by("stage_planned_end_on", "id")
    )


def absconded(user: User) -> QuerySet[Episode]:
    """Absconded residents with the day they left and the search decision."""
    open_abscondence = LegalEvent.objects.filter(
        episode=OuterRef("pk"), kind=LegalEvent.Kind.ABSCONDENCE, ended_on__isnull=True
    ).order_by("-occurred_on")
    return (
        _episode_list(user)
        .filter(status=Episode.Status.ABSCONDED)
        .annotate(
            absconded_on=Subquery(open_abscondence.values("occurred_on")[:1]),
            search_decision_number=Subquery(open_abscondence.values("decision_number")[:1]),
        )
        .order_by("absconded_on", "id")
    )


def zones_and_rooms(facility_id: int) -> list[Zone]:
    """A facility's zones with their rooms, each room with `occupants`: the residents in it now."""
    zones = list(
        Zone.objects.filter(facility_id=facility_id)
        .prefetch_related(Prefetch("rooms", queryset=Room.objects.order_by("name")))
        .order_by("name")
    )
    counts = dict(
        Episode.objects.filter(facility_id=facility_id, status__in=OPEN_STATUSES, room__isnull=False)
        .values("room_id")
        .annotate(n=Count("id"))
        .values_list("room_id", "n")
    )
    for zone in zones:
        for room in zone.rooms.all():
            room.occupants = counts.get(room.pk, 0)  # type: ignore[attr-defined]
    return zones


def free_rooms(facility_id: int, zone_id: int) -> QuerySet[Room]:
    """A zone's rooms with a free place: fewer residents in them now than their capacity."""
    occupants = (
        Episode.objects.filter(room=OuterRef("pk"), status__in=OPEN_STATUSES)
        .order_by()
        .values("room")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Room.objects.filter(facility_id=facility_id, zone_id=zone_id)
        .annotate(occupants=Coalesce(Subquery(occupants), 0))
        .filter(occupants__lt=F("capacity"))
        .select_related("zone")
        .order_by("name")
    )


def room_occupancy(room: Room, *, excluding_episode_id: int | None = None) -> int:
    episodes = Episode.objects.filter(room=room, status__in=OPEN_STATUSES)
    if excluding_episode_id is not None:
        episodes = episodes.exclude(pk=excluding_episode_id)
    return episodes.count()


def stage_lengths_for(episode: Episode, *, facility_plan: dict[str, int] | None = None) -> dict[terms.Stage, int]:
    if facility_plan is None:
        facility_plan = dict(StagePlan.objects.filter(facility_id=episode.facility_id).values_list("stage", "days"))
    days = planning.term_days(start_on=episode.clock_start_on, term_months=episode.term_months)
    return planning.stage_lengths(term_days=days, facility_plan=facility_plan)


def episodes_of_the_term(episode: Episode) -> list[int]:
    """This episode and those it continues, at the facilities the resident was transferred from."""
    episode_ids = [episode.pk]
    previous = episode.transferred_from_id
    while previous is not None:
        episode_ids.append(previous)
        previous = Episode.objects.filter(pk=previous).values_list("transferred_from_id", flat=True).first()
    return episode_ids


def conduct_grades_by_month(episode: Episode, *, until: date) -> dict[date, terms.ConductGrade]:
    """The monthly grades of this term given up to `until`, by month (its first day), including
    those given at a facility the resident was transferred from. A month not graded is absent."""
    grades = ConductGrade.objects.filter(episode_id__in=episodes_of_the_term(episode), month__lte=until)
    return {month: terms.ConductGrade(grade) for month, grade in grades.values_list("month", "grade")}


def open_aftercares(user: User) -> QuerySet[Aftercare]:
    return (
        Aftercare.objects.filter(status=Aftercare.Status.OPEN)
        .in_facilities(view_ids(user))
        .select_related("resident")
        .order_by("ends_on", "id")
    )


def census(facility_ids: frozenset[int] | list[int], today: date) -> dict:
    """The figures a director reads first: who is here, at which stage, who leaves soon."""
    episodes = Episode.objects.in_facilities(list(facility_ids))
    open_episodes = episodes.exclude(status=Episode.Status.CLOSED)
    month_start = today.replace(day=1)
    totals = open_episodes.aggregate(
        in_rehab=Count("id"),
        absconded=Count("id", filter=Q(status=Episode.Status.ABSCONDED)),
        releases_due=Count(
            "id", filter=Q(expected_release_on__gte=today, expected_release_on__lte=today + timedelta(days=30))
        ),
    )
    totals["admitted_this_month"] = episodes.filter(admitted_on__gte=month_start, admitted_on__lte=today).count()
    by_stage = dict(open_episodes.values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    stage_field = Episode._meta.get_field("stage")
    totals["by_stage"] = [(value, label, by_stage.get(value, 0)) for value, label in stage_field.choices]  # type: ignore[union-attr]
    return totals
