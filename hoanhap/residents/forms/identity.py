"""Registration and identity: the resident's record and family contacts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.core.forms import DateInput, StyledFormMixin, VersionMixin

from ..models import Resident, Substance
from ..services.registration import IDENTITY_FIELDS, ContactData


class ResidentForm(StyledFormMixin, forms.ModelForm):
    substances = forms.MultipleChoiceField(
        label=_("Substances used"), choices=Substance.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG or PNG, at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png", "capture": "user"}),
    )

    class Meta:
        model = Resident
        fields = [name for name in IDENTITY_FIELDS if name != "substances"]
        widgets = {
            "date_of_birth": DateInput(),
            "criminal_record_note": forms.Textarea(attrs={"rows": 2}),
            "citizen_id": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 12, "autocomplete": "off"}),
        }
        help_texts = {
            "citizen_id": _("12 digits."),
            "record_number": _("Leave empty to number the record automatically."),
            "permanent_address": _("House number and street; for older records, the address as written."),
        }

    def __init__(self, *args: Any, visible_sensitive: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A field the user may not see is not shown, and so never changed by this user.
        for name, _capability in Resident.SENSITIVE_FIELDS.items():
            if name not in visible_sensitive:
                self.fields.pop(name, None)
        self.fields["record_number"].required = False
        if "prior_rehab_count" in self.fields:
            self.fields["prior_rehab_count"].required = False
        if "substances" in self.fields and self.instance.pk:
            self.initial["substances"] = self.instance.substances

    def _post_clean(self) -> None:
        # The service validates and saves; the model's own validation would run before it.
        pass

    def identity(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in IDENTITY_FIELDS if name in self.cleaned_data}
        for name in ("first_use_year",):
            if name in data and data[name] == "":
                data[name] = None
        if data.get("prior_rehab_count") is None and "prior_rehab_count" in data:
            data["prior_rehab_count"] = 0
        return data

    GROUPS: tuple[tuple[Any, tuple[str, ...]], ...] = (
        (
            _("Identity"),
            ("full_name", "other_names", "date_of_birth", "sex", "ethnicity", "citizen_id", "record_number"),
        ),
        (_("Permanent address"), ("permanent_province", "permanent_commune", "permanent_address")),
        (_("Current address"), ("current_province", "current_commune", "current_address")),
        (_("Education and work"), ("education", "occupation")),
        (_("Drug-use history"), ("substances", "first_use_year", "prior_rehab_count")),
        (
            _("Prior convictions and administrative sanctions"),
            ("has_criminal_record", "has_drug_offence_record", "was_sanctioned_for_drug_use", "criminal_record_note"),
        ),
        (_("Photo"), ("photo",)),
    )

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        result = []
        for title, names in self.GROUPS:
            bound = [self[name] for name in names if name in self.fields]
            if bound:
                result.append((title, bound))
        return result


class RegisterForm(ResidentForm):
    confirm_different_person = forms.BooleanField(
        label=_("I have checked: this is a different person."), required=False
    )


class EditResidentForm(VersionMixin, ResidentForm):
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    GROUPS = (*ResidentForm.GROUPS[:-1], (_("Photo"), ("photo", "remove_photo")))


class FamilyContactForm(StyledFormMixin, forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    relation = forms.CharField(label=_("Relation"), max_length=50)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)


FamilyContactFormSet = forms.formset_factory(FamilyContactForm, extra=2, can_delete=True, max_num=10, validate_max=True)


def contacts_from(formset: forms.BaseFormSet) -> list[ContactData]:
    contacts = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        contacts.append(
            ContactData(
                relation=data["relation"],
                full_name=data["full_name"],
                phone=data.get("phone", ""),
                address=data.get("address", ""),
                id=data.get("id"),
            )
        )
    return contacts
