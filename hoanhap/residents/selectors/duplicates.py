"""People already on file who may be the one being registered."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hoanhap.accounts.models import User
from hoanhap.core.text import fold

from ..models import Resident
from .scope import residents_visible_to


def possible_duplicates(user: User, *, citizen_id: str, full_name: str, date_of_birth: date) -> list[Resident]:
    """People the user can see with the same ID number, or the same folded name and birth date."""
    key = same_person_key(full_name, date_of_birth)
    same_birth = residents_visible_to(user).filter(date_of_birth=date_of_birth)
    found = {
        resident.pk: resident
        for resident in same_birth
        if same_person_key(resident.full_name, resident.date_of_birth) == key
    }
    if citizen_id:
        found.update({resident.pk: resident for resident in residents_visible_to(user).filter(citizen_id=citizen_id)})
    return sorted(found.values(), key=lambda resident: resident.pk)


def same_person_key(full_name: str, date_of_birth: date) -> tuple[str, date]:
    """The rule of `possible_duplicates`: the same name (case and accents aside) born the same day."""
    return fold(full_name), date_of_birth


def facility_residents_like(facility_id: int, people: Iterable[tuple[str, date]]) -> dict[tuple[str, date], Resident]:
    """For a whole roster at once: the facility's resident for each (name, birth date) that may be
    the same person (`same_person_key`), one query per 500 birth dates. An import writes into one
    facility, so it looks there, whoever imports."""
    wanted = {same_person_key(name, born) for name, born in people}
    births = sorted({born for _name, born in wanted})
    found: dict[tuple[str, date], Resident] = {}
    for start in range(0, len(births), 500):
        same_birth = Resident.objects.filter(facility_id=facility_id, date_of_birth__in=births[start : start + 500])
        for resident in same_birth.only("pk", "full_name", "date_of_birth", "record_number").order_by("pk"):
            key = same_person_key(resident.full_name, resident.date_of_birth)
            if key in wanted:
                found.setdefault(key, resident)
    return found
