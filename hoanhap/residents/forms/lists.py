"""The residents list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.core.forms import StyledFormMixin
from hoanhap.core.models import Room, Zone

from ..models import KIND_CHOICES, STAGE_CHOICES, Episode
from ..selectors import NOT_IN_REHAB, OPEN_STATUSES, SORT_CHOICES, ResidentFilters


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
    # Set by the column headers' links; kept by the live search.
    sort = forms.ChoiceField(choices=[("", ""), *SORT_CHOICES], required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        facility_ids: frozenset[int] = frozenset(),
        chosen_facility_id: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The top bar's choice applies to the list and to its export alike.
        self.chosen_facility_id = chosen_facility_id if chosen_facility_id in facility_ids else None
        self.fields["zone"].queryset = Zone.objects.filter(facility_id__in=facility_ids).order_by("name")  # type: ignore[attr-defined]
        self.fields["room"].queryset = (  # type: ignore[attr-defined]
            Room.objects.filter(facility_id__in=facility_ids).select_related("zone").order_by("zone__name", "name")
        )

    def filters(self) -> ResidentFilters:
        """The valid filters; an invalid one is left out, never an error (call `is_valid()` first)."""
        data = getattr(self, "cleaned_data", {})
        return ResidentFilters(
            query=(data.get("q") or "")[:100],
            stage=data.get("stage") or "",
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            zone_id=data["zone"].pk if data.get("zone") else None,
            room_id=data["room"].pk if data.get("room") else None,
            facility_id=self.chosen_facility_id,
            sort=data.get("sort") or "",
        )

    def described(self) -> list[tuple[str, str]]:
        """The valid filters as the user reads them (label, value), for a printed list's header."""
        data = getattr(self, "cleaned_data", {})
        described = []
        for name, field in self.fields.items():
            value = data.get(name)
            if not value or name == "sort":
                continue
            if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                value = dict(field.choices).get(value, value)  # type: ignore[arg-type]
            described.append((str(field.label), str(value)))
        return described
