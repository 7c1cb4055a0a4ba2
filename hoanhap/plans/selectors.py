"""The annual plans' reads: the plans a user may see, and a plan's progress — each target with its
actual to date (the figure computed from the records, `core.registry.figures`), the share of the
plan, the pace expected by today and the gap, month by month; and a year's plans of several
facilities side by side. Each figure is computed once for all the facilities shown (one query),
so a page reads in a fixed number of queries whatever the records."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet

from hoanhap.accounts.selectors import visible_to
from hoanhap.core import clock, registry
from hoanhap.core.collation import text_sort_key

from . import progress
from .access import READ
from .models import AnnualPlan, Target


def plans_visible_to(user: Any, *, year: int | None = None, facility_id: int | None = None) -> QuerySet[AnnualPlan]:
    plans = visible_to(AnnualPlan.objects.select_related("facility", "approved_by"), user, READ)
    if year is not None:
        plans = plans.filter(year=year)
    if facility_id is not None:
        plans = plans.filter(facility_id=facility_id)
    return plans


def with_target_count(plans: QuerySet[AnnualPlan]) -> QuerySet[AnnualPlan]:
    return plans.annotate(target_count=Count("targets"))


def month_starts(year: int, today: date) -> list[date]:
    """The first day of each month of the year begun by `today` (the monthly table's columns)."""
    return [first for first, _last in progress.months_of(year, today)]


def figure_label(key: str) -> Any:
    return registry.figures.get(key).label if key in registry.figures else key


@dataclass
class Progress:
    """One target against the records: "390 of 307 planned, 127%"."""

    figure: str
    label: Any
    unit: Any
    planned: Decimal
    actual: Decimal
    expected: Decimal
    stock: bool
    note: str = ""
    months: list[Decimal] = field(default_factory=list)

    @property
    def percent(self) -> Decimal:
        return progress.percent_of_plan(self.actual, self.planned)

    @property
    def gap(self) -> Decimal:
        """Ahead of the pace (positive) or behind it (negative)."""
        return progress.whole(self.actual - self.expected)

    @property
    def expected_percent(self) -> Decimal:
        return progress.percent_of_plan(self.expected, self.planned) if self.expected else Decimal(0)

    @property
    def bar(self) -> int:
        """The bar's width in percent (a plan exceeded fills it)."""
        return int(min(self.percent, Decimal(100)))

    @property
    def behind(self) -> bool:
        return self.actual < self.expected


def _value(values: dict[int, Any], facility_ids: Collection[int]) -> Decimal:
    return sum((Decimal(str(values.get(facility_id) or 0)) for facility_id in facility_ids), Decimal(0))


def actuals(keys: Collection[str], facility_ids: Collection[int], start: date, end: date) -> dict[str, dict[int, Any]]:
    """Each figure's values per facility over the period (one query per figure)."""
    return {key: registry.figures.get(key).compute(facility_ids, start, end) for key in keys if key in registry.figures}


def plan_progress(plan: AnnualPlan, today: date | None = None, *, monthly: bool = True) -> list[Progress]:
    """The plan's targets, in the registry's order, each with its actual to date, pace and gap,
    and (with `monthly`) its actual month by month: one query per figure for the year and its
    months together (`Figure.for_periods`)."""
    today = today or clock.today()
    targets = sorted(plan.targets.all(), key=_figure_order)
    period = progress.period_of(plan.year, today)
    periods = ([period] + (progress.months_of(plan.year, today) if monthly else [])) if period else []
    facility_ids = [plan.facility_id]
    rows = []
    for target in targets:
        figure = registry.figures.get(target.figure) if target.figure in registry.figures else None
        values = figure.for_periods(facility_ids, periods) if figure else []
        stock = bool(figure and figure.stock)
        rows.append(
            Progress(
                figure=target.figure,
                label=figure.label if figure else target.figure,
                unit=figure.unit if figure else "",
                planned=target.planned,
                actual=_value(values[0], facility_ids) if values else Decimal(0),
                expected=_expected(target.planned, stock, plan.year, today),
                stock=stock,
                note=target.note,
                months=[_value(month, facility_ids) for month in values[1:]],
            )
        )
    return rows


def _expected(planned: Decimal, stock: bool, year: int, today: date) -> Decimal:
    """The pace by today; for a count on a day (the census), the target itself once the year has begun."""
    if stock:
        return planned if progress.period_of(year, today) else Decimal(0)
    return progress.expected_by(planned, year, today)


def _figure_order(target: Target) -> tuple[int, str]:
    key = target.figure
    return (registry.figures.get(key).order if key in registry.figures else 1000, key)


@dataclass
class YearColumn:
    facility_id: int
    name: str
    plan: AnnualPlan


@dataclass
class YearRow:
    figure: str
    label: Any
    cells: list[tuple[Decimal | None, Decimal]]  # (planned or None without a target, actual), per facility
    planned: Decimal
    actual: Decimal

    @property
    def percent(self) -> Decimal | None:
        return progress.percent_of_plan(self.actual, self.planned) if self.planned > 0 else None


def year_overview(user: Any, year: int, today: date | None = None) -> tuple[list[YearColumn], list[YearRow]]:
    """The year's plans of every facility the user reads, side by side, and their sum: one
    query for the plans, one for their targets, one per figure for the actuals."""
    today = today or clock.today()
    plans = sorted(
        plans_visible_to(user, year=year).select_related("facility"), key=lambda p: text_sort_key(p.facility.name)
    )
    columns = [YearColumn(plan.facility_id, str(plan.facility), plan) for plan in plans]
    targets = Target.objects.filter(plan__in=plans)
    planned: dict[str, dict[int, Decimal]] = {}
    for figure, facility_id, value in targets.values_list("figure", "facility_id", "planned"):
        planned.setdefault(figure, {})[facility_id] = value
    facility_ids = [column.facility_id for column in columns]
    period = progress.period_of(year, today)
    keys = sorted(planned, key=lambda key: (registry.figures.get(key).order if key in registry.figures else 1000, key))
    values = actuals(keys, facility_ids, *period) if period else {}
    rows = []
    for key in keys:
        cells = []
        for facility_id in facility_ids:
            cells.append((planned[key].get(facility_id), _value(values.get(key, {}), [facility_id])))
        with_target = [facility_id for facility_id in facility_ids if facility_id in planned[key]]
        rows.append(
            YearRow(
                figure=key,
                label=figure_label(key),
                cells=cells,
                planned=sum(planned[key].values(), Decimal(0)),
                # The sum's actual counts the facilities that plan this figure, so the share compares like with like.
                actual=_value(values.get(key, {}), with_target),
            )
        )
    return columns, rows


def admissions_card(user: Any, facility_id: int | None) -> dict[str, Any] | None:
    """The home card: "admissions this year: N of M planned (P%)", over the plans of this year
    the user reads (the chosen facility, or all of theirs)."""
    today = clock.today()
    key = "residents.admissions"
    plans = plans_visible_to(user, year=today.year, facility_id=facility_id)
    targets = list(Target.objects.filter(plan__in=plans, figure=key).values_list("facility_id", "planned"))
    if not targets or key not in registry.figures:
        return None
    facility_ids = [facility_id for facility_id, _planned in targets]
    planned = sum((value for _facility_id, value in targets), Decimal(0))
    actual = _value(registry.figures.get(key).compute(facility_ids, date(today.year, 1, 1), today), facility_ids)
    return {
        "year": today.year,
        "actual": actual,
        "planned": planned,
        "percent": progress.percent_of_plan(actual, planned),
        "bar": int(min(progress.percent_of_plan(actual, planned), Decimal(100))),
    }
