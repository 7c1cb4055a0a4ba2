"""Each figure of the registry counts what happened from the first day of the period to the last,
both included, for every facility asked for, in one query: a record the day before the period or
the day after does not count."""

from datetime import date
from decimal import Decimal

import pytest

from hoanhap.core import registry
from hoanhap.daily_life.models import Attendance, Course, Enrolment, Lesson, VocationalCertificate, WorkLog, WorkTeam
from hoanhap.residents.models import Episode, LegalEvent
from hoanhap.residents.terms import EpisodeKind
from hoanhap.testing import make_episode, make_resident

START, END = date(2026, 3, 1), date(2026, 3, 31)
BOUNDARIES = [
    (date(2026, 2, 28), 0),  # the day before the period
    (date(2026, 3, 1), 1),  # the first day
    (date(2026, 3, 31), 1),  # the last day
    (date(2026, 4, 1), 0),  # the day after
]


def _compute(key, facility, other_facility=None):  # type: ignore[no-untyped-def]
    ids = [facility.pk] + ([other_facility.pk] if other_facility else [])
    return registry.figures.get(key).compute(ids, START, END)


def _episode(facility, **fields):  # type: ignore[no-untyped-def]
    return make_episode(make_resident(facility), **fields)


def test_every_module_registers_its_figures():
    assert {
        "residents.admissions",
        "residents.admissions_voluntary",
        "residents.admissions_compulsory",
        "residents.admissions_minors",
        "residents.completions",
        "residents.early_releases",
        "residents.term_reductions",
        "residents.abscondences",
        "residents.census",
        "daily_life.vocational_trainees",
        "daily_life.vocational_certificates",
        "daily_life.labour_hours",
        "daily_life.life_skills_attendance",
    } <= set(registry.figures.keys())


@pytest.mark.parametrize(("admitted_on", "counted"), BOUNDARIES)
def test_an_admission_counts_from_the_first_day_to_the_last(facility, admitted_on, counted):
    _episode(facility, admitted_on=admitted_on)
    assert _compute("residents.admissions", facility) == {facility.pk: counted}


def test_admissions_are_counted_per_facility_in_one_query(facility, other_facility, django_assert_num_queries):
    _episode(facility, admitted_on=date(2026, 3, 5))
    _episode(facility, admitted_on=date(2026, 3, 6))
    _episode(other_facility, admitted_on=date(2026, 3, 7))
    with django_assert_num_queries(1):
        counts = _compute("residents.admissions", facility, other_facility)
    assert counts == {facility.pk: 2, other_facility.pk: 1}


def test_a_facility_without_admissions_counts_zero(facility, other_facility):
    assert _compute("residents.admissions", facility, other_facility) == {facility.pk: 0, other_facility.pk: 0}


def test_a_transfer_in_is_not_an_admission(facility, other_facility):
    first = _episode(other_facility, admitted_on=date(2026, 1, 5), status=Episode.Status.CLOSED)
    Episode.objects.create(
        resident=first.resident,
        facility=facility,
        kind=EpisodeKind.COMPULSORY,
        admitted_on=date(2026, 3, 5),
        stage_since_on=date(2026, 3, 5),
        term_months=24,
        transferred_from=first,
    )
    assert _compute("residents.admissions", facility) == {facility.pk: 0}


def test_admissions_by_kind_and_minors(facility):
    _episode(facility, admitted_on=date(2026, 3, 5), kind=EpisodeKind.VOLUNTARY)
    _episode(facility, admitted_on=date(2026, 3, 5), kind=EpisodeKind.COMPULSORY)
    minor = make_resident(facility, date_of_birth=date(2010, 3, 6))  # 15 on the day
    make_episode(minor, admitted_on=date(2026, 3, 5), kind=EpisodeKind.COMPULSORY_MINOR)
    just_adult = make_resident(facility, date_of_birth=date(2008, 3, 5))  # 18 that day
    make_episode(just_adult, admitted_on=date(2026, 3, 5), kind=EpisodeKind.VOLUNTARY)
    assert _compute("residents.admissions_voluntary", facility) == {facility.pk: 2}
    assert _compute("residents.admissions_compulsory", facility) == {facility.pk: 2}
    assert _compute("residents.admissions_minors", facility) == {facility.pk: 1}


