"""Builders for the residents tests: zones and rooms, a resident registered and admitted through
the services, and a citizen ID number that matches a date of birth."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from hoanhap.accounts.models import User
from hoanhap.core.models import Facility, Room, Zone
from hoanhap.residents import services
from hoanhap.residents.models import Episode, Resident

_sequence = itertools.count(1)


def citizen_id_for(date_of_birth: date, sex: str = "male", *, province: str = "010", serial: int | None = None) -> str:
    """A well-formed number: province, sex-and-century digit, year of birth, six serial digits."""
    century_digit = {(1900, "male"): 0, (1900, "female"): 1, (2000, "male"): 2, (2000, "female"): 3}
    digit = century_digit[(date_of_birth.year // 100 * 100, sex)]
    return f"{province}{digit}{date_of_birth.year % 100:02d}{serial or next(_sequence):06d}"


def make_zone(facility: Facility, kind: str = Zone.Kind.GENERAL, name: str | None = None) -> Zone:
    return Zone.objects.create(facility=facility, kind=kind, name=name or f"Khu {kind} {next(_sequence)}")


def make_room(zone: Zone, name: str | None = None, capacity: int = 20) -> Room:
    return Room.objects.create(
        facility_id=zone.facility_id, zone=zone, name=name or f"P{next(_sequence)}", capacity=capacity
    )


def register(actor: User, facility: Facility, full_name: str = "Nguyễn Văn Hùng", **identity: Any) -> Resident:
    identity.setdefault("date_of_birth", date(1990, 5, 17))
    identity.setdefault("sex", "male")
    identity.setdefault("citizen_id", citizen_id_for(identity["date_of_birth"], identity["sex"]))
    return services.register_resident(
        actor=actor,
        facility=facility,
        identity={"full_name": full_name, **identity},
        confirmed_different_person=True,
    )


def admit(actor: User, resident: Resident, room: Room, **fields: Any) -> Episode:
    """Compulsory by default: a court decision of 05/01/2026, 24 months, admitted that day."""
    compulsory = fields.pop("compulsory", True)
    fields.setdefault("admitted_on", date(2026, 1, 5))
    if compulsory:
        fields.setdefault("decision_number", "12/2026/QĐ-TA")
        fields.setdefault("decision_on", fields["admitted_on"])
        fields.setdefault("decided_by", "Tòa án nhân dân khu vực 1 – Lào Cai")
        fields.setdefault("term_months", 24)
    else:
        fields.setdefault("requested_on", fields["admitted_on"])
        fields.setdefault("term_months", 12)
    return services.admit_resident(
        actor=actor, resident=resident, compulsory=compulsory, zone=room.zone, room=room, **fields
    )


def tick_all(actor: User, episode: Episode, on: date | None = None) -> None:
    for item in episode.checklist.all():
        services.tick_checklist_item(actor=actor, item=item, done=True, done_on=on or episode.admitted_on)
