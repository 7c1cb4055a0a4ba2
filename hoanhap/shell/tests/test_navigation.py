"""Every link in every role's menu answers; a module not built yet says so; a module outside
the user's roles is not there at all."""

import pytest
from django.urls import reverse

from hoanhap.accounts.roles import Role, capabilities_of
from hoanhap.core import registry
from hoanhap.testing import make_episode, make_resident, make_user, verified_client_for

pytestmark = pytest.mark.django_db

MODULES = list(registry.navigation)


@pytest.mark.parametrize("role", list(Role))
def test_every_link_in_the_menu_of_every_role_answers(role, facility, django_assert_max_num_queries):
    for _ in range(3):
        make_episode(make_resident(facility))
    client = verified_client_for(make_user(role, facility))

    home = client.get(reverse("shell:home"))
    assert home.status_code == 200
    links = [item["url"] for item in home.context["nav_items"]]
    assert links, f"{role} has an empty menu"
    for url in links:
        with django_assert_max_num_queries(20):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("role", list(Role))
def test_the_menu_holds_exactly_the_modules_of_the_role(role, facility):
    client = verified_client_for(make_user(role, facility))
    shown = {item["module"].slug for item in client.get(reverse("shell:home")).context["nav_items"]}
    expected = {m.slug for m in MODULES if m.capabilities & capabilities_of(role)}
    assert shown == expected


UNBUILT = [m for m in MODULES if m.url_name is None]


@pytest.mark.parametrize("module", UNBUILT, ids=[m.slug for m in UNBUILT])
@pytest.mark.parametrize("role", list(Role))
def test_a_module_not_built_shows_its_coming_page_only_to_roles_that_will_use_it(module, role, facility):
    client = verified_client_for(make_user(role, facility))
    response = client.get(reverse("shell:module", args=[module.slug]))
    if module.capabilities & capabilities_of(role):
        assert response.status_code == 200
        assert "shell/module_coming.html" in [t.name for t in response.templates]
        assert response.context["module"] == module
    else:
        assert response.status_code == 404


def test_a_built_modules_old_coming_page_leads_to_the_module(director):
    response = verified_client_for(director).get(reverse("shell:module", args=["residents"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:list")


def test_an_unknown_module_is_a_404(director):
    assert verified_client_for(director).get(reverse("shell:module", args=["khong-co"])).status_code == 404


def test_the_menu_needs_a_signed_in_user(client):
    response = client.get(reverse("shell:module", args=["care"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_home_page_answers_in_a_fixed_number_of_queries(director, facility, django_assert_max_num_queries):
    for _ in range(10):
        make_episode(make_resident(facility))
    client = verified_client_for(director)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("shell:home")).status_code == 200
