"""The exception of :mod:`timeline.export`.

It is a :class:`~timeline.TimelineError` and a ``ValueError``, like the
library's other errors::

    TimelineError
    └── ExportError (ValueError)   an unknown format, a bad option, or data a format cannot hold
"""

from __future__ import annotations

from timeline.errors import TimelineError

__all__ = ["ExportError"]


class ExportError(TimelineError, ValueError):
    """An export could not be made: an unknown format or option, or a value it cannot write."""
