"""Admission, room, stage, monthly conduct grade, and aftercare follow-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hoanhap.core.forms import StyledFormMixin, VersionMixin, date_field
from hoanhap.core.models import Room, Zone

from .. import selectors
from ..models import STAGE_CHOICES
from ..terms import ConductGrade, Stage


class PlacementMixin(forms.Form):
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=Zone.objects.none())
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none())

    def limit_to_facility(self, facility_id: int) -> None:
        self.fields["zone"].queryset = Zone.objects.filter(facility_id=facility_id).order_by("name")  # type: ignore[attr-defined]
        self.fields["room"].queryset = (  # type: ignore[attr-defined]
            Room.objects.filter(facility_id=facility_id).select_related("zone").order_by("zone__name", "name")
        )


class AdmissionForm(StyledFormMixin, PlacementMixin):
    KIND_CHOICES = (
        ("voluntary", _("Voluntary (at the person's request)")),
        ("compulsory", _("Compulsory (court decision)")),
    )

    basis = forms.ChoiceField(label=_("Kind of rehab"), choices=KIND_CHOICES, widget=forms.RadioSelect)
    admitted_on = date_field(_("Admitted on"))
    requested_on = date_field(_("Request date"), required=False, help_text=_("Voluntary rehab."))
    decision_number = forms.CharField(label=_("Court decision number"), max_length=60, required=False)
    decision_on = date_field(_("Court decision date"), required=False)
    decided_by = forms.CharField(label=_("Court"), max_length=150, required=False)
    term_months = forms.IntegerField(label=_("Term (months)"), min_value=1, max_value=60)
    credited_days = forms.IntegerField(
        label=_("Days held before the decision"),
        min_value=0,
        max_value=2000,
        required=False,
        help_text=_("Credited towards the term (compulsory rehab)."),
    )
    prior_compulsory_outside = forms.IntegerField(
        label=_("Earlier compulsory rehabs not recorded here"), min_value=0, max_value=20, required=False
    )

    def __init__(self, *args: Any, facility_id: int, resident_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_to_facility(facility_id)
        self.fields["basis"].widget.attrs["class"] = "form-check-input"
        # The zone first; its free rooms only, reloaded when the zone changes (htmx).
        zone_id = _as_id(self.data.get("zone") if self.is_bound else self.initial.get("zone"))
        room_field = self.fields["room"]
        room_field.queryset = (  # type: ignore[attr-defined]
            selectors.free_rooms(facility_id, zone_id) if zone_id is not None else Room.objects.none()
        )
        room_field.label_from_instance = lambda room: f"{room} ({room.occupants}/{room.capacity})"  # type: ignore[attr-defined]
        room_field.error_messages["invalid_choice"] = _("Choose a room of this zone with a free place.")
        self.fields["zone"].widget.attrs.update(
            {
                "hx-get": reverse("residents:admit-rooms", args=[resident_id]),
                "hx-target": "#id_room",
                "hx-select": "#id_room",
                "hx-swap": "outerHTML",
            }
        )

    def admission(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {
            "compulsory": data.pop("basis") == "compulsory",
            **data,
            "credited_days": data.get("credited_days") or 0,
            "prior_compulsory_outside": data.get("prior_compulsory_outside") or 0,
            "decision_number": data.get("decision_number") or "",
            "decided_by": data.get("decided_by") or "",
        }


def _as_id(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


class TermHintForm(forms.Form):
    """What the term hint reads from the admission form as it is being filled in."""

    basis = forms.ChoiceField(choices=AdmissionForm.KIND_CHOICES)
    decision_on = date_field(_("Court decision date"), required=False)
    requested_on = date_field(_("Request date"), required=False)
    prior_compulsory_outside = forms.IntegerField(min_value=0, max_value=20, required=False)

    def hint_args(self) -> dict[str, Any] | None:
        """term_bounds' arguments, or None while the date the term depends on is missing."""
        if not self.is_valid():
            return None
        compulsory = self.cleaned_data["basis"] == "compulsory"
        basis_on = self.cleaned_data["decision_on" if compulsory else "requested_on"]
        if basis_on is None:
            return None
        outside = self.cleaned_data.get("prior_compulsory_outside") or 0
        return {"compulsory": compulsory, "basis_on": basis_on, "prior_compulsory_outside": outside}


class RoomForm(StyledFormMixin, VersionMixin, PlacementMixin):
    on = date_field(_("Date"))

    def __init__(self, *args: Any, facility_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_to_facility(facility_id)


class StageForm(StyledFormMixin, VersionMixin):
    to_stage = forms.ChoiceField(label=_("Move to stage"), choices=STAGE_CHOICES)
    changed_on = date_field(_("Date"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, current_stage: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if current_stage is not None and not self.is_bound:
            order = list(Stage)
            index = order.index(Stage(current_stage))
            if index + 1 < len(order):
                self.initial.setdefault("to_stage", order[index + 1].value)


class ConductGradeForm(StyledFormMixin, forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%m/%Y", "%d/%m/%Y", "%Y-%m"],
        widget=forms.DateInput(attrs={"placeholder": _("mm/yyyy"), "inputmode": "numeric"}, format="%m/%Y"),
    )
    grade = forms.ChoiceField(label=_("Grade"), choices=[(g.value, g.label) for g in ConductGrade])
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AftercareNoteForm(StyledFormMixin, forms.Form):
    noted_on = date_field(_("Date"))
    text = forms.CharField(label=_("Follow-up note"), widget=forms.Textarea(attrs={"rows": 3}))


class AftercareCloseForm(StyledFormMixin, forms.Form):
    closed_on = date_field(_("Ended on"))
