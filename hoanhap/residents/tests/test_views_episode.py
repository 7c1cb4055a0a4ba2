"""The pages that change an episode: admission, stage, room, checklist, grades, legal events,
aftercare. Each refuses a reader (403) and another facility (404)."""

from datetime import date

import pytest
from django.urls import reverse

from hoanhap.residents import services
from hoanhap.residents.models import ChecklistItem, Episode, LegalEvent
from hoanhap.residents.services.specs import DECISION_REQUIRED
from hoanhap.residents.terms import STAGE_ORDER, Stage
from hoanhap.testing import client_for

from .builders import admit, register, tick_all

pytestmark = pytest.mark.django_db
EVENT_KINDS = list(LegalEvent.Kind.values)


@pytest.fixture
def resident(director, facility, today):
    return register(director, facility)


@pytest.fixture
def episode(director, resident, men_room):
    episode = admit(director, resident, men_room)
    tick_all(director, episode)
    return episode


def url(name, resident, *args):
    return reverse(f"residents:{name}", args=[resident.pk, *args])


def current(resident) -> Episode:
    return resident.episodes.get(status__in=["active", "on_leave", "absconded", "in_hospital", "suspended"])


# --- Admission -------------------------------------------------------------------------------------


def admission(men_room, **overrides):
    data = {
        "basis": "compulsory",
        "admitted_on": "05/01/2026",
        "decision_number": "12/2026/QĐ-TA",
        "decision_on": "05/01/2026",
        "decided_by": "Tòa án nhân dân khu vực 1",
        "term_months": "24",
        "credited_days": "10",
        "zone": str(men_room.zone_id),
        "room": str(men_room.pk),
    }
    data.update(overrides)
    return data


def test_a_resident_is_admitted_through_the_page(director, resident, men_room):
    client = client_for(director)
    assert client.get(url("admit", resident)).status_code == 200
    response = client.post(url("admit", resident), admission(men_room))
    assert response.status_code == 302
    episode = resident.episodes.get()
    assert (episode.kind, episode.credited_days, episode.expected_release_on) == ("compulsory", 10, date(2027, 12, 26))


def test_a_term_outside_the_law_is_shown_beside_the_term(director, resident, men_room):
    response = client_for(director).post(url("admit", resident), admission(men_room, term_months="30"))
    assert response.status_code == 400
    assert "between 12 and 24 months" in response.context["form"].errors["term_months"][0]
    assert not Episode.objects.exists()


def test_a_woman_in_a_men_s_zone_is_refused_with_a_message(director, facility, men_room):
    woman = register(director, facility, "Trần Thị Mai", sex="female")
    response = client_for(director).post(url("admit", woman), admission(men_room))
    assert response.status_code == 400
    assert response.context["form"].errors["zone"]


# --- Stage, room, checklist, grade -----------------------------------------------------------------


def test_the_stage_moves_through_the_page_with_the_version(director, resident, episode):
    response = client_for(director).post(
        url("episode-stage", resident), {"to_stage": "detox", "changed_on": "01/02/2026", "version": episode.version}
    )
    assert response.status_code == 302
    assert current(resident).stage == Stage.DETOX


