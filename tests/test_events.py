"""The event model: validation, kinds, sources and numbers, the Timeline collection."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs
import pytest
from hypothesis import given, settings

import timeline
from timeline import parse
from timeline.collection import Timeline
from timeline.events import (
    Basis,
    Breakdown,
    Citation,
    Comparison,
    ComparisonKind,
    Contrast,
    DateBasis,
    Event,
    FiscalYearReport,
    Hedge,
    Metric,
    Note,
    NoteKind,
    Operation,
    PressRelease,
    RelationClaim,
    Source,
    Statement,
    event_kinds,
    kind_named,
    register_kind,
)
from timeline.relations import Relation, Relations
from timeline.strategies import events, metrics, timelines

AMNY = Source(
    "amny-2017-09-28",
    outlet="amNY",
    published=parse("2017-09-28"),
    file="003_aa38f0d9469e8c78.txt",
)


def cite(quote: str) -> Citation:
    return Citation(AMNY, quote)


def operation(**changes: object) -> Operation:
    base = Operation(
        id="safe-city",
        title="Operation Safe City",
        when=parse("2017-09-24/2017-09-27"),
        sources=[cite("over the course of the four days ending Wednesday")],
        metrics=[
            Metric("arrests", 45, "people", cite("arrested 45 people"), place="New York City"),
            Metric("arrests", 498, "people", cite("498 people"), place="United States"),
            Metric("arrests", 44, "people", cite("44 people"), place="New York City"),
        ],
        basis=DateBasis.derived(
            "the four days ending Wednesday", parse("2017-09-28"), anchor_ref="published"
        ),
        name="Safe City",
        agency="ICE",
    )
    return attrs.evolve(base, **changes)


def test_an_event_carries_its_sources_and_numbers() -> None:
    op = operation()
    assert op.kind == "operation"
    assert op.sources[0].source.outlet == "amNY"
    assert op.arrests_by_place == {"New York City": 45, "United States": 498}
    assert op.is_derived
    assert op.basis.rederive() == op.when
    assert str(op) == "Sep 24–27, 2017: Operation Safe City"


def test_lists_of_text_never_split_a_string() -> None:
    op = operation(places="New York City")
    assert op.places == ("New York City",)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"id": "has space"}, "id must be"),
        ({"title": "  "}, "title must be non-empty"),
        ({"when": "2017-01-01"}, "when must be a time value"),
        ({"sources": ["quote"]}, "sources must be a tuple of Citation"),
        ({"places": ["", "x"]}, "places must be a tuple of non-empty texts"),
        ({"basis": "stated"}, "basis must be a DateBasis"),
    ],
)
def test_bad_fields_are_refused(changes: dict[str, object], fragment: str) -> None:
    with pytest.raises(timeline.ConstraintError, match=fragment):
        operation(**changes)


def test_numbers_stay_exact() -> None:
    with pytest.raises(timeline.ConstraintError, match="float"):
        Metric("arrests", 1.5, "people", cite("q"))  # type: ignore[arg-type]
    with pytest.raises(timeline.ConstraintError, match="int or a Decimal"):
        Metric("arrests", True, "people", cite("q"))
    with pytest.raises(timeline.ConstraintError, match="finite"):
        Metric("arrests", Decimal("NaN"), "people", cite("q"))
    metric = Metric("share", Decimal("1.10"), "percent", cite("q"), qualifier=Hedge.JUST_UNDER)
    assert str(metric.value) == "1.10"
    assert str(metric) == "just under 1.10 percent share"


def test_comparisons_are_data() -> None:
    comparison = Comparison(
        ComparisonKind.CHANGE, 11, "percent", "an increase of 11 percent", baseline="fy2017"
    )
    metric = Metric(
        "arrests",
        158581,
        "people",
        cite("158,581 aliens"),
        period=parse("FY2018"),
        comparison=comparison,
        id="fy2018",
    )
    assert metric.comparison is comparison
    assert str(metric) == "158,581 people arrests (FY2018)"
    with pytest.raises(timeline.ConstraintError):
        Comparison("change", 11, "percent", "x")  # type: ignore[arg-type]


def test_parts_contrasts_and_ambiguous_units_are_data() -> None:
    total = Metric("arrests", 498, "people", cite("498 people"), id="total")
    assert (total.part_of, total.breakdown, total.alternative_units, total.contrasts) == (
        "",
        Breakdown.UNSTATED,
        (),
        (),
    )
    part = Metric("arrests", 28, "people", cite("28"), part_of="total", id="baltimore")
    assert part.part_of == "total"
    ambiguous = Metric(
        "with criminal records", 64, "people", cite("About 64"), alternative_units="percent"
    )
    assert ambiguous.alternative_units == ("percent",)  # one text is one unit
    contrast = Contrast(Hedge.MORE_THAN, "national", "more than the national average")
    assert Metric("change", 29, "percent", cite("29"), contrasts=[contrast]).contrasts == (
        contrast,
    )
    for changes, fragment in [
        ({"part_of": "has space"}, "part_of must be"),
        ({"part_of": "total", "id": "total"}, "another metric"),
        ({"breakdown": "partial"}, "breakdown must be a Breakdown"),
        ({"alternative_units": ["People"]}, "other units"),
        ({"contrasts": [Contrast(Hedge.ABOUT, "total", "the same")]}, "another metric"),
        ({"contrasts": ["more"]}, "tuple of Contrast"),
    ]:
        with pytest.raises(timeline.ConstraintError, match=fragment):
            attrs.evolve(total, **changes)
    with pytest.raises(timeline.ConstraintError, match="relation must be a Hedge"):
        Contrast("more-than", "x", "text")  # type: ignore[arg-type]
    with pytest.raises(timeline.ConstraintError, match="other must be"):
        Contrast(Hedge.MORE_THAN, "", "text")


def test_notes_are_data_with_citations() -> None:
    caveat = Note(
        "The official name is the Department of Correction.", sources=[cite("Corrections")]
    )
    assert (caveat.kind, caveat.metrics) == (NoteKind.CAVEAT, ())
    wrong = Note(
        "387 + 181 is more than 498.",
        NoteKind.INCONSISTENCY,
        [cite("Of the 387"), cite("181 do not")],
        ["with-records", "without-records"],
    )
    event = attrs.evolve(operation(), notes=[caveat, wrong])
    assert event.notes == (caveat, wrong)
    for args, fragment in [
        (("", NoteKind.CAVEAT), "text must be"),
        (("x", "caveat"), "kind must be a NoteKind"),
        (("x", NoteKind.INCONSISTENCY, [cite("q")], ["a"]), "two or more"),
        (("x", NoteKind.INCONSISTENCY, [cite("q")], ["a", "a"]), "two or more"),
        (("x", NoteKind.INCONSISTENCY, [], ["a", "b"]), "cites the words"),
        (("x", NoteKind.CAVEAT, [], ["not an id"]), "metric ids"),
    ]:
        with pytest.raises(timeline.ConstraintError, match=fragment):
            Note(*args)  # type: ignore[arg-type]
    with pytest.raises(timeline.ConstraintError, match="tuple of Note"):
        attrs.evolve(operation(), notes=["a note"])


def test_date_basis_rules() -> None:
    assert DateBasis.stated().basis is Basis.STATED
    external = DateBasis.external("ICE press release", note="dated Thursday")
    assert external.how == "ICE press release"
    assert external.note == "dated Thursday"
    with pytest.raises(timeline.ConstraintError, match="phrase and the anchor"):
        DateBasis(Basis.DERIVED, phrase="last week")
    with pytest.raises(timeline.ConstraintError, match="how it is known"):
        DateBasis(Basis.EXTERNAL)
    with pytest.raises(timeline.ConstraintError, match="only an external"):
        DateBasis(Basis.STATED, how="x")
    with pytest.raises(timeline.ConstraintError, match="only a derived"):
        DateBasis(Basis.STATED, phrase="x")
    with pytest.raises(timeline.ConstraintError, match="re-derived"):
        DateBasis.stated().rederive()


def test_kinds_are_registered_and_users_can_add_their_own() -> None:
    kinds = event_kinds()
    for name in (
        "event",
        "executive-order",
        "operation",
        "ruling",
        "fiscal-year-report",
        "law",
        "lawsuit",
        "statement",
        "press-release",
        "publication",
    ):
        assert name in kinds
    assert kind_named("press-release") is PressRelease
    assert issubclass(PressRelease, Statement)
    with pytest.raises(timeline.ConstraintError, match="unknown event kind"):
        kind_named("nope")

    @register_kind
    @attrs.frozen(kw_only=True)
    class Hearing(Event):
        kind: ClassVar[str] = "test-events-hearing"
        judge: str = ""

    assert kind_named("test-events-hearing") is Hearing
    hearing = Hearing(id="h", title="Hearing", when=parse("2018-03"), judge="Orrick")
    assert hearing.kind == "test-events-hearing"

    with pytest.raises(timeline.ConstraintError, match="already belongs"):

        @register_kind
        @attrs.frozen(kw_only=True)
        class Other(Event):
            kind: ClassVar[str] = "operation"

    with pytest.raises(timeline.ConstraintError, match="not an attrs subclass"):
        register_kind(int)


def test_fiscal_year_report_fields() -> None:
    report = FiscalYearReport(
        id="ice-fy2018",
        title="ICE FY2018 report",
        when=parse("2018-12"),
        fiscal_year=parse("FY2018"),
    )
    assert report.fiscal_year == parse("FY2018")


def test_timeline_collection() -> None:
    order = Event(id="order", title="Executive order", when=timeline.on(parse("2017-01")))
    report = FiscalYearReport(id="report", title="Report", when=parse("FY2018"))
    op = operation()
    t = Timeline([report, op, order], title="Sample")
    assert [e.id for e in t] == ["order", "safe-city", "report"]
    assert len(t) == 3
    assert t["safe-city"] is op
    assert "order" in t
    assert op in t
    assert t.sources == {"amny-2017-09-28": AMNY}
    with pytest.raises(timeline.UnknownEventError) as info:
        t["missing"]
    assert isinstance(info.value, KeyError)
    assert "missing" in str(info.value)
    assert t.get("missing") is None
    assert Timeline([order, op, report], title="Sample") == t
    assert hash(Timeline([order, op, report], title="Sample")) == hash(t)
    with pytest.raises(timeline.ConstraintError, match="two events"):
        Timeline([op, op])
    other = Source("amny-2017-09-28", outlet="amNY (another)")
    with pytest.raises(timeline.ConstraintError, match="cited but not listed"):
        Timeline([op], sources=[other])
    claim = RelationClaim("order", Relations.of(Relation.BEFORE), "safe-city")
    assert Timeline([order, op], relations=[claim]).relations == (claim,)
    with pytest.raises(timeline.ConstraintError, match="unknown event"):
        Timeline([order], relations=[claim])


@settings(max_examples=30)
@given(timelines(max_size=5))
def test_generated_timelines_are_consistent(t: Timeline) -> None:
    ids = [e.id for e in t]
    assert len(ids) == len(set(ids))
    keys = [timeline.sort_key(e.when) for e in t]
    assert keys == sorted(keys)
    for event in t:
        assert t[event.id] is event
        for citation in event.sources:
            assert t.sources[citation.source.id] == citation.source


@settings(max_examples=30)
@given(events(), metrics())
def test_generated_events_and_metrics_are_valid(event: Event, metric: Metric) -> None:
    assert kind_named(event.kind) is type(event)
    assert attrs.evolve(event) == event
    assert isinstance(metric.value, int | Decimal)
    str(event)
    str(metric)