@pytest.mark.parametrize(("closed_on", "counted"), BOUNDARIES)
@pytest.mark.parametrize(
    ("key", "outcome"),
    [
        ("residents.completions", Episode.Outcome.COMPLETED),
        ("residents.early_releases", Episode.Outcome.RELEASED_EARLY),
    ],
)
def test_completions_and_early_releases_count_by_the_day_closed(facility, key, outcome, closed_on, counted):
    _episode(facility, admitted_on=date(2024, 1, 5), status=Episode.Status.CLOSED, outcome=outcome, closed_on=closed_on)
    _episode(facility, admitted_on=date(2024, 1, 5), status=Episode.Status.CLOSED, outcome="died", closed_on=START)
    assert _compute(key, facility) == {facility.pk: counted}


@pytest.mark.parametrize(("occurred_on", "counted"), BOUNDARIES)
@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("residents.abscondences", LegalEvent.Kind.ABSCONDENCE),
        ("residents.term_reductions", LegalEvent.Kind.TERM_REDUCTION),
    ],
)
def test_abscondences_and_reductions_count_by_their_day(facility, director, key, kind, occurred_on, counted):
    episode = _episode(facility, admitted_on=date(2025, 1, 5))
    LegalEvent.objects.create(
        facility=facility, episode=episode, kind=kind, occurred_on=occurred_on, recorded_by=director
    )
    LegalEvent.objects.create(
        facility=facility, episode=episode, kind=LegalEvent.Kind.LEAVE, occurred_on=START, recorded_by=director
    )
    assert _compute(key, facility) == {facility.pk: counted}


@pytest.mark.parametrize(
    ("admitted_on", "closed_on", "counted"),
    [
        (date(2026, 3, 31), None, 1),  # admitted on the day
        (date(2026, 4, 1), None, 0),  # admitted the day after
        (date(2025, 1, 1), date(2026, 3, 31), 0),  # left on the day
        (date(2025, 1, 1), date(2026, 4, 1), 1),  # left the day after
    ],
)
def test_the_census_counts_the_residents_in_rehab_at_the_end_of_the_day(facility, admitted_on, closed_on, counted):
    status = Episode.Status.CLOSED if closed_on else Episode.Status.ACTIVE
    _episode(facility, admitted_on=admitted_on, closed_on=closed_on, status=status)
    assert _compute("residents.census", facility) == {facility.pk: counted}


@pytest.fixture
def course_world(facility, director):  # type: ignore[no-untyped-def]
    def course(kind: str) -> Course:
        return Course.objects.create(
            facility=facility,
            kind=kind,
            title=kind,
            teacher=director,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
            status=Course.Status.RUNNING,
        )

    return course


def _enrol(course, facility, **fields):  # type: ignore[no-untyped-def]
    episode = _episode(facility, admitted_on=date(2025, 1, 5))
    return Enrolment.objects.create(
        facility=facility, course=course, resident=episode.resident, episode=episode, **fields
    )


@pytest.mark.parametrize(
    ("enrolled_on", "left_on", "counted"),
    [
        (date(2026, 1, 5), date(2026, 2, 28), 0),  # left the day before
        (date(2026, 1, 5), date(2026, 3, 1), 1),  # left on the first day
        (date(2026, 3, 31), None, 1),  # enrolled on the last day
        (date(2026, 4, 1), None, 0),  # enrolled the day after
    ],
)
def test_vocational_trainees_are_the_residents_on_a_vocational_course_in_the_period(
    facility, course_world, enrolled_on, left_on, counted
):
    _enrol(course_world(Course.Kind.VOCATIONAL), facility, enrolled_on=enrolled_on, left_on=left_on)
    _enrol(course_world(Course.Kind.LITERACY), facility, enrolled_on=date(2026, 3, 5))
    assert _compute("daily_life.vocational_trainees", facility) == {facility.pk: counted}


@pytest.mark.parametrize(("issued_on", "counted"), BOUNDARIES)
def test_vocational_certificates_count_by_the_day_issued(facility, director, course_world, issued_on, counted):
    enrolment = _enrol(course_world(Course.Kind.VOCATIONAL), facility, enrolled_on=date(2026, 1, 5))
    VocationalCertificate.objects.create(
        facility=facility,
        enrolment=enrolment,
        number="1/2026/CCN",
        year=2026,
        sequence=1,
        issued_on=issued_on,
        issued_by=director,
    )
    assert _compute("daily_life.vocational_certificates", facility) == {facility.pk: counted}


