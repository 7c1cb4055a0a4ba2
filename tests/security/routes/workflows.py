"""Workflows: who opens each URL. Every facility role may hold a task (READERS); defining a
process takes MANAGE_WORKFLOWS; the director's board OVERSEE_FACILITY."""

from hoanhap.workflows import services
from hoanhap.workflows.access import BOARD, DEFINE, READERS
from hoanhap.workflows.defaults import install_defaults
from hoanhap.workflows.models import Process

from ..route_rules import Rule, World

DEFINERS = frozenset({DEFINE})

RULES: dict[str, Rule] = {
    "workflows/": Rule(READERS),
    "workflows/export/": Rule(READERS),
    "workflows/tasks/<int:task_id>/": Rule(READERS, names_a_record=True, writes=True),
    "workflows/cases/": Rule(READERS),
    "workflows/cases/<int:case_id>/": Rule(READERS, names_a_record=True, writes=True),
    "workflows/processes/": Rule(READERS),
    "workflows/processes/<int:process_id>/": Rule(READERS, names_a_record=True),
    "workflows/processes/<int:process_id>/start/": Rule(READERS, names_a_record=True, writes=True),
    "workflows/processes/<int:process_id>/draft/": Rule(DEFINERS, names_a_record=True, writes=True),
    "workflows/processes/<int:process_id>/draft/step/": Rule(DEFINERS, names_a_record=True, writes=True),
    "workflows/processes/<int:process_id>/draft/publish/": Rule(DEFINERS, names_a_record=True, writes=True),
    "workflows/board/": Rule(frozenset({BOARD})),
    "api/workflows/inbox": Rule(READERS),
    "api/workflows/tasks/<task_id>": Rule(READERS, names_a_record=True, writes=True),
    "api/workflows/cases": Rule(READERS, writes=True),
    "api/workflows/cases/<case_id>": Rule(READERS, names_a_record=True),
    "api/workflows/processes": Rule(READERS),
}


def parameters(world: World) -> dict[str, str]:
    install_defaults(world.facility.pk, only=["funeral-leave"])
    process = Process.objects.get(facility=world.facility, code="funeral-leave")
    case = services.start_case(actor=world.director, process=process, title="Nghỉ phép")
    task = case.tasks.get()
    return {"process_id": str(process.pk), "case_id": str(case.pk), "task_id": str(task.pk)}
