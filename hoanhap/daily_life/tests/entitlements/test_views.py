"""The pages: the monthly sheet, the shortfalls, a resident's entitlements, the norms."""

from datetime import date

import pytest
from django.urls import reverse

from hoanhap.core.tables import XLSX
from hoanhap.daily_life.models import SupplyIssue
from hoanhap.daily_life.services.entitlements import issue_supply
from hoanhap.testing import make_episode, make_resident, make_user, verified_client_for

pytestmark = pytest.mark.django_db

SHEET = reverse("daily_life:supplies-sheet")
SHORTFALLS = reverse("daily_life:supplies-shortfalls")
NORMS = reverse("daily_life:supplies-norms")


def sheet_url(zone, month="03/2026"):
    return f"{SHEET}?zone={zone.pk}&month={month}"


def test_the_sheet_lists_the_zones_residents_with_what_is_due(today, resident_manager, zone, hung, an):
    response = verified_client_for(resident_manager).get(sheet_url(zone))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nguyễn Văn Hùng" in content and "Trần Văn An" in content
    assert f'name="qty-{hung.pk}-food" id="qty-{hung.pk}-food" value="1872000"' in content
    assert f'name="qty-{hung.pk}-clothing"' in content


def test_the_sheet_opens_on_the_first_zone_and_this_month(today, resident_manager, zone, hung):
    response = verified_client_for(resident_manager).get(SHEET)
    assert response.status_code == 200
    assert "03/2026" in response.content.decode()


def test_saving_the_sheet_issues_what_was_typed(today, resident_manager, zone, hung):
    client = verified_client_for(resident_manager)
    response = client.post(
        sheet_url(zone),
        {
            "issued_on": "02/03/2026",
            f"qty-{hung.pk}-food": "1872000",
            f"was-{hung.pk}-food": "0",
            f"qty-{hung.pk}-hygiene": "1",
            f"qty-{hung.pk}-clothing": "0",
        },
    )
    assert response.status_code == 302
    assert set(SupplyIssue.objects.values_list("item", "quantity")) == {("food", 1_872_000), ("hygiene", 1)}


def test_a_cell_beyond_the_norm_is_refused_beside_it_and_nothing_is_saved(today, resident_manager, zone, hung):
    response = verified_client_for(resident_manager).post(
        sheet_url(zone), {"issued_on": "02/03/2026", f"qty-{hung.pk}-hygiene": "1", f"qty-{hung.pk}-clothing": "3"}
    )
    assert response.status_code == 400
    assert "at most 2 more" in response.content.decode()
    assert not SupplyIssue.objects.exists()


@pytest.mark.parametrize("bad", [{"issued_on": "32/13/2026"}, {"issued_on": "02/03/2026", "qty-{pk}-hygiene": "x"}])
def test_typed_nonsense_is_a_400_with_a_message(today, resident_manager, zone, hung, bad):
    data = {key.format(pk=hung.pk): value for key, value in bad.items()}
    response = verified_client_for(resident_manager).post(sheet_url(zone), data)
    assert response.status_code == 400
    assert 'data-testid="sheet-error"' in response.content.decode()


def test_a_month_before_the_norms_is_a_400(today, resident_manager, zone):
    response = verified_client_for(resident_manager).get(sheet_url(zone, "01/2022"))
    assert response.status_code == 400
    assert "No norm is in force" in response.content.decode()


def test_the_director_reads_the_shortfalls_but_has_no_sheet(today, director, teacher, zone, hung):
    # The director of the fixtures manages residents too; a teacher neither reads nor records.
    assert verified_client_for(teacher).get(SHEET).status_code == 403
    assert verified_client_for(teacher).get(SHORTFALLS).status_code == 403
    assert verified_client_for(director).get(SHORTFALLS).status_code == 200


def test_the_shortfall_list_flags_what_is_missing_and_filters(today, resident_manager, zone, women_zone, hung, lan):
    client = verified_client_for(resident_manager)
    content = client.get(f"{SHORTFALLS}?month=03/2026&item=sanitary").content.decode()
    assert "Lê Thị Lan" in content and "Nguyễn Văn Hùng" not in content
    content = client.get(f"{SHORTFALLS}?month=03/2026&zone={zone.pk}").content.decode()
    assert "Nguyễn Văn Hùng" in content and "Lê Thị Lan" not in content


