"""The exceptions raised by :mod:`timeline`.

Every exception the library raises on purpose derives from
:class:`TimelineError`. Each leaf also subclasses the builtin exception a
caller would expect, so ``except ValueError`` keeps working::

    TimelineError
    ├── ParseError (ValueError)        text that is not a time value
    ├── CalendarError (ValueError)     a date or unit the calendar does not have
    ├── RangeError (ValueError)        a value outside what a conversion supports
    ├── ConstraintError (ValueError)   values or arguments that contradict each other
    ├── InconsistentError (ValueError) dates and asserted relations that cannot all hold
    │                                  (in timeline.network)
    ├── UnknownEventError (KeyError)   no event with that id
    ├── RenderError (ValueError)       a renderer asked for what it cannot do
    │                                  (in timeline.render)
    ├── ExportError (ValueError)       an unknown format or option, or data a format
    │                                  cannot hold (in timeline.export)
    └── MissingDependencyError (ImportError)
                                       an optional package a feature needs is not installed
"""

from __future__ import annotations

__all__ = [
    "CalendarError",
    "ConstraintError",
    "ExportError",
    "MissingDependencyError",
    "ParseError",
    "RangeError",
    "RenderError",
    "TimelineError",
    "UnknownEventError",
]


class TimelineError(Exception):
    """The root of every error :mod:`timeline` raises on purpose."""


class ParseError(TimelineError, ValueError):
    """Text could not be read as a time value.

    ``text`` is the input as given and ``reason`` says what is wrong with it;
    ``str(error)`` quotes both.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"{text!r}: {reason}")


class CalendarError(TimelineError, ValueError):
    """A date, week, quarter or fiscal year that the calendar does not have."""


class RangeError(TimelineError, ValueError):
    """A value outside the range a conversion supports (e.g. BCE days as ``pendulum.Date``)."""


class ConstraintError(TimelineError, ValueError):
    """Arguments that contradict each other, such as a period that ends before it starts."""


class UnknownEventError(TimelineError, KeyError):
    """No event has the id asked for."""

    def __init__(self, event_id: object) -> None:
        self.event_id = event_id
        super().__init__(event_id)

    def __str__(self) -> str:
        return f"no event with id {self.event_id!r}"


class MissingDependencyError(TimelineError, ImportError):
    """An optional package that a feature needs is not installed; the message says how."""


# Defined here, not in their subpackages, so that ``import timeline`` (which exports
# them) does not import every renderer and exporter.
class RenderError(TimelineError, ValueError):
    """A renderer was asked for something it cannot do.

    An unknown column, table format, heading key or lane kind, or a width
    too small to draw in; the message lists the valid choices.
    """


class ExportError(TimelineError, ValueError):
    """An export could not be made: an unknown format or option, or a value it cannot write."""
