"""The resident summary: identity, the current episode with its expected release date and how it is
reached, and the latest timeline entries, on one or two A4 pages for the staff file.

An internal paper, so it speaks the interface language (gettext). It is built from the resident
page's selector, so it shows what the page shows the same user: sensitive fields only with their
capability, the episodes and timeline rows of the user's facilities only.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .. import release
from ..models import Episode, Resident
from ..selectors import ResidentPage
from . import rendering

TEMPLATE = "residents/documents/summary.html"
TIMELINE_ENTRIES = 10

IDENTITY_FIELDS = (
    "record_number",
    "full_name",
    "other_names",
    "date_of_birth",
    "sex",
    "ethnicity",
    "citizen_id",
)


@dataclass(frozen=True)
class SummaryContext:
    facility: str
    resident_name: str
    record_number: str
    printed_on: date
    printed_by: str
    identity: list[tuple[str, str]]
    episode_title: str = ""
    episode: list[tuple[str, str]] = field(default_factory=list)
    timeline: list[tuple[str, str, str]] = field(default_factory=list)


def _ddmmyyyy(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _label(model: type[Resident] | type[Episode], name: str) -> str:
    return str(capfirst(str(getattr(model._meta.get_field(name), "verbose_name", name))))


def _display(instance: Resident | Episode, name: str) -> str:
    value = getattr(instance, name)
    getter = getattr(instance, f"get_{name}_display", None)
    if callable(getter):
        return str(getter())
    if isinstance(value, date):
        return _ddmmyyyy(value)
    return "" if value is None else str(value)


def identity_rows(resident: Resident, sensitive: Collection[str]) -> list[tuple[str, str]]:
    """`sensitive`: the sensitive fields the user may see (`selectors.visible_sensitive_fields`)."""
    rows = []
    for name in IDENTITY_FIELDS:
        if name in Resident.SENSITIVE_FIELDS and name not in sensitive:
            continue
        value = _display(resident, name)
        if value:
            rows.append((_label(Resident, name), value))
    for label, address in (
        (_("Permanent address"), resident.permanent_address_display),
        (_("Current address"), resident.current_address_display),
    ):
        if address:
            rows.append((label, address))
    return rows


def episode_rows(episode: Episode, *, today: date) -> list[tuple[str, str]]:
    rows = [
        (_label(Episode, "kind"), _display(episode, "kind")),
        (_label(Episode, "status"), _display(episode, "status")),
        (_label(Episode, "admitted_on"), _display(episode, "admitted_on")),
    ]
    for name in ("decision_number", "decision_on", "decided_by"):
        if getattr(episode, name):
            rows.append((_label(Episode, name), _display(episode, name)))
    rows.append((_label(Episode, "term_months"), str(episode.term_months)))
    rows.append(
        (
            _label(Episode, "stage"),
            _("%(stage)s, since %(since)s")
            % {"stage": episode.get_stage_display(), "since": _ddmmyyyy(episode.stage_since_on)},
        )
    )
    if episode.is_open:
        # The same computation as the resident page: start, term, days credited, days the clock
        # stood still and reductions (release.release_computation over the episode's legal events).
        computation = release.release_computation(episode, today=today)
        if release.is_clock_stopped(episode):
            text = _("unknown while the term is not counting (%(derivation)s so far)") % {
                "derivation": computation.derivation()
            }
        else:
            text = f"{_ddmmyyyy(computation.expected_on)} ({computation.derivation()})"
        rows.append((_label(Episode, "expected_release_on"), text))
    elif episode.closed_on:
        rows.append((_label(Episode, "closed_on"), _ddmmyyyy(episode.closed_on)))
        if episode.outcome:
            rows.append((_label(Episode, "outcome"), episode.get_outcome_display()))
    return rows


def resident_summary_context(page: ResidentPage, *, printed_by: str, today: date) -> SummaryContext:
    """From what the resident page shows the same user (`selectors.resident_page`): the same
    episodes, sensitive fields and timeline rows, so the paper never shows more than the screen."""
    resident = page.resident
    episode = page.current or (page.episodes[0] if page.episodes else None)
    return SummaryContext(
        facility=resident.facility.name,
        resident_name=resident.full_name,
        record_number=resident.record_number,
        printed_on=today,
        printed_by=printed_by,
        identity=identity_rows(resident, page.sensitive),
        episode_title=(_("Current episode") if episode.is_open else _("Last episode")) if episode else "",
        episode=episode_rows(episode, today=today) if episode else [],
        timeline=[
            (_ddmmyyyy(event.occurred_on), str(event.kind_label), event.summary)
            for event in page.timeline[:TIMELINE_ENTRIES]
        ],
    )


def filename(record_number: str) -> str:
    return f"tom-tat-hoc-vien-{rendering.safe_name(record_number)}.pdf"


def render_pdf(context: SummaryContext) -> bytes:
    return rendering.pdf_bytes(TEMPLATE, {"summary": context})
