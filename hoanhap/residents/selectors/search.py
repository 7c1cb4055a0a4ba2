"""Finding a resident: exact lookups first (citizen ID number, record number), then names.

What matches, alike on SQLite and PostgreSQL:
- a 12-digit query is a citizen ID number, matched exactly, and only in the facilities where the
  user may see legal data (the ID number is legal data: Law 91/2025/QH15);
- one word with a digit in it is a record number: the residents whose record number begins with
  it, case aside ("hv-2025-01"); when no record number does, it is searched like a name;
- otherwise the query is folded like `Resident.search_text` (no diacritics, đ as d, lower case)
  and every word typed must begin a word of the name, the other names or the record number:
  "nguyen van hung" and "hung nguyen" find Nguyễn Văn Hùng, "van" finds every Văn, "ung" no Hùng.

- a number of three digits or more also finds the record numbers whose last number it is, leading zeros aside:
  "0269" and "269" find HV-2026-0269 (the sequence of the facility's format, core/record_numbers.py).

Order: with nothing typed, everyone in Vietnamese alphabetical order (`Resident.name_sort_key`:
given name first, Đ after D, tones after letters). A name typed: the residents whose folded text
begins with it come first (type a name from its first word and the person is on the first page),
then the others, each group by the folded text. A column chosen (?sort=, `SORT_CHOICES`): every
match in one group, in that column's order (names by `name_sort_key`, read from its index).

How it stays fast with a million residents (docs/performance.md, "Search"):
- each group is read in index order and stops after one page, never sorting every match: the
  first group is a range of a B-tree on the folded text (byte order: COLLATE "C" on PostgreSQL);
- the other matches come from a word index: the pg_trgm GIN index on PostgreSQL, an FTS5 table
  on SQLite (migration 0005), then the exact word test above decides;
- the two ways of seeing a resident (in one's facility, or transferred away from it) are two
  queries united by UNION ALL, each with its own index, not an OR across tables;
- no COUNT(*) of every match: a page is read with one row more, which tells whether a next page
  exists, and the matches are counted only up to MAX_RESULTS + 1 (each group's count a LIMIT
  over its index): the list says "N residents" up to the bound, then "more than MAX_RESULTS";
  the pages go on past it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Collate, Lower
from django.db.models.lookups import Contains, GreaterThanOrEqual, LessThan

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with

from ..models import Episode, Resident
from .list_page import (
    MAX_RESULTS,
    PAGE_SIZE,
    SearchPage,
    SearchPaginator,
    list_rows,
    open_episodes_prefetch,
)
from .scope import OPEN_STATUSES, among, residents_visible_to, view_ids, visible_scopes
from .search_query import ParsedQuery, QueryKind, ResidentFilters, episode_conditions, parse_query

# SQLite's word index of `search_text` (migration 0005), kept by triggers on the resident table.
FTS_TABLE = "residents_resident_fts"
_WORD = re.compile(r"[^\W_]+")


# --- Conditions ----------------------------------------------------------------------------------


def _bytewise(expression: Any) -> Any:
    """Compare and sort by code point, whatever the database's collation, so that a prefix is a
    range of the index (migration 0005 builds the indexes on the same expressions). SQLite
    compares bytes already."""
    return Collate(expression, "C") if connection.vendor == "postgresql" else expression


def name_key() -> Any:
    return _bytewise(F("search_text"))


def name_order() -> Any:
    """The Vietnamese alphabetical order of full names (`Resident.name_sort_key`), indexed."""
    return _bytewise(F("name_sort_key"))


def _open_episode_date(field: str, *, descending: bool) -> Any:
    """A date of the resident's open episode (the newest, as the list shows); a resident not in
    rehab comes last either way, alike on both engines (they put NULLs at different ends)."""
    dates = (
        Episode.objects.filter(resident=OuterRef("pk"), status__in=OPEN_STATUSES)
        .order_by("-admitted_on", "-id")
        .values(field)[:1]
    )
    return Coalesce(Subquery(dates), Value(date.min if descending else date.max), output_field=DateField())


def _sort_key(sort: str) -> tuple[Any, bool]:
    """The key of a column's order (SORT_CHOICES), and whether it runs backwards."""
    descending, column = sort.startswith("-"), sort.lstrip("-")
    keys = {
        "name": name_order,
        "record": record_key,
        "admitted": lambda: _open_episode_date("admitted_on", descending=descending),
        "released": lambda: _open_episode_date("expected_release_on", descending=descending),
    }
    return keys[column](), descending


