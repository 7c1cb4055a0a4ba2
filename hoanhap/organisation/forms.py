"""The organisation's forms: they parse what was typed; the rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.core.forms import StyledFormMixin, VersionMixin, check_period, date_field
from hoanhap.core.models import Department, Holiday

from .models import Position, StaffMember


class DayForm(forms.Form):
    on = date_field(_("On the day"), required=False)


class DepartmentForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Department.Kind.choices, initial=Department.Kind.OTHER)
    established_on = date_field(_("Founded on"))


class RenameForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)


class DissolveForm(StyledFormMixin, forms.Form):
    on = date_field(_("Dissolved on"))


class RestructureForm(StyledFormMixin, forms.Form):
    """One line per department in force: dissolve it?, and where its staff go; and the new
    departments, one name a line."""

    on = date_field(
        _("Day of the restructuring"), help_text=_("Old postings end the day before; new ones start that day.")
    )
    found = forms.CharField(
        label=_("New departments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name a line."),
    )

    def __init__(self, *args: Any, departments: list[Department], **kwargs: Any) -> None:
        self.departments = departments
        super().__init__(*args, **kwargs)
        for department in departments:
            self.fields[f"dissolve_{department.pk}"] = forms.BooleanField(
                label=_("Dissolve %(name)s") % {"name": department.name}, required=False
            )
            self.fields[f"move_{department.pk}"] = forms.CharField(
                label=_("Its staff move to"), required=False, max_length=200
            )
        # The mixin styled the fields it saw; these were added after it ran.
        for name, field in self.fields.items():
            if name.startswith("dissolve_"):
                field.widget.attrs["class"] = "form-check-input"
            elif name.startswith("move_"):
                field.widget.attrs["class"] = "form-control"
                field.widget.attrs["list"] = "department-names"

    def rows(self) -> list[tuple[Department, forms.BoundField, forms.BoundField]]:
        return [(d, self[f"dissolve_{d.pk}"], self[f"move_{d.pk}"]) for d in self.departments]

    def new_names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("found", "").splitlines() if line.strip()]


class StaffMemberForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    date_of_birth = date_field(_("Date of birth"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=StaffMember.Sex.choices)
    phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^[0-9+ .()-]{0,20}$",
        required=False,
        max_length=20,
        error_messages={"invalid": _("Enter a phone number: digits, spaces and + only.")},
    )
    email = forms.EmailField(label=_("Email"), required=False)
    hired_on = date_field(_("Hired on"))


class StaffMemberChangeForm(VersionMixin, StaffMemberForm):
    pass


class LeavingForm(StyledFormMixin, forms.Form):
    left_on = date_field(_("Left the service on"))


class QualificationForm(StyledFormMixin, forms.Form):
    level = forms.CharField(label=_("Degree or level"), max_length=100)
    field = forms.CharField(label=_("Field"), max_length=150, required=False)
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1950, max_value=2100)


class PostingForm(StyledFormMixin, forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    position = forms.ModelChoiceField(label=_("Position"), queryset=Position.objects.none())
    starts_on = date_field(_("Starts on"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=50, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    gap_intended = forms.BooleanField(label=_("A gap after the previous posting is intended"), required=False)

    def __init__(self, *args: Any, departments: Any, positions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["position"].queryset = positions  # type: ignore[attr-defined]


class AccountForm(StyledFormMixin, forms.Form):
    user: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Sign-in account"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No account"),
    )

    def __init__(self, *args: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = accounts  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = lambda user: f"{user.username} — {user.full_name}"  # type: ignore[attr-defined]


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    department = forms.TypedChoiceField(label=_("Department"), required=False, coerce=int, empty_value=None)
    position = forms.TypedChoiceField(label=_("Position"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("serving", _("Serving")), ("left", _("Left"))],
    )

    def __init__(self, *args: Any, departments: Any, positions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("All departments")), *((d.pk, d.name) for d in departments)]  # type: ignore[attr-defined]
        self.fields["position"].choices = [("", _("All positions")), *((p.pk, p.name) for p in positions)]  # type: ignore[attr-defined]


class PeriodForm(forms.Form):
    from_on = date_field(_("From"), required=False)
    to_on = date_field(_("To"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_period(self, "from_on", "to_on")
        return data


class HolidayForm(StyledFormMixin, forms.Form):
    day = date_field(_("Day"))
    name = forms.CharField(label=_("Name"), max_length=200)
    national = forms.BooleanField(label=_("National (every facility)"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Holiday.Kind.choices,
        initial=Holiday.Kind.FACILITY,
        help_text=_("For a national day: public holiday or day in compensation."),
    )
