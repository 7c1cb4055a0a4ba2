"""Importing a centre's roster from Excel (hoanhap/residents/io/ and its pages)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from auditlog.models import AbstractLogEntry
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from hoanhap.accounts.roles import Role
from hoanhap.audit.models import AuditEntry
from hoanhap.residents.io import checks, imports, sheet
from hoanhap.residents.models import Episode, Resident, TimelineEvent
from hoanhap.residents.terms import EpisodeKind, Stage
from hoanhap.testing import client_for, make_resident, make_user

from .roster_files import HEADERS, centre_roster, centre_row, citizen_id, roster, row, workbook_bytes

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _english_messages():  # type: ignore[no-untyped-def]
    """Assertions read the English message ids; the pages show them in Vietnamese."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def saved(tmp_path: Path, content: bytes, name: str = "roster.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def mapping_for(path: Path) -> dict[int, str]:
    return sheet.suggest_mapping(sheet.read_header(path).columns)


def run_import(path: Path, facility, actor):  # type: ignore[no-untyped-def]
    return imports.import_roster(
        actor=actor, facility=facility, path=path, mapping=mapping_for(path), file_name="roster.xlsx", today=TODAY
    )


# --- Reading and mapping --------------------------------------------------------------------


def test_the_mapping_is_suggested_from_vietnamese_headers_with_or_without_accents(tmp_path):
    path = saved(tmp_path, workbook_bytes([row(1)], ["Ho va ten", "NGÀY SINH", "gioi tinh", "Số hồ sơ", "STT"]))
    assert mapping_for(path) == {0: "full_name", 1: "date_of_birth", 2: "sex", 3: "record_number"}


def test_the_mapping_is_suggested_from_english_headers(tmp_path):
    headers = ["Full name", "Date of birth", "Sex", "Citizen ID", "Record number", "Admission date", "Kind", "Term"]
    path = saved(tmp_path, workbook_bytes([], headers))
    assert set(mapping_for(path).values()) == {
        "full_name",
        "date_of_birth",
        "sex",
        "citizen_id",
        "record_number",
        "admitted_on",
        "kind",
        "term_months",
    }


def test_a_longer_header_is_recognised_by_the_name_it_contains(tmp_path):
    path = saved(tmp_path, workbook_bytes([], ["Họ và tên học viên", "Ngày vào cơ sở cai nghiện"]))
    assert mapping_for(path) == {0: "full_name", 1: "admitted_on"}


def test_the_header_row_is_found_below_a_title(tmp_path):
    path = saved(tmp_path, workbook_bytes([row(1)], title="DANH SÁCH HỌC VIÊN ĐANG CAI NGHIỆN"))
    header = sheet.read_header(path)
    assert header.row == 3
    assert header.columns[1] == "Họ và tên"


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = saved(tmp_path, "Họ và tên;Ngày sinh\nNguyễn Văn A;01/01/1990\n".encode())
    with pytest.raises(sheet.RosterFileError, match="not an Excel workbook"):
        sheet.read_header(path)


