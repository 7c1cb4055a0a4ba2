"""A list exported to a file leaves one entry per facility it covers: who, which list, which
filters, how many rows."""

import pytest

from hoanhap.audit.models import AuditEntry
from hoanhap.audit.writes import record_list_export

pytestmark = pytest.mark.django_db


def test_an_export_over_two_facilities_leaves_an_entry_in_each_naming_the_filters_and_the_count(
    province_viewer, facility, other_facility
):
    record_list_export(
        actor=province_viewer,
        event="residents.list_exported",
        facility_ids=[facility.pk, other_facility.pk],
        title="Lessons",
        count=12,
        filters={"kind": "vocational", "q": ""},
    )
    entries = AuditEntry.objects.filter(event="residents.list_exported").order_by("facility_id")
    assert [entry.facility_id for entry in entries] == sorted([facility.pk, other_facility.pk])
    for entry in entries:
        assert entry.actor == province_viewer and entry.action == AuditEntry.Action.ACCESS
        assert entry.additional_data == {"filters": {"kind": "vocational"}, "count": 12}
        assert entry.object_repr == "Lessons (12)"


def test_an_export_names_a_registered_event_or_is_refused(director, facility):
    from hoanhap.core.registry import NotRegistered

    with pytest.raises(NotRegistered):
        record_list_export(
            actor=director, event="nowhere.exported", facility_ids=[facility.pk], title="x", count=0, filters={}
        )
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).exists()


def test_a_nul_character_typed_into_a_filter_is_left_out_of_the_entry(director, facility):
    # PostgreSQL stores no NUL in JSON: the export would have failed after its file was written.
    record_list_export(
        actor=director,
        event="residents.list_exported",
        facility_ids=[facility.pk],
        title="x",
        count=1,
        filters={"q": "Hùng\x00"},
    )
    assert AuditEntry.objects.get(event="residents.list_exported").additional_data["filters"] == {"q": "Hùng"}
