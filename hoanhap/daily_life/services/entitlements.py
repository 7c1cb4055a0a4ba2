"""Entitlements (the material regime): the audited writes — issue to one resident, save a zone's
monthly sheet in one go, correct an issue. Every quantity is checked against the norm in force
(`rules.entitlements.check_issue`): never more than the period's norm in total."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.audit.writes import CREATE, audited_write, record_bulk_write
from hoanhap.core.dates import check_not_future
from hoanhap.core.errors import DomainError, RuleError, StaleVersion
from hoanhap.core.locking import bump_version, locked
from hoanhap.core.models import Facility
from hoanhap.residents.selectors import open_episodes
from hoanhap.residents.services import record_timeline_event

from ..access import AREAS, require_write
from ..models import SupplyIssue
from ..registrations.entitlements import TIMELINE_KIND
from ..rules.entitlements import ITEM_LABELS, Item, check_issue, yearly_items
from ..selectors.entitlements import Cell, entitlement_rows, issued_totals, sheet_episodes

WRITE = AREAS["entitlements"].write


class SheetRefused(DomainError):
    """Some cells of the monthly sheet are refused: `errors` maps "<episode id>-<item>" to its message."""

    def __init__(self, message: Any, *, errors: Mapping[str, Any], code: str = "cells_refused") -> None:
        super().__init__(message, code=code)
        self.errors = dict(errors)


def _check_month(month: date, issued_on: date) -> date:
    month = month.replace(day=1)
    check_not_future(issued_on, field="issued_on")
    check_not_future(month, field="month")
    return month


def _domain(error: RuleError, field: str | None) -> DomainError:
    return DomainError(str(error), code=error.code, field=field)


def _cell(episode: Any, item: str, month: date) -> Cell | None:
    try:
        row = entitlement_rows([episode], month)[0]
    except RuleError as error:
        raise _domain(error, "month") from None
    return row.cells.get(item)


def _on_timeline(actor: User, issue: SupplyIssue, episode: Any) -> None:
    """Yearly items only (clothes, bedding) go on the resident's timeline; see registrations."""
    if Item(issue.item) in yearly_items(issue.period):
        record_timeline_event(
            actor=actor,
            resident=episode.resident,
            episode=episode,
            kind=TIMELINE_KIND,
            occurred_on=issue.issued_on,
            summary=f"{ITEM_LABELS[Item(issue.item)]} × {issue.quantity}",
            facility_id=issue.facility_id,
            source=issue,
        )


@audited_write(event="daily_life.supplies_issued")
def issue_supply(
    *,
    actor: User,
    facility_id: int,
    episode_id: int,
    item: str,
    quantity: int,
    month: date,
    issued_on: date,
    note: str = "",
) -> SupplyIssue:
    """Give one resident `quantity` of `item` towards the period covering `month`."""
    require_write(actor, "entitlements", facility_id)
    month = _check_month(month, issued_on)
    episode = open_episodes([facility_id]).filter(pk=episode_id).select_for_update(of=("self",)).first()
    if episode is None:
        raise DomainError(_("This resident is not in rehab at this facility."), code="not_found", field=None)
    cell = _cell(episode, item, month)
    try:
        check_issue(due=cell.due.quantity if cell else 0, already_issued=cell.issued if cell else 0, quantity=quantity)
    except RuleError as error:
        raise _domain(error, "quantity" if error.code != "not_due" else "item") from None
    assert cell is not None  # check_issue refuses an item not due
    issue = SupplyIssue.objects.create(
        facility_id=facility_id,
        resident_id=episode.resident_id,
        episode=episode,
        item=item,
        quantity=quantity,
        period=cell.due.period,
        issued_on=issued_on,
        issued_by=actor,
        note=note,
    )
    _on_timeline(actor, issue, episode)
    return issue


