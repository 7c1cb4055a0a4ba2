from datetime import date

import pytest
from django.urls import reverse

from hoanhap.accounts.roles import Role
from hoanhap.daily_life.models import Event, EventParticipant, EventPhoto, Prize
from hoanhap.daily_life.services import events as services
from hoanhap.daily_life.views import events as views
from hoanhap.testing import make_episode, make_resident, make_user, verified_client_for

from .conftest import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(teacher):  # type: ignore[no-untyped-def]
    return verified_client_for(teacher)


def test_the_list_shows_the_events_with_how_many_match_and_filters_by_kind(teacher_client, event, facility, teacher):
    services.plan_event(
        actor=teacher, facility_id=facility.pk, kind="seminar", title="Tọa đàm", held_on=date(2026, 2, 1)
    )
    page = teacher_client.get(reverse("daily_life:event-list"), {"kind": "sport", "sort": "title"})
    assert page.status_code == 200
    assert "Giải bóng chuyền" in page.content.decode() and "Tọa đàm" not in page.content.decode()
    assert "1 row matches" in page.content.decode()


def test_a_bad_date_filter_is_shown_beside_the_field_not_a_500(teacher_client, event):
    page = teacher_client.get(reverse("daily_life:event-list"), {"date_from": "32/13/2026"})
    assert page.status_code == 200
    assert "Giải bóng chuyền" in page.content.decode()


def test_typing_in_the_filter_returns_only_the_rows(teacher_client, event):
    page = teacher_client.get(reverse("daily_life:event-list"), {"q": "bóng"}, HTTP_HX_REQUEST="true")
    assert "<html" not in page.content.decode() and "Giải bóng chuyền" in page.content.decode()


