"""The vocational certificate as a PDF (WeasyPrint, as the residents' certificate of completion).
Its wording is Vietnamese whatever the interface language: it is an official paper. Nothing is
fetched while it is laid out."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .models import VocationalCertificate


def vocational_certificate_pdf(certificate: VocationalCertificate) -> bytes:
    enrolment = certificate.enrolment
    course = enrolment.course
    context = {
        "facility": certificate.facility.name,
        "facility_upper": certificate.facility.name.upper(),
        "number": certificate.number,
        "issued_on": certificate.issued_on,
        "resident": enrolment.resident,
        "trade": course.trade.name if course.trade else course.title,
        "course": course,
        "score": enrolment.score,
    }
    html = render_to_string("daily_life/courses/certificate.html", context)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=frozenset())).write_pdf()  # type: ignore[no-any-return]
