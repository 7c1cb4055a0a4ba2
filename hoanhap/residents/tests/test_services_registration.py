"""Registering a person and editing their record (services/registration.py)."""

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from auditlog.models import AbstractLogEntry
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hoanhap.audit.models import AuditEntry
from hoanhap.residents import services
from hoanhap.residents.errors import DomainError, PossibleDuplicate, StaleVersion
from hoanhap.residents.models import FamilyContact, Resident, TimelineEvent
from hoanhap.residents.services import ContactData
from hoanhap.testing import make_resident

from .builders import admit, citizen_id_for, register

pytestmark = pytest.mark.django_db
BORN = date(1990, 5, 17)


def identity(**overrides):
    return {
        "full_name": "Nguyễn Văn Hùng",
        "date_of_birth": BORN,
        "sex": "male",
        "citizen_id": citizen_id_for(BORN, serial=123456),
        **overrides,
    }


def jpeg(name="photo.jpg"):
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_manager_registers_a_person_with_contacts_and_a_numbered_record(manager, facility, today):
    resident = services.register_resident(
        actor=manager,
        facility=facility,
        identity=identity(other_names="Hùng Đen", permanent_province="Lào Cai", permanent_commune="Phường Cam Đường"),
        contacts=[ContactData(relation="Mẹ", full_name="Trần Thị Lan", phone="0912 345 678")],
    )
    assert resident.record_number == "HV-2026-0001"
    assert resident.search_text == "nguyen van hung hung den hv-2026-0001"
    assert [c.full_name for c in resident.family_contacts.all()] == ["Trần Thị Lan"]
    event = TimelineEvent.objects.get(resident=resident)
    assert (event.kind, event.occurred_on, event.actor) == ("residents.registered", today.value, manager)
    created = AuditEntry.objects.filter(action=AbstractLogEntry.Action.CREATE, resident_id=resident.pk)
    assert created.filter(content_type__model="resident", actor=manager).exists()


def test_one_audit_entry_states_the_new_person_and_the_contacts_given_with_them(manager, facility, today):
    resident = services.register_resident(
        actor=manager,
        facility=facility,
        identity=identity(),
        contacts=[
            ContactData(relation="Mẹ", full_name="Trần Thị Lan", phone="0912 345 678"),
            ContactData(relation="Vợ", full_name="Lê Thị Hoa", address="Tổ 5, phường Cốc Lếu"),
        ],
    )

    [entry] = AuditEntry.objects.filter(resident_id=resident.pk)
    assert (entry.action, entry.content_type.model, entry.actor) == (
        AbstractLogEntry.Action.CREATE,
        "resident",
        manager,
    )
    assert entry.changes["full_name"] == [None, "Nguyễn Văn Hùng"]
    assert entry.changes["record_number"] == [None, "HV-2026-0001"]
    old, contacts = entry.changes["family_contacts"]
    assert old is None
    assert [(c["id"], c["relation"], c["full_name"], c["phone"], c["address"]) for c in contacts] == [
        (contact.pk, contact.relation, contact.full_name, contact.phone, contact.address)
        for contact in resident.family_contacts.order_by("id")
    ]
    # Stored fields only: no reverse relation of the resident is written as a value.
    assert not {"episodes", "timeline", "aftercares"} & set(entry.changes)


