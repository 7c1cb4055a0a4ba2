"""Registering a person, editing their record (optimistic locking), and their photo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.facility import current_facility
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import capabilities_in, facilities_of, facility_ids_with
from hoanhap.core.forms import add_domain_error, with_current_version

from .. import forms, selectors, services
from ..access import resident_for_request
from ..errors import DomainError, PossibleDuplicate, StaleVersion
from ..models import Resident


@capability_required(Capability.MANAGE_RESIDENTS)
def register(request: AuthenticatedRequest) -> HttpResponse:
    facility = current_facility(request)
    manage_ids = facility_ids_with(request.user, Capability.MANAGE_RESIDENTS)
    if facility is None or facility.pk not in manage_ids:
        facility = next((f for f in facilities_of(request.user) if f.pk in manage_ids), None)
    if facility is None:  # pragma: no cover - capability_required guarantees one
        raise PermissionDenied
    visible = selectors.visible_sensitive_fields(capabilities_in(request.user, facility.pk))
    form = forms.RegisterForm(request.POST or None, request.FILES or None, visible_sensitive=visible)
    contacts = forms.FamilyContactFormSet(request.POST or None, prefix="contacts")
    duplicates: list[Resident] = []
    status = 200
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            resident = services.register_resident(
                actor=request.user,
                facility=facility,
                identity=form.identity(),
                contacts=forms.contacts_from(contacts),
                photo=form.cleaned_data.get("photo"),
                confirmed_different_person=form.cleaned_data["confirm_different_person"],
            )
        except PossibleDuplicate as error:
            duplicates = error.candidates
            form.add_error(None, str(error))
            status = 409
        except DomainError as error:
            add_domain_error(form, error)
            status = 400
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": resident.full_name})
            return redirect("residents:detail", resident.pk)
    elif request.method == "POST":
        status = 400
    context = {"form": form, "contacts": contacts, "duplicates": duplicates, "facility": facility}
    return render(request, "residents/register.html", context, status=status)


@login_required
def edit(request: AuthenticatedRequest, resident_id: int) -> HttpResponse:
    resident = resident_for_request(request, resident_id, manage=True)
    visible = selectors.visible_sensitive_fields(capabilities_in(request.user, resident.facility_id))
    initial_contacts = [
        {"id": c.pk, "relation": c.relation, "full_name": c.full_name, "phone": c.phone, "address": c.address}
        for c in resident.family_contacts.all()
    ]
    form = forms.EditResidentForm(
        request.POST or None,
        request.FILES or None,
        instance=resident,
        initial={"version": resident.version},
        visible_sensitive=visible,
    )
    contacts = forms.FamilyContactFormSet(request.POST or None, prefix="contacts", initial=initial_contacts)
    status = 200
    conflict: Resident | None = None
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            services.update_resident(
                actor=request.user,
                resident=resident,
                expected_version=form.cleaned_data["version"],
                identity=form.identity(),
                contacts=forms.contacts_from(contacts),
                photo=form.cleaned_data.get("photo"),
                remove_photo=form.cleaned_data.get("remove_photo", False),
            )
        except StaleVersion as error:
            conflict = Resident.objects.get(pk=resident.pk)
            with_current_version(form, conflict.version)
            form.add_error(None, str(error))
            status = 409
        except DomainError as error:
            add_domain_error(form, error)
            status = 400
        else:
            messages.success(request, _("The record is saved."))
            return redirect("residents:detail", resident.pk)
    elif request.method == "POST":
        status = 400
    context = {"resident": resident, "form": form, "contacts": contacts, "conflict": conflict}
    return render(request, "residents/edit.html", context, status=status)


@login_required
def photo(request: AuthenticatedRequest, resident_id: int) -> HttpResponseBase:
    resident = resident_for_request(request, resident_id)
    """The photo, only through this view: never a public media URL."""
    if not resident.photo:
        raise Http404
    try:
        handle = resident.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = resident.photo.name or ""
    response = FileResponse(handle, content_type="image/png" if name.endswith(".png") else "image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
