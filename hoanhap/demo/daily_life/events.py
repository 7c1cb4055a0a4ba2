"""Daily life in the demo, events: four months of events at the main facility (seminars, soft
skills, games, cultural shows, sport, each quarter's birthday party), their participants and a
timeline row for each resident; two competitions with prizes (one to residents, one to work
teams); a talk planned for next week; a little at the other facilities. No photo files: the demo
writes no file (a gallery is filled through the page)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from hoanhap.daily_life.models import Competition, Event, EventParticipant, Prize, WorkTeam
from hoanhap.daily_life.rules.events import born_in_quarter_of
from hoanhap.residents.models import Episode, TimelineEvent

if TYPE_CHECKING:
    from . import DemoWorld

PROGRAMME = (
    (Event.Kind.SEMINAR, "Tọa đàm: Tác hại của ma túy tổng hợp", "Hội trường"),
    (Event.Kind.SOFT_SKILLS, "Kỹ năng giao tiếp và kiểm soát cảm xúc", "Phòng sinh hoạt chung"),
    (Event.Kind.SPORT, "Giao hữu bóng đá giữa các khu", "Sân thể thao"),
    (Event.Kind.GAMES, "Trò chơi dân gian cuối tuần", "Sân trung tâm"),
    (Event.Kind.CULTURAL, "Văn nghệ chào mừng ngày lễ", "Hội trường"),
    (Event.Kind.SOFT_SKILLS, "Kỹ năng lập kế hoạch sau cai nghiện", "Phòng học 2"),
    (Event.Kind.SEMINAR, "Nói chuyện chuyên đề: Pháp luật về phòng, chống ma túy", "Hội trường"),
    (Event.Kind.SPORT, "Thi đấu bóng chuyền", "Sân thể thao"),
)
RANKS = ("Giải nhất", "Giải nhì", "Giải ba", "Giải khuyến khích")
ITEMS = ("Bộ quần áo thể thao", "Bộ đồ dùng cá nhân", "Sách và văn phòng phẩm", "Giấy khen")
VALUES = (500_000, 300_000, 200_000, 100_000)


def seed(world: DemoWorld) -> int:
    teacher = world.staff.get("giaoduc")
    rng = world.rng
    rows = 0
    for index, facility in enumerate(world.facilities):
        episodes = list(
            Episode.objects.filter(facility=facility, status=Episode.Status.ACTIVE).select_related("resident")
        )
        organiser = teacher if index == 0 else None
        days = 120 if index == 0 else 30
        step = 6 if index == 0 else 14
        events: list[Event] = []
        for number, back in enumerate(range(days, -1, -step)):
            kind, title, place = PROGRAMME[number % len(PROGRAMME)]
            events.append(
                Event(
                    facility=facility,
                    kind=kind,
                    title=title,
                    held_on=world.today - timedelta(days=back),
                    place=place,
                    organiser=organiser,
                )
            )
        if index == 0:
            quarter_days = sorted({(day.year, (day.month - 1) // 3) for day in (e.held_on for e in events)})
            for year, quarter in quarter_days:
                party_day = world.today.replace(year=year, month=3 * quarter + 3, day=20)
                if party_day <= world.today:
                    events.append(
                        Event(
                            facility=facility,
                            kind=Event.Kind.BIRTHDAY,
                            title=f"Sinh nhật quý {['I', 'II', 'III', 'IV'][quarter]}/{year}",
                            held_on=party_day,
                            place="Nhà ăn",
                            organiser=organiser,
                        )
                    )
            events.append(
                Event(
                    facility=facility,
                    kind=Event.Kind.SEMINAR,
                    title="Tọa đàm: Gia đình đồng hành cùng học viên",
                    held_on=world.today + timedelta(days=7),
                    place="Hội trường",
                    organiser=organiser,
                    description="Mời đại diện gia đình học viên tham dự.",
                )
            )
        Event.objects.bulk_create(events)
        rows += len(events)

        participants: list[EventParticipant] = []
        for event in events:
            if event.held_on > world.today:
                continue
            here = [e for e in episodes if e.admitted_on <= event.held_on]
            if event.kind == Event.Kind.BIRTHDAY:
                chosen = [e for e in here if born_in_quarter_of(e.resident.date_of_birth, event.held_on)]
            else:
                chosen = rng.sample(here, k=min(len(here), rng.randint(8, 25)))
            participants += [
                EventParticipant(
                    facility=facility,
                    event=event,
                    resident_id=e.resident_id,
                    episode=e,
                    role=EventParticipant.Role.PERFORMER
                    if event.kind == Event.Kind.CULTURAL and rng.random() < 0.3
                    else EventParticipant.Role.PARTICIPANT,
                )
                for e in chosen
            ]
            if organiser is not None:
                participants.append(EventParticipant(facility=facility, event=event, staff=organiser))
        EventParticipant.objects.bulk_create(participants)
        rows += len(participants)
        by_id = {event.pk: event for event in events}
        timeline = [
            TimelineEvent(
                facility=facility,
                resident_id=p.resident_id,
                episode=p.episode,
                kind="daily_life.event_attended",
                occurred_on=by_id[p.event_id].held_on,
                summary=f"{by_id[p.event_id].get_kind_display()}: {by_id[p.event_id].title}",
                actor=organiser,
                source_type="daily_life.eventparticipant",
                source_id=p.pk,
            )
            for p in participants
            if p.resident_id is not None
        ]
        if index == 0:
            rows += _competitions(world, facility, events, episodes, timeline, organiser)
        TimelineEvent.objects.bulk_create(timeline)
        rows += len(timeline)
    return rows


def _competitions(world, facility, events, episodes, timeline, organiser) -> int:  # type: ignore[no-untyped-def]
    rng = world.rng
    sport = next((e for e in reversed(events) if e.kind == Event.Kind.SPORT and e.held_on <= world.today), None)
    rows = 0
    prizes: list[Prize] = []
    if sport is not None:
        contest = Competition(
            facility=facility, event=sport, title="Chạy tiếp sức 4×100 m", held_on=sport.held_on, kind="sport"
        )
        Competition.objects.bulk_create([contest])
        rows += 1
        here = [e for e in episodes if e.admitted_on <= sport.held_on]
        for rank, item, value, episode in zip(
            RANKS, ITEMS, VALUES, rng.sample(here, k=min(len(here), 4)), strict=False
        ):
            prizes.append(
                Prize(
                    facility=facility,
                    competition=contest,
                    rank=rank,
                    item=item,
                    value=value,
                    resident_id=episode.resident_id,
                    episode=episode,
                )
            )
    teams = list(WorkTeam.objects.filter(facility=facility, is_active=True).order_by("name")[:3])
    if not teams:
        teams = WorkTeam.objects.bulk_create(
            [WorkTeam(facility=facility, name=name, leader=world.staff.get("todoi")) for name in ("Tổ 1", "Tổ 2")]
        )
        rows += len(teams)
    emulation = Competition(
        facility=facility,
        title="Thi đua lao động sản xuất quý",
        held_on=world.today - timedelta(days=10),
        kind=Competition.Kind.LABOUR,
    )
    Competition.objects.bulk_create([emulation])
    rows += 1
    for rank, value, team in zip(RANKS, (1_000_000, 700_000, 500_000), teams, strict=False):
        prizes.append(
            Prize(
                facility=facility, competition=emulation, rank=rank, item="Tiền thưởng tập thể", value=value, team=team
            )
        )
    Prize.objects.bulk_create(prizes)
    rows += len(prizes)
    for prize in prizes:
        if prize.episode is not None and prize.resident_id is not None:
            timeline.append(
                TimelineEvent(
                    facility=facility,
                    resident_id=prize.resident_id,
                    episode=prize.episode,
                    kind="daily_life.prize_won",
                    occurred_on=prize.competition.held_on,
                    summary=f"{prize.rank} — {prize.competition.title} ({prize.item})",
                    actor=organiser,
                    source_type="daily_life.prize",
                    source_id=prize.pk,
                )
            )
    return rows
