"""Steps that change a resident's record call the residents' services (one source of truth): an
abscondence handled from the report to the return, a court's term reduction refused by the law
with nothing saved."""

from datetime import date

import pytest

from hoanhap.accounts.roles import Role
from hoanhap.core.errors import DomainError
from hoanhap.core.models import Department
from hoanhap.organisation import services as organisation
from hoanhap.organisation.models import Position, Rotation
from hoanhap.residents.models import Episode, LegalEvent
from hoanhap.testing import make_user
from hoanhap.workflows import services
from hoanhap.workflows.defaults import install_defaults
from hoanhap.workflows.forms import TaskForm
from hoanhap.workflows.models import Process, Task


def open_task(case, key):  # type: ignore[no-untyped-def]
    return case.tasks.get(step__key=key, is_current=True, status=Task.Status.OPEN)


@pytest.fixture
def processes(facility):  # type: ignore[no-untyped-def]
    install_defaults(facility.pk, only=["abscondence", "term-reduction", "completion"])
    return {process.code: process for process in Process.objects.filter(facility=facility)}


def test_an_abscondence_is_recorded_at_the_search_decision_and_closed_at_the_return(  # type: ignore[no-untyped-def]
    processes, episode, resident_manager, director, today
):
    case = services.start_case(actor=resident_manager, process=processes["abscondence"], title="x", episode=episode)
    services.complete_task(actor=resident_manager, task=open_task(case, "report"), data={"absconded_on": "01/03/2026"})
    decision = {"decision_number": "5/QĐ-CSCN", "decision_on": "02/03/2026"}
    services.approve_task(actor=director, task=open_task(case, "search-decision"), data=decision)
    assert Episode.objects.get(pk=episode.pk).status == Episode.Status.ABSCONDED
    services.complete_task(actor=resident_manager, task=open_task(case, "notify"))
    services.complete_task(
        actor=resident_manager,
        task=open_task(case, "return"),
        data={"returned_on": "02/03/2026", "return_manner": "brought_back"},
    )
    assert Episode.objects.get(pk=episode.pk).status == Episode.Status.ACTIVE
    kinds = list(LegalEvent.objects.filter(episode=episode).values_list("kind", flat=True))
    assert LegalEvent.Kind.ABSCONDENCE in kinds


def test_a_search_decision_dated_before_the_abscondence_is_refused_beside_its_field(  # type: ignore[no-untyped-def]
    processes, episode, resident_manager, director, today
):
    case = services.start_case(actor=resident_manager, process=processes["abscondence"], title="x", episode=episode)
    services.complete_task(actor=resident_manager, task=open_task(case, "report"), data={"absconded_on": "02/03/2026"})
    with pytest.raises(DomainError) as refusal:
        services.approve_task(
            actor=director,
            task=open_task(case, "search-decision"),
            data={"decision_number": "5/QĐ-CSCN", "decision_on": "01/03/2026"},
        )
    assert refusal.value.field == "decision_on"
    assert open_task(case, "search-decision") and not LegalEvent.objects.filter(episode=episode).exists()


def test_the_court_s_reduction_is_refused_by_the_law_until_half_the_term_is_served(  # type: ignore[no-untyped-def]
    processes, episode, resident_manager, deputy, director, today
):
    case = services.start_case(actor=resident_manager, process=processes["term-reduction"], title="x", episode=episode)
    services.complete_task(actor=resident_manager, task=open_task(case, "proposal"))
    services.approve_task(actor=deputy, task=open_task(case, "council"))
    services.approve_task(actor=director, task=open_task(case, "director"))
    court = {"court_decision_number": "9/QĐ-TA", "court_decision_on": "02/03/2026", "months": "2"}
    with pytest.raises(DomainError) as refusal:
        services.complete_task(actor=resident_manager, task=open_task(case, "court"), data=court)
    assert refusal.value.code == "half_term_not_served"
    assert open_task(case, "court") and not LegalEvent.objects.filter(kind=LegalEvent.Kind.TERM_REDUCTION).exists()


