"""Importing a centre's existing roster of residents from an Excel workbook (.xlsx).

Three steps; the views only carry the file between them:

1. `sheet.store_upload` keeps the uploaded file privately; `sheet.read_header` finds its header row.
2. `sheet.suggest_mapping` proposes which column fills which field; `sheet.check_mapping` refuses a
   mapping that misses a required field or fills one twice.
3. `checks.check_roster` reads every row and lists each problem with its row number;
   `import_roster` checks again and writes every row in one transaction, or nothing.

The import is an audited write ("residents.roster_imported"). Its rows are written with
`bulk_create`, which bypasses django-auditlog's signals, so it writes one audit entry for the whole
file (`record_bulk_write`: action "create" on the facility, with the file name, the row count and
the new residents' ids), and each new resident gets a timeline event pointing to that entry.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import has_capability
from hoanhap.audit.models import AuditEntry
from hoanhap.audit.writes import CREATE, audited_write, record_bulk_write
from hoanhap.core import clock
from hoanhap.core.locking import lock_row
from hoanhap.core.models import Facility

from .. import planning
from ..models import Episode, Resident, StagePlan, TimelineEvent
from ..selectors import stage_lengths_for
from ..services.registration import allocate_record_numbers
from ..terms import STAGE_ORDER, Stage, expected_release_on
from .checks import RosterDefaults, RosterRejected, check_roster, collector_paused, kinds_accepted

BATCH_SIZE = 500
TIMELINE_KIND = "residents.roster_import"
AUDIT_EVENT = "residents.roster_imported"


@dataclass(frozen=True)
class RosterImported:
    count: int
    audit_entry: AuditEntry
    seconds: float


def _resident(facility: Facility, values: Mapping[str, Any]) -> Resident:
    resident = Resident(
        facility=facility,
        record_number=values["record_number"],
        full_name=values["full_name"],
        other_names=values["other_names"],
        date_of_birth=values["date_of_birth"],
        sex=values["sex"],
        ethnicity=values["ethnicity"],
        citizen_id=values["citizen_id"],
        permanent_province=values["permanent_province"],
        permanent_commune=values["permanent_commune"],
        permanent_address=values["permanent_address"],
    )
    resident.build_search_text()
    return resident


def _episode(resident: Resident, values: Mapping[str, Any], *, facility_plan: dict[str, int], today: date) -> Episode:
    """An open episode as the roster row describes it. The release date follows from the admission
    and the term (terms.expected_release_on; nothing credited or stopped is known yet). When the row
    does not say since when the resident is in the current stage, the facility's stage plan says
    when that stage should have started (`planning`), at most today: the admission date would put
    every later-stage resident on the "overdue in a stage" list."""
    admitted_on = values["admitted_on"]
    episode = Episode(
        facility_id=resident.facility_id,
        resident=resident,
        kind=values["kind"],
        stage=values["stage"],
        stage_since_on=admitted_on,
        admitted_on=admitted_on,
        term_months=values["term_months"],
        decision_number=values["decision_number"],
        decision_on=values["decision_on"],
        decided_by=values["decided_by"],
        prior_compulsory_count=values["prior_compulsory_count"],
        expected_release_on=expected_release_on(start_on=admitted_on, term_months=values["term_months"]).expected_on,
    )
    lengths = stage_lengths_for(episode, facility_plan=facility_plan)
    stage_since_on = values.get("stage_since_on")
    if stage_since_on is None:
        earlier = STAGE_ORDER[: STAGE_ORDER.index(Stage(episode.stage))]
        stage_since_on = min(admitted_on + timedelta(days=sum(lengths[stage] for stage in earlier)), today)
    episode.stage_since_on = stage_since_on
    # The plan ends on the release date, as for an episode admitted through the pages.
    episode.stage_planned_end_on = planning.stage_planned_end_on(
        stage=episode.stage, stage_since_on=stage_since_on, lengths=lengths, ends_on=episode.expected_release_on
    )
    return episode


@audited_write(event=AUDIT_EVENT)
def import_roster(
    *,
    actor: User,
    facility: Facility,
    path: Path,
    mapping: Mapping[int, str],
    file_name: str,
    today: date | None = None,
    defaults: RosterDefaults | None = None,
    accepted: frozenset[str] = frozenset(),
) -> RosterImported:
    """Check the roster again and create a resident with an open episode for every row, all in one
    transaction; any problem, or a warning not in `accepted` (keys "row:code", or "*:code" for
    every warning of a kind), raises
    `RosterRejected` (with every problem listed) and writes nothing. `defaults` fill what the rows
    leave blank; a row without a record number gets the facility's next. Only a user who manages the
    facility's residents may import into it."""
    if not has_capability(actor, Capability.MANAGE_RESIDENTS, facility.pk):
        raise PermissionDenied
    started = time.perf_counter()
    today = today or clock.today()
    try:
        # A savepoint: a record number taken meanwhile undoes the rows, and the file is checked again.
        with collector_paused(), transaction.atomic():
            entry, count = _write_roster(
                actor=actor,
                facility=facility,
                path=path,
                mapping=mapping,
                file_name=file_name,
                today=today,
                defaults=defaults,
                accepted=accepted,
            )
    except IntegrityError:
        # Someone took one of the record numbers between the check and the write: say which.
        rechecked = check_roster(path=path, mapping=mapping, facility=facility, today=today, defaults=defaults)
        if rechecked.errors:
            raise RosterRejected(rechecked) from None
        raise
    return RosterImported(count=count, audit_entry=entry, seconds=time.perf_counter() - started)


