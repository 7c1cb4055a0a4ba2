"""Staff at work at the same time: concurrent intakes on separate connections, as gunicorn's
workers make them. Each must succeed or be refused with a message, never fail with a database
error (a deadlock between the audit chain's lock and row locks, a unique number drawn twice, a
room filled past its beds), and the audit chain must stay one chain.

On PostgreSQL the threads share the test database. SQLite's test database lives in one
connection's memory, so there they share a file copy of it, opened with the project's settings
(WAL, BEGIN IMMEDIATE, the busy timeout), as production's is.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from hoanhap.accounts.roles import Role
from hoanhap.audit.services import verify_chain
from hoanhap.core.models import Zone
from hoanhap.residents import services
from hoanhap.residents.errors import DomainError
from hoanhap.residents.models import Episode, Resident
from hoanhap.residents.terms import Stage
from hoanhap.testing import make_user

from .builders import make_room, make_zone

pytestmark = pytest.mark.django_db(transaction=True)

STAFF = 6
Outcome = BaseException | None


@pytest.fixture
def concurrently(tmp_path) -> Iterator[Callable[[Callable[[int], None]], list[Outcome]]]:  # type: ignore[no-untyped-def]
    """`concurrently(work)` runs work(0) … work(STAFF - 1) at once, each in a thread with its own
    connection, and returns what each raised (None when it succeeded)."""
    main = connections[DEFAULT_DB_ALIAS]
    shared_file = tmp_path / "shared.sqlite3"

    def own_connection() -> None:
        if main.vendor == "sqlite":
            settings = {**main.settings_dict, "NAME": str(shared_file)}
            connections[DEFAULT_DB_ALIAS] = type(main)(settings, DEFAULT_DB_ALIAS)

    def run(work: Callable[[int], None]) -> list[Outcome]:
        if main.vendor == "sqlite" and not shared_file.exists():
            main.ensure_connection()
            with sqlite3.connect(shared_file) as copy:
                main.connection.backup(copy)
        outcomes: list[Outcome] = [None] * STAFF
        start = threading.Barrier(STAFF)

        def staff_member(n: int) -> None:
            own_connection()
            try:
                start.wait()
                work(n)
            except BaseException as error:
                outcomes[n] = error
            finally:
                connections.close_all()

        threads = [threading.Thread(target=staff_member, args=(n,)) for n in range(STAFF)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # The test reads what the threads wrote.
        own_connection()
        return outcomes

    yield run
    if connections[DEFAULT_DB_ALIAS] is not main:
        connections[DEFAULT_DB_ALIAS].close()
        connections[DEFAULT_DB_ALIAS] = main


@pytest.fixture
def staff(facility):  # type: ignore[no-untyped-def]
    return [make_user(Role.RESIDENT_MANAGER, facility, username=f"staff-{n}") for n in range(STAFF)]


def identity(n: int, i: int = 0, **fields: object) -> dict[str, object]:
    return {
        "full_name": f"Nguyễn Văn Thử {n}-{i}",
        "date_of_birth": date(1990, 5, 17),
        "sex": "male",
        "permanent_province": "Lào Cai",
        **fields,
    }


def unexpected(outcomes: list[Outcome]) -> list[Outcome]:
    return [outcome for outcome in outcomes if outcome is not None and not isinstance(outcome, DomainError)]


def test_staff_registering_admitting_ticking_and_moving_stage_at_once_all_succeed(concurrently, staff, facility, today):
    zone = make_zone(facility, Zone.Kind.GENERAL)
    rooms = [make_room(zone, capacity=20) for _ in range(2)]
    day = today.value

    def intake(n: int) -> None:
        actor = staff[n]
        for i in range(3):
            resident = services.register_resident(
                actor=actor,
                facility=facility,
                identity=identity(n, i),
                contacts=[services.ContactData(relation="Mẹ", full_name="Trần Thị Lan", phone="0912345678")],
                confirmed_different_person=True,
            )
            episode = services.admit_resident(
                actor=actor,
                resident=resident,
                compulsory=True,
                admitted_on=day,
                term_months=24,
                zone=zone,
                room=rooms[(n + i) % 2],
                decision_number=f"{n}/2026/QĐ-TA",
                decision_on=day,
                decided_by="Tòa án nhân dân khu vực 1",
            )
            for item in episode.checklist.all():
                services.tick_checklist_item(actor=actor, item=item, done=True)
            services.move_stage(actor=actor, episode=episode, to_stage=Stage.DETOX, changed_on=day)

    assert concurrently(intake) == [None] * STAFF

    numbers = list(Resident.objects.filter(facility=facility).values_list("record_number", flat=True))
    assert len(numbers) == len(set(numbers)) == 3 * STAFF
    assert Episode.objects.filter(facility=facility, stage=Stage.DETOX).count() == 3 * STAFF
    assert not list(verify_chain())


def test_a_room_is_never_filled_past_its_beds_by_admissions_at_once(concurrently, staff, facility, today):
    room = make_room(make_zone(facility, Zone.Kind.GENERAL), capacity=STAFF // 2)
    residents = [
        services.register_resident(
            actor=staff[0], facility=facility, identity=identity(n), confirmed_different_person=True
        )
        for n in range(STAFF)
    ]

    def admit(n: int) -> None:
        services.admit_resident(
            actor=staff[n],
            resident=residents[n],
            compulsory=True,
            admitted_on=today.value,
            term_months=24,
            zone=room.zone,
            room=room,
            decision_number="1/2026/QĐ-TA",
            decision_on=today.value,
            decided_by="Tòa án nhân dân khu vực 1",
        )

    outcomes = concurrently(admit)

    assert not unexpected(outcomes)
    assert sorted(getattr(outcome, "code", "admitted") for outcome in outcomes) == ["admitted"] * (STAFF // 2) + [
        "room_full"
    ] * (STAFF - STAFF // 2)
    assert Episode.objects.filter(room=room).count() == room.capacity
    assert not list(verify_chain())


def test_one_record_number_typed_by_several_staff_at_once_is_given_once(concurrently, staff, facility, today):
    def register(n: int) -> None:
        services.register_resident(
            actor=staff[n],
            facility=facility,
            identity=identity(n, record_number="LC-00042"),
            confirmed_different_person=True,
        )

    outcomes = concurrently(register)

    assert not unexpected(outcomes)
    assert sorted(getattr(outcome, "code", "registered") for outcome in outcomes) == ["registered"] + ["taken"] * (
        STAFF - 1
    )
    assert Resident.objects.filter(facility=facility, record_number="LC-00042").count() == 1
