"""Entitlements (the material regime): the API endpoints — the norms, a resident's due and issued,
saving a zone's monthly sheet, the shortfalls. Same selectors and services as the pages; a refusal
is a 4xx JSON with its message (hoanhap/api/api.py), another facility's resident a 404."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import facility_ids_with, has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.core import clock
from hoanhap.core.errors import DomainError, RuleError
from hoanhap.core.models import Zone
from hoanhap.residents.selectors import open_episodes

from ..access import AREAS
from ..rules.entitlements import NORM_SETS, norms_on
from ..selectors import entitlements as selectors
from ..services import entitlements as services
from .common import MAX_ID, REFUSED

router = Router(tags=["daily life: entitlements"])
READ = AREAS["entitlements"].read
WRITE = AREAS["entitlements"].write
# Ids beyond a 64-bit integer are refused (422) before they reach the database.


class NormOut(Schema):
    item: str
    label: str
    period: str
    applies_to: str
    quantity: int = Field(description="Due per period today (VND for a money item).")
    citation: str


class NormSetOut(Schema):
    effective_from: date
    citation: str
    in_force: bool
    items: list[NormOut]


class CellOut(Schema):
    item: str
    label: str
    period: date = Field(description="The period's first day: the month's, or 1 January for a yearly item.")
    due: int
    issued: int
    short: int


class ResidentEntitlementsOut(Schema):
    episode_id: int
    resident_id: int
    full_name: str
    month: date
    items: list[CellOut]


class SheetIn(Schema):
    facility_id: int = Field(ge=1, le=MAX_ID)
    zone_id: int = Field(ge=1, le=MAX_ID)
    month: date
    issued_on: date
    lines: list[SheetLineIn] = Field(max_length=20_000)


class SheetLineIn(Schema):
    episode_id: int = Field(ge=1, le=MAX_ID)
    item: str = Field(max_length=20)
    quantity: int = Field(ge=0, le=100_000_000)
    issued_before: int | None = Field(
        None, ge=0, le=100_000_000, description="What the caller saw as already issued: 409 if it changed."
    )


SheetIn.model_rebuild()


class SheetSavedOut(Schema):
    saved: int


class ShortfallOut(Schema):
    episode_id: int
    resident_id: int
    full_name: str
    zone: str
    item: str
    period: date
    due: int
    issued: int
    short: int


def _cell_out(cell: selectors.Cell) -> dict[str, Any]:
    return {
        "item": cell.item,
        "label": str(cell.due.norm.label),
        "period": cell.due.period,
        "due": cell.due.quantity,
        "issued": cell.issued,
        "short": cell.left,
    }


def _month(month: date | None) -> date:
    month = (month or clock.today()).replace(day=1)
    try:
        norms_on(month)
    except RuleError as error:
        raise DomainError(str(error), code=error.code, field="month") from None
    return month


@router.get("/norms", response={200: list[NormSetOut], **REFUSED}, summary="The norm sets, newest first")
def norms(request: AuthenticatedRequest) -> Any:
    require_capability(request.user, READ)
    today = clock.today()
    in_force = norms_on(today)
    return [
        {
            "effective_from": norm_set.effective_from,
            "citation": norm_set.citation,
            "in_force": norm_set is in_force,
            "items": [
                {
                    "item": norm.item.value,
                    "label": str(norm.label),
                    "period": norm.period.value,
                    "applies_to": norm.applies_to.value,
                    "quantity": norm.quantity_on(today),
                    "citation": norm.citation,
                }
                for norm in norm_set.items
            ],
        }
        for norm_set in sorted(NORM_SETS, key=lambda s: s.effective_from, reverse=True)
    ]


@router.get(
    "/episodes/{supply_episode_id}",
    response={200: ResidentEntitlementsOut, **REFUSED},
    summary="A resident's due and issued for a month (yearly items: for its year)",
)
def resident_entitlements(request: AuthenticatedRequest, supply_episode_id: int, month: date | None = None) -> Any:
    episodes = open_episodes(facility_ids_with(request.user, READ))
    episode: Any = object_for_request(request, episodes, supply_episode_id, capability=READ)  # type: ignore[arg-type]
    month = _month(month)
    (row,) = selectors.entitlement_rows([episode], month)
    return {
        "episode_id": episode.pk,
        "resident_id": episode.resident_id,
        "full_name": episode.resident.full_name,
        "month": month,
        "items": [_cell_out(cell) for cell in row.cells.values()],
    }


@router.post("/sheet", response={200: SheetSavedOut, **REFUSED}, summary="Save a zone's monthly sheet")
def save_sheet(request: AuthenticatedRequest, payload: SheetIn) -> Any:
    if not has_capability(request.user, WRITE, payload.facility_id):
        raise PermissionDenied
    if not Zone.objects.filter(pk=payload.zone_id, facility_id=payload.facility_id).exists():
        raise DomainError(_("Choose a zone of this facility."), code="invalid", field="zone_id")
    try:
        saved = services.save_supply_sheet(
            actor=request.user,
            facility_id=payload.facility_id,
            zone_id=payload.zone_id,
            month=payload.month,
            issued_on=payload.issued_on,
            quantities={(line.episode_id, line.item): line.quantity for line in payload.lines},
            expected={
                (line.episode_id, line.item): line.issued_before
                for line in payload.lines
                if line.issued_before is not None
            },
        )
    except services.SheetRefused as error:
        details = "; ".join(f"{cell}: {message}" for cell, message in error.errors.items())
        raise DomainError(f"{error} {details}".strip(), code=error.code, field="lines") from None
    return {"saved": saved}


@router.get("/shortfalls", response={200: list[ShortfallOut], **REFUSED}, summary="The shortfalls of a month")
def shortfall_list(
    request: AuthenticatedRequest,
    month: date | None = None,
    facility_id: int | None = None,
    zone_id: int | None = None,
    item: str | None = None,
) -> Any:
    require_capability(request.user, READ)
    ids = facility_ids_with(request.user, READ)
    if facility_id is not None:
        if facility_id not in ids:
            raise PermissionDenied
        ids = frozenset({facility_id})
    found = selectors.shortfalls(facility_ids=ids, month=_month(month), zone_id=zone_id, item=item)
    return [
        {
            "episode_id": s.episode.pk,
            "resident_id": s.episode.resident_id,
            "full_name": s.resident.full_name,
            "zone": s.episode.zone.name if s.episode.zone else "",
            "item": s.cell.item,
            "period": s.cell.due.period,
            "due": s.cell.due.quantity,
            "issued": s.cell.issued,
            "short": s.cell.left,
        }
        for s in found
    ]
