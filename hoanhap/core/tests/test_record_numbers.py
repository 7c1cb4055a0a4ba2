"""A facility's record number format (hoanhap/core/record_numbers.py, Facility.record_number_format)."""

import pytest
from django.core.exceptions import ValidationError

from hoanhap.core.models import Facility
from hoanhap.core.record_numbers import DEFAULT_FORMAT, format_record_number, validate_record_number_format


@pytest.mark.parametrize(
    ("pattern", "year", "seq", "expected"),
    [
        (DEFAULT_FORMAT, 2026, 269, "HV-2026-0269"),
        ("LC/{year}/{seq:05d}", 2026, 7, "LC/2026/00007"),
        ("{seq}", 2026, 12, "12"),
    ],
)
def test_a_record_number_is_the_format_filled_with_the_year_and_the_sequence(pattern, year, seq, expected):
    validate_record_number_format(pattern)
    assert format_record_number(pattern, year=year, seq=seq) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        "HV-{year}",
        "HV-{seq",
        "HV-{name}-{seq}",
        "HV-{seq:x}{seq:q}",
        "HV-{0}-{seq}",
        "{seq}" + "X" * 40,
        "{year}{seq}",
        "HV{seq:04d}",
    ],
)
def test_a_format_without_its_sequence_or_with_unknown_fields_is_refused(pattern):
    with pytest.raises(ValidationError):
        validate_record_number_format(pattern)


def test_a_facility_refuses_a_bad_format_with_a_message_beside_the_field(db):
    facility = Facility(code="x", name="X", province="Y", record_number_format="HV-{year}")
    with pytest.raises(ValidationError) as refused:
        facility.full_clean(exclude=["supervising_authority"])
    assert "record_number_format" in refused.value.message_dict
