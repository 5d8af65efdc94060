"""timeline.io: YAML files in and out, hostile input, errors with their places."""

from __future__ import annotations

import gc
import json
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import timeline
import timeline.io as tio
from timeline.collection import Timeline
from timeline.errors import ConstraintError, TimelineError
from timeline.events import (
    Breakdown,
    Citation,
    Comparison,
    ComparisonKind,
    Contrast,
    DateBasis,
    Event,
    ExecutiveOrder,
    FiscalYearReport,
    Hedge,
    Law,
    Lawsuit,
    Metric,
    NoteKind,
    Number,
    Operation,
    PressRelease,
    Publication,
    RelationClaim,
    Ruling,
    Source,
    Statement,
    register_kind,
)
from timeline.io import _yaml
from timeline.io.errors import DumpError, FieldError, LimitError, LoadError, YAMLSyntaxError
from timeline.relations import Relation, Relations
from timeline.strategies import days, time_values
from timeline.when import TimeValue

HOSTILE = Path(__file__).parent / "hostile"
EVENTS_YAML = Path(__file__).resolve().parents[1] / "events.yaml"


@register_kind
@attrs.frozen(kw_only=True)
class Hearing(Event):
    """A kind defined outside the library, with a field of every type the format reads."""

    kind: ClassVar[str] = "test-hearing"
    judge: str = ""
    witnesses: tuple[str, ...] = ()
    adjourned: TimeValue | None = None
    sessions: int = 0
    cost: Decimal = Decimal("0")
    public: bool = False
    turnout: Number | None = None
    confidence: Hedge = Hedge.EXACT


def P(text: str, anchor: TimeValue | None = None) -> TimeValue:
    return timeline.parse(text, anchor=anchor)


def load_error(text: str | bytes, **kwargs: Any) -> LoadError:
    with pytest.raises(LoadError) as info:
        tio.loads(text, **kwargs)
    return info.value


def messages(error: LoadError) -> list[str]:
    return [str(e) for e in error.exceptions]


# --------------------------------------------------------------------------------------
# A hand-made timeline with every kind and every field.

AMNY = Source(
    "amny-2017-09-28",
    outlet="amNY",
    author="Lisa L. Colangelo",
    title="ICE arrests 45 in NYC",
    published=P("2017-09-28"),
    file="003_aa38f0d9469e8c78.txt",
    url="https://www.amny.com/news/ice",
)
REPORT = Source(
    "ice-fy2018",
    outlet="ICE",
    published=P("2018-12"),
    basis=DateBasis.external("the cover gives the month", note="a remark"),
)
NYT = Source(
    "nyt-2017-02-13",
    outlet="The New York Times",
    published=P("2017-02-13"),
    basis=DateBasis.stated("the dateline"),
)
FOLLOW_UP = Source(
    "amny-follow-up",
    outlet="amNY",
    published=P("yesterday", anchor=P("2017-09-28")),
    basis=DateBasis.derived(
        "yesterday", P("2017-09-28"), anchor_ref="published:amny-2017-09-28", note="a correction"
    ),
)
UNCITED = Source("uncited", title="Listed but never cited")


def everything() -> Timeline:
    """Every kind, every field set to something other than its default."""
    quote = Citation(AMNY, "a four-day operation that ended Wednesday")
    nyc = Metric(
        "arrests",
        45,
        "people",
        Citation(AMNY, "arrested 45 people in New York City"),
        qualifier=Hedge.JUST_OVER,
        place="New York City",
        period=P("2017-09-24/2017-09-27"),
        id="safe-city-arrests-nyc",
    )
    total = Metric(
        "arrests",
        Decimal("498.0"),
        "people",
        Citation(AMNY, "498 people"),
        comparison=Comparison(
            ComparisonKind.RATIO,
            Decimal("11.07"),
            "times",
            "eleven times",
            qualifier=Hedge.ABOUT,
            baseline="safe-city-arrests-nyc",
        ),
    )
    common: dict[str, Any] = {
        "summary": "Something happened.",
        "places": ("New York City", "Los Angeles"),
        "actors": ("ICE",),
        "tags": ("a", "b"),
        "sources": (quote,),
    }
    events: list[Event] = [
        Operation(
            id="safe-city",
            title="Operation Safe City: 498 arrests",
            when=P("2017-09-24/2017-09-27"),
            basis=DateBasis.derived(
                "the four days ending Wednesday",
                P("2017-09-28"),
                anchor_ref="published",
                note="the article appeared on Thursday",
            ),
            metrics=(nyc, total),
            name="Operation Safe City",
            agency="ICE",
            **common,
        ),
        Event(
            id="feb-arrests",
            title="41 arrests",
            when=P("2017-W06"),
            basis=DateBasis.derived(
                "first full week of February 2017",
                P("2017-02-13"),
                anchor_ref="published:nyt-2017-02-13",
            ),
            sources=(Citation(NYT, "the first full week in February"),),
        ),
        Event(
            id="last-week",
            title="Read against a time value",
            when=P("last week", anchor=P("2017-02-13")),
            basis=DateBasis.derived("last week", P("2017-02-13")),
        ),
        ExecutiveOrder(
            id="eo-13768",
            title="Enhancing Public Safety",
            when=P("2017-01-25"),
            number="13768",
            signed_by="Donald Trump",
            basis=DateBasis.external("the Federal Register"),
            **common,
        ),
        Ruling(
            id="ruling",
            title="Injunction",
            when=P("2017-04-25"),
            court="N.D. Cal.",
            case="County of Santa Clara v. Trump",
            holding="enjoined",
            basis=DateBasis.stated("the docket"),
            **common,
        ),
        FiscalYearReport(
            id="fy2018",
            title="158,581 arrests",
            when=P("FY2018"),
            agency="ICE",
            fiscal_year=P("FY2018"),
            sources=(Citation(REPORT, "158,581 aliens"),),
            metrics=(
                Metric(
                    "arrests",
                    158581,
                    "people",
                    Citation(REPORT, "158,581 aliens"),
                    qualifier=Hedge.MORE_THAN,
                    period=P("FY2018"),
                ),
            ),
        ),
        Law(
            id="sb54",
            title="California Values Act",
            when=P("2017-10-05"),
            jurisdiction="California",
            citation="SB 54",
        ),
        Lawsuit(
            id="chicago",
            title="Chicago sues",
            when=P("2017-08-07"),
            plaintiffs=("City of Chicago",),
            defendants=("Jeff Sessions", "the United States"),
            court="N.D. Ill.",
        ),
        Statement(
            id="statement",
            title="A statement",
            when=P("2017-02~"),
            speaker="A spokesperson",
            organisation="ICE",
        ),
        PressRelease(
            id="release",
            title="A release",
            when=P("201X"),
            speaker="Press office",
            organisation="ICE",
        ),
        Publication(
            id="publication",
            title="An article",
            when=P("2017-09-28"),
            outlet="amNY",
            author="L. C.",
            headline="ICE arrests 45",
        ),
        Hearing(
            id="hearing",
            title="A hearing",
            when=P("2017-03-01/2017-03-03"),
            judge="Judge Orrick",
            witnesses=("A", "B"),
            adjourned=P("2017-03"),
            sessions=3,
            cost=Decimal("1.10"),
            public=True,
            turnout=Decimal("-0.5"),
            confidence=Hedge.AT_MOST,
        ),
    ]
    relations = [
        RelationClaim("safe-city", Relations.of(Relation.AFTER), "feb-arrests"),
        RelationClaim(
            "chicago",
            Relations.of(Relation.BEFORE, Relation.MEETS, Relation.FINISHED_BY),
            "safe-city",
            Citation(AMNY, "a four-day operation"),
        ),
    ]
    return Timeline(
        events,
        sources=[AMNY, REPORT, NYT, FOLLOW_UP, UNCITED],
        title="Everything: 10:30, NO, ~",
        relations=relations,
    )


