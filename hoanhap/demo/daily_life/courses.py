"""Daily life in the demo, courses: at the main facility two life-values classes, a behaviour
class with its curriculum, a finished vocational course (results, certificates) and a running one,
each with up to 40 residents in rehab and every past lesson's roll called; one lesson today, the
life-values class's, not yet called (the browser test calls it). A small class at the others."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from hoanhap.daily_life.models import Attendance, Course, Enrolment, Lesson, Trade, VocationalCertificate
from hoanhap.residents.models import Episode, TimelineEvent

if TYPE_CHECKING:
    from hoanhap.accounts.models import User
    from hoanhap.core.models import Facility

    from . import DemoWorld

TRADES = ("Nuôi trồng thủy sản", "Điện nông thôn", "Trồng rau an toàn", "Mộc dân dụng", "Nấu ăn")
BEHAVIOUR_TOPICS = (
    "Nhận thức về ma túy và tác hại",
    "Kỹ năng kiểm soát cảm xúc",
    "Kỹ năng giao tiếp, ứng xử",
    "Trách nhiệm với gia đình",
    "Phòng, chống tái nghiện",
    "Pháp luật về phòng, chống ma túy",
)
LVEP_TOPICS = ("Hòa bình", "Tôn trọng", "Yêu thương", "Trách nhiệm", "Hạnh phúc", "Hợp tác", "Trung thực", "Khiêm tốn")
REASONS = ("sick", "medical", "visit", "work", "discipline")


def seed(world: DemoWorld) -> int:
    if not world.facilities:
        return 0
    trades = Trade.objects.bulk_create([Trade(name=name) for name in TRADES])
    main = world.facilities[0]
    teacher = world.staff.get("giaoduc")
    if teacher is None:
        return len(trades)
    today = world.today
    monday = today - timedelta(days=today.weekday())
    plans = [
        # title, kind, trade, starts_on, ends_on, weekdays (today's lesson only in the first)
        (
            "Lớp giá trị sống K1",
            Course.Kind.LIFE_VALUES,
            None,
            monday - timedelta(weeks=5),
            monday + timedelta(weeks=5),
            {today.weekday()},
        ),
        (
            "Lớp giá trị sống K2",
            Course.Kind.LIFE_VALUES,
            None,
            monday - timedelta(weeks=3),
            monday + timedelta(weeks=6),
            {(today.weekday() + 2) % 7},
        ),
        (
            "Giáo dục hành vi nhân cách K1",
            Course.Kind.BEHAVIOUR,
            None,
            monday - timedelta(weeks=6),
            monday + timedelta(weeks=4),
            {(today.weekday() + 3) % 7},
        ),
        (
            "Khóa trồng rau an toàn",
            Course.Kind.VOCATIONAL,
            trades[2],
            monday - timedelta(weeks=12),
            monday - timedelta(weeks=2),
            {(today.weekday() + 1) % 7, (today.weekday() + 4) % 7},
        ),
        (
            "Khóa điện nông thôn",
            Course.Kind.VOCATIONAL,
            trades[1],
            monday - timedelta(weeks=4),
            monday + timedelta(weeks=8),
            {(today.weekday() + 5) % 7},
        ),
    ]
    episodes = list(
        Episode.objects.filter(facility=main, status=Episode.Status.ACTIVE)
        .select_related("resident")
        .order_by("pk")[:200]
    )
    rows = len(trades)
    for n, (title, kind, trade, starts_on, ends_on, weekdays) in enumerate(plans):
        chosen = world.rng.sample(episodes, min(40, len(episodes)))
        rows += _course(world, main, teacher, title, kind, trade, starts_on, ends_on, weekdays, chosen, today, n)
    for facility in world.facilities[1:]:
        director = next(
            (
                user
                for name, user in world.staff.items()
                if name != "giamdoc"
                and name.startswith("giamdoc")
                and user.memberships.filter(facility=facility).exists()
            ),
            None,
        )
        if director is None:
            continue
        few = list(
            Episode.objects.filter(facility=facility, status=Episode.Status.ACTIVE).select_related("resident")[:12]
        )
        rows += _course(
            world,
            facility,
            director,
            "Lớp giá trị sống",
            Course.Kind.LIFE_VALUES,
            None,
            monday - timedelta(weeks=2),
            monday + timedelta(weeks=6),
            {(today.weekday() + 1) % 7},
            few,
            today,
            0,
        )
    return rows


def _course(
    world: DemoWorld,
    facility: Facility,
    teacher: User,
    title: str,
    kind: str,
    trade: Trade | None,
    starts_on: date,
    ends_on: date,
    weekdays: set[int],
    episodes: list[Episode],
    today: date,
    n: int,
) -> int:
    status = Course.Status.FINISHED if ends_on < today else Course.Status.RUNNING
    # Bulk-inserted, as all demo rows: no signal, so no audit entry (nobody did this).
    (course,) = Course.objects.bulk_create(
        [
            Course(
                facility=facility,
                kind=kind,
                trade=trade,
                title=title,
                teacher=teacher,
                starts_on=starts_on,
                ends_on=ends_on,
                status=status,
            )
        ]
    )
    topics = (
        BEHAVIOUR_TOPICS if kind == Course.Kind.BEHAVIOUR else LVEP_TOPICS if kind == Course.Kind.LIFE_VALUES else ()
    )
    days = [starts_on + timedelta(days=k) for k in range((ends_on - starts_on).days + 1)]
    lessons = Lesson.objects.bulk_create(
        [
            Lesson(
                facility=facility,
                course=course,
                held_on=day,
                starts_at=time(8 + n % 3, 0),
                ends_at=time(10 + n % 3, 0),
                topic=topics[k % len(topics)] if topics else f"Bài {k + 1}",
            )
            for k, day in enumerate(d for d in days if d.weekday() in weekdays)
        ]
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                facility=facility,
                course=course,
                resident=episode.resident,
                episode=episode,
                enrolled_on=max(starts_on, episode.admitted_on),
            )
            for episode in episodes
        ]
    )
    attendances = []
    for lesson in lessons:
        if lesson.held_on >= today:
            continue
        for enrolment in enrolments:
            if enrolment.enrolled_on > lesson.held_on:
                continue
            absent = world.rng.random() < 0.06
            attendances.append(
                Attendance(
                    facility=facility,
                    lesson=lesson,
                    enrolment=enrolment,
                    present=not absent,
                    reason=world.rng.choice(REASONS) if absent else "",
                )
            )
    Attendance.objects.bulk_create(attendances, batch_size=1000)
    Lesson.objects.filter(course=course, held_on__lt=today).update(
        called_at=datetime.combine(today, time(12), tzinfo=UTC)
    )
    events = [
        TimelineEvent(
            facility=facility,
            resident=enrolment.resident,
            episode=enrolment.episode,
            kind="daily_life.course_enrolled",
            occurred_on=enrolment.enrolled_on,
            summary=f"{course.get_kind_display()}: {title}",
            actor=teacher,
            source_type="daily_life.enrolment",
            source_id=enrolment.pk,
        )
        for enrolment in enrolments
    ]
    certificates = []
    if status == Course.Status.FINISHED:
        for enrolment in enrolments:
            enrolment.score = Decimal(world.rng.randint(40, 95)) / 10
            enrolment.passed = enrolment.score >= 5
        Enrolment.objects.bulk_update(enrolments, ["score", "passed"])
        passed = [enrolment for enrolment in enrolments if enrolment.passed]
        certificates = VocationalCertificate.objects.bulk_create(
            [
                VocationalCertificate(
                    facility=facility,
                    enrolment=enrolment,
                    number=VocationalCertificate.format_number(sequence=k, year=ends_on.year),
                    year=ends_on.year,
                    sequence=k,
                    issued_on=ends_on,
                    issued_by=teacher,
                )
                for k, enrolment in enumerate(passed, start=1)
            ]
        )
        events += [
            TimelineEvent(
                facility=facility,
                resident=c.enrolment.resident,
                episode=c.enrolment.episode,
                kind="daily_life.vocational_certificate",
                occurred_on=c.issued_on,
                summary=f"{c.number} · {trade.name if trade else title}",
                actor=teacher,
                source_type="daily_life.vocationalcertificate",
                source_id=c.pk,
            )
            for c in certificates
        ]
    TimelineEvent.objects.bulk_create(events, batch_size=1000)
    return 1 + len(lessons) + len(enrolments) + len(attendances) + len(certificates) + len(events)