def test_a_file_that_would_unpack_into_too_much_data_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = saved(tmp_path, roster(50))
    monkeypatch.setattr(sheet, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(sheet.RosterFileError, match="more data than a roster can"):
        sheet.read_header(path)


def test_a_mapping_without_the_required_fields_is_refused(tmp_path):
    path = saved(tmp_path, workbook_bytes([{"Tên": "A", "Ghi chú": "x"}], ["Tên", "Ghi chú"]))
    header = sheet.read_header(path)
    assert sheet.suggest_mapping(header.columns) == {}
    with pytest.raises(sheet.MappingError) as refused:
        sheet.check_mapping(header, {0: "full_name"})
    assert "date of birth" in refused.value.messages[0]
    assert "full name" not in refused.value.messages[0]


def test_two_columns_cannot_fill_one_field(tmp_path):
    path = saved(tmp_path, roster(1))
    header = sheet.read_header(path)
    mapping = {**sheet.suggest_mapping(header.columns), 0: "full_name"}
    with pytest.raises(sheet.MappingError, match="both fill the full name"):
        sheet.check_mapping(header, mapping)


# --- Checking and importing -----------------------------------------------------------------


def test_a_good_file_imports_every_row_with_an_open_episode(tmp_path, facility, director):
    path = saved(tmp_path, roster(3))

    imported = run_import(path, facility, director)

    assert imported.count == 3
    resident = Resident.objects.get(record_number="LC-00002")
    assert resident.facility == facility
    assert resident.full_name == "Nguyễn Văn Hùng 2"
    assert resident.date_of_birth == date(1990, 5, 17)
    assert resident.citizen_id == citizen_id(2)
    assert resident.search_text == resident.build_search_text() == "nguyen van hung 2 lc-00002"
    episode = resident.episodes.get()
    assert (episode.kind, episode.stage, episode.status) == (EpisodeKind.COMPULSORY, Stage.RECEPTION, "active")
    assert episode.admitted_on == date(2026, 1, 5)
    assert episode.decision_on == date(2025, 12, 20)
    assert episode.expected_release_on == date(2028, 1, 5)


def test_the_import_writes_one_audit_entry_and_a_timeline_event_per_resident(tmp_path, facility, director):
    path = saved(tmp_path, roster(3))

    imported = run_import(path, facility, director)

    entry = AuditEntry.objects.get(event=imports.AUDIT_EVENT)
    assert entry == imported.audit_entry
    assert (entry.action, entry.actor, entry.facility_id) == (AbstractLogEntry.Action.CREATE, director, facility.pk)
    assert entry.additional_data["count"] == 3
    assert sorted(entry.additional_data["resident_ids"]) == sorted(Resident.objects.values_list("pk", flat=True))
    events = TimelineEvent.objects.filter(kind=imports.TIMELINE_KIND)
    assert events.count() == 3
    assert {(event.summary, event.source_id) for event in events} == {("roster.xlsx", entry.pk)}
    assert events[0].kind_label == "Imported from a roster file"


def test_the_import_entry_names_its_event_kind(tmp_path, facility, director):
    imported = run_import(saved(tmp_path, roster(1)), facility, director)

    assert imported.audit_entry.event == "residents.roster_imported"
    assert imported.audit_entry.event_label == "Roster imported"


@pytest.mark.parametrize("persona", ["doctor", "team_leader", "director_of_other_facility"])
def test_the_import_service_refuses_a_user_who_does_not_manage_the_facilitys_residents(
    tmp_path, facility, persona, request
):
    path = saved(tmp_path, roster(2))

    with pytest.raises(PermissionDenied):
        run_import(path, facility, request.getfixturevalue(persona))

    assert not Resident.objects.exists()
    assert not TimelineEvent.objects.exists()
    assert not AuditEntry.objects.filter(event=imports.AUDIT_EVENT).exists()


@pytest.mark.django_db(transaction=True)
def test_the_import_holds_the_audit_chain_before_it_writes_a_row(tmp_path, facility, director):
    """The lock order every audited write keeps (audit.chain): a registration holding the chain and
    an import holding a record number it also wants would otherwise wait for each other."""
    path = saved(tmp_path, roster(2))

    with CaptureQueriesContext(connection) as queries:
        run_import(path, facility, director)

    statements = [query["sql"] for query in queries.captured_queries]
    first_insert = next(n for n, sql in enumerate(statements) if sql.startswith("INSERT"))
    if connection.vendor == "postgresql":
        assert any("pg_advisory_xact_lock" in sql for sql in statements[:first_insert])
    else:
        # SQLite: BEGIN IMMEDIATE takes the write lock, which serialises appends, at the start.
        assert statements[0] == "BEGIN IMMEDIATE"


def test_dates_are_read_from_excel_dates_and_from_text(tmp_path, facility, director):
    path = saved(
        tmp_path,
        workbook_bytes(
            [
                row(
                    1,
                    **{
                        "Ngày sinh": "07/03/1988",
                        "Số CCCD": citizen_id(1, year=1988),
                        "Ngày vào cơ sở": datetime(2026, 2, 1),
                    },
                ),
                row(2, **{"Ngày sinh": datetime(1991, 12, 31), "Ngày vào cơ sở": "1/2/2026", "Số CCCD": ""}),
            ]
        ),
    )
    run_import(path, facility, director)
    assert Resident.objects.get(record_number="LC-00001").date_of_birth == date(1988, 3, 7)
    assert Resident.objects.get(record_number="LC-00002").date_of_birth == date(1991, 12, 31)
    assert set(Episode.objects.values_list("admitted_on", flat=True)) == {date(2026, 2, 1)}


def test_a_later_stage_without_its_start_date_starts_when_the_plan_says(tmp_path, facility, director):
    path = saved(tmp_path, workbook_bytes([row(1, **{"Giai đoạn": "3"})]))
    run_import(path, facility, director)
    episode = Episode.objects.get()
    # 24 months from 05/01/2026 are 730 days; reception and detox take 5 % and 10 % of them.
    assert episode.stage == Stage.REHABILITATION
    assert episode.stage_since_on == date(2026, 1, 5) + timedelta(days=36 + 73)
    assert episode.stage_planned_end_on == episode.stage_since_on + timedelta(days=219)


def test_the_stage_start_date_is_read_when_the_file_has_it(tmp_path, facility, director):
    headers = (*HEADERS, "Ngày bắt đầu giai đoạn")
    rows = [
        row(1, **{"Giai đoạn": "Giáo dục", "Ngày bắt đầu giai đoạn": "01/06/2026"}),
        row(2, **{"Giai đoạn": "Giáo dục", "Ngày bắt đầu giai đoạn": "01/01/2026"}),
    ]
    path = saved(tmp_path, workbook_bytes(rows, headers))
    check = checks.check_roster(path=path, mapping=mapping_for(path), facility=facility, today=TODAY)
    assert [str(error) for error in check.errors] == [
        "Row 3: the current stage cannot start before the admission date."
    ]
    assert check.rows[0].values["stage_since_on"] == date(2026, 6, 1)


def test_an_id_number_typed_as_a_number_keeps_its_leading_zero(tmp_path, facility, director):
    path = saved(tmp_path, workbook_bytes([row(1, **{"Số CCCD": int(citizen_id(1))})]))
    run_import(path, facility, director)
    assert Resident.objects.get().citizen_id == citizen_id(1)


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(tmp_path, facility, director):
    rows = [row(n) for n in range(1, 12)] + [row(12, **{"Ngày sinh": "31/02/1990"})]
    path = saved(tmp_path, workbook_bytes(rows))

    with pytest.raises(checks.RosterRejected) as rejected:
        run_import(path, facility, director)

    # Row 1 is the header, so the 12th resident is on row 13.
    assert [str(error) for error in rejected.value.check.errors] == [
        "Row 13: the date of birth “31/02/1990” is not a valid date."
    ]
    assert not Resident.objects.exists()
    assert not AuditEntry.objects.filter(event=imports.AUDIT_EVENT).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"Họ và tên": ""}, "Row 2: the full name is missing."),
        ({"Ngày vào cơ sở": "2026"}, "Row 2: the admission date “2026” is not a valid date."),
        ({"Ngày vào cơ sở": "01/01/2027"}, "Row 2: the admission date “01/01/2027” is in the future."),
        ({"Giới tính": "X"}, "Row 2: the sex “X” is not recognised; write Nam or Nữ."),
        ({"Hình thức cai nghiện": "Khác"}, "Row 2: the kind of rehab “Khác” is not recognised"),
        ({"Giai đoạn": "9"}, "Row 2: the stage “9” is not recognised"),
        ({"Thời hạn (tháng)": "hai năm"}, "Row 2: the term “hai năm” is not a whole number of months."),
        (
            {"Số CCCD": "12345"},
            "Row 2: the citizen ID number “12345” is not valid. A citizen ID number has exactly 12 digits.",
        ),
        ({"Số CCCD": "999090000001"}, "the first three digits of a citizen ID number are a province code"),
        ({"Ngày sinh": "01/01/1890", "Số CCCD": ""}, "Row 2: the date of birth 01/01/1890 is not accepted."),
        (
            {"Thời hạn (tháng)": 30},
            "Row 2: The term must be between 12 and 24 months for this kind of rehab",
        ),
        (
            {"Ngày sinh": datetime(2010, 1, 1)},
            "Row 2: the resident was 15 years old on the decision date, so the kind of rehab is "
            "“Bắt buộc (người chưa thành niên)”.",
        ),
        ({"Ngày quyết định": datetime(2026, 1, 6)}, "Row 2: the decision date is after the admission date."),
        ({"Số quyết định": ""}, "Row 2: a compulsory rehab needs the number and the date of its decision."),
        ({"Số hồ sơ": "x" * 31}, "Row 2: the record number is longer than 30 characters."),
    ],
)
def test_each_problem_in_a_row_is_reported(tmp_path, facility, overrides, message):
    path = saved(tmp_path, workbook_bytes([row(1, **overrides)]))
    check = checks.check_roster(path=path, mapping=mapping_for(path), facility=facility, today=TODAY)
    assert any(message.lower() in str(error).lower() for error in check.errors), [str(e) for e in check.errors]
    assert not check.is_valid


