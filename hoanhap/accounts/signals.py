from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from .middleware import SESSION_LOGIN_AT, SESSION_SEEN_AT


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):  # type: ignore[no-untyped-def]
    now = timezone.now().timestamp()
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_SEEN_AT] = now
