"""Annual plans' benchmark rows (`make bench`, part "plans"): the plan page of the bench facility
(bench/data.py: a facility with years of admissions, completions and abscondences), its plan for
this year holding a target for every figure of the registry, read by its director. The page
computes each figure for the year and for each month begun: a fixed number of queries, whatever
the records (`queries` in the row). Each run is rolled back, like `measure_grading`."""

from __future__ import annotations

import time
from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from .daily_life import Measure


class _Rollback(Exception):
    pass


def measure_plan_page(quick: bool) -> dict[str, Any]:
    from hoanhap.accounts.models import Membership, User
    from hoanhap.accounts.roles import Role
    from hoanhap.core import clock, registry
    from hoanhap.core.models import Facility
    from hoanhap.plans.models import AnnualPlan, Target
    from hoanhap.testing import verified_client_for

    from . import data
    from .stats import summarise_ms

    repeats = 5 if quick else 20
    times: list[float] = []
    queries = 0
    try:
        with transaction.atomic():
            facility = Facility.objects.get(code=data.BENCH_FACILITY)
            director = User.objects.get(username=data.staff_username(1))
            Membership.objects.get_or_create(user=director, facility=facility, role=Role.DIRECTOR)
            AnnualPlan.objects.filter(facility=facility, year=clock.today().year).delete()
            plan = AnnualPlan.objects.create(facility=facility, year=clock.today().year)
            Target.objects.bulk_create(
                Target(plan=plan, facility=facility, figure=figure.key, planned=100) for figure in registry.figures
            )
            client = verified_client_for(director)
            client.defaults["HTTP_HOST"] = "127.0.0.1"  # the production settings' allowed host
            for _ in range(repeats):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(f"/plans/{plan.pk}/")
                    times.append(time.perf_counter() - started)
                assert response.status_code == 200, response.status_code
                queries = len(captured.captured_queries)
            raise _Rollback
    except _Rollback:
        pass
    return {**summarise_ms(times), "queries": queries, "baseline": "new"}


MEASURES: list[Measure] = [
    Measure(
        key="plans.plan_page",
        what="A facility's plan page: every figure of the registry, the year to date and month by month",
        floor_ms=100,
        run=measure_plan_page,
    ),
]


def measure_all(quick: bool) -> dict[str, dict[str, Any]]:
    results = {}
    for measure in MEASURES:
        print(f"  {measure.key} …", flush=True)
        results[measure.key] = {"what": measure.what, "floor_ms": measure.floor_ms, **measure.run(quick)}
    return results
