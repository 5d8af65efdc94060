"""Hypothesis's entry point: teaches ``st.from_type`` the types of :mod:`timeline`.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (see
``[project.entry-points.hypothesis]`` in ``pyproject.toml``), so a user's tests
can write ``st.from_type(timeline.Event)`` or ``st.builds(f)`` for a function
annotated with :mod:`timeline` types without importing
:mod:`timeline.strategies`.

The hook imports :mod:`timeline` for its types (which roughly doubles the
time ``import hypothesis`` takes, a few tenths of a second) and registers a
function for each; :mod:`timeline.strategies` is imported the first time one
of the types is asked for.

What each type draws:

* every time value class, :class:`~timeline.TimeValue` (any of them),
  :class:`~timeline.OneOf` and :class:`~timeline.AllOf`, :class:`~timeline.Range`,
  :class:`~timeline.FiscalCalendar`, :class:`~timeline.Source`,
  :class:`~timeline.Citation`, :class:`~timeline.Comparison`,
  :class:`~timeline.DateBasis`, :class:`~timeline.Metric`,
  :class:`~timeline.Timeline`: the strategy of the same name with its defaults;
* :class:`~timeline.Event` and each registered kind: events of that class and
  of the registered kinds derived from it (``Statement`` draws statements and
  press releases), looked up at each draw, so that a kind registered later is
  drawn too;
* :class:`~timeline.Relations`: any set of Allen relations.

Enums (``Relation``, ``Precision``, ``Qualifier``, ``Hedge``, ...) need nothing:
hypothesis draws their members by itself. A kind of the user's own can be
registered the same way::

    st.register_type_strategy(Hearing, timeline.strategies.events(kinds=[Hearing]))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__: list[str] = []


def _strategy(name: str) -> Callable[[type], Any]:
    """A resolver that draws from ``timeline.strategies.<name>()``, imported on first use."""

    def resolve(_type: type) -> Any:
        from timeline import strategies

        return getattr(strategies, name)()

    return resolve


def _kinds(thing: type) -> Any:
    """Events of ``thing`` and of every registered kind derived from it, when drawn.

    Hypothesis keeps what ``from_type`` gave for a type, so the kinds are looked
    up at each draw: a kind registered after the first ``from_type(Event)`` is
    drawn all the same.
    """
    from hypothesis import strategies as st

    from timeline import strategies
    from timeline.events import event_kinds

    @st.composite
    def kinds_now(draw: st.DrawFn) -> Any:
        kinds = [cls for cls in event_kinds().values() if issubclass(cls, thing)]
        return draw(strategies.events(kinds=kinds))

    return kinds_now()


def _one_ofs(_type: type) -> Any:
    from timeline import strategies

    return strategies.sets(all_of=False)


def _all_ofs(_type: type) -> Any:
    from timeline import strategies

    return strategies.sets(one_of=False)


def _relations(_type: type) -> Any:
    from hypothesis import strategies as st

    from timeline.relations import Relation, Relations

    return st.frozensets(st.sampled_from(Relation)).map(lambda found: Relations.of(*found))


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    import timeline
    from timeline.events import event_kinds

    table: dict[type, Callable[[type], Any]] = {
        timeline.TimeValue: _strategy("time_values"),
        timeline.Extent: _strategy("extents"),
        timeline.Unspecified: _strategy("unspecified_values"),
        timeline.Moment: _strategy("moments"),
        timeline.Period: _strategy("periods"),
        timeline.Instant: _strategy("instants"),
        timeline.OneOf: _one_ofs,
        timeline.AllOf: _all_ofs,
        timeline.Range: _strategy("ranges"),
        timeline.FiscalCalendar: _strategy("fiscal_calendars"),
        timeline.DateBasis: _strategy("date_bases"),
        timeline.Source: _strategy("sources"),
        timeline.Citation: _strategy("citations"),
        timeline.Comparison: _strategy("comparisons"),
        timeline.Metric: _strategy("metrics"),
        timeline.Timeline: _strategy("timelines"),
        timeline.Relations: _relations,
    }
    for kind in event_kinds().values():
        table[kind] = _kinds
    for cls, resolve in table.items():
        st.register_type_strategy(cls, resolve)
