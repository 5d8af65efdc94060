"""Hypothesis's entry point: teaches ``st.from_type`` the types of :mod:`timeline`.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (see
``[project.entry-points.hypothesis]`` in ``pyproject.toml``), so a user's tests
can write ``st.from_type(timeline.Event)`` or ``st.builds(f)`` for a function
annotated with :mod:`timeline` types without importing
:mod:`timeline.strategies`. The registration is lazy: the strategies module is
imported the first time one of the types is asked for.
"""

from __future__ import annotations

from typing import Any


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    import timeline
    from timeline import strategies as tst

    def lazily(make: Any) -> Any:
        return lambda _type: make()

    table: dict[type, Any] = {
        timeline.TimeValue: tst.time_values,
        timeline.Extent: tst.extents,
        timeline.Unspecified: tst.unspecified_values,
        timeline.Moment: tst.moments,
        timeline.Period: tst.periods,
        timeline.Instant: tst.instants,
        timeline.FiscalCalendar: tst.fiscal_calendars,
        timeline.Source: tst.sources,
        timeline.Citation: tst.citations,
        timeline.Metric: tst.metrics,
        timeline.Event: tst.events,
        timeline.Timeline: tst.timelines,
    }
    for cls, make in table.items():
        st.register_type_strategy(cls, lazily(make))
