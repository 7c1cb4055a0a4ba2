"""The audited write: how every service of every module changes data.

    from hoanhap.audit.writes import audited_write

    @audited_write(event="residents.abscondence_recorded")
    def record_abscondence(*, actor: User, episode: Episode, ...) -> LegalEvent:
        ...

The service runs in one transaction, with its `actor` keyword as the actor of every audit entry it
writes (also outside a request: API tokens, commands, tests) and with its event kind on each of
them (`hoanhap.audit.events`). It holds the audit chain from the start, before any row lock, so
two concurrent services never deadlock (`hoanhap.audit.chain`). A service called from another keeps
the outer event: the entry says what the user did.

Rows saved one by one are logged by django-auditlog's signals. Bulk writes (`bulk_create`,
`QuerySet.update`) send no signal: a service that makes them writes one entry for the whole batch
with `record_bulk_write`, inside the same audited write.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial, wraps
from typing import Any, ParamSpec, TypeVar

from auditlog import get_logentry_model
from auditlog.context import _set_extra_data, auditlog_value
from auditlog.models import AbstractLogEntry
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.utils import translation

from hoanhap.core.models import Facility

from . import chain, events

P = ParamSpec("P")
R = TypeVar("R")

_current_event: ContextVar[str | None] = ContextVar("hoanhap_audit_event", default=None)


def current_event() -> str | None:
    """The event kind of the audited write running now, if any."""
    return _current_event.get()


@contextmanager
def acting_as(actor: Any, *, event: str | None = None) -> Iterator[None]:
    """Audit entries written inside carry `actor` (and `event`, unless an outer write named one);
    inside a request they keep its address and page. The previous context comes back after."""
    if event is not None:
        events.kinds.get(event)  # an unregistered kind raises NotRegistered
    previous = auditlog_value.get(None)
    data = {key: value for key, value in (previous or {}).items() if key != "signal_duid"}
    data["actor"] = actor
    data["signal_duid"] = ("hoanhap.audit.acting_as", uuid.uuid4().hex)
    token = auditlog_value.set(data)
    event_token = _current_event.set(_current_event.get() or event)
    entry_model = get_logentry_model()
    receiver = partial(_set_extra_data, signal_duid=data["signal_duid"])
    pre_save.connect(receiver, sender=entry_model, dispatch_uid=data["signal_duid"], weak=False)
    try:
        yield
    finally:
        pre_save.disconnect(sender=entry_model, dispatch_uid=data["signal_duid"])
        _current_event.reset(event_token)
        auditlog_value.reset(token)


def audited_write(*, event: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run the service in one transaction as its `actor`, every entry naming `event`."""

    def decorator(service: Callable[P, R]) -> Callable[P, R]:
        @wraps(service)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
            with acting_as(kwargs["actor"], event=event), transaction.atomic():
                chain.hold()
                return service(*args, **kwargs)

        wrapped.audit_event = event  # type: ignore[attr-defined]
        return wrapped

    return decorator


def record_bulk_write(
    *,
    scope: models.Model,
    action: int,
    summary: Any,
    facility_id: int | None,
    data: Mapping[str, Any],
    actor: Any = None,
) -> Any:
    """One entry for a batch written without signals (bulk_create, update): `scope` is the row the
    entry is filed under (a facility for a roster import), `summary` what an auditor reads,
    `data` what the batch held (ids, counts, the filters of an export). Call it inside an
    audited write, which gives the event; `actor` defaults to that write's."""
    entry_model = get_logentry_model()
    extra: dict[str, Any] = {} if actor is None else {"actor": actor}
    with translation.override(settings.LANGUAGE_CODE):
        return entry_model.objects.log_create(
            scope,
            force_log=True,
            action=action,
            facility_id=facility_id,
            resident_id=None,
            object_repr=str(summary),
            additional_data=dict(data),
            **extra,
        )


CREATE = AbstractLogEntry.Action.CREATE
UPDATE = AbstractLogEntry.Action.UPDATE
DELETE = AbstractLogEntry.Action.DELETE
ACCESS = AbstractLogEntry.Action.ACCESS


def record_list_export(
    *,
    actor: Any,
    event: str,
    facility_ids: Iterable[int],
    title: Any,
    count: int,
    filters: Mapping[str, Any],
) -> None:
    """A list exported to a file (`hoanhap.core.tables`): one entry per facility it covers, naming
    `event` (the module's "<app>.<list>_exported"), the list, its filters and how many rows. Call
    it once the file is written: the audit chain is held for the entries, not while rows are read."""
    with acting_as(actor, event=event), transaction.atomic():
        chain.hold()
        for facility in Facility.objects.filter(pk__in=list(facility_ids)).order_by("pk"):
            record_bulk_write(
                scope=facility,
                action=ACCESS,
                summary=f"{title} ({count})",
                facility_id=facility.pk,
                # The filters as typed, less any NUL character (PostgreSQL stores none in JSON).
                data={
                    "filters": {name: str(value).replace("\x00", "") for name, value in filters.items() if value},
                    "count": count,
                },
            )
