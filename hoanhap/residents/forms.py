"""Forms of the residents pages. They parse typed input; the rules live in the services, whose
`DomainError` the views put back beside the field it names (`add_domain_error`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.core.forms import DateInput, StyledFormMixin, VersionMixin, date_field
from hoanhap.core.models import Facility, Room, Zone

from .models import KIND_CHOICES, STAGE_CHOICES, Episode, LegalEvent, Resident, Substance
from .selectors import NOT_IN_REHAB, OPEN_STATUSES
from .services.registration import IDENTITY_FIELDS, ContactData
from .services.status import DECISION_REQUIRED
from .terms import ConductGrade, Stage

# --- Registration and identity -----------------------------------------------------------------


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
            _("Criminal record"),
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


# --- Admission, room, stage, grade -------------------------------------------------------------


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

    def __init__(self, *args: Any, facility_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_to_facility(facility_id)
        self.fields["basis"].widget.attrs["class"] = "form-check-input"

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


# --- Legal events ------------------------------------------------------------------------------


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


EVENT_FORMS: dict[str, type[forms.Form]] = {
    LegalEvent.Kind.LEAVE: LeaveForm,
    LegalEvent.Kind.ABSCONDENCE: AbscondenceForm,
    LegalEvent.Kind.RETURN: ReturnForm,
    LegalEvent.Kind.TERM_REDUCTION: TermReductionForm,
    LegalEvent.Kind.POSTPONEMENT: EventForm,
    LegalEvent.Kind.EXEMPTION: EventForm,
    LegalEvent.Kind.HOSPITAL: HospitalForm,
    LegalEvent.Kind.TRANSFER: TransferForm,
    LegalEvent.Kind.DEATH: DeathForm,
    LegalEvent.Kind.COMPLETION: CompletionForm,
    LegalEvent.Kind.DISCHARGE: DischargeForm,
}


# --- Aftercare ---------------------------------------------------------------------------------


class AftercareNoteForm(StyledFormMixin, forms.Form):
    noted_on = date_field(_("Date"))
    text = forms.CharField(label=_("Follow-up note"), widget=forms.Textarea(attrs={"rows": 3}))


class AftercareCloseForm(StyledFormMixin, forms.Form):
    closed_on = date_field(_("Ended on"))


# --- Search --------------------------------------------------------------------------------------


class SearchForm(StyledFormMixin, forms.Form):
    """The filters of the residents list; a value that is not a choice is ignored, never a 500."""

    q = forms.CharField(label=_("Find a resident"), max_length=100, required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", _("Any stage")), *STAGE_CHOICES], required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Any kind")), *KIND_CHOICES],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Any status")),
            *[(value, label) for value, label in Episode.Status.choices if value in OPEN_STATUSES],
            (NOT_IN_REHAB, _("Not in rehab")),
        ],
        required=False,
    )
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Zone.objects.none(), required=False, empty_label=_("Any zone")
    )
    room = forms.ModelChoiceField(
        label=_("Room"), queryset=Room.objects.none(), required=False, empty_label=_("Any room")
    )

    def __init__(self, *args: Any, facility_ids: frozenset[int] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Zone.objects.filter(facility_id__in=facility_ids).order_by("name")  # type: ignore[attr-defined]
        self.fields["room"].queryset = (  # type: ignore[attr-defined]
            Room.objects.filter(facility_id__in=facility_ids).select_related("zone").order_by("zone__name", "name")
        )
