"""The trigram index that keeps name search fast on PostgreSQL (migration 0004)."""

import pytest
from django.db import connection

from hoanhap.residents import selectors
from hoanhap.residents.models import Resident
from hoanhap.residents.selectors import ResidentFilters

from .builders import register

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm exists on PostgreSQL only"),
]


def test_search_text_has_a_trigram_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'resident_search_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "gin_trgm_ops" in definition


def test_the_lookup_search_uses_can_be_served_by_the_index(director, facility, today):
    for n in range(30):
        register(director, facility, f"Nguyễn Văn Hùng {n}", citizen_id="")
    assert len(selectors.search_residents(director, ResidentFilters(query="van hung"))) == 30
    # The same `contains` lookup as the search, on a table too small for the planner to want an
    # index unless told: with only bitmap scans allowed, it can use the trigram index alone.
    queryset = Resident.objects.filter(search_text__contains="van hung")
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        plan = queryset.explain()
    assert "resident_search_trgm" in plan
