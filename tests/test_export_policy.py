"""One policy for vague dates in every exporter, and exports that say what they leave out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

import timeline
from timeline import Event, Timeline, parse
from timeline import calendar as cal
from timeline.export import Drawn, ExportError, LeftOut, Vague, export, export_report
from timeline.export._common import Days, hull

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "events.yaml"
EIGHT_YEARS = "obama-era-raids-nyc"  # a span somewhere in Jan 20, 2009 – Jan 20, 2017


@pytest.fixture(scope="module")
def sample() -> Timeline:
    return timeline.load(SAMPLE_PATH)


def rd(text: str) -> int:
    y, m, d = (int(p) for p in text.split("-"))
    return cal.to_rd(y, m, d)


EDGE = (rd("2000-01-01"), rd("2020-12-31"))


@pytest.mark.parametrize(
    ("notation", "policy", "days"),
    [
        # One known run: its days under every policy.
        ("FY2017", Vague.DEFINITE, ("2016-10-01", "2017-09-30", Drawn.DEFINITE, False)),
        ("FY2017", Vague.POSSIBLE, ("2016-10-01", "2017-09-30", Drawn.DEFINITE, False)),
        # One day somewhere in eight years: a marker, its window only under "possible".
        ("on(2009-01-20/2017-01-20)", Vague.DEFINITE, None),
        ("on(2009-01-20/2017-01-20)", Vague.CERTAIN, ("2009-01-20", "2009-01-20", Drawn.MARKER)),
        (
            "on(2009-01-20/2017-01-20)",
            Vague.POSSIBLE,
            ("2009-01-20", "2017-01-20", Drawn.SOMEWHERE),
        ),
        ("201X", Vague.CERTAIN, ("2010-01-01", "2010-01-01", Drawn.MARKER)),
        # A span with vague ends: the days it surely covered, or all it may have.
        ("2017-02-XX/2017-04-XX", Vague.CERTAIN, ("2017-02-28", "2017-04-01", Drawn.CERTAIN)),
        ("2017-02-XX/2017-04-XX", Vague.POSSIBLE, ("2017-02-01", "2017-04-30", Drawn.POSSIBLE)),
        # Qualified: its days, flagged.
        ("2016-12?", Vague.CERTAIN, ("2016-12-01", "2016-12-31", Drawn.CERTAIN)),
        ("2016-12?", Vague.DEFINITE, None),
        # Open: to the export's edge, and cut says so.
        ("2014/..", Vague.CERTAIN, ("2014-01-01", "2020-12-31", Drawn.CERTAIN, True)),
        ("../2014", Vague.POSSIBLE, ("2000-01-01", "2014-12-31", Drawn.POSSIBLE, True)),
    ],
)
def test_hull(notation: str, policy: Vague, days: tuple[object, ...] | None) -> None:
    got = hull(parse(notation), policy, EDGE)
    if days is None:
        assert got is None
        return
    first, last, drawn, *cut = days
    assert got == Days(rd(str(first)), rd(str(last)), drawn, bool(cut and cut[0]))  # type: ignore[arg-type]


def test_policy_names_and_bad_values() -> None:
    t = Timeline([Event(id="e", title="x", when=parse("on(2017)"))])
    assert export(t, "ics", vague="certain") == export(t, "ics", vague=Vague.CERTAIN)
    with pytest.raises(ExportError, match="vague must be one of definite, certain, possible"):
        export(t, "ics", vague="sometimes")
    with pytest.raises(ExportError, match="not both"):
        export(t, "ics", include_uncertain=True, vague="certain")
    for fmt in ("timelinejs", "mermaid-gantt"):
        with pytest.raises(ExportError, match="shows every event"):
            export(t, fmt, vague="definite")


def test_ics_says_what_it_leaves_out(sample: Timeline) -> None:
    result = export_report(sample, "ics")
    assert result.text == export(sample, "ics")
    assert result.total == len(sample) == 54
    assert len(result.left_out) == 27
    assert result.reasons == {"uncertain date": 27}
    assert LeftOut(EIGHT_YEARS, "uncertain date") in result.left_out
    shown = {
        str(v["UID"]).split("@")[0]
        for v in icalendar.Calendar.from_ical(result.text).walk("VEVENT")
    }
    assert shown.isdisjoint(item.event_id for item in result.left_out)
    assert len(shown) + len(result.left_out) == len(sample)
    assert export_report(sample, "ics", include_uncertain=True).left_out == ()
    certain = export_report(sample, "ics", vague="certain")
    assert LeftOut(EIGHT_YEARS, "uncertain date") in certain.left_out  # no marker in iCalendar
    assert export_report(sample, "csv").left_out == ()


def test_ics_flags_days_that_are_not_the_dates_own(sample: Timeline) -> None:
    text = export(sample, "ics", include_uncertain=True)
    found = {
        str(v["UID"]).split("@")[0]: v for v in icalendar.Calendar.from_ical(text).walk("VEVENT")
    }
    raids = found[EIGHT_YEARS]
    assert str(raids["X-TIMELINE-DAYS"]) == "SOMEWHERE"
    assert str(raids["TRANSP"]) == "TRANSPARENT"
    assert str(raids["DESCRIPTION"]).startswith(
        "a span between Jan 20, 2009 and Jan 20, 2017 (date uncertain)"
    )
    safe_city = found["safe-city-operation"]
    assert "X-TIMELINE-DAYS" not in safe_city
    assert "TRANSP" not in safe_city


def test_no_eight_year_event_by_default(sample: Timeline) -> None:
    # ICS leaves it out, TimelineJS shows a point, the gantt chart a milestone.
    assert f"UID:{EIGHT_YEARS}@timeline" not in export(sample, "ics")
    (slide,) = [
        s
        for s in json.loads(export(sample, "timelinejs"))["events"]
        if s["unique_id"] == EIGHT_YEARS
    ]
    assert slide["start_date"] == {"year": 2009, "month": 1, "day": 20}
    assert "end_date" not in slide
    assert slide["display_date"] == "a span between Jan 20, 2009 and Jan 20, 2017"
    (task,) = [
        line for line in export(sample, "mermaid-gantt").splitlines() if "under Obama" in line
    ]
    assert task.endswith(":milestone, 2009-01-20, 0d")
    assert "(a span between Jan 20, 2009 and Jan 20, 2017)" in task


def test_possible_draws_the_window_flagged(sample: Timeline) -> None:
    (slide,) = [
        s
        for s in json.loads(export(sample, "timelinejs", vague="possible"))["events"]
        if s["unique_id"] == EIGHT_YEARS
    ]
    assert slide["end_date"] == {"year": 2017, "month": 1, "day": 20}
    assert slide["display_date"].startswith("a span between")
    gantt = export(sample, "mermaid-gantt", vague="possible").splitlines()
    (task,) = [line for line in gantt if "under Obama" in line]
    assert task.endswith("? :crit, 2009-01-20, 2923d")


def test_open_ends_are_cut_at_the_same_edge_everywhere() -> None:
    t = Timeline(
        [
            Event(id="law", title="Law", when=parse("2014/..")),
            Event(id="later", title="Later", when=parse("2018-06")),
        ]
    )
    (vevent,) = [
        v
        for v in icalendar.Calendar.from_ical(export(t, "ics", include_uncertain=True)).walk(
            "VEVENT"
        )
        if str(v["UID"]) == "law@timeline"
    ]
    assert vevent.decoded("DTEND") == dt.date(2018, 7, 1)
    slide = json.loads(export(t, "timelinejs"))["events"][0]
    assert slide["end_date"] == {"year": 2018, "month": 6, "day": 30}
    assert "Law ? :crit, 2014-01-01, 1642d" in export(t, "mermaid-gantt")
