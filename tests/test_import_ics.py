"""iCalendar in: all-day and timed events, refused repetitions, every problem placed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings

import timeline
from timeline.errors import ConstraintError
from timeline.export import ics
from timeline.io import LoadError, to_records
from timeline.io.ics import load_ics, loads_ics
from timeline.strategies import timelines


def _calendar(*events: str, name: str = "") -> str:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"]
    if name:
        head.append(f"X-WR-CALNAME:{name}")
    body = []
    for event in events:
        body += ["BEGIN:VEVENT", *event.strip().splitlines(), "END:VEVENT"]
    return "\r\n".join([*head, *body, "END:VCALENDAR", ""])


def _errors(text: str, **options: Any) -> list[str]:
    with pytest.raises(LoadError) as caught:
        loads_ics(text, filename="c.ics", **options)
    return [str(e) for e in caught.value.exceptions]


ALL_DAY = """
UID:safe-city
SUMMARY:Operation Safe City
DTSTART;VALUE=DATE:20170924
DTEND;VALUE=DATE:20170928
DESCRIPTION:ICE arrested 45 people.
LOCATION:New York City; Los Angeles
CATEGORIES:raids,ice
URL:https://a.test/safe-city
"""


def test_an_all_day_event_ends_the_day_before_dtend() -> None:
    t = loads_ics(_calendar(ALL_DAY, name="Raids"))
    event = t["safe-city"]
    assert event.when == timeline.parse("2017-09-24/2017-09-27")
    assert (event.title, event.summary) == ("Operation Safe City", "ICE arrested 45 people.")
    assert event.places == ("New York City", "Los Angeles")
    assert event.tags == ("raids", "ice")
    assert t.title == "Raids"
    assert t.sources["https-a-test-safe-city"].url == "https://a.test/safe-city"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("DTSTART;VALUE=DATE:20170924", "2017-09-24"),  # no end: one day
        ("DTSTART;VALUE=DATE:20170924\nDTEND;VALUE=DATE:20170925", "2017-09-24"),
        ("DTSTART;VALUE=DATE:20170924\nDURATION:P3D", "2017-09-24/2017-09-26"),
        ("DTSTART:20170924T103000Z", "2017-09-24T10:30:00Z"),
        (
            "DTSTART;TZID=America/New_York:20170924T103000",
            "2017-09-24T10:30:00-04:00[America/New_York]",
        ),
        ("DTSTART:20170924T103000Z\nDTEND:20170924T103000Z", "2017-09-24T10:30:00Z"),
    ],
)
def test_dates_and_times(lines: str, expected: str) -> None:
    t = loads_ics(_calendar(f"UID:a\nSUMMARY:A\n{lines}"))
    assert t["a"].when == timeline.parse(expected)


def test_a_floating_time_needs_a_zone() -> None:
    event = "UID:a\nSUMMARY:A\nDTSTART:20170924T103000"
    [message] = _errors(_calendar(event))
    assert message.startswith("c.ics:7: events[0] (a).when: VEVENT 1: DTSTART: a floating time")
    t = loads_ics(_calendar(event), tz="Europe/Paris")
    assert t["a"].when == timeline.parse("2017-09-24T10:30:00[Europe/Paris]")


def test_a_timed_event_that_lasts_is_refused_unless_told_how_to_read_it() -> None:
    event = "UID:a\nSUMMARY:A\nDTSTART:20170924T220000Z\nDTEND:20170925T010000Z"
    [message] = _errors(_calendar(event))
    assert "VEVENT 1: DTEND: a timed event that lasts" in message
    assert "timed='start'" in message
    start = loads_ics(_calendar(event), timed="start")["a"]
    assert start.when == timeline.parse("2017-09-24T22:00:00Z")
    assert start.basis.note == "ends 2017-09-25T01:00:00+00:00"  # kept, not dropped
    days = loads_ics(_calendar(event), timed="days")["a"]
    assert days.when == timeline.parse("2017-09-24/2017-09-25")
    with pytest.raises(ConstraintError):
        loads_ics(_calendar(event), timed="hours")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "rule",
    [
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "RDATE;VALUE=DATE:20170930",
        "RECURRENCE-ID;VALUE=DATE:20170924",
        "EXDATE;VALUE=DATE:20171001",
    ],
)
def test_repeating_events_are_refused_where_they_are(rule: str) -> None:
    event = f"UID:a\nSUMMARY:A\nDTSTART;VALUE=DATE:20170924\n{rule}"
    [message] = _errors(_calendar(event))
    name = rule.split(":")[0].split(";")[0]
    assert message.startswith(f"c.ics:8: events[0] (a).when: VEVENT 1: {name}: a repeating event")


def test_every_problem_of_a_calendar_is_reported_at_once() -> None:
    text = _calendar(
        "UID:a\nSUMMARY:A\nDTSTART;VALUE=DATE:20170924",
        "UID:a\nSUMMARY:B\nDTSTART:2017-13-45",  # the same id, and a start that is no date
        "UID:c\nDTSTART;VALUE=DATE:20170924",  # no summary
        "UID:d\nSUMMARY:D\nDTSTART;VALUE=DATE:20170924\nDTEND;VALUE=DATE:20170920",
        "UID:e\nSUMMARY:E",  # no start
        "UID:f\nSUMMARY:F\nDTSTART;VALUE=DATE:20170924\nDTEND;VALUE=DATE:20170925\nDURATION:P1D",
    )
    errors = _errors(text)
    assert len(errors) == 6, errors
    expected = [
        "c.ics:10: events[1] (a).id: VEVENT 2: UID: events[0] has the id 'a' too",
        "c.ics:12: events[1] (a).when: VEVENT 2: DTSTART: cannot be read",
        "c.ics:14: events[2] (c): VEVENT 3: an event needs the field title",
        "c.ics:22: events[3] (d).when: VEVENT 4: DTEND: ends on 2017-09-20",
        "c.ics:24: events[4] (e).when: VEVENT 5: DTSTART: an event needs its start",
        "c.ics:33: events[5] (f).when: VEVENT 6: DURATION: an event has DTEND or DURATION",
    ]
    for message, start in zip(errors, expected, strict=True):
        assert message.startswith(start), (message, start)


def test_uids_are_made_ids_and_their_collisions_reported() -> None:
    t = loads_ics(
        _calendar(
            "UID:040000008200E00074C5B7101A82E008@example.com/x y\nSUMMARY:A\n"
            "DTSTART;VALUE=DATE:20170924",
            "SUMMARY:No uid\nDTSTART;VALUE=DATE:20170924",
        )
    )
    assert sorted(e.id for e in t) == [
        "040000008200e00074c5b7101a82e008-example-com-x-y",
        "no-uid-2",
    ]
    errors = _errors(
        _calendar(
            "UID:a b\nSUMMARY:A\nDTSTART;VALUE=DATE:20170924",
            "UID:a-b\nSUMMARY:B\nDTSTART;VALUE=DATE:20170924",
        )
    )
    assert len(errors) == 1
    assert "the UID 'a b' gives that id too" in errors[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not a calendar", "c.ics: not iCalendar: "),
        ("BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\n", "c.ics: not a calendar: "),
        (b"BEGIN:VCALENDAR\r\nX:\xff\r\nEND:VCALENDAR\r\n", "c.ics:2:3: the file is not UTF-8"),
    ],
)
def test_text_that_is_not_a_calendar(text: str | bytes, expected: str) -> None:
    with pytest.raises(LoadError) as caught:
        loads_ics(text, filename="c.ics")  # type: ignore[arg-type]
    assert str(caught.value.exceptions[0]).startswith(expected)


def test_a_file(tmp_path: Path) -> None:
    path = tmp_path / "c.ics"
    path.write_text(_calendar(ALL_DAY), encoding="utf-8")
    assert [e.id for e in load_ics(path)] == ["safe-city"]


# --------------------------------------------------------------------------------------
# Round trips.


def test_the_sample_round_trips_with_its_base() -> None:
    t = timeline.sample()
    assert loads_ics(ics(t), base=t) == t  # the events it leaves out are kept from the base
    assert loads_ics(ics(t, include_uncertain=True), base=t) == t


def test_the_sample_without_its_base_keeps_ids_kinds_titles_and_dates() -> None:
    t = timeline.sample()
    back = loads_ics(ics(t))
    assert len(back) > 0
    for event in back:
        original = t[event.id]
        assert (event.kind, event.title, event.places) == (
            original.kind,
            original.title,
            original.places,
        )
        assert event.when == original.when
        assert event.summary.startswith(original.summary)


def _texts(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)


def _writable(t: timeline.Timeline) -> bool:
    # icalendar writes a backslash before a capital N as it is, and then reads it as
    # a line break: text holding "\\N" does not survive the calendar itself.
    return not any("\\N" in text for text in _texts(to_records(t)))


@settings(deadline=None)
@given(timelines(max_size=5))
def test_hypothesis_timelines_round_trip_with_their_base(t: timeline.Timeline) -> None:
    assume(_writable(t))
    assert loads_ics(ics(t), base=t) == t


@settings(deadline=None)
@given(timelines(max_size=5))
def test_the_days_survive_without_a_base(t: timeline.Timeline) -> None:
    assume(_writable(t))
    back = loads_ics(ics(t))
    for event in back:
        original = t[event.id]
        assert event.kind == original.kind
        assert (event.when.earliest_day, event.when.latest_day) == (
            original.when.earliest_day,
            original.when.latest_day,
        )


def test_icalendar_reads_a_written_backslash_n_as_a_line_break() -> None:
    # Why the round trips above leave such text out: it is the calendar's, not the reader's.
    t = timeline.Timeline(
        [timeline.Event(id="a", title="A", when=timeline.parse("2000-01-01"), summary="\\N")]
    )
    assert not _writable(t)
    assert loads_ics(ics(t))["a"].summary == "\n"
