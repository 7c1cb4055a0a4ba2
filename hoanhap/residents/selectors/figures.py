"""The figures a centre reports and plans from its residents' episodes (`hoanhap.residents.figures`
registers them in `core.registry.figures`). Each reads all the facilities asked for in one query
and returns every one of them as a key (0 when nothing happened); a period is `start` to `end`,
both days included.

- Admissions are the episodes admitted in the period, transfers in excepted (the term continues
  from another facility: the sending facility counted the admission). By kind: voluntary,
  compulsory (adults and minors), minors (aged 12 to 17 on the day of admission, either kind).
- Completions: episodes closed as completed; early releases: episodes closed before their term by
  a decision (outcome "released early": the decision cancelled, or voluntary rehab ended at the
  person's request). A term reduction shortens a term but is not a release: it has its own figure
  (the reductions decided in the period).
- Abscondences: the abscondences recorded in the period (a resident who absconds twice counts twice).
- Residents at a date: the episodes open at the end of `end` (admitted by then, not yet closed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import date

from django.db.models import Count, Q, QuerySet

from ..models import Episode, LegalEvent
from ..terms import EpisodeKind, is_minor


def _per_facility(facility_ids: Collection[int], rows: QuerySet) -> dict[int, int]:
    counts = dict.fromkeys(facility_ids, 0)
    counts.update(dict(rows))
    return counts


def _admitted(facility_ids: Collection[int], start: date, end: date) -> QuerySet[Episode]:
    return Episode.objects.filter(
        facility_id__in=list(facility_ids), admitted_on__gte=start, admitted_on__lte=end, transferred_from__isnull=True
    )


def admissions(facility_ids: Collection[int], start: date, end: date, *, kinds: Collection[str] = ()) -> dict[int, int]:
    episodes = _admitted(facility_ids, start, end)
    if kinds:
        episodes = episodes.filter(kind__in=list(kinds))
    return _per_facility(facility_ids, episodes.values_list("facility_id").annotate(n=Count("id")).order_by())


def voluntary_admissions(facility_ids: Collection[int], start: date, end: date) -> dict[int, int]:
    return admissions(facility_ids, start, end, kinds=[EpisodeKind.VOLUNTARY])


def compulsory_admissions(facility_ids: Collection[int], start: date, end: date) -> dict[int, int]:
    return admissions(facility_ids, start, end, kinds=[EpisodeKind.COMPULSORY, EpisodeKind.COMPULSORY_MINOR])


def minor_admissions(facility_ids: Collection[int], start: date, end: date) -> dict[int, int]:
    """Minors on the day of admission: the age is read in Python from the period's admissions
    (one query; a database cannot compare birthdays the same way on SQLite and PostgreSQL)."""
    rows = _admitted(facility_ids, start, end).values_list("facility_id", "admitted_on", "resident__date_of_birth")
    counted = Counter(facility_id for facility_id, admitted_on, born in rows if is_minor(born, admitted_on))
    return {facility_id: counted.get(facility_id, 0) for facility_id in facility_ids}


def _closed_as(facility_ids: Collection[int], start: date, end: date, outcome: str) -> dict[int, int]:
    episodes = Episode.objects.filter(
        facility_id__in=list(facility_ids), outcome=outcome, closed_on__gte=start, closed_on__lte=end
    )
    return _per_facility(facility_ids, episodes.values_list("facility_id").annotate(n=Count("id")).order_by())


def completions(facility_ids: Collection[int], start: date, end: date) -> dict[int, int]:
    return _closed_as(facility_ids, start, end, Episode.Outcome.COMPLETED)


def early_releases(facility_ids: Collection[int], start: date, end: date) -> dict[int, int]:
    return _closed_as(facility_ids, start, end, Episode.Outcome.RELEASED_EARLY)


def _events(facility_ids: Collection[int], start: date, end: date, kind: str) -> dict[int, int]:
    events = LegalEvent.objects.filter(
        facility_id__in=list(facility_ids), kind=kind, occurred_on__gte=start, occurred_on__lte=end
    )
    return _per_facility(facility_ids, events.values_list("facility_id").annotate(n=Count("id")).order_by())


def abscondences(facility_ids: Collection[int], start: date, end: date) -> dict[int, int]:
    return _events(facility_ids, start, end, LegalEvent.Kind.ABSCONDENCE)


def term_reductions(facility_ids: Collection[int], start: date, end: date) -> dict[int, int]:
    return _events(facility_ids, start, end, LegalEvent.Kind.TERM_REDUCTION)


def residents_at(facility_ids: Collection[int], start: date, end: date) -> dict[int, int]:
    """The residents in rehab at the end of `end` (`start` is not read: a count on a day)."""
    episodes = Episode.objects.filter(facility_id__in=list(facility_ids), admitted_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=end)
    )
    return _per_facility(facility_ids, episodes.values_list("facility_id").annotate(n=Count("id")).order_by())
