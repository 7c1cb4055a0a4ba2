"""The indexes resident search reads (migrations 0004 and 0005), one set per engine, and the plans
that use them. Tables this small do not tempt a planner, so each plan is asked for with the other
ways turned off: the test shows the index can serve the query as written."""

import pytest
from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate
from django.test.utils import CaptureQueriesContext

from hoanhap.accounts.roles import Role
from hoanhap.residents import selectors, services
from hoanhap.residents.models import Resident
from hoanhap.residents.selectors import ResidentFilters
from hoanhap.testing import make_resident, make_user

from .builders import register

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")


def index_definitions() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'residents_resident'")
        return dict(cursor.fetchall())


def plan_with_only_indexes(queryset) -> str:
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        return queryset.explain()


@on_postgresql
def test_search_text_has_a_trigram_gin_index_and_b_trees_in_byte_order():
    definitions = index_definitions()
    assert "gin_trgm_ops" in definitions["resident_search_trgm"]
    assert 'search_text COLLATE "C", id' in definitions["resident_search_bytes"]
    assert 'facility_id, search_text COLLATE "C", id' in definitions["resident_facility_search_bytes"]
    assert 'lower((record_number)::text) COLLATE "C"' in definitions["resident_record_bytes"]


@on_postgresql
def test_a_name_s_beginning_is_a_range_of_the_byte_order_index_read_in_order(facility):
    make_resident(facility, "Nguyễn Văn Hùng")
    queryset = (
        Resident.objects.annotate(key=Collate(F("search_text"), "C"))
        .filter(key__gte="nguyen van", key__lt="nguyen vao")
        .order_by("key", "id")
        .values_list("id", flat=True)[:26]
    )
    plan = plan_with_only_indexes(queryset)
    assert "resident_search_bytes" in plan or "resident_facility_search_bytes" in plan
    assert "Sort" not in plan


@on_postgresql
def test_the_words_search_uses_are_served_by_the_trigram_index(director, facility):
    for n in range(30):
        register(director, facility, f"Nguyễn Văn Hùng {n}", citizen_id="")
    assert len(selectors.search_residents(director, ResidentFilters(query="van hung"))) == 30
    # The conditions the search writes for words of three letters and more, and for two letters.
    hint = selectors.search._word_hint(["van", "hung", "ng"])
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        plan = Resident.objects.filter(hint).explain()
    assert "resident_search_trgm" in plan
    assert "~~ '%van%'" in plan and "~ '(^| )ng'" in plan


@on_postgresql
def test_a_record_number_is_a_range_of_its_own_index(facility):
    make_resident(facility, "Lò Văn Một", record_number="HV-2025-0123")
    queryset = (
        Resident.objects.annotate(key=selectors.search.record_key())
        .filter(key__gte="hv-2025", key__lt="hv-2026")
        .values_list("id", flat=True)
    )
    assert "resident_record_bytes" in plan_with_only_indexes(queryset)


@on_sqlite
def test_sqlite_has_the_search_indexes_and_the_triggers_of_its_fts5_table():
    """A later migration that remakes the resident table on SQLite (Django copies it into a new
    one) drops what Django's state does not know: recreate them there, as 0005 does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE tbl_name = 'residents_resident'")
        found = set(cursor.fetchall())
    for name in ("resident_search_bytes", "resident_facility_search_bytes", "resident_record_bytes"):
        assert ("index", name) in found
    for name in ("insert", "update", "delete"):
        assert ("trigger", f"residents_resident_fts_{name}") in found


def fts_rows(query: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM residents_resident_fts WHERE residents_resident_fts MATCH %s ORDER BY rowid", [query]
        )
        return [row[0] for row in cursor.fetchall()]


@on_sqlite
def test_the_fts5_table_follows_every_write_of_the_resident_table(director, facility):
    resident = register(director, facility, "Nguyễn Văn Hùng")
    assert fts_rows('"hung"*') == [resident.pk]
    services.update_resident(
        actor=director, resident=resident, expected_version=resident.version, identity={"full_name": "Lê Văn Nam"}
    )
    assert fts_rows('"hung"*') == [] and fts_rows('"nam"*') == [resident.pk]
    Resident.objects.filter(pk=resident.pk).update(facility=facility)  # a write without search_text
    assert fts_rows('"nam"*') == [resident.pk]


@on_sqlite
def test_the_fts5_table_reads_word_prefixes_of_the_folded_text(facility):
    duc = make_resident(facility, "Đỗ Văn Đức", record_number="HV-2026-0042")
    assert fts_rows('"duc"*') == [duc.pk]
    assert fts_rows('"hv-2026"*') == [duc.pk]  # split at punctuation, as the query is
    assert fts_rows('"uc"*') == []
    duc.delete()
    assert fts_rows('"duc"*') == []


@on_postgresql
def test_the_vietnamese_name_order_has_b_trees_in_byte_order():
    definitions = index_definitions()
    assert 'name_sort_key COLLATE "C", id' in definitions["resident_name_order"]
    assert 'facility_id, name_sort_key COLLATE "C", id' in definitions["resident_facility_name_order"]


@on_sqlite
def test_the_vietnamese_name_order_has_its_indexes_on_sqlite():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'residents_resident'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"resident_name_order", "resident_facility_name_order"} <= names


def test_the_residents_transferred_away_are_read_from_their_episodes_not_by_testing_every_resident(
    facility, other_facility
):
    # With nothing typed, a correlated test of each resident in the other facilities (EXISTS)
    # walks the whole name order to find the few who came from here; their transfer episodes name
    # them directly. A typed search keeps the test: its own index finds few residents to test.
    make_resident(facility, "Nguyễn Văn An")
    manager = make_user(Role.RESIDENT_MANAGER, facility, username="m")
    for filters, correlated in ((ResidentFilters(), False), (ResidentFilters(query="nguyen"), True)):
        with CaptureQueriesContext(connection) as captured:
            selectors.search_page(manager, filters)
        compound = next(query["sql"] for query in captured if "UNION" in query["sql"])
        assert ("EXISTS" in compound) is correlated
        assert "residents_episode" in compound


@on_postgresql
@pytest.mark.parametrize("sort", ["", "name", "-record"])
def test_the_residents_transferred_away_are_sorted_by_a_key_no_index_offers(director, facility, sort):
    # Offered the order's index, PostgreSQL walked the whole order of the other facilities to fill
    # a page from the few residents who left for them (2.9 s for a million residents, none found).
    make_resident(facility, "Nguyễn Văn An")
    with CaptureQueriesContext(connection) as captured:
        selectors.search_page(director, ResidentFilters(sort=sort))
    compound = next(query["sql"] for query in captured if "UNION" in query["sql"])
    here, left = compound.split("UNION ALL")
    assert "|| '')" not in here
    assert "|| '')" in left
