"""Registering through the page, and editing with optimistic locking."""

from datetime import date

import pytest
from django.urls import reverse

from hoanhap.residents import services
from hoanhap.residents.models import Resident
from hoanhap.testing import client_for

from .builders import citizen_id_for, register

pytestmark = pytest.mark.django_db
REGISTER = "residents:register"


def form_data(**overrides):
    data = {
        "full_name": "Nguyễn Văn Hùng",
        "date_of_birth": "17/05/1990",
        "sex": "male",
        "citizen_id": citizen_id_for(date(1990, 5, 17), serial=4242),
        "permanent_province": "Lào Cai",
        "permanent_commune": "Phường Cam Đường",
        "contacts-TOTAL_FORMS": "2",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-relation": "Mẹ",
        "contacts-0-full_name": "Trần Thị Lan",
        "contacts-0-phone": "0912345678",
        "contacts-1-relation": "",
        "contacts-1-full_name": "",
    }
    data.update(overrides)
    return data


def test_the_form_shows_the_sensitive_fields_a_role_may_see(director, manager, today):
    director_form = client_for(director).get(reverse(REGISTER)).context["form"]
    assert {"citizen_id", "substances", "ethnicity"} <= set(director_form.fields)
    manager_form = client_for(manager).get(reverse(REGISTER)).context["form"]
    assert "citizen_id" in manager_form.fields and "substances" not in manager_form.fields


def test_a_manager_registers_a_person_with_a_dd_mm_yyyy_date(manager, facility, today):
    response = client_for(manager).post(reverse(REGISTER), form_data())
    resident = Resident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:detail", args=[resident.pk])
    assert (resident.date_of_birth, resident.facility) == (date(1990, 5, 17), facility)
    assert [c.full_name for c in resident.family_contacts.all()] == ["Trần Thị Lan"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"citizen_id": "12345"}, "citizen_id"),
        ({"citizen_id": "0100901234ab"}, "citizen_id"),
        ({"date_of_birth": "17/05/2030"}, "date_of_birth"),
        ({"date_of_birth": "31/02/1990"}, "date_of_birth"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(manager, today, overrides, field):
    response = client_for(manager).post(reverse(REGISTER), form_data(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Resident.objects.exists()


def test_a_possible_duplicate_is_shown_and_can_be_confirmed_as_another_person(manager, facility, today):
    first = register(manager, facility, citizen_id="")
    client = client_for(manager)
    warned = client.post(reverse(REGISTER), form_data(citizen_id=""))
    assert warned.status_code == 409
    assert warned.context["duplicates"] == [first]
    assert reverse("residents:detail", args=[first.pk]) in warned.content.decode()
    assert Resident.objects.count() == 1
    confirmed = client.post(reverse(REGISTER), form_data(citizen_id="", confirm_different_person="on"))
    assert confirmed.status_code == 302
    assert Resident.objects.count() == 2


def test_registering_needs_manage_residents(counsellor, auditor, today):
    for user in (counsellor, auditor):
        assert client_for(user).get(reverse(REGISTER)).status_code == 403
        assert client_for(user).post(reverse(REGISTER), form_data()).status_code == 403
    assert not Resident.objects.exists()


# --- Editing with optimistic locking ----------------------------------------------------------------


def edit_data(resident, **overrides):
    data = {
        "version": str(resident.version),
        "record_number": resident.record_number,
        "full_name": resident.full_name,
        "date_of_birth": resident.date_of_birth.strftime("%d/%m/%Y"),
        "sex": resident.sex,
        "citizen_id": resident.citizen_id,
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_an_edit_saves_with_the_version_it_was_opened_on(manager, facility, today):
    resident = register(manager, facility)
    response = client_for(manager).post(
        reverse("residents:edit", args=[resident.pk]), edit_data(resident, occupation="Thợ hàn")
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.occupation, resident.version) == ("Thợ hàn", 2)


def test_a_stale_edit_is_refused_with_a_message_and_the_typed_values_are_kept(manager, director, facility, today):
    resident = register(manager, facility)
    opened = edit_data(resident, occupation="Thợ hàn", current_address="Số 5 đường Hoàng Liên")
    services.update_resident(
        actor=director, resident=resident, expected_version=resident.version, identity={"occupation": "Lái xe"}
    )
    response = client_for(manager).post(reverse("residents:edit", args=[resident.pk]), opened)
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this record" in body or "someone else" in body.lower()
    assert "Số 5 đường Hoàng Liên" in body and "Thợ hàn" in body
    assert response.context["form"]["version"].value() == "2"
    resident.refresh_from_db()
    assert (resident.occupation, resident.current_address, resident.version) == ("Lái xe", "", 2)
    # Saving again, deliberately, replaces the other change.
    again = client_for(manager).post(reverse("residents:edit", args=[resident.pk]), {**opened, "version": "2"})
    assert again.status_code == 302
    resident.refresh_from_db()
    assert resident.occupation == "Thợ hàn"


def test_a_bad_value_in_an_edit_is_shown_beside_its_field(manager, facility, today):
    resident = register(manager, facility)
    response = client_for(manager).post(
        reverse("residents:edit", args=[resident.pk]), edit_data(resident, citizen_id="999")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["citizen_id"]


def test_editing_is_403_for_a_reader_and_404_for_another_facility(
    counsellor, director_of_other_facility, manager, facility, today
):
    resident = register(manager, facility)
    url = reverse("residents:edit", args=[resident.pk])
    assert client_for(counsellor).get(url).status_code == 403
    assert client_for(counsellor).post(url, edit_data(resident, occupation="x")).status_code == 403
    assert client_for(director_of_other_facility).get(url).status_code == 404
    resident.refresh_from_db()
    assert resident.occupation == ""
