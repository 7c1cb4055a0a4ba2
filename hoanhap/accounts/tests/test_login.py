"""Signing in: lockout, one message for every failure, a fresh session, its timeouts, Argon2, the
password policy."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import identify_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config import settings as production_settings
from hoanhap.accounts.forms import LoginForm
from hoanhap.accounts.middleware import SESSION_LOGIN_AT, SESSION_SEEN_AT
from hoanhap.testing import PASSWORD, client_for, vietnamese

pytestmark = pytest.mark.django_db

OFFICE = "10.0.0.1"
WRONG = "not-the-password-1"


def sign_in(client: Client, username: str, password: str, address: str = OFFICE):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def is_signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def fail_times(client: Client, username: str, times: int, address: str = OFFICE) -> None:
    for _ in range(times):
        sign_in(client, username, WRONG, address)


def move_lockout_back(minutes: int) -> None:
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_a_director_signs_in_with_the_right_password(client, director):
    response = sign_in(client, "director", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("shell:home")
    assert is_signed_in(client)


def test_a_wrong_password_is_refused(client, director):
    response = sign_in(client, "director", WRONG)
    assert response.status_code == 200
    assert not is_signed_in(client)


def test_an_unknown_user_and_a_wrong_password_get_the_same_message(client, director):
    wrong_password = sign_in(client, "director", WRONG)
    unknown_user = sign_in(client, "nobody-here", WRONG)
    expected = [vietnamese(LoginForm.error_messages["invalid_login"])]
    assert wrong_password.context["form"].non_field_errors() == expected
    assert unknown_user.context["form"].non_field_errors() == expected
    assert wrong_password.status_code == unknown_user.status_code == 200


def test_five_failures_lock_the_username_and_the_right_password_is_then_refused(client, director):
    fail_times(client, "director", 4)
    fifth = sign_in(client, "director", WRONG)
    assert fifth.status_code == 429
    assert fifth.context["locked_out"] is True

    sixth = sign_in(client, "director", PASSWORD)
    assert sixth.status_code == 429
    assert not is_signed_in(client)


def test_four_failures_do_not_lock_the_username(client, director):
    fail_times(client, "director", 4)
    assert sign_in(client, "director", PASSWORD).status_code == 302


def test_the_lock_holds_for_fourteen_minutes_and_lifts_after_fifteen(client, director):
    fail_times(client, "director", 5)
    move_lockout_back(14)
    assert sign_in(client, "director", PASSWORD).status_code == 429
    move_lockout_back(2)
    assert sign_in(client, "director", PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_an_unknown_username_is_locked_like_a_real_one(client, director):
    """Otherwise the lockout itself would tell an attacker which usernames exist."""
    fail_times(client, "nobody-here", 5)
    assert sign_in(client, "nobody-here", WRONG).status_code == 429


def test_the_lock_is_per_username_so_a_colleague_at_the_same_desk_can_sign_in(client, director, doctor):
    fail_times(client, "director", 5)
    assert sign_in(Client(), "doctor", PASSWORD).status_code == 302


def test_the_lock_follows_the_username_to_another_address(client, director):
    fail_times(client, "director", 5, address="10.0.0.1")
    assert sign_in(Client(), "director", PASSWORD, address="10.0.0.99").status_code == 429


def test_a_successful_sign_in_clears_earlier_failures(client, director):
    fail_times(client, "director", 4)
    sign_in(client, "director", PASSWORD)
    fail_times(Client(), "director", 4)
    assert sign_in(Client(), "director", PASSWORD).status_code == 302


def test_too_many_failures_from_one_address_refuse_even_the_right_password(settings, director):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for n in range(3):
        sign_in(Client(), f"guess-{n}", WRONG, address="10.9.9.9")

    response = sign_in(Client(), "director", PASSWORD, address="10.9.9.9")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [vietnamese(LoginForm.error_messages["address_blocked"])]


def test_the_address_limit_leaves_other_addresses_alone(settings, director):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for n in range(3):
        sign_in(Client(), f"guess-{n}", WRONG, address="10.9.9.9")
    assert sign_in(Client(), "director", PASSWORD, address="10.8.8.8").status_code == 302


def test_failures_older_than_an_hour_no_longer_count_against_the_address(settings, director):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for n in range(3):
        sign_in(Client(), f"guess-{n}", WRONG, address="10.9.9.9")
    AccessFailureLog.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=61))
    assert sign_in(Client(), "director", PASSWORD, address="10.9.9.9").status_code == 302


def test_the_address_limit_is_set_well_above_the_username_limit():
    # A whole office signs in from one address: a few typos must not lock everyone out.
    assert settings.LOGIN_ADDRESS_FAILURE_LIMIT >= 4 * settings.AXES_FAILURE_LIMIT
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_signing_in_starts_a_new_session(client, director):
    """Session fixation: a session id planted before sign-in must not carry the signed-in user."""
    client.get(reverse("accounts:login"))
    session = client.session
    session["planted"] = True
    session.save()
    planted_key = session.session_key

    sign_in(client, "director", PASSWORD)

    assert client.session.session_key != planted_key
    assert not SessionStore().exists(planted_key)


def test_signing_out_ends_the_session(client, director):
    sign_in(client, "director", PASSWORD)
    client.post(reverse("accounts:logout"))
    assert not is_signed_in(client)
    assert client.get(reverse("shell:home")).status_code == 302


# --- Session timeouts: the clocks are timestamps in the session, moved back by the tests. ---


def age_session(client: Client, *, signed_in_ago: timedelta, last_seen_ago: timedelta) -> None:
    now = timezone.now().timestamp()
    session = client.session
    session[SESSION_LOGIN_AT] = now - signed_in_ago.total_seconds()
    session[SESSION_SEEN_AT] = now - last_seen_ago.total_seconds()
    session.save()


def test_a_session_idle_for_29_minutes_is_still_open(director):
    client = client_for(director)
    age_session(client, signed_in_ago=timedelta(hours=1), last_seen_ago=timedelta(minutes=29))
    assert client.get(reverse("shell:home")).status_code == 200


def test_a_session_idle_for_31_minutes_is_closed(director):
    client = client_for(director)
    age_session(client, signed_in_ago=timedelta(hours=1), last_seen_ago=timedelta(minutes=31))

    response = client.get(reverse("shell:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not is_signed_in(client)


def test_a_busy_session_is_still_closed_after_12_hours(director):
    client = client_for(director)
    age_session(client, signed_in_ago=timedelta(hours=12, minutes=1), last_seen_ago=timedelta(seconds=10))
    assert client.get(reverse("shell:home")).status_code == 302
    assert not is_signed_in(client)


def test_a_busy_session_is_open_just_before_12_hours(director):
    client = client_for(director)
    age_session(client, signed_in_ago=timedelta(hours=11, minutes=59), last_seen_ago=timedelta(seconds=10))
    assert client.get(reverse("shell:home")).status_code == 200


def test_each_visit_pushes_the_idle_clock_forward(director):
    client = client_for(director)
    age_session(client, signed_in_ago=timedelta(hours=1), last_seen_ago=timedelta(minutes=20))
    client.get(reverse("shell:home"))
    seen_ago = timezone.now().timestamp() - client.session[SESSION_SEEN_AT]
    assert seen_ago < 60


def test_an_expired_session_gets_a_401_from_the_api_not_a_redirect(director):
    client = client_for(director)
    age_session(client, signed_in_ago=timedelta(hours=1), last_seen_ago=timedelta(minutes=31))
    response = client.get("/api/me")
    assert response.status_code == 401


def test_a_session_without_its_clock_is_closed(director):
    """A signed-in session always has its clock; one without it did not come through sign-in."""
    client = client_for(director)
    session = client.session
    del session[SESSION_LOGIN_AT]
    session.save()
    assert client.get(reverse("shell:home")).status_code == 302
    assert not is_signed_in(client)


# --- Passwords ---


def test_passwords_are_hashed_with_argon2(director):
    # The suite hashes with a cheaper Argon2 (conftest.py); production's own setting:
    assert production_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    director.set_password("a-new-long-password-7")
    assert identify_hasher(director.password).algorithm == "argon2"


def test_an_older_pbkdf2_hash_is_upgraded_to_argon2_at_sign_in(client, director):
    director.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    director.save(update_fields=["password"])

    sign_in(client, "director", PASSWORD)

    director.refresh_from_db()
    assert identify_hasher(director.password).algorithm == "argon2"


@pytest.mark.parametrize(
    "password",
    [
        pytest.param("Ab1!xyz", id="too-short"),
        pytest.param("1234567890", id="only-digits"),
        pytest.param("password123", id="common"),
        pytest.param("qwertyuiop", id="common-keyboard-row"),
    ],
)
def test_the_password_policy_refuses_weak_passwords(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_the_password_policy_refuses_a_password_like_the_username(director):
    director.username = "nguyenvanhung"
    with pytest.raises(ValidationError):
        validate_password("nguyenvanhung1", user=director)


def test_the_password_policy_accepts_a_long_uncommon_password(director):
    validate_password("trai-cai-nghien-ban-mai-2026", user=director)


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("dir\x00ector", PASSWORD),
        ("director", "pass\x00word"),
        ("x" * 5000, PASSWORD),
        ("' OR 1=1 --", "' OR 1=1 --"),
        ("", ""),
        ("Nguyễn Văn Hùng", "mật khẩu sai"),
    ],
)
def test_odd_input_on_the_login_page_gives_a_message_not_an_error(client, director, username, password):
    response = sign_in(client, username, password)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not is_signed_in(client)


def test_an_overlong_browser_name_does_not_break_the_lockout(client, director):
    response = client.post(
        reverse("accounts:login"),
        {"username": "director", "password": WRONG},
        headers={"User-Agent": "Mozilla/5.0 " * 1000, "Accept": "text/html," * 500},
    )
    assert response.status_code == 200
    assert AccessAttempt.objects.get(username="director").failures_since_start == 1


# --- Changing one's password ---


def change_password(client: Client, old: str, new: str):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("accounts:password-change"), {"old_password": old, "new_password1": new, "new_password2": new}
    )


def test_a_user_changes_their_password_and_stays_signed_in(director):
    client = client_for(director)
    response = change_password(client, PASSWORD, "trai-cai-nghien-ban-mai-2026")
    assert response.status_code == 302
    director.refresh_from_db()
    assert director.check_password("trai-cai-nghien-ban-mai-2026")
    assert client.get(reverse("shell:home")).status_code == 200


@pytest.mark.parametrize("weak", ["ngan-1", "1234567890", "password123"])
def test_a_weak_new_password_is_refused_beside_the_field(director, weak):
    response = change_password(client_for(director), PASSWORD, weak)
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    director.refresh_from_db()
    assert director.check_password(PASSWORD)


def test_the_old_password_is_needed_to_change_it(director):
    response = change_password(client_for(director), "not-the-old-one-1", "trai-cai-nghien-ban-mai-2026")
    assert "old_password" in response.context["form"].errors


def test_changing_a_password_needs_a_signed_in_user(client):
    assert client.get(reverse("accounts:password-change")).status_code == 302


def test_an_htmx_request_on_an_expired_session_is_told_to_reload_the_login_page(director):
    client = client_for(director)
    age_session(client, signed_in_ago=timedelta(hours=1), last_seen_ago=timedelta(minutes=31))
    response = client.get(reverse("residents:list"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))
