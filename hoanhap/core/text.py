"""Vietnamese text folding for search: "Nguyễn Văn Hùng" and "nguyen van hung" fold alike."""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

# Django's forms refuse a NUL character with this message (ProhibitNullCharactersValidator); the
# API's text fields refuse it with the same one. Named here, so the catalogue translates both.
NUL_MESSAGE = _("Null characters are not allowed.")

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, map đ→d, collapse spaces (NFC → lower → NFD → drop marks).
    A NUL character (typed into an address: `?q=a%00b`) is dropped: it means nothing in a search,
    and PostgreSQL refuses it in any text it compares."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text.replace("\x00", "")).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
