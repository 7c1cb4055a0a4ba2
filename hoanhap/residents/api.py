from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import capabilities_in, has_capability

from .access import shows_resident
from .models import Resident
from .selectors import search_residents

router = Router(tags=["residents"])


class ResidentOut(Schema):
    id: int
    facility_id: int
    record_number: str
    full_name: str
    date_of_birth: date
    sex: str


class ResidentDetailOut(ResidentOut):
    other_names: str
    ethnicity: str
    # Sensitive: null unless the caller may see legal data in the resident's facility.
    citizen_id: str | None = Field(None)
    has_criminal_record: bool | None = Field(None)


def _require_view(request: HttpRequest) -> None:
    if not has_capability(request.user, Capability.VIEW_RESIDENTS):  # type: ignore[arg-type]
        raise PermissionDenied


@router.get("", response=list[ResidentOut], summary="Search residents")
@paginate(PageNumberPagination, page_size=50)
def list_residents(request: HttpRequest, q: str = ""):  # type: ignore[no-untyped-def]
    _require_view(request)
    return search_residents(request.user, q[:100])  # type: ignore[arg-type]


@router.get("/{resident_id}", response=ResidentDetailOut, summary="One resident (the view is logged)")
def get_resident(request: HttpRequest, resident_id: int) -> dict:
    _require_view(request)
    return _resident_detail(request, resident_id)


@shows_resident
def _resident_detail(request: HttpRequest, resident: Resident) -> dict:
    data = {field: getattr(resident, field) for field in ResidentDetailOut.model_fields if hasattr(resident, field)}
    allowed = capabilities_in(request.user, resident.facility_id)  # type: ignore[arg-type]
    for field, capability in Resident.SENSITIVE_FIELDS.items():
        if field in data and capability not in allowed:
            data[field] = None
    return data
