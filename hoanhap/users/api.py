"""User accounts by the API: the same access, selectors and services as the pages. A refusal is a
4xx JSON body `{"detail", "code", "field"}`; the temporary password of a new account is in the
creation's answer, once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.models import RoleGrant
from hoanhap.core.errors import DomainError
from hoanhap.core.models import Facility

from . import access, selectors, services

router = Router(tags=["accounts: users"])


class RefusalOut(Schema):
    detail: Any
    code: str | None = None
    field: str | None = None


REFUSED: dict[int, Any] = dict.fromkeys((400, 403, 404, 422), RefusalOut)


class RoleOut(Schema):
    facility_id: int
    facility: str
    role: str


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    is_active: bool
    locked_out: bool
    two_factor: bool
    last_login: datetime | None
    roles: list[RoleOut]


class CreateIn(Schema):
    username: str = Field(..., max_length=150)
    full_name: str = Field(..., max_length=150)
    email: str = Field("", max_length=254)
    password: str | None = Field(None, max_length=128)


class CreatedOut(Schema):
    user: UserOut
    temporary_password: str


class ProposeIn(Schema):
    facility_id: int
    role: str = Field(..., max_length=30)


class GrantOut(Schema):
    id: int
    user_id: int
    facility_id: int
    role: str
    status: str
    proposed_by_id: int
    decided_by_id: int | None
    reason: str


class RefuseIn(Schema):
    reason: str = Field(..., max_length=500)


def _out(user: Any) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "is_active": user.is_active,
        "locked_out": bool(getattr(user, "locked_out", False)),
        "two_factor": bool(getattr(user, "two_factor", False)),
        "last_login": user.last_login,
        "roles": [
            {"facility_id": m.facility_id, "facility": m.facility.name, "role": m.role}
            for m in getattr(user, "active_roles", [])
        ],
    }


def _one(actor: Any, account_id: int) -> dict[str, Any]:
    return _out(selectors.users_for_list(actor).get(pk=account_id))


def _grant(request: AuthenticatedRequest, role_grant_id: int) -> RoleGrant:
    ids = access.approver_facility_ids(request.user)
    grants = RoleGrant.objects.all() if ids is None else RoleGrant.objects.filter(facility_id__in=ids)
    grant = grants.filter(pk=role_grant_id).first()
    if grant is None:
        raise Http404
    return grant


@router.get("", response={200: list[UserOut], **REFUSED}, summary="The accounts you manage (100 at most a page)")
def users(request: AuthenticatedRequest, role: str = "", status: str = "", page: int = 1) -> Any:
    access.require_manager(request.user)
    rows = selectors.users_for_list(request.user, role=role, status=status).order_by("name_sort_key", "pk")
    start = max(page - 1, 0) * 100
    return [_out(user) for user in rows[start : start + 100]]


@router.post("", response={201: CreatedOut, **REFUSED}, summary="Create an account (no role yet)")
def create(request: AuthenticatedRequest, payload: CreateIn) -> Any:
    user, password = services.create_account(actor=request.user, **payload.dict())
    return Status(201, {"user": _one(request.user, user.pk), "temporary_password": password})


@router.post("/{account_id}/roles", response={201: GrantOut, **REFUSED}, summary="Propose (or give) a role")
def propose(request: AuthenticatedRequest, account_id: int, payload: ProposeIn) -> Any:
    user = access.managed_user(request.user, account_id)
    facility = Facility.objects.filter(pk=payload.facility_id).first()
    if facility is None:
        raise DomainError(_("Unknown facility."), code="unknown_facility", field="facility_id")
    grant = services.propose_role(actor=request.user, user=user, facility=facility, role=payload.role)
    return Status(201, grant)


@router.get("/grants", response={200: list[GrantOut], **REFUSED}, summary="The grants waiting for you")
def grants(request: AuthenticatedRequest) -> Any:
    if not (request.user.is_superuser or access.approver_facility_ids(request.user)):
        raise PermissionDenied
    return list(selectors.grants_waiting_for(request.user))


@router.post("/grants/{role_grant_id}/approve", response={200: GrantOut, **REFUSED}, summary="Approve a grant")
def approve(request: AuthenticatedRequest, role_grant_id: int) -> Any:
    return services.approve_grant(actor=request.user, grant=_grant(request, role_grant_id))


@router.post("/grants/{role_grant_id}/refuse", response={200: GrantOut, **REFUSED}, summary="Refuse a grant")
def refuse(request: AuthenticatedRequest, role_grant_id: int, payload: RefuseIn) -> Any:
    return services.refuse_grant(actor=request.user, grant=_grant(request, role_grant_id), reason=payload.reason)


@router.post("/{account_id}/lock", response={200: UserOut, **REFUSED}, summary="Lock an account")
def lock(request: AuthenticatedRequest, account_id: int) -> Any:
    user = access.managed_user(request.user, account_id)
    services.lock_account(actor=request.user, user=user)
    return _one(request.user, user.pk)


@router.post("/{account_id}/unlock", response={200: UserOut, **REFUSED}, summary="Unlock an account")
def unlock(request: AuthenticatedRequest, account_id: int) -> Any:
    user = access.managed_user(request.user, account_id)
    services.unlock_account(actor=request.user, user=user)
    return _one(request.user, user.pk)
