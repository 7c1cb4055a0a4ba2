"""Printable documents: the completion certificate (PDF, DOCX) and the resident summary (PDF).

PDF text is read from WeasyPrint's laid-out pages (the text boxes it draws), and the embedded fonts
from the PDF itself, written uncompressed: no external tool is needed.
"""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pytest
from auditlog.models import AbstractLogEntry
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from weasyprint.formatting_structure import boxes

from hoanhap.accounts.models import Membership
from hoanhap.accounts.roles import Role
from hoanhap.audit.models import AuditEntry
from hoanhap.residents import selectors
from hoanhap.residents.documents import certificate as certificate_document
from hoanhap.residents.documents import rendering
from hoanhap.residents.documents import summary as summary_document
from hoanhap.residents.models import CompletionCertificate, Episode, TimelineEvent
from hoanhap.residents.terms import EpisodeKind, Stage
from hoanhap.testing import client_for, make_episode, make_resident, make_user

pytestmark = pytest.mark.django_db

CITIZEN_ID = "010190000123"


def page_text(document) -> str:  # type: ignore[no-untyped-def]
    words = [
        box.text for page in document.pages for box in page._page_box.descendants() if isinstance(box, boxes.TextBox)
    ]
    return " ".join(" ".join(words).split())


def embedded_fonts(pdf: bytes) -> set[str]:
    return {name.decode() for name in re.findall(rb"/BaseFont /[A-Z]{6}\+([\w-]+)", pdf)}


@pytest.fixture
def hanh(facility):  # type: ignore[no-untyped-def]
    return make_resident(
        facility,
        "Nguyễn Thị Đức Hạnh",
        record_number="HV/2025 07",
        sex="female",
        citizen_id=CITIZEN_ID,
        ethnicity="Tày",
        permanent_address="Tổ 5",
        permanent_commune="Phường Cốc Lếu",
        permanent_province="Lào Cai",
    )


@pytest.fixture
def completed(hanh, director):  # type: ignore[no-untyped-def]
    episode = make_episode(
        hanh,
        kind=EpisodeKind.COMPULSORY,
        stage=Stage.REINTEGRATION,
        admitted_on=date(2025, 1, 5),
        term_months=24,
        decision_number="12/2024/QĐ-TA",
        decision_on=date(2024, 12, 20),
        decided_by="Tòa án nhân dân khu vực 1 - Lào Cai",
        status=Episode.Status.CLOSED,
        outcome=Episode.Outcome.COMPLETED,
        closed_on=date(2027, 1, 5),
    )
    return CompletionCertificate.objects.create(
        facility=hanh.facility,
        episode=episode,
        number="15/2027/GCN",
        year=2027,
        sequence=15,
        issued_on=date(2027, 1, 5),
        issued_by=director,
        signed_by_name="Trần Văn Bình",
    )


def certificate_context(completed, *, show_citizen_id: bool = True):  # type: ignore[no-untyped-def]
    return certificate_document.certificate_context(completed, show_citizen_id=show_citizen_id)


# --- The certificate ------------------------------------------------------------------------


