"""Daily life in the demo, entitlements: what the resident manager issued these last months at
facility 1 (the month before last and last month nearly all, this month what the first days allow),
with a few shortfalls left for the list to flag; last month at the other facilities, less complete."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from hoanhap.daily_life.models import SupplyIssue
from hoanhap.daily_life.rules.entitlements import Period
from hoanhap.daily_life.selectors.entitlements import entitlement_rows, sheet_episodes

if TYPE_CHECKING:
    from . import DemoWorld


def _month_before(month: date) -> date:
    return (month - timedelta(days=1)).replace(day=1)


def seed(world: DemoWorld) -> int:
    this_month = world.today.replace(day=1)
    last_month = _month_before(this_month)
    plan = [
        (world.facilities[0], month, miss) for month, miss in ((_month_before(last_month), 0.03), (last_month, 0.06))
    ]
    plan.append((world.facilities[0], this_month, 0.0))
    plan += [(facility, last_month, 0.15) for facility in world.facilities[1:]]
    manager = world.staff.get("quanly") or next(iter(world.staff.values()))
    issued: dict[tuple[int, str, date], int] = {}  # what the plan already gave, across its months
    rows: list[SupplyIssue] = []
    for facility, month, miss in plan:
        issued_on = min(month + timedelta(days=4), world.today)
        current = month == this_month
        for row in entitlement_rows(sheet_episodes(facility_ids=[facility.pk], month=month), month):
            for item, cell in row.cells.items():
                # This month: the food money and hygiene set are handed out in the first days; the rest later.
                if current and (world.today.day < 3 or item not in ("food", "hygiene")):
                    continue
                key = (row.pk, item, cell.due.period)
                left = cell.due.quantity - issued.get(key, 0)
                if left <= 0 or world.rng.random() < miss:
                    continue
                if cell.due.norm.period == Period.YEAR and cell.due.quantity > 1 and world.rng.random() < 0.1:
                    left -= 1  # one set short: out of stock that week
                if left <= 0:
                    continue
                issued[key] = issued.get(key, 0) + left
                rows.append(
                    SupplyIssue(
                        facility_id=facility.pk,
                        resident_id=row.episode.resident_id,
                        episode_id=row.pk,
                        item=item,
                        quantity=left,
                        period=cell.due.period,
                        issued_on=min(max(issued_on, row.episode.admitted_on), world.today),
                        issued_by=manager,
                    )
                )
    SupplyIssue.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
