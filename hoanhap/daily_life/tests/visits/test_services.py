"""Booking a visit, the gate, parcels and the money ledger: the services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.core.errors import DomainError
from hoanhap.daily_life.models import Deposit, Parcel, Visit, Visitor
from hoanhap.daily_life.services import visits as services
from hoanhap.daily_life.services.visits import VisitorData
from hoanhap.residents.models import TimelineEvent

from .conftest import at, family

pytestmark = pytest.mark.django_db


def book(actor, episode, start, minutes=120, visitors=None, kind=Visit.Kind.ORDINARY):  # type: ignore[no-untyped-def]
    return services.book_visit(
        actor=actor,
        episode=episode,
        kind=kind,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        visitors=family(2) if visitors is None else visitors,
    )


def refusal(callable_, *args, **kwargs) -> DomainError:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as refused:
        callable_(*args, **kwargs)
    return refused.value


def test_a_visit_officer_books_a_visit_with_two_identified_visitors(visit_officer, episode, today):
    visit = book(visit_officer, episode, at(4, 8))
    assert visit.status == Visit.Status.BOOKED and visit.booked_by == visit_officer
    assert [v.full_name for v in Visitor.objects.filter(visit=visit)] == ["Trần Thị Lan", "Trần Văn Nam"]
    assert TimelineEvent.objects.filter(kind="daily_life.visit_booked", resident=episode.resident).exists()


def test_two_hours_is_allowed_and_two_hours_one_minute_is_refused(visit_officer, episode, today):
    error = refusal(book, visit_officer, episode, at(4, 8), minutes=121)
    assert error.code == "visit_too_long" and error.field == "ends_at"
    assert "director" in str(error)
    book(visit_officer, episode, at(4, 8), minutes=120)


def test_the_director_approves_a_longer_visit_the_officer_booked(visit_officer, director, episode, today):
    visit = book(visit_officer, episode, at(4, 8))
    with pytest.raises(PermissionDenied):
        services.approve_visit_extension(actor=visit_officer, visit=visit, ends_at=at(4, 12))
    visit = services.approve_visit_extension(actor=director, visit=visit, ends_at=at(4, 12))
    assert visit.approved_by == director and visit.ends_at == at(4, 12)
    assert refusal(services.approve_visit_extension, actor=director, visit=visit, ends_at=at(4, 12, 1)).code == (
        "visit_too_long_approved"
    )


def test_three_relatives_may_visit_and_four_are_refused(visit_officer, episode, today):
    error = refusal(book, visit_officer, episode, at(4, 8), visitors=family(4))
    assert error.code == "too_many_relatives" and "3" in str(error)
    assert not Visit.objects.exists() and not Visitor.objects.exists()
    book(visit_officer, episode, at(4, 8), visitors=family(3))


def test_a_second_visit_in_the_same_calendar_week_is_refused(visit_officer, episode, today):
    book(visit_officer, episode, at(2, 8))  # Monday
    error = refusal(book, visit_officer, episode, at(8, 14))  # Sunday of the same week
    assert error.code == "weekly_visit_used" and "02/03/2026" in str(error)
    book(visit_officer, episode, at(9, 8))  # Monday of the next week


def test_a_cancelled_visit_frees_the_week(visit_officer, episode, today):
    visit = book(visit_officer, episode, at(2, 8))
    services.cancel_visit(actor=visit_officer, visit=visit, reason="Gia đình báo bận")
    book(visit_officer, episode, at(5, 8))


def test_double_booking_overlapping_times_is_refused(visit_officer, episode, today):
    book(visit_officer, episode, at(4, 8), visitors=family(3), kind=Visit.Kind.SPOUSE_STAY, minutes=48 * 60)
    error = refusal(book, visit_officer, episode, at(5, 9))
    assert error.code == "double_booking"
    assert Visit.objects.count() == 1


def test_a_visitor_without_an_id_number_is_refused_and_nothing_is_saved(visit_officer, episode, today):
    visitors = [VisitorData("Trần Thị Lan", "", "mother")]
    error = refusal(book, visit_officer, episode, at(4, 8), visitors=visitors)
    assert error.code == "visitor_without_id" and "Trần Thị Lan" in str(error)
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("001190001234", True),
        ("0011 9000 1234", True),
        ("00119000123", False),
        ("0011900012345", False),
        ("C1234567", True),
        ("c1234567", True),
        ("ABCDEFGH", False),
        ("12", False),
    ],
)
def test_an_id_number_is_a_12_digit_citizen_id_or_a_passport(visit_officer, episode, today, number, valid):
    visitors = [VisitorData("Trần Thị Lan", number, "mother")]
    if valid:
        visit = book(visit_officer, episode, at(4, 8), visitors=visitors)
        assert Visitor.objects.get(visit=visit).id_number == number.replace(" ", "").upper()
    else:
        assert refusal(book, visit_officer, episode, at(4, 8), visitors=visitors).code == "visitor_invalid_id"


def test_a_spouse_stays_48_hours_once_a_calendar_month(visit_officer, episode, today):
    spouse = [VisitorData("Lê Thị Hoa", "001190004321", "spouse")]
    assert refusal(book, visit_officer, episode, at(6, 8), 48 * 60 + 1, spouse, Visit.Kind.SPOUSE_STAY).code == (
        "spouse_stay_too_long"
    )
    book(visit_officer, episode, at(6, 8), 48 * 60, spouse, Visit.Kind.SPOUSE_STAY)
    error = refusal(book, visit_officer, episode, at(28, 8), 60, spouse, Visit.Kind.SPOUSE_STAY)
    assert error.code == "monthly_spouse_stay_used"
    book(visit_officer, episode, at(1, 8, month=4), 60, spouse, Visit.Kind.SPOUSE_STAY)


def test_a_spouse_stay_without_the_spouse_is_refused(visit_officer, episode, today):
    error = refusal(book, visit_officer, episode, at(6, 8), 60, family(2), Visit.Kind.SPOUSE_STAY)
    assert error.code == "spouse_missing"


def test_the_gate_checks_a_visit_in_and_out_and_refuses_a_wrong_move(visit_officer, episode, today):
    visit = book(visit_officer, episode, at(2, 8))
    assert refusal(services.check_out_visit, actor=visit_officer, visit=visit).code == "status_not_allowed"
    visit = services.check_in_visit(actor=visit_officer, visit=visit)
    assert visit.status == Visit.Status.CHECKED_IN and visit.checked_in_at is not None
    assert refusal(services.cancel_visit, actor=visit_officer, visit=visit).code == "status_not_allowed"
    visit = services.check_out_visit(actor=visit_officer, visit=visit)
    assert visit.status == Visit.Status.DONE


def test_only_the_visit_officer_books(teacher, director_of_other_facility, episode, today):
    with pytest.raises(PermissionDenied):
        book(teacher, episode, at(4, 8))
    with pytest.raises(PermissionDenied):
        book(director_of_other_facility, episode, at(4, 8))


def test_a_refused_parcel_needs_its_reason(visit_officer, episode, today):
    kwargs = {
        "actor": visit_officer,
        "episode": episode,
        "received_on": date(2026, 3, 2),
        "handed_in_by": "Trần Thị Lan",
        "items": "Bánh, sữa, thuốc lá",
    }
    assert refusal(services.record_parcel, **kwargs, status=Parcel.Status.PARTLY).field == "refusal_reason"
    parcel = services.record_parcel(**kwargs, status=Parcel.Status.PARTLY, refusal_reason="Thuốc lá: cấm mang vào")
    assert parcel.inspected_by == visit_officer
    assert (
        refusal(
            services.record_parcel, **{**kwargs, "received_on": date(2026, 3, 3)}, status=Parcel.Status.ACCEPTED
        ).field
        == "received_on"
    )


def test_a_withdrawal_above_the_balance_is_refused_and_nothing_is_saved(visit_officer, episode, today):
    services.record_money_movement(actor=visit_officer, episode=episode, kind="deposit", amount=500_000)
    error = refusal(
        services.record_money_movement, actor=visit_officer, episode=episode, kind="withdrawal", amount=500_001
    )
    assert error.code == "above_balance" and error.field == "amount"
    assert Deposit.objects.count() == 1
    movement = services.record_money_movement(actor=visit_officer, episode=episode, kind="withdrawal", amount=500_000)
    assert movement.balance_after == 0 and movement.recorded_by == visit_officer
    assert services.current_balance(episode.resident_id) == 0