def _write_roster(
    *,
    actor: User,
    facility: Facility,
    path: Path,
    mapping: Mapping[int, str],
    file_name: str,
    today: date,
    defaults: RosterDefaults | None,
    accepted: frozenset[str],
) -> tuple[AuditEntry, int]:
    checked = check_roster(path=path, mapping=mapping, facility=facility, today=today, defaults=defaults)
    if checked.errors or checked.unaccepted(accepted):
        raise RosterRejected(checked)
    unnumbered = [row for row in checked.rows if not row.values.get("record_number")]
    if unnumbered:
        lock_row(Facility, facility.pk)  # the facility's numbering, as at registration
        given = (row.values["record_number"] for row in checked.rows if row.values.get("record_number"))
        for row, number in zip(
            unnumbered, allocate_record_numbers(facility, len(unnumbered), reserved=given), strict=True
        ):
            row.values["record_number"] = number
    residents = [_resident(facility, row.values) for row in checked.rows]
    Resident.objects.bulk_create(residents, batch_size=BATCH_SIZE)
    facility_plan = dict(StagePlan.objects.filter(facility=facility).values_list("stage", "days"))
    episodes = [
        _episode(resident, row.values, facility_plan=facility_plan, today=today)
        for resident, row in zip(residents, checked.rows, strict=True)
    ]
    Episode.objects.bulk_create(episodes, batch_size=BATCH_SIZE)
    entry = record_bulk_write(
        scope=facility,
        action=CREATE,
        # Lazy: the entry is written in the site's language, whatever the user's.
        summary=lazy(lambda: _("Roster import: %(file)s") % {"file": file_name}, str)(),
        facility_id=facility.pk,
        data={
            "file_name": file_name,
            "count": len(residents),
            "resident_ids": [resident.pk for resident in residents],
            "defaults": {key: str(value) for key, value in (defaults.as_cells() if defaults else {}).items()},
            "accepted_warnings": [
                {"row": warning.row, "code": warning.code, "message": warning.message} for warning in checked.warnings
            ],
            "accepted_kinds": kinds_accepted(accepted),
        },
    )
    TimelineEvent.objects.bulk_create(
        [
            TimelineEvent(
                facility_id=facility.pk,
                resident=resident,
                episode=episode,
                kind=TIMELINE_KIND,
                occurred_on=today,
                summary=file_name[:300],
                actor=actor,
                source_type="audit.auditentry",
                source_id=entry.pk,
            )
            for resident, episode in zip(residents, episodes, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    return entry, len(residents)
