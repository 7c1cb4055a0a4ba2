"""The organisation's pages: access, form, one service or selector, render or redirect."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.facility import current_facility
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core import clock
from hoanhap.core.models import Facility

from ..access import WRITE


def day_asked(request: AuthenticatedRequest, name: str = "on") -> date:
    """?on= as dd/mm/yyyy or yyyy-mm-dd; anything else is today."""
    raw = request.GET.get(name, "")
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return clock.today()


def writing_facility(request: AuthenticatedRequest) -> Facility:
    """The facility new rows go to: the current one if the user manages its staff there, else the
    first where they do."""
    require_capability(request.user, WRITE)
    ids = facility_ids_with(request.user, WRITE)
    current = current_facility(request)
    if current is not None and current.pk in ids:
        return current
    found = Facility.objects.filter(pk__in=ids).order_by("name", "pk").first()
    if found is None:
        raise PermissionDenied
    return found
