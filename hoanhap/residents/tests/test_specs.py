import inspect

import pytest
from django.utils import translation

from hoanhap.audit import events
from hoanhap.core import registry
from hoanhap.residents import forms, services
from hoanhap.residents.errors import DomainError
from hoanhap.residents.models import Episode, LegalEvent
from hoanhap.residents.services.specs import DECISION_REQUIRED, EPISODE_STATES, EVENT_SPECS, OUTCOMES

K = LegalEvent.Kind


def test_every_legal_event_kind_has_exactly_one_spec():
    assert sorted(EVENT_SPECS) == sorted(K.values)
    assert all(spec.kind == kind for kind, spec in EVENT_SPECS.items())


@pytest.mark.parametrize("kind", list(K.values))
def test_the_spec_names_a_registered_audit_event_and_timeline_kind(kind):
    spec = EVENT_SPECS[kind]
    assert spec.audit_event in events.kinds
    assert spec.timeline_kind in registry.timeline_kinds


@pytest.mark.parametrize("kind", list(K.values))
def test_the_service_of_a_spec_writes_the_spec_audit_event(kind):
    service = services.EVENT_SERVICES[kind]
    assert service.__name__ == EVENT_SPECS[kind].service
    assert service.audit_event == EVENT_SPECS[kind].audit_event  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", list(K.values))
def test_the_form_of_a_spec_is_the_page_form(kind):
    assert forms.EVENT_FORMS[kind].__name__ == EVENT_SPECS[kind].form


@pytest.mark.parametrize("kind", list(K.values))
def test_the_api_date_and_numbers_of_a_spec_are_parameters_of_its_service(kind):
    spec = EVENT_SPECS[kind]
    parameters = inspect.signature(services.EVENT_SERVICES[kind]).parameters
    assert {spec.date_field, *spec.numbers} <= set(parameters)


def test_closing_events_and_only_they_have_an_outcome():
    closing = {kind for kind, spec in EVENT_SPECS.items() if spec.move.target == Episode.Status.CLOSED}
    assert set(OUTCOMES) == closing
    assert set(OUTCOMES.values()) <= set(Episode.Outcome.values)


def test_the_episode_state_machine_has_one_move_per_spec():
    assert list(EPISODE_STATES.moves) == list(EVENT_SPECS)


def test_every_event_but_a_return_a_death_and_a_completion_needs_its_decision():
    assert set(K.values) - DECISION_REQUIRED == {K.RETURN, K.DEATH, K.COMPLETION}


def test_a_refused_event_names_the_event_and_the_resident_status():
    with pytest.raises(DomainError) as error:
        EPISODE_STATES.check(Episode(status=Episode.Status.CLOSED), K.LEAVE)
    with translation.override("en"):
        assert str(error.value) == "“Leave” cannot be recorded while the resident's status is “Closed”."
