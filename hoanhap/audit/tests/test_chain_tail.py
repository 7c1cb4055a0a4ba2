"""The chain's tail kept by a transaction (`audit.chain`): read once per transaction instead of
once per entry, never trusted after a rollback or past the end of its transaction, and never
forked by concurrent writers."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from hoanhap.audit import chain
from hoanhap.audit.models import AuditEntry
from hoanhap.audit.services import verify_chain
from hoanhap.testing import make_resident

pytestmark = pytest.mark.django_db


def last_entry() -> AuditEntry:
    return AuditEntry.objects.latest("id")


def reads_of_the_tail(queries: CaptureQueriesContext) -> int:
    return sum('"audit_auditentry"."hash"' in query["sql"] for query in queries.captured_queries)


def chain_locks(queries: CaptureQueriesContext) -> int:
    return sum("pg_advisory_xact_lock" in query["sql"] for query in queries.captured_queries)


def test_an_entry_rolled_back_with_its_savepoint_leaves_no_hash_behind(facility):
    with transaction.atomic():
        kept = make_resident(facility, full_name="Giữ lại")
        with pytest.raises(RuntimeError), transaction.atomic():
            make_resident(facility, full_name="Bỏ đi")
            raise RuntimeError("the inner change fails")
        after = make_resident(facility, full_name="Sau đó")

    [kept_entry] = AuditEntry.objects.get_for_object(kept)
    [after_entry] = AuditEntry.objects.get_for_object(after)
    assert after_entry.prev_hash == kept_entry.hash
    assert not list(verify_chain())


def test_entries_after_a_released_savepoint_chain_to_the_savepoints_last_entry(facility):
    with transaction.atomic():
        with transaction.atomic():
            inner = make_resident(facility, full_name="Bên trong")
        after = make_resident(facility, full_name="Sau đó")

    assert (
        AuditEntry.objects.get_for_object(after).get().prev_hash == AuditEntry.objects.get_for_object(inner).get().hash
    )


@pytest.mark.django_db(transaction=True)
class TestAcrossTransactions:
    """Outside the test's wrapping transaction: each block commits or rolls back for real."""

    def test_a_transaction_reads_the_tail_once_however_many_entries_it_writes(self, facility):
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            for n in range(5):
                make_resident(facility, full_name=f"Người {n}")

        assert reads_of_the_tail(queries) == 1
        assert chain_locks(queries) == (1 if connection.vendor == "postgresql" else 0)
        assert not list(verify_chain())

    def test_holding_the_chain_needs_a_transaction(self, db):
        with pytest.raises(transaction.TransactionManagementError):
            chain.hold()

    def test_two_transactions_in_sequence_chain_one_after_the_other(self, facility):
        with transaction.atomic():
            make_resident(facility, full_name="Thứ nhất")
            first = last_entry()
        with transaction.atomic():
            make_resident(facility, full_name="Thứ hai")

        assert last_entry().prev_hash == first.hash
        assert not list(verify_chain())

    def test_a_rolled_back_transaction_leaves_neither_its_entries_nor_their_hash(self, facility):
        make_resident(facility, full_name="Đã lưu")
        committed = last_entry()
        count = AuditEntry.objects.count()
        with pytest.raises(RuntimeError), transaction.atomic():
            make_resident(facility, full_name="Không được lưu")
            raise RuntimeError("the admission fails half-way")
        make_resident(facility, full_name="Lưu sau")

        assert AuditEntry.objects.count() == count + 1
        assert last_entry().prev_hash == committed.hash
        assert not list(verify_chain())

    def test_a_new_transaction_chains_to_what_another_connection_wrote_in_between(self, facility):
        """What one transaction knew of the tail must not outlive it: another connection may
        append before the next transaction starts."""
        with transaction.atomic():
            make_resident(facility, full_name="Ở kết nối này")

        def elsewhere() -> None:
            try:
                make_resident(facility, full_name="Ở kết nối khác")
            finally:
                connections.close_all()

        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()
        written_elsewhere = last_entry()
        with transaction.atomic():
            make_resident(facility, full_name="Lại ở kết nối này")

        assert last_entry().prev_hash == written_elsewhere.hash
        assert not list(verify_chain())
