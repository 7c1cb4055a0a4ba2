"""The pages: the inbox acts on a task, a case shows its history, another facility's case is 404."""

from hoanhap.accounts.roles import Role
from hoanhap.testing import make_user, verified_client_for
from hoanhap.workflows import services
from hoanhap.workflows.models import Case, Task


def test_the_inbox_lists_my_task_and_marks_it_overdue(leave_process, resident_manager, today):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="Nghỉ phép ông Hùng")
    today.set(today.value.replace(day=10))
    response = verified_client_for(resident_manager).get("/workflows/")
    assert response.status_code == 200
    assert "Nghỉ phép ông Hùng" in response.content.decode()
    assert "Overdue" in response.content.decode()
    assert case.pk


def test_acting_from_the_inbox_with_htmx_saves_the_task(leave_process, resident_manager):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    task = case.tasks.get()
    client = verified_client_for(resident_manager)
    data = {"action": "complete", "leave_reason": "funeral_parent", "days": "3", "travel_days": "1"}
    response = client.post(f"/workflows/tasks/{task.pk}/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    task.refresh_from_db()
    assert task.status == Task.Status.DONE


def test_a_task_without_its_data_is_answered_400_with_the_message(leave_process, resident_manager):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    task = case.tasks.get()
    response = verified_client_for(resident_manager).post(f"/workflows/tasks/{task.pk}/", {"action": "complete"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_a_user_without_the_role_is_refused_on_the_page(leave_process, resident_manager, director):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    task = case.tasks.get()
    response = verified_client_for(director).post(f"/workflows/tasks/{task.pk}/", {"action": "complete"})
    assert response.status_code == 403


def test_the_case_page_shows_its_steps_and_history(leave_process, resident_manager):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="Nghỉ phép")
    response = verified_client_for(resident_manager).get(f"/workflows/cases/{case.pk}/")
    assert response.status_code == 200
    assert "Giám đốc phê duyệt" in response.content.decode()


def test_another_facilitys_case_is_not_found(leave_process, resident_manager, other_facility):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    stranger = make_user(Role.RESIDENT_MANAGER, other_facility)
    assert verified_client_for(stranger).get(f"/workflows/cases/{case.pk}/").status_code == 404


def test_the_board_and_the_process_pages_answer(leave_process, resident_manager, director):  # type: ignore[no-untyped-def]
    services.start_case(actor=resident_manager, process=leave_process, title="x")
    client = verified_client_for(director)
    assert client.get("/workflows/board/").status_code == 200
    assert client.get("/workflows/processes/").status_code == 200
    assert client.get(f"/workflows/processes/{leave_process.pk}/").status_code == 200
    assert client.get("/workflows/export/").status_code == 200
    assert verified_client_for(resident_manager).get("/workflows/board/").status_code == 403


def test_a_draft_is_edited_and_published_from_its_page(leave_process, director):  # type: ignore[no-untyped-def]
    client = verified_client_for(director)
    client.post(f"/workflows/processes/{leave_process.pk}/draft/")
    data = {
        "key": "notify",
        "title": "Báo gia đình",
        "position": 5,
        "kind": "task",
        "owner_role": "resident_manager",
        "deadline_days": 1,
        "after": "decide",
        "may_return_to": "",
        "fields_json": "",
    }
    assert client.post(f"/workflows/processes/{leave_process.pk}/draft/step/", data).status_code == 302
    bad = {**data, "key": "loop", "after": "loop"}
    client.post(f"/workflows/processes/{leave_process.pk}/draft/step/", bad)
    response = client.post(f"/workflows/processes/{leave_process.pk}/draft/publish/")
    assert response.status_code == 400
    assert "waits for itself" in response.content.decode()


def test_starting_a_case_from_its_process(leave_process, resident_manager):  # type: ignore[no-untyped-def]
    client = verified_client_for(resident_manager)
    response = client.post(f"/workflows/processes/{leave_process.pk}/start/", {"title": "Đề nghị nghỉ phép"})
    assert response.status_code == 302
    assert client.post(f"/workflows/processes/{leave_process.pk}/start/", {"title": ""}).status_code == 400


def test_a_refusal_in_the_inbox_row_comes_back_in_the_row_with_its_message(leave_process, resident_manager):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    task = case.tasks.get()
    response = verified_client_for(resident_manager).post(
        f"/workflows/tasks/{task.pk}/", {"action": "complete"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200  # htmx swaps no 4xx
    assert response["X-Refused"] == "1"
    assert "This field is required." in response.content.decode()


def test_a_case_is_started_about_a_resident_chosen_by_name(leave_process, resident_manager, episode, facility):  # type: ignore[no-untyped-def]
    client = verified_client_for(resident_manager)
    url = f"/workflows/processes/{leave_process.pk}/start/"
    assert episode.resident.full_name in client.get(url).content.decode()
    response = client.post(url, {"title": "Đề nghị nghỉ phép", "resident": episode.resident_id})
    assert response.status_code == 302
    case = Case.objects.get(title="Đề nghị nghỉ phép")
    assert (case.resident_id, case.episode_id) == (episode.resident_id, episode.pk)


def test_who_does_not_see_residents_is_offered_no_names_when_starting_a_case(leave_process, episode, facility):  # type: ignore[no-untyped-def]
    secretary = verified_client_for(make_user(Role.PARTY_SECRETARY, facility))
    page = secretary.get(f"/workflows/processes/{leave_process.pk}/start/")
    assert page.status_code == 200 and episode.resident.full_name not in page.content.decode()


def test_the_processes_are_listed_in_vietnamese_alphabetical_order(director, facility):  # type: ignore[no-untyped-def]
    # Bytewise, "Ăn" would follow "Bàn" (Ă is U+0102); in the alphabet ă comes right after a.
    for number, title in enumerate(("Bàn giao tài sản", "Ăn uống học viên", "Điều động cán bộ", "Dự toán")):
        services.create_process(actor=director, facility_id=facility.pk, code=f"p-{number}", title=title)
    page = verified_client_for(director).get("/workflows/processes/").content.decode()
    positions = [page.index(title) for title in ("Ăn uống học viên", "Bàn giao tài sản", "Dự toán", "Điều động cán bộ")]
    assert positions == sorted(positions)
