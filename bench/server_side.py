"""Measurements inside the server process: selectors, services and views called with a real
database (`python -m bench.server_side`, DATABASE_URL naming the run copy of the bench data).

Each figure is taken beside its floor in the same run: the same SQL replayed through
`connection.cursor()` for reads, the bare view through the same middleware for pages.
Writes (intake) commit for real; a roster import is rolled back after each run so the data stays
the same for the next one.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from random import Random
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from hoanhap.accounts.models import User  # noqa: E402
from hoanhap.core.models import Facility, Room, Zone  # noqa: E402
from hoanhap.demo import ids, names  # noqa: E402
from hoanhap.residents import selectors, services  # noqa: E402
from hoanhap.residents.io import checks, imports, sheet  # noqa: E402
from hoanhap.residents.models import Episode, Resident, TimelineEvent  # noqa: E402
from hoanhap.residents.selectors import PAGE_SIZE  # noqa: E402
from hoanhap.shell import dashboard  # noqa: E402

from . import data  # noqa: E402
from .stats import summarise_ms, time_calls  # noqa: E402

SEARCH_SAMPLE = 20


class _Rollback(Exception):
    pass


class QueryRecorder:
    """Every SQL statement the default connection runs inside the block, with its parameters
    (an execute wrapper: it also sees the queries of a request made through the test client)."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, Any]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
            self.queries.append((sql, params))
        return execute(sql, params, many, context)

    def __enter__(self) -> QueryRecorder:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._wrapper.__exit__(*exc)


def _replay(queries: list[tuple[str, Any]]) -> None:
    """The same statements with the same parameters, straight through the database cursor."""
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            cursor.fetchall()


def _captured(call: Any) -> list[tuple[str, Any]]:
    with QueryRecorder() as recorder:
        call()
    return recorder.queries


# --- Search -------------------------------------------------------------------------------------


