"""Every write of the residents app: keyword-only, typed, given the acting user, one transaction
each, with its timeline row and (through django-auditlog) its audit entries.

Rule refusals raise `errors.DomainError` (a message a user can read, and its field); writing
without MANAGE_RESIDENTS in the record's facility raises PermissionDenied.
"""

from .admission import TermBounds, admit_resident, assign_room, term_bounds, tick_checklist_item
from .aftercare import add_aftercare_note, close_aftercare
from .closing import complete_episode, discharge_episode, record_death, record_exemption, record_transfer
from .common import record_timeline_event, record_timeline_events
from .events import (
    record_abscondence,
    record_hospital_transfer,
    record_leave,
    record_return,
    record_suspension,
    record_term_reduction,
)
from .legal_events import EVENT_SERVICES, record_legal_event
from .registration import (
    ContactData,
    allocate_record_numbers,
    next_record_number,
    register_resident,
    update_resident,
)
from .specs import EPISODE_STATES, EVENT_SPECS, EventSpec
from .stages import move_stage, record_conduct_grade
from .status import allowed_events

__all__ = [
    "EPISODE_STATES",
    "EVENT_SERVICES",
    "EVENT_SPECS",
    "ContactData",
    "EventSpec",
    "TermBounds",
    "add_aftercare_note",
    "admit_resident",
    "allocate_record_numbers",
    "allowed_events",
    "assign_room",
    "close_aftercare",
    "complete_episode",
    "discharge_episode",
    "move_stage",
    "next_record_number",
    "record_abscondence",
    "record_conduct_grade",
    "record_death",
    "record_exemption",
    "record_hospital_transfer",
    "record_leave",
    "record_legal_event",
    "record_return",
    "record_suspension",
    "record_term_reduction",
    "record_timeline_event",
    "record_timeline_events",
    "record_transfer",
    "register_resident",
    "term_bounds",
    "tick_checklist_item",
    "update_resident",
]
