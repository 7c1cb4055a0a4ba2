"""A printed page is its content alone, full width: no menu, bars, buttons or forms."""

import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser


def test_a_printed_list_shows_its_table_full_width_without_menus_buttons_or_forms(page: Page) -> None:
    sign_in(page, "giamdoc", DEMO_PASSWORD)
    page.goto("/residents/")
    expect(page.locator("#results table")).to_be_visible()

    page.emulate_media(media="print")

    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Chức năng")).to_be_hidden()
    expect(page.locator("form[role=search]")).to_be_hidden()
    expect(page.locator("main .btn").first).to_be_hidden()
    expect(page.locator("#results table")).to_be_visible()
    main_width = page.locator("main").evaluate("e => e.getBoundingClientRect().width")
    body_width = page.locator("body").evaluate("e => e.getBoundingClientRect().width")
    assert main_width >= body_width - 1
    overflow = page.locator(".table-responsive").first.evaluate("e => getComputedStyle(e).overflowX")
    assert overflow == "visible"
    header = page.locator("#results thead").first.evaluate("e => getComputedStyle(e).display")
    assert header == "table-header-group"
