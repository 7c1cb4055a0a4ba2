"""The kinds of timeline events, in one registry: every module adds its kinds here (or through
`register`) so the resident page can label any row of the journal it reads."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TIMELINE_KINDS: dict[str, Promise] = {
    "registered": _("Registered"),
    "identity_changed": _("Identity updated"),
    "admitted": _("Admitted"),
    "room_assigned": _("Room assigned"),
    "checklist": _("Reception task done"),
    "stage_changed": _("Stage changed"),
    "conduct_graded": _("Monthly conduct grade"),
    "leave": _("Funeral leave"),
    "abscondence": _("Absconded"),
    "return": _("Returned"),
    "term_reduction": _("Term reduced"),
    "postponement": _("Postponed"),
    "exemption": _("Exempted"),
    "hospital": _("Transferred to hospital"),
    "transfer_out": _("Transferred to another facility"),
    "transfer_in": _("Received by transfer"),
    "death": _("Died"),
    "completion": _("Completed rehab"),
    "discharge": _("Discharged"),
    "aftercare_started": _("Handed over for aftercare"),
    "aftercare_note": _("Aftercare follow-up"),
    "aftercare_closed": _("Aftercare ended"),
    "relapse": _("Relapse"),
    "roster_import": _("Imported from a roster file"),
}


def register(kind: str, label: Promise) -> None:
    """For other modules (care, daily life): add a kind once, at import time of their services."""
    TIMELINE_KINDS.setdefault(kind, label)


def label_for(kind: str) -> Promise | str:
    return TIMELINE_KINDS.get(kind, kind)
