"""config/settings.py reads everything from the environment; a value it cannot read stops the
start instead of quietly meaning something else. Each start runs the settings file afresh with
only the given variables (an empty value also hides the same variable in a local .env)."""

import os
import runpy
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool

SETTINGS = Path(__file__).resolve().parents[1] / "config" / "settings.py"
A_SECRET_KEY = "k8Jd2-vLq9Xw4Zr7Tn1Bm6Yc3Hf5Gp0Ss8Ue2Aa7Wn4Rt9Ko1Lx6Vb3Qz5Ym0Dj-"


def start(**env: str) -> dict[str, Any]:
    with mock.patch.dict(os.environ, env, clear=True):
        return runpy.run_path(str(SETTINGS))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        (" Yes ", True),
        ("ON", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("off", False),
        ("Off\n", False),
    ],
)
def test_a_yes_no_variable_reads_the_usual_words(monkeypatch, value, expected):
    monkeypatch.setenv("HOANHAP_FLAG", value)
    assert env_bool("HOANHAP_FLAG") is expected


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_yes_no_variable_counts_as_unset(monkeypatch, value):
    monkeypatch.setenv("HOANHAP_FLAG", value)
    assert env_bool("HOANHAP_FLAG", True) is True
    assert env_bool("HOANHAP_FLAG", False) is False


def test_an_unset_yes_no_variable_takes_its_default(monkeypatch):
    monkeypatch.delenv("HOANHAP_FLAG", raising=False)
    assert env_bool("HOANHAP_FLAG", True) is True


@pytest.mark.parametrize("value", ["ture", "y", "2", "enabled"])
def test_a_misspelt_yes_no_variable_is_refused_with_its_name_and_the_accepted_words(monkeypatch, value):
    monkeypatch.setenv("HOANHAP_FLAG", value)
    with pytest.raises(ImproperlyConfigured) as refusal:
        env_bool("HOANHAP_FLAG")
    assert "HOANHAP_FLAG" in str(refusal.value)
    assert "1, true, yes, on, 0, false, no, off" in str(refusal.value)


def test_the_app_refuses_to_start_with_a_misspelt_setting():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECURE_HTTPS='ture'"):
        start(DJANGO_SECRET_KEY=A_SECRET_KEY, DJANGO_DEBUG="false", DJANGO_SECURE_HTTPS="ture")


def test_off_turns_a_setting_off():
    settings = start(DJANGO_SECRET_KEY=A_SECRET_KEY, DJANGO_DEBUG="off", DJANGO_SECURE_HTTPS="off")
    assert settings["DEBUG"] is False
    assert settings["SESSION_COOKIE_SECURE"] is False


def test_the_app_starts_with_a_secret_key_and_debug_off():
    settings = start(DJANGO_SECRET_KEY=A_SECRET_KEY, DJANGO_DEBUG="")
    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY"] == A_SECRET_KEY


def test_the_app_refuses_to_start_without_a_secret_key_when_debug_is_off():
    with pytest.raises(ImproperlyConfigured, match=r"DJANGO_SECRET_KEY must be set.*`make run` writes one to \.env"):
        start(DJANGO_SECRET_KEY="", DJANGO_DEBUG="false")


def test_the_app_starts_without_a_secret_key_when_debug_is_on():
    settings = start(DJANGO_SECRET_KEY="", DJANGO_DEBUG="true")
    assert settings["DEBUG"] is True
    assert settings["SECRET_KEY"].startswith("insecure-development-key")
