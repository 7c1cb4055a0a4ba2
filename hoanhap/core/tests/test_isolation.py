"""One centre never sees another's residents: not in a list, not in a search, not by guessing an
id, on the pages or through the API. Another facility's record is a 404, like one that does not
exist, so a guess learns nothing."""

import re

import pytest
from django.urls import reverse

from hoanhap.testing import card_on, client_for, make_episode, make_resident

pytestmark = pytest.mark.django_db

NO_SUCH_ID = 987_654_321
# Each page carries its own CSRF token; everything else must be identical.
CSRF_TOKEN = re.compile(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


def page_without_tokens(response, resident_id: int) -> bytes:  # type: ignore[no-untyped-def]
    """The page less its CSRF tokens and the requested path (the language switch returns to it)."""
    path = reverse("residents:detail", args=[resident_id]).encode()
    return CSRF_TOKEN.sub(rb"\1", response.content).replace(path, b"/residents/ID/")


@pytest.fixture
def theirs(facility):  # type: ignore[no-untyped-def]
    """A resident of facility A (Lào Cai)."""
    resident = make_resident(facility, full_name="Hoàng Văn Bí Mật", record_number="LC-0001", citizen_id="001099000001")
    make_episode(resident)
    return resident


@pytest.fixture
def ours(other_facility):  # type: ignore[no-untyped-def]
    """A resident of facility B, where the acting user works."""
    resident = make_resident(other_facility, full_name="Vũ Văn Của Mình", record_number="YB-0001")
    make_episode(resident)
    return resident


def test_a_director_of_facility_b_gets_a_404_for_facility_as_resident_page(director_of_other_facility, theirs, ours):
    client = client_for(director_of_other_facility)
    assert client.get(reverse("residents:detail", args=[ours.pk])).status_code == 200
    response = client.get(reverse("residents:detail", args=[theirs.pk]))
    assert response.status_code == 404
    assert "Hoàng Văn Bí Mật" not in response.content.decode()


def test_a_director_of_facility_b_gets_a_404_for_facility_as_resident_in_the_api(
    director_of_other_facility, theirs, ours
):
    client = client_for(director_of_other_facility)
    assert client.get(f"/api/residents/{ours.pk}").status_code == 200
    response = client.get(f"/api/residents/{theirs.pk}")
    assert response.status_code == 404
    assert "Bí Mật" not in response.content.decode()


def test_another_facilitys_record_looks_exactly_like_a_missing_one(director_of_other_facility, theirs):
    client = client_for(director_of_other_facility)
    page_theirs = client.get(reverse("residents:detail", args=[theirs.pk]))
    page_missing = client.get(reverse("residents:detail", args=[NO_SUCH_ID]))
    assert page_theirs.status_code == page_missing.status_code == 404
    assert page_without_tokens(page_theirs, theirs.pk) == page_without_tokens(page_missing, NO_SUCH_ID)
    api_theirs = client.get(f"/api/residents/{theirs.pk}")
    api_missing = client.get(f"/api/residents/{NO_SUCH_ID}")
    assert api_theirs.status_code == api_missing.status_code == 404
    assert api_theirs.json() == api_missing.json()


def test_guessing_every_id_finds_only_ones_own_residents(director_of_other_facility, facility, theirs, ours):
    others = [make_resident(facility).pk for _ in range(5)]
    client = client_for(director_of_other_facility)
    for resident_id in [theirs.pk, *others]:
        assert client.get(reverse("residents:detail", args=[resident_id])).status_code == 404
        assert client.get(f"/api/residents/{resident_id}").status_code == 404


@pytest.mark.parametrize("resident_id", ["0", "99999999999999999999", "9223372036854775808", "-1", "1e3", "abc"])
def test_odd_ids_are_a_404_or_a_validation_error_never_a_500(director, resident_id):
    client = client_for(director)
    assert client.get(f"/residents/{resident_id}/").status_code == 404
    assert client.get(f"/api/residents/{resident_id}").status_code in (404, 422)


def test_the_residents_list_of_facility_b_shows_none_of_facility_as(
    director_of_other_facility, theirs, ours, django_assert_max_num_queries
):
    client = client_for(director_of_other_facility)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("residents:list"))
    listed = [r.pk for r in response.context["page"]]
    assert listed == [ours.pk]
    assert "Hoàng Văn Bí Mật" not in response.content.decode()


@pytest.mark.parametrize("query", ["Hoàng Văn Bí Mật", "hoang van bi mat", "LC-0001", "001099000001", "Bí"])
def test_searching_for_facility_as_resident_from_facility_b_finds_nothing(
    director_of_other_facility, theirs, ours, query, django_assert_max_num_queries
):
    client = client_for(director_of_other_facility)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("residents:list"), {"q": query})
    assert list(page.context["page"]) == []
    with django_assert_max_num_queries(15):
        api = client.get("/api/residents", {"q": query})
    assert api.json()["items"] == []


def test_the_same_search_finds_the_resident_in_their_own_facility(director, theirs, django_assert_max_num_queries):
    client = client_for(director)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("residents:list"), {"q": "hoang van bi mat"})
    assert [r.pk for r in page.context["page"]] == [theirs.pk]
    assert [r["id"] for r in client.get("/api/residents", {"q": "LC-0001"}).json()["items"]] == [theirs.pk]


def test_the_api_list_of_facility_b_shows_none_of_facility_as(
    director_of_other_facility, facility, theirs, ours, django_assert_max_num_queries
):
    for _ in range(20):
        make_resident(facility)
    client = client_for(director_of_other_facility)
    with django_assert_max_num_queries(10):
        response = client.get("/api/residents")
    assert response.json()["count"] == 1
    assert [r["id"] for r in response.json()["items"]] == [ours.pk]


def test_the_htmx_list_is_scoped_the_same_way(director_of_other_facility, theirs, ours, django_assert_max_num_queries):
    client = client_for(director_of_other_facility)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("residents:list"), {"q": "Văn"}, headers={"HX-Request": "true"})
    assert [r.pk for r in response.context["page"]] == [ours.pk]


def test_the_dashboard_counts_only_ones_own_facility(director_of_other_facility, facility, theirs, ours):
    for _ in range(3):
        make_episode(make_resident(facility))
    response = client_for(director_of_other_facility).get(reverse("shell:home"))
    census = card_on(response, "residents.census")
    assert census is not None and census["in_rehab"] == 1


def test_a_guard_of_facility_b_cannot_switch_to_facility_a(guard_of_other_facility, facility):
    client = client_for(guard_of_other_facility)
    assert client.post(reverse("shell:switch-facility"), {"facility": facility.pk}).status_code == 404


@pytest.mark.parametrize("value", ["", "abc", "99999999999999999999", "1; DROP TABLE"])
def test_switching_to_a_nonsense_facility_is_a_404(director, value):
    assert client_for(director).post(reverse("shell:switch-facility"), {"facility": value}).status_code == 404


def test_switching_to_ones_own_second_facility_works(province_viewer, other_facility):
    client = client_for(province_viewer)
    response = client.post(reverse("shell:switch-facility"), {"facility": other_facility.pk, "next": "/residents/"})
    assert response.status_code == 302
    assert response["Location"] == "/residents/"
    assert client.get(reverse("shell:home")).context["current_facility"] == other_facility


def test_switching_facility_never_redirects_off_the_site(province_viewer, other_facility):
    response = client_for(province_viewer).post(
        reverse("shell:switch-facility"), {"facility": other_facility.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
