"""Reads of residents and episodes, always scoped to what the acting user may see (`scope`):
search (`search`, the query as typed read by `search_query`), possible duplicates at registration
(`duplicates`), the resident page (`page`), the lists of episodes and the census (`lists`)."""

from .duplicates import possible_duplicates
from .grading import grading_sheet_rows, month_end
from .list_page import display_rows
from .lists import (
    absconded,
    census,
    conduct_grades_by_month,
    episodes_of_the_term,
    free_rooms,
    open_aftercares,
    overdue_in_stage,
    releases_due,
    room_occupancy,
    stage_lengths_for,
    zones_and_rooms,
)
from .page import (
    TIMELINE_PAGE_SIZE,
    ResidentPage,
    TimelineCursor,
    TimelinePage,
    episode_detail,
    resident_page,
    timeline_of,
)
from .presence import PRESENT_STATUSES, absences_between, is_present, open_episode_of, open_episodes
from .scope import (
    OPEN_STATUSES,
    capabilities_for_resident,
    episodes_visible_to,
    resident_for,
    resident_ids_matching,
    residents_visible_to,
    visible_sensitive_fields,
)
from .search import MAX_RESULTS, PAGE_SIZE, SearchPage, search_page, search_residents
from .search_query import NOT_IN_REHAB, SORT_CHOICES, ResidentFilters, parse_query

__all__ = [
    "MAX_RESULTS",
    "NOT_IN_REHAB",
    "OPEN_STATUSES",
    "PAGE_SIZE",
    "PRESENT_STATUSES",
    "SORT_CHOICES",
    "TIMELINE_PAGE_SIZE",
    "ResidentFilters",
    "ResidentPage",
    "SearchPage",
    "TimelineCursor",
    "TimelinePage",
    "absconded",
    "absences_between",
    "capabilities_for_resident",
    "census",
    "conduct_grades_by_month",
    "display_rows",
    "episode_detail",
    "episodes_of_the_term",
    "episodes_visible_to",
    "free_rooms",
    "grading_sheet_rows",
    "is_present",
    "month_end",
    "open_aftercares",
    "open_episode_of",
    "open_episodes",
    "overdue_in_stage",
    "parse_query",
    "possible_duplicates",
    "releases_due",
    "resident_for",
    "resident_ids_matching",
    "resident_page",
    "residents_visible_to",
    "room_occupancy",
    "search_page",
    "search_residents",
    "stage_lengths_for",
    "timeline_of",
    "visible_sensitive_fields",
    "zones_and_rooms",
]