def test_a_voluntary_rehab_needs_no_decision(tmp_path, facility, director):
    voluntary = {
        "Hình thức cai nghiện": "Tự nguyện",
        "Thời hạn (tháng)": 12,
        "Số quyết định": "",
        "Ngày quyết định": "",
    }
    path = saved(tmp_path, workbook_bytes([row(1, **voluntary)]))
    run_import(path, facility, director)
    assert Episode.objects.get().kind == EpisodeKind.VOLUNTARY


def test_a_term_under_the_2026_rules_may_be_the_first_or_the_repeat_term(tmp_path, facility):
    decided = {"Ngày quyết định": datetime(2026, 7, 10), "Ngày vào cơ sở": datetime(2026, 7, 20)}
    rows = [row(1, **decided), row(2, **decided, **{"Thời hạn (tháng)": 36})]
    rows.append(row(3, **decided, **{"Thời hạn (tháng)": 30}))
    path = saved(tmp_path, workbook_bytes(rows))
    check = checks.check_roster(path=path, mapping=mapping_for(path), facility=facility, today=TODAY)
    # A 36-month term says the person had a compulsory rehab before.
    assert [row.values["prior_compulsory_count"] for row in check.rows[:2]] == [0, 1]
    assert [str(error) for error in check.errors] == [
        "Row 4: The term must be 24 months for a first compulsory rehab, or 36 months for a later one "
        "(Luật 120/2025/QH15)."
    ]


