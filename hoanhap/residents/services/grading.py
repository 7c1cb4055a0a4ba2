"""The grading sheet: a zone's monthly conduct grades (Circular 29/2022/TT-BLĐTBXH) saved in one
transaction, every row checked by the same rules as one grade (`stages.parse_grade`,
`stages.check_grade_month`), all saved or none. About 400 residents a month per facility: the
existing grades are read in one query, written with bulk_create and one update per grade, the batch filed as one
audit entry (`record_bulk_write`) and the timeline rows written in bulk."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.audit.writes import UPDATE, audited_write, record_bulk_write
from hoanhap.core.dates import check_not_future
from hoanhap.core.errors import StaleVersion
from hoanhap.core.models import Facility

from ..errors import DomainError
from ..models import ConductGrade, Episode, TimelineEvent
from .common import require_manage
from .stages import check_grade_month, grade_summary, parse_grade

AUDIT_EVENT = "residents.conduct_grades_recorded"
TIMELINE_KIND = "residents.conduct_graded"


class GradesRefused(DomainError):
    """Some rows of the sheet are refused: `errors` maps each episode id to its message."""

    def __init__(self, message: Any, *, errors: Mapping[int, Any], code: str = "rows_refused") -> None:
        super().__init__(message, code=code)
        self.errors = dict(errors)


@audited_write(event=AUDIT_EVENT)
def record_conduct_grades(
    *,
    actor: User,
    facility_id: int,
    month: date,
    grades: Mapping[int, str],
    expected: Mapping[int, str] | None = None,
) -> int:
    """Grade `month` for each episode in `grades` (episode id → grade value; a blank value is left
    ungraded). `expected` is the grade each row showed when the sheet was opened ("" for none):
    a row someone else graded since raises StaleVersion. Returns how many grades changed."""
    require_manage(actor, facility_id)
    month = month.replace(day=1)
    try:
        check_not_future(month, field="month")
    except DomainError as error:
        raise GradesRefused(error.message, errors={}, code=error.code) from None
    wanted = {int(episode_id): value for episode_id, value in grades.items() if value}
    episodes = Episode.objects.filter(facility_id=facility_id, pk__in=wanted).select_related("resident").in_bulk()
    existing = {
        row.episode_id: row
        for row in ConductGrade.objects.select_for_update().filter(episode_id__in=wanted, month=month)
    }
    errors: dict[int, Any] = {}
    checked = {}
    for episode_id, value in wanted.items():
        episode = episodes.get(episode_id)
        try:
            if episode is None:
                raise DomainError(_("This resident is not in rehab at this facility."), code="not_found")
            checked[episode_id] = parse_grade(value)
            check_grade_month(episode, month)
        except DomainError as error:
            errors[episode_id] = str(error)
    if errors:
        raise GradesRefused(_("Some rows are refused: nothing was saved. Correct them and save again."), errors=errors)
    if expected is not None:
        _check_unchanged_since_opened(existing, expected)

    now = timezone.now()
    created, updated = [], []
    for episode_id, grade in checked.items():
        row = existing.get(episode_id)
        if row is None:
            created.append(
                ConductGrade(
                    facility_id=facility_id, episode_id=episode_id, month=month, grade=grade, recorded_by=actor
                )
            )
        elif row.grade != grade:
            row.grade, row.recorded_by, row.updated_at = grade, actor, now
            updated.append(row)
    try:
        ConductGrade.objects.bulk_create(created, batch_size=500)
    except IntegrityError:
        # Someone graded one of these residents for this month between our read and our write.
        raise StaleVersion(
            _("Someone else saved grades for this month meanwhile. Reload the sheet."), code="stale"
        ) from None
    # One UPDATE per grade (at most four), far cheaper than bulk_update's CASE over every row.
    for value in {row.grade for row in updated}:
        ConductGrade.objects.filter(pk__in=[row.pk for row in updated if row.grade == value]).update(
            grade=value, recorded_by=actor, updated_at=now
        )
    changed = created + updated
    if not changed:
        return 0
    corrected = {row.pk for row in updated}
    summary = {"month": f"{month:%m/%Y}", "count": len(changed)}
    record_bulk_write(
        scope=Facility.objects.get(pk=facility_id),
        action=UPDATE,
        # Lazy: the entry is written in the site's language, whatever the user's.
        summary=lazy(lambda: gettext("Conduct grades for %(month)s: %(count)s residents") % summary, str)(),
        facility_id=facility_id,
        data={
            "month": month.isoformat(),
            "count": len(changed),
            "grades": [
                {
                    "episode_id": row.episode_id,
                    "resident_id": episodes[row.episode_id].resident_id,
                    "grade": str(row.grade),
                    "is_correction": row.pk in corrected,
                }
                for row in changed
            ],
        },
    )
    TimelineEvent.objects.bulk_create(
        [
            TimelineEvent(
                facility_id=facility_id,
                resident_id=episodes[row.episode_id].resident_id,
                episode_id=row.episode_id,
                kind=TIMELINE_KIND,
                occurred_on=month,
                summary=grade_summary(month, parse_grade(row.grade))[:300],
                actor=actor,
                source_type=ConductGrade._meta.label_lower,
                source_id=row.pk,
            )
            for row in changed
        ],
        batch_size=500,
    )
    return len(changed)


def _check_unchanged_since_opened(existing: Mapping[int, ConductGrade], expected: Mapping[int, str]) -> None:
    for episode_id, shown in expected.items():
        row = existing.get(int(episode_id))
        if (row.grade if row else "") != (shown or ""):
            raise StaleVersion(_("Someone else saved grades for this month meanwhile. Reload the sheet."), code="stale")
