"""Workflows: who opens each URL. Every facility role may hold a task (READERS); defining a
process takes MANAGE_WORKFLOWS; the director's board OVERSEE_FACILITY."""

from hoanhap.workflows import services
from hoanhap.workflows.access import BOARD, DEFINE, READERS
from hoanhap.workflows.defaults import install_defaults
from hoanhap.workflows.models import Procedure, Process

from ..route_rules import PUBLIC, Rule, World

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
    "workflows/procedures/": Rule(DEFINERS),
    "workflows/procedures/new/": Rule(DEFINERS, writes=True),
    "workflows/procedures/<int:procedure_id>/": Rule(DEFINERS, names_a_record=True, writes=True),
    # The public side: anyone, signed in or not, reads a published procedure of any facility.
    "procedures/": Rule(PUBLIC),
    "procedures/<int:procedure_id>/": Rule(PUBLIC),
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
    procedure = Procedure.objects.create(facility=world.facility, title="Đăng ký thăm gặp", is_published=True)
    return {
        "process_id": str(process.pk),
        "case_id": str(case.pk),
        "task_id": str(task.pk),
        "procedure_id": str(procedure.pk),
    }
