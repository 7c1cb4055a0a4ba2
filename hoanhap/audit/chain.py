"""Appending to the hash chain: who may append, and the hash the next entry chains to.

Entries join the chain one at a time. On PostgreSQL a transaction-level advisory lock serialises
appends; on SQLite the write lock that every transaction takes at BEGIN IMMEDIATE (settings:
`transaction_mode`) does. Either is held to the end of the transaction, so while a transaction
holds it nobody else appends, and the hash it last read or wrote stays the chain's tail: it is kept
on the connection instead of being read again for every entry.

What keeps the kept hash honest is a no-op on-commit callback registered with it. Django drops the
callbacks registered inside a savepoint when that savepoint rolls back (and every callback when
the transaction ends), exactly as PostgreSQL releases an advisory lock taken inside a rolled-back
savepoint. So the hash is trusted only while its callback is still pending: an entry rolled back
never leaves its hash behind, and a new transaction always locks and reads afresh.

Lock order: services take the chain (`hold`) first, before any row lock, so that two concurrent
services never wait for each other in a cycle (a row locked by one, the chain held by the other).
Writers outside the services (the read-access log, the admin) take it at their first entry.
"""

from __future__ import annotations

from typing import Any, cast

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.transaction import TransactionManagementError

GENESIS_HASH = "0" * 64
# Any 64-bit constant: the advisory lock that serialises appends to the chain on PostgreSQL.
LOCK_KEY = 7_438_112_901


class _Tail:
    """The chain as this connection's transaction holds it; `hash` is None until read."""

    __slots__ = ("hash",)

    def __init__(self, hash: str | None) -> None:
        self.hash = hash

    def __call__(self) -> None:
        """Called at commit: the transaction, and what it knew of the chain, end together."""


def _pending(connection: BaseDatabaseWrapper) -> list[Any]:
    """Django's on-commit callbacks: (savepoint ids, callback, robust) since Django 4.2."""
    return cast(list[Any], connection.run_on_commit)


def _kept(connection: BaseDatabaseWrapper) -> _Tail | None:
    tail: _Tail | None = getattr(connection, "_audit_chain_tail", None)
    if tail is None or not connection.in_atomic_block:
        return None
    # The newest callback is usually the last one: the search is one step.
    for pending in reversed(_pending(connection)):
        if pending[1] is tail:
            return tail
    return None


def _keep(connection: BaseDatabaseWrapper, hash: str | None) -> None:
    previous: _Tail | None = getattr(connection, "_audit_chain_tail", None)
    tail = _Tail(hash)
    connection._audit_chain_tail = tail  # type: ignore[attr-defined]
    savepoints = set(connection.savepoint_ids)
    pending = _pending(connection)
    if pending and pending[-1][1] is previous and pending[-1][0] == savepoints:
        # Same savepoint, same fate: replace rather than pile up one callback per entry.
        pending[-1] = (savepoints, tail, False)
    else:
        connection.on_commit(tail)


def hold(using: str = DEFAULT_DB_ALIAS) -> None:
    """Hold the chain to the end of the current transaction (the services call this first)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise TransactionManagementError("The audit chain is held by a transaction: call hold() inside atomic().")
    if _kept(connection) is not None:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    _keep(connection, None)


def tail(using: str = DEFAULT_DB_ALIAS) -> str:
    """The hash the next entry chains to; holds the chain if the transaction does not yet."""
    connection = connections[using]
    kept = _kept(connection)
    if kept is None:
        hold(using)
        kept = _kept(connection)
        assert kept is not None
    if kept.hash is None:
        from .models import AuditEntry

        # A statement of its own, after the lock: under READ COMMITTED it sees every entry
        # committed before the lock was granted (one statement taking both would not).
        last = AuditEntry.objects.using(using).order_by("-id").values_list("hash", flat=True).first()
        kept.hash = last or GENESIS_HASH
    return kept.hash


def advance(new_hash: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """Record that an entry with `new_hash` was inserted in the current savepoint."""
    _keep(connections[using], new_hash)