def test_round_trip_of_every_kind_and_field() -> None:
    original = everything()
    text = tio.dumps(original)
    again = tio.loads(text)
    assert again == original
    assert [type(e) for e in again] == [type(e) for e in original]
    assert tio.dumps(again) == text
    assert tio.from_records(tio.to_records(original)) == original
    # every field of every event survives, not only what __eq__ looks at
    for a, b in zip(original, again, strict=True):
        assert attrs.asdict(a, recurse=False) == attrs.asdict(b, recurse=False)


def test_user_kind_fields_are_read_by_type() -> None:
    hearing = tio.loads(tio.dumps(everything()))["hearing"]
    assert isinstance(hearing, Hearing)
    assert hearing.sessions == 3
    assert type(hearing.sessions) is int
    assert hearing.cost == Decimal("1.10")
    assert str(hearing.cost) == "1.10"
    assert hearing.public is True
    assert hearing.turnout == Decimal("-0.5")
    assert hearing.confidence is Hedge.AT_MOST
    assert hearing.adjourned == P("2017-03")


def test_dump_and_load_a_file(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    tio.dump(everything(), path)
    assert tio.load(path) == everything()
    assert path.read_bytes() == tio.dumps(everything()).encode("utf-8")


def test_loads_accepts_bytes_and_drops_a_bom() -> None:
    text = tio.dumps(everything())
    assert tio.loads(text.encode("utf-8")) == everything()
    assert tio.loads(b"\xef\xbb\xbf" + text.encode("utf-8")) == everything()
    assert tio.loads("\ufeff" + text) == everything()


# --------------------------------------------------------------------------------------
# Output: golden text.

GOLDEN = """\
timeline: 1
title: "10:30"

sources:
  - id: s
    outlet: "NO"
    published: "2017-09-28"

events:
  - id: e
    kind: operation
    title: "Safe City: \\"498\\" arrests # not a comment"
    when: 2017-09-24/2017-09-27
    basis:
      derived: the four days ending Wednesday
      anchor: published
    summary: " leading space, a tab\\t, a newline\\n, RTL mark \\u200F, e\u0301, 😀"
    places: [New York City, "a, b", "~"]
    agency: ICE
    sources:
      - source: s
        quote: "- a dash"
    metrics:
      - id: m
        name: arrests
        value: 1.10
        unit: people
        source: s
        quote: "yes"

relations:
  - a: e
    relation: [before, finished-by]
    b: e
"""


def test_dumps_golden() -> None:
    source = Source("s", outlet="NO", published=P("2017-09-28"))
    event = Operation(
        id="e",
        title='Safe City: "498" arrests # not a comment',
        when=P("2017-09-24/2017-09-27"),
        basis=DateBasis.derived(
            "the four days ending Wednesday", P("2017-09-28"), anchor_ref="published"
        ),
        summary=" leading space, a tab\t, a newline\n, RTL mark \u200f, e\u0301, 😀",
        places=("New York City", "a, b", "~"),
        agency="ICE",
        sources=(Citation(source, "- a dash"),),
        metrics=(Metric("arrests", Decimal("1.10"), "people", Citation(source, "yes"), id="m"),),
    )
    claim = RelationClaim("e", Relations.of(Relation.BEFORE, Relation.FINISHED_BY), "e")
    t = Timeline([event], sources=[source], title="10:30", relations=[claim])
    assert tio.dumps(t) == GOLDEN
    assert tio.loads(GOLDEN) == t


# --------------------------------------------------------------------------------------
# Strings survive byte for byte.

TRICKY = [
    "10:30",
    "NO",
    "no",
    "y",
    "~",
    "null",
    "",
    "1.10",
    "0x10",
    "1e3",
    "-.inf",
    ".NaN",
    "2018-02-29",
    "2001-12-14 21:59:43.10 -5",
    "<<",
    "=",
    " leading",
    "trailing ",
    " ",
    "a: b",
    "a:",
    "- x",
    "-",
    "? x",
    "#x",
    "x #y",
    "x#y",
    "'single'",
    '"double"',
    "back\\slash",
    "[a, b]",
    "{a: b}",
    "a, b",
    "&anchor",
    "*alias",
    "!tag",
    "|",
    ">",
    "%",
    "@",
    "`",
    "...",
    "---",
    "line\nbreak",
    "\r\n",
    "tab\there",
    "\x00\x01\x07\x1b\x7f",
    "\x85",
    "\u2028\u2029",
    "\ufeff",
    "\u00a0",
    "\u200f\u200e\u202e",
    "e\u0301",
    "😀👨\u200d👩\u200d👧",
    "עִבְרִית",
    "\ue000",
    "\ufffe\uffff",
    "\U0010ffff",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_survive(text: str) -> None:
    data = {"k": text, "flow": [text, "x"], "block": [{"k": text}]}
    written = _yaml.write(data)
    read, _, errors = _yaml.read(written)
    assert errors == []
    assert read == data
    # and PyYAML's own safe loader reads the same strings (no implicit typing)
    assert yaml.load(written, Loader=yaml.SafeLoader) == data


@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_any_text_survives(text: str) -> None:
    data = {"k": text, "flow": [text], "block": [{"k": text}]}
    read, _, errors = _yaml.read(_yaml.write(data))
    assert (read, errors) == (data, [])


def test_a_lone_surrogate_is_refused_on_dump() -> None:
    t = Timeline([Event(id="e", title="bad \ud800 text", when=P("2017"))])
    with pytest.raises(DumpError, match=r"events\[0\]\.title: .*lone surrogate U\+D800") as info:
        tio.dumps(t)
    assert info.value.path == "events[0].title"
    assert isinstance(info.value, TimelineError)
    assert isinstance(info.value, ValueError)


def test_a_lone_surrogate_is_refused_on_load() -> None:
    # In text given to loads: not Unicode, so not UTF-8.
    error = load_error("timeline: 1\ntitle: a\ud800\n")
    assert messages(error) == [
        "<string>:2:9: the text holds a lone surrogate U+D800, which is not Unicode text"
    ]
    assert isinstance(error.exceptions[0], YAMLSyntaxError)
    # As an escape: libyaml refuses it, PyYAML's pure parser reads it; both are errors.
    text = 'timeline: 1\ntitle: "a\\ud800"\n'
    if hasattr(yaml, "CSafeLoader"):
        with pytest.raises(LoadError) as info:
            _yaml.read(text)
        assert "invalid Unicode character escape code" in str(info.value)
    _, _, errors = _yaml.read(text, pure=True)
    assert [str(e) for e in errors] == [
        "<string>:2:8: title: an escape gives a lone surrogate, which is not Unicode text"
    ]


# --------------------------------------------------------------------------------------
# Random timelines.

TEXTS = st.text(st.characters(exclude_categories=("Cs",)), max_size=12) | st.sampled_from(TRICKY)
NONBLANK = TEXTS.map(lambda s: s if s.strip() else s + "x")
NONEMPTY = TEXTS.map(lambda s: s or "x")
IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,6}", fullmatch=True)
PHRASES = ("yesterday", "last week", "last month", "this year", "the four days ending Wednesday")
KINDS: tuple[type[Event], ...] = (
    Event,
    ExecutiveOrder,
    Operation,
    Ruling,
    FiscalYearReport,
    Law,
    Lawsuit,
    Statement,
    PressRelease,
    Publication,
    Hearing,
)


def numbers() -> st.SearchStrategy[Number]:
    decimals = st.integers(0, 6).flatmap(
        lambda places: st.decimals(
            min_value=-(10**12), max_value=10**12, places=places, allow_nan=False
        )
    )
    return st.integers(-(10**30), 10**30) | decimals


def plain_bases() -> st.SearchStrategy[DateBasis]:
    """Stated bases (with or without a remark) and external ones."""
    return TEXTS.map(DateBasis.stated) | st.builds(DateBasis.external, NONBLANK, note=TEXTS)


@st.composite
def bases(draw: st.DrawFn) -> tuple[DateBasis, TimeValue | None]:
    """A basis that is not derived, or a derived one with the `when` it gives."""
    if draw(st.booleans()):
        return draw(plain_bases()), None
    anchor = draw(days(min_year=1900, max_year=2100))
    phrase = draw(st.sampled_from(PHRASES))
    return DateBasis.derived(phrase, anchor, note=draw(TEXTS)), P(phrase, anchor=anchor)


def extra_fields(draw: st.DrawFn, cls: type[Event]) -> dict[str, Any]:
    base = {a.name for a in attrs.fields(Event)}
    by_name: dict[str, st.SearchStrategy[Any]] = {
        "plaintiffs": st.tuples(NONEMPTY),
        "defendants": st.lists(NONEMPTY, max_size=2).map(tuple),
        "witnesses": st.lists(NONEMPTY, max_size=2).map(tuple),
        "fiscal_year": st.none() | time_values(),
        "adjourned": st.none() | time_values(),
        "sessions": st.integers(-5, 10**20),
        "cost": numbers().map(Decimal),
        "public": st.booleans(),
        "turnout": st.none() | numbers(),
        "confidence": st.sampled_from(Hedge),
    }
    out = {}
    for a in attrs.fields(cls):
        if a.name not in base:
            out[a.name] = draw(by_name.get(a.name, TEXTS))
    return out


@st.composite
def random_timelines(draw: st.DrawFn) -> Timeline:
    source_ids = draw(st.lists(IDS, max_size=3, unique=True))
    sources = [
        Source(
            sid,
            outlet=draw(TEXTS),
            author=draw(TEXTS),
            title=draw(TEXTS),
            published=draw(st.none() | time_values()),
            basis=draw(plain_bases()),
            file=draw(TEXTS),
            url=draw(TEXTS),
        )
        for sid in source_ids
    ]
    metric_ids: list[str] = []
    events = []
    for n, eid in enumerate(draw(st.lists(IDS, max_size=4, unique=True))):
        cls = draw(st.sampled_from(KINDS))
        citations: tuple[Citation, ...] = ()
        metrics: list[Metric] = []
        if sources:
            cited = draw(st.lists(st.sampled_from(sources), max_size=2))
            citations = tuple(Citation(s, draw(NONBLANK)) for s in cited)
            for m in range(draw(st.integers(0, 2))):
                comparison = None
                if draw(st.booleans()):
                    comparison = Comparison(
                        draw(st.sampled_from(ComparisonKind)),
                        draw(numbers()),
                        draw(TEXTS),
                        draw(NONBLANK),
                        qualifier=draw(st.sampled_from(Hedge)),
                        baseline=draw(st.sampled_from(["", *metric_ids])),
                    )
                mid = draw(st.sampled_from(["", f"m{n}-{m}"]))
                if mid:
                    metric_ids.append(mid)
                metrics.append(
                    Metric(
                        draw(NONBLANK),
                        draw(numbers()),
                        draw(TEXTS),
                        Citation(draw(st.sampled_from(sources)), draw(NONBLANK)),
                        qualifier=draw(st.sampled_from(Hedge)),
                        place=draw(TEXTS),
                        period=draw(st.none() | time_values()),
                        comparison=comparison,
                        id=mid,
                    )
                )
        basis, derived = draw(bases())
        first = citations[0].source.published if citations else None
        if derived is not None and first is not None and draw(st.booleans()):
            # the same phrase, read against the first source's date and named `published`
            try:
                derived = P(basis.phrase, anchor=first)
            except TimelineError:
                derived = None
            if derived is not None:
                basis = DateBasis.derived(basis.phrase, first, anchor_ref="published")
            else:
                basis, derived = DateBasis(), None
        events.append(
            cls(
                id=eid,
                title=draw(NONBLANK),
                when=derived if derived is not None else draw(time_values()),
                basis=basis,
                summary=draw(TEXTS),
                places=tuple(draw(st.lists(NONEMPTY, max_size=2))),
                actors=tuple(draw(st.lists(NONEMPTY, max_size=2))),
                tags=tuple(draw(st.lists(NONEMPTY, max_size=2))),
                sources=citations,
                metrics=tuple(metrics),
                **extra_fields(draw, cls),
            )
        )
    claims = []
    if events:
        for _ in range(draw(st.integers(0, 2))):
            citation = None
            if sources and draw(st.booleans()):
                citation = Citation(draw(st.sampled_from(sources)), draw(NONBLANK))
            claims.append(
                RelationClaim(
                    draw(st.sampled_from(events)).id,
                    Relations(draw(st.integers(1, Relations.ALL.bits))),
                    draw(st.sampled_from(events)).id,
                    citation,
                )
            )
    return Timeline(events, sources=sources, title=draw(TEXTS), relations=claims)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(random_timelines())
def test_random_timelines_round_trip(t: Timeline) -> None:
    for e in t:
        event(f"basis: {e.basis.basis.value} {e.basis.anchor_ref}")
    text = tio.dumps(t)
    again = tio.loads(text)
    assert again == t
    assert tio.dumps(again) == text
    assert tio.from_records(tio.to_records(t)) == t


# --------------------------------------------------------------------------------------
# Hostile input (each file's errors are checked in test_hostile.py).


def test_billion_laughs_builds_nothing_big() -> None:
    # Refused at the first anchor, before a single alias is looked at.
    error = load_error((HOSTILE / "billion-laughs.yaml").read_bytes())
    assert len(error.exceptions) == 1


def test_a_hundred_thousand_open_brackets(pure: bool) -> None:
    error = load_error("timeline: 1\nevents: " + "[" * 100_000)
    walked = (
        "<string>:2:72: events" + "[0]" * 63 + ": mappings and sequences nest more than 64 deep"
    )
    # libyaml 0.2.6 and later stop at their own depth limit while looking ahead.
    libyaml = (
        "<string>:2:1008: mappings and sequences nest more than 64 deep"
        " (the C YAML parser stopped reading them at its own limit of 1,000)"
    )
    assert messages(error) in ([[walked]] if pure else [[walked], [libyaml]])
    assert isinstance(error.exceptions[0], LimitError)


def test_libyaml_depth_limit_below_ours_is_said_as_it_is(pure: bool) -> None:
    limits = tio.Limits(max_depth=5000)
    text = "timeline: 1\nevents: " + "[" * 1500
    if pure:  # the walk stops at 5000; the pure parser reads to the end of the text
        assert len(load_error(text, limits=limits).exceptions) == 1
        return
    (error,) = load_error(text, limits=limits).exceptions
    if isinstance(error, LimitError):  # libyaml 0.2.6 and later
        assert "nest more than 1,000 deep" in error.message
        assert "5000" not in error.message
    else:  # older libyaml reads on, like the pure parser
        assert isinstance(error, YAMLSyntaxError)


def test_a_huge_scalar(pure: bool) -> None:
    error = load_error("timeline: 1\ntitle: " + "x" * 100_001 + "\n")
    assert messages(error) == [
        "<string>:2:8: title: a scalar of 100,001 characters, more than the limit of 100,000"
    ]
    tio.loads("timeline: 1\ntitle: " + "x" * 100_000 + "\n")  # the limit itself is fine


def test_limits_are_checked_and_can_be_raised() -> None:
    text = tio.dumps(everything())
    small = tio.Limits(max_nodes=50)
    assert "more than the limit of 50 nodes" in str(load_error(text, limits=small))
    assert "more than the limit of 100 bytes" in str(
        load_error(text, limits=tio.Limits(max_bytes=100))
    )
    assert "more than the limit of 100 bytes" in str(
        load_error(text.encode(), limits=tio.Limits(max_bytes=100))
    )
    assert "nest more than 3 deep" in str(load_error(text, limits=tio.Limits(max_depth=3)))
    assert "more than the limit of 5" in str(load_error(text, limits=tio.Limits(max_scalar=5)))
    assert tio.loads(text, limits=tio.Limits(max_depth=6)) == everything()
    with pytest.raises(ConstraintError, match="max_depth must be a positive int"):
        tio.Limits(max_depth=0)
    defaults = tio.Limits(
        max_bytes=16 * 2**20, max_depth=64, max_scalar=100_000, max_nodes=2 * 10**6
    )
    assert defaults == tio.LIMITS


def test_load_reads_no_more_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"timeline: 1\n" + b"#" * 10_000)
    with pytest.raises(LoadError) as info:
        tio.load(path, limits=tio.Limits(max_bytes=1000))
    assert messages(info.value) == [
        f"{path}: the input is 1,001 bytes, more than the limit of 1,000 bytes"
    ]


