"""A resident manager's paper-free journey: intake → reception checklist → stages → completion
certificate, in a real browser against the real server."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def english_page(browser, live_app):  # type: ignore[no-untyped-def]
    """The labels are read in English so the walk does not depend on the catalogue's wording."""
    context = browser.new_context(base_url=live_app, locale="en-GB", viewport={"width": 1024, "height": 768})
    context.set_extra_http_headers({"Accept-Language": "en"})
    page = context.new_page()
    yield page
    context.close()


def test_a_resident_manager_takes_a_voluntary_resident_from_intake_to_the_completion_certificate(
    english_page: Page,
) -> None:
    page = english_page
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("quanly")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Intake: register the person.
    page.goto("/residents/register/")
    page.get_by_label("Full name").first.fill("Hoàng Văn Thử")
    page.get_by_label("Date of birth").fill("14/02/1991")
    page.get_by_label("Sex").select_option("male")
    page.get_by_label("Citizen ID number").fill("010091012345")
    page.get_by_role("button", name=re.compile("Register")).click()
    expect(page.get_by_role("heading", name=re.compile("Hoàng Văn Thử"))).to_be_visible()

    # Admission: voluntary, six months, started long enough ago to be served.
    page.get_by_role("link", name="Admit").click()
    # The zone first: the room list then offers that zone's free rooms.
    page.get_by_label("Zone").select_option(label="Khu cắt cơn")
    room = page.get_by_label("Room").locator("option", has_text="Khu cắt cơn – Buồng 01")
    expect(room).to_be_attached()
    page.get_by_label("Room").select_option(room.get_attribute("value"))
    page.get_by_label("Voluntary").check()
    page.get_by_label("Admitted on").fill("02/03/2026")
    page.get_by_label("Request date").fill("25/02/2026")
    page.get_by_label("Term (months)").fill("6")
    # The term the law allows is shown before the form is sent.
    expect(page.get_by_test_id("term-hint")).to_contain_text("6 to 12 months")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("1. Reception and classification").first).to_be_visible()

    # Search finds the new resident without diacritics.
    page.goto("/residents/?q=hoang+van+thu")
    page.get_by_role("link", name="Hoàng Văn Thử").click()

    # Reception checklist, each task dated the day it was done, then the stages a voluntary
    # resident must complete (detox is not dated before the last reception task).
    open_tasks = page.locator("#checklist form:has(button[aria-pressed=false])")
    for remaining in range(open_tasks.count(), 0, -1):
        open_tasks.first.locator("input[name=done_on]").fill("03/03/2026")
        open_tasks.first.get_by_role("button").click()
        expect(open_tasks).to_have_count(remaining - 1)
    expect(page.locator("#checklist").get_by_text("03/03/2026").first).to_be_visible()
    for stage, on in (("detox", "10/03/2026"), ("rehabilitation", "10/04/2026")):
        stage_form = page.locator("form", has=page.get_by_label("Move to stage"))
        stage_form.get_by_label("Move to stage").select_option(stage)
        stage_form.get_by_label("Date").fill(on)
        stage_form.get_by_role("button", name="Move").click()
    expect(page.get_by_text("3. Education, counselling, behaviour rehabilitation").first).to_be_visible()

    # Completion with its numbered certificate, printable as PDF.
    page.get_by_role("button", name="Record an event").click()
    page.get_by_role("link", name="Completion").click()
    page.get_by_label("Completed on").fill("05/09/2026")
    page.get_by_label("Signed by (director)").fill("Lê Quang Minh")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile(r"\d+/2026/GCN")).first).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("certificate.*PDF|PDF", re.IGNORECASE)).first.click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
