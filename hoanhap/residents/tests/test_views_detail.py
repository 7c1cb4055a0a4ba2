"""The resident page and the photo: what each role sees, the access log, the query count."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from auditlog.models import AbstractLogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from hoanhap.audit.models import AuditEntry
from hoanhap.residents import selectors, services
from hoanhap.residents.models import Aftercare, TimelineEvent
from hoanhap.residents.terms import Stage
from hoanhap.testing import client_for, streamed

from .builders import admit, make_room, make_zone, register, tick_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(director, facility, men_room, today):
    resident = register(
        director,
        facility,
        ethnicity="Hmông",
        substances=["heroin"],
        has_criminal_record=True,
        permanent_address="Thôn 3, xã Bản Lầu, huyện Mường Khương",  # written before the 2025 reform
    )
    episode = admit(director, resident, men_room)
    services.record_abscondence(
        actor=director,
        episode=episode,
        occurred_on=date(2026, 2, 1),
        decision_number="7/QĐ-TN",
        decision_on=date(2026, 2, 2),
    )
    services.record_return(actor=director, episode=episode, occurred_on=date(2026, 2, 11))
    return resident


def detail(user, resident):
    return client_for(user).get(reverse("residents:detail", args=[resident.pk]))


def test_the_page_shows_the_episode_its_release_date_with_derivation_and_the_timeline(director, resident):
    response = detail(director, resident)
    body = response.content.decode()
    assert response.status_code == 200
    assert "15/01/2028" in body  # 05/01/2028 + 10 days absent
    assert "+10 days absent" in body or "+10 ngày" in body
    assert "7/QĐ-TN" in body
    assert "Thôn 3, xã Bản Lầu, huyện Mường Khương" in body
    kinds = [event.kind for event in response.context["page"].timeline]
    assert kinds.index("residents.return") < kinds.index("residents.abscondence") < kinds.index("residents.admitted")
    assert response.context["stage_plan"][0].stage == Stage.RECEPTION


def test_each_view_of_the_page_is_in_the_access_log(director, resident):
    detail(director, resident)
    entry = AuditEntry.objects.filter(action=AbstractLogEntry.Action.ACCESS, resident_id=resident.pk).get()
    assert entry.actor == director
    assert entry.via == f"GET {reverse('residents:detail', args=[resident.pk])}"


def test_sensitive_fields_show_only_to_roles_that_may_see_them(director, manager, counsellor, resident):
    director_page = detail(director, resident).content.decode()
    assert resident.citizen_id in director_page and "Hmông" in director_page and "Heroin" in director_page
    manager_page = detail(manager, resident).content.decode()
    assert resident.citizen_id in manager_page and "Heroin" not in manager_page
    counsellor_page = detail(counsellor, resident).content.decode()
    assert resident.citizen_id not in counsellor_page
    assert "Hmông" not in counsellor_page and "Heroin" not in counsellor_page
    assert reverse("residents:edit", args=[resident.pk]) not in counsellor_page


def test_another_facility_gets_404_and_a_role_without_residents_403(director_of_other_facility, auditor, resident):
    assert detail(director_of_other_facility, resident).status_code == 404
    assert detail(auditor, resident).status_code == 403
    assert not AuditEntry.objects.filter(action=AbstractLogEntry.Action.ACCESS).exists()


def count_queries(user, resident) -> int:
    client = client_for(user)
    client.get(reverse("residents:detail", args=[resident.pk]))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("residents:detail", args=[resident.pk])).status_code == 200
    return len(queries)


def test_the_page_reads_in_a_constant_number_of_queries(director, facility, men_room, resident):
    plain = register(director, facility, "Lê Văn Nam")
    episode = admit(director, plain, men_room)
    tick_all(director, episode)
    busy = resident.episodes.get()
    tick_all(director, busy)
    busy = services.move_stage(actor=director, episode=busy, to_stage=Stage.DETOX, changed_on=date(2026, 3, 1))
    for month in (3, 4, 5, 6):
        services.record_conduct_grade(actor=director, episode=busy, month=date(2026, month, 1), grade="good")
    services.record_hospital_transfer(
        actor=director,
        episode=busy,
        occurred_on=date(2026, 7, 1),
        place="BV",
        decision_number="2",
        decision_on=date(2026, 7, 1),
    )
    assert count_queries(director, resident) == count_queries(director, plain)


def png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_photo_is_served_only_through_the_checked_view(
    director, director_of_other_facility, auditor, resident, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    services.update_resident(
        actor=director,
        resident=resident,
        expected_version=resident.version,
        identity={},
        photo=SimpleUploadedFile("me.png", png(), content_type="image/png"),
    )
    url = reverse("residents:photo", args=[resident.pk])
    response = client_for(director).get(url)
    assert response.status_code == 200
    assert streamed(response) == png()
    assert response["Cache-Control"] == "private, no-store"
    assert url in detail(director, resident).content.decode()
    assert client_for(director_of_other_facility).get(url).status_code == 404
    assert client_for(auditor).get(url).status_code == 403
    assert AuditEntry.objects.filter(action=AbstractLogEntry.Action.ACCESS, via=f"GET {url}").count() == 1


def test_no_photo_is_a_404(director, resident):
    assert client_for(director).get(reverse("residents:photo", args=[resident.pk])).status_code == 404


def test_after_a_transfer_the_sending_facility_reads_its_history_and_a_third_sees_nothing(
    director, director_of_other_facility, director_of_third_facility, other_facility, resident
):
    episode = resident.episodes.get()
    services.record_transfer(
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        to_facility=other_facility,
        decision_number="1",
        decision_on=date(2026, 3, 1),
    )
    sending = detail(director, resident)
    assert sending.status_code == 200
    assert sending.context["page"].is_history_only
    assert reverse("residents:edit", args=[resident.pk]) not in sending.content.decode()
    receiving = detail(director_of_other_facility, resident)
    assert receiving.status_code == 200 and receiving.context["page"].current is not None
    assert detail(director_of_third_facility, resident).status_code == 404


def test_an_id_beyond_any_integer_is_a_404(director, resident):
    huge = 10**20
    client = client_for(director)
    assert client.get(f"/residents/{huge}/").status_code == 404
    assert client.post(f"/residents/{resident.pk}/checklist/{huge}/", {"done": "1"}).status_code == 404


# --- A long history: the page shows its latest part, the rest when asked ----------------------------


@pytest.fixture
def long_history(director, facility, men_room, today):
    """A voluntary rehab completed on 06/07/2025 (certificate, aftercare with notes), in rehab again
    since 05/01/2026, and five years of weekly journal rows of the other modules."""
    person = register(director, facility, "Trần Văn Dài", current_province="Lào Cai", current_commune="Xã Bản Lầu")
    first = admit(director, person, men_room, compulsory=False, admitted_on=date(2025, 1, 6), term_months=6)
    tick_all(director, first)
    for stage, on in [(Stage.DETOX, date(2025, 2, 1)), (Stage.REHABILITATION, date(2025, 3, 1))]:
        first = services.move_stage(actor=director, episode=first, to_stage=stage, changed_on=on)
    services.record_leave(
        actor=director,
        episode=first,
        occurred_on=date(2025, 4, 1),
        leave_reason="funeral_parent",
        days=3,
        travel_days=1,
        decision_number="LEAVE-9/QĐ",
        decision_on=date(2025, 4, 1),
    )
    services.record_return(actor=director, episode=first, occurred_on=date(2025, 4, 5))
    services.complete_episode(actor=director, episode=first, occurred_on=date(2025, 7, 6))
    aftercare = Aftercare.objects.get(episode=first)
    for month in range(8, 13):
        services.add_aftercare_note(actor=director, aftercare=aftercare, noted_on=date(2025, month, 1), text="Ổn")
    current = admit(director, person, men_room, admitted_on=date(2026, 1, 5))
    start = date(2021, 11, 10)
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            facility=facility,
            resident=person,
            kind="visit",
            occurred_on=start + timedelta(days=7 * week),
            summary=f"Week {week}",
        )
        for week in range(260)
    )
    return {"resident": person, "past": first, "current": current}


# The session, the user, their second factor, their memberships; the resident and the access log
# entry; the episodes; the current one's checklist, stages, legal events and grades, and its stage
# plan; the aftercare notes; the journal; the family contacts — 15 (the certificates one may print
# come with the episodes); then the cards other modules add (`core.registry.resident_sections`),
# which the director reads: daily life's work team and hours (2), courses, prizes, supplies (1 each), the last and
# next visits and the money held (3). The user's facilities are read apart from their memberships
# (a province viewer's dozens are read only where shown): one more.
PAGE_QUERIES = 15 + 8 + 1


def test_a_week_s_history_and_five_years_read_the_same_queries(
    director, facility, men_room, long_history, django_assert_num_queries
):
    short = register(director, facility, "Lê Văn Ngắn")
    admit(director, short, men_room)
    for person in (short, long_history["resident"]):
        client = client_for(director)
        client.get(reverse("residents:detail", args=[person.pk]))
        with django_assert_num_queries(PAGE_QUERIES):
            assert client.get(reverse("residents:detail", args=[person.pk])).status_code == 200


def test_the_page_shows_the_latest_journal_rows_and_offers_the_older_ones(director, long_history):
    response = detail(director, long_history["resident"])
    page = response.context["page"]
    assert len(page.timeline) == selectors.TIMELINE_PAGE_SIZE
    assert page.timeline[0].occurred_on >= page.timeline[-1].occurred_on
    older = f"?before={page.older_timeline}"
    assert older in response.content.decode()
    assert "Week 0<" not in response.content.decode()


def test_older_journal_rows_come_under_htmx_through_the_logged_view(director, long_history):
    resident = long_history["resident"]
    url = reverse("residents:detail", args=[resident.pk])
    client = client_for(director)
    seen = []
    cursor = client.get(url).context["page"].older_timeline
    while cursor is not None:
        response = client.get(url, {"before": str(cursor)}, headers={"HX-Request": "true"})
        assert response.status_code == 200 and "<html" not in response.content.decode()
        seen += response.context["events"]
        cursor = response.context["older"]
    everything = TimelineEvent.objects.filter(resident=resident).count()
    assert len(seen) == everything - selectors.TIMELINE_PAGE_SIZE
    assert "Week 0" in [event.summary for event in seen]
    views = AuditEntry.objects.filter(action=AbstractLogEntry.Action.ACCESS, resident_id=resident.pk)
    assert views.count() == 1 + -(-len(seen) // selectors.TIMELINE_PAGE_SIZE)


def test_without_htmx_the_older_rows_come_in_the_whole_page(director, long_history):
    resident = long_history["resident"]
    cursor = detail(director, resident).context["page"].older_timeline
    response = client_for(director).get(reverse("residents:detail", args=[resident.pk]), {"before": str(cursor)})
    body = response.content.decode()
    assert "<html" in body and response.context["page"].timeline[0].occurred_on <= cursor.occurred_on


def test_a_past_episode_shows_as_one_line_and_its_detail_when_opened(director, long_history):
    resident, past = long_history["resident"], long_history["past"]
    body = detail(director, resident).content.decode()
    assert f'id="episode-{past.pk}"' in body and past.certificate.number in body
    assert "LEAVE-9/QĐ" not in body
    url = reverse("residents:detail", args=[resident.pk])
    opened = client_for(director).get(url, {"episode": past.pk}, headers={"HX-Request": "true"})
    assert opened.status_code == 200 and "<html" not in opened.content.decode()
    assert "LEAVE-9/QĐ" in opened.content.decode()
    # Without htmx: the whole page, that episode open.
    page = client_for(director).get(url, {"episode": past.pk}).content.decode()
    assert "<html" in page and "LEAVE-9/QĐ" in page


def test_another_facility_s_episode_or_a_bad_cursor_is_refused(
    director, director_of_other_facility, other_facility, long_history
):
    resident = long_history["resident"]
    theirs = register(director_of_other_facility, other_facility, "Người Khác")
    admit(director_of_other_facility, theirs, make_room(make_zone(other_facility)))
    url = reverse("residents:detail", args=[resident.pk])
    client = client_for(director)
    htmx = {"HX-Request": "true"}
    assert client.get(url, {"episode": theirs.episodes.get().pk}, headers=htmx).status_code == 404
    assert client.get(url, {"episode": 10**20}, headers=htmx).status_code == 404
    assert client.get(url, {"episode": "x"}, headers=htmx).status_code == 400
    assert client.get(url, {"before": "yesterday"}, headers=htmx).status_code == 400
    other = reverse("residents:detail", args=[theirs.pk])
    assert client.get(other, {"before": "2026-01-01.1"}, headers=htmx).status_code == 404


def test_the_record_names_prior_convictions_and_administrative_sanctions_apart(director, facility):
    """Tiền án (a criminal conviction) and tiền sự (an administrative sanction) are two things:
    "no conviction" beside "sanctioned for drug use" must not read as a contradiction."""
    resident = register(director, facility, has_criminal_record=False, was_sanctioned_for_drug_use=True)
    body = detail(director, resident).content.decode()
    assert "Prior convictions and administrative sanctions" in body
    assert "Prior criminal conviction: No" in body
    assert "Prior conviction for a drug offence: No" in body
    assert "Administrative sanction for drug use: Yes" in body
    assert "Criminal record:" not in body
