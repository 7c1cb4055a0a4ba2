"""The demo data set: a province's rehab facilities, a staff account for every role, and
residents with their rehab history (see `history.py`).

    generate(seed=2026, residents=400, facilities=2, years=2)

`residents` is the number of people in rehab today at the main facility; every other facility
holds a fifth as many. People admitted over the last `years` who have left since come on top: for
two years, about 1.7 Resident rows per person in rehab, each with some 45 rows of history
(episodes, stage changes, legal events, checklist, monthly grades, timeline; some 15 with
`detail=False`). Same seed, same `today`, same sizes: same data.

Demo data is bulk-inserted in batches (`bulk_create`, one transaction), without the services: it
writes no audit entries (django-auditlog listens to save signals, which bulk_create does not
send). Nobody did these things, so there is nothing to audit — and it is why the data must never
be generated over real data (`seed_demo --if-empty`).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random
from typing import TypeVar

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone

from hoanhap.accounts.models import Membership, User
from hoanhap.accounts.roles import TWO_FACTOR_ROLES, Role
from hoanhap.core.collation import name_sort_key
from hoanhap.core.models import Department, Facility, Room, SupervisingAuthority, Zone
from hoanhap.residents import terms
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

from . import accounts_users as accounts_users_demo
from . import daily_life as daily_life_demo
from . import ids, names
from . import organisation as organisation_demo
from . import plans as plans_demo
from . import workflows as workflows_demo
from .history import HistoryBuilder
from .rows import Person
from .sites import Beds, Site

T = TypeVar("T")

# Passes Django's validators (length, not common, not numeric, unlike the usernames).
DEMO_PASSWORD = "HoaNhap@2026"  # noqa: S105 (published with the demo)
BATCH_SIZE = 5_000
OTHER_FACILITY_SHARE = 0.2
# Courts and police bring people on working days (Monday first).
WEEKDAY_FACTORS = (1.3, 1.3, 1.3, 1.3, 1.3, 0.5, 0.0)


# --- Organisation -----------------------------------------------------------------------------


def build_authority() -> SupervisingAuthority:
    # Since 01/03/2025 the provincial police manage rehab; until then the centres reported to the
    # provincial labour department (Sở Lao động – Thương binh và Xã hội), which the demo does not keep.
    return SupervisingAuthority(name="Công an tỉnh Lào Cai", short_name="Công an tỉnh", province="Lào Cai")


def build_facilities(rng: Random, authority: SupervisingAuthority, *, count: int) -> list[Facility]:
    """The province's main centre, then the smaller ones (the second is the former Yên Bái centre)."""
    facilities = [
        Facility(
            code="cscn-lao-cai",
            name="Cơ sở cai nghiện ma túy tỉnh Lào Cai",
            short_name="Cơ sở Lào Cai",
            province="Lào Cai",
            address="Thôn Cốc Sâm, xã Gia Phú, tỉnh Lào Cai",
            phone=f"0214 38{rng.randint(10, 99)} {rng.randint(100, 999)}",
            supervising_authority=authority,
        )
    ]
    for number in range(2, count + 1):
        commune = "phường Văn Phú" if number == 2 else rng.choice(names.COMMUNES["Lào Cai"])
        facilities.append(
            Facility(
                code=f"cscn-lao-cai-{number}",
                name=f"Cơ sở cai nghiện ma túy số {number} tỉnh Lào Cai",
                short_name=f"Cơ sở số {number}",
                province="Lào Cai",
                address=f"{commune}, tỉnh Lào Cai",
                phone=f"0216 38{rng.randint(10, 99)} {rng.randint(100, 999)}",
                supervising_authority=authority,
            )
        )
    return facilities


# The departments are data: each facility may rename, add or drop them.
DEPARTMENTS = (
    ("Phòng Hành chính – Tổng hợp", Department.Kind.ADMINISTRATION),
    ("Phòng Quản lý, Giáo dục và Dạy nghề", Department.Kind.RESIDENT_MANAGEMENT),
    ("Phòng Y tế", Department.Kind.MEDICAL),
    ("Đội Lao động sản xuất", Department.Kind.LABOUR_VOCATION),
    ("Đội Bảo vệ", Department.Kind.SECURITY),
)


def build_departments(facility: Facility) -> list[Department]:
    return [
        Department(facility=facility, name=name, kind=kind, order=order)
        for order, (name, kind) in enumerate(DEPARTMENTS, start=1)
    ]


