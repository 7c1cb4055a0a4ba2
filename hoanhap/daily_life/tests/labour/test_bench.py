"""The bench row runs (against a small stand-in for the bench database)."""

from datetime import date

import pytest

from bench import data
from bench.daily_life.labour import measure_week_of_work
from hoanhap.accounts.roles import Role
from hoanhap.daily_life.models import WorkLog
from hoanhap.testing import make_episode, make_facility, make_resident, make_user

pytestmark = pytest.mark.django_db


def test_the_week_of_work_bench_saves_and_rolls_back():
    facility = make_facility(data.BENCH_FACILITY, "Bench")
    make_user(Role.RESIDENT_MANAGER, facility, username=data.staff_username(1))
    for n in range(40):
        make_episode(make_resident(facility, f"Học viên {n}"), admitted_on=date(2026, 1, 5))
    result = measure_week_of_work(True)
    assert result["team_size"] == 40 and result["runs"] == 3 and result["median"] > 0
    assert not WorkLog.objects.exists()
    print(result)
