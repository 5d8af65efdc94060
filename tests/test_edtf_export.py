"""The EDTF export: pure EDTF that python-edtf reads, beside the library's own notation."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
from edtf import parse_edtf
from hypothesis import HealthCheck, given, settings

import timeline
from timeline import Event, Timeline, TimeValue, parse
from timeline import calendar as cal
from timeline.export import edtf_lines, export
from timeline.export.edtf import pure_edtf
from timeline.parts import century, part
from timeline.safe import one_line
from timeline.strategies import time_values, timelines

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "events.yaml"
PROPERTY = settings(
    max_examples=max(10, settings.default.max_examples // 2),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def sample() -> Timeline:
    return timeline.load(SAMPLE_PATH)


def _day(bound: object) -> int | None:
    """A python-edtf bound (a struct_time, or ±inf for an open side) as a day number."""
    if isinstance(bound, float):
        assert math.isinf(bound)
        return None
    assert isinstance(bound, time.struct_time)
    return cal.to_rd(bound.tm_year, bound.tm_mon, bound.tm_mday)


def _writable(rd: int | None) -> int | None:
    """The day, or None where EDTF cannot write it (beyond years ±9999: written open)."""
    return rd if rd is not None and -9999 <= cal.from_rd(rd)[0] <= 9999 else None


def check_reads(value: TimeValue, text: str) -> None:
    """``text`` reads in python-edtf and denotes the value's first and last possible days.

    A side EDTF cannot write as a day (beyond years ±9999) is open; a value all of
    whose days lie in one such year is that year.
    """
    lo, hi = value.earliest_day, value.latest_day
    if text.startswith("Y"):
        assert lo is not None
        assert hi is not None
        assert _writable(lo) is None
        assert cal.from_rd(lo)[0] == cal.from_rd(hi)[0]
        assert text == f"Y{cal.from_rd(lo)[0]}"
        return
    read = parse_edtf(text)
    if _writable(lo) is not None:
        assert _day(read.lower_strict()) == lo, (value.edtf, text)
    else:
        assert text.startswith(("..", "/", "[..", "{..")), (value.edtf, text)
    if _writable(hi) is not None:
        assert _day(read.upper_strict()) == hi, (value.edtf, text)
    else:
        assert text.endswith(("..", "/", "..]", "..}")), (value.edtf, text)


def check_lines(t: Timeline, text: str) -> None:
    lines = text.splitlines()
    assert len(lines) == len(t)
    for line, event in zip(lines, t, strict=True):
        event_id, edtf, notation, title = line.split("\t")
        assert event_id == event.id
        assert parse(notation) == event.when
        assert title == one_line(event.title)
        check_reads(event.when, edtf)


@pytest.mark.parametrize(
    ("notation", "edtf"),
    [
        ("2017", "2017"),
        ("2017-01", "2017-01"),
        ("2016-12?", "2016-12?"),
        ("2004-?06-~11", "2004-?06-~11"),
        ("-0044-03-15", "-0044-03-15"),
        ("FY2017", "2016-10-01/2017-09-30"),
        ("FY2017?", "2016-10-01?/2017-09-30?"),
        ("FY2018-Q1", "2017-10-01/2017-12-31"),
        ("2017-W06", "2017-02-06/2017-02-12"),
        ("2019-W39", "2019-09-23/2019-09-29"),
        ("2017-21", "2017-03-01/2017-05-31"),
        ("2017-33", "2017-01-01/2017-03-31"),
        ("2010s", "2010-01-01/2019-12-31"),
        ("early(2017)", "2017-01-01/2017-04-30"),
        ("late(2009-01-20/2017-01-20)", "2014-05-22/2017-01-20"),
        ("century(19)", "1801-01-01/1900-12-31"),
        ("201X", "201X"),
        ("2017-XX-XX", "2017-XX-XX"),
        ("2017-09-XX", "2017-09-XX"),
        ("2017-01-XX?", "2017-01-XX?"),
        ("1984-1X", "[1984-10..1984-12]"),
        ("2007-XX-09", "2007-XX-09"),
        (
            "2007-XX-09?",
            "[2007-01-09?,2007-02-09?,2007-03-09?,2007-04-09?,2007-05-09?,"
            "2007-06-09?,2007-07-09?,2007-08-09?,2007-09-09?,2007-10-09?,2007-11-09?,2007-12-09?]",
        ),
        ("201X-XX?", "[2010-01..2019-12]"),
        ("2017-09-XX~", "2017-09-XX~"),
        ("-00XX?", "-00XX?"),
        ("2017-09-2X", "[2017-09-20..2017-09-29]"),
        ("on(2017-02-06/2017-02-13)", "[2017-02-06..2017-02-13]"),
        ("on(FY2018)", "[2017-10-01..2018-09-30]"),
        ("on(2017-W06)", "[2017-02-06..2017-02-12]"),
        ("on(2019-09-25/..)", "[2019-09-25..]"),
        ("2017-01/2017-04", "2017-01/2017-04"),
        ("2016-09~/2017-09~", "2016-09~/2017-09~"),
        ("2014/..", "2014/.."),
        ("2014/", "2014/"),
        ("../2014-03", "../2014-03"),
        ("2014-XX-XX/[2019-09-25..]", "2014/.."),
        ("[..2017-09-28]/[2017-09-28..]", "../.."),
        ("/[2000-01-01..]", "../.."),
        ("on(../[2000-01-01..])", "../.."),
        ("on(2013-01-20/2014-01-20)/2017-01-20", "2013-01-20/2017-01-20"),
        ("2019-01-01/on(2019-09-25/2019-09-29)", "2019-01-01/2019-09-29"),
        ("on(2009-01-20/2017-01-20)/on(2009-01-20/2017-01-20)", "2009-01-20/2017-01-20"),
        ("FY2017/2018", "2016-10-01/2018"),
        ("2017-02-XX/2017-04-XX", "2017-02/2017-04"),
        ("[2017-01,2017-03]", "[2017-01,2017-03]"),
        ("[2017-09-24..2017-09-28]", "[2017-09-24..2017-09-28]"),
        ("{2017-01,2017-03..2017-05}", "{2017-01,2017-03..2017-05}"),
        ("[2017-09-28]", "2017-09-28"),
        ("[..1760-12-03]", "[..1760-12-03]"),
        ("[2017,..1760-12-03]", "[..1760-12-03,2017]"),
        ("[2017-05..,2017,..1760-12-03,..1800]", "[..1800-12-31,2017,2017-05..]"),
        ("2000-01-01?/2000-01-?01", "2000-01-01?/2000-01-01?"),
        ("[2017,FY2018]", "[2017,2017-10-01..2018-09-30]"),
        ("2017-09-24T10:00+05:00", "2017-09-24T05:00:00Z"),
        ("2017-09-24T23:30:15-05:00[America/Chicago]", "2017-09-25T04:30:15Z"),
        ("2017-09-24T23Z", "2017-09-24T23:00:00Z"),
        ("2017-09-25T05+05:30", "2017-09-24/2017-09-25"),
        ("2000-01-01T00+00:01", "1999-12-31/2000-01-01"),
        ("FY9999[uk-government]", "9999-04-01/.."),
        ("[2017,FY9999[uk-government]]", "[2017,9999-04-01..]"),
        ("[FY9999[uk-government],2000-01-01]", "[2000-01-01,9999-04-01..]"),
        ("2017-W06/FY9999[uk-government]", "2017-02-06/.."),
        ("Y12000", "Y12000"),
    ],
)
def test_pure_edtf(notation: str, edtf: str) -> None:
    value = parse(notation)
    assert pure_edtf(value) == edtf
    check_reads(value, edtf)


def test_parts_and_centuries_made_directly() -> None:
    assert pure_edtf(century(21)) == "2001-01-01/2100-12-31"
    assert pure_edtf(part("mid", parse("2017-11"))) == "2017-11-11/2017-11-20"


def test_golden_lines() -> None:
    t = Timeline(
        [
            Event(id="fy", title="Fiscal\tyear", when=parse("FY2017")),
            Event(id="week", title="A week", when=parse("on(2017-02-06/2017-02-13)")),
        ]
    )
    assert edtf_lines(t) == (
        "fy\t2016-10-01/2017-09-30\tFY2017\tFiscal year\n"
        "week\t[2017-02-06..2017-02-13]\ton(2017-02-06/2017-02-13)\tA week\n"
    )
    assert export(t, "edtf") == edtf_lines(t)
    assert edtf_lines(Timeline()) == ""


def test_every_line_of_the_sample_reads_in_python_edtf(sample: Timeline) -> None:
    text = edtf_lines(sample)
    check_lines(sample, text)
    fields = [line.split("\t")[1] for line in text.splitlines()]
    assert not any(f.startswith(("on(", "FY", "early(", "late(", "mid(")) for f in fields)
    assert not any("-W" in f for f in fields)


@PROPERTY
@given(timelines())
def test_every_line_of_random_timelines_reads(t: Timeline) -> None:
    check_lines(t, edtf_lines(t))


@PROPERTY
@given(time_values())
def test_every_value_reads_with_its_bounds(value: TimeValue) -> None:
    check_reads(value, pure_edtf(value))
