"""The demo's supplies: the last months issued at facility 1, with a few shortfalls to flag."""

import time
from datetime import date

import pytest

from hoanhap.core.models import Facility
from hoanhap.daily_life.models import SupplyIssue
from hoanhap.daily_life.selectors.entitlements import shortfalls
from hoanhap.demo.generator import generate

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


def test_the_demo_issues_the_last_months_and_leaves_a_few_shortfalls(monkeypatch):
    from hoanhap.demo.daily_life import entitlements

    took = []
    seed = entitlements.seed

    def timed(world):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        written = seed(world)
        took.append(time.perf_counter() - started)
        return written

    monkeypatch.setattr(entitlements, "seed", timed)
    generate(seed=7, residents=40, today=TODAY)
    first = Facility.objects.order_by("pk")[0]
    months = set(SupplyIssue.objects.filter(facility=first).values_list("period", flat=True))
    assert {date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)} <= months
    assert not SupplyIssue.objects.filter(issued_on__gt=TODAY).exists()
    last_month = shortfalls(facility_ids=[first.pk], month=date(2026, 10, 1))
    assert len(last_month) > 0
    assert took and took[0] < 3
