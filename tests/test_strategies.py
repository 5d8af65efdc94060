"""timeline.strategies as a public module: reach, bounds, validation, registration.

What the strategies promise in their docstrings, checked: every precision and
every Allen relation and event kind they claim to make comes up, values stay
in the years asked for, bad arguments fail when the strategy is made, whole
timelines survive YAML, and ``st.from_type`` knows every public type.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

import timeline
from timeline import calendar as cal
from timeline import strategies as tst
from timeline.events import event_kinds
from timeline.relations import Relation, Relations, relate
from timeline.when import Precision, TimeValue

REPO = Path(__file__).resolve().parents[1]

#: The profile's budget, capped: these tests draw big values.
FEW = settings(max_examples=min(settings.default.max_examples, 40), deadline=None)


def reach(
    strategy: SearchStrategy[Any], condition: Callable[[Any], bool], budget: int = 2000
) -> Any:
    """The first value of ``strategy`` that meets ``condition``; fails if none in ``budget``."""
    return find(
        strategy,
        condition,
        settings=settings(
            max_examples=budget,
            phases=[Phase.generate],
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


# --------------------------------------------------------------------------------------
# Reach: every precision, relation and kind the strategies claim to make.

INSTANT_UNITS = (Precision.HOUR, Precision.MINUTE, Precision.SECOND)
UNSPECIFIED_PRECISIONS = (Precision.YEAR, Precision.MONTH, Precision.DAY)

PRECISION_CLAIMS: list[tuple[str, Callable[[], SearchStrategy[TimeValue]], Precision]] = [
    *(("extents", tst.extents, p) for p in tst.EXTENT_PRECISIONS),
    *(("instants", tst.instants, p) for p in INSTANT_UNITS),
    *(("unspecified_values", tst.unspecified_values, p) for p in UNSPECIFIED_PRECISIONS),
    # time_values draws from all of the above.
    *(
        ("time_values", tst.time_values, p)
        for p in (*tst.EXTENT_PRECISIONS, *INSTANT_UNITS)
        if p is not Precision.DECADE  # decades come up below, through extents
    ),
]


@pytest.mark.parametrize(
    ("name", "make", "precision"),
    PRECISION_CLAIMS,
    ids=[f"{name}-{p.name}" for name, _, p in PRECISION_CLAIMS],
)
def test_every_claimed_precision_is_reachable(
    name: str, make: Callable[[], SearchStrategy[TimeValue]], precision: Precision
) -> None:
    value = reach(make(), lambda v: v.precision is precision)
    assert value.precision is precision
    assert timeline.parse(value.edtf) == value


def test_no_strategy_claims_a_precision_it_cannot_make() -> None:
    # Centuries have no form of their own: asking for them is an error, not an empty draw.
    with pytest.raises(InvalidArgument):
        tst.extents(precisions=[Precision.CENTURY])
    assert set(tst.EXTENT_PRECISIONS) | set(INSTANT_UNITS) == set(Precision) - {Precision.CENTURY}


@pytest.mark.parametrize("relation", list(Relation), ids=lambda r: r.name)
def test_every_allen_relation_is_reachable_without_asking(relation: Relation) -> None:
    a, b = reach(tst.related_pairs(), lambda pair: relate(*pair).certain is relation, 1000)
    assert relate(a, b) == Relations.of(relation)


@pytest.mark.parametrize("relation", list(Relation), ids=lambda r: r.name)
@FEW
@given(data=st.data())
def test_related_pairs_are_in_exactly_that_relation(
    relation: Relation, data: st.DataObject
) -> None:
    a, b = data.draw(tst.related_pairs(relation), label="pair")
    assert a.is_definite
    assert b.is_definite
    assert relate(a, b) == Relations.of(relation)
    assert relate(b, a) == Relations.of(relation.converse)


@pytest.mark.parametrize("cls", sorted(event_kinds().values(), key=lambda c: c.kind), ids=str)
def test_every_event_kind_is_reachable(cls: type[timeline.Event]) -> None:
    event = reach(tst.events(), lambda e: type(e) is cls)
    assert event.kind == cls.kind


@pytest.mark.parametrize(
    "kinds",
    [[timeline.Statement], ["statement"], [timeline.Law, "ruling"], [timeline.Event]],
    ids=str,
)
@FEW
@given(data=st.data())
def test_events_draw_exactly_the_kinds_asked_for(kinds: list[Any], data: st.DataObject) -> None:
    event = data.draw(tst.events(kinds=kinds))
    names = {k if isinstance(k, str) else k.kind for k in kinds}
    assert event.kind in names
    assert type(event) is event_kinds()[event.kind]


# --------------------------------------------------------------------------------------
# Bounds.


def years_of(value: TimeValue) -> list[int]:
    """The calendar years of the first and last days ``value`` may cover."""
    days = [d for d in (value.earliest_day, value.latest_day) if d is not None]
    return [cal.from_rd(d)[0] for d in days]


# Units numbered by a year of the range may spill over it: a decade by up to nine years,
# a fiscal year or a winter by one.
SPILL = 10


@FEW
@given(
    data=st.data(),
    lo=st.integers(-2000, 9000),
    width=st.integers(0, 40),
)
def test_events_and_their_parts_honour_the_years(data: st.DataObject, lo: int, width: int) -> None:
    hi = min(lo + width, tst.MAX_YEAR)
    event = data.draw(tst.events(min_year=lo, max_year=hi))
    values: list[TimeValue] = [event.when]
    for citation in event.sources:
        if citation.source.published is not None:
            values.append(citation.source.published)
    for metric in event.metrics:
        if metric.period is not None:
            values.append(metric.period)
    for value in values:
        for year in years_of(value):
            assert lo - SPILL <= year <= hi + SPILL, (value, lo, hi)


@FEW
@given(data=st.data(), lo=st.integers(1, 9998), width=st.integers(0, 3))
def test_sources_are_published_within_the_years(data: st.DataObject, lo: int, width: int) -> None:
    hi = min(lo + width, tst.MAX_YEAR)
    source = data.draw(tst.sources(min_year=lo, max_year=hi))
    if source.published is not None:
        assert all(lo <= y <= hi for y in years_of(source.published))


@FEW
@given(data=st.data(), lo=st.integers(1, 9990), width=st.integers(0, 5))
def test_related_pairs_honour_the_years(data: st.DataObject, lo: int, width: int) -> None:
    hi = min(lo + width, 9998)
    for value in data.draw(tst.related_pairs(min_year=lo, max_year=hi)):
        assert all(lo <= y <= hi for y in years_of(value)), (value, lo, hi)


@FEW
@given(tst.ranges(min_year=1990, max_year=1995))
def test_ranges_are_ordered_units_of_one_precision(value: timeline.Range) -> None:
    ends = [e for e in (value.low, value.high) if e is not None]
    assert ends
    assert len({e.precision for e in ends}) == 1
    if value.low is not None and value.high is not None:
        assert value.low.first <= value.high.first
    for end in ends:
        assert all(1990 - SPILL <= y <= 1995 + SPILL for y in years_of(end))


@FEW
@given(tst.sets(one_of=False), tst.sets(all_of=False))
def test_sets_of_one_kind(all_of: TimeValue, one_of: TimeValue) -> None:
    assert isinstance(all_of, timeline.AllOf)
    assert isinstance(one_of, timeline.OneOf)


# --------------------------------------------------------------------------------------
# Validation: eager, with InvalidArgument, for every public strategy.

PUBLIC = {
    name: getattr(tst, name)
    for name in tst.__all__
    if inspect.isfunction(getattr(tst, name)) and not name.startswith("_")
}

# Arguments a strategy needs before any other can be checked.
REQUIRED: dict[str, dict[str, Any]] = {
    "related_triples": {"first": Relation.BEFORE, "second": Relation.MEETS},
}


SIMPLEST = [
    (tst.days(), "2000-01-01"),
    (tst.extents(), "2000-01-01"),
    (tst.weeks(), "2000-W01"),
    (tst.fiscal_years(), "FY2000"),
    (tst.fiscal_quarters(), "FY2000-Q1"),
    (tst.unspecified_values(), "200X"),
    (tst.moments(qualified=False), "on(2000s)"),
    (tst.periods(), "2000-01-01/2000-01-01"),
    (tst.ranges(), "2000-01-01..2000-01-01"),
    (tst.instants(), "2000-01-01T00:00:00Z"),
    (tst.instants(zones=["America/New_York"], fixed_offsets=False), None),
    (tst.time_values(), "2000-01-01"),
]


@pytest.mark.parametrize(("strategy", "edtf"), SIMPLEST, ids=[str(e) for _, e in SIMPLEST])
def test_failures_shrink_to_the_documented_value(
    strategy: SearchStrategy[TimeValue], edtf: str | None
) -> None:
    # What a user sees when a property fails for every value: the simplest one.
    simplest = find(
        strategy,
        lambda _: True,
        settings=settings(database=None, derandomize=True, suppress_health_check=list(HealthCheck)),
    )
    if edtf is None:  # midnight on 2000-01-01 in the zone
        assert simplest.edtf.startswith("2000-01-01T00:00:00-05:00"), simplest.edtf
    else:
        assert simplest.edtf == edtf


def test_events_shrink_to_the_plainest() -> None:
    quiet = settings(database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    event = find(tst.events(), lambda _: True, settings=quiet)
    assert type(event) is timeline.Event
    assert (event.when.edtf, event.sources, event.metrics) == ("2000-01-01", (), ())


def test_every_public_strategy_returns_a_strategy_and_says_what_it_shrinks_towards() -> None:
    assert len(PUBLIC) >= 20
    for name, function in PUBLIC.items():
        assert isinstance(function(**REQUIRED.get(name, {})), SearchStrategy), name
        doc = inspect.getdoc(function) or ""
        assert "Shrinks towards" in doc, f"{name} does not say what it shrinks towards"
        hints = inspect.get_annotations(function)
        assert str(hints["return"]).startswith("SearchStrategy["), name


def bad_calls() -> list[tuple[str, str, object]]:
    """(strategy, argument, bad value) for every argument with a plain default."""
    found = []
    for name, function in PUBLIC.items():
        for param in inspect.signature(function).parameters.values():
            default = param.default
            if isinstance(default, bool):
                found += [(name, param.name, 1), (name, param.name, "yes")]
            elif isinstance(default, int):
                found += [(name, param.name, str(default)), (name, param.name, True)]
                found.append((name, param.name, 10**6 if "year" in param.name else -(10**6)))
            elif default is None and param.name not in ("relation",):
                found += [(name, param.name, "nonsense"), (name, param.name, 42)]
    return found


@pytest.mark.parametrize(("name", "argument", "value"), bad_calls(), ids=repr)
def test_every_argument_is_checked_when_the_strategy_is_made(
    name: str, argument: str, value: object
) -> None:
    with pytest.raises(InvalidArgument):
        PUBLIC[name](**{**REQUIRED.get(name, {}), argument: value})


@attrs.frozen(kw_only=True)
class Unregistered(timeline.Event):
    """A kind of event that nobody passed to ``register_kind``."""

    kind: ClassVar[str] = "unregistered-kind"


BAD: dict[str, Callable[[], object]] = {
    "kinds a str": lambda: tst.events(kinds="event"),
    "kinds not iterable": lambda: tst.events(kinds=5),  # type: ignore[arg-type]
    "kinds holds an int": lambda: tst.events(kinds=[3]),  # type: ignore[list-item]
    "kinds holds an unregistered class": lambda: tst.events(kinds=[Unregistered]),
    "kinds holds a non-event class": lambda: tst.events(kinds=[int]),  # type: ignore[list-item]
    "kinds empty": lambda: tst.events(kinds=[]),
    "kinds unknown name": lambda: tst.events(kinds=["hearing-of-nobody"]),
    "timelines kinds unknown": lambda: tst.timelines(kinds=["nope"]),
    "timelines min_size > max_size": lambda: tst.timelines(min_size=3, max_size=2),
    "timelines negative size": lambda: tst.timelines(min_size=-1),
    "sets of no kind": lambda: tst.sets(one_of=False, all_of=False),
    "relation a str": lambda: tst.related_pairs("before"),  # type: ignore[arg-type]
    "related_pairs year 0 only": lambda: tst.related_pairs(min_year=-5, max_year=0),
    "related_triples second a str": lambda: tst.related_triples(
        Relation.BEFORE,
        "meets",  # type: ignore[arg-type]
    ),
    "related_triples year 9999 only": lambda: tst.related_triples(
        Relation.BEFORE, Relation.BEFORE, min_year=9999
    ),
    "zone not a str": lambda: tst.instants(zones=[1]),  # type: ignore[list-item]
    "calendars a calendar": lambda: tst.fiscal_quarters(
        calendars=timeline.FiscalCalendar.UK_TAX  # type: ignore[arg-type]
    ),
    "weekday a bool": lambda: tst.weeks(first_weekdays=[True]),
    "units a precision": lambda: tst.instants(units=Precision.HOUR),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("call", list(BAD.values()), ids=list(BAD))
def test_bad_arguments_raise_invalid_argument_at_once(call: Callable[[], object]) -> None:
    with pytest.raises(InvalidArgument):
        call()


# --------------------------------------------------------------------------------------
# Whole timelines survive YAML.


@settings(
    max_examples=min(settings.default.max_examples, 60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tst.timelines())
def test_timelines_round_trip_through_yaml(t: timeline.Timeline) -> None:
    text = timeline.dumps(t)
    again = timeline.loads(text)
    assert again == t
    assert timeline.dumps(again) == text


def test_timelines_reach_shared_sources_and_baselines() -> None:
    def shared(t: timeline.Timeline) -> bool:
        cited = [c.source.id for e in t for c in e.sources]
        return len(cited) > len(set(cited))

    assert reach(tst.timelines(), shared, 300)
    assert reach(
        tst.timelines(),
        lambda t: any(m.comparison and m.comparison.baseline for e in t for m in e.metrics),
        300,
    )


# --------------------------------------------------------------------------------------
# st.from_type, through the entry point.

FROM_TYPE: list[type] = [
    timeline.TimeValue,
    timeline.Extent,
    timeline.Unspecified,
    timeline.Moment,
    timeline.Period,
    timeline.Instant,
    timeline.OneOf,
    timeline.AllOf,
    timeline.Range,
    timeline.FiscalCalendar,
    timeline.DateBasis,
    timeline.Source,
    timeline.Citation,
    timeline.Comparison,
    timeline.Metric,
    timeline.Timeline,
    timeline.Relations,
    timeline.Relation,
    timeline.Precision,
    timeline.Event,
    timeline.Operation,
    timeline.Ruling,
    timeline.ExecutiveOrder,
    timeline.Law,
    timeline.Lawsuit,
    timeline.Statement,
    timeline.PressRelease,
    timeline.Publication,
    timeline.FiscalYearReport,
]


@pytest.mark.parametrize("cls", FROM_TYPE, ids=lambda c: c.__name__)
def test_from_type_draws_the_type(cls: type) -> None:
    @FEW
    @given(st.from_type(cls))
    def check(value: object) -> None:
        # A kind draws its own instances or those of kinds derived from it.
        assert isinstance(value, cls)

    check()


def test_from_type_of_a_kind_reaches_its_derived_kinds() -> None:
    press = reach(st.from_type(timeline.Statement), lambda e: type(e) is timeline.PressRelease)
    assert isinstance(press, timeline.Statement)
    plain = reach(st.from_type(timeline.Statement), lambda e: type(e) is timeline.Statement)
    assert plain.kind == "statement"
    for cls in event_kinds().values():
        assert type(reach(st.from_type(timeline.Event), lambda e, c=cls: type(e) is c)) is cls


@attrs.frozen(kw_only=True)
class LateHearing(timeline.Event):
    """A kind registered after hypothesis has resolved ``Event`` once."""

    kind: ClassVar[str] = "late-hearing"


def test_from_type_reaches_a_kind_registered_later(monkeypatch: pytest.MonkeyPatch) -> None:
    before = st.from_type(timeline.Event)
    assert type(reach(before, lambda e: True)) in event_kinds().values()
    # Registered for this test only: the registry is put back afterwards.
    monkeypatch.setitem(sys.modules["timeline.events"]._KINDS, LateHearing.kind, LateHearing)
    after = st.from_type(timeline.Event)
    assert type(reach(after, lambda e: type(e) is LateHearing)) is LateHearing


def test_from_type_of_relations_reaches_several() -> None:
    found = reach(st.from_type(timeline.Relations), lambda r: len(r) >= 3)
    assert isinstance(found, Relations)


def test_builds_fills_annotated_arguments() -> None:
    def days_between(first: timeline.Event, second: timeline.Source) -> tuple[object, object]:
        return first, second

    @FEW
    @given(st.builds(days_between))
    def check(pair: tuple[object, object]) -> None:
        assert isinstance(pair[0], timeline.Event)
        assert isinstance(pair[1], timeline.Source)

    check()


def test_the_hook_does_not_import_the_strategies() -> None:
    # Importing hypothesis runs the hook; the strategies come only when a type is asked for.
    script = textwrap.dedent(
        """
        import sys
        import hypothesis
        from hypothesis import strategies as st
        assert "timeline" in sys.modules, "the hook did not run"
        assert "timeline.strategies" not in sys.modules
        import timeline
        assert "timeline.strategies" not in sys.modules
        strategy = st.from_type(timeline.Event)
        once = hypothesis.settings(database=None)
        event = hypothesis.find(strategy, lambda e: True, settings=once)
        assert isinstance(event, timeline.Event)
        assert "timeline.strategies" in sys.modules
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
