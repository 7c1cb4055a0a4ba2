"""Family visits, parcels and money: the scoped reads. Every read goes through
`visible_to(..., AREAS["visits"].read)`: the visit officer's and the director's facilities."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import facility_ids_with, visible_to
from hoanhap.core.text import fold
from hoanhap.residents import selectors as residents_selectors

from ..access import AREAS
from ..models import Deposit, Parcel, Visit, Visitor

if TYPE_CHECKING:
    from hoanhap.residents.models import Episode

READ = AREAS["visits"].read
WRITE = AREAS["visits"].write


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def visits_visible_to(user: User) -> QuerySet[Visit]:
    return visible_to(Visit.objects.all(), user, READ).select_related("resident", "booked_by", "approved_by")


SCHEDULE_FIELDS = ("facility_id", "resident_id", "kind", "status", "starts_at", "ends_at", "approved_by_id", "note")


def day_schedule(user: User, day: date, facility_id: int | None = None) -> QuerySet[Visit]:
    """The visits at the gate on `day`: those that start that day, and stays that run through it,
    in the order they come, each with its visitors. Two queries whatever the number of visits."""
    start, end = day_bounds(day)
    visits = visible_to(Visit.objects.all(), user, READ).filter(starts_at__lt=end, ends_at__gt=start)
    # Only the columns the gate shows: a resident row is wide, and forty of them add up.
    visits = visits.select_related("resident").only(*SCHEDULE_FIELDS, "resident__full_name", "resident__record_number")
    if facility_id is not None:
        visits = visits.filter(facility_id=facility_id)
    visitors = Visitor.objects.only("visit_id", "full_name", "id_number", "relation").order_by("pk")
    return visits.prefetch_related(Prefetch("visitors", queryset=visitors)).order_by("starts_at", "pk")


@dataclass(frozen=True)
class VisitFilters:
    q: str = ""
    status: str = ""
    kind: str = ""
    from_on: date | None = None
    to_on: date | None = None


def visit_list(user: User, filters: VisitFilters, facility_id: int | None = None) -> QuerySet[Visit]:
    visits = visits_visible_to(user).prefetch_related("visitors")
    if facility_id is not None:
        visits = visits.filter(facility_id=facility_id)
    if filters.q:
        for word in fold(filters.q).split():
            visits = visits.filter(resident__search_text__contains=word)
    if filters.status:
        visits = visits.filter(status=filters.status)
    if filters.kind:
        visits = visits.filter(kind=filters.kind)
    if filters.from_on:
        visits = visits.filter(starts_at__gte=day_bounds(filters.from_on)[0])
    if filters.to_on:
        visits = visits.filter(starts_at__lt=day_bounds(filters.to_on)[1])
    return visits


def parcel_list(user: User, params: Mapping[str, Any], facility_id: int | None = None) -> QuerySet[Parcel]:
    parcels = visible_to(Parcel.objects.all(), user, READ).select_related("resident", "inspected_by")
    if facility_id is not None:
        parcels = parcels.filter(facility_id=facility_id)
    for word in fold(str(params.get("q") or "")).split():
        parcels = parcels.filter(resident__search_text__contains=word)
    if params.get("status") in Parcel.Status.values:
        parcels = parcels.filter(status=params["status"])
    return parcels


def residents_to_book(user: User, query: str, *, limit: int = 15) -> list[Episode]:
    """The residents present at the facilities where the user books visits, whose name (typed
    without diacritics or with them) or record number matches every word typed."""
    episodes = residents_selectors.open_episodes(facility_ids_with(user, WRITE), present_only=True)
    words = fold(query).split()
    if not words:
        return []
    for word in words:
        episodes = episodes.filter(resident__search_text__contains=word)
    return list(episodes.order_by("resident__name_sort_key", "pk")[:limit])


def bookable_episode(user: User, episode_id: int) -> Episode | None:
    return (
        residents_selectors.open_episodes(facility_ids_with(user, WRITE), present_only=False)
        .filter(pk=episode_id)
        .first()
    )


def episode_for_visits(user: User, resident_id: int) -> Episode | None:
    """The resident's open episode in a facility where the user reads this area, if any."""
    return residents_selectors.open_episodes(facility_ids_with(user, READ)).filter(resident_id=resident_id).first()


LEDGER_PAGE_SIZE = 50


@dataclass(frozen=True)
class Ledger:
    balance: int
    movements: Page[Deposit]  # newest first, LEDGER_PAGE_SIZE a page


def ledger_of(resident_id: int, *, page: Any = 1) -> Ledger:
    """The balance (the latest movement's) and one page of the movements, newest first; a page
    number out of range gives the last page."""
    movements = Deposit.objects.filter(resident_id=resident_id).select_related("recorded_by").order_by("-pk")
    balance = movements.values_list("balance_after", flat=True).first()
    return Ledger(balance=balance or 0, movements=Paginator(movements, LEDGER_PAGE_SIZE).get_page(page))


def resident_visits(resident_id: int, *, limit: int = 50) -> list[Visit]:
    return list(
        Visit.objects.filter(resident_id=resident_id).prefetch_related("visitors").order_by("-starts_at")[:limit]
    )


def resident_parcels(resident_id: int, *, limit: int = 50) -> list[Parcel]:
    return list(Parcel.objects.filter(resident_id=resident_id).select_related("inspected_by")[:limit])
