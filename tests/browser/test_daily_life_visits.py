"""The visit officer at the gate books a visit on a tablet: finds the resident by a name typed
without diacritics, adds two visitors with their ID numbers, chooses the time, saves, and sees the
visit on today's gate schedule; then checks the visitors in."""

import pytest
from playwright.sync_api import Page, expect

from hoanhap.core.text import fold

from .test_login_flow import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_the_visit_officer_books_a_visit_and_finds_it_on_todays_gate_schedule(tablet: Page) -> None:
    page = tablet
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("thamgap")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Today's gate: the residents already coming today are not booked twice this week.
    page.goto("/daily-life/visits/day/")
    expect(page.get_by_test_id("schedule-day")).to_be_visible()
    coming = set(page.locator("[data-testid=gate-visit] a.fw-semibold").all_inner_texts())

    page.get_by_role("link", name="Book", exact=True).click()
    search = page.get_by_label("Find the resident by name or record number (diacritics not needed)")
    with page.expect_response(lambda response: "/book/residents/" in response.url):
        search.fill("a")
    choices = page.locator("#resident-choices label")
    expect(choices.first).to_be_visible()
    names = [text.split(" HV")[0].strip() for text in choices.locator("strong").all_inner_texts()]
    name = next(candidate for candidate in names if candidate not in coming)

    # The name typed as on a keyboard without Vietnamese input: no diacritics.
    with page.expect_response(lambda response: "/book/residents/" in response.url):
        search.fill(fold(name))
    expect(page.locator("#resident-choices.htmx-swapping, #resident-choices.htmx-settling")).to_have_count(0)
    choice = choices.filter(has_text=name).first
    expect(choice).to_be_visible()
    choice.locator("input[type=radio]").check()
    expect(choice.locator("input[type=radio]")).to_be_checked()

    page.locator("#id_starts").fill("16:00")
    page.locator("#id_ends").fill("17:30")
    rows = page.get_by_test_id("visitor-row")
    rows.nth(0).get_by_label("Full name").fill("Nguyễn Thị Lan")
    rows.nth(0).get_by_label("ID number").fill("001190001234")
    rows.nth(0).get_by_label("Relation").select_option("mother")
    rows.nth(1).get_by_label("Full name").fill("Nguyễn Văn Nam")
    rows.nth(1).get_by_label("ID number").fill("C1234567")
    rows.nth(1).get_by_label("Relation").select_option("sibling")
    page.get_by_role("button", name="Save").click()

    # Back on today's gate schedule, with the visitors and their papers.
    expect(page.get_by_role("alert").filter(has_text="The visit is booked.")).to_be_visible()
    card = page.get_by_test_id("gate-visit").filter(has_text=name).filter(has_text="001190001234")
    expect(card).to_be_visible()
    expect(card).to_contain_text("16:00–17:30")
    expect(card).to_contain_text("C1234567")
    card.get_by_role("button", name="Check in").click()
    card = page.get_by_test_id("gate-visit").filter(has_text=name).filter(has_text="001190001234")
    expect(card).to_contain_text("In progress")
