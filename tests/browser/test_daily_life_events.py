"""The teacher organises an event on a tablet (800×1280): plans it, ticks the residents who came,
adds a photo, runs a competition and awards a prize, then reads the prizes list."""

import io
import re
from datetime import date

import pytest
from PIL import Image
from playwright.sync_api import FilePayload, Page, expect

from .test_login_flow import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def _fits_the_width(page: Page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 800, f"{page.url} scrolls sideways on a tablet ({width}px)"


def test_the_teacher_organises_an_event_on_a_tablet(tablet: Page) -> None:
    page = tablet
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("giaoduc")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto("/daily-life/")
    page.get_by_role("link", name="New event").first.click()
    page.get_by_label("Kind").select_option("games")
    page.get_by_label("Title").fill("Kéo co giữa các khu")
    page.get_by_label("Date").fill(date.today().strftime("%d/%m/%Y"))
    page.get_by_label("Place").fill("Sân trung tâm")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Kéo co giữa các khu")).to_be_visible()
    _fits_the_width(page)

    # Tick two residents in the list, and find a third by typing.
    page.get_by_role("link", name="Add participants").click()
    boxes = page.locator("input[name=residents]")
    assert boxes.count() >= 2, "the demo has nobody present at the teacher's facility"
    boxes.nth(0).check()
    boxes.nth(1).check()
    _fits_the_width(page)
    page.get_by_role("button", name="Add the ticked people").click()
    expect(page.get_by_role("alert").filter(has_text="participants are added")).to_be_visible()
    expect(page.get_by_test_id("participant-count")).to_have_text("2")

    # A photo, served back through the access-checked view.
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (40, 120, 200)).save(out, format="JPEG")
    page.get_by_role("link", name="Add a photo").click()
    upload: FilePayload = {"name": "keo-co.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}
    page.get_by_label("Photo").set_input_files(files=[upload])
    page.get_by_label("Caption").fill("Đội khu A")
    page.get_by_role("button", name="Save").click()
    image = page.get_by_role("img", name="Đội khu A")
    expect(image).to_be_visible()
    # Shown is not yet loaded: wait for the picture itself, served through the access check.
    loaded = (
        "img => img.complete ? img.naturalWidth : new Promise(done => { img.onload = () => done(img.naturalWidth) })"
    )
    assert image.evaluate(loaded) == 32

    # A competition at the event and its first prize.
    page.get_by_role("link", name="New competition").click()
    page.get_by_label("Title").fill("Kéo co nam")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Award a prize").click()
    page.get_by_role("combobox", name=re.compile(r"^Prize")).fill("Giải nhất")
    page.get_by_label("Item given").fill("Bánh kẹo")
    page.get_by_label("Value (VND)").fill("150000")
    page.get_by_label("A resident").check()
    page.get_by_role("combobox", name=re.compile(r"^Resident")).select_option(index=1)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Giải nhất")).to_be_visible()

    page.goto("/daily-life/prizes/?q=Kéo co nam")
    expect(page.get_by_text(re.compile(r"1 row matches"))).to_be_visible()
    expect(page.get_by_test_id("prize-totals")).to_contain_text("150,000")
    _fits_the_width(page)
