"""Fuzzing timeline.parse and timeline.loads with hypothesis.

For any input, text or bytes, random or built from pieces that look like dates
or from valid files with random edits:

* only :class:`timeline.TimelineError` escapes (``LoadError`` is one too);
* each input finishes within the deadline of the settings below;
* nothing changes meaning silently: what parse reads, its EDTF reads back equal,
  and the text for people of a single unit, if parse reads it at all, covers the
  same days;
  what loads reads, it writes and reads back equal.

The example counts are the hypothesis profile's ``max_examples`` (400 with
``HYPOTHESIS_PROFILE=ci``, about 20 seconds for the file).
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mutations import mutated

import timeline
from timeline import strategies as tst

REPO = Path(__file__).resolve().parents[1]
GOOD = (Path(__file__).parent / "hostile" / "good.yaml").read_bytes()
# The first few events of the real file: big enough to hold every construct, small
# enough to read thousands of times.
EVENTS = (REPO / "events.yaml").read_bytes()[:12_000]

FUZZ = settings(
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


# --------------------------------------------------------------------------------------
# parse


FRAGMENTS = (
    *"0123456789",
    "-",
    "/",
    "..",
    "~",
    "?",
    "%",
    "X",
    "XX",
    "FY",
    "W",
    "Q",
    "T",
    ":",
    "Z",
    "+",
    "[",
    "]",
    "{",
    "}",
    ",",
    "(",
    ")",
    " ",
    "on(",
    "Y",
    "E",
    "S",
    "s",
    "2017",
    "-02-",
    "-W53",
    "-29",
    "-13",
    "-21",
    "0000",
    "10000",
    "January",
    "Feb",
    "Sept.",
    "December",
    "Monday",
    "between",
    "and",
    "since",
    "until",
    "the first full week of",
    "week of",
    "last",
    "next",
    "this",
    "fiscal year",
    "spring",
    "winter",
    "c.",
    "BCE",
    "–",
    "[sunday]",
    "[uk-tax]",
    "[America/New_York]",
    "[Mars/Base]",
    "\u0663",  # ARABIC-INDIC DIGIT THREE: a digit to str.isdigit, not to EDTF
    "\uff12",  # FULLWIDTH DIGIT TWO
    "\x00",
    "\u200f",
    "9" * 4301,  # more digits than int() converts
)

DATEISH = st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join)
TEXTS = st.one_of(st.text(max_size=40), DATEISH)
ANCHORS = st.one_of(st.none(), tst.days(min_year=1900, max_year=2100), tst.time_values())
CALENDARS = st.one_of(st.none(), tst.fiscal_calendars())
ZONES = st.sampled_from([None, "UTC", "America/New_York", "Asia/Kathmandu", "Nowhere/Void"])


def parse_or_none(text: str, **context: object) -> timeline.TimeValue | None:
    try:
        return timeline.parse(text, **context)  # type: ignore[arg-type]
    except timeline.TimelineError:
        return None


# Weeks starting Tuesday to Saturday are written "week of Feb 7, 2017", which parse reads
# as the week of its own convention holding that day: see test_str_of_a_tuesday_week.
MIDWEEK_WEEKS = re.compile(r"W\d\d[?~%]?\[(tuesday|wednesday|thursday|friday|saturday)\]")


def check_parsed(value: timeline.TimeValue, **context: object) -> None:
    """What parse returned reads back the same, and its text for people means the same.

    The text for people is checked for single units (``Feb 13, 2017``, ``Q1 2017``,
    ``week of Feb 6, 2017``), which parse is made to read. Text for composite values
    promises nothing: ``str(on(200X-01-01/..))`` is "sometime in since sometime in
    Jan 1, 2000 – Jan 1, 2009", which parse reads as a period ending in 2009.
    """
    assert isinstance(value, timeline.TimeValue)
    assert timeline.parse(value.edtf) == value
    human = str(value)
    assert human
    if not isinstance(value, timeline.Extent) or MIDWEEK_WEEKS.search(value.edtf):
        return
    again = parse_or_none(human, **context)
    if again is not None:
        assert (again.earliest_day, again.latest_day) == (value.earliest_day, value.latest_day), (
            value.edtf,
            human,
            again.edtf,
        )


@FUZZ
@given(TEXTS)
def test_parse_arbitrary_text(text: str) -> None:
    value = parse_or_none(text)
    if value is not None:
        check_parsed(value)


@FUZZ
@given(
    DATEISH,
    ANCHORS,
    CALENDARS,
    st.integers(-1, 7),
    ZONES,
)
def test_parse_with_every_context(
    text: str,
    anchor: timeline.TimeValue | None,
    fiscal: timeline.FiscalCalendar | None,
    week_start: int,
    tz: str | None,
) -> None:
    context = {"anchor": anchor, "fiscal": fiscal, "week_start": week_start, "tz": tz}
    value = parse_or_none(text, **context)
    if value is not None:
        check_parsed(value, **context)


@FUZZ
@given(tst.time_values(), st.data())
def test_parse_edited_edtf(value: timeline.TimeValue, data: st.DataObject) -> None:
    # Valid EDTF with one edit: whatever it now reads as must round-trip.
    text = value.edtf
    i = data.draw(st.integers(0, len(text)), label="at")
    j = data.draw(st.integers(i, min(len(text), i + 3)), label="to")
    text = text[:i] + data.draw(st.sampled_from(FRAGMENTS), label="insert") + text[j:]
    edited = parse_or_none(text)
    if edited is not None:
        check_parsed(edited)


def test_str_of_a_tuesday_week() -> None:
    week = timeline.parse("2017-W06[tuesday]")
    assert str(week) == "week of Feb 7–13, 2017"
    assert timeline.parse(str(week)) == week
    assert str(timeline.parse("2017-W06")) == "week of Feb 6, 2017"
    assert str(timeline.parse("2017-W06[sunday]")) == "week of Feb 5, 2017"
    with pytest.raises(timeline.ParseError, match="takes a day"):
        timeline.parse("week of Feb 7–14, 2017")  # eight days


@pytest.mark.parametrize(
    "text",
    ["Y" + "9" * 4301, "1" * 4301 + "0s", "the past " + "9" * 4301 + " days", "FY" + "9" * 4301],
    ids=["long year", "long decade", "long count", "long fiscal year"],
)
def test_thousands_of_digits_are_a_parse_error(text: str) -> None:
    # int() raised a bare ValueError (more than 4,300 digits) through parse.
    with pytest.raises(timeline.ParseError, match="more than 20 digits"):
        timeline.parse(text, anchor=timeline.parse("2017-02-13"))


@FUZZ
@given(tst.time_values())
def test_str_of_any_value_means_what_the_value_means(value: timeline.TimeValue) -> None:
    check_parsed(value)


def test_parse_refuses_non_text() -> None:
    for thing in (None, 2017, b"2017", ["2017"]):
        try:
            timeline.parse(thing)  # type: ignore[arg-type]
        except timeline.ParseError:
            continue
        raise AssertionError(f"parse accepted {thing!r}")


# --------------------------------------------------------------------------------------
# loads


def loads_or_none(source: str | bytes) -> timeline.Timeline | None:
    try:
        return timeline.loads(source)
    except timeline.LoadError as error:
        group = error
    # A LoadError is a group: every member is an error of the library too.
    assert group.exceptions
    assert all(isinstance(e, timeline.TimelineError) for e in group.exceptions)
    return None


def check_loaded(t: timeline.Timeline) -> None:
    text = timeline.dumps(t)
    again = timeline.loads(text)
    assert again == t
    assert timeline.dumps(again) == text


@FUZZ
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_loads_arbitrary_input(source: str | bytes) -> None:
    t = loads_or_none(source)
    if t is not None:
        check_loaded(t)


@FUZZ
@given(st.text(st.sampled_from("timeline: 1\n-[]{},:?&*!|>'\"#%@` abc2017"), max_size=120))
def test_loads_yaml_punctuation(body: str) -> None:
    t = loads_or_none("timeline: 1\n" + body)
    if t is not None:
        check_loaded(t)


PIECES = (b"", b"&a ", b"*a", b"!!python/object ", b"\xff", b"\t", *(f.encode() for f in FRAGMENTS))


@FUZZ
@given(mutated((GOOD, EVENTS), PIECES))
def test_loads_mutated_documents(source: bytes) -> None:
    t = loads_or_none(source)
    if t is not None:
        check_loaded(t)


@FUZZ
@given(mutated((GOOD,), PIECES))
def test_loads_mutated_text_and_bytes_agree(source: bytes) -> None:
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError:
        assume(False)
    results = []
    for form in (source, text):
        try:
            results.append(timeline.loads(form))
        except timeline.LoadError as error:
            results.append([str(e) for e in error.exceptions])
    assert results[0] == results[1]