@audited_write(event="daily_life.supply_sheet_saved")
def save_supply_sheet(
    *,
    actor: User,
    facility_id: int,
    zone_id: int,
    month: date,
    issued_on: date,
    quantities: Mapping[tuple[int, str], int],
    expected: Mapping[tuple[int, str], int] | None = None,
) -> int:
    """Issue, for each (episode id, item) of the zone's sheet, the quantity given (0: nothing).
    `expected` is what the sheet showed as already issued: a cell issued since by someone else
    raises StaleVersion. All cells saved or none; returns how many issues were written."""
    require_write(actor, "entitlements", facility_id)
    try:
        month = _check_month(month, issued_on)
    except DomainError as error:
        raise SheetRefused(error.message, errors={}, code=error.code) from None
    wanted = {(int(episode_id), item): int(value) for (episode_id, item), value in quantities.items() if value}
    episodes = list(
        sheet_episodes(facility_ids=[facility_id], zone_id=zone_id, month=month)
        .filter(pk__in={episode_id for episode_id, _item in wanted})
        .select_for_update(of=("self",))
    )
    try:
        rows = {row.pk: row for row in entitlement_rows(episodes, month)}
    except RuleError as error:
        raise SheetRefused(str(error), errors={}, code=error.code) from None
    if expected is not None:
        for (episode_id, item), shown in expected.items():
            row = rows.get(int(episode_id))
            cell = row.cells.get(item) if row else None
            if cell is not None and cell.issued != shown:
                raise StaleVersion(
                    _("Someone else issued supplies to this zone meanwhile. Reload the sheet."), code="stale"
                )
    errors: dict[str, Any] = {}
    created = []
    for (episode_id, item), quantity in wanted.items():
        row = rows.get(episode_id)
        cell = row.cells.get(item) if row else None
        try:
            if row is None:
                raise RuleError(_("This resident is not on this zone's sheet."), code="not_on_sheet")
            check_issue(
                due=cell.due.quantity if cell else 0, already_issued=cell.issued if cell else 0, quantity=quantity
            )
        except RuleError as error:
            errors[f"{episode_id}-{item}"] = str(error)
            continue
        assert row is not None and cell is not None
        created.append(
            SupplyIssue(
                facility_id=facility_id,
                resident_id=row.episode.resident_id,
                episode_id=episode_id,
                item=item,
                quantity=quantity,
                period=cell.due.period,
                issued_on=issued_on,
                issued_by=actor,
            )
        )
    if errors:
        raise SheetRefused(_("Some cells are refused: nothing was saved. Correct them and save again."), errors=errors)
    if not created:
        return 0
    SupplyIssue.objects.bulk_create(created, batch_size=500)
    summary = {"month": f"{month:%m/%Y}", "count": len(created)}
    record_bulk_write(
        scope=Facility.objects.get(pk=facility_id),
        action=CREATE,
        summary=lazy(lambda: gettext("Supplies issued for %(month)s: %(count)s lines") % summary, str)(),
        facility_id=facility_id,
        data={
            "month": month.isoformat(),
            "zone_id": zone_id,
            "count": len(created),
            "issues": [
                {
                    "episode_id": issue.episode_id,
                    "resident_id": issue.resident_id,
                    "item": issue.item,
                    "quantity": issue.quantity,
                }
                for issue in created
            ],
        },
    )
    yearly = yearly_items(month)
    for issue in created:
        if Item(issue.item) in yearly:
            _on_timeline(actor, issue, rows[issue.episode_id].episode)
    return len(created)


@audited_write(event="daily_life.supply_issue_corrected")
def correct_supply_issue(
    *, actor: User, issue: SupplyIssue, quantity: int, note: str, expected_version: int
) -> SupplyIssue:
    """Set an issue's quantity (0 cancels it) with the reason; the total stays within the norm."""
    require_write(actor, "entitlements", issue.facility_id)
    issue = locked(issue, expected_version)
    if not note.strip():
        raise DomainError(_("Say why the issue is corrected."), code="required", field="note")
    if quantity < 0:
        raise DomainError(_("Give a quantity of zero or more."), code="quantity_negative", field="quantity")
    if quantity:
        totals = issued_totals([issue.episode_id], [issue.period])
        others = totals.get((issue.episode_id, issue.item, issue.period), 0) - issue.quantity
        cell = _cell(issue.episode, issue.item, issue.period)
        try:
            check_issue(due=cell.due.quantity if cell else 0, already_issued=others, quantity=quantity)
        except RuleError as error:
            raise _domain(error, "quantity") from None
    issue.quantity = quantity
    issue.note = note.strip()[:300]
    bump_version(issue)
    issue.save()
    return issue
