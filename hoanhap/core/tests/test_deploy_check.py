"""`manage.py check --deploy` with the production settings reports nothing. Each case runs
manage.py in its own process, since settings are read from the environment at start."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LONG_SECRET = "k8Jd2-vLq9Xw4Zr7Tn1Bm6Yc3Hf5Gp0Ss8Ue2Aa7Wn4Rt9Ko1Lx6Vb3Qz5Ym0Dj-" * 2
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECURE_HTTPS": "true",
    "DJANGO_SECRET_KEY": LONG_SECRET,
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The test's own environment less any DJANGO_ setting, so that only `env` decides; a local
    # .env file never overrides what is set here.
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_deploy_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_the_deploy_check_complains_about_development_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_DEBUG="true")
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION, "DJANGO_SECRET_KEY": ""}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_an_empty_database_url_means_the_default_database():
    """The Makefile runs `DATABASE_URL= pytest` and `DATABASE_URL= manage.py makemigrations`."""
    result = manage("check", DATABASE_URL="", DJANGO_SECRET_KEY=LONG_SECRET)
    assert result.returncode == 0, result.stderr
