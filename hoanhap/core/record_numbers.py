"""A facility's record numbers: one format per facility (`Facility.record_number_format`), filled
with the year of registration and the sequence within the year: "HV-{year}-{seq:04d}" gives
"HV-2026-0269".

The sequence is the last number of a record number, after a sign that is not a letter or a
digit ("-", "/"): a search by its last digits ("0269", "269") then finds the record
(residents/selectors/search.py).
"""

import re
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_FORMAT = "HV-{year}-{seq:04d}"
# Resident.record_number's length.
MAX_LENGTH = 30
_FIELDS = {"year", "seq"}
_LAST_NUMBER = re.compile(r"([0-9]+)[^0-9]*$")


def format_record_number(pattern: str, *, year: int, seq: int) -> str:
    return pattern.format(year=year, seq=seq)


def last_number(record_number: str) -> int:
    """The sequence of a record number: its last number (0 if it has none)."""
    found = _LAST_NUMBER.search(record_number)
    return int(found.group(1)) if found else 0


def prefix(pattern: str, *, year: int) -> str:
    """The record numbers' text before the sequence, for one year ("HV-2026-")."""
    return pattern[: pattern.index("{seq")].format(year=year)


def validate_record_number_format(pattern: str) -> None:
    message = _(
        "Write the format with {seq} (the number within the year) at the end, after a sign such as - or /, "
        'and, if you like, {year}: for example "HV-{year}-{seq:04d}".'
    )
    try:
        parts = list(string.Formatter().parse(pattern))
        fields = [name for _text, name, _spec, _conversion in parts if name is not None]
        example = format_record_number(pattern, year=2026, seq=9999)
    except (ValueError, KeyError, IndexError):
        raise ValidationError(message, code="invalid") from None
    if not set(fields) <= _FIELDS or fields.count("seq") != 1 or fields[-1] != "seq":
        raise ValidationError(message, code="invalid")
    seq_at = next(index for index, (_text, name, _spec, _conv) in enumerate(parts) if name == "seq")
    before = parts[seq_at][0]
    after = "".join(text for text, _name, _spec, _conv in parts[seq_at + 1 :])
    # A sign (not a letter or a digit) before the sequence makes it a word of its own for search.
    if (not before and seq_at > 0) or (before and before[-1].isalnum()) or any(char.isdigit() for char in after):
        raise ValidationError(message, code="invalid")
    if len(example) > MAX_LENGTH:
        raise ValidationError(
            _("A record number may have at most %(limit)s characters.") % {"limit": MAX_LENGTH}, code="too_long"
        )
