"""My work: the clerk's reminders, each with the list behind it, and the residents lately opened."""

from datetime import date

import pytest
from django.urls import reverse

from hoanhap.residents import services
from hoanhap.testing import card_on, client_for

from .builders import admit, register, tick_all

pytestmark = pytest.mark.django_db
MY_WORK = reverse("residents:my-work")
WORK_LIST = reverse("residents:work-list")


@pytest.fixture
def ward(director, facility, men_room, today):
    """Today 10/11/2026. Hùng: admitted 05/01/2026, reception open, no grade for October. Nam: graded
    for October, reception done, on leave since 01/11/2026 for 5 + 2 days (back by 08/11). Minh:
    admitted 05/11/2026, reception open for five days only. Lan: 12 months from 01/12/2025,
    released within 30 days, reception open, no grade for October."""
    hung = admit(director, register(director, facility, "Nguyễn Văn Hùng"), men_room)
    nam = admit(director, register(director, facility, "Trần Văn Nam"), men_room)
    tick_all(director, nam)
    services.record_conduct_grade(actor=director, episode=nam, month=date(2026, 10, 1), grade="good")
    services.record_leave(
        actor=director,
        episode=nam,
        occurred_on=date(2026, 11, 1),
        leave_reason="funeral_parent",
        days=5,
        travel_days=2,
        decision_number="5/QĐ",
        decision_on=date(2026, 11, 1),
    )
    minh = admit(director, register(director, facility, "Lò Văn Minh"), men_room, admitted_on=date(2026, 11, 5))
    lan = admit(
        director, register(director, facility, "Đặng Văn Lan"), men_room, admitted_on=date(2025, 12, 1), term_months=12
    )
    return {"hung": hung, "nam": nam, "minh": minh, "lan": lan}


def _counts(response):  # type: ignore[no-untyped-def]
    return {line["key"]: line["count"] for line in response.context["lines"]}


def _names(response):  # type: ignore[no-untyped-def]
    return sorted(episode.resident.full_name for episode in response.context["page"])


def test_my_work_counts_each_reminder(counsellor, ward):
    counts = _counts(client_for(counsellor).get(MY_WORK))
    assert counts["leave_overdue"] == 1
    assert counts["releases_due"] == 1
    assert counts["reception_open"] == 2  # Hùng and Lan; Minh came five days ago
    assert counts["grade_missing"] == 2  # Hùng and Lan; Nam is graded, Minh came in November


@pytest.mark.parametrize(
    ("key", "names"),
    [
        ("leave_overdue", ["Trần Văn Nam"]),
        ("grade_missing", ["Nguyễn Văn Hùng", "Đặng Văn Lan"]),
    ],
)
def test_each_reminder_links_to_the_list_behind_it(counsellor, ward, key, names):
    response = client_for(counsellor).get(WORK_LIST, {"show": key})
    assert response.status_code == 200
    assert _names(response) == sorted(names)


def test_a_list_that_does_not_exist_is_404(counsellor, ward):
    assert client_for(counsellor).get(WORK_LIST, {"show": "everything"}).status_code == 404


def test_the_counts_take_the_same_queries_however_many_residents(
    counsellor, director, facility, men_room, ward, django_assert_num_queries
):
    client = client_for(counsellor)
    client.get(MY_WORK)
    for n in range(10):
        admit(director, register(director, facility, f"Lò Văn {n}"), men_room)
    # Session, user, device, memberships, facilities (the menu's selector); then the counts, the
    # open leaves, the residents opened.
    with django_assert_num_queries(8):
        client.get(MY_WORK)


def test_the_residents_opened_lately_are_listed_latest_first(counsellor, ward):
    client = client_for(counsellor)
    for name in ("hung", "nam", "hung"):
        client.get(reverse("residents:detail", args=[ward[name].resident_id]))
    recent = client.get(MY_WORK).context["recent"]
    assert [resident.full_name for resident in recent] == ["Nguyễn Văn Hùng", "Trần Văn Nam"]


def test_only_the_user_s_own_openings_count(counsellor, manager, ward):
    client_for(manager).get(reverse("residents:detail", args=[ward["hung"].resident_id]))
    assert client_for(counsellor).get(MY_WORK).context["recent"] == []


def test_another_facility_sees_none_of_these_reminders(director_of_other_facility, ward):
    counts = _counts(client_for(director_of_other_facility).get(MY_WORK))
    assert set(counts.values()) == {0}


def test_the_home_page_shows_the_reminders_card(counsellor, ward):
    card = card_on(client_for(counsellor).get(reverse("shell:home")), "residents.work")
    assert card is not None
    assert {line["key"]: line["count"] for line in card["lines"]}["leave_overdue"] == 1


def test_a_role_without_residents_gets_403(auditor, ward):
    assert client_for(auditor).get(MY_WORK).status_code == 403
    assert client_for(auditor).get(WORK_LIST, {"show": "grade_missing"}).status_code == 403
