"""A module as a newcomer adds one (docs/architecture.md): everything it brings is declared here,
and no file outside this folder is edited. The test calls `ready()` itself, as Django would for an
installed app, and takes the registrations back afterwards."""

from django.apps import AppConfig

from hoanhap.audit import events
from hoanhap.core import registry

from . import cards

EVENT = "throwaway.visit_logged"


class ThrowawayConfig(AppConfig):
    name = "tests.architecture.throwaway"
    label = "throwaway"

    def ready(self) -> None:
        registry.navigation.register(
            registry.NavEntry(
                slug="throwaway",
                title="Throw-away module",
                icon="box",
                capabilities=frozenset({"oversee_facility"}),
                url_name=None,
                description="Proves a module plugs in without editing the kernel.",
                order=99,
            )
        )
        registry.cards.register(
            registry.Card(
                key="throwaway.visits",
                title="Visits logged",
                capabilities=frozenset({"oversee_facility"}),
                template="throwaway/card.html",
                context=cards.visits_card,
            )
        )
        registry.timeline_kinds.register(registry.TimelineKind(EVENT, "Visit logged"))
        events.register(EVENT, "Visit logged")
        registry.resident_sections.register(
            registry.ResidentSection(
                key="throwaway.next_visit",
                title="Next visit",
                capabilities=frozenset({"oversee_facility"}),
                template="throwaway/next_visit.html",
                context=cards.next_visit,
            )
        )

    def unready(self) -> None:
        registry.navigation.unregister("throwaway")
        registry.cards.unregister("throwaway.visits")
        registry.timeline_kinds.unregister(EVENT)
        events.kinds.unregister(EVENT)
        registry.resident_sections.unregister("throwaway.next_visit")