@pytest.mark.parametrize(("worked_on", "counted"), BOUNDARIES)
def test_labour_hours_sum_the_work_log_of_the_period(facility, director, worked_on, counted):
    team = WorkTeam.objects.create(facility=facility, name="Tổ 1")
    episode = _episode(facility, admitted_on=date(2025, 1, 5))
    for day, hours in ((worked_on, "4.5"), (date(2026, 3, 10), "3")):
        WorkLog.objects.create(
            facility=facility,
            resident=episode.resident,
            episode=episode,
            team=team,
            worked_on=day,
            task="Trồng rau",
            hours=Decimal(hours),
            recorded_by=director,
        )
    assert _compute("daily_life.labour_hours", facility) == {facility.pk: Decimal("3") + counted * Decimal("4.5")}


@pytest.mark.parametrize(("held_on", "counted"), BOUNDARIES)
def test_life_skills_attendance_counts_the_presences_at_life_skills_lessons(facility, course_world, held_on, counted):
    life_values = course_world(Course.Kind.LIFE_VALUES)
    vocational = course_world(Course.Kind.VOCATIONAL)
    present = _enrol(life_values, facility, enrolled_on=date(2026, 1, 5))
    absent = _enrol(life_values, facility, enrolled_on=date(2026, 1, 5))
    trainee = _enrol(vocational, facility, enrolled_on=date(2026, 1, 5))
    lesson = Lesson.objects.create(facility=facility, course=life_values, held_on=held_on)
    other = Lesson.objects.create(facility=facility, course=vocational, held_on=START)
    Attendance.objects.create(facility=facility, lesson=lesson, enrolment=present, present=True)
    Attendance.objects.create(facility=facility, lesson=lesson, enrolment=absent, present=False, reason="sick")
    Attendance.objects.create(facility=facility, lesson=other, enrolment=trainee, present=True)
    assert _compute("daily_life.life_skills_attendance", facility) == {facility.pk: counted}


def test_each_figure_reads_a_year_and_its_months_in_one_query_and_agrees_with_each_period(
    facility, other_facility, director, course_world, django_assert_num_queries
):
    team = WorkTeam.objects.create(facility=facility, name="Tổ 1")
    vocational = course_world(Course.Kind.VOCATIONAL)
    life_values = course_world(Course.Kind.LIFE_VALUES)
    for month in range(1, 13):
        day = date(2026, month, 10)
        episode = _episode(
            facility, admitted_on=day, kind=EpisodeKind.VOLUNTARY if month % 2 else EpisodeKind.COMPULSORY
        )
        _episode(other_facility, admitted_on=day)
        if month % 3 == 0:
            episode.status, episode.outcome, episode.closed_on = Episode.Status.CLOSED, Episode.Outcome.COMPLETED, day
            episode.save()
        LegalEvent.objects.create(
            facility=facility, episode=episode, kind=LegalEvent.Kind.ABSCONDENCE, occurred_on=day, recorded_by=director
        )
        WorkLog.objects.create(
            facility=facility,
            resident=episode.resident,
            episode=episode,
            team=team,
            worked_on=day,
            task="Rau",
            hours=Decimal("4"),
            recorded_by=director,
        )
        enrolment = Enrolment.objects.create(
            facility=facility,
            course=vocational,
            resident=episode.resident,
            episode=episode,
            enrolled_on=day,
            left_on=day if month < 6 else None,
        )
        if month % 4 == 0:
            VocationalCertificate.objects.create(
                facility=facility,
                enrolment=enrolment,
                number=f"{month}/2026/CCN",
                year=2026,
                sequence=month,
                issued_on=day,
                issued_by=director,
            )
        lesson = Lesson.objects.create(facility=facility, course=life_values, held_on=day)
        member = Enrolment.objects.create(
            facility=facility, course=life_values, resident=episode.resident, episode=episode, enrolled_on=day
        )
        Attendance.objects.create(facility=facility, lesson=lesson, enrolment=member, present=True)
    ids = [facility.pk, other_facility.pk]
    periods = [(date(2026, 1, 1), date(2026, 12, 31))] + [
        (date(2026, month, 1), date(2026, month, 28)) for month in range(1, 13)
    ]
    for figure in registry.figures:
        with django_assert_num_queries(1):
            together = figure.for_periods(ids, periods)
        assert together == [figure.compute(ids, start, end) for start, end in periods], figure.key
    assert registry.figures.get("residents.admissions").for_periods(ids, periods)[0] == {
        facility.pk: 12,
        other_facility.pk: 12,
    }
