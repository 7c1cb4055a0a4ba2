"""The indexes resident search reads (selectors/search.py), one set per engine.

Search reads its results in index order and stops after a page: the residents whose folded text
begins with the query (a range of a B-tree), then the other matches found through a word index.

- PostgreSQL: B-trees on the folded text and on the lower-cased record number in byte order
  (COLLATE "C": a prefix is then a range whatever the database's collation, and the order is the
  alphabet of the folded text), each with the id, the order's tie-break. The pg_trgm GIN index of
  migration 0004 stays: it finds the other matches.
- SQLite: the same B-trees (SQLite compares bytes already, and every index ends with the rowid),
  and an FTS5 table over `search_text` for the other matches: the unicode61 tokenizer on the
  already folded text (its own diacritic removal would keep đ), word prefixes of 2 and 3 letters
  indexed; external content (the resident table), kept by triggers in the writing transaction.

The two plain indexes the model declared on `search_text` leave Django's state: on PostgreSQL they
sorted by the database's collation, which no search query asks for.

Django's state knows none of these. On SQLite, a later migration that remakes the resident table
(Django copies it into a new one for most field changes) drops them with the old table: such a
migration must run `create` below again (tests/test_search_index.py fails until it does).
"""

from django.db import migrations, models

FTS = "residents_resident_fts"

POSTGRESQL = [
    (
        'CREATE INDEX resident_search_bytes ON residents_resident ((search_text COLLATE "C"), id) INCLUDE (facility_id)',
        "DROP INDEX IF EXISTS resident_search_bytes",
    ),
    (
        'CREATE INDEX resident_facility_search_bytes ON residents_resident (facility_id, (search_text COLLATE "C"), id)',
        "DROP INDEX IF EXISTS resident_facility_search_bytes",
    ),
    (
        'CREATE INDEX resident_record_bytes ON residents_resident ((lower(record_number) COLLATE "C"), id)',
        "DROP INDEX IF EXISTS resident_record_bytes",
    ),
    # A histogram ten times finer for the folded text: the planner then knows how many residents
    # a name's range holds (thousands for a common full name, a handful for a rare one) and reads
    # the transferred-away scope from the right side. Only LIKE estimates read it, at planning.
    (
        "ALTER TABLE residents_resident ALTER COLUMN search_text SET STATISTICS 1000",
        "ALTER TABLE residents_resident ALTER COLUMN search_text SET STATISTICS -1",
    ),
    # The residents a facility transferred away (search's second scope), read without the heap.
    (
        "CREATE INDEX episode_transferred_out ON residents_episode (facility_id, resident_id) "
        "WHERE outcome = 'transferred'",
        "DROP INDEX IF EXISTS episode_transferred_out",
    ),
]

SQLITE = [
    (
        "CREATE INDEX resident_search_bytes ON residents_resident (search_text)",
        "DROP INDEX IF EXISTS resident_search_bytes",
    ),
    (
        "CREATE INDEX resident_facility_search_bytes ON residents_resident (facility_id, search_text)",
        "DROP INDEX IF EXISTS resident_facility_search_bytes",
    ),
    (
        "CREATE INDEX resident_record_bytes ON residents_resident (lower(record_number))",
        "DROP INDEX IF EXISTS resident_record_bytes",
    ),
    (
        "CREATE INDEX episode_transferred_out ON residents_episode (facility_id, resident_id) "
        "WHERE outcome = 'transferred'",
        "DROP INDEX IF EXISTS episode_transferred_out",
    ),
    (
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(search_text, content='residents_resident', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
        f"DROP TABLE IF EXISTS {FTS}",
    ),
    (
        f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON residents_resident BEGIN "
        f"INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"DROP TRIGGER IF EXISTS {FTS}_insert",
    ),
    (
        f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON residents_resident BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
        f"DROP TRIGGER IF EXISTS {FTS}_delete",
    ),
    (
        f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF search_text ON residents_resident BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"DROP TRIGGER IF EXISTS {FTS}_update",
    ),
    # The residents already there.
    (f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')", None),
]

BY_VENDOR = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def create(apps, schema_editor):
    for statement, _reverse in BY_VENDOR.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for _statement, reverse in reversed(BY_VENDOR.get(schema_editor.connection.vendor, [])):
        if reverse:
            schema_editor.execute(reverse)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0004_search_trigram_index_postgresql"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="resident", name="resident_facility_search"),
        migrations.AlterField(
            model_name="resident",
            name="search_text",
            field=models.CharField(editable=False, max_length=400),
        ),
        migrations.RunPython(create, drop),
    ]
