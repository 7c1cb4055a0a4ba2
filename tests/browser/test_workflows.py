"""A funeral leave request on a tablet, from the resident manager's request to the resident's
leave record: the manager completes the request from the inbox, the deputy director reviews it,
the director approves it with the decision's number, and the leave is on the resident's record."""

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from .test_login_flow import DEMO_PASSWORD

pytestmark = pytest.mark.browser


# Pages are read by test ids and the process's own (Vietnamese) field labels: a demo user may have
# chosen Vietnamese in an earlier test (the login flow switches the director's language).
def sign_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def act_on(page: Page, case_title: str) -> None:
    """Find the case's task in the inbox and open its form in the row."""
    page.goto(f"/workflows/?{urlencode({'q': case_title})}")
    row = page.locator("tbody tr").filter(has_text=case_title).first
    expect(row).to_be_visible()
    row.get_by_test_id("act").click()
    expect(page.locator("tbody form")).to_be_visible()


def test_a_funeral_leave_request_goes_from_the_request_to_the_residents_leave_record(tablet: Page) -> None:
    page = tablet
    sign_in(page, "quanly")
    page.goto(f"/workflows/?{urlencode({'q': 'Nghỉ phép chịu tang'})}")
    row = page.locator("tbody tr").filter(has_text="Lập đề nghị cùng học viên").first
    case_title = row.locator("a").first.inner_text()
    row.get_by_test_id("act").click()
    form = page.locator("tbody form")
    form.get_by_label("Lý do").select_option("funeral_parent")
    form.get_by_label("Số ngày nghỉ").fill("3")
    form.get_by_label("Số ngày đi đường").fill("1")
    form.locator("button[type=submit]").click()
    expect(page.locator("tr.table-success").filter(has_text=case_title)).to_be_visible()
    sign_out(page)

    sign_in(page, "phogiamdoc")
    act_on(page, case_title)
    form = page.locator("tbody form")
    form.locator("[name=comment]").fill("Đủ giấy tờ")
    form.locator("button[type=submit]").click()
    expect(page.locator("tr.table-success").filter(has_text=case_title)).to_be_visible()
    sign_out(page)

    sign_in(page, "giamdoc")
    act_on(page, case_title)
    form = page.locator("tbody form")
    form.get_by_label("Số quyết định").fill("15/QĐ-CSCN")
    form.locator("button[type=submit]").click()
    # The decision's date is required: the refusal stays beside the field, nothing is saved.
    expect(page.locator("tbody form").get_by_role("alert").first).to_be_visible()
    page.locator("tbody form").get_by_label("Ngày quyết định").fill(
        page.evaluate(
            "(() => { const d = new Date(); return String(d.getDate()).padStart(2, '0') + '/' +"
            " String(d.getMonth() + 1).padStart(2, '0') + '/' + d.getFullYear(); })()"
        )
    )
    page.locator("tbody form").locator("button[type=submit]").click()
    done = page.locator("tr.table-success").filter(has_text=case_title)
    expect(done).to_be_visible()

    done.get_by_role("link", name=case_title).click()
    expect(page.get_by_test_id("case-summary")).to_have_attribute("data-status", "done")
    page.get_by_test_id("case-resident").click()
    expect(page.get_by_text("15/QĐ-CSCN").first).to_be_visible()
