import pytest
from django.urls import reverse

from hoanhap.testing import card_on, client_for, make_episode, make_resident

pytestmark = pytest.mark.django_db


def test_director_sees_the_dashboard_with_the_census(director, facility):
    make_episode(make_resident(facility))
    response = client_for(director).get(reverse("shell:home"))
    assert response.status_code == 200
    census = card_on(response, "residents.census")
    assert census is not None and census["in_rehab"] == 1


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("shell:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
