"""The API runs a funeral leave request end to end; refusals are 4xx JSON with the message."""

from hoanhap.accounts.roles import Role
from hoanhap.residents.models import LegalEvent
from hoanhap.testing import make_user, verified_client_for

BASE = "/api/workflows"
JSON = "application/json"


def test_a_funeral_leave_request_runs_through_the_api(  # type: ignore[no-untyped-def]
    leave_process, episode, resident_manager, deputy, director
):
    manager = verified_client_for(resident_manager)
    started = manager.post(
        f"{BASE}/cases",
        {"process_id": leave_process.pk, "title": "Nghỉ phép", "resident_id": episode.resident_id},
        content_type=JSON,
    )
    assert started.status_code == 201, started.content
    case_id = started.json()["id"]
    [task] = manager.get(f"{BASE}/inbox").json()
    done = manager.post(
        f"{BASE}/tasks/{task['id']}",
        {"action": "complete", "data": {"leave_reason": "funeral_spouse", "days": 3, "travel_days": 2}},
        content_type=JSON,
    )
    assert done.status_code == 200, done.content
    [review] = verified_client_for(deputy).get(f"{BASE}/inbox").json()
    verified_client_for(deputy).post(f"{BASE}/tasks/{review['id']}", {"action": "approve"}, content_type=JSON)
    boss = verified_client_for(director)
    [decide] = boss.get(f"{BASE}/inbox").json()
    approved = boss.post(
        f"{BASE}/tasks/{decide['id']}",
        {"action": "approve", "data": {"decision_number": "5/QĐ", "decision_on": "2026-03-02"}},
        content_type=JSON,
    )
    assert approved.status_code == 200, approved.content
    assert boss.get(f"{BASE}/cases/{case_id}").json()["status"] == "done"
    assert LegalEvent.objects.filter(episode=episode, kind=LegalEvent.Kind.LEAVE).count() == 1


def test_acting_twice_through_the_api_is_a_400_with_the_message(leave_process, resident_manager):  # type: ignore[no-untyped-def]
    manager = verified_client_for(resident_manager)
    manager.post(f"{BASE}/cases", {"process_id": leave_process.pk, "title": "x"}, content_type=JSON)
    [task] = manager.get(f"{BASE}/inbox").json()
    body = {"action": "complete", "data": {"leave_reason": "funeral_parent", "days": 1, "travel_days": 0}}
    assert manager.post(f"{BASE}/tasks/{task['id']}", body, content_type=JSON).status_code == 200
    again = manager.post(f"{BASE}/tasks/{task['id']}", body, content_type=JSON)
    assert again.status_code == 400
    assert "already been done" in again.json()["detail"]


def test_a_bad_field_is_named_in_the_refusal(leave_process, resident_manager):  # type: ignore[no-untyped-def]
    manager = verified_client_for(resident_manager)
    manager.post(f"{BASE}/cases", {"process_id": leave_process.pk, "title": "x"}, content_type=JSON)
    [task] = manager.get(f"{BASE}/inbox").json()
    refused = manager.post(
        f"{BASE}/tasks/{task['id']}", {"action": "complete", "data": {"days": "many"}}, content_type=JSON
    )
    assert refused.status_code == 400
    assert refused.json()["field"] in {"leave_reason", "days"}


def test_another_facilitys_case_is_a_404(leave_process, resident_manager, other_facility):  # type: ignore[no-untyped-def]
    manager = verified_client_for(resident_manager)
    case_id = manager.post(f"{BASE}/cases", {"process_id": leave_process.pk, "title": "x"}, content_type=JSON).json()[
        "id"
    ]
    stranger = verified_client_for(make_user(Role.DIRECTOR, other_facility))
    assert stranger.get(f"{BASE}/cases/{case_id}").status_code == 404
    assert (
        stranger.post(f"{BASE}/cases", {"process_id": leave_process.pk, "title": "x"}, content_type=JSON).status_code
        == 404
    )


def test_the_processes_are_listed_with_their_steps(leave_process, director):  # type: ignore[no-untyped-def]
    [process] = verified_client_for(director).get(f"{BASE}/processes").json()
    assert [step["key"] for step in process["steps"]] == ["request", "review", "decide"]
