from datetime import date

import pytest

from hoanhap.daily_life.models import WorkTeam
from hoanhap.testing import make_episode, make_resident


@pytest.fixture
def team(facility, team_leader):  # type: ignore[no-untyped-def]
    return WorkTeam.objects.create(facility=facility, name="Tổ rau", leader=team_leader, default_task="Trồng rau")


@pytest.fixture
def worker(facility):  # type: ignore[no-untyped-def]
    """A resident in rehab since 05/01/2026."""
    resident = make_resident(facility, "Trần Văn An")
    make_episode(resident, admitted_on=date(2026, 1, 5))
    return resident
