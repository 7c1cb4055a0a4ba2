"""Daily life, labour: who opens each URL."""

from datetime import date
from decimal import Decimal

from hoanhap.daily_life.access import AREAS
from hoanhap.daily_life.models import TeamMembership, WorkLog, WorkTeam

from ..route_rules import C, Rule, World  # noqa: F401

READ, WRITE = AREAS["labour"].read, frozenset({AREAS["labour"].write})

RULES: dict[str, Rule] = {
    "daily-life/labour/teams/": Rule(READ),
    "daily-life/labour/teams/new/": Rule(WRITE, writes=True),
    "daily-life/labour/teams/<int:team_id>/": Rule(READ, names_a_record=True),
    "daily-life/labour/teams/<int:team_id>/edit/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/labour/teams/<int:team_id>/members/add/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/labour/teams/<int:team_id>/sheet/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/labour/memberships/<int:membership_id>/remove/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/labour/logs/<int:work_log_id>/edit/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/labour/residents/<int:labour_resident_id>/hours/": Rule(READ, names_a_record=True),
    "daily-life/labour/logs/": Rule(READ),
    "daily-life/labour/logs/export/": Rule(READ),
    "daily-life/labour/produce/": Rule(READ),
    "daily-life/labour/produce/export/": Rule(READ),
    "daily-life/labour/produce/new/": Rule(WRITE, writes=True),
    "api/daily-life/labour/teams": Rule(READ),
    "api/daily-life/labour/teams/<team_id>": Rule(READ, names_a_record=True),
    "api/daily-life/labour/teams/<team_id>/days/<day>": Rule(WRITE, names_a_record=True, writes=True),
    "api/daily-life/labour/totals": Rule(READ, may_be_missing=True),
    "api/daily-life/labour/residents/<labour_resident_id>/weeks": Rule(READ, may_be_missing=True),
    "api/daily-life/labour/produce": Rule(READ, writes=True),
    "api/daily-life/labour/teams/<team_id>/members": Rule(WRITE, names_a_record=True, writes=True),
    "api/daily-life/labour/memberships/<membership_id>/remove": Rule(WRITE, names_a_record=True, writes=True),
    "api/daily-life/labour/logs": Rule(READ),
    "api/daily-life/labour/logs/<work_log_id>": Rule(WRITE, names_a_record=True),
}


def parameters(world: World) -> dict[str, str]:
    """The area's records in facility A, named by the URL parameters its routes use."""
    team = WorkTeam.objects.create(facility=world.facility, name="Tổ rau (route test)", default_task="Trồng rau")
    membership = TeamMembership.objects.create(
        facility=world.facility, team=team, resident=world.resident, episode=world.episode, joined_on=date(2026, 1, 5)
    )
    log = WorkLog.objects.create(
        facility=world.facility,
        resident=world.resident,
        episode=world.episode,
        team=team,
        worked_on=date(2026, 1, 6),
        task="Trồng rau",
        hours=Decimal(4),
        recorded_by=world.director,
    )
    return {
        "team_id": str(team.pk),
        "membership_id": str(membership.pk),
        "work_log_id": str(log.pk),
        "labour_resident_id": str(world.resident.pk),
        "day": "2026-01-06",
    }
