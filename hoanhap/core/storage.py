"""Files about people kept outside the public media tree, with no URL: a resident's photo, an
event's photos (Law 91/2025: a photo identifies the person). A view serves each after checking
access. The place is read from the settings on each use: PRIVATE_MEDIA_ROOT, else
MEDIA_ROOT/private."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property  # type: ignore[override]
    def base_location(self) -> str:
        root = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        return str(root) if root else os.path.join(settings.MEDIA_ROOT, "private")

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


def private_storage() -> FileSystemStorage:
    return PrivateStorage()
