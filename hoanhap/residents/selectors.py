"""Reads of residents and episodes, always scoped to what the acting user may see.

Who sees a resident: staff with VIEW_RESIDENTS in the facility where the person is now
(`Resident.facility`), and staff of a facility the person was transferred out of, who keep
reading their own history: their episodes and their timeline rows, not the receiving facility's.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import capabilities_in, facility_ids_with
from hoanhap.core.models import Room, Zone
from hoanhap.core.text import fold

from . import planning, terms
from .models import (
    Aftercare,
    AftercareNote,
    ChecklistItem,
    ConductGrade,
    Episode,
    FamilyContact,
    LegalEvent,
    Resident,
    StageChange,
    StagePlan,
    TimelineEvent,
)

OPEN_STATUSES = [status for status in Episode.Status.values if status != Episode.Status.CLOSED]
NOT_IN_REHAB = "none"
TIMELINE_LIMIT = 200


def _view_ids(user: User) -> frozenset[int]:
    return facility_ids_with(user, Capability.VIEW_RESIDENTS)


def residents_visible_to(user: User) -> QuerySet[Resident]:
    ids = _view_ids(user)
    transferred_out = Episode.objects.filter(facility_id__in=ids, outcome=Episode.Outcome.TRANSFERRED)
    return Resident.objects.filter(Q(facility_id__in=ids) | Q(pk__in=transferred_out.values("resident_id")))


def resident_for(user: User, resident_id: int) -> Resident:
    """The resident if the user may see them; another facility's record is a 404, not a 403."""
    try:
        return residents_visible_to(user).select_related("facility").get(pk=resident_id)
    except Resident.DoesNotExist:
        raise Http404 from None


def capabilities_for_resident(user: User, resident: Resident) -> frozenset[Capability]:
    """What the user may do with this resident: their capabilities where the person is now; a
    facility the person left reads with its own capabilities there (its history), never writes."""
    here = capabilities_in(user, resident.facility_id)
    if Capability.VIEW_RESIDENTS in here:
        return here
    past = Episode.objects.filter(resident=resident, facility_id__in=_view_ids(user)).values_list(
        "facility_id", flat=True
    )
    caps: set[Capability] = set()
    for facility_id in set(past):
        caps |= capabilities_in(user, facility_id)
    caps.discard(Capability.MANAGE_RESIDENTS)
    return frozenset(caps)


def visible_sensitive_fields(capabilities: Collection[Capability]) -> frozenset[str]:
    return frozenset(name for name, needed in Resident.SENSITIVE_FIELDS.items() if needed in capabilities)


@dataclass(frozen=True)
class ResidentFilters:
    query: str = ""
    stage: str = ""
    kind: str = ""
    status: str = ""
    zone_id: int | None = None
    room_id: int | None = None


def _open_episodes() -> QuerySet[Episode]:
    return Episode.objects.filter(status__in=OPEN_STATUSES)


def search_residents(user: User, filters: ResidentFilters | None = None) -> QuerySet[Resident]:
    """Name with or without diacritics (đ as d) and record number through the folded, indexed
    `search_text`; a 12-digit citizen ID number by exact match where the user may see ID numbers;
    then filters on the open episode (stage, kind, status, zone, room)."""
    filters = filters or ResidentFilters()
    residents = residents_visible_to(user)
    query = filters.query.strip()
    if query.isdigit() and len(query) == 12:
        legal_ids = facility_ids_with(user, Capability.VIEW_LEGAL_DATA)
        residents = residents.filter(citizen_id=query, facility_id__in=legal_ids)
    else:
        for term in fold(query).split():
            residents = residents.filter(search_text__contains=term)
    episode_filter = {
        name: value
        for name, value in {
            "stage": filters.stage,
            "kind": filters.kind,
            "zone_id": filters.zone_id,
            "room_id": filters.room_id,
        }.items()
        if value
    }
    if filters.status == NOT_IN_REHAB:
        residents = residents.exclude(pk__in=_open_episodes().values("resident_id"))
    elif filters.status:
        episode_filter["status"] = filters.status
    if episode_filter:
        residents = residents.filter(pk__in=_open_episodes().filter(**episode_filter).values("resident_id"))
    open_episodes = _open_episodes().select_related("zone", "room__zone")
    return (
        residents.select_related("facility")
        .prefetch_related(Prefetch("episodes", queryset=open_episodes, to_attr="open_episodes"))
        .order_by("full_name", "id")
    )


