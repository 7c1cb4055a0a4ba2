"""Text on the top bar and in the menu is readable: WCAG 2.1 AA contrast (4.5:1), computed from
the colours the stylesheet declares, and the layout uses those colours."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from hoanhap.testing import client_for

ROOT = Path(__file__).resolve().parents[3]
STYLESHEET = (ROOT / "static" / "css" / "hoanhap.css").read_text()
AA = 4.5


def variables() -> dict[str, str]:
    return dict(re.findall(r"--(hn-[a-z-]+):\s*(#[0-9a-fA-F]{6})", STYLESHEET))


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_computed_as_wcag_defines_it():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    # The colours of the complaint: Bootstrap's white-50 on primary, primary links on light.
    assert contrast("#86b6fe", "#0d6efd") == pytest.approx(2.17, abs=0.01)
    assert contrast("#0d6efd", "#f8f9fa") == pytest.approx(4.27, abs=0.01)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("hn-topbar-text", "hn-topbar-bg"),
        ("hn-topbar-muted", "hn-topbar-bg"),
        ("hn-sidebar-link", "hn-sidebar-bg"),
        ("hn-sidebar-active-link", "hn-sidebar-active-bg"),
        ("hn-sidebar-link", "hn-sidebar-active-bg"),
    ],
)
def test_text_and_its_background_meet_wcag_aa(text, background):
    colours = variables()
    assert contrast(colours[text], colours[background]) >= AA


@pytest.mark.django_db
def test_the_top_bar_the_facility_name_and_the_menu_use_those_colours(director):
    page = client_for(director).get(reverse("shell:home")).content.decode()
    assert "hn-topbar " in page
    assert "hn-topbar-muted" in page
    assert "hn-sidebar " in page
    assert "text-white-50" not in page
