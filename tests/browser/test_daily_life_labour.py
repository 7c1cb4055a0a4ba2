"""A work-team leader records the team's day on a tablet (800×1280): an over-cap row is refused
with the resident's name and the rule, nothing saved; corrected, the whole sheet is saved."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_a_team_leader_records_the_day_of_the_team_on_a_tablet(tablet: Page) -> None:
    page = tablet
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("todoi")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto("/daily-life/")
    page.get_by_role("link", name="Record today's work").click()
    expect(page.locator("[data-testid=team-row]").first).to_be_visible()
    page.get_by_role("link", name="Today's work log").first.click()

    rows = page.locator("[data-testid=sheet-row]")
    assert rows.count() > 0, "the demo team has no member today"
    page.get_by_role("button", name=re.compile(r"^Everyone 4 h")).click()
    first_hours = rows.first.locator("input[data-hours]")
    first_hours.fill("8.5")
    page.get_by_role("button", name="Save the day's work").click()

    expect(page.get_by_test_id("sheet-error")).to_contain_text("nothing was saved")
    expect(rows.first).to_contain_text("more than the 8 hours a day")
    rows.first.locator("input[data-hours]").fill("4")
    page.get_by_role("button", name="Save the day's work").click()
    expect(page.get_by_role("alert").filter(has_text=re.compile(r"Work log saved for"))).to_be_visible()
    expect(rows.first.locator("input[data-hours]")).to_have_value("4")
