"""The page of the residents list: its rows (a resident, their facility and open episode, read in
one query) and what the pager knows. `search.py` decides which residents; this reads and holds them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, FilteredRelation, Prefetch, Q

from hoanhap.core.dates import dmy

from ..models import STAGE_CHOICES, Episode, Resident
from .scope import OPEN_STATUSES

PAGE_SIZE = 25

# Matches are counted exactly up to this bound; past it the list says "more than".
MAX_RESULTS = 1000

# What the list shows of a resident; the rest of the row stays in the database.
LIST_FIELDS = (
    "record_number",
    "full_name",
    "other_names",
    "date_of_birth",
    "search_text",
    "facility__name",
    "facility__short_name",
)


@dataclass(frozen=True)
class SearchPaginator:
    """What the pager knows: the number of results, None past MAX_RESULTS."""

    count: int | None
    per_page: int = PAGE_SIZE

    @property
    def num_pages(self) -> int | None:
        return None if self.count is None else max(1, -(-self.count // self.per_page))


@dataclass
class SearchPage:
    object_list: list[Resident]
    number: int
    has_next: bool
    paginator: SearchPaginator
    # More results than `max_results`: the count is "more than", the pages go on.
    is_more_than_max: bool = False
    max_results: int = MAX_RESULTS
    # More than one page, not counted yet: the list asks for the count once it is shown.
    is_count_pending: bool = False

    def __iter__(self) -> Any:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.object_list else 0

    def end_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + len(self.object_list)


@dataclass(frozen=True)
class OpenEpisode:
    """What the list shows of a resident's open episode."""

    stage: str
    status: str
    room: str
    admitted_on: date | None = None
    expected_release_on: date | None = None

    @property
    def stage_label(self) -> str:
        labels: dict[str, Any] = dict(STAGE_CHOICES)
        return str(labels.get(self.stage, self.stage))

    @property
    def status_label(self) -> str:
        labels: dict[str, Any] = dict(Episode.Status.choices)
        return str(labels.get(self.status, self.status))


def list_rows(ids: list[int]) -> list[Resident]:
    """The residents of a page in the page's order, with their facility and `open_episodes`
    (newest first), read together: the open episode is a join, not a second query."""
    rows = (
        Resident.objects.filter(pk__in=ids)
        .select_related("facility")
        .only(*LIST_FIELDS)
        .annotate(open_episode=FilteredRelation("episodes", condition=Q(episodes__status__in=OPEN_STATUSES)))
        .annotate(
            open_stage=F("open_episode__stage"),
            open_status=F("open_episode__status"),
            open_room=F("open_episode__room__name"),
            open_zone=F("open_episode__room__zone__name"),
            open_admitted_on=F("open_episode__admitted_on"),
            open_release_on=F("open_episode__expected_release_on"),
        )
        .order_by("pk", "-open_episode__admitted_on", "-open_episode__id")
    )
    found: dict[int, Resident] = {}
    for row in rows:
        resident = found.setdefault(row.pk, row)
        if not hasattr(resident, "open_episodes"):
            resident.open_episodes = []  # type: ignore[attr-defined]
        if row.open_status:  # type: ignore[attr-defined]
            room = f"{row.open_zone} – {row.open_room}" if row.open_room else ""  # type: ignore[attr-defined]
            resident.open_episodes.append(  # type: ignore[attr-defined]
                OpenEpisode(row.open_stage, row.open_status, room, row.open_admitted_on, row.open_release_on)  # type: ignore[attr-defined]
            )
    return [found[pk] for pk in ids]


def open_episodes_prefetch() -> Prefetch:
    open_episodes = Episode.objects.filter(status__in=OPEN_STATUSES).select_related("zone", "room__zone")
    return Prefetch("episodes", queryset=open_episodes, to_attr="open_episodes")


def display_rows(residents: list[Resident], *, detail_url: str) -> list[dict[str, Any]]:
    """The page's rows as the list shows them, each value ready to print: the residents list is
    read at every keystroke of a live search, and a template reads a dict's keys far faster than
    it tries a model's attributes (a resident with no open episode made every episode cell a
    failed lookup). `detail_url` is the resident page's address with "0" for the id."""
    stages: dict[str, str] = {value: str(label) for value, label in STAGE_CHOICES}
    statuses: dict[str, str] = {value: str(label) for value, label in Episode.Status.choices}
    prefix = detail_url.removesuffix("0/")
    rows = []
    for resident in residents:
        episodes = getattr(resident, "open_episodes", None) or []
        episode = episodes[0] if episodes else None
        rows.append(
            {
                "url": f"{prefix}{resident.pk}/",
                "record_number": resident.record_number,
                "full_name": resident.full_name,
                "other_names": resident.other_names,
                "born": dmy(resident.date_of_birth),
                "in_rehab": episode is not None,
                "stage": stages.get(episode.stage, episode.stage) if episode else "",
                "status": statuses.get(episode.status, episode.status) if episode else "",
                "room": str(episode.room or "") if episode else "",
                "admitted": dmy(episode.admitted_on) if episode else "",
                "release": dmy(episode.expected_release_on) if episode else "",
                "facility": str(resident.facility),
            }
        )
    return rows
