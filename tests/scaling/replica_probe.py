"""Routes reads and writes through hoanhap.core.db_router against a real primary and standby, and
prints what happened as one JSON object (test_replica_router.py reads it).

Run in its own process, with DATABASE_URL and DATABASE_REPLICA_URL pointing at the two servers
(tests/scaling/pg_cluster.py), so that Django connects to them exactly as in production, away
from the test run's own database:

    python3 tests/scaling/pg_cluster.py .venv/bin/python -m tests.scaling.replica_probe
"""

import json
import os
import sys
import time
from typing import Any, cast

# Seconds the standby may take to replay the primary's writes.
REPLAY_TIMEOUT = 10


def main() -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import DatabaseError, connections
    from django.db.models import QuerySet
    from django.db.models.expressions import RawSQL
    from django.http import HttpRequest, HttpResponse
    from django.test import RequestFactory
    from django_tasks_db.backend import TaskResult as StoredTaskResult
    from django_tasks_db.models import DBTaskResult

    from hoanhap.audit.tasks import verify_audit_chain_task
    from hoanhap.core.db import PIN_COOKIE, ReadYourWritesMiddleware, reporting_reads

    def served_by_standby(queryset: QuerySet) -> bool:
        """Ask the server that answers this very query whether it is a standby."""
        row = queryset.annotate(in_recovery=RawSQL("pg_is_in_recovery()", [])).values("in_recovery").first()
        assert row is not None, "the probe's rows are missing"
        return bool(row["in_recovery"])

    def wait_for_replay() -> float:
        with connections["default"].cursor() as cursor:
            # The insert position, not the write position: with synchronous_commit=off the last
            # commit record may not have been written out yet.
            cursor.execute("SELECT pg_current_wal_insert_lsn()")
            (lsn,) = cursor.fetchone()
        started = time.monotonic()
        while time.monotonic() - started < REPLAY_TIMEOUT:
            with connections["replica"].cursor() as cursor:
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
                if cursor.fetchone()[0]:
                    return time.monotonic() - started
            time.sleep(0.05)
        raise TimeoutError(f"the standby did not replay {lsn} within {REPLAY_TIMEOUT} s")

    # The task queue's table: small to migrate, and its rows are written through the ORM.
    call_command("migrate", "django_tasks_database", verbosity=0)
    for _ in range(3):
        verify_audit_chain_task.enqueue()
    queued = DBTaskResult.objects.all()
    result: dict[str, Any] = {"replay_seconds": wait_for_replay()}

    with reporting_reads():
        result["reporting_read"] = {
            "alias": queued.db,
            "rows": queued.count(),
            "served_by_standby": served_by_standby(queued),
        }
    result["ordinary_read"] = {"alias": queued.db, "served_by_standby": served_by_standby(queued)}

    with reporting_reads():
        task = cast(StoredTaskResult, verify_audit_chain_task.enqueue())
        result["write_in_reporting_block"] = {
            "alias": task.db_result._state.db,
            "on_primary": DBTaskResult.objects.using("default").filter(id=task.id).exists(),
            "then_read_sees_it": queued.filter(id=task.id).exists(),
            "then_read_served_by_standby": served_by_standby(queued),
        }
    wait_for_replay()

    def page(*, writes: bool) -> Any:
        def view(request: HttpRequest) -> HttpResponse:
            if writes:
                verify_audit_chain_task.enqueue()
            with reporting_reads():
                return HttpResponse(json.dumps(served_by_standby(queued)))

        return ReadYourWritesMiddleware(view)

    factory = RequestFactory()
    after_write = page(writes=True)(factory.post("/"))
    wait_for_replay()
    pinned_request = factory.get("/")
    pinned_request.COOKIES[PIN_COOKIE] = "1"
    result["requests"] = {
        "writing_request_read_served_by_standby": json.loads(after_write.content),
        "writing_request_sets_pin_cookie": PIN_COOKIE in after_write.cookies,
        "pinned_request_read_served_by_standby": json.loads(page(writes=False)(pinned_request).content),
        "plain_request_read_served_by_standby": json.loads(page(writes=False)(factory.get("/")).content),
    }

    try:
        DBTaskResult.objects.using("replica").update(queue_name="tampered")
    except DatabaseError as error:
        result["write_to_replica"] = {"refused": True, "sqlstate": getattr(error.__cause__, "sqlstate", None)}
    else:
        result["write_to_replica"] = {"refused": False}
    return result


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    print(json.dumps(main()))
