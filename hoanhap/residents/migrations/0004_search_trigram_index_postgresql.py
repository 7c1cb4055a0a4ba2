"""A trigram GIN index on Resident.search_text, on PostgreSQL only.

Name search is `search_text LIKE '%term%'` (Django's `contains`); a B-tree cannot serve a
leading wildcard, a pg_trgm GIN index can, which keeps search fast at a million residents.
SQLite has no such index; there the migration does nothing.
"""

from django.db import migrations

INDEX_NAME = "resident_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON residents_resident USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other indexes may use it.
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0003_registration_episodes_legal_events"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
