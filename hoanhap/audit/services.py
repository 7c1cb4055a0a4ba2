"""Writing and checking the audit trail."""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditlog.context import auditlog_value
from auditlog.diff import get_field_value, get_mask_function, is_primitive, model_instance_diff
from auditlog.models import AbstractLogEntry
from auditlog.registry import auditlog
from django.db import models
from django.utils.encoding import smart_str

from .models import GENESIS_HASH, AuditEntry


def record_access(*, actor, instance: models.Model, via: str) -> AuditEntry:  # type: ignore[no-untyped-def]
    """Log that `actor` viewed a resident's record (Law 91/2025: every access is traceable).

    Called by the one access helper of each app that shows a person's record, never by hand in views.
    """
    return AuditEntry.objects.log_create(
        instance,
        force_log=True,
        action=AbstractLogEntry.Action.ACCESS,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        via=via[:255],
        event="audit.record_viewed",
    )


def record_creation(instance: models.Model, *, rows: Mapping[str, Sequence[models.Model]]) -> AuditEntry:
    """One CREATE entry for `instance` and the rows created with it in the same service (a new
    episode's reception checklist, the family contacts given at registration), in place of one
    entry per row: the instance's values as django-auditlog states them, and under each
    relation's name the new rows with every value, ids included, so that a later entry about one
    of them traces back here.

    The caller saves them with django-auditlog's own entries off (`auditlog.context.disable_auditlog`),
    in this transaction.
    """
    # Stored fields only: django-auditlog's own diff of a new row also reads every reverse
    # relation (a query for each one-to-one) and records an empty manager for each.
    stored = [field.name for field in instance._meta.concrete_fields]
    changes = model_instance_diff(None, instance, fields_to_check=stored, use_json_for_changes=True) or {}
    for name, related in rows.items():
        changes[name] = (None, [_stored_values(row) for row in related])
    return AuditEntry.objects.log_create(
        instance, force_log=True, action=AbstractLogEntry.Action.CREATE, changes=changes
    )


def _stored_values(row: models.Model) -> dict[str, Any]:
    """A row's stored values as django-auditlog writes them in a diff, with its registration's
    excluded and masked fields honoured."""
    registered = auditlog.get_model_fields(type(row))
    mask = get_mask_function(registered.get("mask_callable")) if registered["mask_fields"] else None
    values = {}
    for field in row._meta.concrete_fields:
        if field.name in registered["exclude_fields"]:
            continue
        value = get_field_value(row, field, use_json_for_changes=True)
        if not is_primitive(value):
            value = smart_str(value)
        if mask is not None and field.name in registered["mask_fields"]:
            value = mask(smart_str(value))
        values[field.name] = value
    return values


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
