from hoanhap.residents.models import LegalEvent
from hoanhap.residents.terms import RULE_SETS


def test_every_kind_that_stops_the_clock_is_a_legal_event_kind():
    for rule_set in RULE_SETS:
        assert rule_set.clock_stopping_kinds <= set(LegalEvent.Kind.values)
