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
  (`hoanhap.demo.names`, `ids`), folded as `Resident.build_search_text()` folds (checked).
- **Bench accounts and places**: 50 resident managers of the bench facility (the load test's staff),
  a national resident manager (search over every national facility), an intake facility whose rooms
  never fill (intake and import measurements, the load test's admissions), and one resident with five
  years of journal rows (the resident page).

Same seed, same sizes, same code: same data. `fingerprint()` names that; a base database whose
stored fingerprint matches is reused.

How it is written fast (a million residents in about a minute on PostgreSQL, the SQLite set in half
a minute; most of what is left is the demo generator's own Python): one transaction, rows as plain
values through COPY (PostgreSQL; the national set rendered from templates while it is sent, and
COPY FREEZE into the emptied tables) or `executemany` (SQLite), the demo generator's rows too
(`fast_demo_inserts`); the bulk tables' plain indexes (and SQLite's search-table triggers) dropped
for the load and built at the end (two at a time on PostgreSQL), foreign keys not checked row by
row; then VACUUM ANALYZE / ANALYZE.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any, TypeVar

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
T = TypeVar("T")


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

    def _names(self, model: Any, columns: list[str]) -> str:
        quote = self.connection.ops.quote_name
        return f"{quote(model._meta.db_table)} ({', '.join(quote(column) for column in columns)})"

    def write(self, model: Any, columns: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        if self.vendor == "postgresql":
            self.copy_lines(model, columns, ("\t".join(_copy_text(value) for value in row) for row in rows))
            return
        marks = ", ".join(["%s"] * len(columns))
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self._names(model, columns)} VALUES ({marks})",  # noqa: S608 (our own names)
                [tuple(_sqlite_value(value) for value in row) for row in rows],
            )

    def copy_lines(
        self, model: Any, columns: list[str], lines: Iterable[str], *, chunk: int = 20_000, freeze: bool = False
    ) -> None:
        """PostgreSQL: COPY lines already in COPY's text format, sent in chunks of `chunk` lines."""
        # Django's cursor wraps psycopg 3's; COPY ... FROM STDIN is psycopg's `copy()`.
        from psycopg.copy import QueuedLibpqWriter

        with self.connection.cursor() as cursor:
            raw = cursor.cursor
            # A thread sends the blocks while this one renders the next: Python and the server
            # (parsing, on the other core) work at the same time.
            options = " (FREEZE)" if freeze else ""
            with raw.copy(
                f"COPY {self._names(model, columns)} FROM STDIN{options}", writer=QueuedLibpqWriter(raw)
            ) as copy:
                for block in _batched(lines, chunk):
                    copy.write("\n".join(block) + "\n")


def _batched(items: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    iterator = iter(items)
    while block := tuple(itertools.islice(iterator, size)):
        yield block


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
        # As Django stores them on SQLite: UTC, without the offset.
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ") if value.tzinfo else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _next_id(model: Any) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1


class InstanceWriter:
    """The demo generator's rows (unsaved model instances, parents before children) written by the
    fast path instead of `bulk_create`: ids given here, foreign keys taken from the parents' ids,
    the timestamps set as Django sets them. `bulk_create` spends most of its time preparing each
    value of each row (`get_db_prep_save`); the generator itself is then the only cost."""

    def __init__(self, writer: BulkWriter) -> None:
        self.writer = writer
        self.next_ids: dict[Any, int] = {}

    @property
    def models(self) -> list[Any]:
        return list(self.next_ids)

    def insert(self, model: Any, rows: list, batch_size: int = 0) -> None:
        if not rows:
            return
        fields = model._meta.concrete_fields
        stamps = [
            field for field in fields if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ]
        files = {field.attname for field in fields if field.get_internal_type() in ("FileField", "ImageField")}
        next_id = self.next_ids.get(model) or _next_id(model)
        values = []
        for row in rows:
            if row.pk is None:
                row.pk, next_id = next_id, next_id + 1
            row._prepare_related_fields_for_save(operation_name="bulk_create")
            for field in stamps:
                field.pre_save(row, add=True)
            row._state.adding, row._state.db = False, self.writer.connection.alias
            values.append(
                tuple(
                    (getattr(row, field.attname).name or "") if field.attname in files else getattr(row, field.attname)
                    for field in fields
                )
            )
        self.next_ids[model] = next_id
        self.writer.write(model, [field.column for field in fields], values)


@contextlib.contextmanager
def fast_demo_inserts(writer: BulkWriter) -> Iterator[InstanceWriter]:
    """Swap the demo generator's insert step (`generator._insert`, where every batch of rows goes)
    for the fast path while the province is built. If the generator changes that step, this fails
    loudly here rather than quietly building slowly."""
    from hoanhap.demo import generator

    fast = InstanceWriter(writer)
    original = generator._insert
    generator._insert = fast.insert  # type: ignore[assignment]
    try:
        yield fast
    finally:
        generator._insert = original  # type: ignore[assignment]


# --- The national search set ------------------------------------------------------------------

# A benchmark of search needs the spread of names a country has, not one province's: mostly Kinh.
NATIONAL_ETHNICITIES = (("Kinh", 86), ("Tày", 2), ("Thái", 2), ("Mông", 4), ("Dao", 2), ("Nùng", 2), ("Giáy", 2))
STAGES = ("reception", "detox", "rehabilitation", "labour_therapy", "reintegration")
TERMS = (12, 18, 24)


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


def national_rows(
    rng: Random, count: int, facility_ids: list[int], *, first_resident: int, first_episode: int, null: Any
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """The varying columns of each national resident and of their episode (`null` stands for
    NULL: COPY's `\\N` or None), people drawn from the demo's tables (names, nicknames, ethnic
    groups, citizen ID numbers, record numbers) with plain arithmetic on one random stream.
    Dates are day numbers rendered once each; `search_text` is folded once per distinct name (names
    repeat), and `Resident.build_search_text()` of the first people is checked to give the same."""
    from hoanhap.core.collation import name_sort_key
    from hoanhap.core.text import fold
    from hoanhap.demo import ids, names

    ethnicities = names.Weighted([(name, float(weight)) for name, weight in NATIONAL_ETHNICITIES])
    citizen_ids = ids.CitizenIdIssuer(Random(rng.getrandbits(64)))
    birthplaces = [former.code for former in sorted(names.FORMER_PROVINCES.values(), key=lambda f: f.code)]
    sequences: dict[tuple[int, int], int] = {}
    folded: dict[str, str] = {}
    sort_keys: dict[str, str] = {}
    days: dict[int, date] = {}
    iso: dict[int, str] = {}

    def day(number: int) -> date:
        if (found := days.get(number)) is None:
            found = days[number] = date.fromordinal(number)
            iso[number] = found.isoformat()
        return found

    today = BENCH_TODAY.toordinal()
    random = rng.random
    for n in range(count):
        sex = "female" if random() < 0.08 else "male"
        ethnicity = ethnicities.pick(rng)
        full_name = names.full_name(rng, sex=sex, ethnicity=ethnicity)
        other_names = names.nickname(rng, full_name) if random() < 0.15 else ""
        facility_id = facility_ids[n % len(facility_ids)]
        # Registered over twenty years; born 18 to 60 years before.
        registered = today - int(random() * 7300)
        born = registered - 6570 - int(random() * 15330)
        year = day(registered).year
        sequences[(facility_id, year)] = sequence = sequences.get((facility_id, year), 0) + 1
        record_number = ids.record_number(year, sequence)
        names_text = f"{full_name} {other_names}" if other_names else full_name
        if (text := folded.get(names_text)) is None:
            text = folded[names_text] = fold(names_text)
        if (order := sort_keys.get(full_name)) is None:
            order = sort_keys[full_name] = name_sort_key(full_name)
        # Born anywhere in the country: the 63 former provinces' codes in ID numbers.
        citizen_id = citizen_ids.issue(
            province_code=birthplaces[int(random() * len(birthplaces))], date_of_birth=day(born), sex=sex
        )
        term = TERMS[int(random() * 3)]
        release = registered + round(term * 30.44)
        closed = min(release, today)
        day(release), day(closed)
        roll = random()
        is_open = roll < 0.05 and release > today
        resident_id = first_resident + n
        resident = {
            "id": resident_id,
            "facility_id": facility_id,
            "record_number": record_number,
            "full_name": full_name,
            "other_names": other_names,
            "search_text": f"{text} {record_number.lower()}",
            "name_sort_key": order,
            "date_of_birth": iso[born],
            "sex": sex,
            "ethnicity": ethnicity,
            "citizen_id": citizen_id,
        }
        episode = {
            "id": first_episode + n,
            "facility_id": facility_id,
            "resident_id": resident_id,
            "stage": STAGES[int(random() * 5)] if is_open else "reintegration",
            "stage_since_on": iso[registered],
            "status": "active" if is_open else "closed",
            # About 5 % in rehab, 2 % transferred out, the rest completed.
            "outcome": "" if is_open else ("transferred" if 0.05 <= roll < 0.07 else "completed"),
            "admitted_on": iso[registered],
            "term_months": term,
            "decision_number": f"{resident_id % 350 + 1:02d}/{year}/QĐ-TA",
            "decision_on": iso[registered],
            "expected_release_on": iso[release],
            "closed_on": null if is_open else iso[closed],
        }
        yield resident, episode


def check_search_text(resident: dict[str, Any]) -> None:
    from hoanhap.residents.models import Resident

    probe = Resident(
        full_name=resident["full_name"], other_names=resident["other_names"], record_number=resident["record_number"]
    )
    assert probe.build_search_text() == resident["search_text"], (resident, probe.search_text)
    assert probe.name_sort_key == resident["name_sort_key"], (resident, probe.name_sort_key)


class RowShape:
    """A model's row as a template: the constant columns written once, the varying ones named.
    `line()` renders a COPY text line (names, numbers and dates need no escaping), `row()` a tuple."""

    def __init__(self, columns: list[str], constants: dict[str, Any]) -> None:
        self.columns = columns
        self.template = "\t".join(
            "{" + column + "}"
            if column not in constants
            else _copy_text(constants[column]).replace("{", "{{").replace("}", "}}")
            for column in columns
        )
        self._constants = {column: _sqlite_value(value) for column, value in constants.items()}

    def line(self, values: dict[str, Any]) -> str:
        return self.template.format_map(values)

    def row(self, values: dict[str, Any]) -> tuple:
        return tuple(
            self._constants[column] if column in self._constants else values[column] for column in self.columns
        )


def build_national(connection: Any, count: int, *, batch: int = 20_000) -> int:
    """The national set, written by COPY (PostgreSQL) or executemany (SQLite, `batch` people at a
    time); rows rendered from templates where only the varying columns are formatted."""
    from hoanhap.residents.models import Episode, Resident

    facility_ids = [facility.pk for facility in national_facilities()]
    writer = BulkWriter(connection)
    now = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    common = {"created_at": now, "updated_at": now}
    residents = RowShape(
        writer.columns(Resident),
        {
            **common,
            **dict.fromkeys(
                [
                    "permanent_province",
                    "permanent_commune",
                    "permanent_address",
                    "current_province",
                    "current_commune",
                    "current_address",
                    "education",
                    "occupation",
                    "criminal_record_note",
                    "photo",
                ],
                "",
            ),
            "substances": [],
            "first_use_year": None,
            "prior_rehab_count": 0,
            "has_criminal_record": False,
            "has_drug_offence_record": False,
            "was_sanctioned_for_drug_use": False,
            "version": 1,
        },
    )
    episodes = RowShape(
        writer.columns(Episode),
        {
            **common,
            "kind": "compulsory",
            "credited_days": 0,
            "prior_compulsory_count": 0,
            "decided_by": "Tòa án nhân dân",
            "carried_absent_days": 0,
            "carried_reduction_months": 0,
            "version": 1,
            "requested_on": None,
            "term_start_on": None,
            "stage_planned_end_on": None,
            "zone_id": None,
            "room_id": None,
            "transferred_from_id": None,
        },
    )
    text = writer.vendor == "postgresql"
    if text:
        # Emptied in this transaction, the two tables take COPY FREEZE: rows written frozen and
        # visible to all, so that neither the index builds nor VACUUM rewrite every page after.
        assert not Resident.objects.exists() and not Episode.objects.exists(), "build into an empty database"
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE residents_resident, residents_episode CASCADE")
    rows = national_rows(
        Random(SEED + 1),
        count,
        facility_ids,
        first_resident=_next_id(Resident),
        first_episode=_next_id(Episode),
        null=r"\N" if text else None,
    )
    if text:
        # One COPY of the residents, rendered while it is sent; then one of their episodes.
        episode_lines: list[str] = []

        def resident_lines() -> Iterator[str]:
            for number, (resident, episode) in enumerate(rows):
                if number < 200:
                    check_search_text(resident)
                episode_lines.append(episodes.line(episode))
                yield residents.line(resident)

        writer.copy_lines(Resident, residents.columns, resident_lines(), freeze=True)
        writer.copy_lines(Episode, episodes.columns, episode_lines, freeze=True)
        return len(episode_lines)
    written = 0
    while chunk := list(itertools.islice(rows, batch)):
        if not written:
            for resident, _episode in chunk[:200]:
                check_search_text(resident)
        writer.write(Resident, residents.columns, [residents.row(r) for r, _e in chunk])
        writer.write(Episode, episodes.columns, [episodes.row(e) for _r, e in chunk])
        written += len(chunk)
    return written


# --- Indexes and triggers around the load ----------------------------------------------------------


def drop_plain_indexes(connection: Any, tables: list[str]) -> list[str]:
    """Drop the indexes of these tables that back no constraint (and, on SQLite, their triggers,
    which keep the FTS5 search table); return the statements that recreate them. The tables are
    loaded faster without them, and an index is built faster at once than row by row."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
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
        marks = ", ".join(["%s"] * len(tables))
        cursor.execute(
            f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({marks}) "  # noqa: S608 (placeholders)
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL",
            tables,
        )
        found = cursor.fetchall()
        for kind, name, _sql in found:
            cursor.execute(f'DROP {kind.upper()} "{name}"')
        return [sql for _kind, _name, sql in found]


def recreate_indexes(connection: Any, statements: list[str]) -> None:
    """PostgreSQL: two connections build the indexes side by side, the slowest (the trigram GIN
    index, the biggest tables) first. SQLite: one after the other, then the search table."""
    from hoanhap.residents.selectors.search import FTS_TABLE

    if connection.vendor == "postgresql":
        import psycopg

        params = connection.get_connection_params()
        queue = sorted(statements, key=lambda sql: (" USING gin " not in sql, "residents_episode" in sql))

        def worker() -> None:
            with psycopg.connect(**params, autocommit=True) as raw:
                raw.execute("SET maintenance_work_mem = '512MB'")
                raw.execute("SET max_parallel_maintenance_workers = 0")  # the two cores are taken
                while queue:
                    try:
                        statement = queue.pop(0)
                    except IndexError:
                        return
                    raw.execute(statement)

        with ThreadPoolExecutor(max_workers=2) as pool:
            for done in [pool.submit(worker) for _ in range(2)]:
                done.result()
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        # Its triggers were off during the load: the search table is built from the rows at once.
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608 (our own name)


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
    counselling, work) on top of their own history — far more than the page's first 50 rows."""
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
    assert episode is not None
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


def _bulk_tables() -> list[Any]:
    """The tables the province and the national set fill in bulk."""
    from hoanhap.residents.models import (
        Aftercare,
        ChecklistItem,
        CompletionCertificate,
        ConductGrade,
        Episode,
        FamilyContact,
        LegalEvent,
        Resident,
        StageChange,
        TimelineEvent,
    )

    return [
        Resident,
        FamilyContact,
        Episode,
        ChecklistItem,
        StageChange,
        ConductGrade,
        LegalEvent,
        CompletionCertificate,
        Aftercare,
        TimelineEvent,
    ]


def build(engine: str, sizes: Sizes, *, log: Any = print) -> dict[str, Any]:
    """Build every set into the database DATABASE_URL names (empty, or migrated by this call).

    The bulk tables lose their plain indexes (and, on SQLite, the triggers of the search table)
    for the load; they are built once at the end, then the statistics."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from hoanhap.core.models import Facility
    from hoanhap.demo.generator import generate
    from hoanhap.residents.models import Episode, Resident

    timings: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str, since: float) -> float:
        timings[name] = time.perf_counter() - since
        return time.perf_counter()

    call_command("migrate", verbosity=0)
    mark = lap("migrate", started)
    # The generated rows reference each other consistently (the measurements would fail loudly if
    # not): the build checks no foreign key, which on PostgreSQL are deferred to the commit, one
    # lookup per reference, a quarter of the build.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA foreign_keys=OFF")
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MB for the index builds
        else:
            # Safe for a build (a crash loses the last commits, not consistency): no WAL flush wait.
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET session_replication_role = replica")  # the bench cluster's owner is superuser
    tables = [model._meta.db_table for model in _bulk_tables()]
    with transaction.atomic():
        recreate = drop_plain_indexes(connection, tables)
        count = build_national(connection, sizes.national)
        mark = lap("national_rows", mark)
        with fast_demo_inserts(BulkWriter(connection)) as fast:
            summary = generate(
                seed=SEED,
                residents=sizes.facility_residents,
                facilities=sizes.facilities,
                years=10,
                today=BENCH_TODAY,
                password=BENCH_PASSWORD,
                # Its rows go through the ORM, while the fast path has not moved the sequences
                # yet; the daily-life measures make the rows they need (bench/daily_life/).
                daily_life=False,
            )
        mark = lap("province", mark)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys=ON" if connection.vendor == "sqlite" else "RESET session_replication_role")
    mark = lap("commit", mark)
    recreate_indexes(connection, recreate)
    reset_sequences(connection, sorted({*fast.models, Resident, Episode}, key=lambda model: model._meta.label))
    mark = lap("indexes", mark)
    log(
        f"  province: {summary.facilities} facilities, {summary.residents} residents, {summary.episodes} episodes, "
        f"{summary.rows} rows in {timings['province']:.0f} s; national: {count} residents and episodes in "
        f"{timings['national_rows']:.0f} s; indexes in {timings['indexes']:.0f} s"
    )

    national_ids = list(Facility.objects.filter(code__startswith="bench-national-").values_list("id", flat=True))
    with transaction.atomic():
        build_accounts_and_places(national_ids)
        long_history = add_long_history(connection)
    mark = lap("accounts", mark)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM too: index-only scans (search reads its ids that way) need the visibility map.
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    lap("analyze", mark)
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
