"""Daily life's personas (the root conftest has the director, the team leader, the auditor…), in
English, on a day the test sets (`today`)."""

from datetime import date

import pytest

from hoanhap.accounts.roles import Role
from hoanhap.testing import make_user


@pytest.fixture(autouse=True)
def _messages_in_english(english_messages):  # type: ignore[no-untyped-def]
    """These tests read the rules' messages by their English source text (root conftest)."""


@pytest.fixture
def default_today() -> date:
    """`today` (root conftest) starts on Monday 02/03/2026 here."""
    return date(2026, 3, 2)


@pytest.fixture
def teacher(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.EDUCATION_OFFICER, facility, username="teacher")


@pytest.fixture
def visit_officer(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.VISIT_OFFICER, facility, username="visit-officer")


@pytest.fixture
def resident_manager(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.RESIDENT_MANAGER, facility, username="resident-manager")


@pytest.fixture
def teacher_of_other_facility(other_facility):  # type: ignore[no-untyped-def]
    return make_user(Role.EDUCATION_OFFICER, other_facility, username="other-teacher")
