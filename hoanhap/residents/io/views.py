"""Roster import, list export and printable documents: thin views over `imports`, `exports` and
`documents`.

The import runs in three requests (upload → columns and preview → import). Between them the file
stays under MEDIA_ROOT/private/imports/ (`sheet.store_upload`), and the user's session holds its
token, its name, the facility it goes to and the chosen columns; nothing else of it is kept.
"""

from __future__ import annotations

import tempfile
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.facility import chosen_facility_id, current_facility
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import capabilities_in, facility_ids_with, has_capability
from hoanhap.core import clock
from hoanhap.core.models import Facility

from .. import selectors
from ..access import shows_resident
from ..documents import certificate as certificate_document
from ..documents import summary as summary_document
from ..forms import SearchForm
from ..models import KIND_CHOICES, STAGE_CHOICES, CompletionCertificate, Resident, Sex
from . import checks, exports, imports, roster, sheet, template
from .forms import ColumnMappingForm, RosterDefaultsForm, RosterUploadForm

SESSION_KEY = "residents_roster_import"
PREVIEW_ROWS = 10
PREVIEW_ERRORS = 300
# Each warning shown is one to tick: a file with more is better corrected than ticked through.
PREVIEW_WARNINGS = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _go(request: AuthenticatedRequest, url: str) -> HttpResponse:
    """Redirect; an htmx request is sent on with HX-Redirect instead of swapping a whole page in."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _attachment(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # Personal data: no copy in a shared cache or the browser's.
    response["Cache-Control"] = "no-store"
    return response


# --- Import ---------------------------------------------------------------------------------


def _manageable(request: AuthenticatedRequest, facility: Facility | None) -> Facility:
    if facility is None or not has_capability(request.user, Capability.MANAGE_RESIDENTS, facility.pk):
        raise PermissionDenied
    return facility


def _pending(request: AuthenticatedRequest) -> dict[str, Any] | None:
    pending = request.session.get(SESSION_KEY)
    if not pending:
        return None
    try:
        if sheet.upload_path(pending["token"]).is_file():
            return pending
    except FileNotFoundError:
        pass
    del request.session[SESSION_KEY]
    return None


def _forget(request: AuthenticatedRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        sheet.discard_upload(pending.get("token", ""))


def _start_again(request: AuthenticatedRequest) -> HttpResponse:
    messages.warning(request, _("The uploaded file is no longer available; upload it again."))
    return _go(request, reverse("residents:import"))


@capability_required(Capability.MANAGE_RESIDENTS)
def roster_import(request: AuthenticatedRequest) -> HttpResponse:
    """Step 1: upload the file into the facility the user is working in."""
    facility = _manageable(request, current_facility(request))
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _forget(request)
        uploaded = form.cleaned_data["file"]
        token = sheet.store_upload(uploaded)
        try:
            sheet.read_header(sheet.upload_path(token))
        except sheet.RosterFileError as error:
            sheet.discard_upload(token)
            form.add_error("file", str(error.message))
        else:
            request.session[SESSION_KEY] = {
                "token": token,
                "file_name": uploaded.name[:200],
                "facility_id": facility.pk,
                "mapping": None,
                "defaults": {},
            }
            return _go(request, reverse("residents:import-preview"))
    template = "residents/io/_import_upload_form.html" if request.htmx else "residents/io/import.html"
    return render(request, template, {"form": form, "facility": facility, "pending": _pending(request)})


@capability_required(Capability.MANAGE_RESIDENTS)
def roster_import_preview(request: AuthenticatedRequest) -> HttpResponse:
    """Step 2: choose a field for each column, and see every problem, row by row, before importing."""
    pending = _pending(request)
    if pending is None:
        return _start_again(request)
    facility = _manageable(request, Facility.objects.filter(pk=pending["facility_id"]).first())
    path = sheet.upload_path(pending["token"])
    check = error = None
    try:
        header = sheet.read_header(path)
        if request.method == "POST":
            data = request.POST
            defaults_form = RosterDefaultsForm(request.POST)
        else:
            saved = {int(index): key for index, key in (pending["mapping"] or {}).items()}
            data = ColumnMappingForm.data_for(saved or sheet.suggest_mapping(header.columns))  # type: ignore[assignment]
            defaults_form = RosterDefaultsForm(pending.get("defaults") or {})
        form = ColumnMappingForm(header, data)
        if form.is_valid() and defaults_form.is_valid():
            pending["mapping"] = {str(index): key for index, key in form.mapping.items()}
            pending["defaults"] = RosterDefaultsForm.data_for(defaults_form.defaults)
            request.session[SESSION_KEY] = pending
            check = checks.check_roster(
                path=path, mapping=form.mapping, facility=facility, defaults=defaults_form.defaults
            )
    except sheet.RosterFileError as problem:
        _forget(request)
        messages.error(request, str(problem.message))
        return _go(request, reverse("residents:import"))
    return _render_preview(
        request,
        facility=facility,
        pending=pending,
        form=form,
        defaults_form=defaults_form,
        check=check,
        error=error,
    )


def _saved_defaults(pending: dict[str, Any]) -> tuple[RosterDefaultsForm, checks.RosterDefaults]:
    """The defaults the clerk gave on the preview, as kept in the session (checked again)."""
    form = RosterDefaultsForm(pending.get("defaults") or {})
    return form, form.defaults if form.is_valid() else checks.RosterDefaults()


# Coded values read from the file, shown with their labels in the page's language.
_CHOICE_LABELS: dict[str, dict[str, Any]] = {
    "sex": dict(Sex.choices),
    "kind": dict(KIND_CHOICES),
    "stage": dict(STAGE_CHOICES),
}


def _shown(key: str, value: Any) -> Any:
    return _CHOICE_LABELS.get(key, {}).get(value, value) if isinstance(value, str) else value


def _render_preview(
    request: AuthenticatedRequest,
    *,
    facility: Facility,
    pending: dict[str, Any],
    form: ColumnMappingForm,
    defaults_form: RosterDefaultsForm,
    check: checks.RosterCheck | None,
    error: str | None = None,
    accepted: frozenset[str] = frozenset(),
    status: int = 200,
) -> HttpResponse:
    mapped = [field for field in roster.FIELDS if check and field.key in (form.mapping or {}).values()]
    context = {
        "facility": facility,
        "file_name": pending["file_name"],
        "form": form,
        "defaults_form": defaults_form,
        "check": check,
        "error": error,
        "warnings": check.warnings[:PREVIEW_WARNINGS] if check else [],
        "hidden_warnings": max(len(check.warnings) - PREVIEW_WARNINGS, 0) if check else 0,
        "warning_kinds": check.warning_kinds() if check else [],
        "accepted": accepted,
        "errors": check.errors[:PREVIEW_ERRORS] if check else [],
        "hidden_errors": max(len(check.errors) - PREVIEW_ERRORS, 0) if check else 0,
        "fields": mapped,
        "rows": [
            (row.row, [_shown(field.key, row.values.get(field.key)) for field in mapped])
            for row in (check.rows[:PREVIEW_ROWS] if check else [])
        ],
    }
    template = "residents/io/_import_preview_panel.html" if request.htmx else "residents/io/import_preview.html"
    return render(request, template, context, status=status)


@require_POST
@capability_required(Capability.MANAGE_RESIDENTS)
def roster_import_confirm(request: AuthenticatedRequest) -> HttpResponse:
    """Step 3: import every row in one transaction, or none if a problem appeared since the preview."""
    pending = _pending(request)
    if pending is None:
        return _start_again(request)
    facility = _manageable(request, Facility.objects.filter(pk=pending["facility_id"]).first())
    if not pending.get("mapping"):
        return _go(request, reverse("residents:import-preview"))
    mapping = {int(index): key for index, key in pending["mapping"].items()}
    path = sheet.upload_path(pending["token"])
    defaults_form, defaults = _saved_defaults(pending)
    # Each warning the clerk ticked; the import's audit entry lists them.
    accepted = frozenset(request.POST.getlist("accept"))
    try:
        imported = imports.import_roster(
            actor=request.user,
            facility=facility,
            path=path,
            mapping=mapping,
            file_name=pending["file_name"],
            defaults=defaults,
            accepted=accepted,
        )
    except checks.RosterRejected as rejected:
        header = sheet.read_header(path)
        form = ColumnMappingForm(header, ColumnMappingForm.data_for(mapping))
        form.is_valid()
        return _render_preview(
            request,
            facility=facility,
            pending=pending,
            form=form,
            defaults_form=defaults_form,
            check=rejected.check,
            accepted=accepted,
            error=_("Nothing was imported: correct the rows below in the file, then upload it again.")
            if rejected.check.errors
            else _("Nothing was imported: tick each warning you accept, or correct its row in the file."),
            # htmx swaps only 2xx answers in; a plain form post learns of the refusal from 422.
            status=200 if request.htmx else 422,
        )
    except (sheet.RosterFileError, sheet.MappingError):
        _forget(request)
        messages.error(request, _("The file could not be read again; nothing was imported. Upload it again."))
        return _go(request, reverse("residents:import"))
    _forget(request)
    messages.success(
        request,
        ngettext(
            "Imported %(count)s resident from “%(file)s”.",
            "Imported %(count)s residents from “%(file)s”.",
            imported.count,
        )
        % {"count": imported.count, "file": pending["file_name"]},
    )
    return _go(request, reverse("residents:list"))


@capability_required(Capability.MANAGE_RESIDENTS)
def roster_template(request: AuthenticatedRequest) -> HttpResponse:
    """An empty roster with the headers the import reads, a sample row and a sheet of notes."""
    return _attachment(
        template.roster_template(today=clock.today()), content_type=XLSX, filename="mau-danh-sach-hoc-vien.xlsx"
    )


@require_POST
@capability_required(Capability.MANAGE_RESIDENTS)
def roster_import_cancel(request: AuthenticatedRequest) -> HttpResponse:
    _forget(request)
    return _go(request, reverse("residents:import"))


# --- Export ---------------------------------------------------------------------------------


def _list_filters(
    request: AuthenticatedRequest, facility_ids: frozenset[int]
) -> tuple[selectors.ResidentFilters, dict[str, str]]:
    """The resident list's filters, read from the same query string the same way as
    `views.resident_list`; also as plain values for the audit entry."""
    form = SearchForm(request.GET or None, facility_ids=facility_ids, chosen_facility_id=chosen_facility_id(request))
    form.is_valid()  # as on the list: invalid filters are ignored, valid ones apply
    data = getattr(form, "cleaned_data", {})
    filters = form.filters()
    described = {
        "q": filters.query,
        "stage": filters.stage,
        "kind": filters.kind,
        "status": filters.status,
        "zone": str(data["zone"]) if data.get("zone") else "",
        "room": str(data["room"]) if data.get("room") else "",
        "sort": filters.sort,
        "facility": str(filters.facility_id or ""),
    }
    return filters, described


@capability_required(Capability.VIEW_REPORTS)
def resident_export(request: AuthenticatedRequest) -> FileResponse:
    """The resident list as .xlsx, with the list's search and filters applied, for the facilities
    where the user reads reports (a bulk copy of personal data is a report, not a page view)."""
    facility_ids = facility_ids_with(request.user, Capability.VIEW_REPORTS)
    filters, described = _list_filters(request, facility_ids)
    residents = selectors.search_residents(request.user, filters)
    out = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it once sent
    exports.export_residents(
        actor=request.user,
        residents=residents,
        facility_ids=facility_ids,
        filters=described,
        out=out,
    )
    out.seek(0)
    response = FileResponse(
        out, as_attachment=True, filename=f"danh-sach-hoc-vien-{clock.today():%Y%m%d}.xlsx", content_type=XLSX
    )
    response["Cache-Control"] = "no-store"
    return response


# --- Documents ------------------------------------------------------------------------------


def _certificate(
    request: AuthenticatedRequest, resident: Resident, certificate_id: int
) -> tuple[CompletionCertificate, Any]:
    certificate = get_object_or_404(
        CompletionCertificate.objects.select_related("episode__resident", "facility__supervising_authority"),
        pk=certificate_id,
        episode__resident=resident,
    )
    capabilities = capabilities_in(request.user, certificate.facility_id)
    if Capability.MANAGE_RESIDENTS not in capabilities:
        raise PermissionDenied
    context = certificate_document.certificate_context(
        certificate, show_citizen_id=Capability.VIEW_LEGAL_DATA in capabilities
    )
    return certificate, context


@capability_required(Capability.MANAGE_RESIDENTS)
@shows_resident
def certificate_pdf(request: AuthenticatedRequest, resident: Resident, certificate_id: int) -> HttpResponse:
    _certificate_row, context = _certificate(request, resident, certificate_id)
    return _attachment(
        certificate_document.render_pdf(context),
        content_type="application/pdf",
        filename=certificate_document.filename(resident.record_number, "pdf"),
    )


@capability_required(Capability.MANAGE_RESIDENTS)
@shows_resident
def certificate_docx(request: AuthenticatedRequest, resident: Resident, certificate_id: int) -> HttpResponse:
    _certificate_row, context = _certificate(request, resident, certificate_id)
    return _attachment(
        certificate_document.render_docx(context),
        content_type=DOCX,
        filename=certificate_document.filename(resident.record_number, "docx"),
    )


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def summary_pdf(request: AuthenticatedRequest, resident: Resident) -> HttpResponse:
    user = request.user
    context = summary_document.resident_summary_context(
        selectors.resident_page(user, resident),  # type: ignore[arg-type]
        printed_by=getattr(user, "full_name", "") or user.get_username(),
        today=clock.today(),
    )
    return _attachment(
        summary_document.render_pdf(context),
        content_type="application/pdf",
        filename=summary_document.filename(resident.record_number),
    )
