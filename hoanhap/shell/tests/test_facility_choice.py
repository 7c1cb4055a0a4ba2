"""A user of several facilities (the province viewer) looks at one facility or at all of theirs:
the home page's figures follow the choice, and "All my facilities" is a choice of its own."""

import pytest
from django.urls import reverse

from hoanhap.testing import card_on, client_for, make_episode, make_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_here_one_there(facility, other_facility):  # type: ignore[no-untyped-def]
    for _ in range(2):
        make_episode(make_resident(facility))
    make_episode(make_resident(other_facility))


def in_rehab(client) -> int:  # type: ignore[no-untyped-def]
    census = card_on(client.get(reverse("shell:home")), "residents.census")
    assert census is not None
    return census["in_rehab"]


def switch(client, value) -> None:  # type: ignore[no-untyped-def]
    assert client.post(reverse("shell:switch-facility"), {"facility": value}).status_code == 302


def test_before_choosing_the_province_viewer_sees_all_facilities_summed(province_viewer, two_here_one_there):
    client = client_for(province_viewer)
    assert in_rehab(client) == 3
    assert 'value="all" selected' in client.get(reverse("shell:home")).content.decode()


def test_the_figures_follow_the_chosen_facility(province_viewer, facility, other_facility, two_here_one_there):
    client = client_for(province_viewer)
    switch(client, other_facility.pk)
    assert in_rehab(client) == 1
    switch(client, facility.pk)
    assert in_rehab(client) == 2


def test_all_my_facilities_is_an_explicit_choice(province_viewer, other_facility, two_here_one_there):
    client = client_for(province_viewer)
    switch(client, other_facility.pk)
    switch(client, "all")
    assert in_rehab(client) == 3
    page = client.get(reverse("shell:home")).content.decode()
    assert 'value="all" selected' in page


def test_a_user_of_one_facility_sees_no_selector_and_their_figures(director, two_here_one_there):
    client = client_for(director)
    assert in_rehab(client) == 2
    assert 'id="facility-switch"' not in client.get(reverse("shell:home")).content.decode()
