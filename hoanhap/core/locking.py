"""Locking, for services that read a row, check it and write it back.

- `locked(instance, expected_version)`: the row again, locked to the end of the transaction, and
  refused with `StaleVersion` if someone saved it since the form was opened. A model that takes part
  has a `version = models.PositiveIntegerField(default=1, editable=False)` field; forms carry it
  (`hoanhap.core.forms.VersionMixin`) and the service calls `bump_version` before saving.
- `lock_row(Model, pk)`: serialise what a row stands for (a facility's numbering, a room's beds)
  without reading it.

Both are no-ops on SQLite beyond what BEGIN IMMEDIATE (settings) already does: one writer at a time.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from .errors import StaleVersion

M = TypeVar("M", bound=models.Model)


def locked(instance: M, expected_version: int | None = None) -> M:
    """The row again, locked for the transaction; refused if it changed since `expected_version`.

    FOR NO KEY UPDATE on PostgreSQL: it still lets other transactions insert rows that reference
    this one (their foreign-key checks take KEY SHARE, which FOR UPDATE would block)."""
    manager: Any = type(instance)._default_manager
    fresh = manager.select_for_update(no_key=True).get(pk=instance.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleVersion(
            _(
                "Someone else changed this record while you were editing it. Nothing was saved: "
                "check the current record, then enter your change again."
            ),
            code="stale_version",
        )
    return fresh


def lock_row(model: type[models.Model], pk: int) -> None:
    """Lock one row to the end of the transaction, to serialise what it stands for (a facility's
    numbering, a room's beds). FOR NO KEY UPDATE, as `locked`, and unordered: a model's ordering may
    join other tables (a room's, its zone and facility), whose rows FOR UPDATE would lock too."""
    if not connection.features.has_select_for_update:
        return  # SQLite: BEGIN IMMEDIATE has already serialised the writers.
    list(model._default_manager.select_for_update(no_key=True).filter(pk=pk).order_by().values_list("pk", flat=True))


def bump_version(instance: Any) -> None:
    """A saved change makes every form opened on the older version stale. The caller saves."""
    instance.version += 1
