"""The director reads this year's plan on a tablet (800×1280): each target against the records,
its bar and its gap, the months below; then the facilities side by side."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_the_director_reads_this_years_plan_against_the_records(tablet: Page) -> None:
    page = tablet
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("giamdoc")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # The director's own language is kept on the account, and an earlier test may have left it in
    # Vietnamese: read this walk in English.
    expect(page.get_by_test_id("language-switch")).to_be_visible()
    if page.locator("html").get_attribute("lang") != "en":
        page.get_by_test_id("language-switch").select_option("en")
        expect(page.locator("html")).to_have_attribute("lang", "en")

    # The home card: admissions this year against the plan.
    expect(page.get_by_test_id("plans-admissions-card")).to_contain_text(re.compile(r"of [\d,.]+ planned \(\d+%\)"))

    page.goto("/plans/")
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\d+"))
    page.locator("tbody a").first.click()
    targets = page.get_by_test_id("targets")
    expect(targets).to_be_visible()
    expect(targets.locator("[data-figure='residents.admissions']")).to_contain_text(
        re.compile(r"of [\d,.]+ planned, \d+%")
    )
    expect(page.get_by_test_id("months")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 800

    page.get_by_role("link", name=re.compile("All facilities")).click()
    expect(page.get_by_test_id("year")).to_be_visible()
