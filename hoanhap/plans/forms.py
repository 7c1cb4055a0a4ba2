"""The annual plans' forms (typed input; the rules stay in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.core import registry
from hoanhap.core.forms import StyledFormMixin

from .models import AnnualPlan


def figure_choices() -> list[tuple[str, Any]]:
    return [(figure.key, figure.label) for figure in registry.figures]


class PlanFilterForm(StyledFormMixin, forms.Form):
    """The list's filters, from the query string; a bad value is ignored, never a 500."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=9999)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *AnnualPlan.Status.choices])

    def values(self) -> dict[str, Any]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}


class PlanForm(StyledFormMixin, forms.Form):
    facility = forms.TypedChoiceField(label=_("Facility"), coerce=int)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=9999)
    copy_last_year = forms.BooleanField(label=_("Start from last year's targets"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, facilities: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].choices = facilities  # type: ignore[attr-defined]


class TargetForm(StyledFormMixin, forms.Form):
    figure = forms.ChoiceField(label=_("Figure"))
    planned = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["figure"].choices = figure_choices()  # type: ignore[attr-defined]


class RemoveTargetForm(forms.Form):
    figure = forms.CharField(max_length=80)
