"""Daily life, entitlements: benchmark rows — a zone's monthly sheet read (`zone_sheet`) and saved
(`save_supply_sheet`, every resident of the biggest zone given the month's food money and hygiene
set), and the facility's shortfall list, on the bench facility; writes rolled back."""

from __future__ import annotations

import time
from typing import Any

from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from bench import data
from bench.stats import summarise_ms, time_calls

from . import Measure


class _Rollback(Exception):
    pass


def _setup() -> tuple[Any, Any, int, Any]:
    from hoanhap.accounts.models import User
    from hoanhap.core import clock
    from hoanhap.core.models import Facility
    from hoanhap.residents.selectors import open_episodes

    actor = User.objects.get(username=data.staff_username(1))
    facility = Facility.objects.get(code=data.BENCH_FACILITY)
    # The zone holding the most residents in rehab.
    busiest = (
        open_episodes([facility.pk])
        .exclude(zone=None)
        .values("zone_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "zone_id")
        .first()
    )
    assert busiest is not None, "the bench facility has no resident placed in a zone"
    return actor, facility, busiest["zone_id"], clock.today().replace(day=1)


def sheet(quick: bool) -> dict[str, Any]:
    from hoanhap.daily_life.selectors.entitlements import shortfalls, zone_sheet
    from hoanhap.daily_life.services.entitlements import save_supply_sheet

    actor, facility, zone_id, month = _setup()
    runs = 5 if quick else 20
    read = lambda: zone_sheet(facility_id=facility.pk, zone_id=zone_id, month=month)  # noqa: E731
    rows = read()
    with CaptureQueriesContext(connection) as queries:
        read()
    read_ms = summarise_ms(time_calls(read, runs=runs))
    shortfall_ms = summarise_ms(
        time_calls(lambda: shortfalls(facility_ids=[facility.pk], month=month), runs=max(runs // 4, 2))
    )
    saved: list[float] = []
    lines = {(row.pk, item): row.cells[item].left for row in rows for item in ("food", "hygiene") if item in row.cells}
    for _ in range(max(runs // 4, 2)):
        try:
            with transaction.atomic():
                started = time.perf_counter()
                save_supply_sheet(
                    actor=actor,
                    facility_id=facility.pk,
                    zone_id=zone_id,
                    month=month,
                    issued_on=month,
                    quantities={key: value for key, value in lines.items() if value},
                )
                saved.append(time.perf_counter() - started)
                raise _Rollback
        except _Rollback:
            pass
    return {
        **read_ms,
        "queries": len(queries.captured_queries),
        "residents": len(rows),
        "saved": summarise_ms(saved),
        "shortfalls": shortfall_ms,
        "baseline": "the grading sheet's save (residents.grading)",
    }


MEASURES: list[Measure] = [
    Measure(
        key="daily_life.supply_sheet",
        what="Monthly supply sheet of the biggest zone: read; saved (food, hygiene); the facility's shortfalls",
        floor_ms=300,
        run=sheet,
    ),
]
