"""Events, competitions and prizes: the forms (typed input; the rules stay in the services)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.core.forms import StyledFormMixin, date_field

from ..models import Competition, Event, EventParticipant, WorkTeam

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventFilterForm(StyledFormMixin, forms.Form):
    """The list's filters, from the query string; a bad value is ignored, never a 500."""

    q = forms.CharField(label=_("Title contains"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)

    def __init__(self, *args: Any, kinds: Iterable[tuple[str, Any]] = Event.Kind.choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        """The valid filters; an invalid one is left out (and shown beside its field)."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}


class EventForm(StyledFormMixin, forms.Form):
    facility = forms.TypedChoiceField(label=_("Facility"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = date_field(_("Date"))
    starts_at = forms.TimeField(label=_("Starts at"), required=False, widget=TIME)
    ends_at = forms.TimeField(label=_("Ends at"), required=False, widget=TIME)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, facilities: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].choices = facilities  # type: ignore[attr-defined]
        if len(facilities) == 1:
            self.fields["facility"].initial = facilities[0][0]
            self.fields["facility"].widget = forms.HiddenInput()


class ParticipantsForm(StyledFormMixin, forms.Form):
    """Several residents and staff at once, ticked in a filtered list."""

    residents = forms.TypedMultipleChoiceField(
        label=_("Residents"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    staff = forms.TypedMultipleChoiceField(
        label=_("Staff"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    role = forms.ChoiceField(label=_("Role"), choices=EventParticipant.Role.choices)

    def __init__(
        self, *args: Any, residents: list[tuple[int, str]], staff: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["residents"].choices = residents  # type: ignore[attr-defined]
        self.fields["staff"].choices = staff  # type: ignore[attr-defined]


class PhotoForm(StyledFormMixin, forms.Form):
    # A plain file field: the service checks the image and says why it refuses one.
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class CompetitionForm(StyledFormMixin, forms.Form):
    facility = forms.TypedChoiceField(label=_("Facility"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Competition.Kind.choices)
    held_on = date_field(_("Date"))

    def __init__(self, *args: Any, facilities: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].choices = facilities  # type: ignore[attr-defined]
        if len(facilities) == 1:
            self.fields["facility"].initial = facilities[0][0]
            self.fields["facility"].widget = forms.HiddenInput()


class PrizeForm(StyledFormMixin, forms.Form):
    WINNER_CHOICES = (("team", _("A work team")), ("resident", _("A resident")))

    rank = forms.CharField(
        label=_("Prize"), max_length=100, widget=forms.TextInput(attrs={"list": "prize-ranks", "autocomplete": "off"})
    )
    item = forms.CharField(label=_("Item given"), max_length=200, required=False)
    value = forms.IntegerField(
        label=_("Value (VND)"), initial=0, widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000})
    )
    winner = forms.ChoiceField(label=_("Winner"), choices=WINNER_CHOICES, widget=forms.RadioSelect, initial="resident")
    team = forms.ModelChoiceField(label=_("Work team"), queryset=WorkTeam.objects.none(), required=False)
    resident = forms.TypedChoiceField(label=_("Resident"), coerce=int, required=False)

    def __init__(self, *args: Any, teams: Any, residents: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["resident"].choices = [("", "—"), *residents]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("winner") == "team" and not data.get("team"):
            self.add_error("team", _("Choose the team."))
        if data.get("winner") == "resident" and not data.get("resident"):
            self.add_error("resident", _("Choose the resident."))
        return data

    def winner_kwargs(self) -> dict[str, Any]:
        if self.cleaned_data["winner"] == "team":
            return {"team": self.cleaned_data["team"]}
        return {"resident_id": self.cleaned_data["resident"]}
