"""Two-factor sign-in (TOTP): required for administrators, asked of everyone who turned it on."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoanhap.testing import PASSWORD, client_for, make_totp_device, totp_code, verified_client_for, vietnamese

pytestmark = pytest.mark.django_db

WRONG_CODE_MESSAGE = vietnamese("The code is wrong or has expired.")
TOO_MANY_MESSAGE = "Too many wrong codes. Try again in 15 minutes."


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(totp_code(device)) + 1) % 10**6:06d}"


def lockout_passes(device: TOTPDevice, lockout: timedelta) -> None:
    """The last failure moves back by the lockout, as if that time had passed."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=F("throttling_failure_timestamp") - lockout - timedelta(seconds=1)
    )


def sign_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_system_administrator_is_sent_to_set_up_two_factor_before_anything_else(system_admin):
    client = sign_in("admin")
    for path in (reverse("shell:home"), reverse("admin:index"), reverse("accounts:api-tokens")):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two-factor-setup"))


def test_a_system_administrator_without_two_factor_gets_a_403_from_the_api(system_admin):
    response = sign_in("admin").get("/api/me")
    assert response.status_code == 403


def test_a_system_administrator_who_confirms_a_code_can_then_use_the_site(system_admin):
    client = sign_in("admin")
    page = client.get(reverse("accounts:two-factor-setup"), {"next": reverse("admin:index")})
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=system_admin, confirmed=False)
    assert page.context["secret"]

    response = client.post(
        reverse("accounts:two-factor-setup"), {"token": totp_code(device), "next": reverse("admin:index")}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("shell:home")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_at_setup_is_refused_beside_the_field(system_admin):
    client = sign_in("admin")
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=system_admin)

    response = client.post(reverse("accounts:two-factor-setup"), {"token": wrong_code(device)})

    assert response.status_code == 200
    assert response.context["form"].errors["token"] == [WRONG_CODE_MESSAGE]
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("shell:home")).status_code == 302


def test_reloading_the_setup_page_keeps_the_same_key(system_admin):
    client = sign_in("admin")
    first = client.get(reverse("accounts:two-factor-setup")).context["secret"]
    second = client.get(reverse("accounts:two-factor-setup")).context["secret"]
    assert first == second
    assert TOTPDevice.objects.filter(user=system_admin).count() == 1


def test_an_administrator_with_a_device_must_enter_a_code_at_each_sign_in(system_admin):
    device = make_totp_device(system_admin)
    client = sign_in("admin")

    response = client.get(reverse("shell:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-verify"))

    client.post(reverse("accounts:two-factor-verify"), {"token": totp_code(device)})
    assert client.get(reverse("shell:home")).status_code == 200


def test_a_user_who_turned_on_two_factor_must_verify_after_signing_in(doctor):
    device = make_totp_device(doctor)
    client = sign_in("doctor")
    assert client.get(reverse("shell:home")).status_code == 302
    assert client.get("/api/me").status_code == 403

    response = client.post(reverse("accounts:two-factor-verify"), {"token": totp_code(device), "next": "/"})

    assert response.status_code == 302
    assert client.get(reverse("shell:home")).status_code == 200
    assert client.get("/api/me").status_code == 200


def test_a_wrong_code_shows_a_message_beside_the_field(doctor):
    device = make_totp_device(doctor)
    client = sign_in("doctor")

    response = client.post(reverse("accounts:two-factor-verify"), {"token": wrong_code(device)})

    assert response.status_code == 200
    assert response.context["form"].errors["token"] == [WRONG_CODE_MESSAGE]
    assert client.get(reverse("shell:home")).status_code == 302


def test_a_code_already_used_cannot_be_used_again(doctor):
    device = make_totp_device(doctor)
    code = totp_code(device)
    first = sign_in("doctor")
    first.post(reverse("accounts:two-factor-verify"), {"token": code})

    second = sign_in("doctor")
    response = second.post(reverse("accounts:two-factor-verify"), {"token": code})

    assert response.context["form"].errors["token"] == [WRONG_CODE_MESSAGE]