def record_key() -> Any:
    return _bytewise(Lower("record_number"))


def _after(prefix: str) -> str:
    """The first string after every string that begins with `prefix`, in code point order."""
    last = ord(prefix[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:  # surrogates are not characters a database stores
        last = 0xE000
    if last > 0x10FFFF:
        return _after(prefix[:-1]) if len(prefix) > 1 else "\U0010ffff"
    return prefix[:-1] + chr(last)


def _begins(key: Any, prefix: str) -> Q:
    """The key (an indexed expression) begins with `prefix`: an index range."""
    return Q(GreaterThanOrEqual(key, prefix), LessThan(key, _after(prefix)))


def _begins_a_word(word: str) -> Q:
    """`word` begins a word of `search_text`: the exact test. Written on an expression no index
    holds (" " + search_text), so that it never chooses the plan: `_word_hint` does."""
    return Q(Contains(_Spaced(F("search_text")), f" {word}"))


class _Unindexed(Func):
    """The same text and order (its collation is the text's), which no index holds."""

    template = "(%(expressions)s || '')"
    output_field = CharField()


class _Spaced(Func):
    """' ' || the text: each of its words then follows a space."""

    template = "(' ' || %(expressions)s)"
    output_field = CharField()


def _word_hint(words: list[str]) -> Q:
    """A condition true of every row the exact test keeps, which the word index serves: it finds
    the candidates among many rows, the exact test decides. A word of one letter begins too many
    words to be worth the index: it is tested on the candidates of the others."""
    words = [word for word in words if len("".join(_WORD.findall(word))) >= 2]
    if connection.vendor == "postgresql":
        # pg_trgm: LIKE '%…%' reads the word's own trigrams, the selective ones. A two-letter word
        # has none: the regular expression gives it the trigram of a word's start (" mi").
        return Q(
            *[
                Q(search_text__contains=word)
                if any(len(run) >= 3 for run in _WORD.findall(word))
                else Q(search_text__regex=r"(^| )" + _regex_literal(word))
                for word in words
            ]
        )
    if connection.vendor == "sqlite" and words:
        # FTS5 splits words at punctuation: "hv-2025" is the phrase "hv" "2025", the last one a prefix.
        phrases = " AND ".join('"' + word.replace('"', '""') + '"*' for word in words)
        # Our own table name; the match expression is a parameter.
        match = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [phrases])  # noqa: S608, S611
        return Q(pk__in=match)
    return Q()


def _regex_literal(word: str) -> str:
    """The word as a literal of a PostgreSQL regular expression: a backslash before anything but a
    letter or a digit (backslash and a letter would be an escape)."""
    return "".join(char if char.isalnum() else "\\" + char for char in word)


def _last_number_is(digits: str) -> Q:
    """The record number ends with `digits` and its last number is theirs, leading zeros aside:
    "269" and "0269" find HV-2026-0269, not HV-2026-1269 (the sequence of the facility's format,
    core/record_numbers.py)."""
    return Q(search_text__contains=digits, record_number__regex=rf"(^|[^0-9])0*{int(digits)}$")


def _number_hint(digits: str) -> Q:
    """Implied by `_last_number_is`, served by the word index: PostgreSQL's trigrams of the digits
    (three or more), SQLite's FTS5 tokens (the last number is a token of its own, after the sign
    the format puts before it) equal to the number with any leading zeros."""
    if connection.vendor == "postgresql":
        return Q(search_text__contains=digits)
    if connection.vendor == "sqlite":
        number = str(int(digits))
        tokens = " OR ".join(f'"{"0" * zeros}{number}"' for zeros in range(0, 10 - len(number)))
        # Our own table name; the match expression is a parameter.
        match = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [tokens or f'"{number}"'])  # noqa: S608, S611
        return Q(pk__in=match)
    return Q()


def name_matches(text: str) -> Q:
    condition = Q()
    for word in text.split():
        condition &= _begins_a_word(word)
    return condition


