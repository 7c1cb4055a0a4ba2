"""The resident list exported to Excel (hoanhap/residents/io/exports.py, residents:export)."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import openpyxl
import pytest
from auditlog.models import AbstractLogEntry
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from hoanhap.accounts.models import Membership
from hoanhap.accounts.roles import Role
from hoanhap.audit.models import AuditEntry
from hoanhap.residents.io import checks, exports, sheet
from hoanhap.residents.models import Resident
from hoanhap.residents.terms import EpisodeKind, Stage
from hoanhap.testing import client_for, make_episode, make_resident, make_user, streamed

pytestmark = pytest.mark.django_db

ID_HEADER = "Số định danh cá nhân"
ETHNICITY_HEADER = "Dân tộc"


@pytest.fixture
def province_viewer(facility, other_facility):  # type: ignore[no-untyped-def]
    return make_user(Role.PROVINCE_VIEWER, facility, other_facility, username="province")


@pytest.fixture
def roster(facility, other_facility):  # type: ignore[no-untyped-def]
    hung = make_resident(
        facility,
        "Nguyễn Văn Hùng",
        record_number="LC-001",
        citizen_id="010090000001",
        ethnicity="Kinh",
        permanent_province="Lào Cai",
    )
    make_episode(
        hung,
        kind=EpisodeKind.COMPULSORY,
        stage=Stage.DETOX,
        admitted_on=date(2026, 1, 5),
        term_months=24,
        decision_number="12/2025/QĐ-TA",
        decision_on=date(2025, 12, 20),
        expected_release_on=date(2028, 1, 5),
    )
    duc = make_resident(facility, "Trần Đức Anh", record_number="LC-002", citizen_id="", sex="male")
    make_episode(duc, kind=EpisodeKind.VOLUNTARY, admitted_on=date(2026, 3, 2), term_months=6)
    make_resident(other_facility, "Hoàng Văn Tư", record_number="YB-001")
    return hung, duc


def read(response) -> list[list[Any]]:  # type: ignore[no-untyped-def]
    content = streamed(response)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def by_header(rows: list[list[Any]]) -> list[dict[str, Any]]:
    headers = [str(header) for header in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def test_the_director_exports_the_facilitys_residents_with_vietnamese_headers(roster, director):
    response = client_for(director).get(reverse("residents:export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="danh-sach-hoc-vien-')
    rows = read(response)
    assert rows[0] == [column.header for column in exports.COLUMNS]
    duc, hung = by_header(rows)  # the list's order: by given name, Anh before Hùng
    assert hung["Họ và tên"] == "Nguyễn Văn Hùng"
    assert hung[ID_HEADER] == "010090000001"
    assert hung[ETHNICITY_HEADER] == "Kinh"
    assert hung["Giới tính"] == "Nam"
    assert hung["Hình thức cai nghiện"] == "Bắt buộc"
    assert hung["Giai đoạn"] == "Điều trị cắt cơn, giải độc"
    assert hung["Thời hạn (tháng)"] == 24
    assert hung["Tình trạng"] == "Đang cai nghiện"
    assert (duc["Họ và tên"], duc["Hình thức cai nghiện"], duc[ID_HEADER]) == ("Trần Đức Anh", "Tự nguyện", None)


def test_dates_are_real_excel_dates_shown_as_dd_mm_yyyy(roster, director):
    content = streamed(client_for(director).get(reverse("residents:export")))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    headers = [cell.value for cell in sheet[1]]
    # Row 3: Nguyễn Văn Hùng, after Trần Đức Anh (by given name).
    birth = sheet.cell(row=3, column=headers.index("Ngày sinh") + 1)
    admitted = sheet.cell(row=3, column=headers.index("Ngày vào cơ sở") + 1)
    assert birth.value == datetime(1990, 5, 17)
    assert admitted.value == datetime(2026, 1, 5)
    assert birth.is_date and birth.number_format == "dd/mm/yyyy"


def test_the_search_of_the_list_applies_to_the_export(roster, director):
    rows = read(client_for(director).get(reverse("residents:export"), {"q": "duc"}))
    assert [row["Họ và tên"] for row in by_header(rows)] == ["Trần Đức Anh"]


def test_the_filters_of_the_list_apply_to_the_export(roster, director):
    rows = read(client_for(director).get(reverse("residents:export"), {"stage": Stage.DETOX, "kind": "compulsory"}))
    assert [row["Họ và tên"] for row in by_header(rows)] == ["Nguyễn Văn Hùng"]
    assert AuditEntry.objects.get(event=exports.AUDIT_EVENT).additional_data["filters"] == {
        "stage": "detox",
        "kind": "compulsory",
    }


def test_a_role_without_legal_data_gets_no_id_or_ethnicity_column(roster, province_viewer):
    rows = read(client_for(province_viewer).get(reverse("residents:export")))

    assert ID_HEADER not in rows[0]
    assert ETHNICITY_HEADER not in rows[0]
    assert "010090000001" not in {value for row in rows for value in row}
    # Both facilities where the viewer reads reports.
    assert sorted(row["Số hồ sơ"] for row in by_header(rows)) == ["LC-001", "LC-002", "YB-001"]


def test_a_sensitive_cell_stays_empty_for_a_facility_where_the_user_may_not_see_it(roster, other_facility):
    # Resident manager here (legal data), province viewer there (no legal data).
    user = make_user(Role.RESIDENT_MANAGER, roster[0].facility)
    Membership.objects.create(user=user, facility=other_facility, role=Role.PROVINCE_VIEWER)
    make_resident(other_facility, "Lý Văn Sử", record_number="YB-002", citizen_id="010090000077")

    rows = by_header(read(client_for(user).get(reverse("residents:export"))))

    ids = {row["Số hồ sơ"]: row[ID_HEADER] for row in rows}
    assert ids["LC-001"] == "010090000001"
    assert ids["YB-002"] is None


def test_another_facilitys_residents_are_not_exported(roster, director_of_other_facility):
    rows = by_header(read(client_for(director_of_other_facility).get(reverse("residents:export"))))
    assert [row["Số hồ sơ"] for row in rows] == ["YB-001"]


def test_staff_without_reports_may_not_export(roster, team_leader, doctor):
    assert client_for(team_leader).get(reverse("residents:export")).status_code == 403
    assert client_for(doctor).get(reverse("residents:export")).status_code == 403


def test_the_export_is_audited_with_its_filters_and_row_count(roster, director, facility):
    read(client_for(director).get(reverse("residents:export"), {"q": "nguyen"}))

    entry = AuditEntry.objects.get(event=exports.AUDIT_EVENT)
    assert (entry.action, entry.actor, entry.facility_id) == (AbstractLogEntry.Action.ACCESS, director, facility.pk)
    assert entry.additional_data["filters"] == {"q": "nguyen"}
    assert entry.additional_data["count"] == 1
    assert entry.additional_data["sensitive_columns"] == [ETHNICITY_HEADER, ID_HEADER]


def test_the_export_entry_names_its_event_kind(roster, director, facility):
    read(client_for(director).get(reverse("residents:export")))

    entry = AuditEntry.objects.get(action=AbstractLogEntry.Action.ACCESS, facility_id=facility.pk)
    assert entry.event == "residents.list_exported"
    assert entry.event_label == "Resident list exported"


def export(actor, *facilities) -> tuple[exports.ExportResult, list[list[object]]]:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    result = exports.export_residents(
        actor=actor,
        residents=Resident.objects.all(),
        facility_ids=[facility.pk for facility in facilities],
        filters={},
        out=out,
    )
    rows = [list(row) for row in openpyxl.load_workbook(io.BytesIO(out.getvalue())).active.iter_rows(values_only=True)]
    return result, rows


def test_the_export_service_writes_only_the_rows_of_the_facilities_it_exports(roster, director, facility):
    result, rows = export(director, facility)

    assert sorted(row["Số hồ sơ"] for row in by_header(rows)) == ["LC-001", "LC-002"]
    assert result.counts_by_facility == {facility.pk: 2}


def test_the_export_service_refuses_a_facility_where_the_user_may_not_see_the_residents(
    roster, director, facility, other_facility
):
    with pytest.raises(PermissionDenied):
        export(director, facility, other_facility)

    assert not AuditEntry.objects.filter(event=exports.AUDIT_EVENT).exists()


def test_the_export_service_refuses_a_user_who_may_not_see_residents(roster, facility):
    party_secretary = make_user(Role.PARTY_SECRETARY, facility, username="party")

    with pytest.raises(PermissionDenied):
        export(party_secretary, facility)

    assert not AuditEntry.objects.filter(event=exports.AUDIT_EVENT).exists()


def test_the_export_reads_the_database_in_a_fixed_number_of_queries(
    roster, director, facility, django_assert_max_num_queries
):
    for n in range(30):
        make_episode(make_resident(facility, f"Học viên {n}"))
    client = client_for(director)
    with django_assert_max_num_queries(12):
        read(client.get(reverse("residents:export")))


def test_an_exported_file_imports_back_into_another_facility(roster, director, other_facility, tmp_path):
    content = streamed(client_for(director).get(reverse("residents:export")))
    path = tmp_path / "export.xlsx"
    path.write_bytes(content)

    header = sheet.read_header(path)
    check = checks.check_roster(
        path=path,
        mapping=sheet.suggest_mapping(header.columns),
        facility=other_facility,
        today=date(2026, 11, 26),
    )

    assert [str(error) for error in check.errors] == []
    assert {row.values["record_number"] for row in check.rows} == {"LC-001", "LC-002"}
    hung = next(row.values for row in check.rows if row.values["record_number"] == "LC-001")
    assert (hung["stage"], hung["decision_on"], hung["citizen_id"]) == (Stage.DETOX, date(2025, 12, 20), "010090000001")


def test_the_list_tag_offers_the_import_by_role(director, team_leader, province_viewer):
    def render_for(user, query: str = "") -> str:  # type: ignore[no-untyped-def]
        request = RequestFactory().get("/residents/" + query)
        request.user = user
        request.session = {}  # type: ignore[assignment]
        return Template("{% load residents_io %}{% roster_actions %}").render(Context({"request": request}))

    assert reverse("residents:import") in render_for(director, "?q=hung&stage=detox")
    assert render_for(province_viewer).strip() == ""
    assert render_for(team_leader).strip() == ""


def test_the_list_offers_the_export_with_its_search_to_who_reads_reports(director, team_leader, province_viewer):
    def results_for(user) -> str:  # type: ignore[no-untyped-def]
        response = client_for(user).get(reverse("residents:list"), {"q": "hung", "stage": "detox", "page": "2"})
        return response.content.decode()

    assert reverse("residents:export") + "?q=hung&amp;stage=detox" in results_for(director)
    assert reverse("residents:export") in results_for(province_viewer)
    assert reverse("residents:export") not in results_for(team_leader)
