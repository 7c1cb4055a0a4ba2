"""Daily life in the demo, labour: four work teams at facility 1 (25–40 members each, led by
"todoi"), their work logs for the past five weeks on weekdays (4 to 8 hours, never on a day the
resident was away), vegetables, fish and pork sent to the kitchen; one team at each other facility."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from hoanhap.daily_life.models import Produce, TeamMembership, WorkLog, WorkTeam
from hoanhap.residents import selectors as residents

if TYPE_CHECKING:
    from . import DemoWorld

TEAMS = (
    ("Tổ trồng rau", "Trồng và chăm sóc rau", "kg rau"),
    ("Tổ chăn nuôi", "Cho lợn ăn, dọn chuồng", ""),
    ("Tổ nuôi cá", "Cho cá ăn, vệ sinh ao", ""),
    ("Tổ may mặc", "May quần áo bảo hộ", "sản phẩm"),
)
WEEKS = 5
HOURS = [Decimal(h) for h in ("4", "4", "4", "5", "6", "6.5", "7", "7.5", "8")]


def seed(world: DemoWorld) -> int:
    if not world.facilities:
        return 0
    rng, today = world.rng, world.today
    leader = world.staff.get("todoi")
    home = world.facilities[0]
    teams = WorkTeam.objects.bulk_create(
        [WorkTeam(facility=home, name=name, default_task=task, leader=leader) for name, task, _unit in TEAMS]
        + [WorkTeam(facility=f, name="Tổ lao động 1", default_task="Lao động sản xuất") for f in world.facilities[1:]]
    )
    start = today - timedelta(weeks=WEEKS)
    start -= timedelta(days=start.weekday())
    episodes = list(residents.open_episodes([home.pk], present_only=True).order_by("pk"))
    rng.shuffle(episodes)
    memberships, logs = [], []
    away = residents.absences_between([e.pk for e in episodes], start, today)
    for team, (_name, task, unit) in zip(teams, TEAMS, strict=False):
        size = rng.randint(25, 40)
        members, episodes = episodes[:size], episodes[size:]
        for episode in members:
            joined = max(episode.admitted_on, start)
            memberships.append(
                TeamMembership(
                    facility=home, team=team, resident_id=episode.resident_id, episode=episode, joined_on=joined
                )
            )
            usual = rng.choice(HOURS)
            for n in range((today - joined).days + 1):
                day = joined + timedelta(days=n)
                if day.weekday() >= 5 or rng.random() < 0.05 or _away(away.get(episode.pk, []), day):
                    continue
                hours = usual if rng.random() < 0.8 else rng.choice(HOURS)
                logs.append(
                    WorkLog(
                        facility=home,
                        resident_id=episode.resident_id,
                        episode=episode,
                        team=team,
                        worked_on=day,
                        task=task,
                        hours=hours,
                        output=f"{rng.randint(5, 30)} {unit}" if unit and rng.random() < 0.3 else "",
                        recorded_by=leader or world.staff[next(iter(world.staff))],
                    )
                )
    TeamMembership.objects.bulk_create(memberships, batch_size=1000)
    WorkLog.objects.bulk_create(logs, batch_size=2000)
    produce = []
    kinds = ((Produce.Item.VEGETABLES, 20, 80, 0), (Produce.Item.FISH, 5, 25, 2), (Produce.Item.PORK, 30, 90, 1))
    recorder = leader or world.staff[next(iter(world.staff))]
    for week in range(WEEKS):
        for item, low, high, team_index in kinds:
            day = start + timedelta(weeks=week, days=rng.randint(0, 4))
            if day > today:
                continue
            produce.append(
                Produce(
                    facility=home,
                    team=teams[team_index],
                    produced_on=day,
                    item=item,
                    quantity=Decimal(rng.randint(low, high)),
                    unit="kg",
                    sent_to_kitchen_on=day,
                    received_by="Bếp ăn tập thể",
                    recorded_by=recorder,
                )
            )
    Produce.objects.bulk_create(produce)
    return len(teams) + len(memberships) + len(logs) + len(produce)


def _away(periods: list[tuple[date, date | None]], day: date) -> bool:
    return any(start <= day and (end is None or day < end) for start, end in periods)
