"""The administrative procedures the centre offers the public: kept by those who define its
processes, read by anyone once published — the requirements, documents, fee and time limit, and
nothing of the cases that run them."""

import pytest
from django.test import Client
from django.urls import reverse

from hoanhap.accounts.roles import Role
from hoanhap.core.errors import DomainError
from hoanhap.testing import make_user, verified_client_for
from hoanhap.workflows import services
from hoanhap.workflows.defaults import install_defaults
from hoanhap.workflows.models import Procedure, Process

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits(facility, director):  # type: ignore[no-untyped-def]
    install_defaults(facility.pk, only=["family-visit"])
    return Procedure.objects.get(facility=facility, process__code="family-visit")


def test_the_defaults_install_each_procedure_unpublished_and_linked_to_its_process(visits, facility):
    assert not visits.is_published and visits.process == Process.objects.get(facility=facility, code="family-visit")
    install_defaults(facility.pk, only=["family-visit"])
    assert Procedure.objects.filter(facility=facility).count() == 1  # installed once


def test_anyone_reads_a_published_procedure_and_no_one_an_unpublished_one(visits, director):
    anonymous = Client()
    url = reverse("procedures:detail", args=[visits.pk])
    assert anonymous.get(url).status_code == 404
    assert visits.title not in anonymous.get(reverse("procedures:list")).content.decode()
    services.save_procedure(actor=director, facility_id=visits.facility_id, procedure=visits, is_published=True)
    page = anonymous.get(url).content.decode()
    assert visits.title in page and "1 working day" in page and "Căn cước" in page
    assert visits.title in anonymous.get(reverse("procedures:list")).content.decode()


def test_the_public_page_shows_nothing_of_the_cases(visits, director, facility):
    services.save_procedure(actor=director, facility_id=facility.pk, procedure=visits, is_published=True)
    services.start_case(actor=director, process=visits.process, title="Bà Nguyễn Thị Hạnh thăm con")
    page = Client().get(reverse("procedures:detail", args=[visits.pk])).content.decode()
    assert "Hạnh" not in page and reverse("workflows:process", args=[visits.process_id]) not in page


def test_a_procedure_needs_a_title_and_a_process_of_its_own_facility(visits, director, facility, other_facility):
    with pytest.raises(DomainError, match="title"):
        services.save_procedure(actor=director, facility_id=facility.pk, procedure=visits, title=" ")
    install_defaults(other_facility.pk, only=["family-visit"])
    theirs = Process.objects.get(facility=other_facility, code="family-visit")
    with pytest.raises(DomainError, match="process of this facility"):
        services.save_procedure(actor=director, facility_id=facility.pk, procedure=visits, process=theirs)


def test_the_director_publishes_a_procedure_from_the_page_and_others_may_not(visits, director, facility):
    client = verified_client_for(director)
    url = reverse("workflows:procedure-edit", args=[visits.pk])
    form = {"title": visits.title, "process": visits.process_id, "fee": "", "order": 2, "is_published": "on"}
    assert client.post(url, {**form, "time_limit_days": "-1"}).status_code == 400
    assert client.post(url, {**form, "time_limit_days": "1"}).status_code == 302
    assert Procedure.objects.get(pk=visits.pk).is_published
    nurse = verified_client_for(make_user(Role.MEDICAL_STAFF, facility))
    assert nurse.get(url).status_code == 403
