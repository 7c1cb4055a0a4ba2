"""Entitlements (the material regime): the scoped reads — what is due (the norms in force, see
`rules/entitlements.py`), what was issued, and the shortfalls (due − issued > 0).

Who is on a zone's sheet for a month: the residents whose episode at the facility is open (here,
on leave, in hospital…), placed in the zone and admitted by the month's end — the same residents
as the conduct grading sheet. A resident released before the sheet is opened is no longer on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet, Sum

from hoanhap.core.models import Zone
from hoanhap.residents.selectors import month_end, open_episodes

from ..models import SupplyIssue
from ..rules.entitlements import Due, Item, Period, dues_for_month, norms_on

if TYPE_CHECKING:
    from hoanhap.residents.models import Episode


@dataclass
class Cell:
    """One item for one resident and period: due by the norm, issued so far, and what is left."""

    due: Due
    issued: int = 0

    @property
    def item(self) -> str:
        return self.due.norm.item.value

    @property
    def left(self) -> int:
        return max(self.due.quantity - self.issued, 0)

    @property
    def is_short(self) -> bool:
        return self.left > 0


@dataclass
class EntitlementRow:
    episode: Episode
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def resident(self) -> Any:
        return self.episode.resident

    @property
    def pk(self) -> int:
        return self.episode.pk

    @property
    def shortfalls(self) -> list[Cell]:
        return [cell for cell in self.cells.values() if cell.is_short]


def zones_of(facility_id: int) -> QuerySet[Zone]:
    return Zone.objects.filter(facility_id=facility_id).order_by("name")


def sheet_episodes(*, facility_ids: Collection[int], month: date, zone_id: int | None = None) -> QuerySet[Episode]:
    """The episodes due the month's entitlements (see the module's docstring), by Vietnamese name."""
    month = month.replace(day=1)
    episodes = open_episodes(facility_ids).filter(admitted_on__lte=month_end(month))
    if zone_id is not None:
        episodes = episodes.filter(zone_id=zone_id)
    return episodes.order_by("resident__name_sort_key", "pk")


def issued_totals(episode_ids: Iterable[int], periods: Iterable[date]) -> dict[tuple[int, str, date], int]:
    """(episode id, item, period) → the quantity issued, in one query."""
    rows = (
        SupplyIssue.objects.filter(episode_id__in=list(episode_ids), period__in=list(periods))
        .values("episode_id", "item", "period")
        .annotate(total=Sum("quantity"))
    )
    return {(row["episode_id"], row["item"], row["period"]): row["total"] or 0 for row in rows}


def entitlement_rows(episodes: Iterable[Episode], month: date) -> list[EntitlementRow]:
    """Each episode's dues for `month` (monthly items for the month, yearly ones for its year) and
    what was issued towards them; two queries whatever the number of residents."""
    month = month.replace(day=1)
    rows = [EntitlementRow(episode=episode) for episode in episodes]
    periods = {month, date(month.year, 1, 1)}
    totals = issued_totals((row.pk for row in rows), periods)
    for row in rows:
        resident = row.episode.resident
        for due in dues_for_month(
            month=month, is_female=resident.sex == "female", date_of_birth=resident.date_of_birth
        ):
            row.cells[due.norm.item.value] = Cell(
                due=due, issued=totals.get((row.pk, due.norm.item.value, due.period), 0)
            )
    return rows


def sheet_columns(month: date) -> list[Any]:
    """The items of the norm set in force for `month`, monthly ones first."""
    items = norms_on(month.replace(day=1)).items
    return sorted(items, key=lambda norm: (norm.period != Period.MONTH, list(Item).index(norm.item)))


def zone_sheet(*, facility_id: int, zone_id: int, month: date) -> list[EntitlementRow]:
    return entitlement_rows(sheet_episodes(facility_ids=[facility_id], zone_id=zone_id, month=month), month)


@dataclass(frozen=True)
class Shortfall:
    episode: Episode
    cell: Cell

    @property
    def resident(self) -> Any:
        return self.episode.resident


def shortfalls(
    *, facility_ids: Collection[int], month: date, zone_id: int | None = None, item: str | None = None
) -> list[Shortfall]:
    """Every (resident, item) whose due for the period covering `month` is not fully issued, by
    Vietnamese name then item."""
    rows = entitlement_rows(sheet_episodes(facility_ids=facility_ids, zone_id=zone_id, month=month), month)
    return [
        Shortfall(episode=row.episode, cell=cell)
        for row in rows
        for cell in row.cells.values()
        if cell.is_short and (not item or cell.item == item)
    ]


def shortfall_counts_by_zone(shortfall_list: Iterable[Shortfall]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for shortfall in shortfall_list:
        counts[shortfall.episode.zone.name if shortfall.episode.zone else ""] += 1
    return dict(sorted(counts.items()))


def issues_of(episode_id: int, *, year: int | None = None) -> QuerySet[SupplyIssue]:
    """The episode's issues, newest first (of one year's periods, if given)."""
    issues = SupplyIssue.objects.filter(episode_id=episode_id).select_related("issued_by")
    if year is not None:
        issues = issues.filter(period__year=year)
    return issues.order_by("-issued_on", "-pk")


def issues_visible(facility_ids: Collection[int]) -> QuerySet[SupplyIssue]:
    return SupplyIssue.objects.filter(facility_id__in=list(facility_ids))