def test_the_date_line_writes_leading_zeros_as_official_documents_do():
    assert certificate_document.long_date(date(2027, 1, 5)) == "ngày 05 tháng 01 năm 2027"
    assert certificate_document.long_date(date(2026, 11, 26)) == "ngày 26 tháng 11 năm 2026"
    assert certificate_document.long_date(date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"


def test_the_certificate_pdf_has_the_official_layout_in_vietnamese(completed):
    context = certificate_context(completed)
    document = rendering.pdf_document(certificate_document.PDF_TEMPLATE, context.as_template_context())
    text = page_text(document)

    assert len(document.pages) == 1
    for expected in (
        "CÔNG AN TỈNH LÀO CAI",
        "CƠ SỞ CAI NGHIỆN MA TÚY TỈNH LÀO CAI",
        "Số: 15/2027/GCN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lào Cai, ngày 05 tháng 01 năm 2027",
        "GIẤY CHỨNG NHẬN",
        "Căn cứ Quyết định số 12/2024/QĐ-TA ngày 20 tháng 12 năm 2024 của Tòa án nhân dân khu vực 1 - Lào Cai",
        "Bà: NGUYỄN THỊ ĐỨC HẠNH",
        "Sinh ngày: 17/05/1990",
        f"Số định danh cá nhân: {CITIZEN_ID}",
        "Nơi thường trú: Tổ 5, Phường Cốc Lếu, Lào Cai",
        "cai nghiện ma túy bắt buộc (thời hạn 24 tháng)",
        "từ ngày 05/01/2025 đến ngày 05/01/2027",
        "GIÁM ĐỐC",
        "Trần Văn Bình",
    ):
        assert expected in text


def test_the_certificate_pdf_embeds_dejavu_serif_for_every_glyph(completed):
    context = certificate_context(completed)
    document = rendering.pdf_document(certificate_document.PDF_TEMPLATE, context.as_template_context())

    pdf = document.write_pdf(uncompressed_pdf=True)

    assert pdf.startswith(b"%PDF-")
    # No fallback font: DejaVu Serif drew every Vietnamese letter.
    assert embedded_fonts(pdf) <= {
        "DejaVu-Serif",
        "DejaVu-Serif-Bold",
        "DejaVu-Serif-Italic",
        "DejaVu-Serif-Bold-Italic",
    }
    assert "DejaVu-Serif" in embedded_fonts(pdf)


def test_the_certificate_leaves_out_the_id_number_for_a_user_who_may_not_see_it(completed):
    context = certificate_context(completed, show_citizen_id=False)
    document = rendering.pdf_document(certificate_document.PDF_TEMPLATE, context.as_template_context())
    assert CITIZEN_ID not in page_text(document)
    assert "Số định danh" not in page_text(document)


def test_a_voluntary_rehab_without_a_decision_has_no_decision_basis(completed):
    Episode.objects.filter(pk=completed.episode_id).update(kind=EpisodeKind.VOLUNTARY, decision_number="")
    completed.refresh_from_db()
    context = certificate_context(completed)
    assert context.decision_basis == ""
    assert "cai nghiện ma túy tự nguyện" in context.served_text


def test_the_certificate_docx_is_filled_in_from_the_word_template(completed):
    content = certificate_document.render_docx(certificate_context(completed))

    document = docx.Document(io.BytesIO(content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [
        paragraph.text for table in document.tables for cell in table.rows[0].cells for paragraph in cell.paragraphs
    ]
    text = "\n".join(paragraphs + cells)
    assert "Bà:\tNGUYỄN THỊ ĐỨC HẠNH" in paragraphs
    assert f"Số định danh cá nhân:\t{CITIZEN_ID}" in paragraphs
    assert "Số: 15/2027/GCN" in cells
    assert "Lào Cai, ngày 05 tháng 01 năm 2027" in cells
    assert "Trần Văn Bình" in cells
    assert "{{" not in text and "{%" not in text


def test_a_value_with_markup_characters_stays_text_in_the_docx(completed, hanh):
    hanh.full_name = "Lò Thị <A> & B"
    hanh.save()
    completed.refresh_from_db()
    document = docx.Document(io.BytesIO(certificate_document.render_docx(certificate_context(completed))))
    assert "Bà:\tLÒ THỊ <A> & B" in [paragraph.text for paragraph in document.paragraphs]


# --- The summary ----------------------------------------------------------------------------


def summary_text(resident, user) -> str:  # type: ignore[no-untyped-def]
    with translation.override("en"):
        context = summary_document.resident_summary_context(
            selectors.resident_page(user, resident), printed_by="Cán bộ", today=date(2026, 11, 26)
        )
        return page_text(rendering.pdf_document(summary_document.TEMPLATE, {"summary": context}))


def test_the_summary_shows_identity_episode_release_date_and_timeline(hanh, director):
    make_episode(hanh, admitted_on=date(2026, 1, 5), term_months=24, credited_days=10)
    TimelineEvent.objects.create(
        facility=hanh.facility,
        resident=hanh,
        kind="residents.admitted",
        occurred_on=date(2026, 1, 5),
        summary="QĐ 12/2025",
    )

    text = summary_text(hanh, director)

    assert "Nguyễn Thị Đức Hạnh" in text
    assert "HV/2025 07" in text
    assert CITIZEN_ID in text
    assert "Tày" in text
    assert "Tổ 5, Phường Cốc Lếu, Lào Cai" in text
    assert "Current episode" in text
    # 24 months from 05/01/2026, less 10 days held before the decision.
    assert "26/12/2027 (24 months from 05/01/2026, −10 days credited)" in text
    assert "05/01/2026 Admitted QĐ 12/2025" in text


def test_the_summary_hides_legal_data_from_the_doctor(hanh, doctor):
    text = summary_text(hanh, doctor)
    assert "Nguyễn Thị Đức Hạnh" in text
    assert CITIZEN_ID not in text
    assert "Tày" not in text


# --- Downloads ------------------------------------------------------------------------------


def certificate_url(name: str, certificate: CompletionCertificate) -> str:
    return reverse(name, args=[certificate.episode.resident_id, certificate.pk])


@pytest.mark.parametrize(
    ("url_name", "content_type", "extension"),
    [
        ("residents:certificate-pdf", "application/pdf", "pdf"),
        (
            "residents:certificate-docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
    ],
)
def test_the_director_downloads_the_certificate_and_the_view_is_logged(
    completed, director, url_name, content_type, extension
):
    response = client_for(director).get(certificate_url(url_name, completed))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="giay-chung-nhan-HV-2025-07.{extension}"'
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-" if extension == "pdf" else b"PK")
    logged = AuditEntry.objects.get(action=AbstractLogEntry.Action.ACCESS, resident_id=completed.episode.resident_id)
    assert logged.actor == director
    assert logged.via == f"GET {certificate_url(url_name, completed)}"


def test_a_team_leader_may_not_print_a_certificate(completed, team_leader):
    response = client_for(team_leader).get(certificate_url("residents:certificate-pdf", completed))
    assert response.status_code == 403


def test_another_facilitys_director_does_not_find_the_certificate(completed, director_of_other_facility):
    for name in ("residents:certificate-pdf", "residents:certificate-docx"):
        response = client_for(director_of_other_facility).get(certificate_url(name, completed))
        assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AbstractLogEntry.Action.ACCESS).exists()


def test_a_certificate_is_found_only_under_its_own_resident(completed, facility, director):
    someone_else = make_resident(facility, "Lò Văn Páo")
    url = reverse("residents:certificate-pdf", args=[someone_else.pk, completed.pk])
    assert client_for(director).get(url).status_code == 404


def test_a_resident_manager_of_another_facility_cannot_print_through_a_shared_resident(completed, other_facility):
    # Sees the resident (VIEW_RESIDENTS here) but manages only the other facility.
    manager = make_user(Role.RESIDENT_MANAGER, other_facility)
    Membership.objects.create(user=manager, facility=completed.facility, role=Role.WORK_TEAM_LEADER)
    response = client_for(manager).get(certificate_url("residents:certificate-pdf", completed))
    assert response.status_code == 403


def test_staff_download_the_summary_and_the_view_is_logged(hanh, doctor):
    response = client_for(doctor).get(reverse("residents:summary-pdf", args=[hanh.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="tom-tat-hoc-vien-HV-2025-07.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert AuditEntry.objects.filter(action=AbstractLogEntry.Action.ACCESS, resident_id=hanh.pk, actor=doctor).exists()


def test_the_auditor_may_not_download_a_summary(hanh, auditor):
    assert client_for(auditor).get(reverse("residents:summary-pdf", args=[hanh.pk])).status_code == 403


def test_another_facilitys_staff_do_not_find_the_summary(hanh, guard_of_other_facility):
    response = client_for(guard_of_other_facility).get(reverse("residents:summary-pdf", args=[hanh.pk]))
    assert response.status_code == 404


def render_tag(source: str, user, **context) -> str:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/residents/")
    request.user = user
    request.session = {}  # type: ignore[assignment]
    return Template("{% load residents_io %}" + source).render(Context({"request": request, **context}))


def _episodes(resident):
    """As the resident page reads them: with their certificates."""
    return list(resident.episodes.select_related("certificate"))


def test_the_resident_page_tag_links_the_summary_and_the_certificates_the_user_may_print(completed, director):
    resident = completed.episode.resident
    html = render_tag(
        "{% resident_documents resident episodes %}", director, resident=resident, episodes=_episodes(resident)
    )
    resident_id = completed.episode.resident_id
    assert reverse("residents:summary-pdf", args=[resident_id]) in html
    assert reverse("residents:certificate-pdf", args=[resident_id, completed.pk]) in html
    assert reverse("residents:certificate-docx", args=[resident_id, completed.pk]) in html


def test_the_resident_page_tag_offers_no_certificate_to_a_team_leader(completed, team_leader):
    resident = completed.episode.resident
    html = render_tag(
        "{% resident_documents resident episodes %}", team_leader, resident=resident, episodes=_episodes(resident)
    )
    assert reverse("residents:summary-pdf", args=[completed.episode.resident_id]) in html
    assert "certificates" not in html
