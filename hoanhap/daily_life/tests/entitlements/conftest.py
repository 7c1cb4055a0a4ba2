from datetime import date

import pytest

from hoanhap.core.models import Zone
from hoanhap.testing import make_episode, make_resident


@pytest.fixture
def zone(facility):  # type: ignore[no-untyped-def]
    return Zone.objects.create(facility=facility, name="Khu A")


@pytest.fixture
def women_zone(facility):  # type: ignore[no-untyped-def]
    return Zone.objects.create(facility=facility, name="Khu nữ", kind=Zone.Kind.WOMEN)


@pytest.fixture
def hung(facility, zone):  # type: ignore[no-untyped-def]
    """A man admitted on 05/01/2026, in zone A: his episode."""
    return make_episode(make_resident(facility, "Nguyễn Văn Hùng"), zone=zone, admitted_on=date(2026, 1, 5))


@pytest.fixture
def an(facility, zone):  # type: ignore[no-untyped-def]
    return make_episode(make_resident(facility, "Trần Văn An"), zone=zone, admitted_on=date(2025, 11, 3))


@pytest.fixture
def lan(facility, women_zone):  # type: ignore[no-untyped-def]
    return make_episode(
        make_resident(facility, "Lê Thị Lan", sex="female"), zone=women_zone, admitted_on=date(2025, 12, 1)
    )
