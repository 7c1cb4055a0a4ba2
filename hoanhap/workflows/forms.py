"""The workflows' forms: acting on a task (its fields built from the step's spec), starting a
case, a step of a draft, the inbox's filters. Types and rules are checked by the services."""

from __future__ import annotations

import json
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.roles import Role
from hoanhap.core.forms import StyledFormMixin, date_field

from . import references
from .models import Process, Step, Task

ACTIONS = {"complete": _("Done"), "approve": _("Approve"), "return": _("Return")}


class TaskForm(StyledFormMixin, forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=list(ACTIONS.items()))
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    to = forms.ChoiceField(label=_("Return to"), required=False, choices=[])

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        step = task.step
        action = cast(forms.ChoiceField, self.fields["action"])
        if step.kind == Step.Kind.APPROVAL:
            action.choices = [("approve", ACTIONS["approve"]), ("return", ACTIONS["return"])]
            titles = {s.key: s.title for s in step.version.steps.all()}
            cast(forms.ChoiceField, self.fields["to"]).choices = [
                (key, titles.get(key, key)) for key in step.may_return_to or []
            ]
        else:
            action.choices = [("complete", ACTIONS["complete"])]
            del self.fields["to"]
        self.step_field_names: list[str] = []
        for spec in references.with_options(step.fields or [], task.facility_id):
            name = spec["name"]
            label = spec.get("label") or name
            kind = spec.get("type", "text")
            field: forms.Field
            if kind == "date":
                field = date_field(label, required=False)
            elif kind == "number":
                field = forms.IntegerField(label=label, required=False)
            elif kind == "choice":
                field = forms.ChoiceField(
                    label=label, required=False, choices=[("", "—"), *[tuple(c) for c in spec.get("choices", [])]]
                )
            elif kind == "yes-no":
                field = forms.BooleanField(label=label, required=False)
            else:
                field = forms.CharField(label=label, required=False, max_length=2000)
            self.fields[name] = field
            self.step_field_names.append(name)
        for name in self.step_field_names:
            widget = self.fields[name].widget
            css = (
                "form-check-input"
                if isinstance(widget, forms.CheckboxInput)
                else ("form-select" if isinstance(widget, forms.Select) else "form-control")
            )
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def step_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.step_field_names}


class StartForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    resident = forms.IntegerField(label=_("Resident (record id)"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, residents: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        """`residents`: the residents in rehab the user may choose from (for those who see them);
        without, a case names a resident only when started from the resident's own page."""
        super().__init__(*args, **kwargs)
        if residents is not None:
            self.fields["resident"] = forms.TypedChoiceField(
                label=_("About the resident"),
                choices=[("", _("— not about a resident —")), *residents],
                coerce=int,
                empty_value=None,
                required=False,
            )


class StepForm(StyledFormMixin, forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=60)
    title = forms.CharField(label=_("Title"), max_length=200)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=1000, initial=0)
    kind = forms.ChoiceField(label=_("Kind"), choices=Step.Kind.choices)
    owner_role = forms.ChoiceField(label=_("Owner role"), choices=Role.choices)
    deadline_days = forms.IntegerField(label=_("Deadline (working days)"), min_value=0, max_value=365, initial=1)
    after = forms.CharField(label=_("Waits for (keys, comma separated)"), required=False, max_length=500)
    may_return_to = forms.CharField(label=_("May return to (keys, comma separated)"), required=False, max_length=500)
    fields_json = forms.CharField(
        label=_("Fields (JSON list)"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_fields_json(self) -> list[Any]:
        raw = self.cleaned_data["fields_json"].strip()
        if not raw:
            return []
        try:
            value = json.loads(raw)
        except ValueError:
            raise forms.ValidationError(_("Write the fields as a JSON list.")) from None
        if not isinstance(value, list):
            raise forms.ValidationError(_("Write the fields as a JSON list."))
        return value

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data

        def keys(text: str) -> list[str]:
            return [part.strip() for part in text.split(",") if part.strip()]

        return {
            "title": data["title"],
            "position": data["position"],
            "kind": data["kind"],
            "owner_role": data["owner_role"],
            "deadline_days": data["deadline_days"],
            "after": keys(data["after"]),
            "may_return_to": keys(data["may_return_to"]),
            "fields": data["fields_json"],
        }


class InboxFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class CancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ProcedureForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    process = forms.ModelChoiceField(
        label=_("Process that handles it"), queryset=Process.objects.none(), required=False
    )
    applicants = forms.CharField(label=_("Who may apply"), max_length=300, required=False)
    requirements = forms.CharField(label=_("Requirements"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    documents = forms.CharField(
        label=_("Documents to submit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One document a line."),
    )
    where = forms.CharField(label=_("Where to submit"), max_length=300, required=False)
    fee = forms.CharField(label=_("Fee"), max_length=200, required=False)
    time_limit_days = forms.IntegerField(
        label=_("Time limit (working days)"), min_value=0, max_value=365, required=False
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000, initial=0)
    is_published = forms.BooleanField(label=_("Published on the public site"), required=False)

    def __init__(self, *args: Any, facility_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = Process.objects.filter(facility_id=facility_id).order_by("title")  # type: ignore[attr-defined]
