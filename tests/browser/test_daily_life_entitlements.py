"""The resident manager does the month's supplies on a tablet (800×1280): opens a zone's sheet,
hands out what is due, saves it in one go, then checks the shortfall list."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_the_resident_manager_issues_a_zones_month_and_finds_no_shortfall_left(tablet: Page) -> None:
    page = tablet
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("quanly")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto("/daily-life/")
    page.get_by_role("link", name="Monthly supply sheet").click()
    zones = page.get_by_label("Zone").locator("option").evaluate_all("options => options.map(o => o.value)")
    rows = page.locator("[data-testid=supply-row]")
    chosen = None
    for zone in zones:
        page.get_by_label("Zone").select_option(zone)
        page.get_by_role("button", name="Open the sheet").click()
        page.wait_for_url(re.compile(rf"[?&]zone={zone}(&|$)"))
        if rows.count():
            chosen = zone
            break
    assert chosen is not None, "the demo data has nobody in rehab this month"
    # The page itself never scrolls sideways on the tablet; only the sheet's table may.
    assert page.evaluate("document.documentElement.scrollWidth") <= 800

    # Every box holds what is still due: save the sheet as it stands.
    first_box = rows.first.locator("input[name^=qty-]").first
    expect(first_box).to_be_visible()
    page.get_by_role("button", name="Save the sheet").click()
    expect(page.get_by_role("alert").filter(has_text=re.compile(r"issues saved for"))).to_be_visible()

    # Nothing of this zone is short any more this month.
    page.get_by_role("link", name="Shortfalls").click()
    expect(page.get_by_role("status")).to_have_text("0 rows match")

    # The whole facility's list still flags the other zones' shortfalls, by name.
    page.goto("/daily-life/supplies/shortfalls/")
    expect(page.get_by_role("heading", name=re.compile("Supply shortfalls"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 800
