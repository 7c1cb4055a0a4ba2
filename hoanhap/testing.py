"""Builders for tests: facilities, staff with a role, residents. Plain functions, no magic."""

import itertools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Any

from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.db import connection
from django.test import Client
from django.utils import translation
from django.utils.functional import Promise
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoanhap.accounts.models import Membership, User
from hoanhap.accounts.roles import Role
from hoanhap.audit.models import AuditEntry
from hoanhap.core.models import Facility, SupervisingAuthority
from hoanhap.residents.models import Episode, Resident
from hoanhap.residents.terms import EpisodeKind, Stage

PASSWORD = "correct-horse-battery-42"  # noqa: S105 (the test users' password)
_sequence = itertools.count(1)


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 at its lowest cost, for tests only (conftest.py): the production cost (~0.1 s a
    hash, by design) would make every sign-in in the suite slow. Same algorithm, same format."""

    time_cost = 1
    memory_cost = 8
    parallelism = 1


@cache
def _password_hash() -> str:
    return make_password(PASSWORD)


def make_facility(code: str | None = None, name: str | None = None) -> Facility:
    n = next(_sequence)
    authority, _ = SupervisingAuthority.objects.get_or_create(
        name="Công an tỉnh Lào Cai", defaults={"province": "Lào Cai"}
    )
    return Facility.objects.create(
        code=code or f"facility-{n}",
        name=name or f"Cơ sở cai nghiện ma túy số {n}",
        province="Lào Cai",
        supervising_authority=authority,
    )


def make_user(role: Role | str, *facilities: Facility, username: str | None = None) -> User:
    """A staff member holding `role` in each of `facilities`; the password is PASSWORD."""
    user = User.objects.create(
        username=username or f"{role}-{next(_sequence)}", password=_password_hash(), full_name=f"Cán bộ {role}"
    )
    for facility in facilities:
        Membership.objects.create(user=user, facility=facility, role=role)
    return user


def make_resident(facility: Facility, full_name: str = "Nguyễn Văn Hùng", **fields: object) -> Resident:
    n = next(_sequence)
    fields.setdefault("record_number", f"HV-{n:05d}")
    fields.setdefault("date_of_birth", date(1990, 5, 17))
    fields.setdefault("sex", "male")
    fields.setdefault("citizen_id", f"0{n:011d}")
    resident = Resident(facility=facility, full_name=full_name, **fields)
    resident.build_search_text()
    resident.save()
    return resident


def make_episode(resident: Resident, **fields: object) -> Episode:
    fields.setdefault("kind", EpisodeKind.COMPULSORY)
    fields.setdefault("stage", Stage.RECEPTION)
    fields.setdefault("admitted_on", date(2026, 1, 5))
    fields.setdefault("stage_since_on", fields["admitted_on"])
    fields.setdefault("term_months", 24)
    return Episode.objects.create(resident=resident, facility=resident.facility, **fields)


def make_totp_device(user: User, *, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=confirmed)


def totp_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's authenticator app shows now (or `steps_ahead` periods later: a device
    refuses a code it has already accepted, and accepts the next period's within its tolerance)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def vietnamese(message: str | Promise) -> str:
    """A message as a user of the default language reads it (the English text until translated)."""
    with translation.override("vi"):
        return translation.gettext(message) if isinstance(message, str) else str(message)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def verified_client_for(user: User) -> Client:
    """A client signed in with the second factor done (a TOTP device is made if the user has none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or make_totp_device(user)
    client = client_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@contextmanager
def append_only_suspended() -> Iterator[None]:
    """The audit trail's append-only triggers switched off, for a test that tampers with the
    trail on purpose (SQLite: drop and re-create them; PostgreSQL: disable and enable them)."""
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE refuses while deferred foreign-key checks are pending: run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            try:
                yield
            finally:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        try:
            yield
        finally:
            for _name, sql in triggers:
                cursor.execute(sql)


def card_on(response: Any, key: str) -> dict[str, Any] | None:
    """The figures of the home page's card `key` (e.g. "residents.census"), None if not shown."""
    for shown in response.context["cards"]:
        if shown.card.key == key:
            return shown.context
    return None


def streamed(response: Any) -> bytes:
    """The body of a streaming response (a file download), read whole."""
    return b"".join(response.streaming_content)
