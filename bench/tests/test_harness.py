"""The harness's own logic (not a benchmark): `.venv/bin/pytest bench/tests -q`. Kept out of
`make test` (pyproject's testpaths), though it takes well under a second."""

import pytest

from bench import data, report
from bench.stats import MET, MISSED, NOT_BUILT, Row, percentile, summarise_ms, verdict_at_least, verdict_ms


def test_percentiles_interpolate_between_ranks_like_numpy():
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert percentile(values, 50) == 5.5
    assert percentile(values, 95) == pytest.approx(9.55)
    assert percentile([3.0], 95) == 3.0
    assert percentile([5, 1, 3], 0) == 1 and percentile([5, 1, 3], 100) == 5


def test_a_percentile_of_nothing_is_refused():
    with pytest.raises(ValueError):
        percentile([], 50)


def test_seconds_are_summarised_in_milliseconds():
    assert summarise_ms([0.001, 0.002, 0.003]) == {"median": 2.0, "p95": 2.9, "runs": 3}


def test_verdicts_compare_with_the_target_inclusive():
    assert verdict_ms(5.0, 20.0, median_max=5, p95_max=20) == MET
    assert verdict_ms(5.1, 10.0, median_max=5, p95_max=20) == MISSED
    assert verdict_ms(4.0, 21.0, median_max=5, p95_max=20) == MISSED
    assert verdict_at_least(500, 500) == MET and verdict_at_least(499.9, 500) == MISSED


def test_the_fingerprint_changes_with_the_sizes_and_the_engine():
    sqlite = data.fingerprint("sqlite", data.Sizes.for_engine("sqlite"))
    assert sqlite == data.fingerprint("sqlite", data.Sizes.for_engine("sqlite"))
    assert sqlite != data.fingerprint("postgres", data.Sizes.for_engine("postgres"))
    assert sqlite != data.fingerprint("sqlite", data.Sizes.for_engine("sqlite", quick=True))
    assert data.Sizes.for_engine("postgres").national == 1_000_000


def test_a_not_yet_built_row_shows_no_figure_and_a_miss_shows_its_cause():
    built = Row(key="portal", what="Portal", target="x", verdict=NOT_BUILT).as_dict()
    assert report._figure(built) == ("—", "—")
    missed = Row(key="import", what="Import", target="≥ 2,000 rows/s", unit="rows/s", value=1500, verdict=MISSED)
    assert report._figure(missed.as_dict()) == ("1,500 rows/s", "—")
    lines = report._lines({"sqlite": {"rows": [missed.as_dict() | {"note": "row by row"}]}}, markdown=True)
    assert lines[-1].startswith("| SQLite | Import |") and lines[-1].endswith("| missed | row by row |")


def test_a_row_shape_writes_constants_once_and_renders_the_varying_columns():
    shape = data.RowShape(["id", "name", "note", "count", "gone"], {"note": "a\tb", "count": 0, "gone": None})
    assert shape.line({"id": 7, "name": "Hùng"}) == "7\tHùng\ta\\tb\t0\t\\N"
    assert shape.row({"id": 7, "name": "Hùng"}) == (7, "Hùng", "a\tb", 0, None)


def test_the_national_rows_are_the_same_for_the_same_seed_and_fold_as_the_model_does():
    from random import Random

    def draw() -> list:
        return list(data.national_rows(Random(1), 300, [11, 12, 13], first_resident=5, first_episode=9, null=None))

    rows = draw()
    assert rows == draw()
    resident, episode = rows[0]
    assert (resident["id"], episode["id"], episode["resident_id"]) == (5, 9, 5)
    for resident, _episode in rows:
        data.check_search_text(resident)
    assert len({resident["citizen_id"] for resident, _episode in rows}) == 300
    assert {episode["status"] for _resident, episode in rows} <= {"active", "closed"}


def test_parts_of_a_run_are_named_and_checked():
    from bench import __main__ as harness

    assert set(harness.SERVER_PARTS) < set(harness.PARTS)
    assert {"search", "resident_page", "load"} <= set(harness.PARTS)
