"""Daily life's personas (the root conftest has the director, the team leader, the auditor…), in
English, on a day the test sets (`today`)."""

from datetime import date

import pytest
from django.utils import translation

from hoanhap.accounts.roles import Role
from hoanhap.core import clock
from hoanhap.testing import make_user


@pytest.fixture(autouse=True)
def _messages_in_english(settings):  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def today(monkeypatch):  # type: ignore[no-untyped-def]
    """Set the app's today; by default Monday 02/03/2026. Call `today.set(date)` to move it."""

    class Today:
        value = date(2026, 3, 2)

        def set(self, day: date) -> None:
            self.value = day

    current = Today()
    monkeypatch.setattr(clock, "today", lambda: current.value)
    return current


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
