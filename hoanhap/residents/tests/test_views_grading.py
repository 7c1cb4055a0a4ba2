"""The grading sheet page: a zone's residents for a month on one page, saved together."""

from datetime import date

import pytest
from django.urls import reverse

from hoanhap.residents import services
from hoanhap.residents.models import ConductGrade
from hoanhap.testing import client_for

from .builders import admit, register

pytestmark = pytest.mark.django_db
SHEET = reverse("residents:grading-sheet")


@pytest.fixture
def zone_residents(director, facility, men_room, today):
    return [admit(director, register(director, facility, f"Nguyễn Văn Hùng {n}"), men_room) for n in range(3)]


def _url(zone_id: int, month: str = "10/2026") -> str:
    return f"{SHEET}?zone={zone_id}&month={month}"


def test_the_sheet_opens_on_last_month_with_every_resident_of_the_first_zone(manager, zone_residents):
    response = client_for(manager).get(SHEET)
    assert response.status_code == 200
    assert response.context["form"].cleaned_data["month"] == date(2026, 10, 1)
    assert [row.pk for row in response.context["rows"]] == [episode.pk for episode in zone_residents]


def test_existing_grades_are_prefilled(manager, director, zone_residents):
    services.record_conduct_grade(actor=director, episode=zone_residents[1], month=date(2026, 10, 1), grade="weak")
    body = client_for(manager).get(_url(zone_residents[0].zone_id)).content.decode()
    assert f'id="grade-{zone_residents[1].pk}-weak" value="weak" data-key="4" checked' in body


def test_saving_the_sheet_grades_the_whole_zone(manager, zone_residents):
    data = {f"grade-{episode.pk}": "good" for episode in zone_residents} | {f"was-{e.pk}": "" for e in zone_residents}
    response = client_for(manager).post(_url(zone_residents[0].zone_id), data)
    assert response.status_code == 302
    assert ConductGrade.objects.filter(month=date(2026, 10, 1), grade="good").count() == 3


def test_a_refused_row_is_shown_beside_the_row_and_nothing_is_saved(manager, zone_residents):
    first, second, _third = zone_residents
    response = client_for(manager).post(_url(first.zone_id), {f"grade-{first.pk}": "good", f"grade-{second.pk}": "x"})
    assert response.status_code == 400
    assert f'id="error-{second.pk}"' in response.content.decode()
    assert not ConductGrade.objects.exists()


def test_a_grade_saved_by_someone_else_meanwhile_is_a_conflict(manager, director, zone_residents):
    first = zone_residents[0]
    services.record_conduct_grade(actor=director, episode=first, month=date(2026, 10, 1), grade="weak")
    response = client_for(manager).post(_url(first.zone_id), {f"grade-{first.pk}": "good", f"was-{first.pk}": ""})
    assert response.status_code == 409
    assert ConductGrade.objects.get(episode=first).grade == "weak"


def test_a_month_typed_wrong_is_a_message_beside_the_field(manager, zone_residents):
    response = client_for(manager).get(_url(zone_residents[0].zone_id, month="13/2026"))
    assert response.status_code == 400
    assert "month" in response.context["form"].errors


def test_a_future_month_is_refused_with_a_message(manager, zone_residents):
    episode = zone_residents[0]
    response = client_for(manager).post(_url(episode.zone_id, "12/2026"), {f"grade-{episode.pk}": "good"})
    assert response.status_code == 400
    assert "future" in response.content.decode()


def test_another_facility_s_zone_is_not_offered(manager, other_room, zone_residents):
    response = client_for(manager).get(_url(other_room.zone_id))
    assert response.status_code == 400
    assert response.context["rows"] == []


def test_a_counsellor_may_not_open_the_sheet(counsellor, zone_residents):
    assert client_for(counsellor).get(SHEET).status_code == 403


def test_the_sheet_reads_in_a_fixed_number_of_queries(
    manager, director, facility, men_room, today, django_assert_max_num_queries
):
    for n in range(20):
        admit(director, register(director, facility, f"Lò Văn {n}"), men_room)
    client = client_for(manager)
    client.get(SHEET)
    with django_assert_max_num_queries(14):
        response = client.get(SHEET)
    assert len(response.context["rows"]) == 20


def test_the_sheet_lists_its_residents_in_vietnamese_alphabetical_order(manager, director, facility, men_room, today):
    for name in ("Đỗ Văn Đức", "Lê Văn Bình", "Trần An", "Nguyễn Văn Dũng"):
        admit(director, register(director, facility, name), men_room)
    rows = client_for(manager).get(SHEET).context["rows"]
    # By the given name first: An, Bình, Dũng, Đức (d before đ).
    assert [row.resident.full_name for row in rows] == ["Trần An", "Lê Văn Bình", "Nguyễn Văn Dũng", "Đỗ Văn Đức"]


@pytest.fixture
def teams_of_another_module(zone_residents):
    """A module (here: a test's) that gathers residents in its own groups, as daily life's work
    teams do, registers them; the sheet then offers them beside the zones."""
    from hoanhap.core import registry

    group = registry.ResidentGroup(
        key="tests.team",
        label="Work team",
        choices=lambda facility_id: [(7, "Tổ rau"), (8, "Tổ cá")],
        episode_ids=lambda facility_id, group_id: [zone_residents[0].pk, zone_residents[2].pk] if group_id == 7 else [],
    )
    registry.resident_groups.register(group)
    yield group
    registry.resident_groups.unregister(group.key)


def test_a_group_another_module_registers_opens_a_sheet_of_its_residents(
    manager, zone_residents, teams_of_another_module
):
    page = client_for(manager).get(SHEET)
    assert 'value="tests.team:7"' in page.content.decode() and "Tổ rau" in page.content.decode()
    team = client_for(manager).get(f"{SHEET}?group=tests.team:7&month=10/2026")
    assert team.status_code == 200
    assert [row.pk for row in team.context["rows"]] == [zone_residents[0].pk, zone_residents[2].pk]
    data = {f"grade-{e.pk}": "good" for e in team.context["rows"]} | {f"was-{e.pk}": "" for e in team.context["rows"]}
    assert client_for(manager).post(f"{SHEET}?group=tests.team:7&month=10/2026", data).status_code == 302
    assert ConductGrade.objects.filter(grade="good").count() == 2


@pytest.mark.parametrize("group", ["tests.team:9", "tests.team:x", "nobody.team:7", "tests.team", ":7"])
def test_a_group_that_is_not_offered_is_a_message_not_an_error(manager, zone_residents, teams_of_another_module, group):
    response = client_for(manager).get(f"{SHEET}?group={group}&month=10/2026")
    assert response.status_code == 400
    assert response.context["rows"] == []
