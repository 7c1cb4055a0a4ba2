"""A clerk grades a whole zone for last month on one page, by keyboard only, in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD
from .test_resident_journey import english_page  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser


def test_a_clerk_grades_a_zone_by_keyboard_and_saves_it_in_one_go(english_page: Page) -> None:  # noqa: F811
    page = english_page
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("quanly")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # The sheet opens on last month; take the first zone with residents in it.
    page.goto("/residents/grades/sheet/")
    zones = page.get_by_label("Zone").locator("option").evaluate_all("options => options.map(o => o.value)")
    rows = page.locator("[data-testid=grade-row]")
    for zone in [value for value in zones if value]:  # not the empty choice
        page.get_by_label("Zone").select_option(zone)
        page.get_by_role("button", name="Open the sheet").click()
        # The new page, loaded with its script, before its rows are counted.
        page.wait_for_url(re.compile(rf"[?&]zone={zone}(&|$)"))
        if rows.count():
            break
    count = rows.count()
    assert count > 0, "the demo data has nobody in rehab last month"

    # Keys 1 to 4 choose the grade and move on to the next row; Tab leaves the last row for Save.
    rows.first.locator("input[type=radio]").first.focus()
    for n in range(count):
        page.keyboard.press("2" if n % 2 == 0 else "1")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save all grades")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("alert").filter(has_text=re.compile(r"grades saved for"))).to_be_visible()
    expect(rows.first.locator("input[type=radio][value=good]")).to_be_checked()
    if count > 1:
        expect(rows.nth(1).locator("input[type=radio][value=excellent]")).to_be_checked()
