"""The forms of user administration: typed input only; the rules are the services'."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.roles import Role
from hoanhap.core.forms import StyledFormMixin
from hoanhap.core.models import Facility


def _facilities(ids: frozenset[int] | None) -> Any:
    facilities = Facility.objects.filter(is_active=True).order_by("name")
    return facilities if ids is None else facilities.filter(pk__in=ids)


class AccountForm(StyledFormMixin, forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(
        label=_("Temporary password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty and one is made for you. It is shown once; give it to the person in hand."),
    )


class RoleForm(StyledFormMixin, forms.Form):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, facility_ids: frozenset[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = _facilities(facility_ids)  # type: ignore[attr-defined]


class RefusalForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


STATUS_CHOICES = [("", _("All")), ("active", _("Active")), ("locked", _("Locked"))]


class UserFilter(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Name or username"), required=False, max_length=100)
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none(), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("All")), *Role.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)

    def __init__(self, *args: Any, facility_ids: frozenset[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = _facilities(facility_ids)  # type: ignore[attr-defined]
