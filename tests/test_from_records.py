"""from_records: plain data and the rows of data frames; every problem of a record at once."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given

import timeline
from timeline.io import FieldError, LoadError, from_records, to_records
from timeline.strategies import timelines


def _errors(data: object) -> list[FieldError]:
    with pytest.raises(LoadError) as caught:
        from_records(data)
    found = list(caught.value.exceptions)
    assert all(isinstance(e, FieldError) for e in found)
    return found  # type: ignore[return-value]


def _event(**fields: Any) -> dict[str, Any]:
    return {"id": "a", "title": "A", "when": "2017-09-24"} | fields


def test_a_duplicate_id_and_a_bad_kind_are_both_reported() -> None:
    data = {"timeline": 1, "events": [_event(), _event(kind="no-such-kind")]}
    errors = _errors(data)
    paths = sorted(e.path for e in errors)
    assert paths == ["events[1].id", "events[1].kind"]
    assert "events[0] has the id 'a' too" in str(errors[0]) + str(errors[1])


def test_a_duplicate_id_and_a_bad_date_are_both_reported() -> None:
    data = {"timeline": 1, "events": [_event(), _event(when="2017-02-30")]}
    assert sorted(e.path for e in _errors(data)) == ["events[1].id", "events[1].when"]


def test_a_duplicate_source_id_and_a_bad_field_are_both_reported() -> None:
    data = {
        "timeline": 1,
        "sources": [{"id": "s"}, {"id": "s", "published": "2017-02-30"}],
    }
    assert sorted(e.path for e in _errors(data)) == ["sources[1].id", "sources[1].published"]


def test_every_duplicate_names_the_first_record_with_the_id() -> None:
    data = {"timeline": 1, "events": [_event(), _event(), _event(kind="?")]}
    errors = _errors(data)
    messages = [e.message for e in errors if e.path.endswith(".id")]
    assert messages == ["events[0] has the id 'a' too"] * 2


@pytest.mark.parametrize("missing", [None, math.nan, float("nan")])
def test_none_and_nan_are_absent(missing: object) -> None:
    row = _event(summary=missing, kind=missing, places=missing, basis=missing)
    found = from_records({"timeline": 1, "title": missing, "events": [row]})
    assert found == timeline.Timeline(
        [timeline.Event(id="a", title="A", when=timeline.parse("2017-09-24"))]
    )
    assert found.events[0].summary == ""  # never the text "nan"


@pytest.mark.parametrize("missing", [None, math.nan])
def test_a_required_field_that_is_none_or_nan_is_missing(missing: object) -> None:
    errors = _errors({"timeline": 1, "events": [_event(title=missing)]})
    assert [(e.path, e.message) for e in errors] == [
        ("events[0]", "an event needs the field title")
    ]


def test_nan_inside_a_metric_is_absent() -> None:
    metric = {
        "name": "arrests",
        "value": 45,
        "unit": "people",
        "source": "s",
        "quote": "45 people",
        "place": math.nan,
        "comparison": None,
    }
    row = _event(sources=[{"source": "s", "quote": "q"}], metrics=[metric])
    found = from_records({"timeline": 1, "sources": [{"id": "s"}], "events": [row]})
    assert found.events[0].metrics[0].place == ""


def test_rows_of_a_table_are_a_timeline_of_those_events() -> None:
    rows = [_event(), _event(id="b", title="B", when="2018", tags=math.nan)]
    found = from_records(rows)
    assert [e.id for e in found] == ["a", "b"]
    assert found.title == ""


def test_rows_are_placed_by_their_index() -> None:
    errors = _errors([_event(), _event(id="b", when="nope")])
    assert [e.path for e in errors] == ["events[1].when"]


@pytest.mark.parametrize("data", [3, "text", [3], [[_event()]], None])
def test_data_of_another_shape_is_an_error_not_a_crash(data: object) -> None:
    assert _errors(data)


def test_pandas_rows(tmp_path: Any) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "title": ["A", "B"],
            "when": ["2017-09-24", "Sep 24-27, 2017"],
            "summary": ["said", None],
        }
    )
    found = from_records(frame.to_dict("records"))
    assert found["b"].summary == ""
    assert found["b"].when == timeline.parse("2017-09-24/2017-09-27")


def test_polars_rows() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame(
        {"id": ["a", "b"], "title": ["A", "B"], "when": ["2017", "2018"], "summary": ["x", None]}
    )
    found = from_records(frame.to_dicts())
    assert found["b"].summary == ""


@given(timelines(max_size=4))
def test_records_round_trip_with_none_for_defaults(t: timeline.Timeline) -> None:
    data = to_records(t)
    for event in data.get("events", []):
        event.setdefault("summary", None)
        event.setdefault("places", float("nan"))
    assert from_records(data) == t
