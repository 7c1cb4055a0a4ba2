import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hoanhap.daily_life.models import Event, WorkTeam
from hoanhap.daily_life.services import events as services
from hoanhap.testing import make_episode, make_resident


def jpeg(name: str = "photo.jpg", image_format: str = "JPEG") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format=image_format)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}[image_format]
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def resident(facility):  # type: ignore[no-untyped-def]
    person = make_resident(facility, "Trần Văn An", date_of_birth=date(1992, 2, 14))
    make_episode(person, admitted_on=date(2026, 1, 5))
    return person


@pytest.fixture
def event(facility, teacher, today):  # type: ignore[no-untyped-def]
    return services.plan_event(
        actor=teacher,
        facility_id=facility.pk,
        kind=Event.Kind.SPORT,
        title="Giải bóng chuyền",
        held_on=date(2026, 3, 1),
    )


@pytest.fixture
def team(facility):  # type: ignore[no-untyped-def]
    return WorkTeam.objects.create(facility=facility, name="Tổ 1")
