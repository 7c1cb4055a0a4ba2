"""What is due, what was issued, and the shortfalls of a month."""

from datetime import date

import pytest

from hoanhap.daily_life.selectors.entitlements import shortfalls, zone_sheet
from hoanhap.daily_life.services.entitlements import issue_supply
from hoanhap.testing import make_episode, make_resident

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)


def give(actor, episode, item, quantity, month=MARCH):
    issue_supply(
        actor=actor,
        facility_id=episode.facility_id,
        episode_id=episode.pk,
        item=item,
        quantity=quantity,
        month=month,
        issued_on=date(2026, 3, 2) if month == MARCH else month,
    )


@pytest.mark.parametrize(
    ("admitted_on", "on_sheet"),
    [(date(2026, 3, 31), True), (date(2026, 4, 1), False)],
)
def test_a_resident_admitted_by_the_months_last_day_is_on_its_sheet(today, facility, zone, admitted_on, on_sheet):
    make_episode(make_resident(facility), zone=zone, admitted_on=admitted_on)
    assert bool(zone_sheet(facility_id=facility.pk, zone_id=zone.pk, month=MARCH)) is on_sheet


def test_the_sheet_is_in_vietnamese_name_order(today, facility, zone, hung, an):
    # "An" before "Hùng": the given name decides.
    rows = zone_sheet(facility_id=facility.pk, zone_id=zone.pk, month=MARCH)
    assert [row.resident.full_name for row in rows] == ["Trần Văn An", "Nguyễn Văn Hùng"]


def test_the_sheet_shows_due_issued_and_left(today, facility, zone, resident_manager, hung):
    give(resident_manager, hung, "clothing", 1, month=date(2026, 1, 1))
    (row,) = zone_sheet(facility_id=facility.pk, zone_id=zone.pk, month=MARCH)
    clothing = row.cells["clothing"]
    assert (clothing.due.quantity, clothing.issued, clothing.left) == (2, 1, 1)
    assert row.cells["food"].due.quantity == 1_872_000
    assert "sanitary" not in row.cells


def test_a_woman_is_short_of_sanitary_items_until_they_are_issued(today, facility, resident_manager, lan):
    def short_items():
        return {s.cell.item for s in shortfalls(facility_ids=[facility.pk], month=MARCH) if s.resident == lan.resident}

    assert "sanitary" in short_items()
    give(resident_manager, lan, "sanitary", 1)
    assert "sanitary" in short_items()  # one pack of two
    give(resident_manager, lan, "sanitary", 1)
    assert "sanitary" not in short_items()


def test_shortfalls_filter_by_zone_and_item(today, facility, zone, women_zone, hung, lan):
    in_zone = shortfalls(facility_ids=[facility.pk], month=MARCH, zone_id=zone.pk)
    assert {s.resident for s in in_zone} == {hung.resident}
    only_mats = shortfalls(facility_ids=[facility.pk], month=MARCH, item="mat")
    assert {s.cell.item for s in only_mats} == {"mat"}
    assert {s.resident for s in only_mats} == {hung.resident, lan.resident}


def test_the_sheet_reads_in_a_fixed_number_of_queries(today, facility, zone, django_assert_max_num_queries):
    for n in range(15):
        make_episode(make_resident(facility, f"Nguyễn Văn {n}"), zone=zone)
    with django_assert_max_num_queries(2):
        zone_sheet(facility_id=facility.pk, zone_id=zone.pk, month=MARCH)