def test_scalars_stay_text_until_their_field_reads_them() -> None:
    t = tio.load(HOSTILE / "implicit-types.yaml")
    event = t["10:30"]
    assert event.title == "10:30"
    assert event.places == ("NO", "null", "yes", "0x10", "1e3")
    assert event.tags == ("Off",)
    assert event.sources[0].quote == "1.10"
    assert t.sources["s"].outlet == "~"
    metric = event.metrics[0]
    assert type(metric.value) is Decimal
    assert str(metric.value) == "1.10"
    assert metric.unit == ""
    assert metric.citation.quote == ".inf"
    assert metric.comparison is not None
    assert metric.comparison.value == -7
    assert type(metric.comparison.value) is int
    assert metric.comparison.text == "="


def test_wrong_types_in_every_field_are_all_reported() -> None:
    with pytest.raises(LoadError) as info:
        tio.load(HOSTILE / "wrong-types.yaml")
    paths = {e.path: e for e in info.value.exceptions if isinstance(e, FieldError)}
    expected = {
        "title": "must be text, not a list",
        "sources[0].outlet": "must be text, not a mapping",
        "sources[0].published": "must be a time value written as text",
        "events[0].title": "must be text, not a mapping",
        "events[1].when": "not a list",
        "events[2].places": "must be a list of texts, or one text, not a mapping",
        "events[3].metrics[0].value": "not the text '1e3'",
        "events[3].metrics[1].value": "not a list",
        "events[3].metrics[2].value": "not the text '0x10'",
        "events[3].metrics[2].qualifier": "must be one of exact, about",
        "events[4].fiscal_year": "'next year'",
        "events[5].plaintiffs[0]": "must be non-empty text, not a list",
        "events[6].kind": "must be a registered kind",
        "events[7].sources": "must be a list, not the text 's'",
        "events[8].basis": "must be `stated`",
        "events[9]": "an event must be a mapping of fields, not the text 'just a string'",
        "relations[0].relation": "'sideways' is not a relation",
    }
    assert set(paths) == set(expected)
    for path, fragment in expected.items():
        assert fragment in paths[path].message, (path, paths[path].message)
        assert paths[path].line is not None
    assert paths["events[3].metrics[2].qualifier"].event_id == "w4"
    assert str(paths["events[3].metrics[2].qualifier"]).startswith(
        f"{HOSTILE / 'wrong-types.yaml'}:25:73: events[3] (w4).metrics[2].qualifier: "
    )


