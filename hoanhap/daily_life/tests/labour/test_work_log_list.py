"""The work log of a period: the entries the centre counts and sends up, filtered, totalled and
exported exactly as shown."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hoanhap.daily_life.models import WorkTeam
from hoanhap.daily_life.services.labour import SheetRow, add_member, save_day_sheet
from hoanhap.testing import make_episode, make_resident, verified_client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_teams_at_work(facility, team, team_leader, worker):
    fish = WorkTeam.objects.create(facility=facility, name="Tổ cá", leader=team_leader)
    other = make_resident(facility, "Lê Thị Bình")
    make_episode(other, admitted_on=date(2026, 1, 5))
    add_member(actor=team_leader, team=team, resident_id=worker.pk, joined_on=date(2026, 1, 5))
    add_member(actor=team_leader, team=fish, resident_id=other.pk, joined_on=date(2026, 1, 5))
    for day in (date(2026, 1, 30), date(2026, 2, 2), date(2026, 2, 27)):
        save_day_sheet(actor=team_leader, team=team, worked_on=day, rows=[SheetRow(worker.pk, Decimal(4))])
        save_day_sheet(actor=team_leader, team=fish, worked_on=day, rows=[SheetRow(other.pk, Decimal("3.5"))])
    return fish


def rows(response):
    return response.content.decode().count('data-testid="work-log-row"')


def test_the_log_shows_this_month_by_default_with_its_total(two_teams_at_work, team_leader, today):
    today.set(date(2026, 2, 27))
    response = verified_client_for(team_leader).get(reverse("daily_life:work-log-list"))
    assert rows(response) == 4  # 2/2 and 27/2, two residents; 30/1 is last month
    assert "15 hours in all." in response.content.decode()


def test_the_log_filters_by_team_period_and_name_without_diacritics(two_teams_at_work, team_leader, today):
    client = verified_client_for(team_leader)
    query = {"team": two_teams_at_work.pk, "start": "30/01/2026", "end": "27/02/2026"}
    assert rows(client.get(reverse("daily_life:work-log-list"), query)) == 3
    assert rows(client.get(reverse("daily_life:work-log-list"), {**query, "team": "", "q": "binh"})) == 3
    assert rows(client.get(reverse("daily_life:work-log-list"), {**query, "team": "", "q": "an"})) == 3


def test_a_period_that_ends_before_it_starts_is_refused_beside_the_field(two_teams_at_work, team_leader):
    response = verified_client_for(team_leader).get(
        reverse("daily_life:work-log-list"), {"start": "27/02/2026", "end": "01/02/2026"}
    )
    assert response.status_code == 400 and "The end cannot be before the start." in response.content.decode()


def test_the_export_holds_exactly_the_filtered_rows(two_teams_at_work, team_leader):
    query = {"team": two_teams_at_work.pk, "start": "01/02/2026", "end": "28/02/2026"}
    response = verified_client_for(team_leader).get(reverse("daily_life:work-log-export"), query)
    sheet = load_workbook(BytesIO(response.content)).active
    body = [row for row in sheet.iter_rows(min_row=2, values_only=True) if any(row)]
    assert len(body) == 2 and {row[3] for row in body} == {"Tổ cá"}


def test_a_page_or_sort_link_without_dates_keeps_this_month(two_teams_at_work, team_leader, today):
    today.set(date(2026, 2, 27))
    client = verified_client_for(team_leader)
    for query in ({"page": "1"}, {"sort": "-hours"}, {"start": "", "end": ""}):
        response = client.get(reverse("daily_life:work-log-list"), query)
        assert response.status_code == 200 and rows(response) == 4
