"""Daily life, entitlements: who opens each URL."""

from datetime import date

from hoanhap.daily_life.access import AREAS
from hoanhap.daily_life.models import SupplyIssue

from ..route_rules import Rule, World

READ = AREAS["entitlements"].read
WRITE = AREAS["entitlements"].write

RULES: dict[str, Rule] = {
    "daily-life/supplies/sheet/": Rule(WRITE, writes=True),
    "daily-life/supplies/shortfalls/": Rule(READ),
    "daily-life/supplies/norms/": Rule(READ),
    "daily-life/supplies/residents/<int:supply_episode_id>/": Rule(READ, names_a_record=True),
    "daily-life/supplies/residents/<int:supply_episode_id>/issue/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/supplies/issues/<int:supply_issue_id>/correct/": Rule(WRITE, names_a_record=True, writes=True),
    "api/daily-life/entitlements/norms": Rule(READ),
    "api/daily-life/entitlements/episodes/<supply_episode_id>": Rule(READ, names_a_record=True),
    "api/daily-life/entitlements/sheet": Rule(WRITE, writes=True),
    "api/daily-life/entitlements/shortfalls": Rule(READ),
}


def parameters(world: World) -> dict[str, str]:
    """The area's records in facility A, named by the URL parameters its routes use."""
    issue = SupplyIssue.objects.create(
        facility=world.facility,
        resident=world.resident,
        episode=world.episode,
        item="hygiene",
        quantity=1,
        period=date(2026, 1, 1),
        issued_on=date(2026, 1, 5),
        issued_by=world.director,
    )
    return {"supply_episode_id": str(world.episode.pk), "supply_issue_id": str(issue.pk)}