def test_the_director_signs_no_certificate_before_the_term_is_served(  # type: ignore[no-untyped-def]
    processes, episode, resident_manager, director, facility, today
):
    nurse = make_user(Role.MEDICAL_STAFF, facility)
    case = services.start_case(actor=resident_manager, process=processes["completion"], title="x", episode=episode)
    services.complete_task(actor=resident_manager, task=open_task(case, "review"))
    services.complete_task(actor=nurse, task=open_task(case, "health"))
    with pytest.raises(DomainError) as refusal:
        services.approve_task(actor=director, task=open_task(case, "certificate"))
    assert refusal.value.code == "stage_not_finished"  # the residents' rule, not the workflow's
    assert open_task(case, "certificate") and Episode.objects.get(pk=episode.pk).closed_on is None


@pytest.fixture
def more_processes(facility):  # type: ignore[no-untyped-def]
    install_defaults(facility.pk, only=["transfer", "staff-rotation"])
    return {process.code: process for process in Process.objects.filter(facility=facility)}


def test_a_transfer_offers_the_other_facilities_and_moves_the_resident_at_the_handover(  # type: ignore[no-untyped-def]
    more_processes, episode, resident_manager, director, facility, other_facility, today
):
    nurse = make_user(Role.MEDICAL_STAFF, facility)
    case = services.start_case(actor=resident_manager, process=more_processes["transfer"], title="x", episode=episode)
    proposal = open_task(case, "proposal")
    offered = TaskForm(task=proposal).fields["to_facility"].choices  # type: ignore[attr-defined]
    assert (str(other_facility.pk), other_facility.name) in offered and str(facility.pk) not in dict(offered)
    with pytest.raises(DomainError) as refusal:
        services.complete_task(actor=resident_manager, task=proposal, data={"to_facility": str(facility.pk)})
    assert refusal.value.field == "to_facility"  # its own facility is no choice
    services.complete_task(actor=resident_manager, task=proposal, data={"to_facility": str(other_facility.pk)})
    services.complete_task(actor=nurse, task=open_task(case, "medical-file"))
    decision = {"decision_number": "7/QĐ-CSCN", "decision_on": "02/03/2026"}
    services.approve_task(actor=director, task=open_task(case, "decide"), data=decision)
    services.complete_task(
        actor=resident_manager, task=open_task(case, "handover"), data={"transferred_on": "02/03/2026"}
    )
    assert Episode.objects.get(pk=episode.pk).outcome == Episode.Outcome.TRANSFERRED
    assert Episode.objects.filter(resident=episode.resident, facility=other_facility).exists()


def test_a_rotation_posts_the_staff_member_chosen_to_the_department_chosen(  # type: ignore[no-untyped-def]
    more_processes, deputy, director, facility, today
):
    old, new = (Department.objects.create(facility=facility, name=name) for name in ("Đội 1", "Đội 3"))
    position = Position.objects.create(facility=facility, name="Viên chức")
    staff = organisation.add_staff_member(
        actor=director, facility=facility, full_name="Trần Văn Bình", sex="male", hired_on=date(2020, 1, 6)
    )
    organisation.post_staff_member(
        actor=director, staff_member=staff, department=old, position=position, starts_on=date(2020, 1, 6)
    )
    case = services.start_case(actor=deputy, process=more_processes["staff-rotation"], title="x")
    choice = {"staff_member": str(staff.pk), "department": str(new.pk), "position": str(position.pk)}
    services.complete_task(actor=deputy, task=open_task(case, "proposal"), data=choice)
    services.approve_task(
        actor=director,
        task=open_task(case, "decide"),
        data={"decision_number": "3/QĐ-CSCN", "starts_on": "02/03/2026"},
    )
    current = Rotation.objects.get(staff_member=staff, ends_on__isnull=True)
    assert (current.department, current.starts_on) == (new, date(2026, 3, 2))