def test_the_shortfall_list_exports_what_it_shows(today, resident_manager, zone, hung):
    response = verified_client_for(resident_manager).get(f"{SHORTFALLS}?month=03/2026&export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX


def test_a_bad_month_on_the_shortfall_list_is_a_400(today, resident_manager, zone):
    assert verified_client_for(resident_manager).get(f"{SHORTFALLS}?month=13/2026").status_code == 400


def test_a_residents_page_shows_due_and_issued(today, resident_manager, hung):
    issue_supply(
        actor=resident_manager,
        facility_id=hung.facility_id,
        episode_id=hung.pk,
        item="clothing",
        quantity=1,
        month=date(2026, 3, 1),
        issued_on=date(2026, 3, 2),
    )
    response = verified_client_for(resident_manager).get(reverse("daily_life:supplies-resident", args=[hung.pk]))
    assert response.status_code == 200
    assert "Clothing (sets)" in response.content.decode()


def test_another_facilitys_resident_is_not_found(today, resident_manager, other_facility):
    elsewhere = make_episode(make_resident(other_facility))
    client = verified_client_for(resident_manager)
    assert client.get(reverse("daily_life:supplies-resident", args=[elsewhere.pk])).status_code == 404


def test_issuing_from_the_residents_page(today, resident_manager, hung):
    url = reverse("daily_life:supplies-issue", args=[hung.pk])
    client = verified_client_for(resident_manager)
    ok = client.post(url, {"item": "mat", "quantity": "1", "month": "03/2026", "issued_on": "02/03/2026"})
    assert ok.status_code == 302
    refused = client.post(url, {"item": "mat", "quantity": "1", "month": "03/2026", "issued_on": "02/03/2026"})
    assert refused.status_code == 400
    assert "at most 0 more" in refused.content.decode()


def test_correcting_an_issue(today, resident_manager, hung):
    row = issue_supply(
        actor=resident_manager,
        facility_id=hung.facility_id,
        episode_id=hung.pk,
        item="clothing",
        quantity=1,
        month=date(2026, 3, 1),
        issued_on=date(2026, 3, 2),
    )
    url = reverse("daily_life:supplies-correct", args=[row.pk])
    client = verified_client_for(resident_manager)
    assert client.get(url).status_code == 200
    assert client.post(url, {"quantity": "2", "note": "", "version": row.version}).status_code == 400
    assert client.post(url, {"quantity": "2", "note": "Ghi thiếu", "version": row.version}).status_code == 302
    row.refresh_from_db()
    assert row.quantity == 2


def test_the_norms_page_shows_the_set_in_force_and_the_base_salary(today, resident_manager):
    content = verified_client_for(resident_manager).get(NORMS).content.decode()
    assert "in force" in content and "2340000" in content and "Nghị định 73/2024/NĐ-CP" in content


def test_the_home_card_links_the_sheet_for_the_resident_manager(today, resident_manager, facility):
    content = verified_client_for(resident_manager).get(reverse("daily_life:home")).content.decode()
    assert SHEET in content
    reader = make_user("director", facility, username="director-2")
    assert SHORTFALLS in verified_client_for(reader).get(reverse("daily_life:home")).content.decode()


def test_a_mens_zone_sheet_has_no_column_for_sanitary_items(today, resident_manager, zone, hung):
    content = verified_client_for(resident_manager).get(sheet_url(zone)).content.decode()
    assert "Sanitary items" not in content


def test_a_yearly_item_everyone_received_leaves_the_sheet(today, resident_manager, zone, hung):
    issue_supply(
        actor=resident_manager,
        facility_id=hung.facility_id,
        episode_id=hung.pk,
        item="mat",
        quantity=1,
        month=date(2026, 3, 1),
        issued_on=date(2026, 3, 2),
    )
    content = verified_client_for(resident_manager).get(sheet_url(zone)).content.decode()
    assert f"qty-{hung.pk}-mat" not in content and f"qty-{hung.pk}-blanket" in content


@pytest.mark.parametrize(("sort", "first"), [("name", "Trần Văn An"), ("-name", "Nguyễn Văn Hùng")])
def test_the_shortfall_list_sorts_by_vietnamese_name_both_ways(today, resident_manager, zone, hung, an, sort, first):
    response = verified_client_for(resident_manager).get(f"{SHORTFALLS}?month=03/2026&item=mat&sort={sort}")
    rows = [line for line in response.content.decode().splitlines() if "supplies/residents/" in line]
    assert first in rows[0]


def test_the_shortfall_list_reads_in_a_fixed_number_of_queries(
    today, resident_manager, facility, zone, django_assert_max_num_queries
):
    client = verified_client_for(resident_manager)
    for n in range(10):
        make_episode(make_resident(facility, f"Nguyễn Văn {n}"), zone=zone)
    client.get(f"{SHORTFALLS}?month=03/2026")
    # Session, user, device, memberships, facilities; then the page's own.
    with django_assert_max_num_queries(8):
        assert client.get(f"{SHORTFALLS}?month=03/2026").status_code == 200


def test_a_sheet_saved_meanwhile_by_someone_else_is_a_409_and_saves_nothing(today, resident_manager, zone, hung):
    client = verified_client_for(resident_manager)
    opened = {"issued_on": "02/03/2026", f"qty-{hung.pk}-hygiene": "1", f"was-{hung.pk}-hygiene": "0"}
    assert client.post(sheet_url(zone), opened).status_code == 302
    again = client.post(sheet_url(zone), opened)
    assert again.status_code == 409
    assert "Reload the sheet" in again.content.decode()
    assert SupplyIssue.objects.count() == 1