def possible_duplicates(user: User, *, citizen_id: str, full_name: str, date_of_birth: date) -> list[Resident]:
    """People the user can see with the same ID number, or the same folded name and birth date."""
    folded = fold(full_name)
    same_birth = residents_visible_to(user).filter(date_of_birth=date_of_birth)
    found = {resident.pk: resident for resident in same_birth if fold(resident.full_name) == folded}
    if citizen_id:
        found.update({resident.pk: resident for resident in residents_visible_to(user).filter(citizen_id=citizen_id)})
    return sorted(found.values(), key=lambda resident: resident.pk)


# --- Episode lists ---------------------------------------------------------------------------


def episodes_visible_to(user: User) -> QuerySet[Episode]:
    return Episode.objects.filter(facility_id__in=_view_ids(user))


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


def last_conduct_grades(episode: Episode, *, until: date) -> list[terms.ConductGrade]:
    """The monthly grades of this term up to `until`, oldest first, including those given at a
    facility the resident was transferred from."""
    episode_ids = [episode.pk]
    previous = episode.transferred_from_id
    while previous is not None:
        episode_ids.append(previous)
        previous = Episode.objects.filter(pk=previous).values_list("transferred_from_id", flat=True).first()
    grades = ConductGrade.objects.filter(episode_id__in=episode_ids, month__lte=until).order_by("month")
    return [terms.ConductGrade(grade) for grade in grades.values_list("grade", flat=True)]


# --- The resident page -------------------------------------------------------------------------


@dataclass
class ResidentPage:
    resident: Resident
    capabilities: frozenset[Capability]
    episodes: list[Episode]
    current: Episode | None
    timeline: list[TimelineEvent]
    contacts: list[FamilyContact]
    # The person was transferred away: the user reads their own facility's history only.
    is_history_only: bool = False
    sensitive: frozenset[str] = field(default_factory=frozenset)
    stage_plan: dict[terms.Stage, int] = field(default_factory=dict)

    @property
    def can_manage(self) -> bool:
        return Capability.MANAGE_RESIDENTS in self.capabilities


def resident_page(user: User, resident: Resident) -> ResidentPage:
    """Everything the resident page shows, in a constant number of queries: the episodes the
    user's facilities hold (with their checklist, stage changes, legal events, grades,
    certificate and aftercare), the family contacts, and one timeline across modules."""
    view_ids = _view_ids(user)
    capabilities = capabilities_for_resident(user, resident)
    episodes = list(
        Episode.objects.filter(resident=resident, facility_id__in=view_ids)
        .select_related("facility", "zone", "room__zone", "certificate", "aftercare")
        .prefetch_related(
            Prefetch("checklist", queryset=ChecklistItem.objects.select_related("done_by")),
            Prefetch("stage_changes", queryset=StageChange.objects.select_related("changed_by")),
            Prefetch("legal_events", queryset=LegalEvent.objects.select_related("recorded_by", "to_facility")),
            Prefetch("conduct_grades", queryset=ConductGrade.objects.order_by("month")),
            Prefetch("aftercare__notes", queryset=AftercareNote.objects.select_related("author")),
        )
        .order_by("-admitted_on", "-id")
    )
    current = next((e for e in episodes if e.is_open and e.facility_id == resident.facility_id), None)
    timeline = list(
        TimelineEvent.objects.filter(resident=resident, facility_id__in=view_ids).select_related("actor")[
            :TIMELINE_LIMIT
        ]
    )
    plan: dict[terms.Stage, int] = {}
    if current is not None:
        plan = stage_lengths_for(current)
    return ResidentPage(
        resident=resident,
        capabilities=capabilities,
        episodes=episodes,
        current=current,
        timeline=timeline,
        contacts=list(resident.family_contacts.all()),
        is_history_only=resident.facility_id not in view_ids,
        sensitive=visible_sensitive_fields(capabilities),
        stage_plan=plan,
    )


def open_aftercares(user: User) -> QuerySet[Aftercare]:
    return (
        Aftercare.objects.filter(facility_id__in=_view_ids(user), status=Aftercare.Status.OPEN)
        .select_related("resident")
        .order_by("ends_on", "id")
    )


def census(facility_ids: frozenset[int] | list[int], today: date) -> dict:
    """The figures a director reads first: who is here, at which stage, who leaves soon."""
    episodes = Episode.objects.filter(facility_id__in=list(facility_ids))
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