def test_duplicate_numbers_within_the_file_are_reported_on_the_later_row(tmp_path, facility):
    rows = [row(1), row(2, **{"Số hồ sơ": "LC-00001"}), row(3, **{"Số CCCD": citizen_id(1)})]
    path = saved(tmp_path, workbook_bytes(rows))
    check = checks.check_roster(path=path, mapping=mapping_for(path), facility=facility, today=TODAY)
    assert [str(error) for error in check.errors] == [
        "Row 3: the record number “LC-00001” also appears in row 2.",
        f"Row 4: the citizen ID number “{citizen_id(1)}” also appears in row 2.",
    ]


def test_numbers_already_held_by_the_facility_are_reported(tmp_path, facility, other_facility):
    make_resident(facility, record_number="LC-00001", citizen_id="001090000001")
    make_resident(facility, record_number="HV-9", citizen_id=citizen_id(2))
    make_resident(other_facility, record_number="LC-00003", citizen_id=citizen_id(3))
    path = saved(tmp_path, roster(3))
    check = checks.check_roster(path=path, mapping=mapping_for(path), facility=facility, today=TODAY)
    assert [str(error) for error in check.errors] == [
        "Row 2: a resident with the record number “LC-00001” already exists in this facility.",
        f"Row 3: a resident with the citizen ID number “{citizen_id(2)}” already exists in this facility "
        "(record number HV-9).",
    ]


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_sheet(tmp_path, facility):
    path = saved(tmp_path, workbook_bytes([row(1), {}, row(2, **{"Giới tính": "?"})]))
    check = checks.check_roster(path=path, mapping=mapping_for(path), facility=facility, today=TODAY)
    assert check.row_count == 2
    assert [error.row for error in check.errors] == [4]


def test_a_file_with_a_header_and_no_rows_is_refused(tmp_path, facility):
    path = saved(tmp_path, workbook_bytes([]))
    with pytest.raises(sheet.RosterFileError, match="no rows"):
        checks.check_roster(path=path, mapping=mapping_for(path), facility=facility, today=TODAY)


def test_an_upload_token_never_becomes_a_path_outside_the_import_folder():
    with pytest.raises(FileNotFoundError):
        sheet.upload_path("../../settings")
    assert sheet.upload_path("a" * 32).parent == sheet.uploads_dir()


def test_uploads_are_kept_in_the_private_root_that_has_no_url(settings, tmp_path):
    assert sheet.uploads_dir() == tmp_path / "private" / "imports"
    settings.PRIVATE_MEDIA_ROOT = None
    assert sheet.uploads_dir() == tmp_path / "media" / "private" / "imports"


# --- The pages ------------------------------------------------------------------------------


def english_client(user):  # type: ignore[no-untyped-def]
    """The assertions read the English messages; the pages speak Vietnamese by default."""
    client = client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def upload(client, content: bytes, name: str = "danh-sach.xlsx", **headers):  # type: ignore[no-untyped-def]
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("residents:import"), {"file": file}, **headers)


def stored_uploads() -> list[Path]:
    return sorted(sheet.uploads_dir().glob("*")) if sheet.uploads_dir().exists() else []


def test_the_director_uploads_checks_and_imports_a_roster(facility, director):
    client = english_client(director)

    response = upload(client, roster(3))
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:import-preview")
    [kept] = stored_uploads()
    assert kept.stat().st_mode & 0o777 == 0o600

    preview = client.get(reverse("residents:import-preview"))
    assert preview.status_code == 200
    assert preview.context["check"].is_valid
    assert preview.context["form"]["column_1"].value() == "full_name"
    assert 'data-testid="import-confirm"' in preview.content.decode()

    done = client.post(reverse("residents:import-confirm"))
    assert done.status_code == 302
    assert done["Location"] == reverse("residents:list")
    assert Resident.objects.filter(facility=facility).count() == 3
    assert stored_uploads() == []
    assert AuditEntry.objects.filter(event=imports.AUDIT_EVENT).exists()


