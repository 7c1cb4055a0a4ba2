"""The demo counts earlier compulsory rehabs as admission does (demo/history.py)."""

from hoanhap.demo.history import prior_compulsory_placements
from hoanhap.residents.models import Episode
from hoanhap.residents.terms import EpisodeKind

COMPULSORY, VOLUNTARY = EpisodeKind.COMPULSORY, EpisodeKind.VOLUNTARY


def episode(kind: str, outcome: str = "", transferred_from: Episode | None = None) -> Episode:
    return Episode(kind=kind, outcome=outcome, transferred_from=transferred_from)


def test_a_placement_counts_once_across_its_transfers_and_voluntary_rehab_not_at_all():
    first = episode(COMPULSORY, Episode.Outcome.TRANSFERRED)
    continued = episode(COMPULSORY, Episode.Outcome.COMPLETED, transferred_from=first)
    assert prior_compulsory_placements([first, continued, episode(VOLUNTARY, Episode.Outcome.COMPLETED)]) == 1


def test_a_placement_whose_decision_was_cancelled_does_not_count():
    first = episode(COMPULSORY, Episode.Outcome.TRANSFERRED)
    cancelled = episode(COMPULSORY, Episode.Outcome.RELEASED_EARLY, transferred_from=first)
    assert prior_compulsory_placements([first, cancelled, episode(COMPULSORY, Episode.Outcome.COMPLETED)]) == 1
