"""The list export and the roster import through the API: the same checks and services as the
pages (io/), the same three steps for the import (upload → preview → confirm)."""

import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hoanhap.accounts.roles import Role
from hoanhap.residents.io import sheet
from hoanhap.residents.models import Resident
from hoanhap.testing import client_for, make_user, streamed

from .builders import register
from .roster_files import roster, row, workbook_bytes
from .test_api import BASE, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def stored_uploads() -> list[Path]:
    return sorted(sheet.uploads_dir().glob("*")) if sheet.uploads_dir().exists() else []


def upload(user, content: bytes, name: str = "danh-sach.xlsx", **data):  # type: ignore[no-untyped-def]
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client_for(user).post(f"{BASE}/import", {"file": file, **data})


# --- Export ---------------------------------------------------------------------------------------


def test_the_export_is_the_filtered_list_as_xlsx(director, facility, today):
    register(director, facility, "Đỗ Văn Đức")
    register(director, facility, "Lê Văn Nam")
    response = client_for(director).get(f"{BASE}/export", {"q": "do van duc"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    sheet_rows = list(openpyxl.load_workbook(io.BytesIO(streamed(response))).active.values)
    names = [value for values in sheet_rows for value in values if value in ("Đỗ Văn Đức", "Lê Văn Nam")]
    assert names == ["Đỗ Văn Đức"]


def test_the_export_needs_the_reports_capability(counsellor):
    assert client_for(counsellor).get(f"{BASE}/export").status_code == 403


# --- Import ---------------------------------------------------------------------------------------


def test_a_roster_is_uploaded_previewed_and_imported(director, facility):
    preview = upload(director, roster(3))
    assert preview.status_code == 200, preview.content
    data = preview.json()
    assert (data["row_count"], data["errors"], data["can_import"]) == (3, [], True)
    assert {"index": 1, "header": "Họ và tên", "field": "full_name"}.items() <= data["columns"][1].items()
    done = post(director, "/import/confirm", {"ticket": data["ticket"]})
    assert (done.status_code, done.json()["count"]) == (201, 3)
    assert Resident.objects.filter(facility=facility).count() == 3
    assert stored_uploads() == []


def test_each_problem_is_listed_by_row_and_nothing_is_imported(director):
    rows = [row(1), row(2, **{"Ngày sinh": "31/02/1990"}), row(3, **{"Số hồ sơ": "LC-00001"})]
    data = upload(director, workbook_bytes(rows)).json()
    assert [error["row"] for error in data["errors"]] == [3, 4]
    assert data["can_import"] is False
    refused = post(director, "/import/confirm", {"ticket": data["ticket"]})
    assert refused.status_code == 400
    assert [error["row"] for error in refused.json()["errors"]] == [3, 4]
    assert not Resident.objects.exists()


def test_the_columns_can_be_chosen_again(director):
    data = upload(director, roster(2)).json()
    mapping = {str(column["index"]): column["field"] for column in data["columns"] if column["field"]}
    del mapping["1"]  # the full name: a required field
    again = post(director, "/import/preview", {"ticket": data["ticket"], "mapping": mapping})
    assert (again.status_code, again.json()["field"]) == (400, "mapping")


def test_a_file_that_is_not_a_workbook_is_refused_beside_the_file(director):
    response = upload(director, b"not a workbook", name="danh-sach.csv")
    assert (response.status_code, response.json()["field"]) == (400, "file")
    assert stored_uploads() == []


def test_a_ticket_is_only_for_who_uploaded_it(director, facility):
    ticket = upload(director, roster(1)).json()["ticket"]
    other_director = make_user(Role.DIRECTOR, facility, username="second-director")
    assert post(other_director, "/import/confirm", {"ticket": ticket}).status_code == 404
    assert post(director, "/import/confirm", {"ticket": ticket + "x"}).status_code == 404
    assert post(director, "/import/confirm", {"ticket": "a" * 32}).status_code == 404
    assert not Resident.objects.exists()


def test_importing_needs_manage_residents(counsellor):
    assert upload(counsellor, roster(1)).status_code == 403
    assert stored_uploads() == []


def test_a_ticket_is_json_not_a_path(director):
    response = client_for(director).post(
        f"{BASE}/import/confirm", json.dumps({"ticket": "../../settings"}), content_type="application/json"
    )
    assert response.status_code == 404


def test_a_centres_own_list_imports_through_the_api_once_its_warnings_are_accepted(director, facility):
    from hoanhap.audit.models import AuditEntry

    from .roster_files import centre_roster, centre_row

    content = centre_roster([centre_row(1), centre_row(2, born="12/1992")])
    data = upload(director, content).json()
    assert (data["errors"], data["can_import"]) == ([], True)
    [warning] = data["warnings"]
    assert warning["code"] == "approximate_date_of_birth", data["warnings"]
    assert warning["key"] == f"{warning['row']}:approximate_date_of_birth"

    defaults = {"stage": "detox", "stage_since_on": "2026-02-01"}
    refused = post(director, "/import/confirm", {"ticket": data["ticket"], "defaults": defaults})
    assert refused.status_code == 400
    assert [left["key"] for left in refused.json()["warnings"]] == [warning["key"]]
    assert not Resident.objects.exists()

    done = post(
        director, "/import/confirm", {"ticket": data["ticket"], "defaults": defaults, "accepted": [warning["key"]]}
    )
    assert (done.status_code, done.json()["count"]) == (201, 2)
    assert {episode.stage for resident in Resident.objects.all() for episode in resident.episodes.all()} == {"detox"}
    entry = AuditEntry.objects.get(event="residents.roster_imported")
    assert [accepted["row"] for accepted in entry.additional_data["accepted_warnings"]] == [warning["row"]]


def test_an_unknown_default_stage_is_refused_beside_its_field(director):
    from .roster_files import centre_roster, centre_row

    data = upload(director, centre_roster([centre_row(1)])).json()
    refused = post(director, "/import/confirm", {"ticket": data["ticket"], "defaults": {"stage": "nowhere"}})
    assert (refused.status_code, refused.json()["field"]) == (400, "defaults.stage")


def test_an_api_client_accepts_every_warning_of_a_kind_with_one_key(director, facility):
    from .roster_files import centre_roster, centre_row

    content = centre_roster([centre_row(n, born="12/1992") for n in (1, 2, 3)])
    data = upload(director, content).json()
    defaults = {"stage": "detox", "stage_since_on": "2026-02-01"}
    kinds = {warning["code"] for warning in data["warnings"]}
    assert "approximate_date_of_birth" in kinds
    accepted = [f"*:{code}" for code in sorted(kinds)]
    done = post(director, "/import/confirm", {"ticket": data["ticket"], "defaults": defaults, "accepted": accepted})
    assert (done.status_code, done.json()["count"]) == (201, 3)