def test_an_htmx_upload_is_sent_on_to_the_preview(director):
    response = upload(english_client(director), roster(1), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("residents:import-preview")


def test_the_preview_lists_each_problem_and_the_import_refuses_every_row(director):
    client = english_client(director)
    rows = [row(1), row(2, **{"Ngày sinh": "31/02/1990"}), row(3, **{"Số hồ sơ": "LC-00001"})]
    upload(client, workbook_bytes(rows))

    preview = client.get(reverse("residents:import-preview"))
    page = preview.content.decode()
    assert "Row 3: the date of birth" in page
    assert [str(error) for error in preview.context["errors"]] == [
        "Row 3: the date of birth “31/02/1990” is not a valid date.",
        "Row 4: the record number “LC-00001” also appears in row 2.",
    ]
    assert "import-confirm" not in page

    refused = client.post(reverse("residents:import-confirm"))
    assert refused.status_code == 422
    assert len(refused.context["errors"]) == 2
    assert not Resident.objects.exists()

    # htmx swaps only a 2xx answer into the page: the same panel comes back with 200.
    refused_in_place = client.post(reverse("residents:import-confirm"), HTTP_HX_REQUEST="true")
    assert refused_in_place.status_code == 200
    assert refused_in_place.templates[0].name == "residents/io/_import_preview_panel.html"
    assert "Nothing was imported" in refused_in_place.content.decode()


def test_a_file_that_is_not_a_workbook_is_refused_with_nothing_kept(director):
    client = english_client(director)
    for name, content in (("danh-sach.xlsx", b"Ho va ten;Ngay sinh\n"), ("danh-sach.csv", roster(1))):
        response = upload(client, content, name=name)
        assert response.status_code == 200
        assert "not an Excel workbook" in str(response.context["form"].errors["file"])
    assert stored_uploads() == []
    assert sheet.MAX_UPLOAD_BYTES > 0
    assert client.get(reverse("residents:import-preview")).status_code == 302


def test_a_file_without_the_required_columns_cannot_be_imported(director):
    client = english_client(director)
    upload(client, workbook_bytes([{"Tên": "A", "Ghi chú": "x"}], ["Tên", "Ghi chú"]))

    preview = client.get(reverse("residents:import-preview"))
    assert preview.context["check"] is None
    assert "Choose a column for each required field" in str(preview.context["form"].non_field_errors())

    response = client.post(reverse("residents:import-confirm"))
    assert response["Location"] == reverse("residents:import-preview")
    assert not Resident.objects.exists()


def test_the_user_maps_a_column_the_suggestion_missed(facility, director):
    client = english_client(director)
    headers = [("Tên học viên" if header == "Họ và tên" else header) for header in HEADERS]
    rows = [{("Tên học viên" if key == "Họ và tên" else key): value for key, value in row(1).items()}]
    upload(client, workbook_bytes(rows, headers))
    mapping = sheet.suggest_mapping(headers)
    assert 1 not in mapping

    data = {f"column_{index}": key for index, key in {**mapping, 1: "full_name"}.items()}
    preview = client.post(reverse("residents:import-preview"), data)
    assert preview.context["check"].is_valid

    client.post(reverse("residents:import-confirm"))
    assert Resident.objects.get().full_name == "Nguyễn Văn Hùng 1"


def test_cancelling_removes_the_uploaded_file(director):
    client = english_client(director)
    upload(client, roster(1))
    client.post(reverse("residents:import-cancel"))
    assert stored_uploads() == []


def test_staff_who_do_not_manage_residents_may_not_import(team_leader, auditor):
    for user in (team_leader, auditor):
        client = english_client(user)
        assert client.get(reverse("residents:import")).status_code == 403
        assert upload(client, roster(1)).status_code == 403
        assert client.post(reverse("residents:import-confirm")).status_code == 403
    assert stored_uploads() == []


def test_a_province_viewer_may_not_import_into_a_facility_they_only_read(facility):
    viewer = make_user(Role.PROVINCE_VIEWER, facility)
    assert english_client(viewer).get(reverse("residents:import")).status_code == 403


def test_the_import_goes_to_the_facility_the_director_manages(facility, director_of_other_facility, other_facility):
    client = english_client(director_of_other_facility)
    upload(client, roster(2))
    client.get(reverse("residents:import-preview"))
    client.post(reverse("residents:import-confirm"))
    assert set(Resident.objects.values_list("facility_id", flat=True)) == {other_facility.pk}


# --- A centre's own list, imported as it is -----------------------------------------------------


def centre_file(tmp_path: Path, rows: list | None = None) -> Path:  # type: ignore[type-arg]
    rows = rows or [
        centre_row(1),
        centre_row(2, name="Phạm Thị Lan", female=True, born="17/05/1990", citizen_id=citizen_id(2, female=True)),
        centre_row(3, born="12/1990", citizen_id=citizen_id(3, year=1990)),
    ]
    return saved(tmp_path, centre_roster(rows))


def check_centre_file(path: Path, facility, **kwargs):  # type: ignore[no-untyped-def]
    return checks.check_roster(path=path, mapping=mapping_for(path), facility=facility, today=TODAY, **kwargs)


def warning_keys(check: checks.RosterCheck) -> list[tuple[int, str]]:
    return [(warning.row, warning.code) for warning in check.warnings]


def test_a_two_row_merged_header_under_a_title_block_is_read_as_one(tmp_path):
    path = centre_file(tmp_path)
    header = sheet.read_header(path)
    assert header.row == 6
    assert header.columns[1] == "Họ và tên"
    assert header.columns[2:4] == ("Ngày sinh Nam", "Ngày sinh Nữ")
    assert header.columns[9:11] == ("Quyết định Số", "Quyết định Ngày")
    assert mapping_for(path) == {
        1: "full_name",
        2: "date_of_birth_male",
        3: "date_of_birth_female",
        4: "citizen_id",
        5: "permanent_address",
        6: "admitted_on",
        7: "kind",
        8: "term_months",
        9: "decision_number",
        10: "decision_on",
    }


def test_a_centres_list_is_read_without_its_numbering_total_and_signature_lines(tmp_path, facility):
    check = check_centre_file(centre_file(tmp_path), facility)
    assert check.errors == []
    assert [row.row for row in check.rows] == [9, 10, 11]
    assert check.row_count == 3
    lan = check.rows[1].values
    assert (lan["full_name"], lan["sex"], lan["date_of_birth"]) == ("Phạm Thị Lan", "female", date(1990, 5, 17))


def test_a_birth_date_of_month_and_year_only_is_a_warning_to_accept(tmp_path, facility):
    check = check_centre_file(centre_file(tmp_path), facility)
    assert warning_keys(check) == [(11, "approximate_date_of_birth")]
    assert str(check.warnings[0]) == "Row 11: the date of birth “12/1990” gives no day; 01/12/1990 is recorded."
    assert check.rows[2].values["date_of_birth"] == date(1990, 12, 1)


def test_a_centres_list_imports_without_editing_once_its_warnings_are_accepted(tmp_path, facility, director):
    make_resident(facility, "Đỗ Văn Bình", record_number="HV-2026-0001", date_of_birth=date(1980, 1, 1))
    path = centre_file(tmp_path)
    defaults = checks.RosterDefaults(stage=Stage.DETOX, stage_since_on=date(2026, 2, 1))

    with pytest.raises(checks.RosterRejected) as rejected:
        imports.import_roster(
            actor=director,
            facility=facility,
            path=path,
            mapping=mapping_for(path),
            file_name="ds.xlsx",
            today=TODAY,
            defaults=defaults,
        )
    assert rejected.value.check.errors == []
    assert [w.key for w in rejected.value.check.unaccepted(frozenset())] == ["11:approximate_date_of_birth"]
    assert Resident.objects.count() == 1

    imported = imports.import_roster(
        actor=director,
        facility=facility,
        path=path,
        mapping=mapping_for(path),
        file_name="ds.xlsx",
        today=TODAY,
        defaults=defaults,
        accepted=frozenset({"11:approximate_date_of_birth"}),
    )

    assert imported.count == 3
    # The facility's own numbering goes on from the numbers it holds.
    new = Resident.objects.exclude(record_number="HV-2026-0001").order_by("record_number")
    assert [r.record_number for r in new] == ["HV-2026-0002", "HV-2026-0003", "HV-2026-0004"]
    assert {(e.stage, e.stage_since_on) for e in Episode.objects.all()} == {(Stage.DETOX, date(2026, 2, 1))}
    assert imported.audit_entry.additional_data["accepted_warnings"] == [
        {
            "row": 11,
            "code": "approximate_date_of_birth",
            "message": "Row 11: the date of birth “12/1990” gives no day; 01/12/1990 is recorded.",
        }
    ]


def test_record_numbers_are_drawn_in_one_block_whatever_the_row_count(tmp_path, facility, director):
    def queries(first: int, count: int) -> int:
        rows = [centre_row(n) for n in range(first, first + count)]
        path = saved(tmp_path, centre_roster(rows), f"r{first}.xlsx")
        with CaptureQueriesContext(connection) as captured:
            imports.import_roster(
                actor=director,
                facility=facility,
                path=path,
                mapping=mapping_for(path),
                file_name="r.xlsx",
                today=TODAY,
            )
        return len(captured)

    queries(1, 2)  # the first import of a facility reads a little more (no audit chain yet)
    # 20 rows: SQLite's bound on the values in one statement would split a larger bulk_create.
    assert queries(10, 2) == queries(100, 20)


@pytest.mark.parametrize(
    ("overrides", "code", "message"),
    [
        (
            {"citizen_id": citizen_id(1, year=1992, female=True)},
            "citizen_id_mismatch",
            "Row 9: the citizen ID number “010192000001” does not match the date of birth and sex",
        ),
        (
            {"admitted": "10/01/2023", "decided": datetime(2022, 12, 20), "term": 12},
            "term_ended",
            "Row 9: the term ended on 10/01/2024",
        ),
        (
            {"name": "NGUYỄN VĂN AN", "born": datetime(1985, 4, 2), "citizen_id": citizen_id(1, year=1985)},
            "possible_duplicate",
            "Row 9: this may be the same person as Nguyễn Văn An, born 02/04/1985 (record number HV-00007).",
        ),
    ],
)
def test_each_kind_of_warning_is_shown_and_must_be_accepted(tmp_path, facility, director, overrides, code, message):
    make_resident(facility, "Nguyễn Văn An", date_of_birth=date(1985, 4, 2), record_number="HV-00007")
    path = saved(tmp_path, centre_roster([centre_row(1, **overrides)]))
    check = check_centre_file(path, facility)
    assert check.errors == []
    assert warning_keys(check) == [(9, code)]
    assert str(check.warnings[0]).startswith(message), str(check.warnings[0])
    with pytest.raises(checks.RosterRejected):
        imports.import_roster(
            actor=director, facility=facility, path=path, mapping=mapping_for(path), file_name="r.xlsx", today=TODAY
        )
    imports.import_roster(
        actor=director,
        facility=facility,
        path=path,
        mapping=mapping_for(path),
        file_name="r.xlsx",
        today=TODAY,
        accepted=frozenset({f"9:{code}"}),
    )
    assert Resident.objects.filter(facility=facility).count() == 2


def test_two_rows_of_the_file_for_the_same_person_are_a_warning_on_the_later_one(tmp_path, facility):
    rows = [centre_row(1), centre_row(2, name="LÊ VĂN TÀI 1", citizen_id="")]
    check = check_centre_file(saved(tmp_path, centre_roster(rows)), facility)
    assert warning_keys(check) == [(10, "possible_duplicate")]
    assert "this may be the same person as row 9" in str(check.warnings[0])


def test_an_error_blocks_the_import_even_with_every_warning_accepted(tmp_path, facility, director):
    rows = [centre_row(1, born="12/1990"), centre_row(2, term="hai năm")]
    path = saved(tmp_path, centre_roster(rows))
    with pytest.raises(checks.RosterRejected) as rejected:
        imports.import_roster(
            actor=director,
            facility=facility,
            path=path,
            mapping=mapping_for(path),
            file_name="r.xlsx",
            today=TODAY,
            accepted=frozenset({"9:approximate_date_of_birth"}),
        )
    assert [str(e) for e in rejected.value.check.errors] == [
        "Row 10: the term “hai năm” is not a whole number of months."
    ]
    assert not Resident.objects.exists()


def test_rows_without_an_admission_date_take_the_one_the_clerk_gives(tmp_path, facility):
    path = saved(tmp_path, centre_roster([centre_row(1, admitted=None)]))
    assert [str(e) for e in check_centre_file(path, facility).errors] == ["Row 9: the admission date is missing."]
    check = check_centre_file(path, facility, defaults=checks.RosterDefaults(admitted_on=date(2026, 1, 2)))
    assert check.errors == []
    assert check.rows[0].values["admitted_on"] == date(2026, 1, 2)


def test_the_director_accepts_the_warnings_on_the_preview_and_imports(facility, director, today):
    today.set(TODAY)
    client = english_client(director)
    upload(client, centre_roster([centre_row(1, born="12/1990", citizen_id=citizen_id(1, year=1990)), centre_row(2)]))
    preview = client.get(reverse("residents:import-preview"))
    page = preview.content.decode()
    assert "Row 9: the date of birth “12/1990” gives no day" in page
    assert 'value="9:approximate_date_of_birth"' in page

    refused = client.post(reverse("residents:import-confirm"))
    assert refused.status_code == 422
    assert not Resident.objects.exists()

    data = {"accept": ["9:approximate_date_of_birth"]}
    defaults = client.post(
        reverse("residents:import-preview"),
        {**{f"column_{i}": k for i, k in preview.context["form"].mapping.items()}, "stage": "detox"},
    )
    assert defaults.status_code == 200
    done = client.post(reverse("residents:import-confirm"), data)
    assert done.status_code == 302
    assert set(Episode.objects.values_list("stage", flat=True)) == {Stage.DETOX}
    entry = AuditEntry.objects.get(event=imports.AUDIT_EVENT)
    assert entry.additional_data["accepted_warnings"][0]["row"] == 9


def test_the_template_file_downloads_and_imports_back_cleanly(tmp_path, facility, director, today):
    today.set(TODAY)
    response = english_client(director).get(reverse("residents:import-template"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    path = saved(tmp_path, response.content)
    import openpyxl

    assert openpyxl.load_workbook(path).sheetnames == ["Danh sách", "Hướng dẫn"]
    check = check_centre_file(path, facility)
    assert (check.errors, check.warnings, check.row_count) == ([], [], 1)
    imports.import_roster(
        actor=director, facility=facility, path=path, mapping=mapping_for(path), file_name="mau.xlsx", today=TODAY
    )
    assert Resident.objects.filter(facility=facility).count() == 1


def test_the_template_is_offered_on_the_import_page(director):
    page = english_client(director).get(reverse("residents:import")).content.decode()
    assert reverse("residents:import-template") in page


def test_a_resident_whose_note_reads_like_a_signature_line_is_still_imported(tmp_path, facility):
    rows = [centre_row(1, note="Xác nhận của UBND xã"), centre_row(2)]
    check = check_centre_file(saved(tmp_path, centre_roster(rows)), facility)
    assert [row.row for row in check.rows] == [9, 10]


def test_staff_who_do_not_manage_residents_may_not_download_the_template(team_leader):
    assert english_client(team_leader).get(reverse("residents:import-template")).status_code == 403


def test_a_list_that_marks_the_sex_with_an_x_under_two_columns_is_read(tmp_path, facility):
    workbook = openpyxl.Workbook()
    sheet_ = workbook.active
    sheet_.append(["DANH SÁCH HỌC VIÊN"])
    sheet_.append(
        ["Họ và tên", "Ngày sinh", "Giới tính", None, "Ngày vào", "Hình thức", "Thời hạn", "Số QĐ", "Ngày QĐ"]
    )
    sheet_.append([None, None, "Nam", "Nữ"])
    sheet_.merge_cells("C2:D2")
    common = ["05/01/2026", "Bắt buộc", 24, "1/QĐ-TA", "20/12/2025"]
    sheet_.append(["Hoàng Văn Nam", "09/03/1992", "x", None, *common])
    sheet_.append(["Vũ Thị Hoa", "09/03/1993", None, "X", *common])
    path = tmp_path / "gioi-tinh.xlsx"
    workbook.save(path)
    mapping = mapping_for(path)
    assert (mapping[2], mapping[3]) == ("sex_male_mark", "sex_female_mark")
    check = check_centre_file(path, facility)
    assert check.errors == []
    assert [row.values["sex"] for row in check.rows] == ["male", "female"]


def test_an_imported_episodes_stage_plan_ends_on_its_release_date(tmp_path, facility, director):
    from hoanhap.residents.models import StagePlan
    from hoanhap.residents.release import stage_plan

    # The centre plans 820 days for a 24-month term (730): the plan shrinks to end on the release date.
    for stage, days in zip(Stage, (10, 20, 60, 700, 30), strict=True):
        StagePlan.objects.create(facility=facility, stage=stage, days=days)
    path = saved(tmp_path, workbook_bytes([row(1, **{"Giai đoạn": "4"})]))
    run_import(path, facility, director)
    episode = Episode.objects.get()
    plan = stage_plan(episode, today=TODAY)
    assert episode.stage_planned_end_on == plan[0].ends_on
    assert plan[-1].ends_on == episode.expected_release_on


def test_every_warning_of_one_kind_is_accepted_at_once_and_each_is_still_listed_in_the_audit(
    tmp_path, facility, director
):
    rows = [centre_row(n, born="12/1990", citizen_id=citizen_id(n, year=1990)) for n in range(1, 5)] + [
        centre_row(5, citizen_id=citizen_id(5, year=1992, female=True))
    ]
    path = saved(tmp_path, centre_roster(rows))
    check = check_centre_file(path, facility)
    assert [(kind.code, kind.count) for kind in check.warning_kinds()] == [
        ("approximate_date_of_birth", 4),
        ("citizen_id_mismatch", 1),
    ]
    every_birth_date = frozenset({checks.accept_every("approximate_date_of_birth")})
    # The kind covers its four rows, not the ID number's warning.
    assert [w.key for w in check.unaccepted(every_birth_date)] == ["13:citizen_id_mismatch"]
    with pytest.raises(checks.RosterRejected):
        imports.import_roster(
            actor=director,
            facility=facility,
            path=path,
            mapping=mapping_for(path),
            file_name="r.xlsx",
            today=TODAY,
            accepted=every_birth_date,
        )
    imported = imports.import_roster(
        actor=director,
        facility=facility,
        path=path,
        mapping=mapping_for(path),
        file_name="r.xlsx",
        today=TODAY,
        accepted=every_birth_date | {"13:citizen_id_mismatch"},
    )
    assert imported.count == 5
    data = imported.audit_entry.additional_data
    assert [(w["row"], w["code"]) for w in data["accepted_warnings"]] == [
        (9, "approximate_date_of_birth"),
        (10, "approximate_date_of_birth"),
        (11, "approximate_date_of_birth"),
        (12, "approximate_date_of_birth"),
        (13, "citizen_id_mismatch"),
    ]
    assert data["accepted_kinds"] == ["approximate_date_of_birth"]


def test_the_preview_offers_to_accept_a_kind_only_where_it_covers_several_rows(facility, director, today):
    today.set(TODAY)
    client = english_client(director)
    rows = [centre_row(n, born="12/1990", citizen_id=citizen_id(n, year=1990)) for n in (1, 2, 3)]
    upload(client, centre_roster([*rows, centre_row(4, citizen_id=citizen_id(4, year=1992, female=True))]))
    client.post(
        reverse("residents:import-preview"),
        {
            **{
                f"column_{i}": k
                for i, k in client.get(reverse("residents:import-preview")).context["form"].mapping.items()
            },
            "stage": "detox",
        },
    )
    page = client.get(reverse("residents:import-preview")).content.decode()
    assert f'value="{checks.accept_every("approximate_date_of_birth")}"' in page
    assert "Accept all 3 warnings of this kind" in page
    assert f'value="{checks.accept_every("citizen_id_mismatch")}"' not in page

    done = client.post(
        reverse("residents:import-confirm"),
        {"accept": [checks.accept_every("approximate_date_of_birth"), "12:citizen_id_mismatch"]},
    )
    assert done.status_code == 302
    assert Resident.objects.count() == 4
