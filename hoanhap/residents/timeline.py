"""The residents app's timeline kinds, registered in `apps.py` (hoanhap.core.registry): the
resident page labels any row of the journal by its kind, whichever module wrote it."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hoanhap.core import registry

PREFIX = "residents."

TIMELINE_KINDS: dict[str, Promise] = {
    "residents.registered": _("Registered"),
    "residents.identity_changed": _("Identity updated"),
    "residents.admitted": _("Admitted"),
    "residents.room_assigned": _("Room assigned"),
    "residents.checklist": _("Reception task done"),
    "residents.stage_changed": _("Stage changed"),
    "residents.conduct_graded": _("Monthly conduct grade"),
    "residents.leave": _("Funeral leave"),
    "residents.abscondence": _("Absconded"),
    "residents.return": _("Returned"),
    "residents.term_reduction": _("Term reduced"),
    "residents.suspension": _("Suspended"),
    "residents.exemption": _("Exempted"),
    "residents.hospital": _("Transferred to hospital"),
    "residents.transfer_out": _("Transferred to another facility"),
    "residents.transfer_in": _("Received by transfer"),
    "residents.death": _("Died"),
    "residents.completion": _("Completed rehab"),
    "residents.discharge": _("Discharged"),
    "residents.aftercare_started": _("Handed over for aftercare"),
    "residents.aftercare_note": _("Aftercare follow-up"),
    "residents.aftercare_closed": _("Aftercare ended"),
    "residents.relapse": _("Relapse"),
    "residents.roster_import": _("Imported from a roster file"),
}

AUDIT_EVENTS: dict[str, Promise] = {
    "residents.resident_admitted": _("Resident admitted"),
    "residents.room_assigned": _("Room assigned"),
    "residents.checklist_item_ticked": _("Reception task ticked"),
    "residents.aftercare_note_added": _("Aftercare follow-up noted"),
    "residents.aftercare_closed": _("Aftercare ended"),
    "residents.exemption_recorded": _("Exemption recorded"),
    "residents.death_recorded": _("Death recorded"),
    "residents.transfer_recorded": _("Transfer to another facility recorded"),
    "residents.episode_completed": _("Rehab completed, certificate issued"),
    "residents.discharge_recorded": _("Early release recorded"),
    "residents.leave_recorded": _("Leave recorded"),
    "residents.abscondence_recorded": _("Abscondence recorded"),
    "residents.return_recorded": _("Return recorded"),
    "residents.term_reduction_recorded": _("Term reduction recorded"),
    "residents.suspension_recorded": _("Suspension recorded"),
    "residents.hospital_transfer_recorded": _("Transfer to hospital recorded"),
    "residents.resident_registered": _("Resident registered"),
    "residents.identity_updated": _("Identity updated"),
    "residents.stage_changed": _("Stage changed"),
    "residents.conduct_graded": _("Monthly conduct grade recorded"),
    "residents.conduct_grades_recorded": _("Grading sheet saved"),
    "residents.list_exported": _("Resident list exported"),
    "residents.roster_imported": _("Roster imported"),
}

# The keys the roster import and the export wrote in `additional_data` before the event column.
LEGACY_AUDIT_EVENTS: dict[str, tuple[str, ...]] = {
    "residents.list_exported": ("residents.export",),
    "residents.roster_imported": ("residents.roster_import",),
}


def label_for(kind: str) -> Promise | str:
    return registry.timeline_kinds.get(kind).label if kind in registry.timeline_kinds else kind
