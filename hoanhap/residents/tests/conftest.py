import pytest

from hoanhap.accounts.roles import Role
from hoanhap.core.models import Zone
from hoanhap.testing import make_facility, make_user

from .builders import make_room, make_zone


@pytest.fixture(autouse=True)
def _messages_in_english(english_messages):  # type: ignore[no-untyped-def]
    """These tests read the rules' messages by their English source text (root conftest)."""


@pytest.fixture
def manager(facility):  # type: ignore[no-untyped-def]
    """A resident manager: reads and writes residents, sees legal data, not health data."""
    return make_user(Role.RESIDENT_MANAGER, facility, username="manager")


@pytest.fixture
def counsellor(facility):  # type: ignore[no-untyped-def]
    """Reads residents, sees no sensitive data, writes nothing here."""
    return make_user(Role.COUNSELLOR, facility, username="counsellor")


@pytest.fixture
def third_facility(db):  # type: ignore[no-untyped-def]
    return make_facility("ha-giang", "Cơ sở cai nghiện ma túy tỉnh Hà Giang")


@pytest.fixture
def director_of_third_facility(third_facility):  # type: ignore[no-untyped-def]
    return make_user(Role.DIRECTOR, third_facility, username="third-director")


@pytest.fixture
def men_room(facility):  # type: ignore[no-untyped-def]
    return make_room(make_zone(facility, Zone.Kind.GENERAL, "Khu A"), "A1", capacity=20)


@pytest.fixture
def women_room(facility):  # type: ignore[no-untyped-def]
    return make_room(make_zone(facility, Zone.Kind.WOMEN, "Khu nữ"), "N1", capacity=10)


@pytest.fixture
def minors_room(facility):  # type: ignore[no-untyped-def]
    return make_room(make_zone(facility, Zone.Kind.MINORS, "Khu chưa thành niên"), "T1", capacity=10)


@pytest.fixture
def other_room(other_facility):  # type: ignore[no-untyped-def]
    return make_room(make_zone(other_facility, Zone.Kind.GENERAL, "Khu B"), "B1")
