"""Personal API tokens: shown once, stored as a hash, acting with their owner's roles only."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hoanhap.accounts.models import ApiToken
from hoanhap.testing import client_for, make_resident

pytestmark = pytest.mark.django_db


def create_token(user, name: str = "báo cáo", days: int = 30) -> str:  # type: ignore[no-untyped-def]
    response = client_for(user).post(reverse("accounts:api-tokens"), {"name": name, "days": days})
    assert response.status_code == 200
    return response.context["new_key"]


def bearer(key: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(director):
    key = create_token(director)

    token = ApiToken.objects.get(user=director)
    assert token.key_hash == ApiToken.hash_key(key)
    assert key not in token.key_hash
    assert token.prefix == key[: ApiToken.PREFIX_LENGTH]
    page = client_for(director).get(reverse("accounts:api-tokens"))
    assert page.context["new_key"] is None
    assert key not in page.content.decode()


def test_a_token_signs_the_program_in_as_its_owner(director):
    key = create_token(director)
    response = bearer(key).get("/api/me")
    assert response.status_code == 200
    assert response.json()["username"] == "director"


def test_a_token_reads_residents_of_its_owners_facility_only(
    director, facility, other_facility, django_assert_max_num_queries
):
    here = make_resident(facility)
    there = make_resident(other_facility)
    client = bearer(create_token(director))

    assert client.get(f"/api/residents/{here.pk}").status_code == 200
    assert client.get(f"/api/residents/{there.pk}").status_code == 404
    with django_assert_max_num_queries(10):
        listed = client.get("/api/residents").json()["items"]
    assert [r["id"] for r in listed] == [here.pk]


def test_a_token_has_no_more_rights_than_its_owner(auditor, facility):
    resident = make_resident(facility)
    client = bearer(create_token(auditor))
    assert client.get("/api/residents").status_code == 403
    assert client.get(f"/api/residents/{resident.pk}").status_code == 403


def test_without_a_token_or_session_the_api_answers_401(client):
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/residents").status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer not-a-token", "Bearer ", "Token abc", "Basic Zm9vOmJhcg==", "Bearer " + "x" * 5000]
)
def test_a_wrong_token_answers_401(director, header):
    assert Client(headers={"Authorization": header}).get("/api/me").status_code == 401


def test_a_revoked_token_no_longer_works(director):
    key = create_token(director)
    token = ApiToken.objects.get(user=director)

    response = client_for(director).post(reverse("accounts:api-token-revoke", args=[token.pk]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(key).get("/api/me").status_code == 401


def test_nobody_can_revoke_a_colleagues_token(director, doctor):
    key = create_token(director)
    token = ApiToken.objects.get(user=director)

    client_for(doctor).post(reverse("accounts:api-token-revoke", args=[token.pk]))

    token.refresh_from_db()
    assert token.revoked_at is None
    assert bearer(key).get("/api/me").status_code == 200


def test_a_colleagues_tokens_are_not_listed(director, doctor):
    create_token(director, name="token-of-the-director")
    page = client_for(doctor).get(reverse("accounts:api-tokens"))
    assert "token-of-the-director" not in page.content.decode()


def test_revoking_needs_a_post(director):
    create_token(director)
    token = ApiToken.objects.get(user=director)
    assert client_for(director).get(reverse("accounts:api-token-revoke", args=[token.pk])).status_code == 405


def test_an_expired_token_no_longer_works(director):
    key = create_token(director, days=1)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert bearer(key).get("/api/me").status_code == 401


def test_the_token_of_a_deactivated_user_no_longer_works(director):
    key = create_token(director)
    director.is_active = False
    director.save()
    assert bearer(key).get("/api/me").status_code == 401


def test_using_a_token_records_when_it_was_last_used(director):
    key = create_token(director)
    bearer(key).get("/api/me")
    assert ApiToken.objects.get(user=director).last_used_at is not None


def test_a_token_needs_no_csrf_token_and_a_session_read_needs_none_either(director):
    key = create_token(director)
    assert (
        Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {key}"}).get("/api/me").status_code == 200
    )
    session = Client(enforce_csrf_checks=True)
    session.force_login(director)
    assert session.get("/api/me").status_code == 200


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "days": 30}, "name"),
        ({"name": "x" * 101, "days": 30}, "name"),
        ({"name": "ok", "days": 0}, "days"),
        ({"name": "ok", "days": 366}, "days"),
        ({"name": "ok", "days": "ba mươi"}, "days"),
        ({"name": "ok", "days": "9" * 40}, "days"),
        ({"name": "o\x00k", "days": 30}, "name"),
    ],
)
def test_a_bad_token_form_shows_the_error_beside_the_field(director, data, field):
    response = client_for(director).post(reverse("accounts:api-tokens"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_the_token_page_needs_a_signed_in_user(client):
    response = client.get(reverse("accounts:api-tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_openapi_document_describes_both_ways_to_sign_in(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schemes = response.json()["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} >= {"http", "apiKey"}
    assert "/api/residents/{resident_id}" in response.json()["paths"]


def test_issuing_and_revoking_a_token_is_audited_without_its_hash(director):
    from hoanhap.audit.models import AuditEntry

    key = create_token(director)
    token = ApiToken.objects.get(user=director)
    client_for(director).post(reverse("accounts:api-token-revoke", args=[token.pk]))

    entries = list(AuditEntry.objects.get_for_object(token).order_by("id"))
    assert [e.action for e in entries] == [AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE]
    assert all(e.actor == director for e in entries)
    assert "revoked_at" in entries[1].changes
    assert all(token.key_hash not in str(e.changes) and key not in str(e.changes) for e in entries)
