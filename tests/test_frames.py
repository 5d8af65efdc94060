"""Timelines to and from Arrow tables and pandas and polars DataFrames (timeline.frames)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings

import timeline
from timeline import frames
from timeline import strategies as tst
from timeline.collection import Timeline
from timeline.io import LoadError

SAMPLE = timeline.sample()


def messages(error: LoadError) -> list[str]:
    return [str(e) for e in error.exceptions]


# -- round trips ------------------------------------------------------------------------


def test_arrow_columns_are_the_parquet_layout() -> None:
    table = frames.to_arrow(SAMPLE)
    assert table.column_names == [
        "id",
        "kind",
        "title",
        "edtf",
        "precision",
        "qualifiers",
        "first_earliest",
        "first_latest",
        "last_earliest",
        "last_latest",
        "bounds_exact",
        "rest",
    ]
    assert table.column("id").to_pylist() == [e.id for e in SAMPLE]
    assert table.schema.field("first_earliest").type == pa.date32()


def test_sample_round_trips_through_arrow() -> None:
    assert frames.from_arrow(frames.to_arrow(SAMPLE)) == SAMPLE
    assert Timeline.from_arrow(SAMPLE.to_arrow()) == SAMPLE


def test_sample_round_trips_through_pandas_and_polars_with_base() -> None:
    frame = SAMPLE.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert Timeline.from_pandas(frame, base=SAMPLE) == SAMPLE
    lazy = SAMPLE.to_polars()
    assert isinstance(lazy, pl.DataFrame)
    assert Timeline.from_polars(lazy, base=SAMPLE) == SAMPLE


def test_a_view_round_trips() -> None:
    view = SAMPLE.overlapping("2017-09")
    assert 0 < len(view) < len(SAMPLE)
    assert frames.from_arrow(frames.to_arrow(view)) == view


def test_record_batch_reads_as_its_table() -> None:
    batches = frames.to_arrow(SAMPLE).to_batches()
    assert len(batches) == 1
    assert len(frames.from_arrow(batches[0])) == len(SAMPLE)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(tst.timelines(max_size=5))
def test_random_timelines_round_trip(t: Timeline) -> None:
    assert frames.from_arrow(frames.to_arrow(t)) == t
    assert frames.from_pandas(frames.to_pandas(t), base=t) == t
    assert frames.from_polars(frames.to_polars(t), base=t) == t


# -- missing values ----------------------------------------------------------------------


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA, pd.NaT])
def test_a_missing_optional_field_is_absent_not_nan(missing: object) -> None:
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "title": ["A", "B"],
            "when": ["2017-01-02", "2017-03"],
            "summary": pd.Series(["said", missing], dtype=object),
        }
    )
    t = frames.from_pandas(frame)
    assert t["a"].summary == "said"
    without = frames.from_pandas(frame.drop(columns="summary"))
    assert t["b"] == without["b"]
    assert t["b"].summary != "nan"


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA])
def test_a_missing_required_field_is_placed_by_row_and_column(missing: object) -> None:
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "Headline": pd.Series(["A", "B", missing], dtype=object),
            "When": ["2017-01-02", "2017-03", "2017"],
        }
    )
    with pytest.raises(LoadError) as caught:
        frames.from_pandas(frame, columns={"title": "Headline", "when": "When"})
    assert messages(caught.value) == [
        "<DataFrame>: row 3, column 'Headline': an event needs the field title"
    ]


def test_polars_nulls_and_nan_are_missing() -> None:
    frame = pl.DataFrame(
        {
            "id": ["a", "b"],
            "title": ["A", "B"],
            "when": ["2017-01-02", None],
            "summary": [None, "x"],
        }
    )
    with pytest.raises(LoadError) as caught:
        frames.from_polars(frame)
    assert messages(caught.value) == [
        "<DataFrame>: row 2, column 'when': an event needs the field when"
    ]
    filled = frame.with_columns(pl.col("when").fill_null("2018"))
    ok = frames.from_polars(filled)
    assert ok["a"] == frames.from_polars(filled.drop("summary"))["a"]
    assert ok["b"].summary == "x"
    floats = pl.DataFrame(
        {"id": ["a"], "title": ["A"], "when": ["2017-01-02"], "summary": [float("nan")]}
    )
    assert frames.from_polars(floats)["a"] == frames.from_polars(filled.drop("summary"))["a"]


# -- a user's own columns ----------------------------------------------------------------


def test_a_newsroom_frame_with_its_own_column_names() -> None:
    frame = pd.DataFrame(
        {
            "Slug": ["raid", "ruling", "vote"],
            "Headline": ["The raid", "The ruling", "The vote"],
            "When": ["2017-09-24/2017-09-27", "2018-03", "2019~"],
            "Notes": ["in four states", np.nan, None],
            "Desk": ["metro", "courts", "politics"],
        }
    )
    mapping = {"id": "Slug", "title": "Headline", "when": "When", "summary": "Notes"}
    with pytest.raises(LoadError) as caught:
        Timeline.from_pandas(frame, columns=mapping)
    # A column that is neither mapped nor a field is the record's unknown key.
    assert [m.split(";")[0] for m in messages(caught.value)] == [
        f"<DataFrame>: row {row}, column 'Desk': unknown field 'Desk'" for row in (1, 2, 3)
    ]
    t = Timeline.from_pandas(frame.drop(columns="Desk"), columns=mapping)
    assert [e.id for e in t] == ["raid", "ruling", "vote"]
    assert t["raid"].title == "The raid"
    assert t["raid"].when == timeline.parse("2017-09-24/2017-09-27")
    assert t["raid"].summary == "in four states"
    assert t["ruling"].summary == t["vote"].summary


def test_errors_name_the_row_and_the_users_column() -> None:
    frame = pd.DataFrame(
        {
            "Slug": ["a", "b", "c", "d"],
            "Headline": ["A", "B", "C", "D"],
            "When": ["2017-01-02", "2017-03", "2017-02-30", "someday"],
        }
    )
    with pytest.raises(LoadError) as caught:
        frames.from_pandas(frame, columns={"id": "Slug", "title": "Headline", "when": "When"})
    found = messages(caught.value)
    assert len(found) == 2
    assert (
        found[0] == "<DataFrame>: row 3, column 'When': '2017-02-30': February has 28 days in 2017"
    )
    assert found[1].startswith("<DataFrame>: row 4, column 'When': 'someday'")


def test_a_mapping_to_a_column_the_frame_lacks_is_refused() -> None:
    frame = pd.DataFrame({"id": ["a"], "title": ["A"], "when": ["2017"]})
    with pytest.raises(LoadError) as caught:
        frames.from_pandas(frame, columns={"title": "Headline"})
    assert "'Headline', which the table does not have" in messages(caught.value)[0]


def test_not_a_frame_is_a_load_error_not_a_type_error() -> None:
    with pytest.raises(LoadError):
        frames.from_pandas([{"id": "a"}])
    with pytest.raises(LoadError):
        frames.from_arrow({"id": ["a"]})
    with pytest.raises(LoadError):
        frames.from_polars(pd.DataFrame())


def test_a_bad_rest_is_placed() -> None:
    table = pa.table(
        {
            "id": ["a", "b", "c"],
            "title": ["A", "B", "C"],
            "edtf": ["2017", "2018", "2019"],
            "rest": ['{"summary": "fine"}', "[1, 2]", '{"summary": "x", "title": "again"}'],
        }
    )
    with pytest.raises(LoadError) as caught:
        frames.from_arrow(table)
    found = messages(caught.value)
    assert found == [
        "<table>: row 2, column 'rest': must hold a JSON object, not a list",
        "<table>: row 3, column 'rest': holds title, which have columns",
    ]


def test_a_field_inside_rest_is_placed_under_rest() -> None:
    table = pa.table({"id": ["a"], "title": ["A"], "edtf": ["2017"], "rest": ['{"tags": 5}']})
    with pytest.raises(LoadError) as caught:
        frames.from_arrow(table)
    (found,) = messages(caught.value)
    assert found.startswith("<table>: row 1, column 'rest': tags: ")


# -- dates from start and end columns ---------------------------------------------------


def test_start_and_end_date_columns() -> None:
    table = pa.table(
        {
            "id": ["a", "b"],
            "title": ["A", "B"],
            "start": pa.array([dt.date(2017, 9, 24), dt.date(2018, 1, 5)], pa.date32()),
            "end": pa.array([dt.date(2017, 9, 27), None], pa.date32()),
        }
    )
    t = frames.from_arrow(table)
    assert t["a"].when == timeline.parse("2017-09-24/2017-09-27")
    assert t["b"].when == timeline.parse("2018-01-05")


def test_pandas_timestamps_midnight_naive_and_with_a_zone() -> None:
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "title": ["A", "B", "C"],
            "start": pd.to_datetime(["2017-09-24", None, "2018-01-05"]),
            "end": [pd.NaT, pd.NaT, pd.Timestamp("2018-01-09")],
        }
    )
    with pytest.raises(LoadError) as caught:
        frames.from_pandas(frame)
    assert messages(caught.value) == [
        "<DataFrame>: row 2, column 'start': an event needs the field when"
    ]
    t = frames.from_pandas(frame.iloc[[0, 2]])
    assert t["a"].when == timeline.parse("2017-09-24")
    assert t["c"].when == timeline.parse("2018-01-05/2018-01-09")
    zoned = pd.DataFrame(
        {
            "id": ["z"],
            "title": ["Z"],
            "when": [pd.Timestamp("2017-09-28T10:00:00.000001", tz="UTC")],
        }
    )
    assert frames.from_pandas(zoned)["z"].when == timeline.parse("2017-09-28T10:00:00.000001+00:00")


def test_a_naive_time_of_day_is_refused() -> None:
    frame = pd.DataFrame({"id": ["a"], "title": ["A"], "when": [pd.Timestamp("2017-09-28T10:00")]})
    with pytest.raises(LoadError) as caught:
        frames.from_pandas(frame)
    (found,) = messages(caught.value)
    assert found.startswith("<DataFrame>: row 1, column 'when': '2017-09-28T10:00:00' has a time")


def test_an_end_without_a_start_is_placed() -> None:
    table = pa.table(
        {
            "id": ["a"],
            "title": ["A"],
            "start": pa.array([None], pa.date32()),
            "end": pa.array([dt.date(2017, 1, 1)], pa.date32()),
        }
    )
    with pytest.raises(LoadError) as caught:
        frames.from_arrow(table)
    assert messages(caught.value) == ["<table>: row 1, column 'end': has an end but no start"]


# -- ids as an array ----------------------------------------------------------------------


def test_ids_of_a_timeline_and_its_views() -> None:
    assert SAMPLE.ids.tolist() == [e.id for e in SAMPLE]
    for view in (
        SAMPLE.overlapping("2017-09"),
        SAMPLE.within("2018", certain=True),
        SAMPLE.of_kind("ruling"),
        SAMPLE.overlapping("1900"),
    ):
        assert isinstance(view.ids, np.ndarray)
        assert view.ids.tolist() == [e.id for e in view]
        assert not view.ids.flags.writeable


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(tst.timelines(max_size=8), tst.days(min_year=1990, max_year=2030))
def test_ids_equal_the_ids_of_the_events(t: Timeline, window: timeline.TimeValue) -> None:
    view = t.overlapping(window)
    assert view.ids.tolist() == [e.id for e in view]
    assert t.ids.tolist() == [e.id for e in t]


# -- staying light -------------------------------------------------------------------------


def test_import_timeline_does_not_load_pandas_or_polars() -> None:
    script = (
        "import sys, timeline; timeline.Timeline; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'pandas', 'polars'}"
        " or m == 'timeline.frames'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
