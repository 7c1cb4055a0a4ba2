"""The resident list's export is the list on screen: after a live search (htmx swaps the results),
"Export to Excel" downloads exactly the rows shown, in a real browser against the real server."""

import io
import re

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD
from .test_resident_journey import english_page  # noqa: F401 -- the fixture, read in English

pytestmark = pytest.mark.browser


def shown_record_numbers(page: Page) -> list[str]:
    return [text.strip() for text in page.locator("#results tbody tr td:first-child").all_inner_texts()]


def test_a_live_search_then_export_downloads_exactly_the_rows_shown(english_page: Page) -> None:  # noqa: F811
    page = english_page
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("quanly")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto("/residents/")
    everyone = shown_record_numbers(page)
    assert len(everyone) > 1
    wanted = everyone[1]

    # Typed, not submitted: the live search swaps the results.
    page.get_by_label("Find a resident").press_sequentially(wanted, delay=20)
    expect(page.locator("#results caption")).to_have_text(re.compile(r"^\s*1 resident\s*$"))
    assert shown_record_numbers(page) == [wanted]

    with page.expect_download() as download:
        page.get_by_role("link", name="Export to Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    exported = [str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert exported == [wanted]
