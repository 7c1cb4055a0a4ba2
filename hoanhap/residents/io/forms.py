"""Forms of the roster import: the upload, and the choice of a field for each column."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from hoanhap.core import clock
from hoanhap.core.forms import StyledFormMixin, date_field

from ..models import STAGE_CHOICES
from . import sheet
from .roster import FIELDS
from .rows import RosterDefaults


class RosterUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("The first sheet is read. Its header row names the columns; a title above it is fine."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self) -> Any:
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(sheet.NOT_A_WORKBOOK, code="not_xlsx")
        if uploaded.size > sheet.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB; split it into smaller files."),
                code="too_large",
                params={"size": sheet.MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return uploaded


class RosterDefaultsForm(StyledFormMixin, forms.Form):
    """What the clerk says for the rows that do not say it: most lists give no stage, many no dates."""

    stage = forms.ChoiceField(
        label=_("Stage, for rows without one"),
        choices=[("", _("Reception and classification (the first stage)")), *STAGE_CHOICES],
        required=False,
    )
    stage_since_on = date_field(
        _("In this stage since, for rows without a date"),
        required=False,
        help_text=_("Left blank, the facility's stage plan says. Never before a row's admission date."),
    )
    admitted_on = date_field(_("Admission date, for rows without one"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("stage_since_on", "admitted_on"):
            day = cleaned.get(name)
            if day is not None and day > clock.today():
                self.add_error(name, _("The date cannot be in the future."))
        return cleaned

    @property
    def defaults(self) -> RosterDefaults:
        data = self.cleaned_data
        return RosterDefaults(
            stage=data.get("stage") or None,
            stage_since_on=data.get("stage_since_on"),
            admitted_on=data.get("admitted_on"),
        )

    @staticmethod
    def data_for(defaults: RosterDefaults) -> dict[str, str]:
        return {
            "stage": defaults.stage or "",
            "stage_since_on": f"{defaults.stage_since_on:%d/%m/%Y}" if defaults.stage_since_on else "",
            "admitted_on": f"{defaults.admitted_on:%d/%m/%Y}" if defaults.admitted_on else "",
        }


def _field_choices() -> list[tuple[str, str]]:
    choices = [("", str(_("— not imported —")))]
    for field in FIELDS:
        label = capfirst(str(field.label))
        choices.append((field.key, f"{label} *" if field.required else label))
    return choices


class ColumnMappingForm(StyledFormMixin, forms.Form):
    """One select per column of the file; the value is the field the column fills."""

    def __init__(self, header: sheet.RosterHeader, *args: Any, **kwargs: Any) -> None:
        self.header = header
        super().__init__(*args, **kwargs)
        choices = _field_choices()
        for index, label in enumerate(header.columns):
            sample = header.samples[index] if index < len(header.samples) else ""
            self.fields[self.field_name(index)] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                help_text=_("For example: %(sample)s") % {"sample": sample[:60]} if sample else "",
            )
        # StyledFormMixin styled the fields that existed when it ran: style the new ones too.
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")

    @staticmethod
    def field_name(index: int) -> str:
        return f"column_{index}"

    @classmethod
    def data_for(cls, mapping: dict[int, str]) -> dict[str, str]:
        return {cls.field_name(index): key for index, key in mapping.items()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        mapping = {
            index: cleaned[self.field_name(index)]
            for index in range(len(self.header.columns))
            if cleaned.get(self.field_name(index))
        }
        try:
            sheet.check_mapping(self.header, mapping)
        except sheet.MappingError as error:
            raise forms.ValidationError(error.messages) from None
        self.mapping = mapping
        return cleaned
