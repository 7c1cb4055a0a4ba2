"""Who is at the facility: what every daily-life and care module asks before it records a resident
in a class, a work log, a visit or an issue of supplies. "In rehab here" is an episode of the
facility that is open; "present" is one whose resident is in the facility now (not on leave, not
absconded, not in hospital, not suspended)."""

from collections.abc import Collection
from datetime import date

from django.db.models import QuerySet

from ..models import Episode, LegalEvent
from .scope import OPEN_STATUSES

PRESENT_STATUSES = (Episode.Status.ACTIVE,)


def open_episodes(facility_ids: Collection[int], *, present_only: bool = False) -> QuerySet[Episode]:
    """The open episodes of these facilities, with their residents, zone and room."""
    statuses = PRESENT_STATUSES if present_only else OPEN_STATUSES
    return Episode.objects.filter(facility_id__in=list(facility_ids), status__in=statuses).select_related(
        "resident", "zone", "room"
    )


def open_episode_of(resident_id: int, facility_id: int) -> Episode | None:
    """The resident's open episode at the facility, if any (the facility's record of the resident now)."""
    return (
        Episode.objects.filter(resident_id=resident_id, facility_id=facility_id, status__in=OPEN_STATUSES)
        .select_related("resident")
        .first()
    )


def is_present(episode: Episode) -> bool:
    return episode.status in PRESENT_STATUSES


def absences_between(episode_ids: Collection[int], start: date, end: date) -> dict[int, list[tuple[date, date | None]]]:
    """The periods each episode's resident was away (leave, abscondence, hospital, suspension) that
    touch `start`–`end`: {episode id: [(from, until or None while still away)]}. One query."""
    periods: dict[int, list[tuple[date, date | None]]] = {}
    rows = (
        LegalEvent.objects.filter(
            episode_id__in=list(episode_ids), kind__in=LegalEvent.PERIOD_KINDS, occurred_on__lte=end
        )
        .exclude(ended_on__lt=start)
        .values_list("episode_id", "occurred_on", "ended_on")
    )
    for episode_id, occurred_on, ended_on in rows:
        periods.setdefault(episode_id, []).append((occurred_on, ended_on))
    return periods