def test_unknown_fields_name_the_allowed_ones() -> None:
    with pytest.raises(LoadError) as info:
        tio.load(HOSTILE / "unknown-fields.yaml")
    text = messages(info.value)
    assert any(
        "unknown key 'colour'; a timeline file has timeline, title, sources" in m for m in text
    )
    assert any(
        "events[0] (u).agency: unknown field 'agency'; an event has the fields kind, id, title" in m
        for m in text
    )
    assert any(
        "metrics[0].hedge: unknown field 'hedge'; a metric has the fields id, name" in m
        for m in text
    )
    assert any("metrics[0].source: no source has the id 'nowhere'" in m for m in text)


def test_several_errors_are_reported_together() -> None:
    with pytest.raises(LoadError) as info:
        tio.load(HOSTILE / "several-errors.yaml")
    name = str(HOSTILE / "several-errors.yaml")
    assert messages(info.value) == [
        f"{name}:9:11: events[1] (bad-date).when: '2017-02-30': February has 28 days in 2017",
        f"{name}:11:5: events[2] (no-title): an event needs the field title",
        f"{name}:14:9: events[3] (fine).id: events[0] has the id 'fine' too",
    ]
    error = info.value.exceptions[0]
    assert isinstance(error, FieldError)
    assert (error.filename, error.line, error.column) == (name, 9, 11)
    assert (error.path, error.event_id) == ("events[1].when", "bad-date")
    assert error.message == "'2017-02-30': February has 28 days in 2017"
    assert str(info.value).splitlines() == [f"{name}: 3 errors", *messages(info.value)]


