"""One entry for every legal event, for the pages and the API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User

from ..errors import DomainError
from ..models import Episode
from .closing import complete_episode, discharge_episode, record_death, record_exemption, record_transfer
from .events import (
    record_abscondence,
    record_hospital_transfer,
    record_leave,
    record_return,
    record_suspension,
    record_term_reduction,
)
from .specs import EVENT_SPECS

_SERVICES: Mapping[str, Callable[..., Any]] = {
    service.__name__: service
    for service in (
        record_leave,
        record_abscondence,
        record_return,
        record_term_reduction,
        record_suspension,
        record_exemption,
        record_hospital_transfer,
        record_transfer,
        record_death,
        complete_episode,
        discharge_episode,
    )
}
# The service each spec names.
EVENT_SERVICES: Mapping[str, Callable[..., Any]] = {kind: _SERVICES[spec.service] for kind, spec in EVENT_SPECS.items()}


def record_legal_event(*, actor: User, episode: Episode, kind: str, **data: Any) -> Any:
    """One entry for the pages and the API: the service of `kind`, with its own checks."""
    try:
        service = EVENT_SERVICES[kind]
    except KeyError:
        raise DomainError(_("Unknown event."), code="unknown_event", field="kind") from None
    return service(actor=actor, episode=episode, **data)
