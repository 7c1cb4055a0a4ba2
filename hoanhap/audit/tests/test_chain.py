"""The audit trail: every change to a resident or an episode is recorded with who, from where,
old and new values, in the change's own transaction; the entries form a hash chain that
`verify_audit_chain` checks, and the database refuses to change or remove them."""

from datetime import date
from itertools import pairwise

import pytest
from auditlog.context import set_actor
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from hoanhap.audit.models import GENESIS_HASH, AuditEntry
from hoanhap.residents.models import Episode, Resident
from hoanhap.testing import append_only_suspended, make_episode, make_resident

pytestmark = pytest.mark.django_db

A = AuditEntry.Action
DESK = "10.20.30.40"


def entries_for(instance) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    return list(AuditEntry.objects.get_for_object(instance).order_by("id"))


def verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit_chain", stdout=out, stderr=StringIO())
    return out.getvalue()


def verify_fails() -> str:
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit_chain", stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_admitting_a_resident_records_who_from_where_and_the_new_values(director, facility):
    with set_actor(director, remote_addr=DESK):
        resident = make_resident(facility, full_name="Nguyễn Văn Hùng")

    [entry] = entries_for(resident)
    assert entry.action == A.CREATE
    assert entry.actor == director
    assert entry.remote_addr == DESK
    assert entry.facility_id == facility.pk
    assert entry.resident_id == resident.pk
    assert entry.changes["full_name"] == [None, "Nguyễn Văn Hùng"]


def test_changing_a_resident_records_the_old_and_the_new_value(director, facility):
    resident = make_resident(facility, full_name="Nguyễn Văn Hùng")
    with set_actor(director, remote_addr=DESK):
        resident.full_name = "Nguyễn Văn Hưng"
        resident.save()

    entry = entries_for(resident)[-1]
    assert entry.action == A.UPDATE
    assert entry.actor == director
    assert entry.changes == {"full_name": ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng"]}


def test_removing_a_resident_records_a_delete(director, facility):
    resident = make_resident(facility)
    resident_id = resident.pk
    with set_actor(director, remote_addr=DESK):
        resident.delete()

    entry = AuditEntry.objects.filter(resident_id=resident_id).latest("id")
    assert entry.action == A.DELETE
    assert entry.actor == director
    assert entry.object_pk == str(resident_id)


def test_every_change_to_an_episode_is_recorded_against_its_resident(director, facility):
    resident = make_resident(facility)
    with set_actor(director, remote_addr=DESK):
        episode = make_episode(resident, term_months=24)
        episode.term_months = 18
        episode.save()
        episode_id = episode.pk
        episode.delete()

    entries = AuditEntry.objects.filter(object_pk=str(episode_id), content_type__model="episode").order_by("id")
    assert [e.action for e in entries] == [A.CREATE, A.UPDATE, A.DELETE]
    assert all(e.resident_id == resident.pk and e.facility_id == facility.pk for e in entries)
    assert all(e.actor == director and e.remote_addr == DESK for e in entries)
    assert entries[1].changes == {"term_months": ["24", "18"]} or entries[1].changes == {"term_months": [24, 18]}


def test_the_entry_is_written_inside_the_changes_transaction(facility):
    with transaction.atomic():
        resident = make_resident(facility)
        assert connection.in_atomic_block
        assert AuditEntry.objects.filter(resident_id=resident.pk, action=A.CREATE).exists()


def test_a_rolled_back_change_leaves_no_entry(facility):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_resident(facility, full_name="Không được lưu")
        raise RuntimeError("the admission fails half-way")

    assert not Resident.objects.filter(full_name="Không được lưu").exists()
    assert AuditEntry.objects.count() == before


def test_a_rolled_back_update_leaves_neither_the_change_nor_its_entry(facility):
    episode = make_episode(make_resident(facility), term_months=24)
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        episode.term_months = 12
        episode.save()
        raise RuntimeError

    assert Episode.objects.get(pk=episode.pk).term_months == 24
    assert AuditEntry.objects.count() == before


def test_each_entry_carries_the_hash_of_the_one_before(facility):
    make_episode(make_resident(facility))
    entries = list(AuditEntry.objects.order_by("id"))
    assert entries[0].prev_hash == GENESIS_HASH
    for previous, entry in pairwise(entries):
        assert entry.prev_hash == previous.hash
        assert entry.hash == entry.compute_hash()


def test_the_chain_verifies_after_creates_updates_deletes_and_views(director, facility):
    from hoanhap.testing import verified_client_for

    resident = make_resident(facility)
    episode = make_episode(resident)
    episode.stage_since_on = date(2026, 2, 1)
    episode.save()
    client = verified_client_for(director)
    client.get(f"/residents/{resident.pk}/", REMOTE_ADDR="2001:0db8:0000:0000:0000:0000:0000:0001")
    client.get(f"/api/residents/{resident.pk}")
    episode.delete()

    assert "intact" in verify()


def test_an_empty_trail_verifies(db):
    assert AuditEntry.objects.count() == 0
    assert "intact" in verify()


def test_an_entry_changed_behind_the_applications_back_is_detected(facility):
    resident = make_resident(facility)
    make_episode(resident)
    target = entries_for(resident)[0]

    with append_only_suspended(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET remote_addr = %s WHERE id = %s",  # noqa: S608
            ["192.0.2.66", target.pk],
        )

    assert f"entry {target.pk}: content does not match its hash" in verify_fails()


def test_an_entry_removed_behind_the_applications_back_is_detected(facility):
    resident = make_resident(facility)
    make_episode(resident)
    make_episode(resident)
    _first, second, third = list(AuditEntry.objects.order_by("id"))[:3]

    with append_only_suspended(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [second.pk])  # noqa: S608

    assert f"entry {third.pk}: previous hash does not match" in verify_fails()


def test_the_triggers_are_back_after_a_test_suspends_them(facility):
    make_resident(facility)
    with append_only_suspended():
        pass
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table}")  # noqa: S608


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {table} SET object_repr = 'sửa lén'",
        "UPDATE {table} SET changes = NULL",
        "DELETE FROM {table}",
    ],
)
def test_the_database_itself_refuses_to_change_or_remove_an_entry(facility, statement):
    make_resident(facility)
    count = AuditEntry.objects.count()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.format(table=AuditEntry._meta.db_table))

    assert AuditEntry.objects.count() == count
    assert "intact" in verify()


def test_bulk_updates_and_deletes_through_the_orm_are_refused_too(facility):
    make_resident(facility)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(object_repr="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()


def test_the_application_refuses_to_save_or_delete_an_existing_entry(facility):
    make_resident(facility)
    entry = AuditEntry.objects.first()
    entry.object_repr = "x"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


@pytest.mark.django_db(transaction=True)
def test_committed_changes_keep_their_entries_and_the_chain_verifies(facility):
    """Outside the test's wrapping transaction: each save commits with its own entry."""
    resident = make_resident(facility)
    make_episode(resident)
    assert AuditEntry.objects.filter(resident_id=resident.pk).count() == 2
    assert "intact" in verify()


def test_a_change_made_after_a_request_is_not_blamed_on_that_requests_user(director, facility):
    """A worker thread serves many requests; the last user must not sign later changes."""
    from hoanhap.testing import verified_client_for

    verified_client_for(director).get("/")
    resident = make_resident(facility)

    [entry] = entries_for(resident)
    assert entry.actor is None
    assert entry.remote_addr is None
