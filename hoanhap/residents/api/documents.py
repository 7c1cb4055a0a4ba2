"""Completion certificates: the list, and each one as PDF or Word, as the resident page prints them."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import capabilities_in

from ..access import resident_for_request
from ..documents import certificate as certificate_document
from ..models import CompletionCertificate
from ..schemas import CertificateOut
from .common import REFUSED, router

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILE = {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}


@router.get(
    "/{resident_id}/certificates",
    response={200: list[CertificateOut], **REFUSED},
    summary="The resident's completion certificates",
)
def certificates(request: AuthenticatedRequest, resident_id: int) -> Any:
    resident = resident_for_request(request, resident_id, capability=Capability.MANAGE_RESIDENTS, manage=True)
    rows = CompletionCertificate.objects.filter(episode__resident=resident).order_by("issued_on", "pk")
    return [
        {"id": row.pk, "number": row.number, "issued_on": row.issued_on, "episode_id": row.episode_id} for row in rows
    ]


def _document(request: AuthenticatedRequest, resident_id: int, certificate_id: int, extension: str) -> HttpResponse:
    """The certificate as the page prints it: for who manages residents where it was issued; the
    citizen ID only for who may see legal data there."""
    resident = resident_for_request(request, resident_id, capability=Capability.MANAGE_RESIDENTS, manage=True)
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
    if extension == "pdf":
        response = HttpResponse(certificate_document.render_pdf(context), content_type="application/pdf")
    else:
        response = HttpResponse(certificate_document.render_docx(context), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(
        True, certificate_document.filename(resident.record_number, extension)
    )
    response["Cache-Control"] = "no-store"  # personal data: no copy in a shared cache
    return response


@router.get(
    "/{resident_id}/certificates/{certificate_id}/pdf",
    response=REFUSED,
    openapi_extra={"responses": {200: {"description": "The certificate as PDF.", **FILE}}},
    summary="Download a completion certificate as PDF",
)
def certificate_pdf(request: AuthenticatedRequest, resident_id: int, certificate_id: int) -> HttpResponse:
    return _document(request, resident_id, certificate_id, "pdf")


@router.get(
    "/{resident_id}/certificates/{certificate_id}/docx",
    response=REFUSED,
    openapi_extra={"responses": {200: {"description": "The certificate as a Word document.", **FILE}}},
    summary="Download a completion certificate as a Word document",
)
def certificate_docx(request: AuthenticatedRequest, resident_id: int, certificate_id: int) -> HttpResponse:
    return _document(request, resident_id, certificate_id, "docx")
