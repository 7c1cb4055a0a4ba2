"""50 staff of the bench facility at work (`make bench` runs it headless, bounded in time).

Each simulated user signs in with a bench account of its own (bench-staff-01 … 50, the right
password, so the lockout never trips) and then, with a few seconds between actions: searches
(name without diacritics, record number, citizen ID number, as the list's live search sends it),
opens a resident's page, looks at the home page, and now and then registers a person, admits
them, ticks their reception checklist and moves them to the next stage.
The harness passes the ids and search terms in the JSON file named by BENCH_INFO.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from datetime import date

from locust import HttpUser, between, task

INFO = json.loads(open(os.environ["BENCH_INFO"], encoding="utf-8").read())  # noqa: SIM115
_NUMBERS = itertools.count(1)
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_TICK = re.compile(r"/residents/\d+/checklist/(\d+)/")
_VERSION = re.compile(r'name="version" value="(\d+)"')
_RESIDENT_URL = re.compile(r"/residents/(\d+)/$")


class Staff(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.number = next(_NUMBERS)
        self.rng = random.Random(self.number)
        # A new connection per request: gunicorn closes an idle keep-alive connection after 2 s, and
        # a client reusing it in that instant gets a reset a browser would retry on its own.
        self.client.headers["Connection"] = "close"
        self.intakes = 0
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = _CSRF.search(page.text)
        username = f"bench-staff-{(self.number - 1) % INFO['staff_users'] + 1:02d}"
        with self.client.post(
            "/accounts/login/",
            data={
                "username": username,
                "password": INFO["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            allow_redirects=False,
            catch_response=True,
            name="/accounts/login/",
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in failed: {response.status_code}")

    def _csrf(self) -> str:
        return self.client.cookies.get("csrftoken") or ""

    @task(10)
    def search(self) -> None:
        kind = self.rng.choices(["name", "record_number", "citizen_id"], weights=[6, 2, 2])[0]
        query = self.rng.choice(INFO["load_search"][kind])
        self.client.get("/residents/", params={"q": query}, headers={"HX-Request": "true"}, name=f"search ({kind})")

    @task(6)
    def open_resident(self) -> None:
        resident = self.rng.choice(INFO["load_residents"])
        self.client.get(f"/residents/{resident}/", name="resident page")

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(1)
    def register_admit_and_move_stage(self) -> None:
        self.intakes += 1
        serial = self.number * 10_000 + self.intakes
        today = date.today().strftime("%d/%m/%Y")
        self.client.get("/residents/register/", name="register (form)")
        headers = {"X-CSRFToken": self._csrf(), "Referer": self.client.base_url + "/residents/register/"}
        with self.client.post(
            "/residents/register/",
            data={
                "full_name": f"Nguyễn Văn Thử {serial}",
                "date_of_birth": "17/05/1990",
                "sex": "male",
                "citizen_id": f"010090{serial:06d}",
                "permanent_province": "Lào Cai",
                "permanent_commune": "Phường Cam Đường",
                "confirm_different_person": "on",
                "contacts-TOTAL_FORMS": "1",
                "contacts-INITIAL_FORMS": "0",
                "contacts-0-relation": "Mẹ",
                "contacts-0-full_name": "Trần Thị Lan",
                "contacts-0-phone": "0912345678",
            },
            headers=headers,
            allow_redirects=False,
            catch_response=True,
            name="register",
        ) as response:
            found = _RESIDENT_URL.search(response.headers.get("Location", ""))
            if response.status_code != 302 or not found:
                response.failure(f"register: {response.status_code}")
                return
        resident = found.group(1)
        base = f"/residents/{resident}"
        self.client.get(f"{base}/admit/", name="admit (form)")
        with self.client.post(
            f"{base}/admit/",
            data={
                "basis": "compulsory",
                "admitted_on": today,
                "decision_number": f"{serial % 350 + 1}/2026/QĐ-TA",
                "decision_on": today,
                "decided_by": "Tòa án nhân dân khu vực 1",
                "term_months": "24",
                "credited_days": "0",
                "prior_compulsory_outside": "0",
                "zone": str(INFO["intake_zone"]),
                "room": str(self.rng.choice(INFO["intake_rooms"])),
            },
            headers=headers,
            allow_redirects=False,
            catch_response=True,
            name="admit",
        ) as response:
            if response.status_code != 302:
                response.failure(f"admit: {response.status_code}")
                return
        page = self.client.get(f"{base}/", name="resident page")
        for item in dict.fromkeys(_TICK.findall(page.text)):
            self.client.post(
                f"{base}/checklist/{item}/",
                data={"done": "1"},
                headers={**headers, "HX-Request": "true"},
                name="checklist tick",
            )
        page = self.client.get(f"{base}/", name="resident page")
        version = _VERSION.search(page.text)
        with self.client.post(
            f"{base}/stage/",
            data={
                "to_stage": "detox",
                "changed_on": today,
                "note": "",
                "version": version.group(1) if version else "1",
            },
            headers=headers,
            allow_redirects=False,
            catch_response=True,
            name="move stage",
        ) as response:
            if response.status_code != 302:
                response.failure(f"move stage: {response.status_code}")
