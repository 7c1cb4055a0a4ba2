"""The resident page: what it shows at once, and what it loads when asked (older journal rows, a
past episode's detail).

The page reads the same queries whatever the length of the history: the episodes as one line
each, the current episode's detail, the latest TIMELINE_PAGE_SIZE journal rows, the aftercare
notes, the contacts. Older rows come 50 at a time (`timeline_of` with a cursor), a past episode's
legal events, stages and grades when it is opened (`episode_detail`); both through views that log
the access, like the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability

from .. import terms
from ..models import (
    Aftercare,
    AftercareNote,
    ChecklistItem,
    ConductGrade,
    Episode,
    FamilyContact,
    LegalEvent,
    Resident,
    StageChange,
    TimelineEvent,
)
from .lists import stage_lengths_for
from .scope import capabilities_for_resident, view_ids, visible_sensitive_fields

TIMELINE_PAGE_SIZE = 50


@dataclass(frozen=True)
class TimelineCursor:
    """Where a page of the journal ends: its last row's date and id (newest first)."""

    occurred_on: date
    id: int

    def __str__(self) -> str:
        return f"{self.occurred_on.isoformat()}.{self.id}"

    @classmethod
    def parse(cls, value: str) -> TimelineCursor:
        """ "2026-01-31.123"; ValueError for anything else."""
        day, _, row = value.partition(".")
        return cls(occurred_on=date.fromisoformat(day), id=int(row))


@dataclass(frozen=True)
class TimelinePage:
    events: list[TimelineEvent]
    older: TimelineCursor | None  # where the next page starts, if there are older rows


def timeline_of(user: User, resident: Resident, *, before: TimelineCursor | None = None) -> TimelinePage:
    """One page of the resident's journal, newest first, the rows of the user's facilities only
    (a facility the person left reads its own rows); one indexed read (resident, date, id)."""
    events = TimelineEvent.objects.filter(resident=resident).in_facilities(view_ids(user)).select_related("actor")
    if before is not None:
        events = events.filter(
            Q(occurred_on__lt=before.occurred_on) | Q(occurred_on=before.occurred_on, id__lt=before.id)
        )
    rows = list(events.order_by("-occurred_on", "-id")[: TIMELINE_PAGE_SIZE + 1])
    if len(rows) <= TIMELINE_PAGE_SIZE:
        return TimelinePage(events=rows, older=None)
    last = rows[TIMELINE_PAGE_SIZE - 1]
    return TimelinePage(events=rows[:TIMELINE_PAGE_SIZE], older=TimelineCursor(last.occurred_on, last.pk))


@dataclass
class ResidentPage:
    resident: Resident
    capabilities: frozenset[Capability]
    # Every episode the user's facilities hold, newest first, as one line each (facility, dates,
    # certificate, aftercare); the current one with its checklist, stages, events and grades.
    episodes: list[Episode]
    current: Episode | None
    timeline: list[TimelineEvent]
    contacts: list[FamilyContact]
    older_timeline: TimelineCursor | None = None
    # The latest aftercare, with its notes.
    aftercare: Aftercare | None = None
    aftercare_notes: list[AftercareNote] = field(default_factory=list)
    # The person was transferred away: the user reads their own facility's history only.
    is_history_only: bool = False
    sensitive: frozenset[str] = field(default_factory=frozenset)
    stage_plan: dict[terms.Stage, int] = field(default_factory=dict)

    @property
    def can_manage(self) -> bool:
        return Capability.MANAGE_RESIDENTS in self.capabilities

    @property
    def past_episodes(self) -> list[Episode]:
        return [episode for episode in self.episodes if episode != self.current]


def _episode_detail_prefetches() -> list[Prefetch]:
    return [
        Prefetch("stage_changes", queryset=StageChange.objects.select_related("changed_by")),
        Prefetch("legal_events", queryset=LegalEvent.objects.select_related("to_facility")),
        Prefetch("conduct_grades", queryset=ConductGrade.objects.order_by("month")),
    ]


def resident_page(user: User, resident: Resident, *, timeline_before: TimelineCursor | None = None) -> ResidentPage:
    """Everything the resident page shows, in the same queries for a week's history or ten
    years': the episodes the user's facilities hold, the current one's detail, the latest journal
    rows, the latest aftercare and its notes, the family contacts."""
    ids = view_ids(user)
    capabilities = capabilities_for_resident(user, resident)
    episodes = list(
        Episode.objects.filter(resident=resident)
        .in_facilities(ids)
        .select_related("facility", "room__zone", "certificate", "aftercare")
        .order_by("-admitted_on", "-id")
    )
    current = next((e for e in episodes if e.is_open and e.facility_id == resident.facility_id), None)
    plan: dict[terms.Stage, int] = {}
    if current is not None:
        prefetch_related_objects(
            [current],
            Prefetch("checklist", queryset=ChecklistItem.objects.select_related("done_by")),
            *_episode_detail_prefetches(),
        )
        plan = stage_lengths_for(current)
    aftercare = next((e.aftercare for e in episodes if hasattr(e, "aftercare")), None)
    # Always read (none, or many): the query count does not depend on the history.
    notes = list(
        AftercareNote.objects.filter(aftercare__resident=resident, aftercare__facility_id__in=ids).select_related(
            "author"
        )
    )
    journal = timeline_of(user, resident, before=timeline_before)
    return ResidentPage(
        resident=resident,
        capabilities=capabilities,
        episodes=episodes,
        current=current,
        timeline=journal.events,
        older_timeline=journal.older,
        contacts=list(resident.family_contacts.all()),
        aftercare=aftercare,
        aftercare_notes=[note for note in notes if aftercare is not None and note.aftercare_id == aftercare.pk],
        is_history_only=resident.facility_id not in ids,
        sensitive=visible_sensitive_fields(capabilities),
        stage_plan=plan,
    )


def episode_detail(user: User, resident: Resident, episode_id: int) -> Episode:
    """One of the resident's episodes the user's facilities hold, with its stage changes, legal
    events and grades; another's is a 404."""
    if not 0 < episode_id < 2**63:
        raise Http404
    try:
        episode = (
            Episode.objects.filter(resident=resident)
            .in_facilities(view_ids(user))
            .select_related("facility", "certificate")
            .get(pk=episode_id)
        )
    except Episode.DoesNotExist:
        raise Http404 from None
    prefetch_related_objects([episode], *_episode_detail_prefetches())
    return episode
