"""The pages of user administration. Thin: access → form → one service or selector → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.models import Membership, RoleGrant, User
from hoanhap.audit.writes import record_list_export
from hoanhap.core.errors import DomainError
from hoanhap.core.forms import add_domain_error, process_form
from hoanhap.core.tables import Column, Table

from . import access, selectors, services
from .forms import AccountForm, RefusalForm, RoleForm, UserFilter

COLUMNS = (
    Column(
        "name", gettext_lazy("Full name"), lambda u: u.full_name or u.username, order_by=("name_sort_key",), width=28
    ),
    Column("username", gettext_lazy("Username"), lambda u: u.username, order_by=("username",)),
    Column("roles", gettext_lazy("Roles"), selectors.roles_text, width=50),
    Column("status", gettext_lazy("Status"), lambda u: _status(u)),
    Column("two_factor", gettext_lazy("Two-factor sign-in"), lambda u: _("On") if u.two_factor else _("Off")),
    Column("last_login", gettext_lazy("Last sign-in"), lambda u: u.last_login, order_by=("last_login",)),
)
TABLE = Table(COLUMNS, default_sort="name")


def _status(user: Any) -> str:
    if not user.is_active:
        return _("Locked")
    if getattr(user, "locked_out", False):
        return _("Locked out after failed sign-ins")
    return _("Active")


def _manager(request: AuthenticatedRequest) -> None:
    access.require_manager(request.user)


def _managed_grant(request: AuthenticatedRequest, role_grant_id: int) -> RoleGrant:
    """A grant in a facility the user directs or administers; 404 for any other."""
    ids = access.approver_facility_ids(request.user)
    grants = RoleGrant.objects.select_related("user", "facility", "proposed_by")
    if ids is not None:
        grants = grants.filter(facility_id__in=ids)
    grant = grants.filter(pk=role_grant_id).first()
    if grant is None:
        raise Http404
    return grant


@login_required
def user_list(request: AuthenticatedRequest, *, export: bool = False) -> HttpResponse:
    _manager(request)
    filters = UserFilter(request.GET or None, facility_ids=access.administered_facility_ids(request.user))
    data = filters.cleaned_data if filters.is_valid() else {}
    facility = data.get("facility")
    rows = selectors.users_for_list(
        request.user,
        facility_id=facility.pk if facility else None,
        role=data.get("role") or "",
        status=data.get("status") or "",
        q=(data.get("q") or "").strip(),
    )
    if export:
        title = gettext_lazy("User accounts")
        response, count = TABLE.xlsx_response(rows, request.GET, filename="user-accounts.xlsx", title=title)
        ids = access.administered_facility_ids(request.user)
        record_list_export(
            actor=request.user,
            event="accounts.users_exported",
            facility_ids=ids if ids is not None else [facility.pk] if facility else [],
            title=title,
            count=count,
            filters=dict(request.GET.items()),
        )
        return response
    listing = TABLE.listing(rows, request.GET)
    waiting = selectors.grants_waiting_for(request.user).count()
    context = {"filters": filters, "listing": listing, "waiting": waiting}
    return render(request, "users/list.html", context, status=400 if filters.errors else 200)


@login_required
def user_export(request: AuthenticatedRequest) -> HttpResponse:
    return user_list(request, export=True)


@login_required
def user_create(request: AuthenticatedRequest) -> HttpResponse:
    _manager(request)
    form = AccountForm(request.POST or None)
    created: list[tuple[User, str]] = []
    status = process_form(
        request, form, lambda form: created.append(services.create_account(actor=request.user, **form.cleaned_data))
    )
    if status is None:
        user, password = created[0]
        # Shown this once, never stored in clear nor sent again.
        return render(request, "users/password_shown.html", {"account": user, "password": password})
    return render(request, "users/form.html", {"form": form, "title": _("Create an account")}, status=status)


@login_required
def user_detail(request: AuthenticatedRequest, account_id: int) -> HttpResponse:
    account = access.managed_user(request.user, account_id)
    history = selectors.history_of(account)
    context = {
        "account": account,
        "memberships": selectors.memberships_of(account),
        "grants": selectors.grants_of(account),
        "history": history,
        "has_two_factor": selectors.has_two_factor(account),
        "is_self": account.pk == request.user.pk,
    }
    return render(request, "users/detail.html", context)


@login_required
def role_propose(request: AuthenticatedRequest, account_id: int) -> HttpResponse:
    account = access.managed_user(request.user, account_id)
    form = RoleForm(request.POST or None, facility_ids=access.administered_facility_ids(request.user))
    made: list[RoleGrant] = []
    status = process_form(
        request,
        form,
        lambda form: made.append(
            services.propose_role(
                actor=request.user, user=account, facility=form.cleaned_data["facility"], role=form.cleaned_data["role"]
            )
        ),
    )
    if status is None:
        if made[0].status == RoleGrant.Status.PROPOSED:
            messages.success(
                request,
                _("The role is proposed. It takes effect once the director or a second administrator approves it."),
            )
        else:
            messages.success(request, _("The role is granted."))
        return redirect("users:user-detail", account_id=account.pk)
    title = _("Give %(name)s a role") % {"name": account}
    return render(request, "users/form.html", {"form": form, "title": title, "account": account}, status=status)


def _act(request: AuthenticatedRequest, account: User, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("users:user-detail", account_id=account.pk)
    messages.success(request, done)
    return redirect("users:user-detail", account_id=account.pk)


@require_POST
@login_required
def role_revoke(request: AuthenticatedRequest, role_membership_id: int) -> HttpResponse:
    _manager(request)
    ids = access.administered_facility_ids(request.user)
    memberships = Membership.objects.select_related("user")
    if ids is not None:
        memberships = memberships.filter(facility_id__in=ids)
    membership = memberships.filter(pk=role_membership_id).first()
    if membership is None:
        raise Http404
    return _act(
        request,
        membership.user,
        lambda: services.revoke_role(actor=request.user, membership=membership),
        _("The role is revoked."),
    )


@require_POST
@login_required
def user_lock(request: AuthenticatedRequest, account_id: int) -> HttpResponse:
    account = access.managed_user(request.user, account_id)
    return _act(
        request, account, lambda: services.lock_account(actor=request.user, user=account), _("The account is locked.")
    )


@require_POST
@login_required
def user_unlock(request: AuthenticatedRequest, account_id: int) -> HttpResponse:
    account = access.managed_user(request.user, account_id)
    return _act(
        request,
        account,
        lambda: services.unlock_account(actor=request.user, user=account),
        _("The account is unlocked."),
    )


@require_POST
@login_required
def password_reset(request: AuthenticatedRequest, account_id: int) -> HttpResponse:
    account = access.managed_user(request.user, account_id)
    try:
        password = services.reset_password(actor=request.user, user=account)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("users:user-detail", account_id=account.pk)
    return render(request, "users/password_shown.html", {"account": account, "password": password, "reset": True})


@require_POST
@login_required
def two_factor_reset(request: AuthenticatedRequest, account_id: int) -> HttpResponse:
    account = access.managed_user(request.user, account_id)
    return _act(
        request,
        account,
        lambda: services.reset_two_factor(actor=request.user, user=account),
        _("Two-factor sign-in is reset: the person enrols a new device at their next sign-in."),
    )


@login_required
def grant_list(request: AuthenticatedRequest) -> HttpResponse:
    """The grants waiting for the user: a director's, a second administrator's."""
    if not (request.user.is_superuser or access.approver_facility_ids(request.user)):
        raise PermissionDenied
    grants = selectors.grants_waiting_for(request.user)
    context = {"grants": grants, "refusal_form": RefusalForm()}
    return render(request, "users/grants.html", context)


@require_POST
@login_required
def grant_approve(request: AuthenticatedRequest, role_grant_id: int) -> HttpResponse:
    grant = _managed_grant(request, role_grant_id)
    try:
        services.approve_grant(actor=request.user, grant=grant)
    except DomainError as error:
        return _grants_again(request, str(error))
    messages.success(request, _("The role is granted."))
    return redirect("users:grant-list")


@require_POST
@login_required
def grant_refuse(request: AuthenticatedRequest, role_grant_id: int) -> HttpResponse:
    grant = _managed_grant(request, role_grant_id)
    form = RefusalForm(request.POST)
    status = process_form(
        request,
        form,
        lambda form: services.refuse_grant(actor=request.user, grant=grant, reason=form.cleaned_data["reason"]),
    )
    if status is None:
        messages.success(request, _("The role is refused."))
        return redirect("users:grant-list")
    if not form.errors:
        add_domain_error(form, DomainError(_("The role cannot be refused."), code="refused"))
    errors = " ".join(str(message) for messages_ in form.errors.values() for message in messages_)
    return _grants_again(request, errors)


@require_POST
@login_required
def grant_withdraw(request: AuthenticatedRequest, role_grant_id: int) -> HttpResponse:
    grant = _managed_grant(request, role_grant_id)
    return _act(
        request,
        grant.user,
        lambda: services.withdraw_grant(actor=request.user, grant=grant),
        _("The proposal is withdrawn."),
    )


def _grants_again(request: AuthenticatedRequest, error: str) -> HttpResponse:
    if not (request.user.is_superuser or access.approver_facility_ids(request.user)):
        raise PermissionDenied
    context = {"grants": selectors.grants_waiting_for(request.user), "refusal_form": RefusalForm(), "error": error}
    return render(request, "users/grants.html", context, status=400)
