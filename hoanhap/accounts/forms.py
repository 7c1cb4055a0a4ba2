import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core import validators
from django.utils.translation import gettext_lazy as _

from hoanhap.core.forms import StyledFormMixin
from hoanhap.core.network import client_ip

from .protection import address_is_blocked


class LoginForm(AuthenticationForm):
    """Django's form gives one message for an unknown user and a wrong password; we keep that."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is incorrect."),
        "address_blocked": _(
            "Too many failed sign-ins from this network address. Please try again in an hour "
            "or contact the system administrator."
        ),
    }

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        username: forms.CharField = self.fields["username"]  # type: ignore[assignment]
        # AuthenticationForm sets max_length after the field is built, so nothing enforces it;
        # an overlong name would otherwise reach django-axes' 255-character column.
        username.validators.append(validators.MaxLengthValidator(username.max_length))
        username.widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def clean(self):  # type: ignore[no-untyped-def]
        if self.request is not None and address_is_blocked(client_ip(self.request)):
            raise forms.ValidationError(self.error_messages["address_blocked"], code="address_blocked")
        return super().clean()


class TokenForm(StyledFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Six-digit code"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": _("Enter the six-digit code from your authenticator app.")},
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not re.fullmatch(r"[0-9]{6}", token):
            raise forms.ValidationError(_("The code has six digits."))
        return token


class ApiTokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=365, initial=90)


class OwnPasswordForm(StyledFormMixin, PasswordChangeForm):
    """A user changes their own password; the password policy (AUTH_PASSWORD_VALIDATORS) applies."""