def test_the_right_code_typed_straight_after_a_wrong_one_is_accepted(doctor):
    device = make_totp_device(doctor)
    client = sign_in("doctor")
    client.post(reverse("accounts:two-factor-verify"), {"token": wrong_code(device)})
    response = client.post(reverse("accounts:two-factor-verify"), {"token": totp_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("shell:home")).status_code == 200


def test_the_right_code_at_setup_straight_after_a_wrong_one_is_accepted(system_admin):
    client = sign_in("admin")
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=system_admin, confirmed=False)
    client.post(reverse("accounts:two-factor-setup"), {"token": wrong_code(device)})
    client.post(reverse("accounts:two-factor-setup"), {"token": totp_code(device)})
    assert client.get(reverse("shell:home")).status_code == 200


def test_ten_wrong_codes_in_a_row_refuse_even_the_right_one_for_fifteen_minutes(settings, doctor):
    device = make_totp_device(doctor)
    client = sign_in("doctor")
    for _ in range(settings.TWO_FACTOR_FAILURE_LIMIT):
        client.post(reverse("accounts:two-factor-verify"), {"token": wrong_code(device)})

    response = client.post(reverse("accounts:two-factor-verify"), {"token": totp_code(device)})
    assert response.context["form"].errors["token"] == [vietnamese(TOO_MANY_MESSAGE)]
    assert client.get(reverse("shell:home")).status_code == 302

    lockout_passes(device, settings.TWO_FACTOR_LOCKOUT)
    response = client.post(reverse("accounts:two-factor-verify"), {"token": totp_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("shell:home")).status_code == 200


def test_after_the_lockout_one_wrong_code_does_not_lock_again(settings, doctor):
    device = make_totp_device(doctor)
    client = sign_in("doctor")
    for _ in range(settings.TWO_FACTOR_FAILURE_LIMIT):
        client.post(reverse("accounts:two-factor-verify"), {"token": wrong_code(device)})
    lockout_passes(device, settings.TWO_FACTOR_LOCKOUT)
    response = client.post(reverse("accounts:two-factor-verify"), {"token": wrong_code(device)})
    assert response.context["form"].errors["token"] == [WRONG_CODE_MESSAGE]


@pytest.mark.parametrize("token", ["", "12345", "1234567", "abcdef", "12 456", "²²²²²²", "١٢٣٤٥٦", "12345\x00"])
def test_a_code_that_is_not_six_digits_gets_a_message_not_an_error(doctor, token):
    make_totp_device(doctor)
    client = sign_in("doctor")
    response = client.post(reverse("accounts:two-factor-verify"), {"token": token})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]


def test_a_user_who_has_not_turned_on_two_factor_is_not_asked_for_a_code(director):
    assert sign_in("director").get(reverse("shell:home")).status_code == 200


def test_a_signed_in_user_cannot_skip_the_code_by_setting_up_a_new_device(doctor):
    """Someone who knows only the password must not get past the second factor by enrolling
    an authenticator of their own."""
    make_totp_device(doctor)
    client = sign_in("doctor")

    response = client.get(reverse("accounts:two-factor-setup"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-verify"))
    assert not TOTPDevice.objects.filter(user=doctor, confirmed=False).exists()


def test_a_verified_user_may_add_another_device(doctor):
    client = verified_client_for(doctor)
    assert client.get(reverse("accounts:two-factor-setup")).status_code == 200


def test_the_code_is_asked_again_after_signing_out_and_in(doctor):
    device = make_totp_device(doctor)
    client = sign_in("doctor")
    client.post(reverse("accounts:two-factor-verify"), {"token": totp_code(device)})
    client.post(reverse("accounts:logout"))

    client = sign_in("doctor")

    assert client.get(reverse("shell:home")).status_code == 302


def test_after_the_code_the_user_is_sent_only_to_a_page_of_this_site(doctor):
    device = make_totp_device(doctor)
    client = sign_in("doctor")
    response = client.post(
        reverse("accounts:two-factor-verify"), {"token": totp_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_two_factor_pages_need_a_signed_in_user(client):
    for name in ("accounts:two-factor-verify", "accounts:two-factor-setup"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_test_client_for_an_administrator_has_passed_two_factor(system_admin):
    assert verified_client_for(system_admin).get(reverse("shell:home")).status_code == 200
    assert client_for(system_admin).get(reverse("shell:home")).status_code == 302


def test_an_htmx_request_that_owes_a_code_is_told_to_open_the_code_page(doctor):
    make_totp_device(doctor)
    response = sign_in("doctor").get(reverse("residents:list"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:two-factor-verify"))
