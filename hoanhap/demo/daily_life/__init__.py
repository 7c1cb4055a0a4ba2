"""Daily life in the demo: a term's worth of classes, work logs, visits, events and supplies at each
facility, for the residents the residents' history left in rehab. Synthetic, like the rest. Each
area seeds itself (`<area>.seed`), given the same `DemoWorld`, and returns how many rows it wrote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from hoanhap.accounts.models import User
from hoanhap.core.models import Facility

from . import courses, entitlements, events, labour, visits

AREAS = (courses, labour, visits, events, entitlements)


@dataclass
class DemoWorld:
    rng: Random
    facilities: list[Facility]
    # The demo accounts by username ("giaoduc" the teacher, "todoi" the team leader, "thamgap" the
    # visit officer, "quanly" the resident manager, "giamdoc" the director) — all of facility 1 but
    # the directors of the others ("giamdoc2", …).
    staff: dict[str, User]
    today: date


def seed(world: DemoWorld) -> int:
    return sum(area.seed(world) for area in AREAS)
