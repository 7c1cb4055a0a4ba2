"""Daily life, visits: benchmark rows. The gate's day: 40 visits booked today at the bench
facility, two visitors each, read by a visit officer; written and rolled back inside the measure."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from . import Measure

VISITS_TODAY = 40


class _Rollback(Exception):
    pass


def measure_gate_day(quick: bool) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from bench import data
    from bench.stats import summarise_ms, time_calls
    from hoanhap.accounts.models import Membership, User
    from hoanhap.accounts.roles import Role
    from hoanhap.core.models import Facility
    from hoanhap.daily_life.models import Visit, Visitor
    from hoanhap.residents.selectors import open_episodes

    result: dict[str, Any] = {}
    facility = Facility.objects.get(code=data.BENCH_FACILITY)
    officer = User.objects.get(username=data.staff_username(1))
    today = timezone.localdate()
    try:
        with transaction.atomic():
            Membership.objects.create(user=officer, facility=facility, role=Role.VISIT_OFFICER)
            episodes = list(open_episodes([facility.pk], present_only=True).order_by("pk")[:VISITS_TODAY])
            start = timezone.make_aware(datetime.combine(today, time(7, 0)))
            visits = Visit.objects.bulk_create(
                Visit(
                    facility=facility,
                    resident_id=episode.resident_id,
                    episode=episode,
                    starts_at=start + timedelta(minutes=15 * n),
                    ends_at=start + timedelta(minutes=15 * n + 90),
                    booked_by=officer,
                )
                for n, episode in enumerate(episodes)
            )
            Visitor.objects.bulk_create(
                Visitor(
                    facility=facility,
                    visit=visit,
                    full_name=f"Người thân {n}",
                    id_number=f"0011900{n:05d}",
                    relation="mother" if n % 2 else "sibling",
                )
                for visit in visits
                for n in range(2)
            )
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(officer)
            url = f"/daily-life/visits/day/?on={today.isoformat()}"

            def get() -> None:
                response = client.get(url)
                assert response.status_code == 200, response.status_code

            get()
            queries: list[str] = []

            def count(execute: Any, sql: str, *args: Any) -> Any:
                queries.append(sql)
                return execute(sql, *args)

            with connection.execute_wrapper(count):
                get()
            result = {
                **summarise_ms(time_calls(get, runs=10 if quick else 50)),
                "queries": len(queries),
                "visits": len(visits),
                "baseline": f"{len(visits)} visits, 2 visitors each",
            }
            raise _Rollback
    except _Rollback:
        pass
    return result


MEASURES: list[Measure] = [
    Measure(
        key="daily_life.visits_gate_day",
        what="a day's visit schedule at the gate",
        floor_ms=50,
        run=measure_gate_day,
    ),
]
