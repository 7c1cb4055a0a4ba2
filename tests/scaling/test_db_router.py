"""Where the router sends reads and writes, decided without a database (the real primary and
standby are in test_replica_router.py)."""

import pytest
from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from hoanhap.audit.models import AuditEntry
from hoanhap.core.db import PIN_COOKIE, PIN_SECONDS, ReadYourWritesMiddleware, reporting_reads
from hoanhap.core.db_router import ReplicaRouter

router = ReplicaRouter()


def reads_from() -> str:
    return router.db_for_read(AuditEntry)


def writes_to() -> str:
    return router.db_for_write(AuditEntry)


@pytest.fixture
def replica(settings):  # type: ignore[no-untyped-def]
    with pytest.warns(UserWarning, match="Overriding setting DATABASES"):
        settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}


@pytest.fixture
def no_replica(settings):  # type: ignore[no-untyped-def]
    """As when DATABASE_REPLICA_URL is not set, also when the suite runs with it."""
    if "replica" in settings.DATABASES:
        with pytest.warns(UserWarning, match="Overriding setting DATABASES"):
            settings.DATABASES = {alias: db for alias, db in settings.DATABASES.items() if alias != "replica"}


@pytest.mark.usefixtures("no_replica")
def test_without_a_replica_reporting_reads_stay_on_the_primary():
    with reporting_reads():
        assert reads_from() == "default"


def test_a_reporting_read_goes_to_the_replica(replica):
    with reporting_reads():
        assert reads_from() == "replica"


def test_reporting_reads_also_marks_a_function(replica):
    @reporting_reads()
    def figures() -> str:
        return reads_from()

    assert figures() == "replica"
    assert reads_from() == "default"


def test_an_ordinary_read_goes_to_the_primary(replica):
    assert reads_from() == "default"


def test_writes_go_to_the_primary_even_in_a_reporting_block(replica):
    assert writes_to() == "default"
    with reporting_reads():
        assert writes_to() == "default"


def test_after_a_write_the_rest_of_the_block_reads_the_primary(replica):
    with reporting_reads():
        writes_to()
        assert reads_from() == "default"


def test_a_write_in_a_nested_block_pins_the_outer_block_too(replica):
    with reporting_reads():
        with reporting_reads():
            writes_to()
        assert reads_from() == "default"


def test_a_new_block_after_a_write_reads_the_replica_again(replica):
    with reporting_reads():
        writes_to()
    with reporting_reads():
        assert reads_from() == "replica"


def test_a_reporting_read_inside_a_transaction_reads_the_primary(replica, monkeypatch):
    # What the transaction wrote is only visible on the primary, and only to itself.
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    with reporting_reads():
        assert reads_from() == "default"


def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "residents")
    assert not router.allow_migrate("replica", "residents")


def page(*, writes: bool) -> ReadYourWritesMiddleware:
    def view(request: HttpRequest) -> HttpResponse:
        if writes:
            writes_to()
        with reporting_reads():
            return HttpResponse(reads_from())

    return ReadYourWritesMiddleware(view)


def test_a_request_that_wrote_reads_the_primary_and_pins_the_browser_for_a_moment(replica):
    response = page(writes=True)(RequestFactory().post("/"))

    assert response.content == b"default"
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == PIN_SECONDS
    assert cookie["httponly"]


def test_a_pinned_browser_reads_the_primary(replica):
    request = RequestFactory().get("/")
    request.COOKIES[PIN_COOKIE] = "1"

    response = page(writes=False)(request)

    assert response.content == b"default"
    assert PIN_COOKIE not in response.cookies


def test_a_request_that_only_reads_gets_its_figures_from_the_replica(replica):
    response = page(writes=False)(RequestFactory().get("/"))

    assert response.content == b"replica"
    assert PIN_COOKIE not in response.cookies


def test_the_pin_ends_with_the_request(replica):
    page(writes=True)(RequestFactory().post("/"))
    with reporting_reads():
        assert reads_from() == "replica"
