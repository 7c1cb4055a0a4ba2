"""Holidays: a page per year with the national days off and each facility's own; the staff
manager adds and removes the facility's own, the system administrator (or a superuser) the
national ones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.facility import chosen_facility_id
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import facility_ids_with, has_capability
from hoanhap.core import clock
from hoanhap.core.errors import DomainError
from hoanhap.core.forms import add_domain_error
from hoanhap.core.models import Facility, Holiday

from .. import selectors, services
from ..access import HOLIDAY_READERS, WRITE, may_keep_national_holidays
from ..forms import HolidayForm
from . import writing_facility

YEARS = range(2000, 2101)


@login_required
def holiday_year(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, HOLIDAY_READERS)
    try:
        year = int(request.GET.get("year", clock.today().year))
    except ValueError:
        year = clock.today().year
    if year not in YEARS:
        year = clock.today().year
    keeps_national = may_keep_national_holidays(request.user)
    keeps_own = bool(facility_ids_with(request.user, WRITE))
    form = HolidayForm(request.POST or None, initial={"national": not keeps_own})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                facility = None if data["national"] else writing_facility(request)
                services.add_holiday(
                    actor=request.user, facility=facility, day=data["day"], name=data["name"], kind=data["kind"]
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The holiday is added."))
                return redirect(f"{reverse('organisation:holidays')}?year={data['day'].year}")
    found = selectors.holidays_of_year(request.user, year, chosen_facility_id(request))
    facilities = {f.pk: f for f in Facility.objects.filter(pk__in=found.own)}
    context = {
        "year": year,
        "national": found.national,
        "own": [(facilities[pk], days) for pk, days in found.own.items()],
        "form": form,
        "keeps_national": keeps_national,
        "keeps_own": keeps_own,
        "writer_ids": facility_ids_with(request.user, WRITE),
    }
    return render(request, "organisation/holidays.html", context, status=status)


@login_required
@require_POST
def holiday_remove(request: AuthenticatedRequest, holiday_id: int) -> HttpResponse:
    holiday = Holiday.objects.filter(pk=holiday_id).first()
    if holiday is None:
        raise Http404
    if holiday.facility_id is None:
        if not may_keep_national_holidays(request.user):
            raise PermissionDenied
    elif not has_capability(request.user, WRITE, holiday.facility_id):
        # Another facility's day is as missing as one that does not exist.
        if facility_ids_with(request.user, WRITE):
            raise Http404
        raise PermissionDenied
    services.remove_holiday(actor=request.user, holiday=holiday)
    messages.success(request, _("The holiday is removed."))
    return redirect(f"{reverse('organisation:holidays')}?year={holiday.day.year}")
