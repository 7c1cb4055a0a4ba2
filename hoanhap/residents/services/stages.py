"""Moving an episode through the five stages (Law 73/2021 art. 29), and the monthly conduct grade."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.audit.writes import audited_write
from hoanhap.core.dates import check_not_before, check_not_future
from hoanhap.core.locking import bump_version, locked

from .. import terms
from ..errors import DomainError
from ..models import ConductGrade, Episode, StageChange
from .common import record_timeline_event, refresh_schedule, require_manage


@audited_write(event="residents.stage_changed")
def move_stage(
    *,
    actor: User,
    episode: Episode,
    to_stage: str,
    changed_on: date,
    note: str = "",
    expected_version: int | None = None,
) -> Episode:
    """The one way a stage changes: allowed moves only (terms.check_transition), dated between the
    start of the current stage and today, recorded with the staff member as a StageChange row.
    Reception ends only when its checklist is done."""
    require_manage(actor, episode.facility_id)
    episode = locked(episode, expected_version)
    if episode.status != Episode.Status.ACTIVE:
        raise DomainError(
            _("The stage can change only while the resident is in rehab at the facility (now: %(status)s)."),
            code="not_active",
            status=episode.get_status_display(),
        )
    try:
        target = terms.Stage(to_stage)
    except ValueError:
        raise DomainError(_("Choose a stage from the list."), code="invalid", field="to_stage") from None
    try:
        terms.check_transition(kind=terms.EpisodeKind(episode.kind), current=terms.Stage(episode.stage), target=target)
    except terms.TransitionError as error:
        raise DomainError.from_rule(error, field="to_stage") from None
    check_not_future(changed_on, field="changed_on")
    check_not_before(changed_on, episode.stage_since_on, field="changed_on")
    if episode.stage == terms.Stage.RECEPTION:
        missing = [str(item.get_item_display()) for item in episode.checklist.all() if not item.is_done]
        if missing:
            raise DomainError(
                _("Reception is not finished: %(tasks)s."), code="checklist_open", tasks=", ".join(missing)
            )
        # Detox follows the health check (Law 73 art. 29 cl. 1a): reception ends with its last task.
        last = max(episode.checklist.all(), key=lambda item: item.done_on or date.min, default=None)
        if last is not None and last.done_on is not None and changed_on < last.done_on:
            raise DomainError(
                _(
                    "Reception ends when its last task is done: “%(task)s” was done on %(date)s, "
                    "so the move cannot be dated before it."
                ),
                code="before_reception_task",
                field="changed_on",
                task=last.get_item_display(),
                date=f"{last.done_on:%d/%m/%Y}",
            )
    change = StageChange.objects.create(
        facility_id=episode.facility_id,
        episode=episode,
        from_stage=episode.stage,
        to_stage=to_stage,
        changed_on=changed_on,
        changed_by=actor,
        note=note.strip()[:300],
    )
    episode.stage = to_stage
    episode.stage_since_on = changed_on
    refresh_schedule(episode)
    bump_version(episode)
    episode.save()
    record_timeline_event(
        actor=actor,
        resident=episode.resident,
        kind="residents.stage_changed",
        occurred_on=changed_on,
        summary=f"{terms.Stage(change.from_stage).label} → {terms.Stage(to_stage).label}",
        episode=episode,
        source=change,
    )
    return episode


@audited_write(event="residents.conduct_graded")
def record_conduct_grade(*, actor: User, episode: Episode, month: date, grade: str, note: str = "") -> ConductGrade:
    """The monthly conduct grade (Circular 29/2022/TT-BLĐTBXH); recording a month again corrects it.

    The care module calls this. Needs MANAGE_RESIDENTS for now.
    """
    require_manage(actor, episode.facility_id)
    episode = locked(episode)
    month = month.replace(day=1)
    grade = parse_grade(grade)
    check_grade_month(episode, month)
    if not episode.is_open:
        raise DomainError(_("This episode is closed."), code="episode_closed")
    row, _created = ConductGrade.objects.update_or_create(
        episode=episode,
        month=month,
        defaults={"facility_id": episode.facility_id, "grade": grade, "note": note.strip()[:300], "recorded_by": actor},
    )
    record_timeline_event(
        actor=actor,
        resident=episode.resident,
        kind="residents.conduct_graded",
        occurred_on=month,
        summary=grade_summary(month, grade),
        episode=episode,
        source=row,
    )
    return row


def parse_grade(value: str) -> terms.ConductGrade:
    try:
        return terms.ConductGrade(value)
    except ValueError:
        raise DomainError(_("Choose a grade from the list."), code="invalid", field="grade") from None


def check_grade_month(episode: Episode, month: date) -> None:
    """A month is graded once the resident has lived some of it in rehab: not in the future, not
    before the month of admission, not after the month the episode closed."""
    check_not_future(month, field="month")
    check_not_before(month, episode.admitted_on.replace(day=1), field="month")
    if episode.closed_on is not None and month > episode.closed_on:
        raise DomainError(
            _("The resident was no longer in rehab in %(month)s."),
            code="not_in_rehab",
            field="month",
            month=f"{month:%m/%Y}",
        )


def grade_summary(month: date, grade: terms.ConductGrade) -> str:
    return f"{month:%m/%Y}: {grade.label}"