@dataclass(frozen=True)
class Group:
    """Rows of the results that come together, sorted by their plan's key."""

    condition: Q
    # Implied by the condition, served by a word index: how the residents of the user's own
    # facilities are found among a million. On PostgreSQL the residents transferred away from them
    # (few) are read from their own side, the facilities they are in now, without a second pass
    # over the word index; SQLite plans that side well only from the FTS5 candidates too.
    hint: Q = field(default_factory=Q)


@dataclass(frozen=True)
class Plan:
    """How to read a query's results: groups of rows one after the other, each sorted by `key`
    (then the id) and read in that order from an index."""

    key: Any
    groups: list[Group]
    descending: bool = False

    @property
    def order(self) -> tuple[str, str]:
        return ("-sort_key", "-id") if self.descending else ("sort_key", "id")


def _plan(user: User, query: ParsedQuery, sort: str = "") -> Plan:
    if query.kind is QueryKind.CITIZEN_ID:
        legal_ids = facility_ids_with(user, Capability.VIEW_LEGAL_DATA)
        groups = [Group(Q(among("facility_id", legal_ids), citizen_id=query.text))]
        default = name_order()
    elif query.kind is QueryKind.RECORD_NUMBER:
        begins = _begins(record_key(), query.text)
        groups = [Group(begins)]
        if query.text.isdigit() and len(query.text) >= 3:  # or the last digits: "0269", "269"
            last = Group(_last_number_is(query.text) & ~begins, hint=_number_hint(query.text))
            groups = [Group(begins | last.condition, hint=Q())] if sort else [Group(begins), last]
        default = record_key()
    elif query.kind is QueryKind.NAME:
        begins, hint = _begins(name_key(), query.text), _word_hint(query.text.split())
        if sort:  # one group: every match, in the column's order
            groups = [Group(name_matches(query.text), hint=hint)]
        else:  # the names that begin with the query first
            groups = [Group(begins), Group(name_matches(query.text) & ~begins, hint=hint)]
        default = name_key()
    else:
        groups, default = [Group(Q())], name_order()
    if sort:
        key, descending = _sort_key(sort)
        return Plan(key, groups, descending)
    return Plan(default, groups)


class _Reader:
    """Reads a plan's groups for one user's facilities, with the list's filters."""

    def __init__(self, facility_ids: frozenset[int], plan: Plan, extra: Q) -> None:
        self.plan, self.extra = plan, extra
        typed = any(group.condition for group in plan.groups)
        self.here, self.left = visible_scopes(facility_ids, typed=typed)

    def _scopes(self, group: Group) -> list[QuerySet[Resident]]:
        left_hint, left_key = Q(), self.plan.key
        if connection.vendor == "sqlite":
            left_hint = group.hint
        elif isinstance(left_key, Collate):
            # The residents transferred away are few: PostgreSQL finds them from their transfer
            # episodes and sorts them. Offered the key's index, it walked the whole order of the
            # other facilities, testing each resident, to fill a page it could not fill.
            left_key = _Unindexed(left_key)
        return [
            self.here.annotate(sort_key=self.plan.key).filter(group.hint, group.condition, self.extra),
            self.left.annotate(sort_key=left_key).filter(left_hint, group.condition, self.extra),
        ]

    def read(self, group: Group, *, offset: int, limit: int) -> list[int]:
        """The ids of rows offset…offset+limit of a group. Only ids and keys: an index holds them
        all, so even a plan that sorts every match of the group reads no table row."""
        here, left = (
            scope.values_list("id", "sort_key").order_by(*self.plan.order)  # type: ignore[misc] # annotated
            for scope in self._scopes(group)
        )
        if connection.features.supports_slicing_ordering_in_compound:
            # PostgreSQL: each scope sorted and cut on its own is planned as an index walk that
            # stops at the page's end; a LIMIT above the UNION alone would sort every match.
            here, left = here[: offset + limit], left[: offset + limit]
        else:
            # SQLite merges the two sorted scopes of a compound ORDER BY itself, row by row.
            here, left = here.order_by(), left.order_by()
        united = here.union(left, all=True).order_by(*self.plan.order)  # type: ignore[misc] # annotated
        return [pk for pk, _key in united[offset : offset + limit]]

    def count(self, group: Group, *, up_to: int) -> int:
        here, left = (scope.values("pk").order_by() for scope in self._scopes(group))
        if connection.features.supports_slicing_ordering_in_compound:
            here, left = here[:up_to], left[:up_to]
        return here.union(left, all=True)[:up_to].count()

    def rows(self, *, offset: int, limit: int) -> list[int]:
        """Ids of rows offset…offset+limit of the groups read one after the other; a group is read
        only if the ones before it end before the page does."""
        rows: list[int] = []
        for group in self.plan.groups:
            found = self.read(group, offset=offset, limit=limit - len(rows))
            rows += found
            if len(rows) >= limit:
                break
            # This group ended: the next one starts where its own rows do.
            offset = 0 if found or not offset else offset - self.count(group, up_to=offset)
        return rows

    def total(self, *, up_to: int) -> int:
        return sum(self.count(group, up_to=up_to) for group in self.plan.groups)


