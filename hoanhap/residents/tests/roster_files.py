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
