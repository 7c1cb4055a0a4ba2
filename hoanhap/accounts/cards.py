"""The accounts card on the home page, for system administrators."""

from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User


def account_figures(user: Any, facility_id: int | None = None) -> dict[str, Any]:
    """Figures of the whole installation, whichever facility is chosen."""
    return {
        "users": User.objects.filter(is_active=True).count(),
        "locked": AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).count(),
        "with_two_factor": TOTPDevice.objects.filter(confirmed=True).values("user").distinct().count(),
    }
