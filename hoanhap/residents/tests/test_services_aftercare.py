"""Aftercare at the commune or ward after completion (services/aftercare.py)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.residents import services
from hoanhap.residents.errors import DomainError
from hoanhap.residents.models import Aftercare, TimelineEvent
from hoanhap.residents.terms import STAGE_ORDER

from .builders import admit, register, tick_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def aftercare(director, facility, men_room, today):
    """Voluntary rehab completed on 06/07/2025: aftercare at Xã Bản Lầu until 06/07/2026."""
    resident = register(director, facility, current_province="Lào Cai", current_commune="Xã Bản Lầu")
    episode = admit(director, resident, men_room, compulsory=False, admitted_on=date(2025, 1, 6), term_months=6)
    tick_all(director, episode)
    for stage, on in zip(STAGE_ORDER[1:3], [date(2025, 2, 1), date(2025, 3, 1)], strict=True):
        episode = services.move_stage(actor=director, episode=episode, to_stage=stage, changed_on=on)
    services.complete_episode(actor=director, episode=episode, occurred_on=date(2025, 7, 6))
    return Aftercare.objects.get(episode=episode)


def test_the_hand_over_names_the_commune_of_residence(aftercare):
    assert (aftercare.commune, aftercare.province) == ("Xã Bản Lầu", "Lào Cai")
    assert (aftercare.starts_on, aftercare.ends_on) == (date(2025, 7, 6), date(2026, 7, 6))


def test_follow_up_notes_are_journalled(director, aftercare):
    note = services.add_aftercare_note(
        actor=director, aftercare=aftercare, noted_on=date(2025, 9, 1), text="Đã gặp UBND xã; đang đi làm."
    )
    assert note.author == director
    assert TimelineEvent.objects.filter(kind="residents.aftercare_note", source_id=note.pk).exists()


@pytest.mark.parametrize(
    ("noted_on", "text", "field"),
    [(date(2025, 7, 5), "x", "noted_on"), (date(2026, 11, 11), "x", "noted_on"), (date(2025, 9, 1), " ", "text")],
)
def test_a_note_outside_the_period_or_empty_is_refused(director, aftercare, noted_on, text, field):
    with pytest.raises(DomainError) as refused:
        services.add_aftercare_note(actor=director, aftercare=aftercare, noted_on=noted_on, text=text)
    assert refused.value.field == field


def test_aftercare_ends_only_when_its_period_is_over(director, aftercare):
    with pytest.raises(DomainError) as refused:
        services.close_aftercare(actor=director, aftercare=aftercare, closed_on=date(2026, 7, 5))
    assert refused.value.code == "aftercare_not_over"
    closed = services.close_aftercare(actor=director, aftercare=aftercare, closed_on=date(2026, 7, 6))
    assert (closed.status, closed.closed_on) == ("closed", date(2026, 7, 6))
    with pytest.raises(DomainError):
        services.add_aftercare_note(actor=director, aftercare=closed, noted_on=date(2026, 7, 7), text="x")


def test_a_read_only_role_writes_no_aftercare_note(counsellor, aftercare):
    with pytest.raises(PermissionDenied):
        services.add_aftercare_note(actor=counsellor, aftercare=aftercare, noted_on=date(2025, 9, 1), text="x")
