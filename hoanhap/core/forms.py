"""Form helpers every module shares: styled widgets, dd/mm/yyyy dates, the optimistic-locking
version, and `process_form`, the one shape of a form view (validate, call the service, put a
refusal beside its field)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .errors import DomainError, StaleVersion


class StyledFormMixin:
    """Bootstrap classes on every widget, and errors announced beside their field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                bound = self[name]  # type: ignore[index]
                attrs = self.fields[name].widget.attrs  # type: ignore[attr-defined]
                attrs["class"] = f"{attrs.get('class', '')} is-invalid"
                attrs["aria-describedby"] = f"{bound.auto_id}_error"


DATE_PLACEHOLDER = _("dd/mm/yyyy")


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy (settings' DATE_INPUT_FORMATS), easy to type on a tablet."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric", "autocomplete": "off", **(attrs or {})},
            format="%d/%m/%Y",
        )


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def check_period(form: forms.BaseForm, start: str = "start", end: str = "end", *, max_days: int | None = None) -> None:
    """A list's period filter, from its cleaned data: an end before the start, or a span longer
    than `max_days`, is refused beside the end. Call it from the form's `clean`."""
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, _("The end cannot be before the start."))
    elif first and last and max_days is not None and (last - first).days > max_days:
        form.add_error(end, _("Choose at most %(days)s days.") % {"days": max_days})


class VersionMixin(forms.Form):
    """Optimistic locking: the version the form was opened on travels with it
    (`hoanhap.core.locking.locked(instance, expected_version=form.cleaned_data["version"])`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Put the service's message beside its field, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


def with_current_version(form: forms.BaseForm, version: int) -> None:
    """After a stale save: keep what the user typed, and carry the current version so that a
    second, deliberate save replaces the other change."""
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict: POST data
    data["version"] = str(version)
    form.data = data


def process_form(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[Any], Any],
    *,
    current_version: Callable[[], int] | None = None,
) -> int | None:
    """The one shape of a form view: validate, call the service, put its refusal beside the field.

    Returns None once `save(form)` has succeeded (the view redirects), otherwise the status to show
    the form again with: 200 for a first GET, 400 for invalid input or a rule's refusal, 409 when
    someone else saved first (then `current_version()` gives the version the next save replaces).

        form = StageForm(request.POST or None, initial=...)
        status = process_form(request, form, lambda form: services.move_stage(actor=request.user, ...))
        if status is None:
            messages.success(request, _("The stage is changed."))
            return redirect(...)
        return render(request, "residents/form_page.html", {"form": form}, status=status)
    """
    if request.method != "POST":
        return 200
    if not form.is_valid():
        return 400
    try:
        save(form)
    except StaleVersion as error:
        if current_version is not None:
            with_current_version(form, current_version())
        form.add_error(None, str(error))
        return 409
    except DomainError as error:
        add_domain_error(form, error)
        return 400
    return None
