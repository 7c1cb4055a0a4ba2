"""The audit trail: django-auditlog's entry, swapped for ours to add scope and a hash chain.

Each entry stores the hash of the one before it, so a changed or removed row breaks the chain
(`manage.py verify_audit_chain`); `chain.py` serialises the appends. The table is append-only in
the database itself: triggers (migration 0002) refuse UPDATE and DELETE on both SQLite and PostgreSQL.
"""

import hashlib
import ipaddress
import json
from typing import Any

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _

from . import chain
from .chain import GENESIS_HASH as GENESIS_HASH
from .writes import current_event


def _normalised_address(value: str | None) -> str | None:
    """The address as the database returns it (PostgreSQL's inet shortens IPv6), so that the
    hash computed before the INSERT matches the row read back."""
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _scope(instance: models.Model, hook: str, fallback: str | None = None) -> int | None:
    """A model says which facility or resident its entries belong to through a method named
    `hook`; a facility-scoped model needs none, its facility_id serves."""
    method = getattr(instance, hook, None)
    if callable(method):
        return method()
    return getattr(instance, fallback, None) if fallback else None


class AuditEntryManager(LogEntryManager):
    def log_create(self, instance, force_log: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        # Scope every entry to the record's facility and resident, so auditors can search by
        # them and another facility's auditor never sees them.
        kwargs.setdefault("facility_id", _scope(instance, "audit_facility_id", fallback="facility_id"))
        kwargs.setdefault("resident_id", _scope(instance, "audit_resident_id"))
        return super().log_create(instance, force_log=force_log, **kwargs)

    def bulk_create(self, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        raise PermissionError("Audit entries join the chain one at a time, through save().")


class AuditEntry(AbstractLogEntry):
    facility_id = models.BigIntegerField(_("facility"), null=True, blank=True, db_index=True)
    resident_id = models.BigIntegerField(_("resident"), null=True, blank=True, db_index=True)
    via = models.CharField(_("through"), max_length=255, blank=True)
    # What the user did (`hoanhap.audit.events`), from the audited write that wrote the entry.
    # Nullable so that adding it altered no row and remade no table (the append-only triggers).
    event = models.CharField(_("event"), max_length=80, null=True, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False, unique=True)

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["facility_id", "-timestamp"], name="audit_facility_time"),
            models.Index(fields=["resident_id", "-timestamp"], name="audit_resident_time"),
            models.Index(fields=["actor", "-timestamp"], name="audit_actor_time"),
            models.Index(fields=["event", "-timestamp"], name="audit_event_time"),
        ]

    @property
    def event_label(self) -> Any:
        from .events import label_of

        legacy = (self.additional_data or {}).get("event") if isinstance(self.additional_data, dict) else None
        return label_of(self.event or legacy)

    def payload(self) -> dict[str, Any]:
        """The fields the hash covers, in a form that survives a round trip through the database.
        The event joins only when there is one, so entries from before it was named keep their hash."""
        payload = {
            "timestamp": self.timestamp.isoformat(timespec="microseconds"),
            "action": self.action,
            "content_type": self.content_type_id,
            "object_pk": str(self.object_pk),
            "object_repr": self.object_repr,
            "changes": self.changes,
            "actor": self.actor_id,
            "remote_addr": self.remote_addr,
            "facility": self.facility_id,
            "resident": self.resident_id,
            "via": self.via,
            "additional_data": self.additional_data,
        }
        if self.event:
            payload["event"] = self.event
        return payload

    def compute_hash(self) -> str:
        body = json.dumps(self.payload(), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(f"{self.prev_hash}|{body}".encode()).hexdigest()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit entries are append-only.")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        # The chain step and the INSERT in one transaction, also when called in autocommit mode;
        # no savepoint of its own: an entry that fails to join the chain fails its change too.
        with transaction.atomic(using=using, savepoint=False):
            super().save(*args, **kwargs)

    def _do_insert(self, manager, using, fields, returning_fields, raw):  # type: ignore[no-untyped-def]
        # Chained here, at the last moment before the INSERT: django-auditlog fills the actor,
        # the address and the page in a pre_save receiver, so only now is every hashed value final.
        self.remote_addr = _normalised_address(self.remote_addr)  # type: ignore[has-type]
        if self.event is None:
            self.event = current_event()
        self.prev_hash = chain.tail(using)
        self.hash = self.compute_hash()
        inserted = super()._do_insert(manager, using, fields, returning_fields, raw)
        chain.advance(self.hash, using)
        return inserted

    def delete(self, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        raise PermissionError("Audit entries are append-only.")