# Zone name, kind, share of the people in rehab, beds per room. Men spend the first 15 % of the
# term in reception and detox (planning.DEFAULT_STAGE_SHARES), in the detox zone; in the months
# after 01/07/2026, when every adult compulsory term became 24 months or more, nearly a third.
ZONES = (
    ("Khu cắt cơn", Zone.Kind.DETOX, 0.30, 10),
    ("Khu nữ", Zone.Kind.WOMEN, 0.09, 16),
    ("Khu người chưa thành niên", Zone.Kind.MINORS, 0.04, 12),
    ("Khu cách ly y tế", Zone.Kind.MEDICAL, 0.02, 6),
)
GENERAL_SHARE = 0.60
GENERAL_ZONE_SIZE = 240
GENERAL_ROOM_BEDS = 20


def _general_zone_name(index: int) -> str:
    return f"Khu nam {chr(ord('A') + index) if index < 26 else index + 1}"


def build_layout(facility: Facility, *, in_rehab: int) -> tuple[list[Zone], list[Room]]:
    """Zones and rooms for `in_rehab` people, with headroom (three standard deviations of a
    Poisson count, which matters for small zones) so that no room overflows."""
    general_zones = max(1, math.ceil(in_rehab * GENERAL_SHARE / GENERAL_ZONE_SIZE))
    plans = [
        (_general_zone_name(i), Zone.Kind.GENERAL, GENERAL_SHARE / general_zones, GENERAL_ROOM_BEDS)
        for i in range(general_zones)
    ]
    zones: list[Zone] = []
    rooms: list[Room] = []
    for name, kind, share, beds in [*plans, *ZONES]:
        zone = Zone(facility=facility, name=name, kind=kind)
        zones.append(zone)
        expected = in_rehab * share
        count = max(1, math.ceil((expected * 1.1 + 3 * math.sqrt(expected) + 2) / beds))
        rooms.extend(
            Room(facility=facility, zone=zone, name=f"Buồng {n:02d}", capacity=beds) for n in range(1, count + 1)
        )
    return zones, rooms


# --- Staff ------------------------------------------------------------------------------------


ALL_FACILITIES = 0


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    # The number of the facility the role is held in (1 is the main one), or ALL_FACILITIES.
    facility: int = 1


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("giamdoc", Role.DIRECTOR),
    DemoAccount("phogiamdoc", Role.DEPUTY_DIRECTOR),
    DemoAccount("quanly", Role.RESIDENT_MANAGER),
    DemoAccount("yte", Role.MEDICAL_STAFF),
    DemoAccount("tuvan", Role.COUNSELLOR),
    DemoAccount("giaoduc", Role.EDUCATION_OFFICER),
    DemoAccount("todoi", Role.WORK_TEAM_LEADER),
    DemoAccount("thamgap", Role.VISIT_OFFICER),
    DemoAccount("bithu", Role.PARTY_SECRETARY),
    DemoAccount("bientap", Role.PORTAL_EDITOR),
    DemoAccount("kiemtoan", Role.AUDITOR),
    DemoAccount("tinh", Role.PROVINCE_VIEWER, ALL_FACILITIES),
    DemoAccount("quantri", Role.SYSTEM_ADMIN, ALL_FACILITIES),
)


def director_username(number: int) -> str:
    """The director's account of facility `number`: "giamdoc", "giamdoc2", …"""
    return "giamdoc" if number == 1 else f"giamdoc{number}"


def demo_accounts(facilities: int) -> list[DemoAccount]:
    """DEMO_ACCOUNTS and a director for each facility after the main one."""
    return [*DEMO_ACCOUNTS, *(DemoAccount(director_username(n), Role.DIRECTOR, n) for n in range(2, facilities + 1))]


def build_staff(rng: Random, facilities: Sequence[Facility], *, password: str) -> tuple[list[User], list[Membership]]:
    """The demo accounts with their memberships. One password for all, hashed once: it is
    published with the demo anyway, and Argon2 takes a tenth of a second by design."""
    encoded = make_password(password)
    users: list[User] = []
    memberships: list[Membership] = []
    for account in demo_accounts(len(facilities)):
        where = facilities if account.facility == ALL_FACILITIES else [facilities[account.facility - 1]]
        sex = names.MALE if rng.random() < 0.7 else names.FEMALE
        full_name = names.full_name(rng, sex=sex)
        user = User(
            username=account.username, full_name=full_name, password=encoded, name_sort_key=name_sort_key(full_name)
        )
        validate_password(password, user)
        users.append(user)
        memberships.extend(Membership(user=user, facility=facility, role=account.role) for facility in where)
    return users, memberships


