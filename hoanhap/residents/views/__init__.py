"""Pages of the residents app. Each view checks access, validates a form, calls one service or
selector and renders or redirects; a rule's refusal comes back beside its field. Every page about
one resident goes through `shows_resident` (404 outside the user's facilities, access logged)."""

from .episode import (
    admission_rooms,
    admission_term,
    admit,
    aftercare_close,
    aftercare_note,
    change_room,
    conduct_grade,
    legal_event,
    move_stage,
    tick_checklist,
)
from .identity import edit, photo, register
from .lists import absconded, overdue_in_stage, releases_due, resident_list
from .page import resident_detail

__all__ = [
    "absconded",
    "admission_rooms",
    "admission_term",
    "admit",
    "aftercare_close",
    "aftercare_note",
    "change_room",
    "conduct_grade",
    "edit",
    "legal_event",
    "move_stage",
    "overdue_in_stage",
    "photo",
    "register",
    "releases_due",
    "resident_detail",
    "resident_list",
    "tick_checklist",
]
