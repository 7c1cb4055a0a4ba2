"""The annual plans' personas (the root conftest has the director, the province viewer…), in
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
    """`today` (root conftest) starts on Thursday 02/07/2026 here: day 183 of 365."""
    return date(2026, 7, 2)


@pytest.fixture
def deputy(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.DEPUTY_DIRECTOR, facility, username="deputy")


@pytest.fixture
def resident_manager(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.RESIDENT_MANAGER, facility, username="resident-manager")