def search_cases(user: User) -> dict[str, list[str]]:
    """Twenty national residents spread over the set: their folded name (typed without diacritics),
    their citizen ID number and their record number."""
    national = Resident.objects.filter(facility__code__startswith="bench-national-")
    total = national.count()
    step = max(1, total // SEARCH_SAMPLE)
    first = national.order_by("id").values_list("id", flat=True).first() or 0
    sample = list(
        national.filter(id__in=[first + i * step for i in range(SEARCH_SAMPLE)]).values(
            "full_name", "citizen_id", "record_number"
        )
    )
    from hoanhap.core.text import fold

    return {
        "name": [fold(person["full_name"]) for person in sample],
        "citizen_id": [person["citizen_id"] for person in sample],
        "record_number": [person["record_number"] for person in sample],
        # The sequence alone, as a clerk reads it off a folder: "0269" finds HV-2026-0269.
        "record_last_digits": [person["record_number"].rsplit("-", 1)[-1] for person in sample],
        # Nothing typed: everyone in Vietnamese alphabetical order, and the other sorts of the list.
        "sorted_list": ["", "?sort=-name", "?sort=record", "?q=nguyen&sort=-name"],
    }


def first_page(user: User, query: str) -> tuple[int, list[Resident]]:
    """What the list view does for the page it shows first: the first page with its open episodes,
    and whether more follow (the number of results when they fit on the page, else PAGE_SIZE + 1:
    "more"); the count of a longer list comes in a second request, after the page is shown."""
    filters = selectors.ResidentFilters(query=query)
    if query.startswith("?"):  # a list's query string: the search and a sort
        params = QueryDict(query[1:])
        filters = selectors.ResidentFilters(query=params.get("q", ""), sort=params.get("sort", ""))
    page = selectors.search_page(user, filters, counted=False)
    count = page.paginator.count
    return (PAGE_SIZE + 1 if count is None else count), list(page.object_list)


def measure_search(user: User, cases: dict[str, list[str]], rounds: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, queries in cases.items():
        orm: list[float] = []
        raw: list[float] = []
        sql_by_query = {query: _captured(partial(first_page, user, query)) for query in queries}
        matches = [first_page(user, query)[0] for query in queries]
        for _ in range(rounds):
            for query in queries:
                orm.extend(time_calls(partial(first_page, user, query), runs=1, warmup=0))
                raw.extend(time_calls(partial(_replay, sql_by_query[query]), runs=1, warmup=0))
        out[kind] = {
            "orm": summarise_ms(orm),
            "raw_sql": summarise_ms(raw),
            "queries": len(next(iter(sql_by_query.values()))),
            "matches_median": sorted(matches)[len(matches) // 2],
            "example_sql": [sql for sql, _params in next(iter(sql_by_query.values()))],
        }
    return out


def explain_search(user: User, cases: dict[str, list[str]]) -> dict[str, str]:
    """The query plans of the first page's SQL, one query of each kind (PostgreSQL: ANALYZE)."""
    plans = {}
    for kind, queries in cases.items():
        lines = []
        for sql, params in _captured(lambda q=queries[0]: first_page(user, q)):
            prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql, params)
                rows = cursor.fetchall()
            lines.append(f"{sql}  -- {params}")
            lines.extend("    " + " ".join(str(cell) for cell in row) for row in rows)
        plans[kind] = "\n".join(lines)
    return plans


# --- Intake through the services ----------------------------------------------------------------


def measure_intake(count: int) -> dict[str, Any]:
    """Register and admit `count` people through the services (resident, contact, episode, its
    reception checklist, the journal and the audit entries), each call its own committed transaction."""
    actor = User.objects.get(username=data.INTAKE_USER)
    facility = Facility.objects.get(code=data.INTAKE_FACILITY)
    zone = Zone.objects.get(facility=facility, kind=Zone.Kind.GENERAL)
    room = Room.objects.filter(zone=zone).order_by("id").first()
    assert room is not None
    rng = Random(data.SEED + 2)
    issuer = ids.CitizenIdIssuer(rng)
    today = timezone.localdate()
    taken = Resident.objects.filter(facility=facility).count()
    people = []
    for n in range(count):
        born = date(1975, 1, 1) + timedelta(days=rng.randrange(25 * 365))
        people.append(
            {
                "full_name": names.full_name(rng, sex="male"),
                "date_of_birth": born,
                "sex": "male",
                "citizen_id": issuer.issue(province_code="010", date_of_birth=born, sex="male"),
                "record_number": f"BENCH-{taken + n + 1:07d}",
                "permanent_province": "Lào Cai",
            }
        )
    contact = services.ContactData(relation="Mẹ", full_name="Trần Thị Lan", phone="0912345678")
    register_times, admit_times = [], []
    started = time.perf_counter()
    for identity in people:
        mark = time.perf_counter()
        resident = services.register_resident(
            actor=actor, facility=facility, identity=identity, contacts=[contact], confirmed_different_person=True
        )
        register_times.append(time.perf_counter() - mark)
        mark = time.perf_counter()
        services.admit_resident(
            actor=actor,
            resident=resident,
            compulsory=True,
            admitted_on=today,
            term_months=24,
            zone=zone,
            room=room,
            decision_number="01/2026/QĐ-TA",
            decision_on=today,
            decided_by="Tòa án nhân dân khu vực 1",
        )
        admit_times.append(time.perf_counter() - mark)
    elapsed = time.perf_counter() - started
    # How many queries one intake takes, measured on one more person.
    return {
        "count": count,
        "per_second": round(count / elapsed, 1),
        "register": summarise_ms(register_times),
        "admit": summarise_ms(admit_times),
    }


# --- Roster import --------------------------------------------------------------------------------

ROSTER_HEADERS = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Số CCCD",
    "Số hồ sơ",
    "Địa chỉ thường trú",
    "Ngày vào cơ sở",
    "Hình thức cai nghiện",
    "Thời hạn (tháng)",
    "Số quyết định",
    "Ngày quyết định",
    "Giai đoạn",
)


def roster_file(path: Path, rows: int) -> Path:
    """A centre's roster as Excel writes it: real dates, Vietnamese headers, a title row."""
    import openpyxl

    if path.exists():
        return path
    rng = Random(data.SEED + 3)
    issuer = ids.CitizenIdIssuer(rng)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["DANH SÁCH HỌC VIÊN ĐANG CAI NGHIỆN"])
    sheet.append(list(ROSTER_HEADERS))
    stages = ["Tiếp nhận, phân loại", "Cắt cơn, giải độc", "Giáo dục", "Giai đoạn 4"]
    for n in range(1, rows + 1):
        born = datetime(1975, 1, 1) + timedelta(days=rng.randrange(25 * 365))
        admitted = datetime(2026, 7, 1) + timedelta(days=rng.randrange(140))
        sex = "female" if rng.random() < 0.08 else "male"
        sheet.append(
            [
                n,
                names.full_name(rng, sex=sex),
                born,
                "Nữ" if sex == "female" else "Nam",
                "Kinh",
                issuer.issue(province_code="010", date_of_birth=born.date(), sex=sex),
                f"LC-{n:05d}",
                "Tổ 5, phường Cốc Lếu",
                admitted,
                "Bắt buộc",
                24,
                f"{n % 350 + 1}/2026/QĐ-TA",
                admitted - timedelta(days=3),
                stages[n % len(stages)],
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def measure_import(path: Path, rows: int, repeats: int) -> dict[str, Any]:
    actor = User.objects.get(username=data.INTAKE_USER)
    facility = Facility.objects.get(code=data.INTAKE_FACILITY)
    mapping = sheet.suggest_mapping(sheet.read_header(path).columns)
    # A clerk accepts the warnings on the preview (two generated people may share a name and a birth date).
    check = checks.check_roster(path=path, mapping=mapping, facility=facility)
    accepted = frozenset(warning.key for warning in check.warnings)
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                result = imports.import_roster(
                    actor=actor, facility=facility, path=path, mapping=mapping, file_name=path.name, accepted=accepted
                )
                assert result.count == rows, result
                seconds.append(time.perf_counter() - started)
                raise _Rollback
        except _Rollback:
            pass
    seconds.sort()
    median = seconds[len(seconds) // 2]
    return {"rows": rows, "seconds": [round(s, 2) for s in seconds], "rows_per_second": round(rows / median)}


# --- Grading sheet --------------------------------------------------------------------------------


def measure_grading(count: int, repeats: int) -> dict[str, Any]:
    """Save a grading sheet of `count` residents for last month (`record_conduct_grades`: every
    grade new, then every grade corrected), rolled back after each run like the import."""
    from hoanhap.residents.services.grading import record_conduct_grades

    # The bench facility holds the residents admitted months ago; its staff manage residents there.
    actor = User.objects.get(username=data.staff_username(1))
    facility = Facility.objects.get(code=data.BENCH_FACILITY)
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    episode_ids = list(
        Episode.objects.filter(facility=facility, status=Episode.Status.ACTIVE, admitted_on__lte=month)
        .order_by("id")
        .values_list("id", flat=True)[:count]
    )
    created: list[float] = []
    corrected: list[float] = []
    for _ in range(repeats):
        try:
            with transaction.atomic():
                for grade, times in (("good", created), ("excellent", corrected)):
                    started = time.perf_counter()
                    saved = record_conduct_grades(
                        actor=actor, facility_id=facility.pk, month=month, grades=dict.fromkeys(episode_ids, grade)
                    )
                    times.append(time.perf_counter() - started)
                    assert saved == len(episode_ids), saved
                raise _Rollback
        except _Rollback:
            pass
    return {"residents": len(episode_ids), "new_grades": summarise_ms(created), "corrected": summarise_ms(corrected)}


# --- Pages ----------------------------------------------------------------------------------------


def _client(username: str) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=username))
    return client


def measure_page(client: Client, url: str, runs: int) -> tuple[dict[str, Any], int]:
    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    # Counted on a warm request: the process's first one also looks up what it then caches (the
    # audit entry's content type), which made the first page measured read one query more.
    get()
    with QueryRecorder() as recorder:
        get()
    return summarise_ms(time_calls(get, runs=runs)), len(recorder.queries)


def measure_resident_page(long_history: int, runs: int) -> dict[str, Any]:
    client = _client(data.staff_username(1))
    short = (
        Resident.objects.filter(facility__code=data.BENCH_FACILITY, episodes__status="active")
        .exclude(pk=long_history)
        .order_by("id")
        .first()
    )
    assert short is not None
    page, queries = measure_page(client, f"/residents/{long_history}/", runs)
    _short_page, short_queries = measure_page(client, f"/residents/{short.pk}/", 3)
    bare, bare_queries = measure_page(client, "/bench/bare/", runs)
    journal = TimelineEvent.objects.filter(resident_id=long_history)
    first_day = journal.order_by("occurred_on").values_list("occurred_on", flat=True).first()
    return {
        "page": page,
        "queries": queries,
        "queries_short_history": short_queries,
        "bare": bare,
        "bare_queries": bare_queries,
        "journal_rows": journal.count(),
        "journal_from": first_day.isoformat() if first_day else None,
        "episodes": Episode.objects.filter(resident_id=long_history).count(),
    }


def measure_overview(runs: int) -> dict[str, Any]:
    director = User.objects.get(username=data.DIRECTOR_USER)
    facility_ids = frozenset(director.memberships.values_list("facility_id", flat=True))
    today = timezone.localdate()
    census = time_calls(lambda: selectors.census(facility_ids, today), runs=runs)
    census_sql = _captured(lambda: selectors.census(facility_ids, today))
    raw = time_calls(lambda: _replay(census_sql), runs=runs)
    # The home page as the director sees it.
    director_user = User.objects.get(username=data.DIRECTOR_USER)
    for_user = time_calls(lambda: dashboard.cards_for(User.objects.get(pk=director_user.pk)), runs=runs)
    page, queries = measure_page(_client(data.DIRECTOR_USER), "/", runs)
    return {
        "census": summarise_ms(census),
        "census_raw_sql": summarise_ms(raw),
        "for_user": summarise_ms(for_user),
        "home_page": page,
        "home_queries": queries,
        "episodes": Episode.objects.filter(facility_id__in=facility_ids).count(),
        "open_episodes": Episode.objects.filter(facility_id__in=facility_ids).exclude(status="closed").count(),
    }


def load_info(cases: dict[str, list[str]], long_history: int) -> dict[str, Any]:
    """What the HTTP measurements and the load test need: accounts, ids and search terms."""
    from hoanhap.core.text import fold

    bench = Resident.objects.filter(facility__code=data.BENCH_FACILITY).order_by("id")
    people = list(bench.values("id", "full_name", "record_number", "citizen_id")[:: max(1, bench.count() // 200)])
    intake = Facility.objects.get(code=data.INTAKE_FACILITY)
    zone = Zone.objects.get(facility=intake, kind=Zone.Kind.GENERAL)
    return {
        "password": data.BENCH_PASSWORD,
        "staff_users": data.STAFF_USERS,
        "staff_user": data.staff_username(1),
        "national_user": data.NATIONAL_USER,
        "director_user": data.DIRECTOR_USER,
        "long_history_resident": long_history,
        "http_search": {kind: queries[0] for kind, queries in cases.items()},
        "load_residents": [person["id"] for person in people],
        "load_search": {
            "name": [fold(person["full_name"]) for person in people],
            "record_number": [person["record_number"] for person in people],
            "citizen_id": [person["citizen_id"] for person in people if person["citizen_id"]],
        },
        "intake_zone": zone.pk,
        "intake_rooms": list(Room.objects.filter(zone=zone).values_list("id", flat=True)),
    }


SERVER_PARTS = (
    "search",
    "resident_page",
    "overview",
    "intake",
    "import",
    "grading_sheet",
    "daily_life",
    "plans",
    "workflows",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--long-history", type=int, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--info", type=Path, required=True)
    parser.add_argument("--only", default=",".join(SERVER_PARTS), help="comma-separated parts to measure")
    args = parser.parse_args()
    only = {part.strip() for part in args.only.split(",") if part.strip()}
    rounds = 1 if args.quick else 3
    runs = 10 if args.quick else 50
    result: dict[str, Any] = {"vendor": connection.vendor}
    national_user = User.objects.get(username=data.NATIONAL_USER)
    cases = search_cases(national_user)
    args.info.write_text(json.dumps(load_info(cases, args.long_history), indent=2, ensure_ascii=False))
    if "search" in only:
        print("  search …", flush=True)
        result["search"] = measure_search(national_user, cases, rounds)
        result["search_plans"] = explain_search(national_user, cases)
    if "resident_page" in only:
        print("  resident page …", flush=True)
        result["resident_page"] = measure_resident_page(args.long_history, runs)
    if "overview" in only:
        print("  director overview …", flush=True)
        result["overview"] = measure_overview(runs)
    if "intake" in only:
        print("  intake …", flush=True)
        result["intake"] = measure_intake(50 if args.quick else 300)
    if "import" in only:
        print("  roster import …", flush=True)
        rows = 1000 if args.quick else 5000
        path = roster_file(data.DATA_DIR / f"roster-{rows}.xlsx", rows)
        result["import"] = measure_import(path, rows, 1 if args.quick else 3)
    if "grading_sheet" in only:
        print("  grading sheet …", flush=True)
        result["grading_sheet"] = measure_grading(400, 1 if args.quick else 5)
    if "daily_life" in only:
        from .daily_life import measure_all

        result["daily_life"] = measure_all(args.quick)
    if "plans" in only:
        from .plans import measure_all as measure_plans

        result["plans"] = measure_plans(args.quick)
    if "workflows" in only:
        from .workflows import measure_all as measure_workflows

        result["workflows"] = measure_workflows(args.quick)
    result["info"] = {"search_cases": {kind: queries[:3] for kind, queries in cases.items()}}
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
