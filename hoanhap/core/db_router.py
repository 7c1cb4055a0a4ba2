"""Database router for a PostgreSQL primary with a read replica (DATABASE_REPLICA_URL).

Installed by config/settings.py only when the replica is configured. The rules, and why ordinary
page reads stay on the primary, are in hoanhap.core.db and docs/scaling.md.
"""

from typing import Any

from django.conf import settings
from django.db.models import Model

from .db import DEFAULT_DB, REPLICA_DB, note_write, reads_may_lag


class ReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if REPLICA_DB in settings.DATABASES and reads_may_lag():
            return REPLICA_DB
        # Named rather than None, so that an object read from the replica does not draw its
        # related objects from there too once the reporting block is over.
        return DEFAULT_DB

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        note_write()
        return DEFAULT_DB

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # The replica is a copy of the primary: an object from either may refer to one from the other.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        # The replica receives the schema by replication; it refuses DDL anyway.
        return db == DEFAULT_DB