def search_page(
    user: User, filters: ResidentFilters | None = None, *, number: int = 1, counted: bool = True
) -> SearchPage:
    """One page of the residents list: 25 residents, their facility and open episode. With
    `counted=False` a page that is not the last leaves the count for later (`is_count_pending`):
    counting up to the bound costs more than reading the page, so the live search shows the page
    first and the count a moment after."""
    filters = filters or ResidentFilters()
    query = parse_query(filters.query)
    reader = _Reader(view_ids(user), _plan(user, query, filters.sort), episode_conditions(filters))
    number = max(number, 1)

    def read(number: int) -> list[int]:
        return reader.rows(offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1)

    rows = read(number)
    if not rows and query.kind is QueryKind.RECORD_NUMBER and not reader.total(up_to=1):
        # No record number begins with it: a word with a digit may still be part of a name.
        reader.plan = _plan(user, ParsedQuery(QueryKind.NAME, query.text), filters.sort)
        rows = read(number)
    if not rows and number > 1:
        # Past the end (an old link): the last page, as Django's paginator does.
        number = max(1, -(-reader.total(up_to=(number - 1) * PAGE_SIZE) // PAGE_SIZE))
        rows = read(number)
    more = len(rows) > PAGE_SIZE
    ids = rows[:PAGE_SIZE]
    residents = list_rows(ids)
    # The last page knows the count; another counts up to the bound (each group a LIMIT).
    if more and not counted:
        return SearchPage(
            object_list=residents,
            number=number,
            has_next=True,
            paginator=SearchPaginator(count=None),
            is_count_pending=True,
        )
    count = (number - 1) * PAGE_SIZE + len(ids) if not more else reader.total(up_to=MAX_RESULTS + 1)
    return SearchPage(
        object_list=residents,
        number=number,
        has_next=more,
        paginator=SearchPaginator(count=count if count <= MAX_RESULTS else None),
        is_more_than_max=count > MAX_RESULTS,
        max_results=MAX_RESULTS,
    )


# --- Every match, for the API and the export ---------------------------------------------------------


def search_residents(user: User, filters: ResidentFilters | None = None) -> QuerySet[Resident]:
    """Every resident the list would show for these filters, in the list's order (the API pages it,
    the export reads it all)."""
    filters = filters or ResidentFilters()
    query = parse_query(filters.query)
    residents = residents_visible_to(user).filter(episode_conditions(filters))
    plan = _plan(user, query, filters.sort)
    numbered = Q()
    for group in plan.groups:
        numbered |= group.condition
    if query.kind is QueryKind.RECORD_NUMBER and not residents.filter(numbered).exists():
        plan = _plan(user, ParsedQuery(QueryKind.NAME, query.text), filters.sort)
    matching = Q()
    for group in plan.groups:
        matching |= group.hint & group.condition
    # The group a row falls in first; the groups are disjoint but for the last, which is the rest.
    rank = Case(
        *[When(group.condition, then=Value(n)) for n, group in enumerate(plan.groups[:-1])],
        default=Value(len(plan.groups) - 1),
        output_field=IntegerField(),
    )
    return (
        residents.annotate(sort_key=plan.key)
        .filter(matching)
        .annotate(rank=rank)
        .select_related("facility")
        .prefetch_related(open_episodes_prefetch())
        .order_by("rank", *plan.order)
    )
