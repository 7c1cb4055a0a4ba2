"""The list's order by name: `Resident.name_sort_key`, the full name in Vietnamese alphabetical
order (hoanhap/core/collation.py), filled for the residents already there, and its B-trees in
byte order (COLLATE "C" on PostgreSQL; SQLite compares bytes), as migration 0005 does for the
folded text: the list sorted by name is then read in index order and stops after a page.

The column is nullable so that SQLite adds it without remaking the table (which would drop the
indexes and the FTS5 triggers of migration 0005).
"""

from django.db import migrations, models

from hoanhap.core.collation import name_sort_key

BATCH = 2000

INDEXES = {
    "postgresql": [
        (
            'CREATE INDEX resident_name_order ON residents_resident ((name_sort_key COLLATE "C"), id) '
            "INCLUDE (facility_id)",
            "DROP INDEX IF EXISTS resident_name_order",
        ),
        (
            'CREATE INDEX resident_facility_name_order ON residents_resident (facility_id, (name_sort_key COLLATE "C"), id)',
            "DROP INDEX IF EXISTS resident_facility_name_order",
        ),
    ],
    "sqlite": [
        (
            "CREATE INDEX resident_name_order ON residents_resident (name_sort_key)",
            "DROP INDEX IF EXISTS resident_name_order",
        ),
        (
            "CREATE INDEX resident_facility_name_order ON residents_resident (facility_id, name_sort_key)",
            "DROP INDEX IF EXISTS resident_facility_name_order",
        ),
    ],
}


def fill(apps, schema_editor):
    """In batches by id: a million residents are never held at once."""
    Resident = apps.get_model("residents", "Resident")
    last = 0
    while True:
        batch = list(Resident.objects.filter(pk__gt=last).order_by("pk").only("pk", "full_name")[:BATCH])
        if not batch:
            return
        for resident in batch:
            resident.name_sort_key = name_sort_key(resident.full_name)
        Resident.objects.bulk_update(batch, ["name_sort_key"])
        last = batch[-1].pk


def create_indexes(apps, schema_editor):
    for statement, _reverse in INDEXES.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    for _statement, reverse in INDEXES.get(schema_editor.connection.vendor, []):
        schema_editor.execute(reverse)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0009_record_labels_name_convictions_and_sanctions"),
    ]

    operations = [
        migrations.AddField(
            model_name="resident",
            name="name_sort_key",
            field=models.CharField(editable=False, max_length=400, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
