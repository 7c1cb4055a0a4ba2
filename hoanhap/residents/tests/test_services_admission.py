"""Admission: the legal basis and its term, minors, zones and rooms, the reception checklist
(services/admission.py). Rule boundaries are tested through the service, around 01/07/2026."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.audit.models import AuditEntry
from hoanhap.core.models import Zone
from hoanhap.residents import services
from hoanhap.residents.errors import DomainError
from hoanhap.residents.models import Aftercare, ChecklistItem, Episode, TimelineEvent
from hoanhap.residents.terms import EpisodeKind, Stage

from .builders import admit, make_room, make_zone, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(director, facility):
    return register(director, facility)


def refused(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    assert str(error.value)
    return error.value


def test_a_compulsory_admission_opens_an_episode_in_reception_with_its_checklist(director, resident, men_room, today):
    episode = admit(director, resident, men_room, credited_days=20)
    assert (episode.kind, episode.stage, episode.status) == (EpisodeKind.COMPULSORY, Stage.RECEPTION, "active")
    assert episode.stage_since_on == date(2026, 1, 5)
    # 24 months from 05/01/2026 less 20 days held before the decision.
    assert episode.expected_release_on == date(2027, 12, 16)
    assert episode.stage_planned_end_on == date(2026, 2, 10)
    assert list(episode.checklist.values_list("item", flat=True)) == list(ChecklistItem.Item.values)
    assert TimelineEvent.objects.filter(episode=episode, kind="residents.admitted").exists()


def test_one_audit_entry_states_the_new_episode_and_its_reception_checklist(director, resident, men_room, today):
    episode = admit(director, resident, men_room)

    [entry] = AuditEntry.objects.filter(content_type__model="episode", object_pk=str(episode.pk))
    assert (entry.action, entry.actor, entry.resident_id) == (AuditEntry.Action.CREATE, director, resident.pk)
    assert entry.changes["decision_number"] == [None, "12/2026/QĐ-TA"]
    assert entry.changes["room"] == [None, men_room.pk]
    old, checklist = entry.changes["checklist"]
    assert old is None
    assert [(task["id"], task["item"], task["order"], task["done_on"]) for task in checklist] == [
        (task.pk, task.item, task.order, None) for task in episode.checklist.all()
    ]
    # The checklist's rows have no entries of their own: that one states them all.
    assert not AuditEntry.objects.filter(content_type__model="checklistitem").exists()


def test_ticking_a_task_is_recorded_against_the_task_the_admission_entry_listed(director, resident, men_room, today):
    episode = admit(director, resident, men_room)
    task = episode.checklist.get(order=0)
    services.tick_checklist_item(actor=director, item=task, done=True, done_on=date(2026, 1, 6))

    [entry] = AuditEntry.objects.get_for_object(task)
    assert (entry.action, entry.actor) == (AuditEntry.Action.UPDATE, director)
    assert entry.changes["done_on"][1] == "2026-01-06"


def test_a_voluntary_admission_takes_the_request_date_and_a_chosen_term(director, resident, men_room, today):
    episode = admit(director, resident, men_room, compulsory=False, requested_on=date(2026, 1, 2), term_months=6)
    assert (episode.kind, episode.requested_on, episode.decision_number) == ("voluntary", date(2026, 1, 2), "")
    assert episode.expected_release_on == date(2026, 7, 5)


@pytest.mark.parametrize("months", [5, 13])
def test_a_voluntary_term_outside_6_to_12_months_is_refused(director, resident, men_room, today, months):
    error = refused(admit, director, resident, men_room, compulsory=False, term_months=months)
    assert (error.field, error.code) == ("term_months", "term_out_of_range")
    assert not Episode.objects.exists()


@pytest.mark.parametrize(
    ("decided_on", "months", "allowed"),
    [
        (date(2026, 6, 30), 12, True),
        (date(2026, 6, 30), 18, True),
        (date(2026, 6, 30), 24, True),
        (date(2026, 6, 30), 25, False),
        (date(2026, 6, 30), 11, False),
        # From 01/07/2026 (Law 120/2025): exactly 24 months the first time.
        (date(2026, 7, 1), 24, True),
        (date(2026, 7, 1), 18, False),
        (date(2026, 7, 1), 36, False),
    ],
)
def test_the_compulsory_term_follows_the_rules_in_force_on_the_decision_date(
    director, resident, men_room, today, decided_on, months, allowed
):
    kwargs = {"decision_on": decided_on, "admitted_on": decided_on, "term_months": months}
    if allowed:
        assert admit(director, resident, men_room, **kwargs).term_months == months
    else:
        assert refused(admit, director, resident, men_room, **kwargs).field == "term_months"


def test_from_01_07_2026_a_second_compulsory_rehab_is_36_months(director, resident, men_room, today):
    first = admit(director, resident, men_room, admitted_on=date(2024, 3, 1), term_months=12)
    services.record_exemption(
        actor=director,
        episode=first,
        occurred_on=date(2024, 5, 1),
        decision_number="1/QĐ",
        decision_on=date(2024, 5, 1),
    )
    second_on = {"admitted_on": date(2026, 7, 1), "decision_on": date(2026, 7, 1)}
    assert refused(admit, director, resident, men_room, term_months=24, **second_on).code == "term_not_fixed_value"
    assert admit(director, resident, men_room, term_months=36, **second_on).prior_compulsory_count == 1


def annul(actor, episode, on):
    services.discharge_episode(
        actor=actor,
        episode=episode,
        occurred_on=on,
        discharge_reason="decision_annulled",
        decision_number="3/2024/QĐ-TA",
        decision_on=on,
    )


@pytest.mark.parametrize(
    ("decided_on", "months", "allowed"),
    [
        (date(2026, 6, 30), 24, True),
        (date(2026, 7, 1), 24, True),
        (date(2026, 7, 1), 36, False),
    ],
)
def test_a_placement_the_court_cancelled_does_not_make_a_second_compulsory_rehab(
    director, resident, men_room, today, decided_on, months, allowed
):
    first = admit(director, resident, men_room, admitted_on=date(2024, 3, 1), term_months=12)
    annul(director, first, date(2024, 4, 1))
    kwargs = {"admitted_on": decided_on, "decision_on": decided_on, "term_months": months}
    if allowed:
        assert admit(director, resident, men_room, **kwargs).prior_compulsory_count == 0
    else:
        assert refused(admit, director, resident, men_room, **kwargs).code == "term_not_fixed_value"


def test_a_placement_cancelled_after_a_transfer_does_not_count_either(
    director, director_of_other_facility, resident, men_room, other_facility, today
):
    first = admit(director, resident, men_room, admitted_on=date(2024, 3, 1), term_months=12)
    continued = services.record_transfer(
        actor=director,
        episode=first,
        occurred_on=date(2024, 4, 1),
        to_facility=other_facility,
        decision_number="4/QĐ",
        decision_on=date(2024, 4, 1),
    )
    annul(director_of_other_facility, continued, date(2024, 5, 1))
    other_room = make_room(make_zone(other_facility))
    resident.refresh_from_db()
    on = {"admitted_on": date(2026, 8, 1), "decision_on": date(2026, 8, 1)}
    assert admit(director_of_other_facility, resident, other_room, term_months=24, **on).prior_compulsory_count == 0


def test_earlier_compulsory_rehabs_recorded_elsewhere_count_too(director, resident, men_room, today):
    on = {"admitted_on": date(2026, 8, 1), "decision_on": date(2026, 8, 1)}
    assert refused(admit, director, resident, men_room, term_months=24, prior_compulsory_outside=1, **on)
    assert admit(director, resident, men_room, term_months=36, prior_compulsory_outside=1, **on).term_months == 36


def test_a_decision_before_the_rules_recorded_is_refused_beside_its_date(director, resident, men_room, today):
    error = refused(admit, director, resident, men_room, decision_on=date(2021, 12, 31), admitted_on=date(2022, 1, 3))
    assert (error.field, error.code) == ("decision_on", "no_rule_set")


@pytest.mark.parametrize(
    ("born", "kind"),
    [
        (date(2008, 7, 2), EpisodeKind.COMPULSORY_MINOR),  # 17 on 01/07/2026
        (date(2008, 7, 1), EpisodeKind.COMPULSORY),  # 18 that day
    ],
)
def test_a_person_under_18_on_the_decision_date_is_a_minor(
    director, facility, men_room, minors_room, today, born, kind
):
    person = register(director, facility, "Lò Văn Pao", date_of_birth=born)
    room = minors_room if kind == EpisodeKind.COMPULSORY_MINOR else men_room
    on = {"decision_on": date(2026, 7, 1), "admitted_on": date(2026, 7, 1)}
    months = 12 if kind == EpisodeKind.COMPULSORY_MINOR else 24
    assert admit(director, person, room, term_months=months, **on).kind == kind


def test_a_minor_s_term_is_6_to_12_months(director, facility, minors_room, today):
    person = register(director, facility, "Lò Văn Pao", date_of_birth=date(2010, 1, 1))
    error = refused(admit, director, person, minors_room, term_months=18)
    assert error.field == "term_months"


def test_a_child_under_12_cannot_be_placed_by_decision(director, facility, minors_room, today):
    person = register(director, facility, "Lò Văn Pao", date_of_birth=date(2014, 1, 1))
    error = refused(admit, director, person, minors_room, decision_on=date(2025, 12, 1), admitted_on=date(2025, 12, 2))
    assert error.code == "too_young"


def test_a_minor_must_go_to_a_minors_zone(director, facility, men_room, today):
    person = register(director, facility, "Lò Văn Pao", date_of_birth=date(2010, 1, 1))
    assert refused(admit, director, person, men_room, term_months=12).code == "minor_needs_minors_zone"


def test_a_woman_must_go_to_a_women_zone_and_a_man_may_not(director, facility, men_room, women_room, today):
    woman = register(director, facility, "Trần Thị Mai", sex="female")
    assert refused(admit, director, woman, men_room).code == "woman_needs_women_zone"
    man = register(director, facility, "Lê Văn Nam")
    assert refused(admit, director, man, women_room).code == "zone_reserved"
    assert admit(director, woman, women_room).zone == women_room.zone


def test_a_full_room_is_refused(director, facility, today):
    room = make_room(make_zone(facility), capacity=1)
    admit(director, register(director, facility, "Lê Văn Nam"), room)
    error = refused(admit, director, register(director, facility, "Lê Văn Bắc"), room)
    assert (error.field, error.code) == ("room", "room_full")


def test_the_room_must_be_in_the_zone_and_the_facility(director, facility, men_room, other_room, today):
    person = register(director, facility)
    other_zone = make_zone(facility, Zone.Kind.GENERAL, "Khu C")
    with pytest.raises(DomainError) as error:
        services.admit_resident(
            actor=director,
            resident=person,
            compulsory=False,
            requested_on=date(2026, 1, 5),
            admitted_on=date(2026, 1, 5),
            term_months=6,
            zone=other_zone,
            room=men_room,
        )
    assert error.value.code == "room_not_in_zone"
    with pytest.raises(DomainError) as error:
        services.admit_resident(
            actor=director,
            resident=person,
            compulsory=False,
            requested_on=date(2026, 1, 5),
            admitted_on=date(2026, 1, 5),
            term_months=6,
            zone=other_room.zone,
            room=other_room,
        )
    assert error.value.code == "zone_other_facility"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"admitted_on": date(2026, 11, 11), "decision_on": date(2026, 11, 1)}, "admitted_on"),
        ({"decision_on": date(2026, 11, 11), "admitted_on": date(2026, 11, 10)}, "decision_on"),
        ({"decision_on": date(2026, 2, 1), "admitted_on": date(2026, 1, 5)}, "admitted_on"),
        ({"decision_number": " "}, "decision_number"),
        ({"decided_by": ""}, "decided_by"),
        ({"credited_days": 800}, "credited_days"),
    ],
)
def test_bad_compulsory_admission_input_is_refused_beside_its_field(
    director, resident, men_room, today, overrides, field
):
    assert refused(admit, director, resident, men_room, **overrides).field == field
    assert not Episode.objects.exists()


def test_voluntary_rehab_needs_its_request_date_and_credits_no_days(director, resident, men_room, today):
    error = refused(
        services.admit_resident,
        actor=director,
        resident=resident,
        compulsory=False,
        admitted_on=date(2026, 1, 5),
        term_months=6,
        zone=men_room.zone,
        room=men_room,
    )
    assert error.field == "requested_on"
    assert refused(admit, director, resident, men_room, compulsory=False, credited_days=3).field == "credited_days"


def test_a_resident_in_rehab_cannot_be_admitted_twice(director, resident, men_room, today):
    admit(director, resident, men_room)
    assert refused(admit, director, resident, men_room).code == "already_admitted"


def test_admitting_needs_manage_residents_in_the_facility(
    counsellor, director_of_other_facility, resident, men_room, today
):
    for actor in (counsellor, director_of_other_facility):
        with pytest.raises(PermissionDenied):
            admit(actor, resident, men_room)
    assert not Episode.objects.exists()


def test_a_relapse_during_aftercare_ends_it_and_opens_a_new_episode(director, resident, men_room, today):
    first = admit(director, resident, men_room, compulsory=False, admitted_on=date(2025, 1, 6), term_months=6)
    for stage, on in [("detox", date(2025, 2, 1)), ("rehabilitation", date(2025, 3, 1))]:
        if stage == "detox":
            for item in first.checklist.all():
                services.tick_checklist_item(actor=director, item=item, done=True, done_on=date(2025, 1, 10))
        first = services.move_stage(actor=director, episode=first, to_stage=stage, changed_on=on)
    services.complete_episode(actor=director, episode=first, occurred_on=date(2025, 7, 6))
    aftercare = Aftercare.objects.get(episode=first)
    second = admit(director, resident, men_room, admitted_on=date(2026, 3, 1))
    aftercare.refresh_from_db()
    assert (aftercare.status, aftercare.closed_on) == (Aftercare.Status.RELAPSED, date(2026, 3, 1))
    assert TimelineEvent.objects.filter(episode=second, kind="residents.relapse").exists()


def test_a_room_change_respects_the_zone_rules(director, resident, men_room, women_room, today):
    episode = admit(director, resident, men_room)
    other = make_room(men_room.zone, "A2")
    episode = services.assign_room(actor=director, episode=episode, zone=other.zone, room=other, on=date(2026, 2, 1))
    assert episode.room == other
    with pytest.raises(DomainError):
        services.assign_room(
            actor=director, episode=episode, zone=women_room.zone, room=women_room, on=date(2026, 2, 1)
        )


def test_reception_tasks_are_ticked_and_unticked(director, resident, men_room, today):
    episode = admit(director, resident, men_room)
    item = episode.checklist.get(item="health_exam")
    item = services.tick_checklist_item(actor=director, item=item, done=True, done_on=date(2026, 1, 6))
    assert (item.done_on, item.done_by) == (date(2026, 1, 6), director)
    item = services.tick_checklist_item(actor=director, item=item, done=False)
    assert item.done_on is None
    with pytest.raises(DomainError):
        services.tick_checklist_item(actor=director, item=item, done=True, done_on=date(2026, 1, 1))
