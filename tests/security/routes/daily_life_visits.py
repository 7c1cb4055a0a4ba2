"""Daily life, visits: who opens each URL."""

from datetime import datetime

from django.utils import timezone

from hoanhap.daily_life.access import AREAS
from hoanhap.daily_life.models import Visit

from ..route_rules import C, Rule, World

READ = AREAS["visits"].read
WRITE = frozenset({AREAS["visits"].write})

RULES: dict[str, Rule] = {
    "daily-life/visits/": Rule(READ),
    "daily-life/visits/export/": Rule(READ),
    "daily-life/visits/day/": Rule(READ),
    "daily-life/visits/book/": Rule(WRITE, writes=True),
    "daily-life/visits/book/residents/": Rule(WRITE),
    "daily-life/visits/<int:visit_id>/extend/": Rule(
        frozenset({C.APPROVE_DECISIONS}), names_a_record=True, writes=True
    ),
    "daily-life/visits/<int:visit_id>/check-in/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/visits/<int:visit_id>/check-out/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/visits/<int:visit_id>/cancel/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/visits/residents/<int:visits_resident_id>/": Rule(READ, names_a_record=True, writes=True),
    "daily-life/visits/parcels/": Rule(READ),
    "daily-life/visits/parcels/export/": Rule(READ),
    "api/daily-life/visits/day": Rule(READ),
    "api/daily-life/visits": Rule(WRITE, writes=True),
    "api/daily-life/visits/<visit_id>/check-in": Rule(WRITE, names_a_record=True, writes=True),
    "api/daily-life/visits/<visit_id>/check-out": Rule(WRITE, names_a_record=True, writes=True),
    "api/daily-life/visits/parcels": Rule(READ, writes=True),
    "api/daily-life/visits/ledger/<visits_resident_id>": Rule(READ, names_a_record=True, writes=True),
    "api/daily-life/visits/<visit_id>/cancel": Rule(WRITE, names_a_record=True, writes=True),
    "api/daily-life/visits/<visit_id>/extension": Rule(
        frozenset({C.APPROVE_DECISIONS}), names_a_record=True, writes=True
    ),
}


def parameters(world: World) -> dict[str, str]:
    """The area's records in facility A, named by the URL parameters its routes use."""
    start = timezone.make_aware(datetime(2026, 3, 2, 8, 0))
    visit = Visit.objects.create(
        facility=world.facility,
        resident=world.resident,
        episode=world.episode,
        starts_at=start,
        ends_at=start.replace(hour=10),
        booked_by=world.director,
    )
    return {"visit_id": str(visit.pk), "visits_resident_id": str(world.resident.pk)}
