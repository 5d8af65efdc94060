"""The error the renderers raise for arguments they cannot honour (see :class:`RenderError`)."""

from __future__ import annotations

from timeline.errors import RenderError

__all__ = ["RenderError"]
