"""TimelineJS3 JSON in: slides as events, every problem placed, round trips with the exporter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import timeline
from timeline.export import timelinejs
from timeline.io import FieldError, JSONSyntaxError, LoadError
from timeline.io.timelinejs import html_text, load_timelinejs, loads_timelinejs
from timeline.strategies import timelines


def _load(data: Any, **options: Any) -> timeline.Timeline:
    return loads_timelinejs(json.dumps(data), filename="t.json", **options)


def _errors(data: Any, **options: Any) -> list[str]:
    text = data if isinstance(data, str | bytes) else json.dumps(data)
    with pytest.raises(LoadError) as caught:
        loads_timelinejs(text, filename="t.json", **options)
    return [str(e) for e in caught.value.exceptions]


def _slide(**fields: Any) -> dict[str, Any]:
    return {"start_date": {"year": 2017}, "text": {"headline": "A"}, "unique_id": "a"} | fields


def test_slides_are_events_as_fine_as_their_fields() -> None:
    data = {
        "title": {"text": {"headline": "Raids &amp; rulings", "text": "<p>x</p>"}},
        "events": [
            _slide(),
            _slide(unique_id="b", start_date={"year": "2017", "month": "9"}),
            _slide(
                unique_id="c",
                start_date={"year": 2017, "month": 9, "day": 24},
                end_date={"year": 2017, "month": 9, "day": 27},
                text={
                    "headline": "Operation <b>Safe City</b>",
                    "text": "<p>One</p><p>Two<br>three</p>",
                },
                group="operation",
            ),
            _slide(unique_id="d", group="Politics"),
        ],
    }
    t = _load(data)
    assert t.title == "Raids & rulings"
    assert t["a"].when == timeline.parse("2017")
    assert t["b"].when == timeline.parse("2017-09")
    c = t["c"]
    assert (c.when, c.kind, c.title) == (
        timeline.parse("2017-09-24/2017-09-27"),
        "operation",
        "Operation Safe City",
    )
    assert c.summary == "One\n\nTwo\nthree"
    assert t["d"].tags == ("Politics",)
    assert t["d"].kind == "event"


def test_the_display_date_is_the_date_when_it_agrees_with_the_fields() -> None:
    t = _load(
        {
            "events": [
                _slide(
                    start_date={"year": 2017, "month": 10},
                    end_date={"year": 2018, "month": 9},
                    display_date="FY2018",
                ),
                _slide(unique_id="b", start_date=None, display_date="Sep 24-27, 2017"),
                _slide(unique_id="c", display_date="Summer of love"),
            ]
        }
    )
    assert t["a"].when == timeline.parse("FY2018")
    assert t["b"].when == timeline.parse("2017-09-24/2017-09-27")
    assert t["c"].when == timeline.parse("2017")
    assert t["c"].basis.note == "displayed as 'Summer of love'"  # kept, not dropped


def test_times_need_a_zone() -> None:
    slide = _slide(start_date={"year": 2017, "month": 9, "day": 24, "hour": 10, "minute": 30})
    [message] = _errors({"events": [slide]})
    assert message.startswith("t.json: events[0] (a).when: events[0].start_date: ")
    assert "tz=" in message
    t = _load({"events": [slide]}, tz="America/New_York")
    assert t["a"].when == timeline.parse("2017-09-24T10:30[America/New_York]")


def test_ids_are_made_from_what_a_slide_has() -> None:
    t = _load(
        {
            "events": [
                _slide(unique_id=None, text={"headline": "Rózsa Péter writes recursion"}),
                _slide(unique_id="has spaces"),
            ]
        }
    )
    assert sorted(e.id for e in t) == ["has-spaces", "rozsa-peter-writes-recursion-1"]


def test_eras_are_events_tagged_era_and_media_credit_is_a_source() -> None:
    t = _load(
        {
            "events": [_slide(media={"url": "https://x.test/a.jpg", "credit": "AP Photo"})],
            "eras": [_slide(unique_id="era-1", text={"headline": "Obama years"})],
        }
    )
    assert t["era-1"].tags == ("era",)
    assert t.sources["ap-photo"] == timeline.Source(
        id="ap-photo", outlet="AP Photo", url="https://x.test/a.jpg"
    )


def test_script_is_not_text_and_nothing_is_run() -> None:
    assert html_text("<p>a<script>alert(1)</script>b</p>") == "ab"
    assert html_text("AT&amp;T &lt;3") == "AT&T <3"


@pytest.mark.parametrize(
    ("slide", "expected"),
    [
        (
            _slide(start_date={"year": 2017, "month": 13}),
            "events[0] (a).when: events[0].start_date: month must be 1 to 12, not 13",
        ),
        (
            _slide(start_date={"year": 2017, "day": 3}),
            "events[0].start_date: a day needs its month",
        ),
        (_slide(start_date={"year": "twenty"}), "year must be a whole number, not 'twenty'"),
        (_slide(start_date={"month": 3}), "a date needs its year"),
        (_slide(start_date={"year": 2017, "month": 2, "day": 30}), "events[0].start_date: "),
        (_slide(start_date={"year": 2018}, end_date={"year": 2017}), "events[0].end_date: "),
        (_slide(start_date=None), "an event needs the field when"),
        (_slide(text={"headline": ""}), "an event needs the field title"),
        (_slide(bogus=1), "unknown key 'bogus'"),
        (
            _slide(group="operation", start_date={"year": 2017}, text={"headline": 3}),
            "text.headline must be text",
        ),
        (_slide(start_date={"year": 2017, "month": 1, "hour": 3}), "a time of day needs its day"),
        (_slide(start_date={"year": 2017, "millisecond": 5}), "milliseconds are not read"),
        (_slide(start_date="2017"), "events[0].start_date: must be an object"),
    ],
)
def test_each_malformed_slide_is_placed(slide: dict[str, Any], expected: str) -> None:
    errors = _errors({"events": [slide]})
    assert any(expected in e for e in errors), errors
    assert all(e.startswith("t.json: ") for e in errors)


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    data = {
        "events": [
            _slide(),
            _slide(start_date={"year": 2017, "month": 13}),  # the same id, and a bad month
            _slide(unique_id="c", text={"headline": ""}),
        ],
        "extra": 1,
    }
    errors = _errors(data)
    assert len(errors) == 4, errors
    assert any("events[0] has the id 'a' too" in e for e in errors)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"events": [', "t.json:1:13: not well-formed JSON"),
        ('{"events": [], "events": []}', "t.json: not allowed JSON: the key 'events' is repeated"),
        ('{"events": [{"start_date": {"year": NaN}}]}', "NaN is not a number JSON allows"),
        (b'{"events": ["\xff"]}', "t.json:1:14: the file is not UTF-8"),
        ("[1, 2]", "a TimelineJS file is a JSON object"),
    ],
)
def test_text_that_is_not_a_timelinejs_file(text: str | bytes, expected: str) -> None:
    errors = _errors(text)
    assert any(e.startswith(expected) or expected in e for e in errors), errors


def test_a_json_syntax_error_is_a_json_syntax_error() -> None:
    with pytest.raises(LoadError) as caught:
        loads_timelinejs("{", filename="t.json")
    assert isinstance(caught.value.exceptions[0], JSONSyntaxError)
    with pytest.raises(LoadError) as caught:
        loads_timelinejs('{"events": [{}]}', filename="t.json")
    assert all(isinstance(e, FieldError) for e in caught.value.exceptions)


def test_a_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"events": [_slide()]}).encode())
    assert [e.id for e in load_timelinejs(path)] == ["a"]


def test_the_sample_round_trips_with_its_base() -> None:
    t = timeline.sample()
    text = timelinejs(t)
    assert loads_timelinejs(text, base=t) == t


def test_the_sample_without_its_base_keeps_what_slides_carry() -> None:
    t = timeline.sample()
    text = timelinejs(t)
    back = loads_timelinejs(text)
    assert [e.id for e in sorted(back, key=lambda e: e.id)] == sorted(e.id for e in t)
    for event in t:
        read = back[event.id]
        assert (read.kind, read.title) == (event.kind, event.title)
        assert read.summary.startswith(event.summary)
        assert read.when == event.when or read.basis.note.startswith("displayed as ")
    assert timelinejs(loads_timelinejs(timelinejs(back))) == timelinejs(back)


def test_an_edit_replaces_the_base_value() -> None:
    t = timeline.sample()
    data = json.loads(timelinejs(t))
    data["events"][0]["text"]["headline"] = "A new headline"
    back = loads_timelinejs(json.dumps(data), base=t)
    first = data["events"][0]["unique_id"]
    assert back[first].title == "A new headline"
    assert back[first].sources == t[first].sources


@settings(deadline=None)
@given(timelines(max_size=5))
def test_hypothesis_timelines_round_trip_with_their_base(t: timeline.Timeline) -> None:
    assert loads_timelinejs(timelinejs(t), base=t) == t


@settings(deadline=None)
@given(timelines(max_size=5))
def test_reading_the_export_is_a_fixed_point_of_the_export(t: timeline.Timeline) -> None:
    once = timelinejs(loads_timelinejs(timelinejs(t), base=t))
    assert once == timelinejs(t)
