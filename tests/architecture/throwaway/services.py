"""The module's one write: an audited service that journals on the resident's timeline through
the residents app's services (a domain app reaches another only through its services or selectors)."""

from datetime import date

from hoanhap.accounts.models import User
from hoanhap.audit.writes import UPDATE, audited_write, record_bulk_write
from hoanhap.residents.services import record_timeline_event

from .apps import EVENT


@audited_write(event=EVENT)
def log_visit(*, actor: User, resident, on: date) -> None:  # type: ignore[no-untyped-def]
    record_timeline_event(actor=actor, resident=resident, kind=EVENT, occurred_on=on, summary="2 relatives")
    record_bulk_write(
        scope=resident, action=UPDATE, summary="Visit logged", facility_id=resident.facility_id, data={"count": 1}
    )
