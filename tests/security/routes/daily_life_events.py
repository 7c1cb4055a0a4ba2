"""Daily life, events: who opens each URL. The director (OVERSEE_FACILITY) reads; the teacher
(RECORD_EDUCATION) records."""

from datetime import date

from hoanhap.daily_life.access import AREAS
from hoanhap.daily_life.models import Competition, Event, EventPhoto

from ..route_rules import C, Rule, World  # noqa: F401

READ = AREAS["events"].read
WRITE = AREAS["events"].write

RULES: dict[str, Rule] = {
    "daily-life/events/": Rule(READ),
    "daily-life/events/export/": Rule(READ),
    "daily-life/events/new/": Rule(WRITE, writes=True),
    "daily-life/events/<int:event_id>/": Rule(READ, names_a_record=True),
    "daily-life/events/<int:event_id>/participants/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/events/<int:event_id>/photos/new/": Rule(WRITE, names_a_record=True, writes=True),
    # The row names a file the test does not write: a reader gets 404 for the missing file.
    "daily-life/events/photos/<int:photo_id>/": Rule(READ, names_a_record=True, may_be_missing=True),
    "daily-life/competitions/new/": Rule(WRITE, writes=True),
    "daily-life/competitions/<int:competition_id>/": Rule(READ, names_a_record=True),
    "daily-life/competitions/<int:competition_id>/prizes/new/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/prizes/": Rule(READ),
    "daily-life/prizes/export/": Rule(READ),
    # The API: a GET reads, a POST on the same path records (the service refuses a reader).
    "api/daily-life/events": Rule(READ, writes=True),
    "api/daily-life/events/<int:event_id>": Rule(READ, names_a_record=True),
    "api/daily-life/events/<int:event_id>/participants": Rule(READ, names_a_record=True, writes=True),
    "api/daily-life/events/competitions": Rule(READ, writes=True),
    "api/daily-life/events/competitions/<int:competition_id>/prizes": Rule(WRITE, names_a_record=True, writes=True),
    "api/daily-life/events/prizes": Rule(READ),
}


def parameters(world: World) -> dict[str, str]:
    """The area's records in facility A, named by the URL parameters its routes use."""
    event = Event.objects.create(
        facility=world.facility, kind=Event.Kind.SPORT, title="Bóng đá", held_on=date(2026, 1, 10)
    )
    photo = EventPhoto.objects.create(facility=world.facility, event=event, image="daily_life/events/missing.jpg")
    competition = Competition.objects.create(
        facility=world.facility, event=event, title="Kéo co", held_on=event.held_on
    )
    return {"event_id": str(event.pk), "photo_id": str(photo.pk), "competition_id": str(competition.pk)}
