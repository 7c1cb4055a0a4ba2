"""The legal events' forms: the fields every event has, and each kind's own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.core.forms import StyledFormMixin, VersionMixin, date_field
from hoanhap.core.models import Facility

from ..models import LegalEvent
from ..services.specs import DECISION_REQUIRED, EVENT_SPECS


class EventForm(StyledFormMixin, VersionMixin):
    """Fields every legal event has; each kind adds its own."""

    occurred_on = date_field(_("Date"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    decision_on = date_field(_("Decision date"), required=False)
    decided_by = forms.CharField(label=_("Issued by"), max_length=150, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, facility_id: int | None = None, kind: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind in DECISION_REQUIRED:
            self.fields["decision_number"].required = True
            self.fields["decision_on"].required = True
        # The event's own fields first, the note last.
        self.order_fields([name for name in self.fields if name != "note"] + ["note"])

    def event_data(self) -> dict[str, Any]:
        data = {name: value for name, value in self.cleaned_data.items() if name != "version"}
        for name in ("decision_number", "decided_by", "note", "place"):
            if name in data and data[name] is None:
                data[name] = ""
        return data


class ChecklistTickForm(forms.Form):
    """A reception task done (with the day it was done: today unless given) or undone."""

    done = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1")
    done_on = date_field(_("Done on"), required=False)


class LeaveForm(EventForm):
    leave_reason = forms.ChoiceField(label=_("Reason"), choices=LegalEvent.LeaveReason.choices)
    days = forms.IntegerField(label=_("Days of leave"), min_value=0, max_value=365)
    travel_days = forms.IntegerField(label=_("Travel days"), min_value=0, max_value=30, initial=0)
    place = forms.CharField(label=_("Destination"), max_length=200, required=False)


class AbscondenceForm(EventForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].label = _("Left on")
        self.fields["decision_number"].label = _("Search decision number")
        self.fields["decision_on"].label = _("Search decision date")


class ReturnForm(EventForm):
    return_manner = forms.ChoiceField(
        label=_("After an abscondence"), choices=[("", "—"), *LegalEvent.ReturnManner.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].label = _("Returned on")
        del self.fields["decided_by"]


class TermReductionForm(EventForm):
    months = forms.IntegerField(label=_("Months of reduction"), min_value=1, max_value=12)
    is_meritorious = forms.BooleanField(label=_("For a meritorious act"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["occurred_on"]
        self.fields["decision_on"].required = True

    def event_data(self) -> dict[str, Any]:
        return super().event_data()


class HospitalForm(EventForm):
    place = forms.CharField(label=_("Hospital"), max_length=200)


class TransferForm(EventForm):
    to_facility = forms.ModelChoiceField(label=_("Receiving facility"), queryset=Facility.objects.none())

    def __init__(self, *args: Any, facility_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        facilities = Facility.objects.filter(is_active=True)
        if facility_id is not None:
            facilities = facilities.exclude(pk=facility_id)
        self.fields["to_facility"].queryset = facilities  # type: ignore[attr-defined]


class DeathForm(EventForm):
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision_number"].label = _("Death certificate or minutes number")
        del self.fields["decided_by"]


class CompletionForm(StyledFormMixin, VersionMixin):
    occurred_on = date_field(_("Completed on"))
    signed_by_name = forms.CharField(label=_("Signed by (director)"), max_length=150, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, facility_id: int | None = None, kind: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def event_data(self) -> dict[str, Any]:
        data = {name: value for name, value in self.cleaned_data.items() if name != "version"}
        return {**data, "signed_by_name": data.get("signed_by_name") or "", "note": data.get("note") or ""}


class DischargeForm(EventForm):
    discharge_reason = forms.ChoiceField(label=_("Reason"), choices=LegalEvent.DischargeReason.choices)


_FORMS: dict[str, type[forms.Form]] = {
    form.__name__: form
    for form in (
        EventForm,
        LeaveForm,
        AbscondenceForm,
        ReturnForm,
        TermReductionForm,
        HospitalForm,
        TransferForm,
        DeathForm,
        CompletionForm,
        DischargeForm,
    )
}
# The form each event's spec names.
EVENT_FORMS: dict[str, type[forms.Form]] = {kind: _FORMS[spec.form] for kind, spec in EVENT_SPECS.items()}
