"""The exception of :mod:`timeline.export`.

It is a :class:`~timeline.TimelineError` and a ``ValueError``, like the
library's other errors::

    TimelineError
    └── ExportError (ValueError)   an unknown format, a bad option, or data a format cannot hold
"""

from __future__ import annotations

from timeline.errors import ExportError

__all__ = ["ExportError"]
