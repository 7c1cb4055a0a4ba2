"""Excel files for the roster tests, built with openpyxl the way a centre's own list looks."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import openpyxl

HEADERS = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Số CCCD",
    "Số hồ sơ",
    "Địa chỉ thường trú",
    "Ngày vào cơ sở",
    "Hình thức cai nghiện",
    "Thời hạn (tháng)",
    "Số quyết định",
    "Ngày quyết định",
    "Giai đoạn",
)


def citizen_id(n: int, *, year: int = 1990, female: bool = False) -> str:
    """A well-formed number: Lào Cai (010), sex and century digit, year of birth, serial."""
    century_digit = 2 * ((year - 1900) // 100) + (1 if female else 0)
    return f"010{century_digit}{year % 100:02d}{n:06d}"


def row(n: int, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "STT": n,
        "Họ và tên": f"Nguyễn Văn Hùng {n}",
        "Ngày sinh": datetime(1990, 5, 17),
        "Giới tính": "Nam",
        "Dân tộc": "Kinh",
        "Số CCCD": citizen_id(n),
        "Số hồ sơ": f"LC-{n:05d}",
        "Địa chỉ thường trú": "Tổ 5, phường Cốc Lếu",
        "Ngày vào cơ sở": "05/01/2026",
        "Hình thức cai nghiện": "Bắt buộc",
        "Thời hạn (tháng)": 24,
        "Số quyết định": f"{n}/2025/QĐ-TA",
        "Ngày quyết định": datetime(2025, 12, 20),
        "Giai đoạn": "Tiếp nhận, phân loại",
    }
    values.update(overrides)
    return values


def workbook_bytes(
    rows: Sequence[dict[str, Any]],
    headers: Sequence[str] = HEADERS,
    *,
    title: str | None = None,
) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(list(headers))
    for values in rows:
        sheet.append([values.get(header) for header in headers])
    for column in sheet.iter_cols():
        for cell in column:
            if isinstance(cell.value, datetime | date):
                cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def roster(count: int, **overrides: Any) -> bytes:
    return workbook_bytes([row(n, **overrides) for n in range(1, count + 1)])


# --- A centre's own list, as it is printed and signed ------------------------------------------

CENTRE_COLUMNS = 12  # STT … Ghi chú


def centre_row(n: int, **overrides: Any) -> dict[str, Any]:
    """One resident as a centre's list writes them: birth date in the "Nam" or "Nữ" column, no
    record number, no stage, dates as Excel dates or as text."""
    values: dict[str, Any] = {
        "name": f"Lê Văn Tài {n}",
        "born": datetime(1992, 3, 9),
        "female": False,
        "citizen_id": citizen_id(n, year=1992),
        "address": "Thôn 3, xã Bản Qua",
        "admitted": "05/01/2026",
        "kind": "Bắt buộc",
        "term": 24,
        "decision": f"{n}/2025/QĐ-TA",
        "decided": datetime(2025, 12, 20),
        "note": "",
    }
    values.update(overrides)
    return values


def centre_roster(rows: Sequence[dict[str, Any]], *, total: bool = True) -> bytes:
    """A title block, a header over two merged rows ("Họ và tên" spanning both, "Ngày sinh" over
    "Nam" | "Nữ", "Quyết định" over "Số" | "Ngày"), a row numbering the columns, the residents,
    a total line and the signature block."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["CÔNG AN TỈNH LÀO CAI"])
    sheet.append(["CƠ SỞ CAI NGHIỆN MA TÚY SỐ 1"])
    sheet.append(["DANH SÁCH HỌC VIÊN ĐANG CAI NGHIỆN TẠI CƠ SỞ"])
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=CENTRE_COLUMNS)
    sheet.append(["(Tính đến ngày 25/11/2026)"])
    sheet.append([])
    top = [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        None,
        "Số CCCD",
        "Nơi thường trú",
        "Ngày vào cơ sở",
        "Hình thức",
        "Thời hạn (tháng)",
        "Quyết định",
        None,
        "Ghi chú",
    ]
    sheet.append(top)  # row 6
    sheet.append([None, None, "Nam", "Nữ", None, None, None, None, None, "Số", "Ngày", None])  # row 7
    for column, label in enumerate(top, start=1):
        if label and label not in ("Ngày sinh", "Quyết định"):
            sheet.merge_cells(start_row=6, start_column=column, end_row=7, end_column=column)
    sheet.merge_cells(start_row=6, start_column=3, end_row=6, end_column=4)
    sheet.merge_cells(start_row=6, start_column=10, end_row=6, end_column=11)
    sheet.append([f"({n})" for n in range(1, CENTRE_COLUMNS + 1)])  # row 8
    for n, values in enumerate(rows, start=1):
        born = values["born"]
        sheet.append(
            [
                n,
                values["name"],
                None if values["female"] else born,
                born if values["female"] else None,
                values["citizen_id"],
                values["address"],
                values["admitted"],
                values["kind"],
                values["term"],
                values["decision"],
                values["decided"],
                values["note"],
            ]
        )
    if total:
        sheet.append([None, f"Tổng cộng: {len(rows)} học viên"])
    sheet.append([])
    sheet.append([None, None, None, None, None, None, None, None, "Lào Cai, ngày 25 tháng 11 năm 2026"])
    sheet.append([None, "Người lập biểu", None, None, None, None, None, None, "GIÁM ĐỐC"])
    sheet.append([None, "(Ký, ghi rõ họ tên)", None, None, None, None, None, None, "(Ký tên, đóng dấu)"])
    sheet.append([])
    sheet.append([None, "Trần Thị Mai", None, None, None, None, None, None, "Nguyễn Văn Quang"])
    for column in sheet.iter_cols():
        for cell in column:
            if isinstance(cell.value, datetime | date):
                cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
