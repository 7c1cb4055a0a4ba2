"""Daily life in the demo, visits: a month of family visits (one a calendar week at most, 1–2
hours, 1–3 relatives each identified), a few spouse's stays, about ten visits booked for today at
the gate of facility 1, parcels inspected, and the money kept for some residents. Synthetic."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from hoanhap.daily_life.models import Deposit, Parcel, Visit, Visitor
from hoanhap.residents.selectors import open_episodes

if TYPE_CHECKING:
    from random import Random

    from hoanhap.accounts.models import User
    from hoanhap.core.models import Facility
    from hoanhap.residents.models import Episode

    from . import DemoWorld

FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN_NAMES = ("Thị Lan", "Thị Hoa", "Văn Nam", "Thị Mai", "Văn Tùng", "Thị Hằng", "Văn Hải", "Thị Thu", "Văn Dũng")
RELATIONS = ("mother", "father", "sibling", "child", "grandparent", "other")
WOMEN_RELATIONS = ("mother", "sibling", "child", "grandparent", "other")
MEN_RELATIONS = ("father", "sibling", "child", "grandparent", "other")
ITEMS = ("Sữa, bánh quy, mì tôm", "Quần áo, khăn mặt, bàn chải", "Hoa quả, đường sữa", "Thuốc bổ, kem đánh răng")
REFUSED = (("Thuốc lá, bật lửa", "Thuốc lá, bật lửa: vật cấm mang vào cơ sở"), ("Rượu", "Đồ uống có cồn: cấm"))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _person(rng: Random) -> str:
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)}"


def _relative(rng: Random) -> tuple[str, str, str]:
    """A relative: a name, a citizen ID number, and a relation that fits the name (Thị: a woman)."""
    name = _person(rng)
    return name, _id_number(rng), rng.choice(WOMEN_RELATIONS if " Thị " in name else MEN_RELATIONS)


def _id_number(rng: Random) -> str:
    return f"0{rng.randrange(10**10, 10**11)}"


class _Batch:
    def __init__(self) -> None:
        self.visits: list[Visit] = []
        self.visitors: list[list[tuple[str, str, str]]] = []

    def add(self, visit: Visit, people: list[tuple[str, str, str]]) -> None:
        self.visits.append(visit)
        self.visitors.append(people)

    def save(self) -> int:
        saved = Visit.objects.bulk_create(self.visits, batch_size=500)
        rows = [
            Visitor(facility_id=visit.facility_id, visit=visit, full_name=name, id_number=number, relation=relation)
            for visit, people in zip(saved, self.visitors, strict=True)
            for name, number, relation in people
        ]
        Visitor.objects.bulk_create(rows, batch_size=1000)
        return len(saved) + len(rows)


def _visits(
    rng: Random, batch: _Batch, facility: Facility, episodes: list[Episode], officer: User, today: date, todays: int
) -> None:
    monday = today - timedelta(days=today.weekday())
    for episode in episodes:
        family = [_relative(rng) for _ in range(3)]
        for weeks_back in range(1, 5):  # the four calendar weeks before this one
            if rng.random() > 0.5:
                continue
            day = monday - timedelta(days=7 * weeks_back - rng.randrange(7))
            start = _at(day, rng.choice((7, 8, 9, 10, 13, 14, 15)), rng.choice((0, 30)))
            status = Visit.Status.CANCELLED if rng.random() < 0.08 else Visit.Status.DONE
            visit = Visit(
                facility=facility,
                resident_id=episode.resident_id,
                episode=episode,
                starts_at=start,
                ends_at=start + timedelta(minutes=rng.choice((60, 90, 120))),
                status=status,
                booked_by=officer,
                checked_in_at=start if status == Visit.Status.DONE else None,
                checked_out_at=start + timedelta(hours=1) if status == Visit.Status.DONE else None,
            )
            batch.add(visit, family[: rng.randint(1, 3)])
    # A few spouse's stays last month (once a calendar month, up to 48 hours).
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=10)
    for episode in episodes[:: max(1, len(episodes) // 3)][:3]:
        start = _at(last_month, 8)
        batch.add(
            Visit(
                facility=facility,
                resident_id=episode.resident_id,
                episode=episode,
                kind=Visit.Kind.SPOUSE_STAY,
                starts_at=start,
                ends_at=start + timedelta(hours=48),
                status=Visit.Status.DONE,
                booked_by=officer,
            ),
            [(_person(rng), _id_number(rng), "spouse")],
        )
    # Today's gate: residents with no visit yet this week, from 07:30 every half hour.
    booked_this_week = {
        visit.resident_id for visit in batch.visits if visit.starts_at >= _at(monday, 0) and visit.facility == facility
    }
    free = [episode for episode in episodes if episode.resident_id not in booked_this_week]
    for index, episode in enumerate(rng.sample(free, min(todays, len(free)))):
        start = _at(today, 7, 30) + timedelta(minutes=30 * index)
        people = [_relative(rng) for _ in range(rng.randint(1, 3))]
        batch.add(
            Visit(
                facility=facility,
                resident_id=episode.resident_id,
                episode=episode,
                starts_at=start,
                ends_at=start + timedelta(hours=rng.choice((1, 2))),
                status=Visit.Status.BOOKED,
                booked_by=officer,
            ),
            people,
        )


def _parcels(rng: Random, facility: Facility, episodes: list[Episode], officer: User, today: date) -> list[Parcel]:
    parcels = []
    for episode in rng.sample(episodes, min(len(episodes), 30)):
        refused = rng.random() < 0.15
        items, reason = rng.choice(REFUSED) if refused else (rng.choice(ITEMS), "")
        parcels.append(
            Parcel(
                facility=facility,
                resident_id=episode.resident_id,
                received_on=today - timedelta(days=rng.randrange(28)),
                handed_in_by=_person(rng),
                handed_in_relation=rng.choice(RELATIONS),
                items=items,
                status=Parcel.Status.REFUSED if refused else Parcel.Status.ACCEPTED,
                refusal_reason=reason,
                inspected_by=officer,
            )
        )
    return parcels


def _ledgers(rng: Random, facility: Facility, episodes: list[Episode], officer: User, today: date) -> list[Deposit]:
    movements = []
    for episode in rng.sample(episodes, min(len(episodes), max(1, len(episodes) * 2 // 5))):
        balance = 0
        for step in range(rng.randint(1, 5)):
            day = today - timedelta(days=35 - step * 7)
            if balance and rng.random() < 0.4:
                amount = rng.randrange(1, balance // 10_000 + 1) * 10_000
                kind, balance = Deposit.Kind.WITHDRAWAL, balance - amount
                reason = "Mua đồ dùng cá nhân tại căng tin"
            else:
                amount = rng.choice((200_000, 300_000, 500_000, 1_000_000))
                kind, balance = Deposit.Kind.DEPOSIT, balance + amount
                reason = "Gia đình gửi khi thăm gặp"
            movements.append(
                Deposit(
                    facility=facility,
                    resident_id=episode.resident_id,
                    kind=kind,
                    amount=amount,
                    balance_after=balance,
                    occurred_on=day,
                    reason=reason,
                    recorded_by=officer,
                )
            )
    return movements


def seed(world: DemoWorld) -> int:
    rng = world.rng
    officer = world.staff.get("thamgap") or world.staff["giamdoc"]
    batch = _Batch()
    parcels: list[Parcel] = []
    movements: list[Deposit] = []
    for number, facility in enumerate(world.facilities):
        episodes = list(open_episodes([facility.pk], present_only=True).order_by("pk"))
        if not episodes:
            continue
        if number:  # a little at the other facilities
            episodes = episodes[:15]
        _visits(rng, batch, facility, episodes, officer, world.today, todays=10 if number == 0 else 3)
        if number == 0:
            parcels += _parcels(rng, facility, episodes, officer, world.today)
            movements += _ledgers(rng, facility, episodes, officer, world.today)
    written = batch.save()
    Parcel.objects.bulk_create(parcels, batch_size=1000)
    Deposit.objects.bulk_create(movements, batch_size=1000)
    return written + len(parcels) + len(movements)
