"""Adding a module needs no edit outside its own folder: a throw-away module (./throwaway/)
declares its navigation entry, a home-page card, a timeline kind and an audit event, and each
shows up where staff would look for it."""

import importlib
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.testing import card_on, make_episode, make_resident, verified_client_for

from .throwaway import apps as throwaway_apps
from .throwaway.services import log_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def throwaway_module(settings):
    """Installed as Django would install it: its templates found, its ready() run, and taken back."""
    templates = Path(throwaway_apps.__file__).parent / "templates"
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], templates]}]
    package = importlib.import_module("tests.architecture.throwaway")
    config = throwaway_apps.ThrowawayConfig("tests.architecture.throwaway", package)
    config.apps = apps
    config.ready()
    yield config
    config.unready()


def test_the_module_is_in_the_menu_and_its_card_on_the_home_page_of_the_roles_it_names(throwaway_module, director):
    home = verified_client_for(director).get(reverse("shell:home"))
    assert "throwaway" in [item["module"].slug for item in home.context["nav_items"]]
    assert card_on(home, "throwaway.visits") == {"visits": 7}
    assert 'data-testid="throwaway-visits">7 visits' in home.content.decode()


def test_a_role_the_module_does_not_name_sees_neither_its_menu_entry_nor_its_card(throwaway_module, doctor):
    home = verified_client_for(doctor).get(reverse("shell:home"))
    assert "throwaway" not in [item["module"].slug for item in home.context["nav_items"]]
    assert card_on(home, "throwaway.visits") is None


def test_its_timeline_rows_and_audit_entries_are_labelled_and_found_by_the_auditor(
    throwaway_module, director, auditor, facility
):
    resident = make_resident(facility)
    make_episode(resident)
    log_visit(actor=director, resident=resident, on=date(2026, 3, 2))

    page = verified_client_for(director).get(reverse("residents:detail", args=[resident.pk]))
    assert "Visit logged" in page.content.decode()
    entry = AuditEntry.objects.get(event=throwaway_apps.EVENT)
    assert entry.actor == director and entry.facility_id == facility.pk

    found = verified_client_for(auditor).get(reverse("audit:search"), {"event": throwaway_apps.EVENT})
    assert [row.pk for row in found.context["page"]] == [entry.pk]
    assert '<option value="throwaway.visit_logged" selected>Visit logged</option>' in found.content.decode()


def test_its_card_on_the_resident_page_shows_to_the_roles_it_names_in_the_residents_facility(
    throwaway_module, director, doctor, director_of_other_facility, facility
):
    resident = make_resident(facility, "Trần Văn Nam")
    make_episode(resident)
    url = reverse("residents:detail", args=[resident.pk])

    page = verified_client_for(director).get(url).content.decode()
    assert 'data-section="throwaway.next_visit"' in page and "Next visit" in page
    assert "Trần Văn Nam is visited on Saturday" in page
    # A role the module does not name reads the resident page without the card.
    assert "is visited on" not in verified_client_for(doctor).get(url).content.decode()
    # Another facility's director does not even reach the page.
    assert verified_client_for(director_of_other_facility).get(url).status_code == 404


def test_a_card_whose_module_has_nothing_to_say_about_the_resident_is_left_out(throwaway_module, director, facility):
    stranger = make_resident(facility, "Người Lạ")
    make_episode(stranger)
    page = verified_client_for(director).get(reverse("residents:detail", args=[stranger.pk])).content.decode()
    assert 'data-section="throwaway.next_visit"' not in page


def test_taking_the_module_away_leaves_no_trace_in_the_registries(throwaway_module, director):
    throwaway_module.unready()
    home = verified_client_for(director).get(reverse("shell:home"))
    assert card_on(home, "throwaway.visits") is None
    throwaway_module.ready()  # for the fixture to take it back again
