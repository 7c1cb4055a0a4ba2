"""The roster template a centre can download from the import page: the headers the import reads
best, one sample row that imports as it is, and a sheet of notes saying what each column takes.

Like the export, the file is a Vietnamese document whatever the interface language (`roster.py`).
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font

from ..terms import EpisodeKind, Stage
from .roster import FIELDS, KIND_WORDS, SPLIT_KEYS, STAGE_WORDS, vietnamese

SHEET_TITLE = "Danh sách"
NOTES_TITLE = "Hướng dẫn"
TEMPLATE_FIELDS = tuple(field for field in FIELDS if field.key not in SPLIT_KEYS)

# What each column takes, as the import reads it.
NOTES: dict[str, str] = {
    "record_number": "Để trống: phần mềm cấp số hồ sơ tiếp theo của cơ sở.",
    "full_name": "Bắt buộc.",
    "other_names": "Không bắt buộc.",
    "date_of_birth": "Bắt buộc. Ngày dd/mm/yyyy hoặc ô kiểu ngày; chỉ biết tháng/năm (12/1990) hoặc năm "
    "(1990) thì ghi như vậy, phần mềm sẽ hỏi xác nhận.",
    "sex": "Bắt buộc: Nam hoặc Nữ.",
    "ethnicity": "Không bắt buộc.",
    "citizen_id": "12 chữ số; nên định dạng ô là Văn bản để giữ số 0 đầu.",
    "permanent_province": "Không bắt buộc.",
    "permanent_commune": "Không bắt buộc.",
    "permanent_address": "Không bắt buộc.",
    "admitted_on": "Bắt buộc (hoặc nhập một ngày chung cho cả danh sách khi nhập).",
    "kind": "Bắt buộc: Tự nguyện, Bắt buộc, hoặc Bắt buộc (người chưa thành niên).",
    "term_months": "Bắt buộc: số tháng, ví dụ 24.",
    "decision_number": "Bắt buộc với cai nghiện bắt buộc.",
    "decision_on": "Bắt buộc với cai nghiện bắt buộc.",
    "decided_by": "Không bắt buộc.",
    "stage": "Số 1 đến 5 hoặc tên giai đoạn; để trống thì chọn giai đoạn chung khi nhập.",
    "stage_since_on": "Để trống thì theo kế hoạch giai đoạn của cơ sở.",
}


def _sample(today: date) -> dict[str, Any]:
    admitted_on = today - timedelta(days=30)
    return {
        "record_number": "",
        "full_name": "Nguyễn Văn Mẫu",
        "other_names": "",
        "date_of_birth": date(1990, 5, 17),
        "sex": "Nam",
        "ethnicity": "Kinh",
        # Lào Cai (010), a man born in the 1900s (0), in 1990 (90).
        "citizen_id": "010090000001",
        "permanent_province": "Lào Cai",
        "permanent_commune": "Phường Cốc Lếu",
        "permanent_address": "Tổ 5, phường Cốc Lếu",
        "admitted_on": admitted_on,
        "kind": vietnamese(KIND_WORDS, EpisodeKind.COMPULSORY),
        "term_months": 24,
        "decision_number": "01/QĐ-TA",
        "decision_on": admitted_on - timedelta(days=10),
        "decided_by": "Tòa án nhân dân khu vực 1 - Lào Cai",
        "stage": vietnamese(STAGE_WORDS, Stage.RECEPTION),
        "stage_since_on": "",
    }


def roster_template(*, today: date) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    sheet.append([field.header for field in TEMPLATE_FIELDS])
    sample = _sample(today)
    sheet.append([sample[field.key] for field in TEMPLATE_FIELDS])
    for column, field in enumerate(TEMPLATE_FIELDS, start=1):
        sheet.cell(1, column).font = Font(bold=True)
        sheet.cell(1, column).alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = max(14, len(field.header) + 2)
        cell = sheet.cell(2, column)
        if isinstance(cell.value, date):
            cell.number_format = "DD/MM/YYYY"
        if field.key == "citizen_id":
            cell.number_format = "@"
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet(NOTES_TITLE)
    notes.append(["Cột", "Cách ghi"])
    notes["A1"].font = notes["B1"].font = Font(bold=True)
    for field in TEMPLATE_FIELDS:
        notes.append([field.header, NOTES.get(field.key, "")])
    notes.append([])
    for line in (
        "Mỗi dòng một học viên, dưới dòng tiêu đề. Có thể giữ phần tiêu đề, ngày lập và phần ký tên của đơn vị.",
        "Nếu danh sách ghi ngày sinh theo hai cột Nam / Nữ dưới ô gộp “Ngày sinh”, phần mềm cũng đọc được.",
        "Không dòng nào được nhập khi còn một lỗi; các cảnh báo được xác nhận từng dòng trước khi nhập.",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 32
    notes.column_dimensions["B"].width = 100
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