def test_errors_in_the_yaml_layer_come_with_the_field_errors() -> None:
    text = (
        "timeline: 1\nevents:\n  - {id: a, title: A, title: B, when: 2017}\n  - {id: b, when: x}\n"
    )
    error = load_error(text)
    assert messages(error) == [
        "<string>:3:23: events[0] (a).title: the key appears twice in this mapping "
        "(the first is kept)",
        "<string>:4:5: events[1] (b): an event needs the field title",
        "<string>:4:19: events[1] (b).when: 'x': not a date this library can read "
        "(EDTF such as 2017-02-13 or 2017-01/2017-04, or forms such as 'Feb 13, 2017', "
        "'January 2017', 'FY2018', 'Q3 2017')",
    ]


def test_load_error_is_a_timeline_error_and_an_exception_group() -> None:
    text = (HOSTILE / "several-errors.yaml").read_text()
    with pytest.raises(TimelineError):
        tio.loads(text)
    with pytest.raises(ExceptionGroup):
        tio.loads(text)
    caught = []
    try:
        tio.loads(text)
    except* FieldError as group:
        caught.append(group)
    assert len(caught) == 1
    assert isinstance(caught[0], LoadError)
    assert isinstance(caught[0], TimelineError)
    assert len(caught[0].exceptions) == 3
    for member in caught[0].exceptions:
        assert isinstance(member, FieldError)
        assert isinstance(member, ValueError)
        assert isinstance(member, TimelineError)
    for cls in (FieldError, YAMLSyntaxError, LimitError, DumpError):
        assert issubclass(cls, TimelineError)
        assert issubclass(cls, ValueError)


