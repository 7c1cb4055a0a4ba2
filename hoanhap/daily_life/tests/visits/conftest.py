from datetime import datetime

import pytest
from django.utils import timezone

from hoanhap.daily_life.services.visits import VisitorData
from hoanhap.testing import make_episode, make_resident


@pytest.fixture
def episode(facility):  # type: ignore[no-untyped-def]
    return make_episode(make_resident(facility, "Trần Văn Bình"))


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, hour, minute))


def family(count: int = 2) -> list[VisitorData]:
    people = [
        VisitorData("Trần Thị Lan", "001190001234", "mother"),
        VisitorData("Trần Văn Nam", "001190005678", "sibling"),
        VisitorData("Lê Thị Hoa", "C1234567", "spouse"),
        VisitorData("Trần Văn Tú", "001190009999", "child"),
    ]
    return people[:count]
