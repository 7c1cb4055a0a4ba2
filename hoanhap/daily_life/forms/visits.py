"""Family visits, parcels and money: the forms. They parse what the officer typed; the rules
(how long, how many, how often) are the services'."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoanhap.core.forms import StyledFormMixin, date_field

from ..models import Deposit, Parcel, Visit, Visitor
from ..services.visits import VisitorData

VISITOR_ROWS = 4  # one more than the rule allows, so the refusal of a fourth relative is shown

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class BookingForm(StyledFormMixin, forms.Form):
    episode = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=Visit.Kind.choices, initial=Visit.Kind.ORDINARY)
    on = date_field(_("Day"))
    starts = forms.TimeField(label=_("From"), widget=TIME_INPUT)
    ends_on = date_field(_("Ends on (a spouse's stay)"), required=False, help_text=_("Empty: the same day."))
    ends = forms.TimeField(label=_("To"), widget=TIME_INPUT)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["episode"].error_messages["required"] = _("Find the resident and choose them.")
        for name in ("on", "starts", "ends", "ends_on"):
            self.fields[name].widget.attrs["class"] += " form-control-lg"
        self.fields["kind"].widget.attrs["class"] += " form-select-lg"

    def visitor_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"visitor_{n}_{part}"] for part in ("name", "id", "relation")] for n in range(1, VISITOR_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data is None:
            return {}
        visitors = []
        for n in range(1, VISITOR_ROWS + 1):
            name, number, relation = (data.get(f"visitor_{n}_{p}", "") for p in ("name", "id", "relation"))
            if not (name or number or relation):
                continue
            if not name:
                self.add_error(f"visitor_{n}_name", _("Enter the visitor's full name."))
            if not relation:
                self.add_error(f"visitor_{n}_relation", _("Choose the relation."))
            visitors.append(VisitorData(name or "", number or "", relation or ""))
        data["visitors"] = visitors
        if data.get("on") and data.get("starts") and data.get("ends"):
            data["starts_at"] = _aware(datetime.combine(data["on"], data["starts"]))
            data["ends_at"] = _aware(datetime.combine(data.get("ends_on") or data["on"], data["ends"]))
        return data


for _n in range(1, VISITOR_ROWS + 1):
    BookingForm.base_fields[f"visitor_{_n}_name"] = forms.CharField(
        label=_("Full name"), max_length=150, required=False, widget=forms.TextInput(attrs={"class": "form-control-lg"})
    )
    BookingForm.base_fields[f"visitor_{_n}_id"] = forms.CharField(
        label=_("ID number"),
        max_length=20,
        required=False,
        help_text=_("Citizen ID (12 digits) or passport"),
        widget=forms.TextInput(attrs={"class": "form-control-lg", "autocomplete": "off"}),
    )
    BookingForm.base_fields[f"visitor_{_n}_relation"] = forms.ChoiceField(
        label=_("Relation"),
        choices=[("", "—"), *Visitor.Relation.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select-lg"}),
    )


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment)


class ExtensionForm(StyledFormMixin, forms.Form):
    ends = forms.TimeField(label=_("New end time"), widget=TIME_INPUT)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def ends_at(self, visit: Visit) -> datetime:
        day = timezone.localtime(visit.starts_at).date()
        ends: time = self.cleaned_data["ends"]
        return _aware(datetime.combine(day, ends))


class ParcelForm(StyledFormMixin, forms.Form):
    received_on = date_field(_("Received on"))
    handed_in_by = forms.CharField(label=_("Handed in by"), max_length=150)
    handed_in_relation = forms.ChoiceField(
        label=_("Relation"), choices=Visitor.Relation.choices, initial=Visitor.Relation.OTHER
    )
    items = forms.CharField(label=_("Items"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Result of the inspection"), choices=Parcel.Status.choices)
    refusal_reason = forms.CharField(label=_("Reason for refusal"), max_length=300, required=False)


class MoneyForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Deposit.Kind.choices)
    amount = forms.IntegerField(
        label=_("Amount (đ)"),
        min_value=1,
        max_value=10_000_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000}),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class VisitFilterForm(forms.Form):
    q = forms.CharField(label=_("Resident"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *Visit.Status.choices], required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All")), *Visit.Kind.choices], required=False)
    from_on = date_field(_("From"), required=False)
    to_on = date_field(_("To"), required=False)
