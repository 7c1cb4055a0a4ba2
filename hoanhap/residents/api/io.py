"""The list export (.xlsx of a filtered search) and the roster import, as the pages do them.

The import takes three requests, as on the page: upload (the file is kept where only the server
reads it, `io.sheet.store_upload`, and checked with the suggested columns), preview again with
other columns if need be, confirm. Between them the caller holds a signed ticket naming the stored
file, its facility and the caller; nothing is kept in a session, so a token works as well."""

import tempfile
from typing import Any

from django.core import signing
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Query
from ninja.files import UploadedFile
from ninja.responses import Status

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core import clock
from hoanhap.core.models import Facility

from .. import selectors
from ..errors import DomainError
from ..io import checks, exports, imports, sheet
from ..io.rows import RosterDefaults
from ..schemas import (
    ImportConfirmIn,
    ImportDefaultsIn,
    ImportedOut,
    ImportPreviewIn,
    ImportPreviewOut,
    ImportRefusedOut,
    SearchQuery,
)
from ..terms import Stage
from .common import REFUSED, facility_for, router

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TICKET_SALT = "hoanhap.residents.api.import"


@router.get(
    "/export",
    response=REFUSED,
    openapi_extra={
        "responses": {
            200: {
                "description": "The residents the search finds, as an Excel workbook (.xlsx).",
                "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
    summary="Export the resident list (a filtered search) as .xlsx",
    description="The same filters as the search; the facilities where the caller reads reports; "
    "the export is written to the audit trail.",
)
def export(request: AuthenticatedRequest, filters: Query[SearchQuery]) -> FileResponse:
    require_capability(request.user, Capability.VIEW_REPORTS)
    found = selectors.search_residents(request.user, filters.as_filters())
    out = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it once sent
    exports.export_residents(
        actor=request.user,
        residents=found,
        facility_ids=facility_ids_with(request.user, Capability.VIEW_REPORTS),
        filters={name: str(value) for name, value in filters.dict().items() if value not in (None, "")},
        out=out,
    )
    out.seek(0)
    response = FileResponse(
        out, as_attachment=True, filename=f"danh-sach-hoc-vien-{clock.today():%Y%m%d}.xlsx", content_type=XLSX
    )
    response["Cache-Control"] = "no-store"
    return response


# --- Import ---------------------------------------------------------------------------------


def _ticket(request: AuthenticatedRequest, *, token: str, facility: Facility, file_name: str) -> str:
    return signing.dumps(
        {"token": token, "user": request.user.pk, "facility": facility.pk, "name": file_name}, salt=_TICKET_SALT
    )


def _pending(request: AuthenticatedRequest, ticket: str) -> tuple[dict[str, Any], Facility]:
    """The upload the ticket names: only for who uploaded it, while the file is kept; else 404."""
    try:
        pending = signing.loads(ticket, salt=_TICKET_SALT, max_age=sheet.UPLOAD_MAX_AGE_SECONDS)
        path = sheet.upload_path(pending["token"])
    except (signing.BadSignature, FileNotFoundError, KeyError, TypeError) as missing:
        raise Http404 from missing
    if pending["user"] != request.user.pk or not path.is_file():
        raise Http404
    return pending, facility_for(request, pending["facility"])


def _defaults(given: ImportDefaultsIn | None) -> RosterDefaults | None:
    if given is None:
        return None
    if given.stage and given.stage not in {stage.value for stage in Stage}:
        raise DomainError(_("Choose a stage from the list."), code="invalid", field="defaults.stage")
    return RosterDefaults(stage=given.stage or None, stage_since_on=given.stage_since_on, admitted_on=given.admitted_on)


def _warnings(check: checks.RosterCheck) -> list[dict[str, Any]]:
    return [
        {"row": warning.row, "code": warning.code, "key": warning.key, "message": str(warning.message)}
        for warning in check.warnings
    ]


def _check(
    facility: Facility, pending: dict[str, Any], mapping: dict[int, str] | None, defaults: RosterDefaults | None = None
) -> dict[str, Any]:
    path = sheet.upload_path(pending["token"])
    try:
        header = sheet.read_header(path)
        mapping = mapping if mapping is not None else sheet.suggest_mapping(header.columns)
        check = checks.check_roster(path=path, mapping=mapping, facility=facility, defaults=defaults)
    except sheet.RosterFileError as problem:
        sheet.discard_upload(pending["token"])
        raise DomainError(problem.message, code="unreadable", field="file") from None
    except sheet.MappingError as problem:
        raise DomainError(" ".join(problem.messages), code="invalid", field="mapping") from None
    return {
        "facility_id": facility.pk,
        "file_name": pending["name"],
        "columns": [
            {
                "index": index,
                "header": label,
                "sample": header.samples[index] if index < len(header.samples) else "",
                "field": mapping.get(index),
            }
            for index, label in enumerate(header.columns)
        ],
        "row_count": check.row_count,
        "errors": [{"row": error.row, "message": str(error.message)} for error in check.errors],
        "warnings": _warnings(check),
        "can_import": check.is_valid,
    }


@router.post(
    "/import",
    response={200: ImportPreviewOut, **REFUSED},
    summary="Upload a roster (.xlsx) and check it",
    description="Step 1 of the import: the file is kept (at most 24 hours) and checked with the columns "
    "suggested from its header; every problem is listed by its row. Nothing is imported yet: confirm with "
    "the ticket. `facility_id` is needed when the caller manages residents in several facilities.",
)
def upload_roster(request: AuthenticatedRequest, file: File[UploadedFile], facility_id: Form[int | None] = None) -> Any:
    facility = facility_for(request, facility_id)
    if not (file.name or "").lower().endswith(".xlsx"):
        raise DomainError(sheet.NOT_A_WORKBOOK, code="not_xlsx", field="file")
    if (file.size or 0) > sheet.MAX_UPLOAD_BYTES:
        raise DomainError(
            _("The file is larger than %(size)s MB; split it into smaller files."),
            code="too_large",
            field="file",
            size=sheet.MAX_UPLOAD_BYTES // (1024 * 1024),
        )
    token = sheet.store_upload(file)
    pending = {"token": token, "name": (file.name or "")[:200]}
    preview = _check(facility, pending, None)
    return {"ticket": _ticket(request, token=token, facility=facility, file_name=pending["name"]), **preview}


@router.post(
    "/import/preview",
    response={200: ImportPreviewOut, **REFUSED},
    summary="Check an uploaded roster again with other columns",
    description="Step 2 (when the suggested columns are wrong): `mapping` gives the field each column "
    "fills, by column index (see the upload's `columns`); a column left out is not imported.",
)
def preview_roster(request: AuthenticatedRequest, payload: ImportPreviewIn) -> Any:
    pending, facility = _pending(request, payload.ticket)
    return {"ticket": payload.ticket, **_check(facility, pending, payload.mapping, _defaults(payload.defaults))}


@router.post(
    "/import/confirm",
    response={201: ImportedOut, **REFUSED, 400: ImportRefusedOut},
    summary="Import the uploaded roster",
    description="Step 3: every row in one transaction, or none: a problem found now (a record number "
    "taken meanwhile), or a warning whose key is not in `accepted`, refuses the whole file with every "
    "problem by row (400).",
)
def confirm_roster(request: AuthenticatedRequest, payload: ImportConfirmIn) -> Any:
    pending, facility = _pending(request, payload.ticket)
    path = sheet.upload_path(pending["token"])
    mapping = payload.mapping if payload.mapping is not None else sheet.suggest_mapping(sheet.read_header(path).columns)
    try:
        imported = imports.import_roster(
            actor=request.user,
            facility=facility,
            path=path,
            mapping=mapping,
            file_name=pending["name"],
            defaults=_defaults(payload.defaults),
            accepted=frozenset(payload.accepted),
        )
    except checks.RosterRejected as rejected:
        unaccepted = {warning.key for warning in rejected.check.unaccepted(frozenset(payload.accepted))}
        return Status(
            400,
            {
                "detail": str(_("Nothing was imported: correct the rows below in the file, then upload it again.")),
                "code": "rows_refused",
                "errors": [{"row": error.row, "message": str(error.message)} for error in rejected.check.errors],
                "warnings": [warning for warning in _warnings(rejected.check) if warning["key"] in unaccepted],
            },
        )
    except (sheet.RosterFileError, sheet.MappingError) as problem:
        raise DomainError(
            _("The file could not be read again; nothing was imported. Upload it again."), code="unreadable"
        ) from problem
    sheet.discard_upload(pending["token"])
    return Status(201, {"count": imported.count, "file_name": pending["name"]})
