"""Labour therapy's services: teams, members, the day's sheet, corrections, produce."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.core.errors import DomainError
from hoanhap.daily_life.models import TeamMembership, WorkLog
from hoanhap.daily_life.services.labour import (
    SheetRefused,
    SheetRow,
    add_member,
    correct_entry,
    form_team,
    record_produce,
    remove_member,
    save_day_sheet,
)
from hoanhap.residents.models import LegalEvent, TimelineEvent
from hoanhap.testing import make_episode, make_resident

pytestmark = pytest.mark.django_db
D = Decimal
MONDAY = date(2026, 3, 2)


def _join(team, resident, team_leader, on=date(2026, 2, 2)):
    return add_member(actor=team_leader, team=team, resident_id=resident.pk, joined_on=on)


def _log(team, resident, team_leader, day, hours):
    return save_day_sheet(actor=team_leader, team=team, worked_on=day, rows=[SheetRow(resident.pk, D(hours))])


def test_a_team_leader_forms_a_team_and_names_must_differ(team_leader, facility, today):
    form_team(actor=team_leader, facility_id=facility.pk, name="Tổ cá", default_task="Nuôi cá")
    with pytest.raises(DomainError) as refusal:
        form_team(actor=team_leader, facility_id=facility.pk, name="tổ cá")
    assert refusal.value.code == "duplicate"


def test_the_teacher_may_not_form_a_team(teacher, facility, today):
    with pytest.raises(PermissionDenied):
        form_team(actor=teacher, facility_id=facility.pk, name="Tổ cá")


def test_joining_a_team_goes_on_the_timeline_and_one_team_at_a_time(team, worker, team_leader, facility, today):
    _join(team, worker, team_leader)
    assert TimelineEvent.objects.filter(resident=worker, kind="daily_life.team_joined").count() == 1
    other = form_team(actor=team_leader, facility_id=facility.pk, name="Tổ cá")
    with pytest.raises(DomainError) as refusal:
        _join(other, worker, team_leader)
    assert refusal.value.code == "already_in_a_team" and "Tổ rau" in str(refusal.value)


def test_only_residents_in_rehab_here_join(team, team_leader, facility, other_facility, today):
    stranger = make_resident(other_facility)
    make_episode(stranger)
    with pytest.raises(DomainError) as refusal:
        _join(team, stranger, team_leader)
    assert refusal.value.code == "not_in_rehab"


def test_a_member_who_leaves_may_join_another_team(team, worker, team_leader, facility, today):
    membership = _join(team, worker, team_leader)
    remove_member(actor=team_leader, membership=membership, left_on=MONDAY)
    assert TimelineEvent.objects.filter(resident=worker, kind="daily_life.team_left").count() == 1
    other = form_team(actor=team_leader, facility_id=facility.pk, name="Tổ cá")
    _join(other, worker, team_leader, on=MONDAY)
    assert TeamMembership.objects.filter(resident=worker, left_on__isnull=True).get().team == other


def test_the_sheet_saves_every_member_with_hours_and_the_team_task_by_default(
    team, worker, team_leader, facility, today
):
    second = make_resident(facility, "Lê Văn Bình")
    make_episode(second)
    _join(team, worker, team_leader)
    _join(team, second, team_leader)
    saved = save_day_sheet(
        actor=team_leader,
        team=team,
        worked_on=MONDAY,
        rows=[SheetRow(worker.pk, D(4)), SheetRow(second.pk, None)],
    )
    assert saved == 1
    log = WorkLog.objects.get()
    assert (log.resident, log.task, log.hours) == (worker, "Trồng rau", D(4))


def test_saving_the_day_again_replaces_the_entry(team, worker, team_leader, today):
    _join(team, worker, team_leader)
    _log(team, worker, team_leader, MONDAY, "4")
    _log(team, worker, team_leader, MONDAY, "6")
    assert list(WorkLog.objects.values_list("hours", flat=True)) == [D(6)]


@pytest.mark.parametrize(("hours", "saved"), [("7.5", True), ("8", True), ("8.5", False)])
def test_the_sheet_caps_a_day_at_eight_hours(team, worker, team_leader, today, hours, saved):
    _join(team, worker, team_leader)
    if saved:
        _log(team, worker, team_leader, MONDAY, hours)
        assert WorkLog.objects.count() == 1
    else:
        with pytest.raises(SheetRefused) as refusal:
            _log(team, worker, team_leader, MONDAY, hours)
        assert refusal.value.errors[worker.pk].startswith("Trần Văn An: 8.5 h is more than the 8 hours a day")
        assert WorkLog.objects.count() == 0


@pytest.mark.parametrize(
    ("saturday", "week_total", "saved"), [("7", "47.5", True), ("7.5", "48", True), ("8", "48.5", False)]
)
def test_the_sheet_caps_a_calendar_week_at_48_hours(team, worker, team_leader, today, saturday, week_total, saved):
    """Monday to Friday 8 h each (40 h), Sunday 0.5 h; then Saturday."""
    today.set(date(2026, 3, 8))
    _join(team, worker, team_leader)
    for n in range(5):
        _log(team, worker, team_leader, MONDAY + timedelta(days=n), "8")
    _log(team, worker, team_leader, date(2026, 3, 8), "0.5")
    if saved:
        _log(team, worker, team_leader, date(2026, 3, 7), saturday)
        assert WorkLog.objects.count() == 7
    else:
        with pytest.raises(SheetRefused) as refusal:
            _log(team, worker, team_leader, date(2026, 3, 7), saturday)
        assert f"{week_total} h in the week 02/03–08/03/2026" in refusal.value.errors[worker.pk]
        assert WorkLog.objects.count() == 6


@pytest.mark.parametrize(("week_so_far", "monday_hours", "saved"), [("47.5", "8", True), ("48", "8", True)])
def test_the_week_starts_afresh_on_monday(team, worker, team_leader, today, week_so_far, monday_hours, saved):
    """A full week ending on Sunday 01/03 does not count against Monday 02/03."""
    _join(team, worker, team_leader)
    days = [date(2026, 2, 23) + timedelta(days=n) for n in range(7)]
    hours = ["8", "8", "8", "8", "8", "7.5", "0.5"] if week_so_far == "48" else ["8", "8", "8", "8", "8", "7.5"]
    for day, h in zip(days, hours, strict=False):
        _log(team, worker, team_leader, day, h)
    _log(team, worker, team_leader, MONDAY, monday_hours)
    assert WorkLog.objects.filter(worked_on=MONDAY).exists()


def test_one_refused_row_refuses_the_whole_sheet(team, worker, team_leader, facility, today):
    second = make_resident(facility, "Lê Văn Bình")
    make_episode(second)
    _join(team, worker, team_leader)
    _join(team, second, team_leader)
    with pytest.raises(SheetRefused) as refusal:
        save_day_sheet(
            actor=team_leader, team=team, worked_on=MONDAY, rows=[SheetRow(worker.pk, D(4)), SheetRow(second.pk, D(9))]
        )
    assert list(refusal.value.errors) == [second.pk]
    assert WorkLog.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "code"),
    [(date(2026, 3, 3), "future"), (date(2026, 1, 4), "outside_episode")],
)
def test_no_log_in_the_future_or_before_admission(team, worker, team_leader, today, day, code):
    _join(team, worker, team_leader, on=date(2026, 1, 5))
    TeamMembership.objects.update(joined_on=date(2026, 1, 1))
    with pytest.raises(SheetRefused) as refusal:
        _log(team, worker, team_leader, day, "4")
    assert code in (refusal.value.code, *[code for m in refusal.value.errors.values() if "rehab here" in m])


@pytest.mark.parametrize(
    ("day", "away"),
    [(date(2026, 2, 23), False), (date(2026, 2, 24), True), (date(2026, 2, 26), True), (date(2026, 2, 27), False)],
)
def test_no_log_on_a_day_away_on_leave(team, worker, team_leader, today, day, away):
    """Leave from 24/02 to 27/02: the day one leaves is away, the day one comes back is present."""
    _join(team, worker, team_leader)
    LegalEvent.objects.create(
        facility=worker.facility,
        episode=worker.episodes.get(),
        kind=LegalEvent.Kind.LEAVE,
        occurred_on=date(2026, 2, 24),
        ended_on=date(2026, 2, 27),
        recorded_by=team_leader,
    )
    if away:
        with pytest.raises(SheetRefused) as refusal:
            _log(team, worker, team_leader, day, "4")
        assert "Away on this day" in refusal.value.errors[worker.pk]
    else:
        _log(team, worker, team_leader, day, "4")


def test_no_log_for_a_resident_absconded_and_not_back(team, worker, team_leader, today):
    _join(team, worker, team_leader)
    LegalEvent.objects.create(
        facility=worker.facility,
        episode=worker.episodes.get(),
        kind=LegalEvent.Kind.ABSCONDENCE,
        occurred_on=date(2026, 2, 20),
        recorded_by=team_leader,
    )
    with pytest.raises(SheetRefused):
        _log(team, worker, team_leader, MONDAY, "4")


def test_no_log_for_someone_not_in_the_team_that_day(team, worker, team_leader, today):
    _join(team, worker, team_leader, on=MONDAY)
    with pytest.raises(SheetRefused) as refusal:
        _log(team, worker, team_leader, date(2026, 2, 27), "4")
    assert "Not a member" in refusal.value.errors[worker.pk]


@pytest.mark.parametrize(("hours", "saved"), [("7.5", True), ("8", True), ("8.5", False)])
def test_a_correction_obeys_the_caps(team, worker, team_leader, today, hours, saved):
    _join(team, worker, team_leader)
    _log(team, worker, team_leader, MONDAY, "4")
    log = WorkLog.objects.get()
    if saved:
        correct_entry(actor=team_leader, log=log, hours=D(hours), task="Làm cỏ")
        log.refresh_from_db()
        assert (log.hours, log.task) == (D(hours), "Làm cỏ")
    else:
        with pytest.raises(DomainError) as refusal:
            correct_entry(actor=team_leader, log=log, hours=D(hours), task="Làm cỏ")
        assert refusal.value.field == "hours"
        log.refresh_from_db()
        assert log.hours == D(4)


def test_produce_is_recorded_and_cannot_reach_the_kitchen_before_it_exists(team, team_leader, facility, today):
    produce = record_produce(
        actor=team_leader,
        facility_id=facility.pk,
        produced_on=MONDAY,
        item="vegetables",
        quantity=D("35.5"),
        team=team,
        sent_to_kitchen_on=MONDAY,
        received_by="Bếp trưởng",
    )
    assert produce.quantity == D("35.5")
    with pytest.raises(DomainError) as refusal:
        record_produce(
            actor=team_leader,
            facility_id=facility.pk,
            produced_on=MONDAY,
            item="fish",
            quantity=D(3),
            sent_to_kitchen_on=date(2026, 3, 1),
        )
    assert refusal.value.field == "sent_to_kitchen_on"
