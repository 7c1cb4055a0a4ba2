"""The demo facilities as the history builder sees them: rooms to hand out, the staff member
who records events, running numbers; and which zone a person lives in."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from random import Random

from hoanhap.accounts.models import User
from hoanhap.core.models import Facility, Room, Zone
from hoanhap.residents.models import CompletionCertificate, Sex
from hoanhap.residents.terms import EpisodeKind, Stage

from . import ids

MEDICAL_ISOLATION_SHARE = 0.01


class Beds:
    """The rooms of one facility by zone kind. Hands out the emptiest room of a kind, so rooms
    fill evenly; the layout leaves enough headroom that none has to take more than its beds."""

    def __init__(self, rooms: Iterable[Room]) -> None:
        self._rooms: dict[str, list[Room]] = defaultdict(list)
        for room in rooms:
            self._rooms[room.zone.kind].append(room)
        # Per zone kind, a heap of (people in the room, index of the room).
        self._heaps = {kind: [(0, i) for i in range(len(rooms))] for kind, rooms in self._rooms.items()}

    def take(self, zone_kind: str) -> Room:
        heap = self._heaps[zone_kind]
        occupancy, index = heapq.heappop(heap)
        heapq.heappush(heap, (occupancy + 1, index))
        return self._rooms[zone_kind][index]

    def any_room(self, zone_kind: str, rng: Random) -> Room:
        """A room a closed episode once had: it holds no bed today."""
        return rng.choice(self._rooms[zone_kind])


@dataclass
class Site:
    """A facility with its rooms, the staff member who records its events and its running numbers."""

    facility: Facility
    beds: Beds
    recorder: User
    director_name: str
    # People in rehab the facility is sized for.
    size: int = 0
    record_numbers: dict[int, int] = field(default_factory=dict)
    certificate_numbers: dict[int, int] = field(default_factory=dict)

    # Rows are built with the ids of saved rows, cheaper than assigning the instances. (The
    # unsaved sample site of generator.in_rehab_share has none: its rows are never saved.)
    @property
    def facility_id(self) -> int:
        return self.facility.pk

    @property
    def recorder_id(self) -> int:
        return self.recorder.pk

    @property
    def director_title(self) -> str:
        return f"Giám đốc {self.facility.name}"

    def next_record_number(self, year: int) -> str:
        self.record_numbers[year] = self.record_numbers.get(year, 0) + 1
        return ids.record_number(year, self.record_numbers[year])

    def next_certificate(self, year: int) -> tuple[int, str]:
        self.certificate_numbers[year] = sequence = self.certificate_numbers.get(year, 0) + 1
        return sequence, CompletionCertificate.format_number(sequence=sequence, year=year)


def zone_kind(rng: Random, *, kind: EpisodeKind, sex: str, stage: Stage) -> str:
    """Minors, then women, live apart (as services.admission.required_zone_kind requires); men in
    reception and detox live in the detox zone, a few in medical isolation."""
    if kind == EpisodeKind.COMPULSORY_MINOR:
        return Zone.Kind.MINORS
    if sex == Sex.FEMALE:
        return Zone.Kind.WOMEN
    if stage in (Stage.RECEPTION, Stage.DETOX):
        return Zone.Kind.DETOX
    if rng.random() < MEDICAL_ISOLATION_SHARE:
        return Zone.Kind.MEDICAL
    return Zone.Kind.GENERAL
