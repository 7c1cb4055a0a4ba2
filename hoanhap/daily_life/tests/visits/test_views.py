"""The visit officer's pages: the gate's day, booking, the lists, a resident's money and parcels."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoanhap.daily_life.models import Deposit, Parcel, Visit
from hoanhap.daily_life.services import visits as services
from hoanhap.testing import make_episode, make_resident, verified_client_for

from .conftest import at, family

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(visit_officer):  # type: ignore[no-untyped-def]
    return verified_client_for(visit_officer)


def booking(episode, extra=None):  # type: ignore[no-untyped-def]
    data = {
        "episode": str(episode.pk),
        "kind": "ordinary",
        "on": "04/03/2026",
        "starts": "08:00",
        "ends": "10:00",
        "visitor_1_name": "Trần Thị Lan",
        "visitor_1_id": "001190001234",
        "visitor_1_relation": "mother",
        "visitor_2_name": "Trần Văn Nam",
        "visitor_2_id": "C1234567",
        "visitor_2_relation": "sibling",
    }
    data.update(extra or {})
    return data


def test_the_officer_books_a_visit_and_sees_it_on_the_days_schedule(officer_client, episode, today):
    response = officer_client.post(reverse("daily_life:visit-book"), booking(episode))
    assert response.status_code == 302
    page = officer_client.get(response["Location"])
    assert page.status_code == 200
    assert "Trần Văn Bình" in page.text and "001190001234" in page.text and "C1234567" in page.text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"ends": "10:01"}, "at most 2 hours"),
        ({"visitor_1_id": ""}, "has no identity paper"),
        ({"visitor_1_id": "12345"}, "12 digits"),
        (
            {
                "visitor_3_name": "C",
                "visitor_3_id": "001190000003",
                "visitor_3_relation": "child",
                "visitor_4_name": "D",
                "visitor_4_id": "001190000004",
                "visitor_4_relation": "child",
            },
            "At most 3 relatives",
        ),
        ({"episode": ""}, "Find the resident"),
    ],
)
def test_a_refused_booking_says_which_rule_and_saves_nothing(officer_client, episode, today, extra, message):
    response = officer_client.post(reverse("daily_life:visit-book"), booking(episode, extra))
    assert response.status_code == 400
    assert message in response.text
    assert not Visit.objects.exists()


def test_a_double_booking_is_refused_with_a_400(officer_client, visit_officer, episode, today):
    services.book_visit(actor=visit_officer, episode=episode, starts_at=at(4, 8), ends_at=at(4, 10), visitors=family(1))
    response = officer_client.post(
        reverse("daily_life:visit-book"), booking(episode, {"starts": "09:00", "ends": "10:30"})
    )
    assert response.status_code == 400 and "overlap" in response.text
    assert Visit.objects.count() == 1


def test_the_resident_search_finds_a_name_typed_without_diacritics(officer_client, episode, today):
    response = officer_client.get(reverse("daily_life:visit-resident-search"), {"q": "tran binh"})
    assert response.status_code == 200 and "Trần Văn Bình" in response.text


def test_the_gate_checks_a_visitor_in_then_out(officer_client, visit_officer, episode, today):
    visit = services.book_visit(
        actor=visit_officer, episode=episode, starts_at=at(2, 8), ends_at=at(2, 10), visitors=family(2)
    )
    day = officer_client.get(reverse("daily_life:visit-day"), {"on": "2026-03-02"})
    assert day.status_code == 200 and "Check in" in day.text
    officer_client.post(reverse("daily_life:visit-check-in", args=[visit.pk]))
    officer_client.post(reverse("daily_life:visit-check-out", args=[visit.pk]))
    visit.refresh_from_db()
    assert visit.status == Visit.Status.DONE
    again = officer_client.post(reverse("daily_life:visit-check-in", args=[visit.pk]), follow=True)
    assert "cannot be recorded" in again.text


def test_another_facilitys_visit_is_a_404(officer_client, other_facility, director_of_other_facility, today):
    other = make_episode(make_resident(other_facility, "Phạm Văn Long"))
    visit = Visit.objects.create(
        facility=other_facility,
        resident=other.resident,
        episode=other,
        starts_at=at(2, 8),
        ends_at=at(2, 9),
        booked_by=director_of_other_facility,
    )
    assert officer_client.post(reverse("daily_life:visit-check-in", args=[visit.pk])).status_code == 404
    url = reverse("daily_life:visit-resident", args=[other.resident_id])
    assert officer_client.get(url).status_code == 404


def test_a_withdrawal_above_the_balance_is_a_400_with_the_message(officer_client, episode, today):
    url = reverse("daily_life:visit-resident", args=[episode.resident_id])
    assert officer_client.post(url, {"form": "money", "kind": "deposit", "amount": "300000"}).status_code == 302
    response = officer_client.post(url, {"form": "money", "kind": "withdrawal", "amount": "300001"})
    assert response.status_code == 400 and "above the balance" in response.text
    assert Deposit.objects.count() == 1
    assert "300,000 đ" in officer_client.get(url).text or "300.000 đ" in officer_client.get(url).text


def test_a_parcel_refused_without_a_reason_is_a_400(officer_client, episode, today):
    url = reverse("daily_life:visit-resident", args=[episode.resident_id])
    data = {
        "form": "parcel",
        "received_on": "02/03/2026",
        "handed_in_by": "Trần Thị Lan",
        "handed_in_relation": "mother",
        "items": "Thuốc lá",
        "status": "refused",
    }
    assert officer_client.post(url, data).status_code == 400
    assert officer_client.post(url, {**data, "refusal_reason": "Hàng cấm"}).status_code == 302
    assert Parcel.objects.get().refusal_reason == "Hàng cấm"
    listing = officer_client.get(reverse("daily_life:parcel-list"))
    assert listing.status_code == 200 and "Hàng cấm" in listing.text


def test_the_visit_list_filters_sorts_and_exports(officer_client, visit_officer, episode, today):
    for week in range(3):
        start = at(2, 8) + timedelta(days=7 * week)
        services.book_visit(
            actor=visit_officer,
            episode=episode,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            visitors=family(1),
        )
    response = officer_client.get(reverse("daily_life:visit-list"), {"from_on": "09/03/2026", "sort": "starts_at"})
    assert response.status_code == 200 and "2 rows match" in response.text
    export = officer_client.get(reverse("daily_life:visit-export"), {"from_on": "09/03/2026"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert officer_client.get(reverse("daily_life:visit-list"), {"from_on": "99/99/2026"}).status_code == 400


def test_the_director_approves_a_longer_visit(director, visit_officer, episode, today):
    visit = services.book_visit(
        actor=visit_officer, episode=episode, starts_at=at(4, 8), ends_at=at(4, 10), visitors=family(1)
    )
    client = verified_client_for(director)
    url = reverse("daily_life:visit-extend", args=[visit.pk])
    assert client.post(url, {"ends": "12:01", "version": visit.version}).status_code == 400
    assert client.post(url, {"ends": "12:00", "version": visit.version}).status_code == 302
    assert verified_client_for(visit_officer).get(url).status_code == 403


def test_the_gate_page_reads_the_same_queries_for_one_visit_or_many(officer_client, visit_officer, facility, today):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(reverse("daily_life:visit-day"), {"on": "2026-03-02"}).status_code == 200
        return len(queries)

    def book_one(n: int) -> None:
        episode = make_episode(make_resident(facility, f"Người {n}"))
        services.book_visit(
            actor=visit_officer, episode=episode, starts_at=at(2, 7 + n), ends_at=at(2, 8 + n), visitors=family(2)
        )

    book_one(0)
    officer_client.get(reverse("daily_life:visit-day"))
    one = count()
    for n in range(1, 6):
        book_one(n)
    assert count() == one


def test_the_director_sees_the_approval_link_on_the_gate_page_and_the_officer_does_not(
    director, officer_client, visit_officer, episode, today
):
    services.book_visit(actor=visit_officer, episode=episode, starts_at=at(2, 8), ends_at=at(2, 10), visitors=family(1))
    url = reverse("daily_life:visit-day")
    assert "Approve a longer visit" in verified_client_for(director).get(url, {"on": "2026-03-02"}).text
    assert "Approve a longer visit" not in officer_client.get(url, {"on": "2026-03-02"}).text
