"""Registries refuse what would fail silently: a key twice, a key without its app, an unknown key."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from hoanhap.core import registry
from hoanhap.core.registry import AlreadyRegistered, NotRegistered, Registry, TimelineKind


def test_a_kind_registered_twice_is_refused():
    kinds: Registry[TimelineKind] = Registry("timeline kind")
    kinds.register(TimelineKind("care.dose_given", "Dose given"))
    with pytest.raises(AlreadyRegistered, match=r"care\.dose_given"):
        kinds.register(TimelineKind("care.dose_given", "Another label"))


@pytest.mark.parametrize("key", ["dose_given", "Care.Dose", "care.", ".dose", "care.dose.given", "care dose"])
def test_a_kind_must_be_namespaced_by_its_app(key):
    with pytest.raises(ImproperlyConfigured, match="namespaced"):
        kinds: Registry[TimelineKind] = Registry("timeline kind")
        kinds.register(TimelineKind(key, "label"))


def test_reading_an_unregistered_kind_raises():
    with pytest.raises(NotRegistered, match=r"care\.unknown"):
        Registry("timeline kind").get("care.unknown")


def test_items_come_in_their_declared_order_then_in_registration_order():
    entries: Registry[registry.NavEntry] = Registry("navigation entry", namespaced=False)
    for slug, order in [("late", 90), ("first", 10), ("second", 10)]:
        entries.register(registry.NavEntry(slug, slug, "x", frozenset(), None, order=order))
    assert entries.keys() == ["first", "second", "late"]


def test_unregister_removes_a_kind_and_refuses_an_unknown_one():
    kinds: Registry[TimelineKind] = Registry("timeline kind")
    kinds.register(TimelineKind("care.dose_given", "Dose given"))
    kinds.unregister("care.dose_given")
    assert "care.dose_given" not in kinds
    with pytest.raises(NotRegistered):
        kinds.unregister("care.dose_given")


def test_every_installed_app_registers_its_residents_kinds_and_navigation_at_start_up():
    assert "residents.admitted" in registry.timeline_kinds
    assert {"residents", "audit", "users"} <= set(registry.navigation.keys())
    assert {"residents.census", "audit.recent", "accounts.figures"} <= set(registry.cards.keys())
