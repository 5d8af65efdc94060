"""The sample's facts as its articles support them, and checks that say only that.

Each test pins one point of the fact-check of ``events.yaml`` against the seed
articles (dates that say no more than the words, what the text leaves open
recorded as data, spans the articles name) or one rule of ``timeline check``
(a window known only to the month, parts the file names, stated inconsistencies,
contrasts with another figure, a ``--strict`` that a file can pass).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pendulum
import pytest

import timeline
from timeline import compare
from timeline.cli import main
from timeline.collection import Timeline
from timeline.events import Breakdown, Event, Metric, NoteKind
from timeline.relations import Relation, relate
from timeline.when import OPEN, Period, Qualifier

EVENTS_YAML = Path(__file__).resolve().parents[1] / "events.yaml"


@pytest.fixture(scope="module")
def t() -> Timeline:
    return timeline.load(EVENTS_YAML)


def metric(t: Timeline, metric_id: str) -> Metric:
    for event in t:
        for m in event.metrics:
            if m.id == metric_id:
                return m
    raise LookupError(metric_id)


def day(text: str) -> pendulum.Date:
    return pendulum.Date.fromisoformat(text)


def quotes(event: Event) -> str:
    return " ".join(c.quote for c in event.sources)


# --------------------------------------------------------------------------------------
# Dates that say no more than the words.


def test_early_and_latter_are_parts_of_the_presidency(t: Timeline) -> None:
    obama = timeline.parse("2009-01-20/2017-01-20")
    early, late = t["obama-record-deportations"], t["obama-narrows-ice-priorities"]
    assert early.when.edtf == "early(2009-01-20/2017-01-20)"
    assert late.when.edtf == "late(2009-01-20/2017-01-20)"
    assert metric(t, "obama-removals-per-year").period == early.when
    for event, word in ((early, "early"), (late, "latter")):
        assert word in quotes(event)
        assert set(relate(event.when, obama)) <= {
            Relation.STARTS,
            Relation.DURING,
            Relation.FINISHES,
        }
    assert relate(early.when, late.when).certain is Relation.BEFORE


def test_this_fiscal_year_is_to_date(t: Timeline) -> None:
    event = t["assaults-on-ice-officers-fy2017"]
    period = metric(t, "assaults-fy2017").period
    assert period is not None
    assert period == event.when
    assert (period.earliest, period.latest) == (day("2016-10-01"), day("2017-09-28"))
    assert period != timeline.parse("FY2017")
    assert "began last Oct. 1" in quotes(event)


@pytest.mark.parametrize(
    ("event_id", "metric_id"),
    [
        ("courthouse-arrests-nys-2019", "courthouse-arrests-nys-2019-count"),
        ("nyc-detainer-law-amended-2019", "nyc-detainer-law-crimes-added-2019"),
    ],
)
def test_this_year_ends_at_publication(t: Timeline, event_id: str, metric_id: str) -> None:
    published = t.sources["wnyc-gothamist-2019-09"].published
    assert published is not None
    for value in (t[event_id].when, metric(t, metric_id).period):
        assert value is not None
        assert value.earliest == day("2019-01-01")
        assert value.latest == published.latest  # Sep 29, not Dec 31


def test_a_standing_condition_is_no_one_day_event(t: Timeline) -> None:
    event = t["sanctuary-jurisdictions-2017"]
    seen = timeline.parse("2017-09-28")
    assert event.when.days_covered().exact != 1
    assert event.when.earliest is None  # since when, the article does not say
    assert set(relate(seen, event.when)) <= {
        Relation.STARTS,
        Relation.DURING,
        Relation.FINISHES,
        Relation.EQUALS,
    }


def test_a_month_without_a_year_is_uncertain(t: Timeline) -> None:
    event = t["milwaukee-arrests-2017-01"]
    assert "in January" in quotes(event)
    assert "2017" not in quotes(event)
    assert Qualifier.UNCERTAIN in event.when.qualifier
    assert "no year" in event.basis.note
    assert metric(t, "arrests-2017-01-milwaukee").period == event.when


def test_the_detainer_law_does_not_claim_the_present(t: Timeline) -> None:
    law = t["nyc-detainer-law"]
    assert isinstance(law.when, Period)
    assert law.when.end is not OPEN
    assert "present" not in str(law.when)
    # in force through the latest article, from some day in 2014
    assert set(relate(timeline.parse("2019-09-25"), law.when)) <= {
        Relation.DURING,
        Relation.FINISHES,
    }
    assert law.when.earliest == day("2014-01-01")


def test_no_federal_judge_the_text_does_not_name(t: Timeline) -> None:
    ruling = t["sanctuary-funds-ruling-2018-11"]
    assert "A New York judge" in quotes(ruling)
    fields = [ruling.title, ruling.summary, *ruling.actors, getattr(ruling, "court", "")]
    assert not [f for f in fields if "federal judge" in f.casefold()]
    assert "federal judge" not in quotes(ruling)


def test_the_official_name_is_kept_and_said(t: Timeline) -> None:
    for event_id in ("mostofi-response-2019-09", "correction-2019-09-story"):
        event = t[event_id]
        assert "Department of Corrections" not in event.summary
        [note] = event.notes
        assert note.kind is NoteKind.CAVEAT
        assert "official" in note.text
        assert "Department of Correction" in note.text
        assert any("Department of Corrections" in c.quote for c in note.sources)


# --------------------------------------------------------------------------------------
# What the articles say and the file did not hold.


@pytest.mark.parametrize(
    "words",
    [
        "since Trump took office",
        "President Trump’s first year in office",
        "in an open conflict with these policies for years",
        "in the last three or four years",
    ],
)
def test_spans_the_articles_name_are_events(t: Timeline, words: str) -> None:
    # an event of its own: the words are the first it rests on
    assert [e for e in t if words in e.sources[0].quote], words


def test_fiscal_2017_only_overlaps_the_first_year(t: Timeline) -> None:
    first_year = t["trump-first-year-in-office"]
    assert relate(timeline.parse("FY2017"), first_year.when).certain is Relation.OVERLAPS
    [note] = t["ny-arrests-rise-fy2017"].notes
    assert "only overlap" in note.text


@pytest.mark.parametrize(
    ("words", "age"), [("under the age of 11", 11), ("under the age of 17", 17)]
)
def test_the_ages_are_numbers(t: Timeline, words: str, age: int) -> None:
    found = [m for e in t for m in e.metrics if words in m.citation.quote and m.value == age]
    assert [(m.unit, m.qualifier) for m in found] == [("years", timeline.Hedge.FEWER_THAN)]


def test_about_64_is_people_or_percent(t: Timeline) -> None:
    m = metric(t, "arrests-fy2018-ny-region-criminal-records")
    assert (m.value, m.unit, m.alternative_units) == (64, "people", ("percent",))
    r = compare.report(t)
    assert r.ambiguous == (m,)
    assert "AMBIGUOUS UNIT (arrests-fy2018-ny-region-criminal-records)" in r.text()


def test_the_title_covers_the_events(t: Timeline) -> None:
    first = min(e.when.earliest.year for e in t if e.when.earliest is not None)
    last = max(e.when.latest.year for e in t if e.when.latest is not None)
    assert first == 2009
    assert t.title.endswith(f", {first}–{last}")


# --------------------------------------------------------------------------------------
# Reading order: a reaction after what it reacts to.

REACTIONS = [
    ("albence-statement-safe-city", "safe-city-operation"),
    ("lujan-grisham-statement-safe-city", "safe-city-operation"),
    ("correction-2019-09-story", "publication-wnyc-gothamist-2019-09"),
    ("mackler-statement-fy2018", "ice-fy2018-figures"),
    ("mostofi-response-2019-09", "decker-interview-2019-09"),
]


@pytest.mark.parametrize(("reaction", "cause"), REACTIONS)
def test_the_text_says_reactions_do_not_come_first(t: Timeline, reaction: str, cause: str) -> None:
    claims = [c for c in t.relations if (c.a, c.b) == (reaction, cause)]
    assert claims, (reaction, cause)
    starts_no_earlier = {
        Relation.STARTS,
        Relation.DURING,
        Relation.FINISHES,
        Relation.EQUALS,
        Relation.STARTED_BY,
        Relation.OVERLAPPED_BY,
        Relation.MET_BY,
        Relation.AFTER,
    }
    for claim in claims:
        assert set(claim.relations) <= starts_no_earlier
        assert claim.citation is not None


@pytest.mark.parametrize(("reaction", "cause"), REACTIONS[:4])
def test_reactions_are_listed_after_what_they_react_to(
    t: Timeline, reaction: str, cause: str
) -> None:
    order = [e.id for e in t]
    assert order.index(cause) < order.index(reaction)


# --------------------------------------------------------------------------------------
# The checks of the sample.


def test_a_window_known_to_the_month_has_no_single_length(t: Timeline) -> None:
    r = compare.report(t)
    [nearly] = [c for c in r.claims if c.metric.id == "arrests-2017-jan-apr-national"]
    [windows] = [c for c in nearly.caveats if "windows" in c]
    assert "61–120 days (January–April 2017)" in windows
    assert "344.3 to 677.3" in windows
    rate = compare.rate_per_day(metric(t, "arrests-2017-jan-apr-national"))
    assert rate.days.exact is None


def test_regions_are_not_parts_unless_the_file_says_so(t: Timeline) -> None:
    r = compare.report(t)
    parts = {(p.total.id, p.basis): p for p in r.parts}
    nys = parts["arrests-2016-jan-apr-national", "places"]
    assert (nys.balance, nys.stated) == (compare.Balance.SHORT, False)
    wapo = parts["safe-city-arrests-total-wapo", "stated places"]
    assert (wapo.balance, wapo.breakdown) == (compare.Balance.SHORT, Breakdown.PARTIAL)
    failed = r.failures(strict=True)
    assert not [p for p in r.parts if p in failed]


def test_the_safe_city_inconsistency_is_stated_with_its_citations(t: Timeline) -> None:
    r = compare.report(t)
    [over] = [p for p in r.parts if p.balance is compare.Balance.OVER]
    assert over.total.id == "safe-city-arrests-total-gothamist"
    [note] = over.explained_by
    assert note.kind is NoteKind.INCONSISTENCY
    assert {c.quote for c in note.sources} >= {
        "Of the 387 with criminal records",
        "Of the total 498 detainees arrested nation-wide this week, 181 do not have a "
        "criminal record, according to ICE.",
    }
    [conflict] = r.conflicts  # 317 with convictions against 387 with records
    assert conflict.explained_by == (note,)
    assert over not in r.failures(strict=True)


def test_the_contrasts_with_the_nation_hold(t: Timeline) -> None:
    r = compare.report(t)
    found = {(c.metric.id, c.contrast.other): c for c in r.contrasts}
    arrests = found["arrests-fy2018-ny-region", "arrests-fy2018-national"]
    assert (arrests.figure, arrests.other_figure, arrests.verdict) == (
        35,
        11,
        compare.Verdict.HOLDS,
    )
    removals = found["removals-fy2018-ny-change", "removals-fy2018-national-change"]
    assert (removals.figure, removals.other_figure, removals.verdict) == (
        29,
        13,
        compare.Verdict.HOLDS,
    )


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv))
    return code, out.getvalue()


def test_the_sample_fails_only_on_what_the_numbers_do_not_support() -> None:
    code, out = run("check", str(EVENTS_YAML))
    assert code == 1
    assert out.rstrip().endswith(
        "1 finding(s) fail the check; 2 finding(s) explained by inconsistencies the file states"
    )
    r = compare.report(timeline.load(EVENTS_YAML))
    [off] = r.failures()
    assert off.metric.id == "safe-city-convicted-share-wapo"  # type: ignore[union-attr]
    strict = r.failures(strict=True)
    # the off claim, and the nine whose numbers the text does not give
    assert len(strict) == 10
    assert all(isinstance(f, compare.ClaimCheck) for f in strict)


DESERVING = """\
timeline: 1
title: A file that says what its numbers are
sources:
  - {id: a, outlet: A, published: "2017-09-28"}
