"""The error pages a user meets are the site's own, in Vietnamese, and say nothing of the data."""

import pytest
from django.test import Client
from django.urls import reverse

from hoanhap.testing import client_for, make_resident, vietnamese

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_like(settings):  # type: ignore[no-untyped-def]
    settings.DEBUG = False


def template_names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.name for t in response.templates]


def test_a_missing_page_shows_the_vietnamese_404_page(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "404.html" in template_names(response)
    content = response.content.decode()
    assert '<html lang="vi">' in content
    assert vietnamese("Page not found") in content


def test_another_facilitys_resident_shows_the_same_404_page(director_of_other_facility, facility):
    resident = make_resident(facility)
    response = client_for(director_of_other_facility).get(reverse("residents:detail", args=[resident.pk]))
    assert response.status_code == 404
    assert "404.html" in template_names(response)


def test_a_forbidden_page_shows_the_vietnamese_403_page(team_leader):
    response = client_for(team_leader).get(reverse("audit:search"))
    assert response.status_code == 403
    assert "403.html" in template_names(response)
    assert vietnamese("Access denied") in response.content.decode()


def test_a_form_sent_without_its_csrf_token_shows_the_403_page(director):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "director", "password": "x"})
    assert response.status_code == 403
    assert "403.html" in template_names(response)
    assert vietnamese("Access denied") in response.content.decode()


@pytest.mark.urls("hoanhap.shell.tests.urls_with_errors")
def test_a_failing_page_shows_the_vietnamese_500_page(director):
    client = client_for(director)
    client.raise_request_exception = False
    response = client.get("/failing-page/")
    assert response.status_code == 500
    assert "500.html" in template_names(response)
    assert vietnamese("Something went wrong") in response.content.decode()
    assert "RuntimeError" not in response.content.decode()


@pytest.mark.urls("hoanhap.shell.tests.urls_with_errors")
def test_a_failure_while_saving_sensitive_data_keeps_it_out_of_the_log(director, caplog):
    client = client_for(director)
    client.raise_request_exception = False
    with caplog.at_level("DEBUG"):
        client.post("/failing-page/", {"citizen_id": "001090077777", "hiv_status": "dương tính"})
    assert "Internal Server Error" in caplog.text
    assert "001090077777" not in caplog.text
    assert "dương tính" not in caplog.text


def test_the_api_answers_errors_in_json_not_with_a_page(director):
    response = client_for(director).get("/api/residents/987654321")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_the_error_pages_follow_the_users_language(client):
    response = client.get("/khong-co-trang-nay/", headers={"Accept-Language": "en"})
    assert '<html lang="en">' in response.content.decode()
    assert "Page not found" in response.content.decode()


def test_a_field_error_is_shown_beside_its_field_in_vietnamese(auditor):
    response = client_for(auditor).get(reverse("audit:search"), {"date_from": "31/02/2026"})
    assert response.context["form"].errors["date_from"] == [vietnamese("Enter a valid date.")]
    content = response.content.decode()
    assert 'id="id_date_from_error"' in content
    assert 'aria-describedby="id_date_from_error"' in content


def test_a_field_error_follows_the_users_language(auditor):
    client = client_for(auditor)
    response = client.get(reverse("audit:search"), {"date_from": "31/02/2026"}, headers={"Accept-Language": "en"})
    assert response.context["form"].errors["date_from"] == ["Enter a valid date."]


@pytest.mark.parametrize("query", [{"episode": "abc"}, {"before": "yesterday"}])
@pytest.mark.parametrize("htmx", [{}, {"HX-Request": "true"}])
def test_a_malformed_address_shows_the_designed_400_page(director, facility, query, htmx):
    resident = make_resident(facility)
    response = client_for(director).get(reverse("residents:detail", args=[resident.pk]), query, headers=htmx)
    assert response.status_code == 400
    assert "400.html" in template_names(response)
    assert vietnamese("Bad request") in response.content.decode()
