"""Vietnamese text folding for search: "Nguyễn Văn Hùng" and "nguyen van hung" fold alike."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, map đ→d, collapse spaces (NFC → lower → NFD → drop marks)."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