def test_field_errors_pickle() -> None:
    error = load_error((HOSTILE / "several-errors.yaml").read_text()).exceptions[0]
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error)
    assert (again.path, again.event_id, again.line) == (error.path, error.event_id, error.line)


def test_the_collector_is_left_as_found() -> None:
    assert gc.isenabled()
    tio.loads(tio.dumps(everything()))
    assert gc.isenabled()
    load_error("timeline: 2")
    assert gc.isenabled()
    gc.disable()
    try:
        tio.loads(tio.dumps(everything()))
        assert not gc.isenabled()
    finally:
        gc.enable()


# --------------------------------------------------------------------------------------
# Empty values, versions and the top of the file.


def test_empty_values() -> None:
    text = """\
timeline: 1
title:
sources:
events:
  - id: e
    title: A
    when: 2017
    summary:
    places:
    fiscal_year:
    kind: fiscal-year-report
    basis:
"""
    t = tio.loads(text)
    event = t["e"]
    assert isinstance(event, FiscalYearReport)
    assert (t.title, event.summary, event.places, event.fiscal_year) == ("", "", (), None)
    assert event.basis == DateBasis()
    # Required fields refuse the empty value, and both are reported.
    error = load_error("timeline: 1\nevents:\n  - {id: e, title: , when: }\n")
    assert messages(error) == [
        "<string>:3:20: events[0] (e).title: title must be non-empty text, not ''",
        "<string>:3:28: events[0] (e).when: '': empty text",
    ]


def test_the_version_is_required_and_must_be_1() -> None:
    assert "begins with `timeline: 1`" in str(load_error("title: x\n"))
    assert messages(load_error("timeline: 2\n")) == [
        "<string>:1:11: timeline: this is version 1 of the format; not the text '2'"
    ]
    assert tio.loads("timeline: 1\n") == Timeline()
    assert tio.from_records({"timeline": 1}) == Timeline()


def test_from_records_reads_numbers_and_booleans_given_as_such() -> None:
    records = tio.to_records(everything())
    [safe_city] = [r for r in records["events"] if r["id"] == "safe-city"]
    assert safe_city["metrics"][0]["value"] == 45
    assert safe_city["metrics"][1]["value"] == Decimal("498.0")
    assert tio.from_records(json.loads(json.dumps(records, default=str))) == everything()
    bad = {"timeline": 1, "events": [{"id": "e", "title": "t", "when": "2017", "places": [1.5]}]}
    with pytest.raises(LoadError) as info:
        tio.from_records(bad)
    assert messages(info.value) == [
        "<data>: events[0] (e).places[0]: must be non-empty text, not 1.5"
    ]


# --------------------------------------------------------------------------------------
# Derived dates are derived again.


def test_every_derived_date_is_rederived() -> None:
    error = load_error((HOSTILE / "derived-wrong.yaml").read_text(), filename="derived.yaml")
    assert messages(error) == [
        "derived.yaml:10:7: events[0] (safe-city).basis: 'the four days ending Wednesday' "
        "read against 2017-09-28 gives 2017-09-24/2017-09-27, not the when 2017-09-25/2017-09-27"
    ]


@pytest.mark.parametrize(
    ("basis", "fragment"),
    [
        ("{derived: yesterday, anchor: published}", "the event cites none"),
        ("{derived: yesterday, anchor: 'published:nope'}", "no source has the id 'nope'"),
        ("{derived: yesterday, anchor: 'published:s'}", "the source 's' has no published date"),
        ("{derived: yesterday, anchor: 2017-02-30}", "February has 28 days in 2017"),
        ("{derived: yesterday}", "needs the anchor"),
        ("{derived: not a phrase, anchor: 2017-01-02}", "does not read against the anchor"),
        ("{derived: '', anchor: 2017-01-02}", "must be the phrase"),
        ("{external: ''}", "must say how the date is known"),
        ("{derived: x, external: y}", "must be `stated`"),
        ("{derived: yesterday, anchor: 2017-01-02, colour: red}", "unknown field 'colour'"),
        ("{stated: x, note: y}", "unknown field 'stated'; a stated basis"),
        ("{external: x, anchor: y}", "unknown field 'anchor'; an external basis"),
        ("statd", "must be `stated`"),
    ],
)
def test_bad_bases(basis: str, fragment: str) -> None:
    text = (
        "timeline: 1\nsources: [{id: s}]\nevents:\n"
        f"  - {{id: e, title: t, when: 2017-01-01, basis: {basis}}}\n"
    )
    error = load_error(text)
    assert any(fragment in m for m in messages(error)), messages(error)
    assert all(isinstance(e, FieldError) and e.event_id == "e" for e in error.exceptions)


