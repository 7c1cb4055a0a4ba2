"""Post-rehab management at the commune or ward (Law 73/2021 art. 40): follow-up notes, and the
end of the period. A relapse is a new admission (`admit_resident` ends the aftercare)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.audit.writes import audited_write
from hoanhap.core.dates import check_not_before, check_not_future
from hoanhap.core.locking import locked
from hoanhap.core.state import Move, StateMachine

from ..errors import DomainError
from ..models import Aftercare, AftercareNote
from .common import record_timeline_event, require_manage

# The aftercare's status: ended once its period is over, or by a relapse (a new admission).
AFTERCARE_STATES = StateMachine(
    "residents.aftercare",
    moves={
        "close": Move(source={Aftercare.Status.OPEN}, target=Aftercare.Status.CLOSED),
        "relapse": Move(source={Aftercare.Status.OPEN}, target=Aftercare.Status.RELAPSED),
    },
    status_label=lambda value: Aftercare.Status(value).label,
    refusal=_("This aftercare has ended."),
)


def _open(aftercare: Aftercare) -> Aftercare:
    aftercare = locked(aftercare)
    if aftercare.status != Aftercare.Status.OPEN:
        raise DomainError(_("This aftercare has ended."), code="aftercare_closed")
    return aftercare


@audited_write(event="residents.aftercare_note_added")
def add_aftercare_note(*, actor: User, aftercare: Aftercare, noted_on: date, text: str) -> AftercareNote:
    require_manage(actor, aftercare.facility_id)
    aftercare = _open(aftercare)
    if not text.strip():
        raise DomainError(_("Write the note."), code="required", field="text")
    check_not_future(noted_on, field="noted_on")
    check_not_before(noted_on, aftercare.starts_on, field="noted_on")
    note = AftercareNote.objects.create(
        facility_id=aftercare.facility_id, aftercare=aftercare, noted_on=noted_on, text=text.strip(), author=actor
    )
    record_timeline_event(
        actor=actor,
        resident=aftercare.resident,
        kind="residents.aftercare_note",
        occurred_on=noted_on,
        summary=note.text[:200],
        episode=aftercare.episode,
        facility_id=aftercare.facility_id,
        source=note,
    )
    return note


@audited_write(event="residents.aftercare_closed")
def close_aftercare(*, actor: User, aftercare: Aftercare, closed_on: date) -> Aftercare:
    """End the management once its legal period is over."""
    require_manage(actor, aftercare.facility_id)
    aftercare = _open(aftercare)
    check_not_future(closed_on, field="closed_on")
    if closed_on < aftercare.ends_on:
        raise DomainError(
            _("The aftercare period runs until %(date)s; it cannot end before."),
            code="aftercare_not_over",
            field="closed_on",
            date=f"{aftercare.ends_on:%d/%m/%Y}",
        )
    AFTERCARE_STATES.move(aftercare, "close")
    aftercare.closed_on = closed_on
    aftercare.save()
    record_timeline_event(
        actor=actor,
        resident=aftercare.resident,
        kind="residents.aftercare_closed",
        occurred_on=closed_on,
        episode=aftercare.episode,
        facility_id=aftercare.facility_id,
        source=aftercare,
    )
    return aftercare
