"""Workflows in the demo: the centre's default processes at every facility, and at the main one
some running cases — funeral leave requests waiting at each step, a few late, others of the other
processes — so that the inbox, the board and the reminders have something to show. Synthetic."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from auditlog.context import disable_auditlog
from django.db.models import F

from hoanhap.residents.selectors import open_episodes
from hoanhap.workflows import services
from hoanhap.workflows.defaults import install_defaults
from hoanhap.workflows.models import Case, Procedure, Process, Task

if TYPE_CHECKING:
    from .daily_life import DemoWorld

LEAVE = {"leave_reason": "funeral_parent", "days": 3, "travel_days": 1}


def seed(world: DemoWorld) -> int:
    # Nobody did these things: the services run without writing audit entries (demo data is not
    # audited, as the bulk inserts of the rest of it).
    with disable_auditlog():
        return _seed(world)


def _seed(world: DemoWorld) -> int:
    rows = sum(install_defaults(facility.pk) for facility in world.facilities)
    if not world.facilities:
        return rows
    facility = world.facilities[0]
    # The main centre has checked and published its procedures (the public page lists them).
    rows += Procedure.objects.filter(facility=facility).update(is_published=True)
    staff = world.staff
    manager, deputy, director = staff.get("quanly"), staff.get("phogiamdoc"), staff.get("giamdoc")
    if manager is None or deputy is None or director is None:
        return rows
    processes = {p.code: p for p in Process.objects.filter(facility=facility)}
    episodes = list(open_episodes([facility.pk], present_only=True).select_related("resident").order_by("pk")[:6])
    cases: list[Case] = []
    for number, episode in enumerate(episodes):
        case = services.start_case(
            actor=manager,
            process=processes["funeral-leave"],
            title=f"Nghỉ phép chịu tang — {episode.resident.full_name}",
            resident=episode.resident,
            episode=episode,
        )
        cases.append(case)
        if number % 3 >= 1:
            services.complete_task(actor=manager, task=case.tasks.get(status=Task.Status.OPEN), data=LEAVE)
        if number % 3 == 2:
            services.approve_task(actor=deputy, task=case.tasks.get(status=Task.Status.OPEN), comment="Đồng ý")
    others = [
        ("purchase-repair", "Sửa máy bơm nước khu B", manager),
        ("purchase-repair", "Mua chăn màn mùa đông", manager),
        ("staff-rotation", "Luân chuyển cán bộ đội 3", deputy),
        ("term-reduction", "Đề nghị giảm thời hạn quý II", manager),
        ("abscondence", "Xử lý học viên bỏ trốn ngày 12", manager),
        ("voluntary-admission", "Tiếp nhận tự nguyện — hồ sơ số 14", manager),
    ]
    for code, title, actor in others:
        cases.append(services.start_case(actor=actor, process=processes[code], title=title))
    # Some started earlier, so that some steps are late (red in the inbox, on the board).
    for number, case in enumerate(cases):
        if number % 2 == 0:
            days = 4 + number
            Case.objects.filter(pk=case.pk).update(started_on=F("started_on") - timedelta(days=days))
            Task.objects.filter(case=case, status=Task.Status.OPEN).update(
                due_on=F("due_on") - timedelta(days=days), opened_at=F("opened_at") - timedelta(days=days)
            )
    return rows + len(cases)