def test_a_stage_move_that_is_not_allowed_is_refused_beside_the_stage(director, resident, episode):
    response = client_for(director).post(
        url("episode-stage", resident),
        {"to_stage": "labour_therapy", "changed_on": "01/02/2026", "version": episode.version},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["to_stage"]
    assert current(resident).stage == Stage.RECEPTION


def test_a_stage_move_on_a_stale_page_is_refused(director, resident, episode):
    stale = episode.version
    services.assign_room(actor=director, episode=episode, zone=episode.zone, room=episode.room, on=date(2026, 1, 6))
    response = client_for(director).post(
        url("episode-stage", resident), {"to_stage": "detox", "changed_on": "01/02/2026", "version": stale}
    )
    assert response.status_code == 409
    assert current(resident).stage == Stage.RECEPTION


def test_the_room_changes_through_the_page(director, resident, episode, men_room):
    response = client_for(director).post(
        url("episode-room", resident),
        {"zone": men_room.zone_id, "room": men_room.pk, "on": "02/02/2026", "version": episode.version},
    )
    assert response.status_code == 302


def test_a_reception_task_is_ticked_with_htmx(director, resident, men_room):
    episode = admit(director, resident, men_room)
    item = episode.checklist.get(item="drug_test")
    response = client_for(director).post(
        url("checklist-tick", resident, item.pk), {"done": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert ChecklistItem.objects.get(pk=item.pk).done_by == director


def test_a_reception_task_is_ticked_with_the_date_it_was_done(director, resident, men_room):
    episode = admit(director, resident, men_room)
    item = episode.checklist.get(item="health_exam")
    response = client_for(director).post(
        url("checklist-tick", resident, item.pk), {"done": "1", "done_on": "07/01/2026"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert ChecklistItem.objects.get(pk=item.pk).done_on == date(2026, 1, 7)
    assert "07/01/2026" in response.content.decode()


def test_a_reception_task_ticked_without_a_date_is_done_today(director, resident, men_room, today):
    episode = admit(director, resident, men_room)
    item = episode.checklist.get(item="photo")
    client_for(director).post(url("checklist-tick", resident, item.pk), {"done": "1", "done_on": ""})
    assert ChecklistItem.objects.get(pk=item.pk).done_on == today.value


@pytest.mark.parametrize(
    ("done_on", "message"),
    [
        ("04/01/2026", "The date cannot be before 05/01/2026."),
        ("11/11/2026", "The date cannot be in the future."),
        ("32/13/2026", "Enter a valid date."),
    ],
)
def test_a_reception_task_date_out_of_bounds_is_refused_with_a_message(director, resident, men_room, done_on, message):
    episode = admit(director, resident, men_room)
    item = episode.checklist.get(item="health_exam")
    response = client_for(director).post(
        url("checklist-tick", resident, item.pk), {"done": "1", "done_on": done_on}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ChecklistItem.objects.get(pk=item.pk).done_on is None


def test_a_conduct_grade_is_recorded_through_the_page(director, resident, episode):
    response = client_for(director).post(url("conduct-grade", resident), {"month": "03/2026", "grade": "good"})
    assert response.status_code == 302
    assert episode.conduct_grades.get().month == date(2026, 3, 1)


# --- Legal events ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_every_event_has_its_form(director, resident, episode, kind):
    assert client_for(director).get(url("episode-event", resident, kind)).status_code == 200


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_the_decision_date_is_prefilled_only_where_a_decision_is_required(director, resident, episode, kind, today):
    form = client_for(director).get(url("episode-event", resident, kind)).context["form"]
    prefilled = form["decision_on"].value() if "decision_on" in form.fields else None
    assert prefilled == (today.value if kind in DECISION_REQUIRED else None)


def test_an_event_without_a_decision_number_shows_no_lone_date(director, resident, episode, today):
    """Rows recorded while the form pre-filled the date of a decision nobody gave."""
    LegalEvent.objects.create(
        facility_id=episode.facility_id,
        episode=episode,
        kind=LegalEvent.Kind.RETURN,
        occurred_on=date(2026, 3, 5),
        decision_on=date(2026, 3, 6),
        recorded_by=director,
    )
    page = client_for(director).get(reverse("residents:detail", args=[resident.pk])).content.decode()
    assert "06/03/2026" not in page


def test_an_unknown_event_is_404(director, resident, episode):
    assert client_for(director).get(url("episode-event", resident, "holiday")).status_code == 404


def test_an_abscondence_and_a_return_are_recorded_through_the_pages(director, resident, episode):
    client = client_for(director)
    response = client.post(
        url("episode-event", resident, "abscondence"),
        {
            "occurred_on": "01/03/2026",
            "decision_number": "5/QĐ",
            "decision_on": "02/03/2026",
            "version": episode.version,
        },
    )
    assert response.status_code == 302
    assert current(resident).status == "absconded"
    response = client.post(
        url("episode-event", resident, "return"),
        {"occurred_on": "11/03/2026", "return_manner": "brought_back", "version": current(resident).version},
    )
    assert response.status_code == 302
    assert current(resident).expected_release_on == date(2028, 1, 15)


def test_funeral_leave_longer_than_the_law_allows_is_refused_beside_the_days(director, resident, episode):
    response = client_for(director).post(
        url("episode-event", resident, "leave"),
        {
            "occurred_on": "01/03/2026",
            "leave_reason": "funeral_parent",
            "days": "7",
            "travel_days": "1",
            "decision_number": "5/QĐ",
            "decision_on": "01/03/2026",
            "version": episode.version,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["days"]
    assert current(resident).status == "active"


def test_a_release_before_the_term_ends_is_refused(director, resident, episode):
    for stage, on in zip(
        STAGE_ORDER[1:], [date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)], strict=True
    ):
        episode = services.move_stage(actor=director, episode=episode, to_stage=stage, changed_on=on)
    response = client_for(director).post(
        url("episode-event", resident, "completion"), {"occurred_on": "01/03/2026", "version": episode.version}
    )
    assert response.status_code == 400
    assert "cannot be completed before" in str(response.context["form"].errors)


def test_completion_and_aftercare_through_the_pages(director, facility, men_room, today):
    person = register(director, facility, "Lê Văn Nam")
    episode = admit(director, person, men_room, admitted_on=date(2024, 3, 1), term_months=12)
    tick_all(director, episode)
    for stage, on in zip(
        STAGE_ORDER[1:], [date(2024, 4, 1), date(2024, 6, 1), date(2024, 9, 1), date(2025, 1, 1)], strict=True
    ):
        episode = services.move_stage(actor=director, episode=episode, to_stage=stage, changed_on=on)
    client = client_for(director)
    response = client.post(
        url("episode-event", person, "completion"),
        {"occurred_on": "01/03/2025", "signed_by_name": "Nguyễn Văn An", "version": episode.version},
    )
    assert response.status_code == 302
    assert Episode.objects.get(pk=episode.pk).certificate.number == "1/2025/GCN"
    page = client.get(reverse("residents:detail", args=[person.pk]))
    assert "1/2025/GCN" in page.content.decode()
    response = client.post(
        url("aftercare-note", person), {"noted_on": "01/04/2025", "text": "Đã bàn giao cho UBND xã."}
    )
    assert response.status_code == 302
    too_early = client.post(url("aftercare-close", person), {"closed_on": "01/04/2025"})
    assert too_early.status_code == 400
    assert client.post(url("aftercare-close", person), {"closed_on": "01/03/2027"}).status_code == 400  # future
    today.set(date(2027, 3, 2))
    assert client.post(url("aftercare-close", person), {"closed_on": "01/03/2027"}).status_code == 302


# --- Access -----------------------------------------------------------------------------------------------

PAGES = [
    ("admit", ()),
    ("episode-stage", ()),
    ("episode-room", ()),
    ("conduct-grade", ()),
    *[("episode-event", (kind,)) for kind in EVENT_KINDS],
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_reader_gets_403_on_every_form(counsellor, resident, episode, name, args):
    client = client_for(counsellor)
    assert client.get(url(name, resident, *args)).status_code == 403
    assert client.post(url(name, resident, *args), {}).status_code == 403


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_another_facility_gets_404_on_every_form(director_of_other_facility, resident, episode, name, args):
    client = client_for(director_of_other_facility)
    assert client.get(url(name, resident, *args)).status_code == 404
    assert client.post(url(name, resident, *args), {}).status_code == 404


def test_the_checklist_and_aftercare_forms_refuse_readers_and_other_facilities(
    counsellor, director_of_other_facility, auditor, director, resident, men_room
):
    episode = admit(director, resident, men_room)
    item = episode.checklist.get(order=0)
    for name, args in [("checklist-tick", (item.pk,)), ("aftercare-note", ()), ("aftercare-close", ())]:
        assert client_for(counsellor).post(url(name, resident, *args), {"done": "1"}).status_code == 403
        assert client_for(auditor).post(url(name, resident, *args), {"done": "1"}).status_code == 403
        assert client_for(director_of_other_facility).post(url(name, resident, *args), {"done": "1"}).status_code == 404
    assert not ChecklistItem.objects.filter(done_on__isnull=False).exists()


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_each_event_form_gives_its_service_only_what_it_takes(kind):
    import inspect

    from hoanhap.residents.forms import EVENT_FORMS

    accepted = set(inspect.signature(services.EVENT_SERVICES[kind]).parameters)
    assert set(EVENT_FORMS[kind]().fields) - {"version"} <= accepted


def test_a_late_return_from_leave_is_warned_on_the_page(director, resident, episode):
    services.record_leave(
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        leave_reason="funeral_parent",
        days=5,
        travel_days=2,
        decision_number="9/QĐ",
        decision_on=date(2026, 3, 1),
    )
    services.record_return(actor=director, episode=current(resident), occurred_on=date(2026, 3, 11))
    page = client_for(director).get(reverse("residents:detail", args=[resident.pk])).content.decode()
    assert page.count("back 3 days late: counted as served (to be confirmed by a lawyer)") >= 2


def test_the_admission_form_asks_the_zone_first_and_reloads_its_free_rooms(director, resident, men_room):
    form = client_for(director).get(url("admit", resident)).context["form"]
    assert list(form.fields)[:2] == ["zone", "room"]
    assert form.fields["zone"].widget.attrs["hx-get"] == url("admit-rooms", resident)
    assert list(form.fields["room"].queryset) == []  # no zone chosen yet


def test_choosing_a_zone_offers_only_its_rooms_with_a_free_place(director, facility, resident, men_room):
    from .builders import make_room, make_zone

    full = make_room(men_room.zone, "A2", capacity=1)
    admit(director, register(director, facility, "Lê Văn Đầy"), full)
    elsewhere = make_room(make_zone(facility, name="Khu B"), "B1")
    response = client_for(director).get(url("admit-rooms", resident), {"zone": men_room.zone_id})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="room"' in body and "Khu A – A1 (0/20)" in body
    assert "A2" not in body and "B1" not in body
    assert elsewhere.pk not in [room.pk for room in response.context["form"].fields["room"].queryset]


def test_a_full_room_is_refused_beside_the_room(director, facility, resident, men_room):
    from .builders import make_room

    full = make_room(men_room.zone, "A2", capacity=1)
    admit(director, register(director, facility, "Lê Văn Đầy"), full)
    response = client_for(director).post(url("admit", resident), admission(full))
    assert response.status_code == 400
    assert response.context["form"].errors["room"]


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ({"basis": "compulsory", "decision_on": "01/08/2026"}, "24 months (Luật 120/2025/QH15"),
        ({"basis": "compulsory", "decision_on": "01/08/2026", "prior_compulsory_outside": "1"}, "36 months"),
        ({"basis": "compulsory", "decision_on": "05/01/2026"}, "12 to 24 months"),
        ({"basis": "voluntary", "requested_on": "05/01/2026"}, "6 to 12 months"),
    ],
)
def test_the_term_hint_follows_the_kind_and_the_decision_date(director, resident, query, hint):
    response = client_for(director).get(url("admit-term", resident), query, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert hint in response.content.decode()


@pytest.mark.parametrize("query", [{}, {"basis": "compulsory", "decision_on": "31/02/2026"}, {"basis": "x"}])
def test_without_a_usable_date_the_term_hint_is_empty_not_an_error(director, resident, query):
    response = client_for(director).get(url("admit-term", resident), query)
    assert response.status_code == 200
    assert "months" not in response.content.decode()


def test_a_reader_gets_neither_the_rooms_nor_the_term_hint(team_leader, resident, men_room):
    client = client_for(team_leader)
    assert client.get(url("admit-rooms", resident), {"zone": men_room.zone_id}).status_code == 403
    assert client.get(url("admit-term", resident)).status_code == 403


@pytest.mark.parametrize("zone", ["", "abc", "99999999999999999999", "-1"])
def test_a_nonsense_zone_offers_no_room_and_no_error(director, resident, men_room, zone):
    response = client_for(director).get(url("admit-rooms", resident), {"zone": zone})
    assert response.status_code == 200
    assert list(response.context["form"].fields["room"].queryset) == []
