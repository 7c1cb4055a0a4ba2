"""Which sheet to open: a zone of the facility and a month (mm/yyyy, last month by default)."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.core.forms import StyledFormMixin
from hoanhap.core.models import Zone


def last_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


class GradingSheetForm(StyledFormMixin, forms.Form):
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=Zone.objects.none(), empty_label=None)
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%m/%Y", "%Y-%m"],
        widget=forms.DateInput(attrs={"placeholder": _("mm/yyyy"), "inputmode": "numeric"}, format="%m/%Y"),
    )

    def __init__(self, *args: object, facility_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["zone"].queryset = Zone.objects.filter(facility_id=facility_id).order_by("name")  # type: ignore[attr-defined]
