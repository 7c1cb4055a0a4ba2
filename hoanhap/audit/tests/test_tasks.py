"""The audit trail's background check: the task worker walks the chain and reports its breaks."""

import logging
import signal

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks import TaskResultStatus

from hoanhap.audit.models import AuditEntry
from hoanhap.audit.tasks import verify_audit_chain_task
from hoanhap.testing import append_only_suspended, make_episode, make_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks_wait_for_the_worker(settings):  # type: ignore[no-untyped-def]
    """The production backend; elsewhere tests run tasks at once (conftest.py)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker_until_the_queue_is_empty() -> None:
    """`manage.py db_worker --batch` in this process, which gets back the signal handlers and log
    levels the worker takes over."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = {logger: logger.level for logger in loggers}
    try:
        call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for logger, level in levels.items():
            logger.setLevel(level)


# Committed for real: between tasks the worker closes connections that are inside a transaction,
# as Django does after a request, which would end a test's enclosing transaction. With a replica
# configured, the task's reporting reads go to it (in tests, a mirror of the default database).
@pytest.mark.django_db(transaction=True, databases="__all__")
@pytest.mark.usefixtures("tasks_wait_for_the_worker")
def test_the_task_waits_in_the_database_until_the_worker_runs_it(facility):
    make_resident(facility)

    result = verify_audit_chain_task.enqueue()
    assert result.status == TaskResultStatus.READY

    run_worker_until_the_queue_is_empty()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 0


def test_the_check_of_an_intact_trail_finds_no_break(facility):
    make_episode(make_resident(facility))

    result = verify_audit_chain_task.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 0


def test_the_check_counts_an_entry_changed_behind_the_applications_back(facility, caplog):
    make_episode(make_resident(facility))
    target = AuditEntry.objects.earliest("id")
    with append_only_suspended(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET remote_addr = %s WHERE id = %s",  # noqa: S608
            ["192.0.2.66", target.pk],
        )

    result = verify_audit_chain_task.enqueue()

    assert result.return_value == 1
    assert f"audit entry {target.pk}: content does not match its hash" in caplog.text
