"""Every audit entry says what the user did: the event kind of the service that wrote it."""

import pytest
from django.apps import apps
from django.utils import translation

from hoanhap.audit import events
from hoanhap.audit.models import AuditEntry
from hoanhap.audit.writes import acting_as, audited_write
from hoanhap.core.models import Zone
from hoanhap.core.registry import NotRegistered

pytestmark = pytest.mark.django_db


@pytest.fixture
def zone_renamed():
    """A throw-away event kind, registered for the test and removed after it."""
    events.register("core.zone_renamed", "Zone renamed")
    yield "core.zone_renamed"
    events.kinds.unregister("core.zone_renamed")


def test_every_entry_of_an_audited_write_carries_its_event(zone_renamed, facility, director):
    zone = Zone.objects.create(facility=facility, name="Khu A", kind="general")

    @audited_write(event=zone_renamed)
    def rename(*, actor, zone, name):
        zone.name = name
        zone.save()
        Zone.objects.create(facility=facility, name=f"{name} (2)", kind="general")

    rename(actor=director, zone=zone, name="Khu B")
    written = AuditEntry.objects.filter(actor=director).order_by("id")
    assert [entry.event for entry in written] == [zone_renamed, zone_renamed]
    assert written[0].event_label == "Zone renamed"


def test_an_inner_service_keeps_the_event_of_the_outer_one(zone_renamed, facility, director):
    events.register("core.zone_opened", "Zone opened")
    try:

        @audited_write(event="core.zone_opened")
        def open_zone(*, actor):
            return Zone.objects.create(facility=facility, name="Khu C", kind="general")

        @audited_write(event=zone_renamed)
        def outer(*, actor):
            open_zone(actor=actor)

        outer(actor=director)
        assert AuditEntry.objects.get(actor=director).event == zone_renamed
    finally:
        events.kinds.unregister("core.zone_opened")


def test_writing_an_unregistered_event_raises_and_writes_nothing(facility, director):
    @audited_write(event="core.never_registered")
    def create_zone(*, actor):
        Zone.objects.create(facility=facility, name="Khu D", kind="general")

    with pytest.raises(NotRegistered):
        create_zone(actor=director)
    assert not Zone.objects.filter(name="Khu D").exists()


def test_an_entry_written_outside_any_service_names_no_event(facility, director):
    with acting_as(director):
        Zone.objects.create(facility=facility, name="Khu E", kind="general")
    assert AuditEntry.objects.get(actor=director).event is None


def test_the_event_is_part_of_the_hash_so_it_cannot_be_changed_unnoticed(zone_renamed, facility, director):
    @audited_write(event=zone_renamed)
    def create_zone(*, actor):
        Zone.objects.create(facility=facility, name="Khu F", kind="general")

    create_zone(actor=director)
    entry = AuditEntry.objects.get(actor=director)
    assert entry.compute_hash() == entry.hash
    entry.event = "core.something_else"
    assert entry.compute_hash() != entry.hash


def test_every_model_of_hoanhap_is_audited_or_exempt_with_a_reason():
    from auditlog.registry import auditlog

    unaccounted = [
        model._meta.label_lower
        for model in apps.get_models()
        if model.__module__.startswith("hoanhap.")
        and not auditlog.contains(model)
        and model._meta.label_lower not in events.EXEMPT_MODELS
    ]
    assert unaccounted == [], (
        "Register these models with django-auditlog in their app's ready(), or declare them exempt "
        "with hoanhap.audit.events.exempt(model, reason=...): " + ", ".join(unaccounted)
    )


def test_every_registered_event_kind_has_a_label_and_belongs_to_an_installed_app():
    labels = {app.label for app in apps.get_app_configs()}
    for event in events.kinds:
        assert str(event.label)
        assert event.key.split(".")[0] in labels, event.key


def test_an_export_logged_before_the_event_column_is_found_and_labelled_by_its_kind(facility, director, auditor):
    from django.urls import reverse

    from hoanhap.testing import verified_client_for

    legacy = AuditEntry.objects.log_create(
        facility,
        force_log=True,
        action=AuditEntry.Action.ACCESS,
        actor=director,
        object_repr="Resident list export (3 rows)",
        additional_data={"event": "residents.export", "count": 3},
    )
    assert legacy.event is None
    response = verified_client_for(auditor).get(reverse("audit:search"), {"event": "residents.list_exported"})
    assert [entry.pk for entry in response.context["page"]] == [legacy.pk]
    with translation.override("en"):
        assert str(legacy.event_label) == "Resident list exported"


def test_a_service_run_after_a_request_in_the_same_thread_does_not_name_that_request(zone_renamed, facility, director):
    from django.urls import reverse

    from hoanhap.testing import verified_client_for

    verified_client_for(director).get(reverse("residents:list"), {"q": "a"})

    @audited_write(event=zone_renamed)
    def create_zone(*, actor):
        Zone.objects.create(facility=facility, name="Khu G", kind="general")

    create_zone(actor=director)
    entry = AuditEntry.objects.get(event=zone_renamed)
    assert (entry.via, entry.remote_addr) == ("", None)