def test_the_export_holds_the_filtered_rows(teacher_client, event):
    response = teacher_client.get(reverse("daily_life:event-export"), {"kind": "sport"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_teacher_plans_an_event_in_the_browser(teacher_client, facility, today):
    response = teacher_client.post(
        reverse("daily_life:event-create"),
        {
            "facility": facility.pk,
            "kind": "cultural",
            "title": "Văn nghệ mừng xuân",
            "held_on": "10/02/2026",
            "starts_at": "19:00",
            "ends_at": "21:00",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("daily_life:event-detail", args=[event.pk])


def test_an_event_that_ends_before_it_starts_is_refused_beside_the_field(teacher_client, facility, today):
    response = teacher_client.post(
        reverse("daily_life:event-create"),
        {
            "facility": facility.pk,
            "kind": "cultural",
            "title": "x",
            "held_on": "10/02/2026",
            "starts_at": "19:00",
            "ends_at": "18:00",
        },
    )
    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()
    assert not Event.objects.exists()


def test_another_facilitys_event_is_not_found(other_facility, facility, event, today):
    stranger = make_user(Role.EDUCATION_OFFICER, other_facility)
    client = verified_client_for(stranger)
    assert client.get(reverse("daily_life:event-detail", args=[event.pk])).status_code == 404
    assert client.get(reverse("daily_life:participant-add", args=[event.pk])).status_code == 404


def test_the_director_reads_but_does_not_record(director, event):
    client = verified_client_for(director)
    assert client.get(reverse("daily_life:event-detail", args=[event.pk])).status_code == 200
    assert client.get(reverse("daily_life:participant-add", args=[event.pk])).status_code == 403


def test_ticked_residents_are_added_and_shown_on_the_event(teacher_client, event, resident, teacher):
    url = reverse("daily_life:participant-add", args=[event.pk])
    page = teacher_client.get(url)
    assert resident.full_name in page.content.decode()
    response = teacher_client.post(url, {"residents": [resident.pk], "staff": [teacher.pk], "role": "performer"})
    assert response.status_code == 302
    assert EventParticipant.objects.filter(event=event).count() == 2
    detail = teacher_client.get(reverse("daily_life:event-detail", args=[event.pk]))
    assert resident.full_name in detail.content.decode()
    assert '<span class="badge text-bg-secondary" data-testid="participant-count">2</span>' in detail.content.decode()


def test_adding_no_one_is_refused_with_a_message(teacher_client, event, resident):
    response = teacher_client.post(reverse("daily_life:participant-add", args=[event.pk]), {"role": "participant"})
    assert response.status_code == 400
    assert "at least one person" in response.content.decode()


def test_the_search_narrows_the_residents_to_tick(teacher_client, event, resident):
    url = reverse("daily_life:participant-add", args=[event.pk])
    assert resident.full_name in teacher_client.get(url, {"q": "tran van"}, HTTP_HX_REQUEST="true").content.decode()
    assert resident.full_name not in teacher_client.get(url, {"q": "zzz"}, HTTP_HX_REQUEST="true").content.decode()


def test_the_birthday_party_ticks_the_residents_born_in_its_quarter(teacher_client, facility, teacher, resident, today):
    party = services.plan_event(
        actor=teacher, facility_id=facility.pk, kind="birthday", title="Sinh nhật quý I", held_on=date(2026, 3, 1)
    )
    page = teacher_client.get(reverse("daily_life:participant-add", args=[party.pk]))
    assert f'value="{resident.pk}" checked' in page.content.decode()


def test_a_photo_is_uploaded_and_served_only_through_the_access_checked_view(
    teacher_client, event, other_facility, today
):
    response = teacher_client.post(
        reverse("daily_life:photo-add", args=[event.pk]), {"image": jpeg(), "caption": "Khai mạc"}
    )
    assert response.status_code == 302
    photo = EventPhoto.objects.get()
    served = teacher_client.get(reverse("daily_life:event-photo", args=[photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "private, no-store"
    stranger = verified_client_for(make_user(Role.EDUCATION_OFFICER, other_facility))
    assert stranger.get(reverse("daily_life:event-photo", args=[photo.pk])).status_code == 404


def test_a_file_that_is_not_a_photo_is_refused_beside_the_field(teacher_client, event, today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = teacher_client.post(
        reverse("daily_life:photo-add", args=[event.pk]), {"image": SimpleUploadedFile("x.jpg", b"nope")}
    )
    assert response.status_code == 400
    assert "JPEG, PNG or WebP" in response.content.decode()


def test_a_competition_and_its_prizes_are_recorded_and_listed_with_totals(teacher_client, event, resident, team, today):
    response = teacher_client.post(
        reverse("daily_life:competition-create") + f"?event={event.pk}",
        {"facility": event.facility_id, "title": "Kéo co", "kind": "sport", "held_on": "01/03/2026"},
    )
    assert response.status_code == 302
    competition = event.competitions.get()
    award = reverse("daily_life:prize-create", args=[competition.pk])
    assert (
        teacher_client.post(
            award, {"rank": "Giải nhất", "item": "Cúp", "value": "500000", "winner": "team", "team": team.pk}
        ).status_code
        == 302
    )
    assert (
        teacher_client.post(
            award, {"rank": "Giải nhì", "value": "200000", "winner": "resident", "resident": resident.pk}
        ).status_code
        == 302
    )
    assert Prize.objects.count() == 2
    listed = teacher_client.get(reverse("daily_life:prize-list"))
    assert "700,000" in listed.content.decode() or "700.000" in listed.content.decode()
    assert teacher_client.get(reverse("daily_life:prize-export")).status_code == 200
    assert "Kéo co" in teacher_client.get(reverse("daily_life:event-detail", args=[event.pk])).content.decode()


def test_a_prize_without_its_winner_is_refused_beside_the_field(teacher_client, facility, teacher, today):
    competition = services.create_competition(actor=teacher, facility_id=facility.pk, title="x", held_on=today.value)
    response = teacher_client.post(
        reverse("daily_life:prize-create", args=[competition.pk]), {"rank": "Giải nhất", "value": "0", "winner": "team"}
    )
    assert response.status_code == 400
    assert "Choose the team" in response.content.decode()


def test_the_prizes_list_shows_what_one_team_has_won(teacher_client, facility, teacher, team, resident, today):
    competition = services.create_competition(
        actor=teacher, facility_id=facility.pk, title="Thi đua", held_on=today.value
    )
    services.award_prize(actor=teacher, competition=competition, rank="Giải nhất", item="Cờ thi đua", team=team)
    services.award_prize(actor=teacher, competition=competition, rank="Giải nhì", item="Sách", resident_id=resident.pk)
    page = teacher_client.get(reverse("daily_life:prize-list"), {"team": team.pk}).content.decode()
    assert "Cờ thi đua" in page and "Sách" not in page


def test_a_large_event_lists_its_participants_a_page_at_a_time_residents_first(
    teacher_client, event, teacher, facility, monkeypatch
):
    monkeypatch.setattr(views, "PARTICIPANTS_PAGE_SIZE", 2)
    residents = [make_resident(facility, full_name=name) for name in ("Bùi An", "Đỗ Bình", "Âu Cường")]
    for resident in residents:
        make_episode(resident, admitted_on=date(2026, 1, 5))
    services.add_participants(
        actor=teacher, event=event, resident_ids=[r.pk for r in residents], staff_ids=[teacher.pk]
    )
    url = reverse("daily_life:event-detail", args=[event.pk])
    first, last = teacher_client.get(url), teacher_client.get(url, {"page": 2})
    # Vietnamese order goes by the given name: An, Bình, Cường; then the staff.
    assert [p.resident.full_name for p in first.context["participants"]] == ["Bùi An", "Đỗ Bình"]
    assert [p.resident.full_name if p.resident_id else "staff" for p in last.context["participants"]] == [
        "Âu Cường",
        "staff",
    ]
    assert 'data-testid="participant-count">4</span>' in first.content.decode()
