"""A staff member's first minutes with Hòa Nhập, in a real browser against the real server."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "HoaNhap@2026"


def sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_director_signs_in_sees_the_dashboard_switches_language_and_signs_out(page: Page) -> None:
    sign_in(page, "giamdoc", DEMO_PASSWORD)

    expect(page.get_by_test_id("dashboard")).to_be_visible()
    expect(page.get_by_role("heading", name="Học viên").first).to_be_visible()
    assert int(page.get_by_test_id("in-rehab").inner_text().replace(".", "")) > 0

    page.get_by_test_id("language-switch").select_option("en")
    expect(page.get_by_role("heading", name="Residents").first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_test_id("language-switch").select_option("vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(page: Page) -> None:
    for _ in range(4):
        sign_in(page, "yte", "not-the-password")
        expect(page.get_by_role("alert")).to_contain_text("không đúng")
    sign_in(page, "yte", "not-the-password")
    expect(page.get_by_test_id("locked-out")).to_be_visible()

    sign_in(page, "yte", DEMO_PASSWORD)
    expect(page.get_by_test_id("locked-out")).to_be_visible()
    expect(page.get_by_test_id("dashboard")).to_have_count(0)
