"""The API's two ways in (session and token) and what the audit trail learns from them."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from hoanhap.accounts.models import ApiToken
from hoanhap.api.auth import TokenAuth
from hoanhap.audit.middleware import AuditContextMiddleware
from hoanhap.audit.models import AuditEntry
from hoanhap.testing import make_resident

pytestmark = pytest.mark.django_db


def make_token(user) -> str:  # type: ignore[no-untyped-def]
    key = ApiToken.generate_key()
    ApiToken.objects.create(user=user, name="x", prefix=key[:8], key_hash=ApiToken.hash_key(key))
    return key


def test_a_change_made_through_a_token_is_signed_by_the_tokens_owner(director, facility):
    """The middleware runs before the API knows who the token belongs to."""
    key = make_token(director)
    request = RequestFactory().post(
        "/api/residents", REMOTE_ADDR="10.3.3.3", headers={"Authorization": f"Bearer {key}"}
    )
    created = {}

    def endpoint(request):  # type: ignore[no-untyped-def]
        TokenAuth()(request)
        created["resident"] = make_resident(facility)
        return HttpResponse()

    AuditContextMiddleware(endpoint)(request)

    entry = AuditEntry.objects.get(resident_id=created["resident"].pk, action=AuditEntry.Action.CREATE)
    assert entry.actor == director
    assert entry.remote_addr == "10.3.3.3"
    assert entry.via == "POST /api/residents"


def test_a_wrong_token_identifies_nobody(director):
    request = RequestFactory().get("/api/me", headers={"Authorization": "Bearer wrong"})
    assert TokenAuth()(request) is None
