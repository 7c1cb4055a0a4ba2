from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from hoanhap.accounts.models import ApiToken, User
from hoanhap.audit.services import attribute_request_to

# Writing last_used_at on every call would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the token acts with its owner's roles and facilities."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), user__is_active=True)
            .first()
        )
        if found is None or not found.is_usable:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        attribute_request_to(found.user)
        return found.user


class VerifiedSessionAuth(SessionAuth):
    """The browser session, with CSRF on writes; RequireTwoFactorMiddleware has already
    refused a session that still owes its second factor."""


API_AUTH = [TokenAuth(), VerifiedSessionAuth()]