def test_derived_dates_of_sources() -> None:
    t = tio.loads(tio.dumps(everything()))
    assert t.sources["amny-follow-up"].basis.anchor_ref == "published:amny-2017-09-28"
    text = """\
timeline: 1
sources:
  - id: a
    published: 2017-09-27
    basis: {derived: yesterday, anchor: published}
"""
    assert "a source's anchor is `published:<another source's id>`" in str(load_error(text))
    text = text.replace("anchor: published}", "anchor: 'published:a'}")
    assert "cannot be derived from itself" in str(load_error(text))


# --------------------------------------------------------------------------------------
# What cannot be written.


def test_dump_refuses_what_would_not_read_back() -> None:
    bad_ref = Event(
        id="e",
        title="t",
        when=P("2017-09-27"),
        basis=DateBasis.derived("yesterday", P("2017-09-28"), anchor_ref="the article"),
    )
    with pytest.raises(DumpError, match=r"events\[0\]\.basis: the anchor is named 'the article'"):
        tio.dumps(Timeline([bad_ref]))
    wrong_anchor = attrs.evolve(
        bad_ref, basis=DateBasis.derived("yesterday", P("2017-09-28"), anchor_ref="published")
    )
    with pytest.raises(DumpError, match="is not the anchor kept"):
        tio.dumps(Timeline([wrong_anchor]))
    not_rederived = attrs.evolve(
        bad_ref, when=P("2017-09-26"), basis=DateBasis.derived("yesterday", P("2017-09-28"))
    )
    with pytest.raises(DumpError, match="gives 2017-09-27, not the when 2017-09-26"):
        tio.dumps(Timeline([not_rederived]))
    citation = Citation(AMNY, "q")
    twice = [Metric("n", 1, "u", citation, id="m"), Metric("n", 2, "u", citation, id="m")]
    with pytest.raises(DumpError, match=r"metrics\[1\]\.id: events\[0\]\.metrics\[0\] has the id"):
        tio.dumps(Timeline([Event(id="e", title="t", when=P("2017"), metrics=tuple(twice))]))
    dangling = Metric(
        "n",
        1,
        "u",
        citation,
        comparison=Comparison(ComparisonKind.CHANGE, 1, "%", "up", baseline="x"),
    )
    with pytest.raises(DumpError, match="no metric has the id 'x'"):
        tio.dumps(Timeline([Event(id="e", title="t", when=P("2017"), metrics=(dangling,))]))
    claim = RelationClaim("e", Relations.of(Relation.BEFORE), "e", Citation(UNCITED, "q"))
    with pytest.raises(DumpError, match="which the timeline does not list"):
        tio.dumps(Timeline([Event(id="e", title="t", when=P("2017"))], relations=[claim]))


# --------------------------------------------------------------------------------------
# The JSON Schema.


def test_json_schema_is_json_with_a_dialect() -> None:
    schema = tio.json_schema()
    assert json.loads(json.dumps(schema)) == schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    kinds = schema["$defs"]["event"]["properties"]["kind"]["enum"]
    assert {"event", "operation", "test-hearing"} <= set(kinds)
    assert kinds == sorted(timeline.events.event_kinds())


def test_json_schema_validates_files() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = tio.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    good, _, _ = _yaml.read((HOSTILE / "good.yaml").read_bytes())
    assert list(validator.iter_errors(good)) == []
    written, _, _ = _yaml.read(tio.dumps(everything()))
    assert list(validator.iter_errors(written)) == []
    # as other YAML tools see it: numbers are numbers, booleans booleans, `key:` is null
    seen = yaml.safe_load(tio.dumps(everything()) + "title:\n")
    [hearing] = [e for e in seen["events"] if e["id"] == "hearing"]
    assert hearing["public"] is True
    assert hearing["sessions"] == 3
    assert seen["title"] is None
    assert list(validator.iter_errors(json.loads(json.dumps(seen, default=str)))) == []
    for bad in (
        {"timeline": "1", "events": [{"id": "e", "title": "t", "when": "2017", "agency": "x"}]},
        {"timeline": "2"},
        {"timeline": "1", "colour": "red"},
        {"timeline": "1", "events": [{"id": "e", "title": "t"}]},
        {"timeline": "1", "events": [{"id": "e", "title": "t", "when": "2017", "kind": "nope"}]},
        {"timeline": "1", "sources": [{"id": "has space"}]},
    ):
        assert list(validator.iter_errors(bad)), bad
    operation = {
        "timeline": "1",
        "events": [{"id": "e", "kind": "operation", "title": "t", "when": "2017", "agency": "x"}],
    }
    assert list(validator.iter_errors(operation)) == []


def test_json_schema_validates_events_yaml() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data, _, _ = _yaml.read(EVENTS_YAML.read_bytes(), filename="events.yaml")
    errors = list(jsonschema.Draft202012Validator(tio.json_schema()).iter_errors(data))
    assert errors == []


# --------------------------------------------------------------------------------------
# The real data, and the fixture.


def test_good_fixture_loads() -> None:
    t = tio.load(HOSTILE / "good.yaml")
    assert (len(t), len(t.sources), len(t.relations)) == (5, 3, 2)
    operation = t["safe-city-operation"]
    assert isinstance(operation, Operation)
    assert operation.agency == "ICE"
    assert operation.basis.anchor == P("2017-09-28")
    assert operation.basis.anchor_ref == "published"
    assert operation.metrics[1].comparison is not None
    assert operation.metrics[1].comparison.baseline == "safe-city-arrests-nyc"
    assert t["chicago-v-sessions"].defendants == ("Jeff Sessions",)  # type: ignore[attr-defined]
    assert t.relations[1].relations == Relations.of(Relation.BEFORE, Relation.MEETS)
    assert tio.loads(tio.dumps(t)) == t


