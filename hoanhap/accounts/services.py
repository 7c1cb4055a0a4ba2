"""Writes about accounts. API tokens are credentials: issuing and revoking one is audited."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, User


@transaction.atomic
def issue_api_token(*, user: User, name: str, valid_for: timedelta) -> tuple[ApiToken, str]:
    """A new token and its key; the key is returned this once and only its hash is kept."""
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[: ApiToken.PREFIX_LENGTH],
        key_hash=ApiToken.hash_key(key),
        expires_at=timezone.now() + valid_for,
    )
    return token, key


@transaction.atomic
def revoke_api_token(*, user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False if they have no such usable token."""
    token = ApiToken.objects.select_for_update().filter(user=user, pk=token_id, revoked_at__isnull=True).first()
    if token is None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return True


def set_language(*, user: User, language: str) -> None:
    """Store the user's language (one of settings.LANGUAGES): every page of theirs is in it. A
    preference, not audited (apps.py leaves the field out of the audit log)."""
    user.language = language
    user.save(update_fields=["language"])