@dataclass(frozen=True)
class DemoLogin:
    username: str
    roles: str
    facilities: str
    needs_two_factor: bool


def demo_logins() -> list[DemoLogin]:
    """The demo accounts present in the database, in the order of DEMO_ACCOUNTS."""
    usernames = [account.username for account in demo_accounts(facilities=99)]
    order = {username: i for i, username in enumerate(usernames)}
    memberships = Membership.objects.select_related("facility").order_by("facility__code")
    users = User.objects.filter(username__in=usernames).prefetch_related(Prefetch("memberships", queryset=memberships))
    logins = []
    for user in sorted(users, key=lambda user: order[user.username]):
        held = list(user.memberships.all())
        roles = list(dict.fromkeys(m.role for m in held))
        logins.append(
            DemoLogin(
                username=user.username,
                roles=", ".join(str(Role(role).label) for role in roles),
                facilities=", ".join(dict.fromkeys(str(m.facility) for m in held)),
                needs_two_factor=any(role in TWO_FACTOR_ROLES for role in roles),
            )
        )
    return logins


# --- Residents --------------------------------------------------------------------------------


def _poisson(rng: Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def admission_days(rng: Random, *, start_on: date, end_on: date, per_day: float) -> Iterator[date]:
    """The day of each admission, in order: `per_day` on average, fewer at weekends."""
    day = start_on
    while day <= end_on:
        for _ in range(_poisson(rng, per_day * WEEKDAY_FACTORS[day.weekday()])):
            yield day
        day += timedelta(days=1)


@functools.cache
def in_rehab_share(*, start_on: date, today: date, samples: int = 2000) -> float:
    """The share of the people admitted between `start_on` and `today` who are still in rehab
    today, measured on a sample: it sets the admission rate that fills a facility to its size.
    Independent of the seed, so a seed changes who is there, not how many."""
    rng = Random(0)
    facility = Facility(code="sample", name="sample")
    _zones, rooms = build_layout(facility, in_rehab=10)
    site = Site(facility=facility, beds=Beds(rooms), recorder=User(username="sample"), director_name="")
    builder = HistoryBuilder(rng, site=site, citizen_ids=ids.CitizenIdIssuer(rng), today=today, detail=False)
    days = (today - start_on).days
    in_rehab = sum(builder.person(start_on + timedelta(days=rng.randint(0, days))).is_in_rehab for _ in range(samples))
    return max(in_rehab, 1) / samples


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _insert(model: type[models.Model], rows: list, batch_size: int) -> None:
    if rows:
        model.objects.bulk_create(rows, batch_size=batch_size)  # type: ignore[attr-defined]


def _save(people: list[Person], batch_size: int) -> int:
    """Insert a batch of people, parents before children; returns the number of rows."""

    def gather(attribute: str) -> list:
        return [row for person in people for row in getattr(person, attribute)]

    episodes, events = gather("episodes"), gather("events")
    tables: list[tuple[type[models.Model], list]] = [
        (Resident, [person.resident for person in people]),
        (FamilyContact, gather("contacts")),
        # A continued episode points to the one it continues, a return to the period it ends.
        (Episode, [e for e in episodes if e.transferred_from is None]),
        (Episode, [e for e in episodes if e.transferred_from is not None]),
        (ChecklistItem, gather("checklist")),
        (StageChange, gather("stage_changes")),
        (ConductGrade, gather("grades")),
        (LegalEvent, [e for e in events if e.period is None]),
        (LegalEvent, [e for e in events if e.period is not None]),
        (CompletionCertificate, gather("certificates")),
        (Aftercare, gather("aftercares")),
    ]
    for model, rows in tables:
        _insert(model, rows, batch_size)
    timeline = []
    for person in people:
        for event, source in zip(person.timeline, person.timeline_sources, strict=True):
            if source is not None:
                event.source_type, event.source_id = source._meta.label_lower, source.pk
            timeline.append(event)
    _insert(TimelineEvent, timeline, batch_size)
    return sum(len(rows) for _model, rows in tables) + len(timeline)


@dataclass(frozen=True)
class DemoSummary:
    facilities: int
    users: int
    residents: int
    episodes: int
    rows: int
    in_rehab: dict[str, int]


def generate(
    *,
    seed: int = 2026,
    residents: int = 400,
    facilities: int = 2,
    years: float = 2.0,
    today: date | None = None,
    password: str = DEMO_PASSWORD,
    detail: bool = True,
    batch_size: int = BATCH_SIZE,
    daily_life: bool = True,
) -> DemoSummary:
    """Create the demo data set in one transaction; see the module's docstring for the sizes.

    `detail=False` leaves out the reception checklists and monthly conduct grades (and their
    timeline rows), for lean benchmark sets; `daily_life=False` the classes, work logs, visits,
    events and supplies (`demo.daily_life`).
    """
    if residents < 0 or not 1 <= facilities <= 99 or years <= 0:
        raise ValueError("Give residents ≥ 0, facilities from 1 to 99 and years > 0.")
    today = today or timezone.localdate()
    # No rule set exists before 01/01/2022: no decision may be dated earlier.
    start_on = max(today - timedelta(days=round(365.25 * years)), terms.RULE_SETS[0].effective_from + timedelta(31))
    if start_on >= today:
        raise ValueError(f"Demo histories start after {start_on:%d/%m/%Y}: choose a later `today`.")
    rng = Random(seed)
    sizes = [residents] + [round(residents * OTHER_FACILITY_SHARE)] * (facilities - 1)

    with transaction.atomic():
        authority = build_authority()
        SupervisingAuthority.objects.bulk_create([authority])
        facility_rows = build_facilities(rng, authority, count=facilities)
        layouts = [build_layout(facility, in_rehab=size) for facility, size in zip(facility_rows, sizes, strict=True)]
        for facility, (_zones, rooms) in zip(facility_rows, layouts, strict=True):
            facility.capacity = sum(room.capacity for room in rooms)
        Facility.objects.bulk_create(facility_rows)
        Department.objects.bulk_create([row for facility in facility_rows for row in build_departments(facility)])
        Zone.objects.bulk_create([zone for zones, _rooms in layouts for zone in zones])
        Room.objects.bulk_create([room for _zones, rooms in layouts for room in rooms])
        users, memberships = build_staff(Random(rng.getrandbits(64)), facility_rows, password=password)
        User.objects.bulk_create(users)
        Membership.objects.bulk_create(memberships)

        staff = {user.username: user for user in users}
        sites = [
            Site(
                facility=facility,
                beds=Beds(rooms),
                # The resident manager records the main facility's events, the director the others'.
                recorder=staff["quanly" if number == 1 else director_username(number)],
                director_name=staff[director_username(number)].full_name,
                size=size,
            )
            for number, (facility, (_zones, rooms), size) in enumerate(
                zip(facility_rows, layouts, sizes, strict=True), start=1
            )
        ]
        per_day = 1 / (in_rehab_share(start_on=start_on, today=today) * (today - start_on).days)
        citizen_ids = ids.CitizenIdIssuer(Random(rng.getrandbits(64)))
        codes = {facility.pk: facility.code for facility in facility_rows}
        people = episodes = rows = 0
        in_rehab: Counter[str] = Counter()
        for site, size in zip(sites, sizes, strict=True):
            builder = HistoryBuilder(
                Random(rng.getrandbits(64)),
                site=site,
                others=[other for other in sites if other is not site],
                citizen_ids=citizen_ids,
                today=today,
                detail=detail,
            )
            days = admission_days(builder.rng, start_on=start_on, end_on=today, per_day=size * per_day)
            # A person comes with some 45 rows: flushing batch_size / 10 people at a time keeps the
            # memory flat and each INSERT near batch_size rows.
            for batch in _batched((builder.person(day) for day in days), max(1, batch_size // 10)):
                rows += _save(batch, batch_size)
                people += len(batch)
                episodes += sum(len(person.episodes) for person in batch)
                in_rehab.update(codes[person.episodes[-1].facility_id] for person in batch if person.is_in_rehab)
        if detail and daily_life:
            world = daily_life_demo.DemoWorld(
                rng=Random(rng.getrandbits(64)), facilities=facility_rows, staff=staff, today=today
            )
            rows += daily_life_demo.seed(world)
            rows += plans_demo.seed(world)
            rows += workflows_demo.seed(world)
        if detail:
            rows += accounts_users_demo.seed(
                daily_life_demo.DemoWorld(rng=Random(0), facilities=facility_rows, staff=staff, today=today)
            )
        rows += organisation_demo.seed(
            daily_life_demo.DemoWorld(
                rng=Random(rng.getrandbits(64)), facilities=facility_rows, staff=staff, today=today
            )
        )
    return DemoSummary(
        facilities=len(facility_rows),
        users=len(users),
        residents=people,
        episodes=episodes,
        rows=rows,
        in_rehab={facility.code: in_rehab[facility.code] for facility in facility_rows},
    )
