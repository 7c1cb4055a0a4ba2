"""One spec per legal event: everything the app knows about a kind, in one row.

The episode's state machine, the outcome of a closing event, whether a decision is required, the
audit event and timeline kind, the page's form and the service are all read from EVENT_SPECS;
nothing else lists the kinds. The form and the service are named, not imported: they import this
module (`forms.events.EVENT_FORMS` and `legal_events.EVENT_SERVICES` resolve the names).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from hoanhap.core.state import Move, StateMachine

from ..models import Episode, LegalEvent
from ..selectors import OPEN_STATUSES

S = Episode.Status
K = LegalEvent.Kind
O = Episode.Outcome  # noqa: E741


@dataclass(frozen=True)
class EventSpec:
    kind: str
    # The statuses the event may be recorded in, and the status it leads to (None: unchanged).
    move: Move
    # The service's name in `hoanhap.residents.services`, and the page's form class name.
    service: str
    form: str
    audit_event: str
    # The journal kind; an event the journal names otherwise (a transfer out) says so.
    timeline_kind: str
    # Set on the events that close the episode.
    outcome: str | None = None
    # Needs the number and date of the decision that ordered it.
    decision_required: bool = False
    # The API's date field (a term reduction happens on its decision's date) and its required numbers.
    date_field: str = "occurred_on"
    numbers: tuple[str, ...] = ()


EVENT_SPECS: Mapping[str, EventSpec] = {
    spec.kind: spec
    for spec in (
        EventSpec(
            kind=K.LEAVE,
            move=Move(source=frozenset({S.ACTIVE}), target=S.ON_LEAVE),
            service="record_leave",
            form="LeaveForm",
            audit_event="residents.leave_recorded",
            timeline_kind="residents.leave",
            decision_required=True,
            numbers=("days", "travel_days"),
        ),
        # Not coming back from leave or from hospital is an abscondence too.
        EventSpec(
            kind=K.ABSCONDENCE,
            move=Move(source=frozenset({S.ACTIVE, S.ON_LEAVE, S.IN_HOSPITAL}), target=S.ABSCONDED),
            service="record_abscondence",
            form="AbscondenceForm",
            audit_event="residents.abscondence_recorded",
            timeline_kind="residents.abscondence",
            decision_required=True,
        ),
        EventSpec(
            kind=K.RETURN,
            move=Move(source=frozenset({S.ON_LEAVE, S.ABSCONDED, S.IN_HOSPITAL, S.SUSPENDED}), target=S.ACTIVE),
            service="record_return",
            form="ReturnForm",
            audit_event="residents.return_recorded",
            timeline_kind="residents.return",
        ),
        EventSpec(
            kind=K.TERM_REDUCTION,
            move=Move(source=frozenset({S.ACTIVE, S.ON_LEAVE, S.IN_HOSPITAL}), target=None),
            service="record_term_reduction",
            form="TermReductionForm",
            audit_event="residents.term_reduction_recorded",
            timeline_kind="residents.term_reduction",
            decision_required=True,
            date_field="decision_on",
            numbers=("months",),
        ),
        EventSpec(
            kind=K.SUSPENSION,
            move=Move(source=frozenset({S.ACTIVE, S.IN_HOSPITAL}), target=S.SUSPENDED),
            service="record_suspension",
            form="EventForm",
            audit_event="residents.suspension_recorded",
            timeline_kind="residents.suspension",
            decision_required=True,
        ),
        EventSpec(
            kind=K.EXEMPTION,
            move=Move(source=frozenset(OPEN_STATUSES), target=S.CLOSED),
            service="record_exemption",
            form="EventForm",
            audit_event="residents.exemption_recorded",
            timeline_kind="residents.exemption",
            outcome=O.EXEMPTED,
            decision_required=True,
        ),
        EventSpec(
            kind=K.HOSPITAL,
            move=Move(source=frozenset({S.ACTIVE}), target=S.IN_HOSPITAL),
            service="record_hospital_transfer",
            form="HospitalForm",
            audit_event="residents.hospital_transfer_recorded",
            timeline_kind="residents.hospital",
            decision_required=True,
        ),
        # The receiving facility's episode is journalled as residents.transfer_in.
        EventSpec(
            kind=K.TRANSFER,
            move=Move(source=frozenset({S.ACTIVE}), target=S.CLOSED),
            service="record_transfer",
            form="TransferForm",
            audit_event="residents.transfer_recorded",
            timeline_kind="residents.transfer_out",
            outcome=O.TRANSFERRED,
            decision_required=True,
        ),
        EventSpec(
            kind=K.DEATH,
            move=Move(source=frozenset(OPEN_STATUSES), target=S.CLOSED),
            service="record_death",
            form="DeathForm",
            audit_event="residents.death_recorded",
            timeline_kind="residents.death",
            outcome=O.DIED,
        ),
        EventSpec(
            kind=K.COMPLETION,
            move=Move(source=frozenset({S.ACTIVE}), target=S.CLOSED),
            service="complete_episode",
            form="CompletionForm",
            audit_event="residents.episode_completed",
            timeline_kind="residents.completion",
            outcome=O.COMPLETED,
        ),
        EventSpec(
            kind=K.DISCHARGE,
            move=Move(source=frozenset({S.ACTIVE, S.IN_HOSPITAL, S.SUSPENDED}), target=S.CLOSED),
            service="discharge_episode",
            form="DischargeForm",
            audit_event="residents.discharge_recorded",
            timeline_kind="residents.discharge",
            outcome=O.RELEASED_EARLY,
            decision_required=True,
        ),
    )
}

EPISODE_STATES = StateMachine(
    "residents.episode",
    moves={kind: spec.move for kind, spec in EVENT_SPECS.items()},
    status_label=lambda value: S(value).label,
    move_label=lambda kind: K(kind).label,
    refusal=_("“%(event)s” cannot be recorded while the resident's status is “%(status)s”."),
)
OUTCOMES: Mapping[str, str] = {kind: spec.outcome for kind, spec in EVENT_SPECS.items() if spec.outcome}
DECISION_REQUIRED = frozenset(kind for kind, spec in EVENT_SPECS.items() if spec.decision_required)
