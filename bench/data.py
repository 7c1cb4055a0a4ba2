"""The benchmark data sets, built once per engine and reused while nothing they depend on changes.

Three sets live in one database per engine:

- **The province**: the demo generator (`hoanhap.demo.generate`) with ten facilities; the main one,
  "cscn-lao-cai", is *the bench facility*: its history starts at the first rule set the law module
  knows (01/01/2022 + one month, the generator's limit), so "10 years" is clamped to about 4.8; to
  reach the ≈4,000 episodes of ten years of a 400-bed centre, the main facility is sized for 960 people
  in rehab (a heavier census than a real centre). Full detail: stages, legal events, checklists,
  monthly grades, certificates, aftercare, timeline.
- **The national search set**: `national` residents (1,000,000 on PostgreSQL, 100,000 on SQLite)
  spread over 77 facilities, each with one episode (about 5 % open, 2 % transferred out, the rest
  completed). Names, citizen ID numbers and record numbers come from the demo's own tables
  (`hoanhap.demo.names`, `ids`) and `search_text` is set by `Resident.build_search_text()` itself.
  Written by the fast path below: PostgreSQL COPY (psycopg 3) or SQLite `executemany` in large
  transactions, indexes dropped during the load and rebuilt after it.
- **Bench accounts and places**: 50 resident managers of the bench facility (the load test's staff),
  a national resident manager (search over every national facility), an intake facility whose rooms
  never fill (intake and import measurements, the load test's admissions), and one resident with five
  years of journal rows (the resident page).

Same seed, same sizes, same code: same data. `fingerprint()` names that; a base database whose
stored fingerprint matches is reused.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
# The data's "today": fixed, so that the same data is built whatever day the bench runs.
BENCH_TODAY = date(2026, 11, 26)
SEED = 2026
BENCH_PASSWORD = "HoaNhap@2026"  # noqa: S105 (the published demo password)
STAFF_USERS = 50
NATIONAL_FACILITIES = 77
BENCH_FACILITY = "cscn-lao-cai"
INTAKE_FACILITY = "bench-intake"
LONG_HISTORY_YEARS = 5


@dataclass(frozen=True)
class Sizes:
    national: int
    facility_residents: int
    facilities: int

    @classmethod
    def for_engine(cls, engine: str, *, quick: bool = False) -> Sizes:
        if quick:
            return cls(national=20_000 if engine == "postgres" else 10_000, facility_residents=100, facilities=3)
        return cls(national=1_000_000 if engine == "postgres" else 100_000, facility_residents=960, facilities=10)


def _source_digest() -> str:
    """What the data depends on: this module, the demo generator and the migrations."""
    digest = hashlib.sha256()
    files = [BENCH_DIR / "data.py", *sorted((ROOT / "hoanhap" / "demo").glob("*.py"))]
    files += sorted(ROOT.glob("hoanhap/*/migrations/0*.py"))
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(engine: str, sizes: Sizes) -> dict[str, Any]:
    return {"engine": engine, "seed": SEED, "today": BENCH_TODAY.isoformat(), **asdict(sizes), "code": _source_digest()}


# --- The fast path: rows as plain tuples, written by COPY or executemany ------------------------


class BulkWriter:
    """Writes rows of a model straight into its table, ids given by the caller."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.vendor = connection.vendor

    def columns(self, model: Any) -> list[str]:
        return [field.column for field in model._meta.concrete_fields]

    def write(self, model: Any, columns: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        table = model._meta.db_table
        if self.vendor == "postgresql":
            buffer = io.StringIO()
            for row in rows:
                buffer.write("\t".join(_copy_text(value) for value in row))
                buffer.write("\n")
            # Django's cursor wraps psycopg 3's; COPY ... FROM STDIN is psycopg's `copy()`.
            with (
                self.connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                copy.write(buffer.getvalue())
        else:
            marks = ", ".join(["%s"] * len(columns))
            with self.connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608 (our own names)
                    [tuple(_sqlite_value(value) for value in row) for row in rows],
                )


def _copy_text(value: Any) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _next_id(model: Any) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1


# --- The national search set ------------------------------------------------------------------

# A benchmark of search needs the spread of names a country has, not one province's: mostly Kinh.
NATIONAL_ETHNICITIES = (("Kinh", 86), ("Tày", 2), ("Thái", 2), ("Mông", 4), ("Dao", 2), ("Nùng", 2), ("Giáy", 2))


def national_facilities() -> list[Any]:
    from hoanhap.core.models import Facility, SupervisingAuthority
    from hoanhap.demo import names

    authority = SupervisingAuthority.objects.create(name="Bộ Công an (benchmark)", province="Hà Nội")
    rows = []
    for number in range(1, NATIONAL_FACILITIES + 1):
        province = names.PROVINCES[(number - 1) % len(names.PROVINCES)]
        rows.append(
            Facility(
                code=f"bench-national-{number:02d}",
                name=f"Cơ sở cai nghiện ma túy số {number} {province.label}",
                short_name=f"Cơ sở QG {number}",
                province=province.name,
                supervising_authority=authority,
                capacity=1000,
            )
        )
    return Facility.objects.bulk_create(rows)


def _national_people(rng: Random, count: int, facility_ids: list[int], first_id: int) -> Iterator[dict[str, Any]]:
    from hoanhap.demo import ids, names
    from hoanhap.residents.models import Resident

    ethnicities = names.Weighted([(name, float(weight)) for name, weight in NATIONAL_ETHNICITIES])
    citizen_ids = ids.CitizenIdIssuer(Random(rng.getrandbits(64)))
    sequences: dict[tuple[int, int], int] = {}
    birthplaces = sorted(names.FORMER_PROVINCES.values(), key=lambda former: former.code)
    probe = Resident()
    for n in range(count):
        sex = "female" if rng.random() < 0.08 else "male"
        ethnicity = ethnicities.pick(rng)
        full_name = names.full_name(rng, sex=sex, ethnicity=ethnicity)
        other_names = names.nickname(rng, full_name) if rng.random() < 0.15 else ""
        facility_id = facility_ids[n % len(facility_ids)]
        # Registered over twenty years; born 18 to 60 years before.
        registered = BENCH_TODAY - timedelta(days=rng.randrange(20 * 365))
        born = registered - timedelta(days=rng.randrange(18 * 365, 60 * 365))
        sequences[(facility_id, registered.year)] = sequence = sequences.get((facility_id, registered.year), 0) + 1
        record_number = ids.record_number(registered.year, sequence)
        # Born anywhere in the country: the 63 former provinces' codes in ID numbers.
        birthplace = birthplaces[rng.randrange(len(birthplaces))]
        citizen_id = citizen_ids.issue(province_code=birthplace.code, date_of_birth=born, sex=sex)
        probe.full_name, probe.other_names, probe.record_number = full_name, other_names, record_number
        yield {
            "id": first_id + n,
            "facility_id": facility_id,
            "record_number": record_number,
            "full_name": full_name,
            "other_names": other_names,
            "search_text": probe.build_search_text(),
            "date_of_birth": born,
            "sex": sex,
            "ethnicity": ethnicity,
            "citizen_id": citizen_id,
            "registered": registered,
            "roll": rng.random(),
            "stage": rng.choice(["reception", "detox", "rehabilitation", "labour_therapy", "reintegration"]),
            "term": rng.choice([12, 18, 24]),
        }


def build_national(connection: Any, count: int, *, batch: int = 50_000) -> int:
    from hoanhap.residents.models import Episode, Resident

    facilities = national_facilities()
    facility_ids = [facility.pk for facility in facilities]
    writer = BulkWriter(connection)
    now = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    resident_columns = writer.columns(Resident)
    episode_columns = writer.columns(Episode)
    first_resident, first_episode = _next_id(Resident), _next_id(Episode)
    rng = Random(SEED + 1)
    people = _national_people(rng, count, facility_ids, first_resident)
    written = 0
    while True:
        chunk = [person for _, person in zip(range(batch), people, strict=False)]
        if not chunk:
            break
        residents, episodes = [], []
        for person in chunk:
            values = dict.fromkeys(resident_columns)
            values.update(
                {
                    key: person[key]
                    for key in (
                        "id",
                        "facility_id",
                        "record_number",
                        "full_name",
                        "other_names",
                        "search_text",
                        "date_of_birth",
                        "sex",
                        "ethnicity",
                        "citizen_id",
                    )
                }
            )
            values.update(
                created_at=now,
                updated_at=now,
                permanent_province="",
                permanent_commune="",
                permanent_address="",
                current_province="",
                current_commune="",
                current_address="",
                education="",
                occupation="",
                substances=[],
                first_use_year=None,
                prior_rehab_count=0,
                has_criminal_record=False,
                has_drug_offence_record=False,
                was_sanctioned_for_drug_use=False,
                criminal_record_note="",
                photo="",
                version=1,
            )
            residents.append(tuple(values[column] for column in resident_columns))
            episodes.append(
                _national_episode(person, episode_columns, first_episode + person["id"] - first_resident, now)
            )
        writer.write(Resident, resident_columns, residents)
        writer.write(Episode, episode_columns, episodes)
        written += len(chunk)
    return written


def _national_episode(person: dict[str, Any], columns: list[str], episode_id: int, now: datetime) -> tuple:
    admitted = person["registered"]
    term = person["term"]
    release = admitted + timedelta(days=round(term * 30.44))
    roll = person["roll"]
    is_open = roll < 0.05 and release > BENCH_TODAY
    transferred = 0.05 <= roll < 0.07
    values: dict[str, Any] = dict.fromkeys(columns)
    values.update(
        id=episode_id,
        created_at=now,
        updated_at=now,
        facility_id=person["facility_id"],
        resident_id=person["id"],
        kind="compulsory",
        stage=person["stage"] if is_open else "reintegration",
        stage_since_on=admitted,
        status="active" if is_open else "closed",
        outcome="" if is_open else ("transferred" if transferred else "completed"),
        admitted_on=admitted,
        term_months=term,
        credited_days=0,
        prior_compulsory_count=0,
        decision_number=f"{person['id'] % 350 + 1:02d}/{admitted.year}/QĐ-TA",
        decision_on=admitted,
        decided_by="Tòa án nhân dân",
        expected_release_on=release,
        closed_on=None if is_open else min(release, BENCH_TODAY),
        carried_absent_days=0,
        carried_reduction_months=0,
        version=1,
        requested_on=None,
        term_start_on=None,
        stage_planned_end_on=None,
        zone_id=None,
        room_id=None,
        transferred_from_id=None,
    )
    return tuple(values[column] for column in columns)


# --- Indexes around the load --------------------------------------------------------------------


def drop_plain_indexes(connection: Any, tables: list[str]) -> list[str]:
    """Drop the indexes that back no constraint; return the statements that recreate them."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """,
            [tables],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def recreate_indexes(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem = '1GB'")
        for statement in statements:
            cursor.execute(statement)


def reset_sequences(connection: Any, models: list[Any]) -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


# --- Accounts and places the measurements use ---------------------------------------------------


def staff_username(number: int) -> str:
    return f"bench-staff-{number:02d}"


NATIONAL_USER = "bench-national"
INTAKE_USER = "bench-intake"
DIRECTOR_USER = "giamdoc"


def build_accounts_and_places(national_ids: list[int]) -> None:
    from django.contrib.auth.hashers import make_password

    from hoanhap.accounts.models import Membership, User
    from hoanhap.accounts.roles import Role
    from hoanhap.core.models import Facility, Room, Zone

    bench = Facility.objects.get(code=BENCH_FACILITY)
    # Sorted first by name, so that a load user's registrations go here (core.facility).
    intake = Facility.objects.create(
        code=INTAKE_FACILITY,
        name="Cơ sở A – tiếp nhận (benchmark)",
        province="Lào Cai",
        supervising_authority=bench.supervising_authority,
        capacity=100_000,
    )
    for kind in Zone.Kind.values:
        zone = Zone.objects.create(facility=intake, name=f"Khu {kind}", kind=kind)
        Room.objects.bulk_create(
            Room(facility=intake, zone=zone, name=f"Buồng {n:02d}", capacity=30_000) for n in range(1, 4)
        )
    encoded = make_password(BENCH_PASSWORD)
    staff = User.objects.bulk_create(
        User(username=staff_username(n), full_name=f"Cán bộ {n:02d}", password=encoded)
        for n in range(1, STAFF_USERS + 1)
    )
    national = User.objects.create(username=NATIONAL_USER, full_name="Cán bộ toàn quốc", password=encoded)
    intake_user = User.objects.create(username=INTAKE_USER, full_name="Cán bộ tiếp nhận", password=encoded)
    memberships = [Membership(user=user, facility=bench, role=Role.RESIDENT_MANAGER) for user in staff]
    memberships += [Membership(user=user, facility=intake, role=Role.RESIDENT_MANAGER) for user in staff]
    memberships += [
        Membership(user=national, facility_id=facility_id, role=Role.RESIDENT_MANAGER) for facility_id in national_ids
    ]
    memberships.append(Membership(user=intake_user, facility=intake, role=Role.RESIDENT_MANAGER))
    Membership.objects.bulk_create(memberships)


# Kinds the other modules will write (daily life, care): their labels come with those modules.
LONG_HISTORY_KINDS = ("visit", "health_check", "counselling", "work_hours")


def add_long_history(connection: Any) -> int:
    """The resident page's subject: the bench facility's resident in rehab with the most journal
    rows, given five years of weekly rows of the other modules' kinds (visits, health checks,
    counselling, work) on top of their own history — more than the page's window of 200 rows."""
    from django.db.models import Count

    from hoanhap.residents.models import Episode, TimelineEvent

    candidate = (
        TimelineEvent.objects.filter(
            facility__code=BENCH_FACILITY,
            resident__episodes__status="active",
            resident__episodes__facility__code=BENCH_FACILITY,
        )
        .values("resident_id")
        .annotate(n=Count("id"))
        .order_by("-n", "resident_id")
        .first()
    )
    assert candidate is not None, "the bench facility has no resident in rehab"
    resident_id = candidate["resident_id"]
    episode = Episode.objects.filter(resident_id=resident_id).order_by("-admitted_on").first()
    rows = []
    start = BENCH_TODAY - timedelta(days=365 * LONG_HISTORY_YEARS)
    for week in range(52 * LONG_HISTORY_YEARS):
        day = start + timedelta(days=7 * week)
        kind = LONG_HISTORY_KINDS[week % len(LONG_HISTORY_KINDS)]
        rows.append(
            TimelineEvent(
                facility_id=episode.facility_id,
                resident_id=resident_id,
                episode=episode if day >= episode.admitted_on else None,
                kind=kind,
                occurred_on=day,
                summary=f"{kind} {day:%d/%m/%Y}",
            )
        )
    TimelineEvent.objects.bulk_create(rows, batch_size=1000)
    return resident_id


# --- Building and reusing -----------------------------------------------------------------------


def build(engine: str, sizes: Sizes, *, log: Any = print) -> dict[str, Any]:
    """Build every set into the database DATABASE_URL names (empty, or migrated by this call)."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from hoanhap.demo.generator import generate
    from hoanhap.residents.models import Episode, Resident

    timings: dict[str, float] = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - started

    mark = time.perf_counter()
    summary = generate(
        seed=SEED,
        residents=sizes.facility_residents,
        facilities=sizes.facilities,
        years=10,
        today=BENCH_TODAY,
        password=BENCH_PASSWORD,
    )
    timings["province"] = time.perf_counter() - mark
    log(
        f"  province: {summary.facilities} facilities, {summary.residents} residents, {summary.episodes} episodes, "
        f"{summary.rows} rows in {timings['province']:.0f} s"
    )

    mark = time.perf_counter()
    tables = [Resident._meta.db_table, Episode._meta.db_table]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    with transaction.atomic():
        recreate = drop_plain_indexes(connection, tables)
        count = build_national(connection, sizes.national)
    timings["national_rows"] = time.perf_counter() - mark
    mark = time.perf_counter()
    recreate_indexes(connection, recreate)
    reset_sequences(connection, [Resident, Episode])
    timings["national_indexes"] = time.perf_counter() - mark
    log(
        f"  national: {count} residents and episodes in {timings['national_rows']:.0f} s, "
        f"indexes in {timings['national_indexes']:.0f} s"
    )

    from hoanhap.core.models import Facility

    national_ids = list(Facility.objects.filter(code__startswith="bench-national-").values_list("id", flat=True))
    with transaction.atomic():
        build_accounts_and_places(national_ids)
        long_history = add_long_history(connection)

    mark = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    timings["analyze"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    return {
        "fingerprint": fingerprint(engine, sizes),
        "province": asdict(summary),
        "national": count,
        "long_history_resident": long_history,
        "timings": {key: round(value, 1) for key, value in timings.items()},
    }


def main() -> None:
    """`python -m bench.data --engine sqlite|postgres [--quick] --out summary.json`, with
    DATABASE_URL naming an empty database."""
    import argparse
    import os

    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    summary = build(args.engine, Sizes.for_engine(args.engine, quick=args.quick))
    args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
