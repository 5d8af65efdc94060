"""Testing your own code with timeline's strategies.

Two functions of the kind a project using :mod:`timeline` writes for itself,
each tested with :mod:`hypothesis` and :mod:`timeline.strategies`:

* ``federal_fiscal_year``: the US federal fiscal year of a date, worked out
  by hand (October starts the next fiscal year) for a report's column
  headings. Checked against :func:`timeline.fiscal_year_of` on days that the
  strategies draw often at the boundaries (30 September, 1 October, ...).
* ``days_apart``: the number of days from the first possible day of one
  event to the first possible day of another. When :func:`timeline.relate`
  says the first event is certainly before the second, it is never negative.

Run it as a script (``python examples/property_test.py``) or with pytest
(``pytest examples/property_test.py``); both run every test.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline import strategies as tst

# --------------------------------------------------------------------------------------
# The code under test.


def federal_fiscal_year(day: date) -> int:
    """2018 for any day from 1 October 2017 to 30 September 2018."""
    return day.year + 1 if day.month >= 10 else day.year


def days_apart(first: timeline.Event, second: timeline.Event) -> int:
    """Days from the earliest day ``first`` may have happened to that of ``second``."""
    a, b = first.when.earliest_day, second.when.earliest_day
    if a is None or b is None:
        raise ValueError("an event without a first possible day")
    return b - a


# --------------------------------------------------------------------------------------
# The tests.


@settings(max_examples=200)
@given(tst.days(min_year=1, max_year=9998))
def test_federal_fiscal_year_agrees_with_timeline(day: timeline.Extent) -> None:
    mine = timeline.fiscal_year(federal_fiscal_year(day.earliest))
    assert mine == timeline.fiscal_year_of(day.earliest)
    assert mine.first <= day.first <= mine.last


def as_event(value: timeline.TimeValue, event_id: str) -> timeline.Event:
    return timeline.Event(id=event_id, title=f"Event {event_id}", when=value)


@settings(max_examples=200)
@given(
    st.sampled_from([timeline.Relation.BEFORE, timeline.Relation.MEETS]).flatmap(tst.related_pairs)
)
def test_days_apart_is_positive_when_one_event_is_before_the_other(
    pair: tuple[timeline.TimeValue, timeline.TimeValue],
) -> None:
    first, second = as_event(pair[0], "first"), as_event(pair[1], "second")
    assert timeline.relate(first, second).certain in (
        timeline.Relation.BEFORE,
        timeline.Relation.MEETS,
    )
    assert days_apart(first, second) > 0


@settings(max_examples=100)
@given(tst.related_pairs())
def test_days_apart_is_antisymmetric(pair: tuple[timeline.TimeValue, timeline.TimeValue]) -> None:
    first, second = as_event(pair[0], "first"), as_event(pair[1], "second")
    assert days_apart(first, second) == -days_apart(second, first)


TESTS = (
    test_federal_fiscal_year_agrees_with_timeline,
    test_days_apart_is_positive_when_one_event_is_before_the_other,
    test_days_apart_is_antisymmetric,
)


def main() -> int:
    for test in TESTS:
        test()
        print(f"passed: {test.__name__}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
