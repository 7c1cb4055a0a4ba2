"""What every residents service shares: who may write, the acting user in the audit trail,
optimistic locking, date checks, and the timeline journal."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial, wraps
from typing import Any, ParamSpec, TypeVar

from auditlog import get_logentry_model
from auditlog.context import _set_extra_data, auditlog_value
from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import has_capability
from hoanhap.audit import chain

from .. import clock, planning
from ..errors import DomainError, StaleVersion
from ..models import Episode, Resident, TimelineEvent

P = ParamSpec("P")
R = TypeVar("R")


def require_manage(actor: User, facility_id: int) -> None:
    """Writing needs MANAGE_RESIDENTS in the record's facility. Approval-type events (term
    reduction, completion) need no more for now; APPROVE_DECISIONS may be required later."""
    if not has_capability(actor, Capability.MANAGE_RESIDENTS, facility_id):
        raise PermissionDenied


@contextmanager
def acting_as(actor: User) -> Iterator[None]:
    """Audit entries written inside carry `actor`, also outside a request (API tokens, commands,
    tests); inside a request they keep its address and page. The previous context comes back after."""
    previous = auditlog_value.get(None)
    data = {key: value for key, value in (previous or {}).items() if key != "signal_duid"}
    data["actor"] = actor
    data["signal_duid"] = ("hoanhap.residents.acting_as", uuid.uuid4().hex)
    token = auditlog_value.set(data)
    entry_model = get_logentry_model()
    receiver = partial(_set_extra_data, signal_duid=data["signal_duid"])
    pre_save.connect(receiver, sender=entry_model, dispatch_uid=data["signal_duid"], weak=False)
    try:
        yield
    finally:
        pre_save.disconnect(sender=entry_model, dispatch_uid=data["signal_duid"])
        auditlog_value.reset(token)


def audited_write(service: Callable[P, R]) -> Callable[P, R]:
    """Run the service in one transaction, with its `actor` keyword as the audit actor, holding the
    audit chain from the start: before any row lock, so that concurrent services never deadlock
    (hoanhap.audit.chain)."""

    @wraps(service)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        actor = kwargs["actor"]
        with acting_as(actor), transaction.atomic():  # type: ignore[arg-type]
            chain.hold()
            return service(*args, **kwargs)

    return wrapped


def locked(instance: models.Model, expected_version: int | None = None) -> Any:
    """The row again, locked for the transaction; refused if it changed since `expected_version`.

    FOR NO KEY UPDATE on PostgreSQL: it still lets other transactions insert rows that reference
    this one (their foreign-key checks take KEY SHARE, which FOR UPDATE would block)."""
    fresh = type(instance).objects.select_for_update(no_key=True).get(pk=instance.pk)  # type: ignore[attr-defined]
    if expected_version is not None and fresh.version != expected_version:
        raise StaleVersion(
            _(
                "Someone else changed this record while you were editing it. Nothing was saved: "
                "check the current record, then enter your change again."
            ),
            code="stale_version",
        )
    return fresh


def lock_row(model: type[models.Model], pk: int) -> None:
    """Lock one row to the end of the transaction, to serialise what it stands for (a facility's
    numbering, a room's beds). FOR NO KEY UPDATE, as `locked`, and unordered: a model's ordering may
    join other tables (a room's, its zone and facility), whose rows FOR UPDATE would lock too."""
    if not connection.features.has_select_for_update:
        return  # SQLite: BEGIN IMMEDIATE has already serialised the writers.
    list(model._default_manager.select_for_update(no_key=True).filter(pk=pk).order_by().values_list("pk", flat=True))


def bump_version(instance: Resident | Episode) -> None:
    instance.version += 1


def check_not_future(day: date | None, *, field: str, label: Any = None) -> None:
    if day is not None and day > clock.today():
        raise DomainError(
            _("%(what)s cannot be in the future.") if label else _("The date cannot be in the future."),
            code="date_in_future",
            field=field,
            **({"what": label} if label else {}),
        )


def check_not_before(day: date, earliest: date, *, field: str) -> None:
    if day < earliest:
        raise DomainError(
            _("The date cannot be before %(earliest)s."),
            code="date_too_early",
            field=field,
            earliest=earliest.strftime("%d/%m/%Y"),
        )


def record_timeline_event(
    *,
    actor: User | None,
    resident: Resident,
    kind: str,
    occurred_on: date,
    summary: str = "",
    episode: Episode | None = None,
    facility_id: int | None = None,
    source: models.Model | None = None,
) -> TimelineEvent:
    """Append to the resident's journal. Every module's services call this in their own
    transaction; `kind` must be in `timeline.TIMELINE_KINDS`."""
    if facility_id is None:
        facility_id = episode.facility_id if episode is not None else resident.facility_id
    return TimelineEvent.objects.create(
        facility_id=facility_id,
        resident=resident,
        episode=episode,
        kind=kind,
        occurred_on=occurred_on,
        summary=summary[:300],
        actor=actor,
        source_type=source._meta.label_lower if source is not None else "",
        source_id=source.pk if source is not None else None,
    )


def decision_summary(number: str, on: date | None) -> str:
    if number and on:
        return f"{number}, {on:%d/%m/%Y}"
    return number or (f"{on:%d/%m/%Y}" if on else "")


def refresh_schedule(episode: Episode) -> None:
    """Recompute the denormalised dates lists filter on: the expected release date (None while
    the clock stands still) and the planned end of the current stage. The caller saves."""
    from ..release import stored_release_on
    from ..selectors import stage_lengths_for

    episode.expected_release_on = stored_release_on(episode, today=clock.today())
    episode.stage_planned_end_on = planning.stage_planned_end_on(
        stage=episode.stage, stage_since_on=episode.stage_since_on, lengths=stage_lengths_for(episode)
    )


def months_text(months: int) -> str:
    """For timeline summaries, written in the language of the page that made the change."""
    return ngettext("%(months)s month", "%(months)s months", months) % {"months": months}
