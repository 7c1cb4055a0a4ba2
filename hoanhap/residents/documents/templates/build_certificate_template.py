"""Build certificate.docx, the Word template of the completion certificate, next to this script.

    .venv/bin/python hoanhap/residents/documents/templates/build_certificate_template.py

The produced file is committed: a centre may open it in Word and change the wording or the layout,
keeping the {{ placeholders }} (docxtpl, Jinja syntax), which `documents.certificate` fills with
the same names as the PDF template. Times New Roman 13 pt, A4, margins of Decree 30/2020/NĐ-CP.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
OUTPUT = Path(__file__).resolve().parent / "certificate.docx"


def _font(run_or_style, size: float | None = None) -> None:  # type: ignore[no-untyped-def]
    run_or_style.font.name = FONT
    fonts = run_or_style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    if size:
        run_or_style.font.size = Pt(size)


def _paragraph(
    container,  # type: ignore[no-untyped-def]
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.CENTER,
    first_line_indent: Cm | None = None,
    space_after: float = 0,
) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    if first_line_indent is not None:
        paragraph.paragraph_format.first_line_indent = first_line_indent
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        _font(run, size)
    return paragraph


def _labelled(document, label: str, value: str, *, bold_value: bool = False) -> None:  # type: ignore[no-untyped-def]
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=3)
    paragraph.paragraph_format.left_indent = Cm(1.2)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(6))
    _font(paragraph.add_run(f"{label}\t"))
    run = paragraph.add_run(value)
    run.bold = bold_value
    _font(run)


def _short_rule(cell: _Cell) -> None:
    """The short line under the facility's name and under the motto: a bottom border on an empty,
    indented paragraph."""
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(2.2)
    paragraph.paragraph_format.right_indent = Cm(2.2)
    paragraph.paragraph_format.space_after = Pt(4)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    _font(paragraph.add_run(""), 2)


def _first_paragraph(cell: _Cell) -> _Cell:
    """Cells start with one empty paragraph; remove it so content starts at the top."""
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def build(path: Path = OUTPUT) -> Path:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    _font(normal, 13)
    normal.paragraph_format.space_after = Pt(0)
    document.core_properties.title = "Giấy chứng nhận hoàn thành cai nghiện ma túy"
    document.core_properties.author = "Hòa Nhập"

    heading = document.add_table(rows=1, cols=2)
    heading.alignment = WD_TABLE_ALIGNMENT.CENTER
    heading.autofit = False
    left, right = (_first_paragraph(cell) for cell in heading.rows[0].cells)
    left.width, right.width = Cm(7.2), Cm(9.3)
    _paragraph(left, "{{ authority_upper }}", size=12)
    _paragraph(left, "{{ facility_upper }}", bold=True, size=12)
    _short_rule(left)
    _paragraph(left, "Số: {{ number }}", size=12)
    _paragraph(right, "{{ motto_country }}", bold=True, size=12)
    _paragraph(right, "{{ motto }}", bold=True, size=13)
    _short_rule(right)
    _paragraph(right, "{{ place_and_date }}", italic=True, size=13)

    _paragraph(document, space_after=12)
    _paragraph(document, "{{ title }}", bold=True, size=15)
    _paragraph(document, "{{ subtitle }}", bold=True, size=14, space_after=12)
    _paragraph(document, "{{ signer_title }} {{ facility_upper }}", bold=True, space_after=8)

    indent = Cm(1.2)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph(document, "{%p for basis in legal_bases %}", align=justify)
    _paragraph(document, "{{ basis }}", italic=True, align=justify, first_line_indent=indent, space_after=3)
    _paragraph(document, "{%p endfor %}", align=justify)
    _paragraph(document, "{%p if decision_basis %}", align=justify)
    _paragraph(document, "{{ decision_basis }}", italic=True, align=justify, first_line_indent=indent, space_after=3)
    _paragraph(document, "{%p endif %}", align=justify)

    _paragraph(document, "CHỨNG NHẬN:", bold=True, space_after=6)
    _labelled(document, "{{ honorific }}:", "{{ resident_name_upper }}", bold_value=True)
    _labelled(document, "Sinh ngày:", "{{ date_of_birth }}")
    _paragraph(document, "{%p if citizen_id %}", align=WD_ALIGN_PARAGRAPH.LEFT)
    _labelled(document, "Số định danh cá nhân:", "{{ citizen_id }}")
    _paragraph(document, "{%p endif %}", align=WD_ALIGN_PARAGRAPH.LEFT)
    _labelled(document, "Nơi thường trú:", "{{ permanent_address }}")
    _paragraph(document, "{{ served_text }}", align=justify, first_line_indent=indent, space_after=12)

    closing = document.add_table(rows=1, cols=2)
    closing.autofit = False
    recipients, signature = (_first_paragraph(cell) for cell in closing.rows[0].cells)
    recipients.width, signature.width = Cm(7.2), Cm(9.3)
    _paragraph(recipients, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(recipients, "{%p for recipient in recipients %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(recipients, "- {{ recipient }}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(recipients, "{%p endfor %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(signature, "{{ signer_title }}", bold=True)
    _paragraph(signature, "(Ký, ghi rõ họ tên và đóng dấu)", italic=True, size=12)
    for _blank in range(4):
        _paragraph(signature)
    _paragraph(signature, "{{ signed_by_name }}", bold=True)

    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
