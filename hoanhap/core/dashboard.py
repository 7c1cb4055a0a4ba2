"""The home page's content, by what the user's roles allow."""

from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import all_capabilities, facility_ids_with


def for_user(user: User) -> dict:
    from hoanhap.audit.selectors import entries_visible_to
    from hoanhap.residents.selectors import census

    today = timezone.localdate()
    capabilities = all_capabilities(user)
    context: dict = {"capabilities": capabilities, "today": today}
    if Capability.VIEW_RESIDENTS in capabilities:
        context["census"] = census(facility_ids_with(user, Capability.VIEW_RESIDENTS), today)
    if Capability.VIEW_AUDIT in capabilities:
        context["recent_audit"] = list(entries_visible_to(user).select_related("actor", "content_type")[:10])
    if Capability.MANAGE_USERS in capabilities:
        context["admin_figures"] = {
            "users": User.objects.filter(is_active=True).count(),
            "locked": AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).count(),
            "with_two_factor": TOTPDevice.objects.filter(confirmed=True).values("user").distinct().count(),
        }
    return context
