"""A real server for browser tests: gunicorn on a free loopback port, on its own fresh database
(a SQLite file, or a PostgreSQL database beside the test one when the suite runs on PostgreSQL),
migrated and seeded with the demo data, exactly as `make run` serves it."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import dj_database_url
import pytest
from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fresh_database(tmp: Path) -> tuple[str, Callable[[], None]]:
    """A database URL for the server and a function that removes the database afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp / 'browser.sqlite3'}", lambda: None
    import psycopg

    config = dj_database_url.parse(url)
    name = f"hoanhap_browser_{uuid.uuid4().hex[:8]}"
    admin = f"host={config['HOST']} port={config['PORT']} user={config['USER']} dbname={config['NAME']}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.rsplit("/", 1)[0] + f"/{name}", drop


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run 'make system-deps' (make test does).")
    tmp = tmp_path_factory.mktemp("live")
    database_url, drop_database = _fresh_database(tmp)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_MANIFEST_STATIC": "false",
        "WHITENOISE_USE_FINDERS": "true",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "MEDIA_ROOT": str(tmp / "media"),
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [python, "manage.py", "seed_demo", "--residents", "40"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base_url}/accounts/login/", timeout=1)  # noqa: S310 (loopback)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(server.stderr.read().decode() if server.stderr else "server died") from None
                time.sleep(0.1)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)
        drop_database()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_app):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_app, locale="vi-VN", viewport={"width": 1024, "height": 768})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def tablet(browser, live_app):  # type: ignore[no-untyped-def]
    """A page on a tablet held upright (800×1280), in English, on the demo server."""
    context = browser.new_context(base_url=live_app, locale="en-GB", viewport={"width": 800, "height": 1280})
    context.set_extra_http_headers({"Accept-Language": "en"})
    page = context.new_page()
    yield page
    context.close()
