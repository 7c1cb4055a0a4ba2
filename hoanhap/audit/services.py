"""Writing and checking the audit trail."""

from collections.abc import Iterator
from dataclasses import dataclass

from auditlog.context import auditlog_value
from auditlog.models import AbstractLogEntry
from django.db import models

from .models import GENESIS_HASH, AuditEntry


def record_access(*, actor, instance: models.Model, via: str) -> AuditEntry:  # type: ignore[no-untyped-def]
    """Log that `actor` viewed a resident's record (Law 91/2025: every access is traceable).

    Called by `audit.decorators` for pages and by the API for its endpoints, never by hand in views.
    """
    return AuditEntry.objects.log_create(
        instance,
        force_log=True,
        action=AbstractLogEntry.Action.ACCESS,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        via=via[:255],
    )


def attribute_request_to(user) -> None:  # type: ignore[no-untyped-def]
    """Name `user` as the actor of the entries the current request writes from now on. For a
    user identified after AuditContextMiddleware ran, as an API token's owner is."""
    try:
        context = auditlog_value.get()
    except LookupError:
        return
    context["actor"] = user


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


def verify_chain(batch_size: int = 2000) -> Iterator[ChainBreak]:
    """Walk the whole trail in order and yield each place where the chain does not hold."""
    expected_prev = GENESIS_HASH
    queryset = AuditEntry.objects.order_by("id")
    last_id = 0
    while True:
        batch = list(queryset.filter(id__gt=last_id)[:batch_size])
        if not batch:
            return
        for entry in batch:
            if entry.prev_hash != expected_prev:
                yield ChainBreak(entry.id, "previous hash does not match (an entry was removed or reordered)")
            if entry.compute_hash() != entry.hash:
                yield ChainBreak(entry.id, "content does not match its hash (the entry was altered)")
            expected_prev = entry.hash
            last_id = entry.id