def test_a_given_record_number_is_kept_and_must_be_free_in_the_facility(manager, facility, today):
    services.register_resident(actor=manager, facility=facility, identity=identity(record_number="2026-001"))
    with pytest.raises(DomainError) as refused:
        services.register_resident(
            actor=manager,
            facility=facility,
            identity=identity(record_number="2026-001", full_name="Lê Văn Nam", citizen_id=""),
        )
    assert refused.value.field == "record_number"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"citizen_id": "12345"}, "citizen_id", "citizen_id_format"),
        ({"citizen_id": citizen_id_for(BORN, "female")}, "citizen_id", "citizen_id_mismatch"),
        ({"date_of_birth": date(2027, 1, 1)}, "date_of_birth", "birth_in_future"),
        ({"date_of_birth": date(2020, 1, 1), "citizen_id": ""}, "date_of_birth", "too_young"),
        ({"full_name": "  "}, "full_name", "required"),
        ({"sex": "other"}, "sex", "required"),
        ({"first_use_year": 1985}, "first_use_year", "invalid"),
        ({"substances": ["heroin", "sugar"]}, "substances", "invalid"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_created(
    director, facility, today, overrides, field, code
):
    with pytest.raises(DomainError) as refused:
        services.register_resident(actor=director, facility=facility, identity=identity(**overrides))
    assert (refused.value.field, refused.value.code) == (field, code)
    assert str(refused.value)
    assert not Resident.objects.exists()
    assert not TimelineEvent.objects.exists()


def test_a_contact_without_a_name_or_with_a_bad_phone_is_refused(manager, facility, today):
    for contact in (ContactData(relation="Mẹ", full_name=""), ContactData(relation="Mẹ", full_name="Lan", phone="abc")):
        with pytest.raises(DomainError) as refused:
            services.register_resident(actor=manager, facility=facility, identity=identity(), contacts=[contact])
        assert refused.value.field == "contacts"
    assert not Resident.objects.exists()


def test_the_same_id_number_warns_before_a_second_person_is_created(manager, facility, today):
    first = services.register_resident(actor=manager, facility=facility, identity=identity())
    with pytest.raises(PossibleDuplicate) as warned:
        services.register_resident(
            actor=manager, facility=facility, identity=identity(full_name="Nguyễn Văn Hưng", date_of_birth=BORN)
        )
    assert warned.value.candidates == [first]
    assert Resident.objects.count() == 1


def test_the_same_name_without_diacritics_and_birth_date_warns_too(manager, facility, today):
    first = services.register_resident(actor=manager, facility=facility, identity=identity(full_name="Đỗ Văn Đức"))
    with pytest.raises(PossibleDuplicate) as warned:
        services.register_resident(
            actor=manager, facility=facility, identity=identity(full_name="do van  duc", citizen_id="")
        )
    assert warned.value.candidates == [first]


def test_the_user_may_confirm_it_is_a_different_person(manager, facility, today):
    services.register_resident(actor=manager, facility=facility, identity=identity(citizen_id=""))
    services.register_resident(
        actor=manager, facility=facility, identity=identity(citizen_id=""), confirmed_different_person=True
    )
    assert Resident.objects.count() == 2


def test_a_person_of_another_facility_is_not_offered_as_a_duplicate(
    manager, director_of_other_facility, facility, other_facility, today
):
    services.register_resident(actor=director_of_other_facility, facility=other_facility, identity=identity())
    services.register_resident(actor=manager, facility=facility, identity=identity())
    assert Resident.objects.count() == 2


def test_a_returning_person_gets_a_new_episode_on_the_same_resident(director, facility, men_room, today):
    resident = register(director, facility)
    first = admit(director, resident, men_room, admitted_on=date(2023, 1, 5), term_months=12)
    services.record_exemption(
        actor=director,
        episode=first,
        occurred_on=date(2023, 6, 1),
        decision_number="5/QĐ",
        decision_on=date(2023, 6, 1),
    )
    second = admit(director, resident, men_room, admitted_on=date(2026, 8, 1), term_months=36)
    assert Resident.objects.count() == 1
    assert list(resident.episodes.order_by("admitted_on")) == [first, second]
    assert second.prior_compulsory_count == 1


def test_registering_needs_manage_residents_in_the_facility(counsellor, director_of_other_facility, facility, today):
    for actor in (counsellor, director_of_other_facility):
        with pytest.raises(PermissionDenied):
            services.register_resident(actor=actor, facility=facility, identity=identity())
    assert not Resident.objects.exists()


def test_health_data_cannot_be_entered_by_a_role_that_may_not_see_it(manager, facility, today):
    with pytest.raises(PermissionDenied):
        services.register_resident(actor=manager, facility=facility, identity=identity(substances=["heroin"]))


def test_the_photo_is_stored_privately_under_a_random_name(manager, facility, today, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "public"
    resident = services.register_resident(actor=manager, facility=facility, identity=identity(), photo=jpeg())
    stored = Path(resident.photo.path)
    assert stored.is_file()
    assert stored.is_relative_to(tmp_path / "private")
    assert "hung" not in str(resident.photo.name).lower()
    assert not (tmp_path / "public").exists()


def test_a_file_that_is_not_an_image_is_refused_as_photo(manager, facility, today, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError) as refused:
        services.register_resident(
            actor=manager,
            facility=facility,
            identity=identity(),
            photo=SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg"),
        )
    assert refused.value.field == "photo"


def test_an_edit_with_the_current_version_saves_and_bumps_it(manager, facility, today):
    resident = services.register_resident(
        actor=manager, facility=facility, identity=identity(), contacts=[ContactData(relation="Mẹ", full_name="Lan")]
    )
    contact = resident.family_contacts.get()
    updated = services.update_resident(
        actor=manager,
        resident=resident,
        expected_version=resident.version,
        identity={"full_name": "Nguyễn Văn Hùng Anh", "current_commune": "Xã Bản Lầu"},
        contacts=[
            ContactData(relation="Mẹ", full_name="Trần Thị Lan", id=contact.pk),
            ContactData(relation="Anh", full_name="Nguyễn Văn Tú"),
        ],
    )
    assert updated.version == resident.version + 1
    assert updated.search_text.startswith("nguyen van hung anh")
    assert sorted(FamilyContact.objects.values_list("full_name", flat=True)) == ["Nguyễn Văn Tú", "Trần Thị Lan"]
    assert resident.family_contacts.get(relation="Mẹ").pk == contact.pk
    journal = TimelineEvent.objects.get(resident=resident, kind="residents.identity_changed")
    assert "full name" in journal.summary or "họ" in journal.summary.lower()
    assert "Xã Bản Lầu" not in journal.summary


def test_an_edit_with_a_stale_version_is_refused_and_changes_nothing(manager, director, facility, today):
    resident = services.register_resident(actor=manager, facility=facility, identity=identity())
    opened_version = resident.version
    services.update_resident(
        actor=director, resident=resident, expected_version=opened_version, identity={"occupation": "Lái xe"}
    )
    with pytest.raises(StaleVersion) as refused:
        services.update_resident(
            actor=manager, resident=resident, expected_version=opened_version, identity={"occupation": "Thợ hàn"}
        )
    assert "someone else changed" in str(refused.value).lower()
    resident.refresh_from_db()
    assert resident.occupation == "Lái xe"
    assert resident.version == opened_version + 1


def test_editing_another_facility_s_resident_is_refused(manager, director_of_other_facility, other_facility, today):
    resident = register(director_of_other_facility, other_facility)
    with pytest.raises(PermissionDenied):
        services.update_resident(
            actor=manager, resident=resident, expected_version=resident.version, identity={"occupation": "x"}
        )


def test_record_numbers_follow_the_facility_s_format_and_count_within_the_year(manager, facility, today):
    make_resident(facility, "Lê Văn Cũ", record_number="HV-2026-0007")
    assert services.next_record_number(facility) == "HV-2026-0008"
    facility.record_number_format = "LC/{year}/{seq:05d}"
    facility.save()
    assert services.next_record_number(facility) == "LC/2026/00001"
    today.set(date(2027, 1, 2))
    make_resident(facility, "Lê Văn Mới", record_number="LC/2027/00001")
    assert services.next_record_number(facility) == "LC/2027/00002"


def test_a_block_of_record_numbers_follows_the_highest_of_the_year(manager, facility, today):
    make_resident(facility, "Lê Văn Hai", record_number="HV-2026-0002")
    make_resident(facility, "Lê Văn Cũ", record_number="HV-2025-0009")
    assert services.allocate_record_numbers(facility, 3) == ["HV-2026-0003", "HV-2026-0004", "HV-2026-0005"]
