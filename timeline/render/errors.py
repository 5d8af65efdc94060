"""The error the renderers raise for arguments they cannot honour."""

from __future__ import annotations

from timeline.errors import TimelineError

__all__ = ["RenderError"]


class RenderError(TimelineError, ValueError):
    """A renderer was asked for something it cannot do.

    An unknown column, table format, heading key or lane kind, or a width
    too small to draw in; the message lists the valid choices.
    """
