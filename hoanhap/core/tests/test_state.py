from types import SimpleNamespace

import pytest
from django.utils import translation

from hoanhap.core.errors import DomainError
from hoanhap.core.state import Move, StateMachine

DOOR = StateMachine(
    "tests.door",
    moves={
        "open": Move(source={"closed"}, target="open"),
        "close": Move(source={"open"}, target="closed"),
        "knock": Move(source={"closed", "locked"}, target=None),
        "lock": Move(source={"closed"}, target="locked"),
    },
    status_label=str.upper,
    move_label=str.title,
)


def door(status):
    return SimpleNamespace(status=status)


@pytest.mark.parametrize(
    ("status", "move", "target"),
    [
        ("closed", "open", "open"),
        ("open", "close", "closed"),
        ("closed", "lock", "locked"),
    ],
)
def test_an_allowed_move_sets_the_target(status, move, target):
    instance = door(status)
    assert DOOR.move(instance, move) == target
    assert instance.status == target


@pytest.mark.parametrize(
    ("status", "move"),
    [("open", "open"), ("closed", "close"), ("locked", "open"), ("open", "lock"), ("open", "knock")],
)
def test_a_refused_move_raises_a_readable_domain_error_and_changes_nothing(status, move):
    instance = door(status)
    with pytest.raises(DomainError) as error:
        DOOR.move(instance, move)
    assert error.value.code == "status_not_allowed"
    with translation.override("en"):
        assert str(error.value) == f"“{move.title()}” cannot be recorded while the status is “{status.upper()}”."
    assert instance.status == status


@pytest.mark.parametrize("status", ["closed", "locked"])
def test_a_move_without_target_is_checked_and_leaves_the_status(status):
    instance = door(status)
    assert DOOR.move(instance, "knock") is None
    assert instance.status == status


def test_an_unknown_move_is_refused():
    with pytest.raises(DomainError) as error:
        DOOR.check(door("open"), "fly")
    assert error.value.code == "unknown_event"


@pytest.mark.parametrize(
    ("status", "allowed"),
    [("closed", ["open", "knock", "lock"]), ("open", ["close"]), ("locked", ["knock"]), ("gone", [])],
)
def test_allowed_lists_the_moves_in_their_declared_order(status, allowed):
    assert DOOR.allowed(door(status)) == allowed
    assert [move for move in DOOR.moves if DOOR.is_allowed(door(status), move)] == allowed


def test_a_machine_may_read_another_field_and_word_its_own_refusal():
    machine = StateMachine(
        "tests.case", moves={"close": Move(source={"open"}, target="closed")}, field="state", refusal="No: %(status)s."
    )
    case = SimpleNamespace(state="closed")
    with pytest.raises(DomainError, match=r"^No: closed\.$"):
        machine.move(case, "close")
