import base64
import io
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .forms import ApiTokenForm, LoginForm, OwnPasswordForm, TokenForm
from .models import ApiToken, User
from .two_factor import TOO_MANY_WRONG_CODES, CodeRefused, check_code, device_for_code


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """The session stays open after the change (Django rotates its hash with the password)."""

    template_name = "accounts/password_change.html"
    form_class = OwnPasswordForm
    success_url = reverse_lazy("shell:home")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch (a cookie for this browser), and for a signed-in user the choice
    stored on the account, so that it follows them (UserLanguageMiddleware)."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.set_language(user=request.user, language=language)  # type: ignore[arg-type]
    return response


def locked_out(request: HttpRequest, credentials: dict | None = None, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
    """django-axes calls this when a username is locked (AXES_LOCKOUT_CALLABLE)."""
    return render(
        request,
        "accounts/login.html",
        {"form": LoginForm(request), "locked_out": True},
        status=429,
    )


def _safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = device_for_code(request.user, form.cleaned_data["token"])  # type: ignore[arg-type]
        except CodeRefused:
            form.add_error("token", TOO_MANY_WRONG_CODES)
        else:
            if device is not None:
                otp_login(request, device)
                return redirect(_safe_next(request))
            form.add_error("token", _("The code is wrong or has expired."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Create (or reuse) an unconfirmed TOTP device, show its QR code, confirm it with a code."""
    if user_has_device(request.user) and not request.user.is_verified():  # type: ignore[union-attr]
        # Whoever knows only the password must not pass the second factor by enrolling a new one.
        return redirect(f"{reverse('accounts:two-factor-verify')}?{urlencode({'next': _safe_next(request)})}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "default"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accepted = check_code(device, form.cleaned_data["token"])
        except CodeRefused:
            form.add_error("token", TOO_MANY_WRONG_CODES)
        else:
            if accepted:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_login(request, device)
                messages.success(request, _("Two-factor sign-in is now on for your account."))
                return redirect(_safe_next(request))
            form.add_error("token", _("The code is wrong or has expired."))
    secret = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "qr": _qr_svg(device.config_url), "secret": secret, "next": _safe_next(request)}
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.issue_api_token(
            user=user, name=form.cleaned_data["name"], valid_for=timedelta(days=form.cleaned_data["days"])
        )
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
    return render(request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@login_required
@require_POST
def revoke_api_token(request: HttpRequest, token_id: int) -> HttpResponse:
    if services.revoke_api_token(user=request.user, token_id=token_id):  # type: ignore[arg-type]
        messages.success(request, _("The token was revoked."))
    return redirect("accounts:api-tokens")
