"""The certificate of completion (Giấy chứng nhận hoàn thành cai nghiện ma túy).

Laid out as an administrative document (Decree 30/2020/NĐ-CP, appendix I): the issuing authority
and the facility top left with the number; the national motto top right with the place and date;
the title; the legal bases; what is certified; the recipients bottom left and the signature block
bottom right. The wording is Vietnamese whatever the interface language: it is an official paper.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ..models import CompletionCertificate, Sex
from ..terms import EpisodeKind
from . import rendering

MOTTO_COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "GIẤY CHỨNG NHẬN"
SUBTITLE = "Hoàn thành cai nghiện ma túy"
DEFAULT_SIGNER_TITLE = "GIÁM ĐỐC"
LEGAL_BASES = (
    "Căn cứ Luật Phòng, chống ma túy ngày 30 tháng 3 năm 2021;",
    "Căn cứ Nghị định số 116/2021/NĐ-CP ngày 21 tháng 12 năm 2021 của Chính phủ quy định chi tiết một số "
    "điều của Luật Phòng, chống ma túy, Luật Xử lý vi phạm hành chính về cai nghiện ma túy và quản lý sau "
    "cai nghiện ma túy;",
)
RECIPIENTS = ("Người được cấp giấy chứng nhận;", "UBND cấp xã nơi cư trú;", "Lưu: VT, hồ sơ học viên.")

PDF_TEMPLATE = "residents/documents/certificate.html"
DOCX_TEMPLATE = "certificate.docx"


def long_date(day: date) -> str:
    """ "ngày 05 tháng 01 năm 2027": a day below 10 and the months 1 and 2 take a leading zero
    (Decree 30/2020/NĐ-CP, appendix I)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


@dataclass(frozen=True)
class CertificateContext:
    authority: str
    facility: str
    number: str
    place: str
    issued_on: date
    resident_name: str
    sex: str
    date_of_birth: date
    citizen_id: str  # empty when the user may not see ID numbers
    permanent_address: str
    kind: str
    term_months: int
    decision_number: str
    decision_on: date | None
    decided_by: str
    served_from: date
    served_until: date
    signed_by_name: str
    signer_title: str = DEFAULT_SIGNER_TITLE

    @property
    def place_and_date(self) -> str:
        return f"{self.place}, {long_date(self.issued_on)}"

    @property
    def honorific(self) -> str:
        return "Bà" if self.sex == Sex.FEMALE else "Ông"

    @property
    def kind_text(self) -> str:
        return "tự nguyện" if self.kind == EpisodeKind.VOLUNTARY else "bắt buộc"

    @property
    def decision_basis(self) -> str:
        """The decision the rehab was based on, as the last legal basis; empty if none is recorded."""
        if not self.decision_number:
            return ""
        parts = [f"Căn cứ Quyết định số {self.decision_number}"]
        if self.decision_on:
            parts.append(long_date(self.decision_on))
        if self.decided_by:
            parts.append(f"của {self.decided_by}")
        if self.kind == EpisodeKind.VOLUNTARY:
            parts.append("về việc tiếp nhận người cai nghiện ma túy tự nguyện")
        else:
            parts.append("về việc áp dụng biện pháp xử lý hành chính đưa vào cơ sở cai nghiện bắt buộc")
        return " ".join(parts) + ";"

    @property
    def served_text(self) -> str:
        return (
            f"Đã hoàn thành thời gian cai nghiện ma túy {self.kind_text} "
            f"(thời hạn {self.term_months} tháng) tại {self.facility_name_sentence} "
            f"từ ngày {short_date(self.served_from)} đến ngày {short_date(self.served_until)}."
        )

    @property
    def facility_name_sentence(self) -> str:
        """The facility's name as it reads inside a sentence: "Cơ sở cai nghiện ma túy tỉnh Lào Cai"."""
        return self.facility[:1].upper() + self.facility[1:]

    def as_template_context(self) -> dict[str, Any]:
        """Plain strings for the templates (PDF and DOCX read the same names)."""
        return {
            **{key: value for key, value in asdict(self).items() if isinstance(value, str | int)},
            "authority_upper": self.authority.upper(),
            "facility_upper": self.facility.upper(),
            "motto_country": MOTTO_COUNTRY,
            "motto": MOTTO,
            "title": TITLE,
            "subtitle": SUBTITLE,
            "legal_bases": list(LEGAL_BASES),
            "decision_basis": self.decision_basis,
            "place_and_date": self.place_and_date,
            "honorific": self.honorific,
            "resident_name_upper": self.resident_name.upper(),
            "date_of_birth": short_date(self.date_of_birth),
            "served_text": self.served_text,
            "recipients": list(RECIPIENTS),
            "signer_title": self.signer_title.upper(),
        }


def certificate_context(certificate: CompletionCertificate, *, show_citizen_id: bool) -> CertificateContext:
    episode = certificate.episode
    resident = episode.resident
    facility = certificate.facility
    return CertificateContext(
        authority=str(facility.supervising_authority.name),
        facility=facility.name,
        number=certificate.number,
        place=facility.province,
        issued_on=certificate.issued_on,
        resident_name=resident.full_name,
        sex=resident.sex,
        date_of_birth=resident.date_of_birth,
        citizen_id=resident.citizen_id if show_citizen_id else "",
        permanent_address=resident.format_address(
            resident.permanent_address, resident.permanent_commune, resident.permanent_province
        ),
        kind=episode.kind,
        term_months=episode.term_months,
        decision_number=episode.decision_number,
        decision_on=episode.decision_on,
        decided_by=episode.decided_by,
        served_from=episode.clock_start_on,
        served_until=episode.closed_on or certificate.issued_on,
        signed_by_name=certificate.signed_by_name,
    )


def filename(record_number: str, extension: str) -> str:
    return f"giay-chung-nhan-{rendering.safe_name(record_number)}.{extension}"


def render_pdf(context: CertificateContext) -> bytes:
    return rendering.pdf_bytes(PDF_TEMPLATE, context.as_template_context())


def render_docx(context: CertificateContext) -> bytes:
    return rendering.docx_bytes(DOCX_TEMPLATE, context.as_template_context())
