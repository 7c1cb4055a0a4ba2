"""The director finds on the home page the role the administrator proposed for a newcomer, and
approves it: only then does the newcomer hold it (two people for a role that sees residents)."""

import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_the_director_approves_a_proposed_role_from_the_home_page(tablet: Page) -> None:
    page = tablet
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("giamdoc")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_text("1 role waits for your approval.")).to_be_visible()
    page.get_by_role("link", name="Decide").click()
    row = page.get_by_test_id("grant-row").filter(has_text="Đặng Thị Thu Hà")
    expect(row).to_contain_text("Counsellor")
    row.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("The role is granted.")).to_be_visible()
    expect(page.get_by_text("Nothing waits for you.")).to_be_visible()