events:
  - id: op
    title: Operation
    when: "2017-09-24/2017-09-27"
    places: [United States, Baltimore, Denver]
    sources:
      - {source: a, quote: "498 in all, including 28 in Baltimore"}
    metrics:
      - {id: total, name: arrests, value: "498", unit: people, place: United States,
         breakdown: partial, source: a, quote: "498 in all"}
      - {id: baltimore, name: arrests, value: "28", unit: people, place: Baltimore,
         part_of: total, source: a, quote: "28 in Baltimore"}
      - {id: with, name: people with records, value: "387", unit: people,
         place: United States, part_of: total, source: a, quote: "387 with records"}
      - {id: without, name: people without records, value: "181", unit: people,
         place: United States, part_of: total, source: a, quote: "181 without"}
      - id: share
        name: share of arrestees without records
        value: "36"
        unit: percent
        qualifier: roughly
        place: United States
        source: a
        quote: "roughly 36 percent"
        comparison: {kind: share, value: "36", unit: percent, qualifier: roughly,
                     baseline: total, text: "roughly 36 percent"}
        contrasts:
          - {relation: more-than, other: national-share, text: "more than nationally"}
      - {id: national-share, name: share nationally, value: "25", unit: percent,
         source: a, quote: "25 percent nationally"}
    notes:
      - kind: inconsistency
        text: 387 with and 181 without records make 568, more than the 498 in all.
        metrics: [total, with, without]
        sources:
          - {source: a, quote: "387 with records"}
          - {source: a, quote: "181 without"}
"""


def test_strict_passes_on_a_file_that_deserves_it(tmp_path: Path) -> None:
    path = tmp_path / "deserving.yaml"
    path.write_text(DESERVING, encoding="utf-8")
    code, out = run("check", "--strict", str(path))
    assert code == 0, out
    assert "All checks pass; 1 finding(s) explained by inconsistencies the file states." in out
    assert "OVER: total by stated parts (explained)" in out
    assert "SHORT: total by stated places" in out
    assert "HOLDS: share / national-share" in out
    # Take away what makes it deserve it, one thing at a time: each fails.
    for old, new in [
        ("breakdown: partial", "breakdown: unstated"),  # short of a total, unsaid
        ("metrics: [total, with, without]", "metrics: [with, without]"),  # unexplained
        ("relation: more-than", "relation: fewer-than"),  # a contrast that is off
    ]:
        assert old in DESERVING
        path.write_text(DESERVING.replace(old, new), encoding="utf-8")
        assert run("check", "--strict", str(path))[0] == 1, old
