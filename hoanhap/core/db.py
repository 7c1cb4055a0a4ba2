"""Which database a read goes to when a read replica is configured (docs/scaling.md).

A report or a dashboard marks its reads with `reporting_reads()`; hoanhap.core.db_router sends
those, and only those, to the replica, which may be a moment behind the primary. They still go
to the primary whenever they could miss a write the same person just made:

- inside a transaction on the primary;
- after a write in the same `reporting_reads()` block;
- after a write in the same request, or in the next requests from a browser that saved something
  less than PIN_SECONDS ago (ReadYourWritesMiddleware: a save is usually followed by a redirect to
  a page that shows it).

Every other read, and every write, goes to the primary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

DEFAULT_DB = "default"
REPLICA_DB = "replica"
# Longer than any replication lag we accept; a replica further behind is a fault to alert on.
PIN_SECONDS = 10
PIN_COOKIE = "hoanhap_primary"


@dataclass
class _Writes:
    """What a unit of work (a request, or a reporting_reads() block) has written so far."""

    wrote: bool = False
    # The browser saved something in an earlier request, moments ago.
    pinned: bool = False


_block: ContextVar[_Writes | None] = ContextVar("hoanhap_reporting_reads", default=None)
_request: ContextVar[_Writes | None] = ContextVar("hoanhap_request_writes", default=None)


@contextmanager
def reporting_reads() -> Iterator[None]:
    """Let the reads inside be served by the read replica: for figures, dashboards and exports
    that may be a moment behind, never for a page that shows what its user just saved.

    A context manager and a decorator; a nested block shares the outer block's writes."""
    token = _block.set(_block.get() or _Writes())
    try:
        yield
    finally:
        _block.reset(token)


def note_write() -> None:
    """Record that the current request and reporting_reads() block have written (the router calls it)."""
    for unit in (_block.get(), _request.get()):
        if unit is not None:
            unit.wrote = True


def reads_may_lag() -> bool:
    """True where a read may come from the replica: inside reporting_reads(), with nothing written
    before it in the block or the request, and no transaction open on the primary."""
    block = _block.get()
    if block is None or block.wrote:
        return False
    request = _request.get()
    if request is not None and (request.wrote or request.pinned):
        return False
    return not connections[DEFAULT_DB].in_atomic_block


class ReadYourWritesMiddleware:
    """Tracks the writes of each request, so that its later reporting reads, and those of the same
    browser's next requests for PIN_SECONDS, are served by the primary.

    Installed last in MIDDLEWARE, with the replica: it sees the writes of the view, not the session
    update that SessionMiddleware saves after every request or so."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writes = _Writes(pinned=PIN_COOKIE in request.COOKIES)
        token = _request.set(writes)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if writes.wrote:
            # Carries no data, only "read the primary for a while"; a forged one costs nothing.
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