def test_events_yaml_loads_and_round_trips() -> None:
    # The bundled sample must always load: it is what the README's first command runs.
    t = tio.load(EVENTS_YAML)
    assert len(t) >= 40
    assert sum(len(e.metrics) for e in t) >= 65
    assert tio.loads(tio.dumps(t)) == t
    assert tio.dumps(tio.loads(tio.dumps(t))) == tio.dumps(t)


# --------------------------------------------------------------------------------------
# Staying light.


def test_import_does_not_load_yaml() -> None:
    code = "import timeline.io, sys; print(sorted(m for m in sys.modules if m[:4] == 'yaml'))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_public_names() -> None:
    assert sorted(tio.__all__) == sorted(set(tio.__all__))
    for name in tio.__all__:
        assert hasattr(tio, name)


# --------------------------------------------------------------------------------------
# Parts, contrasts, ambiguous units and stated notes.

STATED_FACTS = """\
timeline: 1
sources:
  - id: a
    outlet: A
events:
  - id: e
    title: Arrests
    when: "2017"
    sources:
      - {source: a, quote: "498 in all"}
    metrics:
      - id: total
        name: arrests
        value: "498"
        unit: people
        breakdown: partial
        source: a
        quote: "498 in all"
      - id: city
        name: arrests
        value: "28"
        unit: people
        place: Baltimore
        part_of: total
        source: a
        quote: "28 in Baltimore"
      - id: region-change
        name: change in arrests
        value: "29"
        unit: percent
        alternative_units: [people]
        source: a
        quote: "29 percent"
        contrasts:
          - {relation: more-than, other: national-change, text: "more than the national 13"}
      - id: national-change
        name: change in arrests
        value: "13"
        unit: percent
        source: a
        quote: "13 percent"
    notes:
      - text: The two figures cannot both be right.
        kind: inconsistency
        metrics: [total, city]
        sources:
          - {source: a, quote: "498 in all"}
          - {source: a, quote: "28 in Baltimore"}
      - text: A remark on a name.
        sources:
          - {source: a, quote: "in Baltimore"}
"""


def test_parts_contrasts_units_and_notes_are_read_and_round_trip() -> None:
    t = tio.loads(STATED_FACTS)
    total, city, region, _national = t["e"].metrics
    assert (total.breakdown, city.part_of) == (Breakdown.PARTIAL, "total")
    assert region.alternative_units == ("people",)
    assert region.contrasts == (
        Contrast(Hedge.MORE_THAN, "national-change", "more than the national 13"),
    )
    inconsistency, caveat = t["e"].notes
    assert inconsistency.kind is NoteKind.INCONSISTENCY
    assert inconsistency.metrics == ("total", "city")
    assert [c.quote for c in inconsistency.sources] == ["498 in all", "28 in Baltimore"]
    assert caveat.kind is NoteKind.CAVEAT
    assert tio.loads(tio.dumps(t)) == t
    written = tio.dumps(t)
    assert "part_of: total" in written
    assert "breakdown: partial" in written
    jsonschema = pytest.importorskip("jsonschema")
    data, _, _ = _yaml.read(written)
    assert list(jsonschema.Draft202012Validator(tio.json_schema()).iter_errors(data)) == []


@pytest.mark.parametrize(
    ("old", "new", "path", "fragment"),
    [
        ("part_of: total", "part_of: nowhere", "events[0].metrics[1].part_of", "'nowhere'"),
        (
            "other: national-change",
            "other: nowhere",
            "events[0].metrics[2].contrasts[0].other",
            "'nowhere'",
        ),
        ("metrics: [total, city]", "metrics: [total, gone]", "events[0].notes[0].metrics[1]", ""),
        ("breakdown: partial", "breakdown: some", "events[0].metrics[0].breakdown", "complete"),
        ("relation: more-than", "relation: above", "events[0].metrics[2].contrasts[0]", "more-th"),
        ("metrics: [total, city]", "metrics: [total]", "events[0].notes[0]", "two or more"),
        ("alternative_units: [people]", "alternative_units: [percent]", "events[0].metrics[2]", ""),
    ],
)
def test_bad_parts_contrasts_and_notes_are_placed(
    old: str, new: str, path: str, fragment: str
) -> None:
    assert old in STATED_FACTS
    error = load_error(STATED_FACTS.replace(old, new, 1))
    found = [e for e in error.exceptions if isinstance(e, FieldError)]
    assert [e.path for e in found if e.path.startswith(path)], messages(error)
    assert all(e.line is not None for e in found)
    assert any(fragment in str(e) for e in found)


def test_dump_refuses_parts_contrasts_and_notes_naming_no_metric() -> None:
    t = tio.loads(STATED_FACTS)
    event = t["e"]
    total, city, region, national = event.metrics
    for metrics, notes, where in (
        ((total, attrs.evolve(city, part_of="x"), region, national), event.notes, "part_of"),
        (
            (total, city, region, attrs.evolve(national, id="other")),
            event.notes,
            r"contrasts\[0\]\.other",
        ),
        (
            (total, city, region, national),
            (attrs.evolve(event.notes[0], metrics=("total", "x")),),
            r"notes\[0\]\.metrics\[1\]",
        ),
    ):
        changed = attrs.evolve(event, metrics=metrics, notes=notes)
        with pytest.raises(DumpError, match=where):
            tio.dumps(Timeline([changed], sources=t.sources.values()))
