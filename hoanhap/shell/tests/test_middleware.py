"""The whole page and its htmx partial share a URL: every response says it varies by HX-Request."""

import pytest
from django.urls import reverse

from hoanhap.testing import client_for

pytestmark = pytest.mark.django_db


def test_the_partial_of_a_live_search_varies_by_hx_request(director):
    response = client_for(director).get(reverse("residents:list"), {"q": "Hùng"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_the_full_page_varies_by_hx_request_too(director):
    response = client_for(director).get(reverse("residents:list"), {"q": "Hùng"})
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]
    assert "Cookie" in response["Vary"]


def test_pages_keep_no_snapshot_in_the_browser_and_reload_on_a_history_miss(director):
    page = client_for(director).get(reverse("shell:home")).content.decode()
    assert '"historyCacheSize": 0' in page
    assert '"refreshOnHistoryMiss": true' in page
