"""Entitlements (the material regime): the forms — which sheet or list to open (a zone, a month),
an issue to one resident, a correction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.core.errors import RuleError
from hoanhap.core.forms import StyledFormMixin, VersionMixin, date_field
from hoanhap.core.models import Zone

from ..models.entitlements import ITEM_CHOICES
from ..rules.entitlements import norms_on


class MonthField(forms.DateField):
    """A month typed mm/yyyy, read as its first day; refused before the first norm set."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Month"))
        super().__init__(
            input_formats=["%m/%Y", "%Y-%m"],
            widget=forms.DateInput(attrs={"placeholder": _("mm/yyyy"), "inputmode": "numeric"}, format="%m/%Y"),
            **kwargs,
        )

    def clean(self, value: Any) -> date | None:
        month = super().clean(value)
        if month is None:
            return None
        month = month.replace(day=1)
        try:
            norms_on(month)
        except RuleError as error:
            raise forms.ValidationError(str(error), code=error.code) from None
        return month


def _zones(facility_id: int) -> Any:
    return Zone.objects.filter(facility_id=facility_id).order_by("name")


class SheetForm(StyledFormMixin, forms.Form):
    """The monthly sheet to open: a zone of the facility and a month."""

    zone = forms.ModelChoiceField(label=_("Zone"), queryset=Zone.objects.none(), empty_label=None)
    month = MonthField()

    def __init__(self, *args: Any, facility_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = _zones(facility_id)  # type: ignore[attr-defined]


class ShortfallFilterForm(StyledFormMixin, forms.Form):
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Zone.objects.none(), required=False, empty_label=_("All zones")
    )
    month = MonthField()
    item = forms.ChoiceField(label=_("Item"), choices=[("", _("All items")), *ITEM_CHOICES], required=False)

    def __init__(self, *args: Any, facility_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = _zones(facility_id)  # type: ignore[attr-defined]


class IssueForm(StyledFormMixin, forms.Form):
    item = forms.ChoiceField(label=_("Item"), choices=ITEM_CHOICES)
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=100_000_000, help_text=_("For the food allowance: VND.")
    )
    month = MonthField(help_text=_("The month it counts towards (a yearly item: that month's year)."))
    issued_on = date_field(_("Issued on"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CorrectionForm(StyledFormMixin, VersionMixin, forms.Form):
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=0, max_value=100_000_000, help_text=_("0 cancels the issue.")
    )
    note = forms.CharField(label=_("Reason for the correction"), max_length=300)
