"""People already on file who may be the one being registered."""

from __future__ import annotations

from datetime import date

from hoanhap.accounts.models import User
from hoanhap.core.text import fold

from ..models import Resident
from .scope import residents_visible_to


def possible_duplicates(user: User, *, citizen_id: str, full_name: str, date_of_birth: date) -> list[Resident]:
    """People the user can see with the same ID number, or the same folded name and birth date."""
    folded = fold(full_name)
    same_birth = residents_visible_to(user).filter(date_of_birth=date_of_birth)
    found = {resident.pk: resident for resident in same_birth if fold(resident.full_name) == folded}
    if citizen_id:
        found.update({resident.pk: resident for resident in residents_visible_to(user).filter(citizen_id=citizen_id)})
    return sorted(found.values(), key=lambda resident: resident.pk)
