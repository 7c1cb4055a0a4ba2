from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from hoanhap.accounts.roles import Role
from hoanhap.core.errors import DomainError
from hoanhap.daily_life.models import Competition, Event, EventParticipant, EventPhoto, Prize, WorkTeam
from hoanhap.daily_life.selectors import events as selectors
from hoanhap.daily_life.services import events as services
from hoanhap.residents.models import Episode, TimelineEvent
from hoanhap.testing import make_episode, make_resident, make_user

from .conftest import jpeg

pytestmark = pytest.mark.django_db


def test_the_teacher_plans_an_event_in_the_future_and_is_its_organiser(facility, teacher, today):
    event = services.plan_event(
        actor=teacher,
        facility_id=facility.pk,
        kind=Event.Kind.SEMINAR,
        title=" Tọa đàm phòng chống tái nghiện ",
        held_on=date(2026, 4, 10),
        starts_at=time(8),
        ends_at=time(10),
    )
    assert event.organiser == teacher
    assert event.title == "Tọa đàm phòng chống tái nghiện"


@pytest.mark.parametrize(("ends_at", "allowed"), [(time(7, 59), False), (time(8), True), (time(9), True)])
def test_an_event_ends_at_or_after_its_start(facility, teacher, today, ends_at, allowed):
    def plan() -> Event:
        return services.plan_event(
            actor=teacher,
            facility_id=facility.pk,
            kind=Event.Kind.GAMES,
            title="Trò chơi dân gian",
            held_on=date(2026, 3, 2),
            starts_at=time(8),
            ends_at=ends_at,
        )

    if allowed:
        plan()
    else:
        with pytest.raises(DomainError) as refused:
            plan()
        assert refused.value.field == "ends_at"


