"""The room and bed board: a facility's zones, their rooms and who sleeps in each, read in two
queries whatever the number of rooms (the rooms with their zone, the open episodes with a room)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from hoanhap.core.models import Room, Zone

from ..models import Episode
from .scope import OPEN_STATUSES


@dataclass
class BoardRoom:
    room: Room
    occupants: list[Episode] = field(default_factory=list)

    @property
    def free_beds(self) -> int:
        return self.room.capacity - len(self.occupants)

    @property
    def is_over_capacity(self) -> bool:
        return self.free_beds < 0


@dataclass
class BoardZone:
    zone: Zone
    rooms: list[BoardRoom] = field(default_factory=list)

    @property
    def is_apart(self) -> bool:
        """Minors and women live apart (Law 73/2021, art. 31): the board marks their zones."""
        return self.zone.kind in (Zone.Kind.MINORS, Zone.Kind.WOMEN)

    @property
    def capacity(self) -> int:
        return sum(room.room.capacity for room in self.rooms)

    @property
    def occupied(self) -> int:
        return sum(len(room.occupants) for room in self.rooms)

    @property
    def free_beds(self) -> int:
        return sum(max(room.free_beds, 0) for room in self.rooms)


def room_board(*, facility_id: int, zone_id: int | None = None) -> list[BoardZone]:
    rooms = Room.objects.filter(facility_id=facility_id).select_related("zone").order_by("zone__name", "name")
    episodes = (
        Episode.objects.filter(facility_id=facility_id, status__in=OPEN_STATUSES, room__isnull=False)
        .select_related("resident")
        .only("id", "room_id", "status", "resident__full_name", "resident__record_number", "resident__id")
        .order_by("resident__full_name", "id")
    )
    if zone_id is not None:
        rooms, episodes = rooms.filter(zone_id=zone_id), episodes.filter(room__zone_id=zone_id)
    by_room: dict[int, list[Episode]] = defaultdict(list)
    for episode in episodes:
        by_room[episode.room_id].append(episode)  # type: ignore[index]
    zones: dict[int, BoardZone] = {}
    for room in rooms:
        board_zone = zones.setdefault(room.zone_id, BoardZone(zone=room.zone))
        board_zone.rooms.append(BoardRoom(room=room, occupants=by_room.get(room.pk, [])))
    return list(zones.values())
