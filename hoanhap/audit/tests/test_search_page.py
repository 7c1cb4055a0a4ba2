"""Auditors search the trail of their own facility: by person, resident, date and action."""

from datetime import timedelta

import pytest
from auditlog.context import set_actor
from django.urls import reverse
from django.utils import timezone

from hoanhap.audit.models import AuditEntry
from hoanhap.testing import client_for, make_episode, make_resident, vietnamese

pytestmark = pytest.mark.django_db

A = AuditEntry.Action


# The page reads the user's memberships, the entries and their count, each once.
SEARCH_QUERIES = 12


@pytest.fixture
def search(django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    """Open the search page as `user`, within the page's query budget."""

    def open_page(user, **params):  # type: ignore[no-untyped-def]
        client = client_for(user)
        with django_assert_max_num_queries(SEARCH_QUERIES):
            return client.get(reverse("audit:search"), params)

    return open_page


def shown(response) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    return list(response.context["page"])


def dd_mm_yyyy(days_from_today: int) -> str:
    return (timezone.localdate() + timedelta(days=days_from_today)).strftime("%d/%m/%Y")


@pytest.fixture
def trail(director, doctor, facility, other_facility):  # type: ignore[no-untyped-def]
    """Entries in both facilities, by two people."""
    with set_actor(director):
        hung = make_resident(facility, full_name="Nguyễn Văn Hùng")
        make_episode(hung)
    with set_actor(doctor):
        mai = make_resident(facility, full_name="Trần Thị Mai")
    make_resident(other_facility, full_name="Đỗ Văn Khác")
    return {"hung": hung, "mai": mai}


def test_an_auditor_sees_only_their_facilitys_entries(search, auditor, facility, trail):
    entries = shown(search(auditor))
    assert entries
    assert {e.facility_id for e in entries} == {facility.pk}
    assert "Đỗ Văn Khác" not in search(auditor).content.decode()


def test_the_other_facilitys_auditor_sees_none_of_these(search, auditor_of_other_facility, other_facility, trail):
    entries = shown(search(auditor_of_other_facility))
    assert {e.facility_id for e in entries} == {other_facility.pk}


def test_the_search_page_lists_the_newest_first(search, auditor, trail):
    ids = [e.pk for e in shown(search(auditor))]
    assert ids == sorted(ids, reverse=True)


def test_the_search_page_answers_in_a_fixed_number_of_queries(auditor, facility, django_assert_max_num_queries):
    with set_actor(auditor):
        for n in range(30):
            make_episode(make_resident(facility, full_name=f"Học viên {n}"))
    client = client_for(auditor)
    with django_assert_max_num_queries(SEARCH_QUERIES):
        response = client.get(reverse("audit:search"))
    assert len(shown(response)) == 50


def test_filtering_by_staff_member(search, auditor, director, trail):
    entries = shown(search(auditor, actor="director"))
    assert entries
    assert {e.actor_id for e in entries} == {director.pk}


def test_filtering_by_staff_members_full_name(search, auditor, doctor, trail):
    doctor.full_name = "Bác sĩ Lan"
    doctor.save()
    assert {e.actor_id for e in shown(search(auditor, actor="Lan"))} == {doctor.pk}


def test_filtering_by_resident_without_diacritics(search, auditor, trail):
    entries = shown(search(auditor, resident="nguyen van hung"))
    assert entries
    assert {e.resident_id for e in entries} == {trail["hung"].pk}


def test_filtering_by_a_resident_of_another_facility_finds_nothing(search, auditor, trail):
    assert shown(search(auditor, resident="Đỗ Văn Khác")) == []


def test_filtering_by_action(search, auditor, trail):
    entries = shown(search(auditor, action=A.CREATE))
    assert entries
    assert {e.action for e in entries} == {A.CREATE}


def test_filtering_by_dates(search, auditor, trail):
    assert shown(search(auditor, date_from=dd_mm_yyyy(0), date_to=dd_mm_yyyy(0)))
    assert shown(search(auditor, date_from=dd_mm_yyyy(1))) == []
    assert shown(search(auditor, date_to=dd_mm_yyyy(-1))) == []


def test_filters_combine(search, auditor, director, trail):
    entries = shown(search(auditor, actor="director", resident="Hùng", action=A.CREATE))
    assert {(e.actor_id, e.resident_id, e.action) for e in entries} == {(director.pk, trail["hung"].pk, A.CREATE)}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "31/02/2026"}, "date_from"),
        ({"date_from": "hôm qua"}, "date_from"),
        ({"date_to": "2026-13-45"}, "date_to"),
        ({"date_from": "99/99/99999999"}, "date_from"),
        ({"action": "xóa"}, "action"),
        ({"action": "99"}, "action"),
        ({"actor": "x" * 500}, "actor"),
        ({"resident": "Hùng\x00"}, "resident"),
    ],
)
def test_bad_input_gives_a_message_beside_the_field_not_an_error(search, auditor, trail, params, field):
    response = search(auditor, **params)
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_an_end_date_before_the_start_date_is_explained(search, auditor, trail):
    response = search(auditor, date_from=dd_mm_yyyy(0), date_to=dd_mm_yyyy(-3))
    assert response.context["form"].errors["date_to"] == [vietnamese("The end date is before the start date.")]


def test_a_bad_field_does_not_drop_the_good_filters(search, auditor, director, trail):
    entries = shown(search(auditor, actor="director", date_from="31/02/2026"))
    assert entries
    assert {e.actor_id for e in entries} == {director.pk}


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999999", "1.5"])
def test_any_page_number_gives_a_page(search, auditor, trail, page):
    assert search(auditor, page=page).status_code == 200


def test_an_htmx_search_gets_only_the_results(auditor, trail, django_assert_max_num_queries):
    client = client_for(auditor)
    with django_assert_max_num_queries(SEARCH_QUERIES):
        response = client.get(reverse("audit:search"), {"action": A.CREATE}, headers={"HX-Request": "true"})
    assert response.templates[0].name == "audit/_results.html"


def test_a_director_may_not_search_the_trail(search, director, trail):
    assert search(director).status_code == 403


def test_the_search_page_needs_a_signed_in_user(client):
    response = client.get(reverse("audit:search"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_trail_hides_sensitive_values_from_an_auditor(search, auditor, facility):
    resident = make_resident(facility, citizen_id="001090055555")
    resident.citizen_id = "001090066666"
    resident.save()

    content = search(auditor, resident="Hùng").content.decode()

    assert "citizen_id" in content
    assert "001090055555" not in content
    assert "001090066666" not in content
    assert AuditEntry.objects.filter(resident_id=resident.pk, changes__icontains="001090066666").exists()


def test_an_auditor_who_may_read_legal_data_sees_the_values(search, facility):
    from hoanhap.accounts.roles import Role
    from hoanhap.testing import make_user

    reader = make_user(Role.AUDITOR, facility)
    reader.memberships.create(facility=facility, role=Role.DIRECTOR)
    make_resident(facility, citizen_id="001090055555")

    assert "001090055555" in search(reader).content.decode()


def test_ordinary_values_are_shown_to_the_auditor(search, auditor, facility):
    make_resident(facility, full_name="Nguyễn Văn Hùng")
    assert "Nguyễn Văn Hùng" in search(auditor).content.decode()
