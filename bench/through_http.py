"""Measurements through HTTP against the production server (gunicorn, as `make run` starts it),
one request at a time, each page beside the bare view on the same server and workers."""

from __future__ import annotations

import re
import time
from typing import Any

import requests

from .stats import summarise_ms

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def signed_in(base: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=30)
    token = _CSRF.search(page.text)
    assert token, "no CSRF token on the login page"
    response = session.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code == 302, f"sign-in of {username} failed: {response.status_code}"
    return session


def timed_gets(session: requests.Session, url: str, *, runs: int, warmup: int = 5, **kwargs: Any) -> dict[str, Any]:
    for _ in range(warmup):
        session.get(url, timeout=30, **kwargs)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        response = session.get(url, timeout=30, **kwargs)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return summarise_ms(seconds)


def measure(base: str, *, info: dict[str, Any], password: str, runs: int) -> dict[str, Any]:
    staff = signed_in(base, info["staff_user"], password)
    national = signed_in(base, info["national_user"], password)
    director = signed_in(base, info["director_user"], password)
    htmx = {"HX-Request": "true"}
    out: dict[str, Any] = {"bare": timed_gets(staff, f"{base}/bench/bare/", runs=runs)}
    for kind, query in info["http_search"].items():
        out[f"search_{kind}"] = timed_gets(national, f"{base}/residents/", params={"q": query}, headers=htmx, runs=runs)
    out["resident_page"] = timed_gets(staff, f"{base}/residents/{info['long_history_resident']}/", runs=runs)
    out["home_director"] = timed_gets(director, f"{base}/", runs=runs)
    return out
