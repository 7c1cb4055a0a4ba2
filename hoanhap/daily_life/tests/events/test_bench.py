"""The benchmark's measures run (on a small setup: the bench facility's code, a few residents)."""

import pytest

from bench import data
from bench.daily_life import events as bench
from hoanhap.accounts.roles import Role
from hoanhap.testing import make_episode, make_resident, make_user

pytestmark = pytest.mark.django_db


def test_the_events_measures_run_and_roll_back(facility, today):
    facility.code = data.BENCH_FACILITY
    facility.save()
    make_user(Role.RESIDENT_MANAGER, facility, username=data.staff_username(1))
    for n in range(3):
        make_episode(make_resident(facility, f"Học viên {n}"))
    result = bench.measure_participants(True)
    assert result["participants"] == 3 and result["runs"] == 3
    assert bench.measure_event_list(True)["runs"] == 5
    from hoanhap.daily_life.models import Event

    assert not Event.objects.exists()
