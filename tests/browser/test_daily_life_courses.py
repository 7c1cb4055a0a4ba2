"""A teacher calls the roll of today's class on a tablet: all present by default, two tapped absent
with a reason, one Save, and the sheet shows the result."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_a_teacher_calls_the_roll_of_todays_lesson_with_two_absent(tablet: Page) -> None:
    page = tablet
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("giaoduc")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto("/daily-life/")
    page.get_by_role("link", name="Today's roll calls").click()
    page.locator("[data-testid=today-lesson]").first.click()
    page.wait_for_url(re.compile(r"/roll-call/$"))

    rows = page.locator("[data-testid=roll-row]")
    count = rows.count()
    assert count >= 10, "the demo's class today has its residents"
    # Everyone present by default: no switch is on, no reason shown.
    expect(page.locator(".absent-toggle:checked")).to_have_count(0)
    expect(rows.first.get_by_role("combobox")).to_be_hidden()

    for n, reason in ((0, "Sick"), (2, "Family visit")):
        rows.nth(n).get_by_text("Absent", exact=True).click()  # a tap on the big switch's label
        rows.nth(n).get_by_role("combobox").select_option(label=reason)
    page.get_by_role("button", name="Save the roll call").click()

    expect(
        page.get_by_role("alert").filter(has_text=f"Roll call saved: {count - 2} present, 2 absent.")
    ).to_be_visible()
    expect(page.locator(".absent-toggle:checked")).to_have_count(2)
    expect(rows.nth(0).get_by_role("combobox")).to_have_value("sick")
    expect(rows.nth(2).get_by_role("combobox")).to_have_value("visit")
    expect(rows.nth(1).locator(".absent-toggle")).not_to_be_checked()
