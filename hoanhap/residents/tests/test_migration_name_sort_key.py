"""Migration 0010 fills the Vietnamese name order of the residents already there, in batches."""

from importlib import import_module

import pytest
from django.apps import apps

from hoanhap.core.collation import name_sort_key
from hoanhap.residents.models import Resident
from hoanhap.testing import make_resident

pytestmark = pytest.mark.django_db
migration = import_module("hoanhap.residents.migrations.0010_name_sort_key")


def test_the_migration_fills_every_resident_s_name_order_batch_by_batch(facility, monkeypatch):
    for name in ["Nguyễn Văn Hùng", "Đặng Thị Hường", "Lê Văn An"]:
        make_resident(facility, name)
    Resident.objects.update(name_sort_key=None)
    monkeypatch.setattr(migration, "BATCH", 2)

    migration.fill(apps, None)

    assert {resident.full_name: resident.name_sort_key for resident in Resident.objects.all()} == {
        name: name_sort_key(name) for name in ["Nguyễn Văn Hùng", "Đặng Thị Hường", "Lê Văn An"]
    }
