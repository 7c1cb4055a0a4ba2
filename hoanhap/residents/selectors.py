"""Reads of residents and episodes, always scoped to what the acting user may see."""

from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core.text import fold

from .models import Episode, Resident


def residents_visible_to(user: User) -> QuerySet[Resident]:
    return Resident.objects.filter(facility_id__in=facility_ids_with(user, Capability.VIEW_RESIDENTS))


def resident_for(user: User, resident_id: int) -> Resident:
    """The resident if the user may see them; another facility's record is a 404, not a 403."""
    try:
        return residents_visible_to(user).select_related("facility").get(pk=resident_id)
    except Resident.DoesNotExist:
        raise Http404 from None


def search_residents(user: User, query: str = "") -> QuerySet[Resident]:
    """Name with or without diacritics, record number or ID number, in one indexed column."""
    residents = residents_visible_to(user)
    folded = fold(query)
    for term in folded.split():
        residents = residents.filter(search_text__contains=term)
    open_episodes = Episode.objects.exclude(status=Episode.Status.CLOSED).select_related("zone", "room")
    return residents.select_related("facility").prefetch_related(
        Prefetch("episodes", queryset=open_episodes, to_attr="open_episodes")
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
    totals["by_stage"] = [
        (value, label, by_stage.get(value, 0)) for value, label in Episode._meta.get_field("stage").choices
    ]  # type: ignore[union-attr]
    return totals
