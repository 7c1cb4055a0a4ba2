"""The language follows the user, not the browser: the switcher stores the choice on the account,
and every page of that user is in it, whatever browser they sign in from."""

import pytest
from django.test import Client
from django.urls import reverse

from hoanhap.accounts.models import User
from hoanhap.testing import PASSWORD, client_for

pytestmark = pytest.mark.django_db

VIETNAMESE_BROWSER = {"Accept-Language": "vi"}


def html_lang(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_the_switcher_stores_the_choice_on_the_signed_in_users_account(director):
    response = client_for(director).post(reverse("accounts:language"), {"language": "en", "next": "/residents/"})
    assert response.status_code == 302
    assert response["Location"] == "/residents/"
    director.refresh_from_db()
    assert director.language == "en"


def test_the_chosen_language_follows_the_user_to_another_browser(director):
    client_for(director).post(reverse("accounts:language"), {"language": "en"})

    other_browser = Client()
    other_browser.post(reverse("accounts:login"), {"username": director.username, "password": PASSWORD})
    response = other_browser.get(reverse("shell:home"), headers=VIETNAMESE_BROWSER)

    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"


def test_the_users_language_wins_over_the_language_cookie_of_the_browser(director):
    User.objects.filter(pk=director.pk).update(language="en")
    client = client_for(director)
    client.cookies["django_language"] = "vi"
    assert html_lang(client.get(reverse("shell:home"), headers=VIETNAMESE_BROWSER)) == "en"


def test_a_user_who_never_chose_follows_the_browser(director):
    client = client_for(director)
    assert html_lang(client.get(reverse("shell:home"), headers={"Accept-Language": "en"})) == "en"
    assert html_lang(client.get(reverse("shell:home"), headers=VIETNAMESE_BROWSER)) == "vi"


def test_switching_back_to_vietnamese_is_stored_too(director):
    User.objects.filter(pk=director.pk).update(language="en")
    client = client_for(director)
    client.post(reverse("accounts:language"), {"language": "vi"})
    director.refresh_from_db()
    assert director.language == "vi"
    assert html_lang(client.get(reverse("shell:home"))) == "vi"


def test_an_unknown_language_is_ignored_not_stored(director):
    response = client_for(director).post(reverse("accounts:language"), {"language": "xx"})
    assert response.status_code == 302
    director.refresh_from_db()
    assert not director.language


def test_a_visitor_who_is_not_signed_in_can_switch_for_the_browser_only(client):
    response = client.post(reverse("accounts:language"), {"language": "en", "next": reverse("accounts:login")})
    assert response.status_code == 302
    assert html_lang(client.get(reverse("accounts:login"))) == "en"


def test_the_switcher_only_takes_a_post(director):
    assert client_for(director).get(reverse("accounts:language")).status_code == 405
