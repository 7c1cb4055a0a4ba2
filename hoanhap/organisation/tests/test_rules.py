"""A posting's dates: after hiring, before leaving, ending after it starts, no overlap, no gap
unless intended — with the boundary on both sides."""

from datetime import date

import pytest

from hoanhap.core.errors import RuleError
from hoanhap.organisation.rules import Span, check_new_posting

HIRED = date(2024, 1, 1)
EARLIER = [Span(date(2024, 1, 1), date(2024, 12, 31))]


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "earlier", "gap_intended", "refusal"),
    [
        (date(2023, 12, 31), None, [], False, "before_hired"),
        (date(2024, 1, 1), None, [], False, None),
        (date(2025, 6, 2), None, [], False, "after_left"),
        (date(2025, 6, 1), None, [], False, None),
        (date(2025, 3, 1), date(2025, 2, 28), [], False, "ends_before_start"),
        (date(2025, 3, 1), date(2025, 3, 1), [], False, None),
        (date(2024, 12, 31), None, EARLIER, False, "overlap"),
        (date(2025, 1, 1), None, EARLIER, False, None),
        (date(2025, 1, 2), None, EARLIER, False, "gap"),
        (date(2025, 1, 2), None, EARLIER, True, None),
        (date(2024, 3, 1), None, [Span(date(2024, 6, 1), None)], False, "overlap"),
    ],
)
def test_a_postings_dates_are_checked(starts_on, ends_on, earlier, gap_intended, refusal) -> None:  # type: ignore[no-untyped-def]
    def check() -> None:
        check_new_posting(
            starts_on=starts_on,
            ends_on=ends_on,
            hired_on=HIRED,
            left_on=date(2025, 6, 1),
            earlier=earlier,
            gap_intended=gap_intended,
        )

    if refusal is None:
        check()
    else:
        with pytest.raises(RuleError) as raised:
            check()
        assert raised.value.code == refusal
