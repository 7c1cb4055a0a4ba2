"""Registries: how a module adds itself to Hòa Nhập without editing anyone else's files.

Each app declares what it brings in its `AppConfig.ready()`:

    from hoanhap.core import registry

    registry.navigation.register(registry.NavEntry(
        slug="care", title=_("Care"), icon="heart-pulse", url_name="care:home",
        capabilities=frozenset({"record_care"}), description=_("Health checks, …"), order=30))
    registry.cards.register(registry.Card(
        key="care.isolation", title=_("Isolation now"), capabilities=frozenset({"record_care"}),
        template="care/cards/isolation.html", context=isolation_card, order=30))
    registry.timeline_kinds.register(registry.TimelineKind("care.dose_given", _("Dose given")))
    registry.figures.register(registry.Figure(
        "care.health_checks", _("Health checks"), _("checks"), registry.one_period(checks_periods),
        compute_periods=checks_periods))   # a number the plans and reports read, per facility

Audit event kinds have their own registry in `hoanhap.audit.events` (the audit app reads them).

Keys are namespaced by the app (`care.dose_given`): registering a key twice raises
`AlreadyRegistered`, reading a key nobody registered raises `NotRegistered`, so a typo fails at
start-up or in the first test, never silently in production. Capabilities are the string values of
`hoanhap.accounts.roles.Capability` (the kernel knows no users).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

from django.core.exceptions import ImproperlyConfigured

NAMESPACED = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


class AlreadyRegistered(ImproperlyConfigured):
    pass


class NotRegistered(LookupError):
    pass


class Keyed(Protocol):
    @property
    def key(self) -> str: ...


T = TypeVar("T", bound=Keyed)


class Registry(Generic[T]):
    """Items by key, in the order given by their `order` (then registration order)."""

    def __init__(self, what: str, *, namespaced: bool = True) -> None:
        self.what = what
        self.namespaced = namespaced
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        key = item.key
        if self.namespaced and not NAMESPACED.match(key):
            raise ImproperlyConfigured(f"The {self.what} {key!r} must be namespaced by its app, as 'app.name'.")
        if key in self._items:
            raise AlreadyRegistered(f"The {self.what} {key!r} is registered twice.")
        self._items[key] = item
        return item

    def unregister(self, key: str) -> None:
        """For tests that register a throw-away module and clean up after themselves."""
        self.get(key)
        del self._items[key]

    def get(self, key: str) -> T:
        try:
            return self._items[key]
        except KeyError:
            raise NotRegistered(f"No {self.what} {key!r} is registered.") from None

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(sorted(self._items.values(), key=lambda item: getattr(item, "order", 0)))

    def __len__(self) -> int:
        return len(self._items)

    def keys(self) -> list[str]:
        return [item.key for item in self]


@dataclass(frozen=True)
class NavEntry:
    """A module in the navigation bar and on the home page. `url_name` None: not built yet, its
    page says what will come (the shell's "coming" page), so no link is ever broken."""

    slug: str
    title: Any
    icon: str
    capabilities: frozenset[str]
    url_name: str | None
    description: Any = ""
    order: int = 100

    @property
    def key(self) -> str:
        return self.slug


@dataclass(frozen=True)
class Card:
    """A section of the home page. `context(user, facility_id)` returns the template's context,
    or None to leave the card out for this user; `facility_id` is the facility the user chose to
    look at, None for all of theirs. The shell shows a card only to holders of a capability."""

    key: str
    title: Any
    capabilities: frozenset[str]
    template: str
    context: Callable[[Any, int | None], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class TimelineKind:
    """A kind of row in a resident's journal (`residents.TimelineEvent`), with its label."""

    key: str
    label: Any
    order: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ResidentGroup:
    """A way a module gathers a facility's residents besides the zones (a work team, a class),
    offered by the pages that work on many residents at once (the monthly grading sheet).
    `choices(facility_id)` lists the groups as (id, label); `episode_ids(facility_id, group_id)`
    the open episodes in one of them (empty for a group the facility does not have)."""

    key: str
    label: Any
    choices: Callable[[int], list[tuple[int, str]]]
    episode_ids: Callable[[int, int], Any]
    order: int = 100


@dataclass(frozen=True)
class ResidentSection:
    """A card another module adds to the resident page (the resident's work team and hours, the
    courses, the money held): shown to holders of one of `capabilities` in the resident's
    facility. `context(user, resident)` returns the template's `data`, or None to leave the card
    out; it should read in a fixed number of queries, whatever the resident's history."""

    key: str
    title: Any
    capabilities: frozenset[str]
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class Figure:
    """A number a centre reports and plans (admissions, completions, labour hours…), computed from
    the records of the module that owns them. `compute(facility_ids, start, end)` returns the value
    for each facility over the days `start` to `end` included (every facility asked for is a key,
    0 when nothing happened), in ONE query for all of them, never one per facility. A `stock`
    figure is a count on a day (residents at `end`), not a sum over the period: a plan compares it
    to its target as it stands, not to a pace. The annual plans and the reports read them."""

    key: str
    label: Any
    unit: Any
    compute: Callable[[Collection[int], date, date], dict[int, Any]]
    stock: bool = False
    order: int = 100
    # Optional: the same for several periods at once (a year and its months) in one query,
    # `compute_periods(facility_ids, [(start, end), …]) -> [values of each period]`.
    compute_periods: Callable[[Collection[int], Sequence[tuple[date, date]]], list[dict[int, Any]]] | None = None

    def for_periods(self, facility_ids: Collection[int], periods: Sequence[tuple[date, date]]) -> list[dict[int, Any]]:
        """Each period's values: one query with `compute_periods`, else one per period."""
        if not periods:
            return []
        if self.compute_periods is not None:
            return self.compute_periods(facility_ids, periods)
        return [self.compute(facility_ids, start, end) for start, end in periods]


def one_period(
    compute_periods: Callable[[Collection[int], Sequence[tuple[date, date]]], list[dict[int, Any]]],
) -> Callable[[Collection[int], date, date], dict[int, Any]]:
    """A figure's `compute` from its `compute_periods`: the values of one period."""

    def compute(facility_ids: Collection[int], start: date, end: date) -> dict[int, Any]:
        return compute_periods(facility_ids, [(start, end)])[0]

    return compute


navigation: Registry[NavEntry] = Registry("navigation entry", namespaced=False)
cards: Registry[Card] = Registry("dashboard card")
timeline_kinds: Registry[TimelineKind] = Registry("timeline kind")
resident_groups: Registry[ResidentGroup] = Registry("resident group")
resident_sections: Registry[ResidentSection] = Registry("resident page section")
figures: Registry[Figure] = Registry("figure")
