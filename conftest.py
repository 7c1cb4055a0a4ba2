from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from django.utils import translation
from pytest_django.plugin import validate_django_db

from hoanhap.accounts.roles import Role
from hoanhap.core import clock
from hoanhap.testing import append_only_suspended, make_facility, make_user


@pytest.fixture(scope="session", autouse=True)
def _static_root_exists():  # type: ignore[no-untyped-def]
    """WhiteNoise warns at every request when STATIC_ROOT is missing, as before collectstatic."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):  # type: ignore[no-untyped-def]
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Background tasks run at once, inside the test's transaction, instead of waiting for a worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _no_audit_context_left_by_an_earlier_test():  # type: ignore[no-untyped-def]
    """django-auditlog's context managers (`set_actor`) set their context and never take it back;
    each test starts outside any request, as a command or a task would."""
    from auditlog.context import auditlog_value

    auditlog_value.set(None)


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["hoanhap.testing.QuickArgon2PasswordHasher", *settings.PASSWORD_HASHERS]


def _uses_transactional_db(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(request.fixturenames))


@pytest.fixture(scope="session", autouse=True)
def _flush_cascades_on_postgresql():  # type: ignore[no-untyped-def]
    """django-auditlog's migrations create its own log table although ours replaces it
    (AUDITLOG_LOGENTRY_MODEL); Django does not empty that table after a transactional test, and
    PostgreSQL refuses to TRUNCATE the users it references unless the emptying cascades."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):  # type: ignore[no-untyped-def]
        return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=True)

    with mock.patch.object(DatabaseOperations, "sql_flush", sql_flush):
        yield


@pytest.fixture(autouse=True)
def _audit_trail_can_be_emptied(request):  # type: ignore[no-untyped-def]
    """After a transactional test Django empties every table; the audit trail's append-only
    trigger refuses that, so the trail is emptied first with the trigger suspended."""
    if not _uses_transactional_db(request):
        yield
        return
    # Set up the database first, so that it is emptied after this fixture's teardown.
    request.getfixturevalue("_django_db_helper")
    yield
    from django.db import connection

    from hoanhap.audit.models import AuditEntry

    with append_only_suspended(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table}")  # noqa: S608 (a model's own table name)


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
def system_admin(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.SYSTEM_ADMIN, facility, username="admin")


@pytest.fixture
def province_viewer(facility, other_facility):  # type: ignore[no-untyped-def]
    return make_user(Role.PROVINCE_VIEWER, facility, other_facility, username="province")


@pytest.fixture
def guard_of_other_facility(other_facility):  # type: ignore[no-untyped-def]
    return make_user(Role.VISIT_OFFICER, other_facility, username="other-guard")


@pytest.fixture
def director_of_other_facility(other_facility):  # type: ignore[no-untyped-def]
    return make_user(Role.DIRECTOR, other_facility, username="other-director")


@pytest.fixture
def auditor_of_other_facility(other_facility):  # type: ignore[no-untyped-def]
    return make_user(Role.AUDITOR, other_facility, username="other-auditor")


@pytest.fixture
def english_messages(settings):  # type: ignore[no-untyped-def]
    """Messages in their English source text, whatever the catalogue says: a module's tests read
    its rules' messages that way (its conftest makes this autouse); the foundation tests check
    that pages come out in Vietnamese by default."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def default_today() -> date:
    """The day `today` starts on; a module's conftest gives its own."""
    return date(2026, 11, 10)


@pytest.fixture
def today(monkeypatch, default_today):  # type: ignore[no-untyped-def]
    """Set the app's today (`default_today` at first). Call `today.set(date)` to move it."""

    class Today:
        value = default_today

        def set(self, day: date) -> None:
            self.value = day

    current = Today()
    monkeypatch.setattr(clock, "today", lambda: current.value)
    return current