def test_only_a_recorder_of_events_at_the_facility_plans_one(facility, other_facility, teacher, director, today):
    with pytest.raises(PermissionDenied):
        services.plan_event(actor=director, facility_id=facility.pk, kind="sport", title="x", held_on=date(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        services.plan_event(
            actor=teacher, facility_id=other_facility.pk, kind="sport", title="x", held_on=date(2026, 3, 2)
        )


def test_residents_and_staff_are_added_together_with_one_timeline_row_per_resident(
    facility, teacher, event, resident, today
):
    added = services.add_participants(actor=teacher, event=event, resident_ids=[resident.pk], staff_ids=[teacher.pk])
    assert len(added) == 2
    again = services.add_participants(actor=teacher, event=event, resident_ids=[resident.pk])
    assert again == []
    rows = TimelineEvent.objects.filter(resident=resident, kind="daily_life.event_attended")
    assert rows.count() == 1
    assert rows.get().occurred_on == date(2026, 3, 1)
    participant = EventParticipant.objects.get(event=event, resident=resident)
    assert participant.episode is not None and participant.episode.resident == resident


@pytest.mark.parametrize(("held_on", "allowed"), [(date(2026, 3, 2), True), (date(2026, 3, 3), False)])
def test_attendance_is_recorded_only_on_or_after_the_day(facility, teacher, resident, today, held_on, allowed):
    event = services.plan_event(actor=teacher, facility_id=facility.pk, kind="sport", title="x", held_on=held_on)
    if allowed:
        services.add_participants(actor=teacher, event=event, resident_ids=[resident.pk])
    else:
        with pytest.raises(DomainError) as refused:
            services.add_participants(actor=teacher, event=event, resident_ids=[resident.pk])
        assert refused.value.code == "not_yet_held"


@pytest.mark.parametrize(
    ("admitted_on", "status", "allowed"),
    [
        (date(2026, 3, 1), Episode.Status.ACTIVE, True),
        (date(2026, 3, 2), Episode.Status.ACTIVE, False),
        (date(2026, 1, 5), Episode.Status.ON_LEAVE, False),
    ],
)
def test_a_participant_was_present_at_the_facility_on_the_day(
    facility, teacher, event, today, admitted_on, status, allowed
):
    person = make_resident(facility, "Lê Văn Bình")
    make_episode(person, admitted_on=admitted_on, status=status)
    if allowed:
        services.add_participants(actor=teacher, event=event, resident_ids=[person.pk])
    else:
        with pytest.raises(DomainError) as refused:
            services.add_participants(actor=teacher, event=event, resident_ids=[person.pk])
        assert refused.value.code == "not_present"
        assert not EventParticipant.objects.exists()


def test_a_resident_of_another_facility_is_refused(other_facility, teacher, event, today):
    stranger = make_resident(other_facility, "Phạm Văn Cường")
    make_episode(stranger)
    with pytest.raises(DomainError):
        services.add_participants(actor=teacher, event=event, resident_ids=[stranger.pk])


def test_staff_of_another_facility_is_refused(other_facility, teacher, event, today):
    outsider = make_user(Role.EDUCATION_OFFICER, other_facility)
    with pytest.raises(DomainError) as refused:
        services.add_participants(actor=teacher, event=event, staff_ids=[outsider.pk])
    assert refused.value.field == "staff"


def test_a_participant_is_a_resident_or_a_staff_member_never_both(facility, teacher, event, resident):
    episode = resident.episodes.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        EventParticipant.objects.create(
            facility=facility, event=event, resident=resident, episode=episode, staff=teacher
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        EventParticipant.objects.create(facility=facility, event=event)


def test_the_birthday_party_proposes_the_residents_born_in_its_quarter(facility, teacher, today):
    party = services.plan_event(
        actor=teacher, facility_id=facility.pk, kind=Event.Kind.BIRTHDAY, title="Sinh nhật quý I", held_on=today.value
    )
    born = {}
    for name, dob in [("March", date(1990, 3, 31)), ("January", date(1991, 1, 1)), ("April", date(1990, 4, 1))]:
        born[name] = make_resident(facility, name, date_of_birth=dob)
        make_episode(born[name])
    away = make_resident(facility, "Away", date_of_birth=date(1990, 2, 2))
    make_episode(away, status=Episode.Status.ON_LEAVE)
    proposed = {episode.resident_id for episode in selectors.birthday_candidates(party)}
    assert proposed == {born["March"].pk, born["January"].pk}


def test_a_photo_is_kept_privately_once_the_event_has_happened(facility, teacher, event, today, settings):
    photo = services.add_photo(actor=teacher, event=event, image=jpeg(), caption="Khai mạc")
    assert photo.content_type == "image/jpeg"
    assert photo.image.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert "photo" not in (photo.image.name or "")


@pytest.mark.parametrize(("image_format", "allowed"), [("PNG", True), ("WEBP", True), ("GIF", False)])
def test_a_photo_is_a_jpeg_png_or_webp(teacher, event, today, image_format, allowed):
    upload = jpeg(f"x.{image_format.lower()}", image_format)
    if allowed:
        services.add_photo(actor=teacher, event=event, image=upload)
    else:
        with pytest.raises(DomainError) as refused:
            services.add_photo(actor=teacher, event=event, image=upload)
        assert refused.value.field == "image"
        assert not EventPhoto.objects.exists()


def test_a_file_that_is_no_image_is_refused(teacher, event, today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(DomainError):
        services.add_photo(actor=teacher, event=event, image=SimpleUploadedFile("a.jpg", b"not an image"))


def test_no_photo_before_the_day(facility, teacher, today):
    planned = services.plan_event(
        actor=teacher, facility_id=facility.pk, kind="sport", title="x", held_on=date(2026, 3, 3)
    )
    with pytest.raises(DomainError):
        services.add_photo(actor=teacher, event=planned, image=jpeg())


def test_a_prize_to_a_resident_goes_onto_their_timeline(facility, teacher, event, resident, today):
    competition = services.create_competition(
        actor=teacher, facility_id=facility.pk, title="Chạy 100m", held_on=date(2026, 3, 1), event=event, kind="sport"
    )
    prize = services.award_prize(
        actor=teacher,
        competition=competition,
        rank="Giải nhất",
        item="Bộ quần áo thể thao",
        value=300_000,
        resident_id=resident.pk,
    )
    row = TimelineEvent.objects.get(resident=resident, kind="daily_life.prize_won")
    assert "Giải nhất" in row.summary and "Chạy 100m" in row.summary
    assert prize.episode is not None


def test_a_prize_to_a_team_goes_onto_the_timeline_of_each_member_on_the_day(facility, teacher, team, today):
    from hoanhap.daily_life.models import TeamMembership

    members = {}
    for name, joined, left in (
        ("Lê Văn Có", date(2026, 1, 6), None),
        ("Phạm Văn Rời", date(2026, 1, 6), date(2026, 2, 27)),  # left the day before
        ("Đỗ Văn Mới", date(2026, 3, 1), None),  # joined the day after
        ("Vũ Văn Đúng", date(2026, 2, 28), date(2026, 2, 28)),  # a member that very day
    ):
        person = make_resident(facility, name)
        episode = make_episode(person, admitted_on=date(2026, 1, 5))
        TeamMembership.objects.create(
            facility=facility, team=team, resident=person, episode=episode, joined_on=joined, left_on=left
        )
        members[name] = person
    competition = services.create_competition(
        actor=teacher, facility_id=facility.pk, title="Thi đua lao động", held_on=date(2026, 2, 28)
    )
    prize = services.award_prize(actor=teacher, competition=competition, rank="Giải nhì", value=500_000, team=team)
    assert list(selectors.prizes_of_team(team)) == [prize]
    rows = TimelineEvent.objects.filter(kind="daily_life.prize_won").order_by("resident__name_sort_key")
    assert [row.resident.full_name for row in rows] == ["Lê Văn Có", "Vũ Văn Đúng"]
    assert all(row.occurred_on == date(2026, 2, 28) and "Tổ 1" in row.summary for row in rows)


def test_a_prize_goes_to_a_team_or_a_resident_exactly(facility, teacher, team, resident, today):
    competition = services.create_competition(actor=teacher, facility_id=facility.pk, title="x", held_on=today.value)
    for winners in ({}, {"team": team, "resident_id": resident.pk}):
        with pytest.raises(DomainError) as refused:
            services.award_prize(actor=teacher, competition=competition, rank="Giải ba", **winners)
        assert refused.value.code == "one_winner"
    with pytest.raises(IntegrityError), transaction.atomic():
        Prize.objects.create(facility=facility, competition=competition, rank="x", team=team, resident=resident)


@pytest.mark.parametrize(("value", "allowed"), [(-1, False), (0, True)])
def test_a_prize_is_worth_zero_or_more(facility, teacher, team, today, value, allowed):
    competition = services.create_competition(actor=teacher, facility_id=facility.pk, title="x", held_on=today.value)
    if allowed:
        services.award_prize(actor=teacher, competition=competition, rank="Khuyến khích", value=value, team=team)
    else:
        with pytest.raises(DomainError) as refused:
            services.award_prize(actor=teacher, competition=competition, rank="Khuyến khích", value=value, team=team)
        assert refused.value.field == "value"


@pytest.mark.parametrize(("held_on", "allowed"), [(date(2026, 3, 2), True), (date(2026, 3, 3), False)])
def test_a_prize_is_awarded_on_or_after_the_competitions_day(facility, teacher, team, today, held_on, allowed):
    competition = services.create_competition(actor=teacher, facility_id=facility.pk, title="x", held_on=held_on)
    if allowed:
        services.award_prize(actor=teacher, competition=competition, rank="Giải nhất", team=team)
    else:
        with pytest.raises(DomainError):
            services.award_prize(actor=teacher, competition=competition, rank="Giải nhất", team=team)


def test_a_team_of_another_facility_wins_nothing_here(facility, other_facility, teacher, today):
    competition = services.create_competition(actor=teacher, facility_id=facility.pk, title="x", held_on=today.value)
    foreign = WorkTeam.objects.create(facility=other_facility, name="Tổ B")
    with pytest.raises(DomainError) as refused:
        services.award_prize(actor=teacher, competition=competition, rank="Giải nhất", team=foreign)
    assert refused.value.field == "team"


def test_a_competition_belongs_to_an_event_of_its_facility(facility, other_facility, teacher, today):
    other_teacher = make_user(Role.EDUCATION_OFFICER, other_facility)
    foreign = services.plan_event(
        actor=other_teacher, facility_id=other_facility.pk, kind="sport", title="x", held_on=today.value
    )
    with pytest.raises(DomainError) as refused:
        services.create_competition(
            actor=teacher, facility_id=facility.pk, title="x", held_on=today.value, event=foreign
        )
    assert refused.value.field == "event"
    assert not Competition.objects.exists()


def test_the_prize_totals_split_teams_and_residents(facility, teacher, team, resident, director, today):
    competition = services.create_competition(actor=teacher, facility_id=facility.pk, title="x", held_on=today.value)
    services.award_prize(actor=teacher, competition=competition, rank="1", value=500_000, team=team)
    services.award_prize(actor=teacher, competition=competition, rank="2", value=200_000, resident_id=resident.pk)
    totals = selectors.prize_totals(selectors.prizes_visible_to(director))
    assert totals == {"count": 2, "total": 700_000, "team_total": 500_000, "resident_total": 200_000}


def test_adding_forty_participants_takes_as_many_queries_as_adding_two(facility, teacher, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = []
    for n in range(42):
        person = make_resident(facility, f"Học Viên {n}")
        make_episode(person, admitted_on=date(2026, 1, 5))
        people.append(person.pk)

    def queries(resident_ids):  # type: ignore[no-untyped-def]
        event = services.plan_event(
            actor=teacher, facility_id=facility.pk, kind=Event.Kind.GAMES, title="Trò chơi", held_on=date(2026, 3, 1)
        )
        with CaptureQueriesContext(connection) as captured:
            services.add_participants(actor=teacher, event=event, resident_ids=resident_ids)
        return len(captured)

    assert queries(people[:2]) == queries(people[2:])
    assert TimelineEvent.objects.filter(kind="daily_life.event_attended").count() == 42
