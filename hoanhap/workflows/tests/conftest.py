"""Workflows' personas, in English, on Monday 02/03/2026 unless a test moves the day."""

from datetime import date

import pytest

from hoanhap.accounts.roles import Role
from hoanhap.testing import make_episode, make_resident, make_user
from hoanhap.workflows.defaults import install_defaults
from hoanhap.workflows.models import Process


@pytest.fixture(autouse=True)
def _messages_in_english(english_messages):  # type: ignore[no-untyped-def]
    """These tests read messages by their English source text."""


@pytest.fixture
def default_today() -> date:
    return date(2026, 3, 2)


@pytest.fixture
def resident_manager(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.RESIDENT_MANAGER, facility, username="resident-manager")


@pytest.fixture
def deputy(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.DEPUTY_DIRECTOR, facility, username="deputy")


@pytest.fixture
def leave_process(facility, today):  # type: ignore[no-untyped-def]
    install_defaults(facility.pk, only=["funeral-leave"])
    return Process.objects.get(facility=facility, code="funeral-leave")


@pytest.fixture
def episode(facility):  # type: ignore[no-untyped-def]
    resident = make_resident(facility)
    return make_episode(resident, admitted_on=date(2026, 1, 5))
