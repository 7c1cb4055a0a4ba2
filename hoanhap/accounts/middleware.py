from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SESSION_LOGIN_AT = "hoanhap_login_at"
SESSION_SEEN_AT = "hoanhap_seen_at"
# Saving the session on every request costs a write; a minute of slack on the idle clock is fine.
SEEN_AT_RESOLUTION = 60


def _is_htmx(request: HttpRequest) -> bool:
    # Read from the header: django-htmx's middleware, which sets request.htmx, runs after these.
    return request.headers.get("HX-Request") == "true"


def _to_login(request: HttpRequest) -> HttpResponse:
    url = f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}"
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Your session has expired. Please sign in again.")}, status=401)
    if _is_htmx(request):
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


class SessionTimeoutMiddleware:
    """Idle timeout (30 minutes) and absolute lifetime (12 hours) of a signed-in session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            # Every sign-in starts the clock (signals.start_session_clock); a session without one
            # did not come through sign-in and is treated as expired.
            login_at = request.session.get(SESSION_LOGIN_AT, 0)
            seen_at = request.session.get(SESSION_SEEN_AT, login_at)
            expired = (
                now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
                or now - seen_at > settings.SESSION_IDLE_TIMEOUT.total_seconds()
            )
            if expired:
                logout(request)
                messages.warning(request, _("Your session has expired. Please sign in again."))
                return _to_login(request)
            if now - seen_at > SEEN_AT_RESOLUTION:
                request.session[SESSION_SEEN_AT] = now
        return self.get_response(request)


_TWO_FACTOR_EXEMPT = ("/accounts/login/", "/accounts/logout/", "/accounts/two-factor/", "/static/", "/i18n/")


class RequireTwoFactorMiddleware:
    """A user with a TOTP device must enter a code; an administrator must first set one up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django_otp import user_has_device

        from .selectors import requires_two_factor

        user = request.user
        # OTPMiddleware gives the user is_verified().
        verified = user.is_authenticated and user.is_verified()  # type: ignore[union-attr,attr-defined]
        if user.is_authenticated and not verified and not request.path.startswith(_TWO_FACTOR_EXEMPT):
            if user_has_device(user):
                target = "accounts:two-factor-verify"
            elif requires_two_factor(user):  # type: ignore[arg-type]
                target = "accounts:two-factor-setup"
            else:
                return self.get_response(request)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Two-factor verification is required.")}, status=403)
            url = f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
            if _is_htmx(request):
                return HttpResponse(status=204, headers={"HX-Redirect": url})
            return redirect(url)
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in user's stored language wins over the browser's (the cookie, Accept-Language),
    which LocaleMiddleware has read before the user was known. Without a stored choice, the
    browser's language stays."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = getattr(request.user, "language", None)
        if language and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
