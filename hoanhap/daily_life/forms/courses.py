"""Courses and classes: the forms. The roll call and the results are sheets read row by row in the
views (one field per resident); the list's filters are read by the selector."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Role, capabilities_of
from hoanhap.core.forms import StyledFormMixin, date_field

from ..access import AREAS
from ..models import Course, Trade
from ..services.courses import Absence, Result


def read_absences(data: Mapping[str, Any], resident_ids: Iterable[int]) -> dict[int, Absence]:
    """The sheet's absent rows: `absent-<id>` ticked, with `reason-<id>` and `note-<id>`."""
    return {
        pk: Absence(reason=str(data.get(f"reason-{pk}", "")), note=str(data.get(f"note-{pk}", "")))
        for pk in resident_ids
        if data.get(f"absent-{pk}")
    }


def read_results(data: Mapping[str, Any], resident_ids: Iterable[int]) -> tuple[dict[int, Result], dict[int, Any]]:
    """The results sheet's rows (`score-<id>`, `note-<id>`), and the rows whose score is no number."""
    results: dict[int, Result] = {}
    errors: dict[int, Any] = {}
    for pk in resident_ids:
        raw = str(data.get(f"score-{pk}", "")).strip().replace(",", ".")
        try:
            score = Decimal(raw) if raw else None
        except InvalidOperation:
            errors[pk] = _("Enter a number, such as 7.5.")
            continue
        if score is not None and not score.is_finite():
            errors[pk] = _("Enter a number, such as 7.5.")
            continue
        results[pk] = Result(score=score, note=str(data.get(f"note-{pk}", "")))
    return results, errors


WEEKDAYS = (
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
)


class CourseForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Course.Kind.choices)
    trade = forms.ModelChoiceField(label=_("Trade"), queryset=Trade.objects.none(), required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    teacher = forms.ModelChoiceField(label=_("Teacher"), queryset=User.objects.none())
    starts_on = date_field(_("Starts on"))
    ends_on = date_field(_("Ends on"))

    def __init__(self, *args: Any, facility_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trade"].queryset = Trade.objects.filter(  # type: ignore[attr-defined]
            Q(facility__isnull=True) | Q(facility_id=facility_id), is_active=True
        )
        roles = [role for role in Role.values if AREAS["courses"].write in capabilities_of(role)]
        teachers = User.objects.filter(
            memberships__facility_id=facility_id, memberships__role__in=roles, memberships__is_active=True
        )
        self.fields["teacher"].queryset = teachers.distinct().order_by("full_name")  # type: ignore[attr-defined]


class CourseEditForm(CourseForm):
    """The course's details but its kind, which its lessons and results follow from."""

    def __init__(self, *args: Any, facility_id: int, **kwargs: Any) -> None:
        super().__init__(*args, facility_id=facility_id, **kwargs)
        del self.fields["kind"]


class LeaveCourseForm(StyledFormMixin, forms.Form):
    left_on = date_field(_("Left the course on"))
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class ScheduleForm(StyledFormMixin, forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    starts_at = forms.TimeField(label=_("Starts at"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label=_("Ends at"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    topics = forms.CharField(
        label=_("Curriculum topics"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One topic a line, given to the lessons in order."),
    )

    def clean_topics(self) -> list[str]:
        return [line.strip()[:200] for line in self.cleaned_data["topics"].splitlines() if line.strip()]


class EnrolForm(StyledFormMixin, forms.Form):
    residents = forms.TypedMultipleChoiceField(
        label=_("Residents in rehab"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    enrolled_on = date_field(_("Enrolled on"))

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["residents"].choices = choices  # type: ignore[attr-defined]
