"""The per-address login limit. django-axes locks a username; this counts failures from one
address over an hour, set high enough that an office behind one address is not locked out."""

from axes.models import AccessFailureLog
from django.conf import settings
from django.utils import timezone


def address_is_blocked(ip_address: str | None) -> bool:
    if not ip_address:
        return False
    since = timezone.now() - settings.LOGIN_ADDRESS_WINDOW
    failures = AccessFailureLog.objects.filter(ip_address=ip_address, attempt_time__gte=since).count()
    return failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
