"""The plan's page shows each target against the records ("390 of 307 planned, 127%"), the pace
and the gap, month by month; the province sees its facilities side by side; the export holds
what the page shows; another facility's plan is a 404."""

import io
from datetime import date

import openpyxl
import pytest

from hoanhap.plans import services
from hoanhap.plans.models import AnnualPlan
from hoanhap.testing import card_on, make_episode, make_resident, verified_client_for


def _admit(facility, *days):  # type: ignore[no-untyped-def]
    for day in days:
        make_episode(make_resident(facility), admitted_on=day)


@pytest.fixture
def plan(director, facility, today):  # type: ignore[no-untyped-def]
    plan = services.create_plan(actor=director, facility_id=facility.pk, year=2026, note="Kế hoạch của Sở")
    services.set_target(actor=director, plan=plan, figure="residents.admissions", planned=4)
    services.set_target(actor=director, plan=plan, figure="residents.completions", planned=10)
    return plan


def test_the_plan_page_shows_the_actual_against_the_plan(plan, director, facility):
    _admit(facility, date(2025, 12, 31), date(2026, 1, 1), date(2026, 3, 15), date(2026, 7, 2), date(2026, 7, 3))
    response = verified_client_for(director).get(f"/plans/{plan.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 of 4 planned, 75%" in page
    assert "0 of 10 planned, 0%" in page
    # 4 × 183 / 365 = 2.0: one ahead of the pace; 10 × 183 / 365 = 5.0: five behind.
    row = response.context["rows"][0]
    assert (row.expected, row.gap) == (2, 1)
    assert response.context["rows"][1].gap == -5
    assert row.months == [1, 0, 1, 0, 0, 0, 1]
    assert "Set a target" in page


def test_the_export_holds_what_the_page_shows(plan, director, facility):
    _admit(facility, date(2026, 1, 1), date(2026, 3, 15))
    client = verified_client_for(director)
    rows = client.get(f"/plans/{plan.pk}/").context["rows"]
    response = client.get(f"/plans/{plan.pk}/export/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0][:7] == ("Figure", "Unit", "Target", "Actual to date", "Percent of plan", "Expected by now", "Gap")
    assert lines[0][7:] == tuple(f"{month:02d}/2026" for month in range(1, 8))
    assert [line[:7] for line in lines[1:]] == [
        (str(row.label), str(row.unit), row.planned, row.actual, row.percent, row.expected, row.gap) for row in rows
    ]
    assert [list(line[7:]) for line in lines[1:]] == [[float(value) for value in row.months] for row in rows]


def test_a_bad_target_is_refused_beside_the_field(plan, director):
    client = verified_client_for(director)
    for planned, message in (("0", "A target must be more than zero."), ("abc", "Enter a number.")):
        response = client.post(f"/plans/{plan.pk}/targets/", {"figure": "residents.admissions", "planned": planned})
        assert response.status_code == 400
        assert message in response.content.decode()
    response = client.post(f"/plans/{plan.pk}/targets/", {"figure": "residents.nonsense", "planned": "3"})
    assert response.status_code == 400


def test_the_director_approves_and_the_page_then_offers_no_change(plan, director):
    client = verified_client_for(director)
    assert client.post(f"/plans/{plan.pk}/approve/").status_code == 302
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Set a target" not in page
    assert "Reopen to change" in page


def test_an_approved_plan_refuses_a_change_with_a_message(plan, director):
    services.approve_plan(actor=director, plan=plan)
    response = verified_client_for(director).post(
        f"/plans/{plan.pk}/targets/remove/", {"figure": "residents.admissions"}
    )
    assert response.status_code == 400
    assert "is not possible while the plan is “Approved”" in response.content.decode()


def test_a_new_plan_for_a_year_too_far_is_refused(director):
    response = verified_client_for(director).post(
        "/plans/new/", {"facility": director.memberships.get().facility_id, "year": "2030"}
    )
    assert response.status_code == 400
    assert "A plan is made for a year from 2024 to 2027." in response.content.decode()


def test_another_facilitys_plan_is_not_found(plan, director_of_other_facility):
    client = verified_client_for(director_of_other_facility)
    assert client.get(f"/plans/{plan.pk}/").status_code == 404
    assert client.get(f"/plans/{plan.pk}/export/").status_code == 404
    assert client.get(f"/api/plans/{plan.pk}").status_code == 404


def test_a_reader_sees_but_does_not_change(plan, resident_manager):
    client = verified_client_for(resident_manager)
    assert "Set a target" not in client.get(f"/plans/{plan.pk}/").content.decode()
    assert client.post(f"/plans/{plan.pk}/approve/").status_code == 403


def test_the_list_shows_the_plans_of_the_users_facilities(plan, director, director_of_other_facility, other_facility):
    services.create_plan(actor=director_of_other_facility, facility_id=other_facility.pk, year=2026)
    response = verified_client_for(director).get("/plans/")
    assert response.context["listing"].count == 1
    response = verified_client_for(director).get("/plans/?year=abc")
    assert response.status_code == 200


def test_the_province_sees_its_facilities_side_by_side_and_summed(
    plan, director_of_other_facility, other_facility, province_viewer, facility
):
    other = services.create_plan(actor=director_of_other_facility, facility_id=other_facility.pk, year=2026)
    services.set_target(actor=director_of_other_facility, plan=other, figure="residents.admissions", planned=6)
    _admit(facility, date(2026, 2, 1))
    _admit(other_facility, date(2026, 2, 1), date(2026, 5, 1), date(2026, 6, 1))
    response = verified_client_for(province_viewer).get("/plans/years/2026/")
    assert response.status_code == 200
    admissions = next(row for row in response.context["rows"] if row.figure == "residents.admissions")
    # By name: "… số 2" before "… tỉnh Lào Cai".
    assert admissions.cells == [(6, 3), (4, 1)]
    assert (admissions.planned, admissions.actual, admissions.percent) == (10, 4, 40)
    completions = next(row for row in response.context["rows"] if row.figure == "residents.completions")
    assert completions.planned == 10 and completions.actual == 0
    export = verified_client_for(province_viewer).get("/plans/years/2026/export/")
    lines = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert lines[1][-3:] == (10, 4, 40)


def test_the_directors_home_shows_admissions_against_the_plan(plan, director, facility):
    _admit(facility, date(2026, 1, 1), date(2026, 3, 15), date(2026, 6, 30))
    card = card_on(verified_client_for(director).get("/"), "plans.admissions")
    assert card is not None
    assert (card["actual"], card["planned"], card["percent"]) == (3, 4, 75)


def test_there_is_no_card_without_a_plan(director, today):
    assert card_on(verified_client_for(director).get("/"), "plans.admissions") is None


def test_the_api_lists_plans_shows_one_and_sets_a_target(plan, director, facility):
    _admit(facility, date(2026, 1, 1))
    client = verified_client_for(director)
    assert [row["year"] for row in client.get("/api/plans").json()] == [2026]
    body = client.get(f"/api/plans/{plan.pk}").json()
    assert body["targets"][0] | {"months": None} == {
        "figure": "residents.admissions",
        "label": "Admissions",
        "unit": "residents",
        "planned": "4.00",
        "actual": "1",
        "percent": "25",
        "expected": "2",
        "gap": "-1",
        "note": "",
        "months": None,
    }
    response = client.put(
        f"/api/plans/{plan.pk}/targets",
        {"figure": "residents.admissions", "planned": "5"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["targets"][0]["planned"] == "5.00"
    for payload in ({"figure": "residents.admissions", "planned": "0"}, {"figure": "x.y", "planned": "3"}):
        response = client.put(f"/api/plans/{plan.pk}/targets", payload, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["detail"]
    assert AnnualPlan.objects.get().targets.get(figure="residents.admissions").planned == 5


def _page_queries(client, plan) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/plans/{plan.pk}/").status_code == 200
    return len(captured.captured_queries)


def test_the_plan_page_reads_in_a_fixed_number_of_queries_whatever_the_records(plan, director, facility):
    from hoanhap.core import registry

    for figure in registry.figures:
        services.set_target(actor=director, plan=plan, figure=figure.key, planned=100)
    client = verified_client_for(director)
    _page_queries(client, plan)
    few = _page_queries(client, plan)
    _admit(facility, *(date(2026, month, day) for month in range(1, 8) for day in (1, 15)))
    assert _page_queries(client, plan) == few


@pytest.mark.parametrize(("year", "status"), [(1899, 404), (1900, 200), (9998, 200), (9999, 404), (99999999, 404)])
def test_a_year_the_calendar_cannot_hold_is_not_found(province_viewer, today, year, status):
    client = verified_client_for(province_viewer)
    assert client.get(f"/plans/years/{year}/").status_code == status
    assert client.get(f"/plans/years/{year}/export/").status_code == status
