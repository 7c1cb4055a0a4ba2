"""Builders for tests: facilities, staff with a role, residents. Plain functions, no magic."""

import itertools
from datetime import date

from django.test import Client

from hoanhap.accounts.models import Membership, User
from hoanhap.accounts.roles import Role
from hoanhap.core.models import Facility, SupervisingAuthority
from hoanhap.residents.models import Episode, Resident
from hoanhap.residents.terms import EpisodeKind, Stage

PASSWORD = "correct-horse-battery-42"
_sequence = itertools.count(1)


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
    user = User.objects.create_user(
        username=username or f"{role}-{next(_sequence)}", password=PASSWORD, full_name=f"Cán bộ {role}"
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


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
