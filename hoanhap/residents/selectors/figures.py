"""The figures a centre reports and plans from its residents' episodes (`hoanhap.residents.figures`
registers them in `core.registry.figures`). Each reads all the facilities asked for, and all the
periods asked for (a year and its months), in one query, and returns every facility as a key (0
when nothing happened); a period is `start` to `end`, both days included.

- Admissions are the episodes admitted in the period, transfers in excepted (the term continues
  from another facility: the sending facility counted the admission). By kind: voluntary,
  compulsory (adults and minors), minors (aged 12 to 17 on the day of admission, either kind).
- Completions: episodes closed as completed; early releases: episodes closed before their term by
  a decision (outcome "released early": the decision cancelled, or voluntary rehab ended at the
  person's request). A term reduction shortens a term but is not a release: it has its own figure
  (the reductions decided in the period).
- Abscondences: the abscondences recorded in the period (a resident who absconds twice counts twice).
- Residents at a date: the episodes open at the end of the period's last day (admitted by then,
  not yet closed).

`<figure>_periods(facility_ids, periods)` gives a list (one dict per period); `<figure>(facility_ids,
start, end)` one period.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from django.db.models import Count, Q, QuerySet

from hoanhap.core.periods import counted_per_period, per_period, span
from hoanhap.core.registry import one_period

from ..models import Episode, LegalEvent
from ..terms import EpisodeKind, is_minor

Periods = Sequence[tuple[date, date]]


def _admitted() -> QuerySet[Episode]:
    return Episode.objects.filter(transferred_from__isnull=True)


def admissions_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, int]]:
    return counted_per_period(_admitted(), facility_ids, periods, "admitted_on")


def voluntary_admissions_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, int]]:
    return counted_per_period(_admitted().filter(kind=EpisodeKind.VOLUNTARY), facility_ids, periods, "admitted_on")


def compulsory_admissions_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, int]]:
    episodes = _admitted().filter(kind__in=[EpisodeKind.COMPULSORY, EpisodeKind.COMPULSORY_MINOR])
    return counted_per_period(episodes, facility_ids, periods, "admitted_on")


def minor_admissions_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, int]]:
    """Minors on the day of admission: the age is read in Python from the admissions of all the
    periods (one query; a database cannot compare birthdays the same way on SQLite and PostgreSQL)."""
    values = [dict.fromkeys(facility_ids, 0) for _ in periods]
    if not periods:
        return values
    first, last = span(periods)
    rows = _admitted().filter(facility_id__in=list(facility_ids), admitted_on__gte=first, admitted_on__lte=last)
    for facility_id, admitted_on, born in rows.values_list("facility_id", "admitted_on", "resident__date_of_birth"):
        if is_minor(born, admitted_on):
            for index, (start, end) in enumerate(periods):
                if start <= admitted_on <= end:
                    values[index][facility_id] += 1
    return values


def completions_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, int]]:
    return counted_per_period(
        Episode.objects.filter(outcome=Episode.Outcome.COMPLETED), facility_ids, periods, "closed_on"
    )


def early_releases_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, int]]:
    episodes = Episode.objects.filter(outcome=Episode.Outcome.RELEASED_EARLY)
    return counted_per_period(episodes, facility_ids, periods, "closed_on")


def abscondences_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, int]]:
    events = LegalEvent.objects.filter(kind=LegalEvent.Kind.ABSCONDENCE)
    return counted_per_period(events, facility_ids, periods, "occurred_on")


def term_reductions_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, int]]:
    events = LegalEvent.objects.filter(kind=LegalEvent.Kind.TERM_REDUCTION)
    return counted_per_period(events, facility_ids, periods, "occurred_on")


def residents_at_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, int]]:
    """The residents in rehab at the end of each period's last day (its first day is not read)."""
    if not periods:
        return []
    first, last = span(periods)
    episodes = Episode.objects.filter(admitted_on__lte=last).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=first))
    return per_period(
        episodes,
        facility_ids,
        periods,
        lambda _start, end: Count(
            "id", filter=Q(admitted_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        ),
    )


admissions = one_period(admissions_periods)
voluntary_admissions = one_period(voluntary_admissions_periods)
compulsory_admissions = one_period(compulsory_admissions_periods)
minor_admissions = one_period(minor_admissions_periods)
completions = one_period(completions_periods)
early_releases = one_period(early_releases_periods)
abscondences = one_period(abscondences_periods)
term_reductions = one_period(term_reductions_periods)
residents_at = one_period(residents_at_periods)
