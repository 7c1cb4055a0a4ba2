"""The test run's environment, set before pytest-django loads the settings (pyproject's addopts
loads this module as a plugin; a conftest.py would come too late). The settings refuse to start
without a secret key unless DEBUG is on, and the tests run with DEBUG off, as production does.
Processes the tests start (the browser tests' server, the replica probe) inherit it."""

import os

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests() -> None:
    if not os.environ.get("DJANGO_SECRET_KEY"):
        os.environ["DJANGO_SECRET_KEY"] = "tests-only-key-never-used-to-sign-anything-real-0123456789"
