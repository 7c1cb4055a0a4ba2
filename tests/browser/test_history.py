"""Back and forward after a live search bring back the whole page, never the bare results."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser


def test_back_and_forward_after_a_live_search_show_the_full_page_with_its_menu(page: Page) -> None:
    sign_in(page, "giamdoc", DEMO_PASSWORD)
    page.goto("/residents/")
    page.locator("#id_q").fill("Nguyễn")
    expect(page).to_have_url(re.compile(r"/residents/\?.*q=Nguy"))
    menu = page.get_by_role("navigation", name="Chức năng")

    page.get_by_role("link", name="Tổng quan").first.click()
    expect(page.get_by_test_id("dashboard")).to_be_visible()

    page.go_back()
    expect(page).to_have_url(re.compile(r"/residents/\?.*q=Nguy"))
    expect(menu).to_be_visible()
    expect(page.locator("#id_q")).to_be_visible()
    expect(page.locator("link[rel=stylesheet]")).not_to_have_count(0)

    page.go_back()
    expect(page).to_have_url(re.compile(r"/residents/$"))
    expect(menu).to_be_visible()
    page.wait_for_load_state()

    page.go_forward()
    expect(page).to_have_url(re.compile(r"/residents/\?.*q=Nguy"))
    expect(menu).to_be_visible()
    expect(page.locator("#id_q")).to_have_value("Nguyễn")
