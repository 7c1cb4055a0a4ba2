"""The demo's labour data keeps the law: no day over 8 h, no calendar week over 48 h, no day away."""

import time
from datetime import date

import pytest
from django.db.models import Sum
from django.db.models.functions import TruncWeek

from hoanhap.daily_life.models import Produce, TeamMembership, WorkLog, WorkTeam
from hoanhap.demo.generator import generate

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_teams_logs_and_produce_within_the_caps():
    started = time.monotonic()
    generate(seed=3, residents=300, today=date(2026, 11, 26))
    assert time.monotonic() - started < 120
    assert WorkTeam.objects.filter(name="Tổ trồng rau").exists()
    assert TeamMembership.objects.count() >= 25
    assert WorkLog.objects.exists() and Produce.objects.exists()
    assert not WorkLog.objects.filter(hours__gt=8).exists()
    weeks = WorkLog.objects.annotate(week=TruncWeek("worked_on")).values("resident_id", "week").annotate(t=Sum("hours"))
    assert max(row["t"] for row in weeks) <= 48
    assert not WorkLog.objects.filter(worked_on__week_day__in=(1, 7)).exists()  # weekdays only
