"""Which sheet to open: a zone of the facility, or a group another module keeps (a work team:
`core.registry.resident_groups`), and a month (mm/yyyy, last month by default)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.core import registry
from hoanhap.core.forms import StyledFormMixin
from hoanhap.core.models import Zone


def last_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


class GradingSheetForm(StyledFormMixin, forms.Form):
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=Zone.objects.none(), required=False)
    group = forms.ChoiceField(label=_("or a group"), required=False)
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%m/%Y", "%Y-%m"],
        widget=forms.DateInput(attrs={"placeholder": _("mm/yyyy"), "inputmode": "numeric"}, format="%m/%Y"),
    )

    def __init__(self, *args: object, facility_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["zone"].queryset = Zone.objects.filter(facility_id=facility_id).order_by("name")  # type: ignore[attr-defined]
        # Each module's groups under its own heading: ("Work team", [("daily_life.work_team:7", "Tổ rau"), …]).
        self.labels: dict[str, str] = {}
        offered: list[Any] = [("", "—")]
        for group in registry.resident_groups:
            choices = [(f"{group.key}:{pk}", label) for pk, label in group.choices(facility_id)]
            self.labels |= dict(choices)
            if choices:
                offered.append((group.label, choices))
        self.fields["group"].choices = offered  # type: ignore[attr-defined]
        self.has_groups = len(offered) > 1

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("group"):
            data["zone"] = None
        elif not data.get("zone") and not self.errors.get("zone"):
            self.add_error("zone", _("Choose a zone or a group."))
        return data

    def chosen_group(self) -> tuple[registry.ResidentGroup, int] | None:
        """The group chosen, as its registry entry and its id; None for a zone."""
        value = self.cleaned_data.get("group")
        if not value:
            return None
        key, _sep, pk = value.rpartition(":")
        return registry.resident_groups.get(key), int(pk)

    def sheet_name(self) -> str:
        group = self.cleaned_data.get("group")
        return self.labels[group] if group else str(self.cleaned_data["zone"])
