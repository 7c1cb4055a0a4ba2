import pytest

from hoanhap.accounts.roles import Role
from hoanhap.testing import make_facility, make_user


@pytest.fixture(autouse=True)
def _plain_static_files(settings):  # type: ignore[no-untyped-def]
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def facility(db):  # type: ignore[no-untyped-def]
    return make_facility("lao-cai", "Cơ sở cai nghiện ma túy tỉnh Lào Cai")


@pytest.fixture
def other_facility(db):  # type: ignore[no-untyped-def]
    return make_facility("yen-bai", "Cơ sở cai nghiện ma túy số 2")


@pytest.fixture
def director(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.DIRECTOR, facility, username="director")


@pytest.fixture
def doctor(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.MEDICAL_STAFF, facility, username="doctor")


@pytest.fixture
def team_leader(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.WORK_TEAM_LEADER, facility, username="team-leader")


@pytest.fixture
def auditor(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.AUDITOR, facility, username="auditor")


@pytest.fixture
def guard_of_other_facility(other_facility):  # type: ignore[no-untyped-def]
    return make_user(Role.VISIT_OFFICER, other_facility, username="other-guard")


@pytest.fixture
def director_of_other_facility(other_facility):  # type: ignore[no-untyped-def]
    return make_user(Role.DIRECTOR, other_facility, username="other-director")
