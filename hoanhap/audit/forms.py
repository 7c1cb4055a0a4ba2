from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.core.forms import StyledFormMixin

from . import events
from .models import AuditEntry


class AuditSearchForm(StyledFormMixin, forms.Form):
    actor = forms.CharField(label=_("Staff member"), required=False, max_length=150)
    resident = forms.CharField(
        label=_("Resident"), required=False, max_length=150, help_text=_("Name or record number")
    )
    action = forms.TypedChoiceField(
        label=_("Action"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All actions")), *AuditEntry.Action.choices],
    )
    event = forms.ChoiceField(label=_("Event"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Read when the form is made: every app has registered its kinds by then.
        event_field: forms.ChoiceField = self.fields["event"]  # type: ignore[assignment]
        event_field.choices = [("", _("All events")), *events.choices()]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
