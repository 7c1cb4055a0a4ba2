"""What the user asked for: the query as typed, read as a citizen ID number, a record number or
a name (`parse_query`), and the list's filters on the open episode (`episode_conditions`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q

from hoanhap.core.text import fold

from ..models import Episode
from .scope import OPEN_STATUSES

NOT_IN_REHAB = "none"

_CITIZEN_ID = re.compile(r"[0-9]{12}")


# The list's sortable columns (?sort=name, ?sort=-name for the reverse). No sort: the search's
# own order (those whose name begins with the query first), everyone by name when nothing is typed.
SORTS = ("name", "record", "admitted", "released")
SORT_CHOICES = [(f"{prefix}{name}", f"{prefix}{name}") for name in SORTS for prefix in ("", "-")]


@dataclass(frozen=True)
class ResidentFilters:
    query: str = ""
    stage: str = ""
    kind: str = ""
    status: str = ""
    zone_id: int | None = None
    room_id: int | None = None
    # The facility chosen in the top bar's selector (None: all the user's facilities).
    facility_id: int | None = None
    # One of SORT_CHOICES, or "" for the search's own order.
    sort: str = ""


class QueryKind(StrEnum):
    EVERYONE = "everyone"
    CITIZEN_ID = "citizen_id"
    RECORD_NUMBER = "record_number"
    NAME = "name"


@dataclass(frozen=True)
class ParsedQuery:
    kind: QueryKind
    # The citizen ID number as typed; otherwise the query folded, words separated by one space.
    text: str = ""

    @property
    def words(self) -> list[str]:
        return self.text.split()


def parse_query(query: str) -> ParsedQuery:
    # Control characters (a NUL from a crafted URL) match nothing and no index may see them.
    raw = "".join(char for char in query if unicodedata.category(char)[0] != "C" or char.isspace()).strip()
    if _CITIZEN_ID.fullmatch(raw):
        return ParsedQuery(QueryKind.CITIZEN_ID, raw)
    text = fold(raw)
    if not text:
        return ParsedQuery(QueryKind.EVERYONE)
    if " " not in text and any(char.isdigit() for char in text):
        return ParsedQuery(QueryKind.RECORD_NUMBER, text)
    return ParsedQuery(QueryKind.NAME, text)


def episode_conditions(filters: ResidentFilters) -> Q:
    """Filters on the open episode (stage, kind, status, zone, room), or on having none; and on the
    facility the resident is at now, when one is chosen."""
    open_episodes = Episode.objects.filter(status__in=OPEN_STATUSES)
    wanted = {
        name: value
        for name, value in {
            "stage": filters.stage,
            "kind": filters.kind,
            "zone_id": filters.zone_id,
            "room_id": filters.room_id,
        }.items()
        if value
    }
    condition = Q(facility_id=filters.facility_id) if filters.facility_id else Q()
    if filters.status == NOT_IN_REHAB:
        condition &= ~Q(pk__in=open_episodes.values("resident_id"))
    elif filters.status:
        wanted["status"] = filters.status
    if wanted:
        condition &= Q(pk__in=open_episodes.filter(**wanted).values("resident_id"))
    return condition
