"""The grading sheet: every resident of a zone on one page for one month, graded by keyboard and
saved together (`services.grading.record_conduct_grades`), refused rows shown beside their row."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.facility import current_facility
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import has_capability
from hoanhap.core import clock
from hoanhap.core.errors import StaleVersion

from .. import selectors, terms
from ..forms.grading import GradingSheetForm, last_month
from ..services.grading import GradesRefused, record_conduct_grades


@capability_required(Capability.MANAGE_RESIDENTS)
def grading_sheet(request: AuthenticatedRequest) -> HttpResponse:
    facility = current_facility(request)
    if facility is None or not has_capability(request.user, Capability.MANAGE_RESIDENTS, facility.pk):
        raise PermissionDenied
    form = GradingSheetForm(request.GET or None, facility_id=facility.pk)
    if not request.GET:
        first_zone = form.fields["zone"].queryset.first()  # type: ignore[attr-defined]
        form = GradingSheetForm(
            {"zone": first_zone.pk if first_zone else "", "month": f"{last_month(clock.today()):%m/%Y}"},
            facility_id=facility.pk,
        )
    if not form.is_valid():
        return _render(request, form, rows=[], status=400 if request.GET else 200)
    month = form.cleaned_data["month"].replace(day=1)
    chosen_group = form.chosen_group()
    if chosen_group is None:
        rows = list(
            selectors.grading_sheet_rows(facility_id=facility.pk, zone_id=form.cleaned_data["zone"].pk, month=month)
        )
    else:
        group, group_id = chosen_group
        members = group.episode_ids(facility.pk, group_id)
        rows = list(selectors.grading_sheet_rows(facility_id=facility.pk, episode_ids=members, month=month))
    if request.method != "POST":
        return _render(request, form, rows=rows)
    chosen = {row.pk: request.POST.get(f"grade-{row.pk}", "") for row in rows}
    shown = {row.pk: request.POST.get(f"was-{row.pk}", "") for row in rows}
    try:
        saved = record_conduct_grades(
            actor=request.user, facility_id=facility.pk, month=month, grades=chosen, expected=shown
        )
    except StaleVersion as error:
        return _render(request, form, rows=rows, chosen=chosen, error=str(error), status=409)
    except GradesRefused as error:
        return _render(request, form, rows=rows, chosen=chosen, error=str(error), row_errors=error.errors, status=400)
    messages.success(request, _("%(count)s grades saved for %(month)s.") % {"count": saved, "month": f"{month:%m/%Y}"})
    return redirect(request.get_full_path())


def _render(
    request: AuthenticatedRequest,
    form: GradingSheetForm,
    *,
    rows: list[Any],
    chosen: dict[int, str] | None = None,
    error: str = "",
    row_errors: dict[int, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    for row in rows:
        row.chosen_grade = (chosen or {}).get(row.pk, row.current_grade or "")
        row.error = (row_errors or {}).get(row.pk, "")
    context = {
        "form": form,
        "rows": rows,
        "grades": [(grade.value, grade.label, str(n)) for n, grade in enumerate(terms.ConductGrade, start=1)],
        "error": error,
        "graded": sum(1 for row in rows if row.current_grade),
    }
    return render(request, "residents/grading_sheet.html", context, status=status)
