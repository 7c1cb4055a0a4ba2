"""Issuing supplies: to one resident, a zone's monthly sheet in one go, a correction."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.core.errors import DomainError, StaleVersion
from hoanhap.daily_life.models import SupplyIssue
from hoanhap.daily_life.services.entitlements import (
    SheetRefused,
    correct_supply_issue,
    issue_supply,
    save_supply_sheet,
)
from hoanhap.residents.models import TimelineEvent

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)


def issue(actor, episode, item="hygiene", quantity=1, month=MARCH, issued_on=date(2026, 3, 2), **extra):
    return issue_supply(
        actor=actor,
        facility_id=episode.facility_id,
        episode_id=episode.pk,
        item=item,
        quantity=quantity,
        month=month,
        issued_on=issued_on,
        **extra,
    )


def test_the_resident_manager_issues_clothing_counted_towards_the_year(today, resident_manager, hung):
    row = issue(resident_manager, hung, item="clothing", quantity=2)
    assert (row.period, row.quantity, row.resident_id) == (date(2026, 1, 1), 2, hung.resident_id)


def test_a_yearly_issue_goes_on_the_residents_timeline_a_monthly_one_does_not(today, resident_manager, hung):
    issue(resident_manager, hung, item="clothing", quantity=1)
    issue(resident_manager, hung, item="hygiene", quantity=1)
    kinds = list(TimelineEvent.objects.filter(resident=hung.resident).values_list("kind", flat=True))
    assert kinds == ["daily_life.supplies_issued"]


@pytest.mark.parametrize(("first", "second", "refused"), [(1, 1, False), (1, 2, True), (2, 1, True)])
def test_the_year_never_gets_more_clothing_than_the_norm(today, resident_manager, hung, first, second, refused):
    issue(resident_manager, hung, item="clothing", quantity=first, month=date(2026, 1, 1), issued_on=date(2026, 1, 10))
    if refused:
        with pytest.raises(DomainError) as error:
            issue(resident_manager, hung, item="clothing", quantity=second)
        assert (error.value.code, error.value.field) == ("above_norm", "quantity")
    else:
        issue(resident_manager, hung, item="clothing", quantity=second)


def test_a_new_month_brings_a_new_monthly_due(today, resident_manager, hung):
    issue(resident_manager, hung, item="hygiene", month=date(2026, 2, 1), issued_on=date(2026, 2, 3))
    issue(resident_manager, hung, item="hygiene", month=MARCH)
    assert SupplyIssue.objects.filter(episode=hung).count() == 2


def test_sanitary_items_to_a_man_are_refused(today, resident_manager, hung):
    with pytest.raises(DomainError) as error:
        issue(resident_manager, hung, item="sanitary", quantity=1)
    assert (error.value.code, error.value.field) == ("not_due", "item")


@pytest.mark.parametrize(("issued_on", "refused"), [(date(2026, 3, 2), False), (date(2026, 3, 3), True)])
def test_an_issue_is_never_dated_after_today(today, resident_manager, hung, issued_on, refused):
    if refused:
        with pytest.raises(DomainError):
            issue(resident_manager, hung, issued_on=issued_on)
    else:
        issue(resident_manager, hung, issued_on=issued_on)


def test_a_teacher_does_not_issue(today, teacher, hung):
    with pytest.raises(PermissionDenied):
        issue(teacher, hung)


def test_a_resident_of_another_facility_is_not_found(today, resident_manager, other_facility):
    from hoanhap.testing import make_episode, make_resident

    elsewhere = make_episode(make_resident(other_facility))
    with pytest.raises(PermissionDenied):
        issue(resident_manager, elsewhere)
    with pytest.raises(DomainError):
        issue_supply(
            actor=resident_manager,
            facility_id=resident_manager.memberships.first().facility_id,
            episode_id=elsewhere.pk,
            item="hygiene",
            quantity=1,
            month=MARCH,
            issued_on=date(2026, 3, 2),
        )


def test_the_monthly_sheet_issues_every_cell_in_one_go(today, resident_manager, zone, hung, an):
    saved = save_supply_sheet(
        actor=resident_manager,
        facility_id=zone.facility_id,
        zone_id=zone.pk,
        month=MARCH,
        issued_on=date(2026, 3, 2),
        quantities={(hung.pk, "food"): 1_872_000, (hung.pk, "hygiene"): 1, (an.pk, "clothing"): 2, (an.pk, "mat"): 0},
        expected={(hung.pk, "food"): 0, (hung.pk, "hygiene"): 0, (an.pk, "clothing"): 0},
    )
    assert saved == 3
    assert set(SupplyIssue.objects.values_list("episode_id", "item", "period")) == {
        (hung.pk, "food", MARCH),
        (hung.pk, "hygiene", MARCH),
        (an.pk, "clothing", date(2026, 1, 1)),
    }
    assert TimelineEvent.objects.filter(resident=an.resident, kind="daily_life.supplies_issued").count() == 1


def test_one_refused_cell_saves_nothing_and_names_the_cell(today, resident_manager, zone, hung, an):
    with pytest.raises(SheetRefused) as error:
        save_supply_sheet(
            actor=resident_manager,
            facility_id=zone.facility_id,
            zone_id=zone.pk,
            month=MARCH,
            issued_on=date(2026, 3, 2),
            quantities={(hung.pk, "hygiene"): 1, (an.pk, "clothing"): 3},
        )
    assert list(error.value.errors) == [f"{an.pk}-clothing"]
    assert not SupplyIssue.objects.exists()


def test_a_resident_of_another_zone_is_refused_on_the_sheet(today, resident_manager, zone, lan):
    with pytest.raises(SheetRefused) as error:
        save_supply_sheet(
            actor=resident_manager,
            facility_id=zone.facility_id,
            zone_id=zone.pk,
            month=MARCH,
            issued_on=date(2026, 3, 2),
            quantities={(lan.pk, "hygiene"): 1},
        )
    assert list(error.value.errors) == [f"{lan.pk}-hygiene"]


def test_a_sheet_saved_meanwhile_by_someone_else_is_stale(today, resident_manager, zone, hung):
    issue(resident_manager, hung, item="hygiene")
    with pytest.raises(StaleVersion):
        save_supply_sheet(
            actor=resident_manager,
            facility_id=zone.facility_id,
            zone_id=zone.pk,
            month=MARCH,
            issued_on=date(2026, 3, 2),
            quantities={(hung.pk, "food"): 1000},
            expected={(hung.pk, "hygiene"): 0},
        )


@pytest.mark.parametrize(("month", "refused"), [(MARCH, False), (date(2026, 4, 1), True)])
def test_the_sheet_of_a_future_month_is_refused(today, resident_manager, zone, hung, month, refused):
    def save():
        return save_supply_sheet(
            actor=resident_manager,
            facility_id=zone.facility_id,
            zone_id=zone.pk,
            month=month,
            issued_on=date(2026, 3, 2),
            quantities={(hung.pk, "hygiene"): 1},
        )

    if refused:
        with pytest.raises(SheetRefused):
            save()
    else:
        assert save() == 1


def test_a_correction_changes_the_quantity_with_its_reason(today, resident_manager, hung):
    row = issue(resident_manager, hung, item="clothing", quantity=1)
    corrected = correct_supply_issue(
        actor=resident_manager, issue=row, quantity=2, note="Ghi thiếu", expected_version=row.version
    )
    assert (corrected.quantity, corrected.note, corrected.version) == (2, "Ghi thiếu", row.version + 1)


@pytest.mark.parametrize(
    ("quantity", "note", "code"), [(3, "x", "above_norm"), (1, " ", "required"), (-1, "x", "quantity_negative")]
)
def test_a_correction_is_refused_beyond_the_norm_or_without_a_reason(
    today, resident_manager, hung, quantity, note, code
):
    row = issue(resident_manager, hung, item="clothing", quantity=1)
    with pytest.raises(DomainError) as error:
        correct_supply_issue(
            actor=resident_manager, issue=row, quantity=quantity, note=note, expected_version=row.version
        )
    assert error.value.code == code


def test_a_correction_to_zero_cancels_the_issue(today, resident_manager, hung):
    row = issue(resident_manager, hung, item="clothing", quantity=2)
    correct_supply_issue(actor=resident_manager, issue=row, quantity=0, note="Nhầm người", expected_version=row.version)
    issue(resident_manager, hung, item="clothing", quantity=2)


def test_a_stale_correction_is_refused(today, resident_manager, hung):
    row = issue(resident_manager, hung, item="clothing", quantity=1)
    with pytest.raises(StaleVersion):
        correct_supply_issue(actor=resident_manager, issue=row, quantity=2, note="x", expected_version=row.version + 1)
