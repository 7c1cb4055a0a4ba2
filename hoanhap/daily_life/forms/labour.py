"""Labour therapy: the forms (typed input; the rules stay in the services)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Role, capabilities_of
from hoanhap.core.forms import StyledFormMixin, check_period, date_field
from hoanhap.residents import selectors as residents

from ..access import AREAS
from ..models import Produce, TeamMembership, WorkTeam

HOURS_WIDGET = forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "8", "inputmode": "decimal"})


class TeamForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    default_task = forms.CharField(label=_("Usual task"), max_length=200, required=False)


class TeamEditForm(TeamForm):
    leader = forms.ModelChoiceField(label=_("Team leader"), queryset=User.objects.none(), required=False)
    is_active = forms.BooleanField(
        label=_("Active"), required=False, help_text=_("Untick to stand the team down once its members have moved.")
    )

    def __init__(self, *args: Any, facility_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = [role for role in Role.values if AREAS["labour"].write in capabilities_of(role)]
        leaders = User.objects.filter(
            memberships__facility_id=facility_id, memberships__role__in=roles, memberships__is_active=True
        )
        self.fields["leader"].queryset = leaders.distinct().order_by("full_name")  # type: ignore[attr-defined]


class MemberForm(StyledFormMixin, forms.Form):
    resident = forms.TypedChoiceField(label=_("Resident"), coerce=int)
    joined_on = date_field(_("Joined on"))

    def __init__(self, *args: Any, facility_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        busy = set(
            TeamMembership.objects.filter(facility_id=facility_id, left_on__isnull=True).values_list(
                "resident_id", flat=True
            )
        )
        episodes = residents.open_episodes([facility_id]).order_by("resident__name_sort_key")
        self.fields["resident"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (e.resident_id, f"{e.resident.full_name} ({e.resident.record_number})")
            for e in episodes
            if e.resident_id not in busy
        ]


class DayForm(StyledFormMixin, forms.Form):
    day = date_field(_("Day"))


class CorrectionForm(StyledFormMixin, forms.Form):
    task = forms.CharField(label=_("Task"), max_length=200)
    hours = forms.DecimalField(label=_("Hours"), max_digits=4, decimal_places=2, widget=HOURS_WIDGET)
    output = forms.CharField(label=_("Output"), max_length=200, required=False)
    output_quantity = forms.DecimalField(label=_("Quantity"), max_digits=10, decimal_places=2, required=False)
    output_unit = forms.CharField(label=_("Unit"), max_length=20, required=False)


class ProduceForm(StyledFormMixin, forms.Form):
    produced_on = date_field(_("Date"))
    item = forms.ChoiceField(label=_("Item"), choices=Produce.Item.choices)
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=10, decimal_places=2, min_value=Decimal("0.01"))
    unit = forms.CharField(label=_("Unit"), max_length=20, initial="kg")
    team = forms.ModelChoiceField(label=_("Team"), queryset=WorkTeam.objects.none(), required=False)
    sent_to_kitchen_on = date_field(_("Sent to the kitchen on"), required=False)
    received_by = forms.CharField(label=_("Received by"), max_length=150, required=False)

    def __init__(self, *args: Any, facility_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = WorkTeam.objects.filter(facility_id=facility_id, is_active=True)  # type: ignore[attr-defined]


class ProduceFilter(StyledFormMixin, forms.Form):
    item = forms.ChoiceField(label=_("Item"), choices=[("", _("All")), *Produce.Item.choices], required=False)
    start = date_field(_("From"), required=False)
    end = date_field(_("To"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_period(self)
        return data


class WorkLogFilter(StyledFormMixin, forms.Form):
    team = forms.TypedChoiceField(label=_("Team"), coerce=int, required=False, empty_value=None)
    # Empty: this month (a page or sort link carries no dates).
    start = date_field(_("From"), required=False)
    end = date_field(_("To"), required=False)
    q = forms.CharField(label=_("Resident"), required=False, max_length=100)

    def __init__(self, *args: Any, teams: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams")), *teams]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_period(self, max_days=366)
        return data
