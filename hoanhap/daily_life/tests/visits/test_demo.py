"""The demo's visits keep the rules the services enforce: the gate has visits today at facility 1."""

import time
from collections import Counter
from datetime import date

import pytest
from django.utils import timezone

from hoanhap.daily_life.models import Deposit, Visit
from hoanhap.daily_life.rules.visits import week_of
from hoanhap.demo.generator import generate

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)


def test_the_demo_books_today_and_keeps_every_rule():
    started = time.monotonic()
    generate(seed=3, residents=120, today=TODAY)
    assert time.monotonic() - started < 60
    visits = list(Visit.objects.prefetch_related("visitors").order_by("pk"))
    todays = [v for v in visits if timezone.localtime(v.starts_at).date() == TODAY]
    assert len([v for v in todays if v.facility.code == visits[0].facility.code]) >= 5
    assert all(1 <= len(v.visitors.all()) <= 3 for v in visits)
    weeks = Counter(
        (v.resident_id, week_of(timezone.localtime(v.starts_at).date()))
        for v in visits
        if v.kind == Visit.Kind.ORDINARY and v.status != Visit.Status.CANCELLED
    )
    assert max(weeks.values()) == 1
    balances: dict[int, int] = {}
    for movement in Deposit.objects.order_by("pk"):
        before = balances.get(movement.resident_id, 0)
        change = movement.amount if movement.kind == Deposit.Kind.DEPOSIT else -movement.amount
        assert movement.balance_after == before + change >= 0
        balances[movement.resident_id] = movement.balance_after
