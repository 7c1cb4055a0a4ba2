"""The resident-page bench row runs (against a small stand-in for the bench database) and leaves
nothing behind."""

from datetime import date

import pytest

from bench import data
from bench.daily_life.resident_page import measure_resident_page
from hoanhap.accounts.roles import Role
from hoanhap.daily_life.models import WorkLog
from hoanhap.residents.models import TimelineEvent
from hoanhap.testing import make_episode, make_facility, make_resident, make_user

pytestmark = pytest.mark.django_db


def test_five_years_of_daily_life_are_added_measured_and_rolled_back(today):
    today.set(date(2026, 3, 2))
    facility = make_facility(data.BENCH_FACILITY, "Bench")
    make_user(Role.DIRECTOR, facility, username=data.DIRECTOR_USER)
    long = make_resident(facility, "Nguyễn Văn Dài")
    make_episode(long, admitted_on=date(2022, 3, 1))
    make_episode(make_resident(facility, "Lê Văn Ngắn"), admitted_on=date(2026, 2, 1))
    TimelineEvent.objects.create(facility=facility, resident=long, kind="work_hours", occurred_on=date(2022, 3, 7))
    result = measure_resident_page(True)
    assert result["median"] > 0 and result["queries"] > 0
    # Constant queries: the five-year page reads as many as a new resident's.
    assert f"queries {result['queries']} (a new resident's page: {result['queries']})" in result["baseline"]
    assert not WorkLog.objects.exists()
    assert TimelineEvent.objects.count() == 1
