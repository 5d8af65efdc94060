"""The two backings of a timeline, for tests that run on both.

``held(t, "objects")`` is ``t``; ``held(t, "columns")`` is ``t`` with every
other event stripped to its kind, id, title and date (so that most rows are
columns, not kept objects), held as columns.
"""

from __future__ import annotations

import attrs

from timeline import Timeline

BACKINGS = ("objects", "columns")


def plain(event: object) -> object:
    """``event`` made of its id, title and date alone (kind kept), when its kind allows."""
    try:
        return type(event)(id=event.id, title=event.title, when=event.when)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return event


def held(t: Timeline, backing: str) -> Timeline:
    """``t`` on ``backing``: itself, or (mostly stripped to plain events) as columns."""
    if backing == "objects":
        return t
    assert backing == "columns"
    # Metrics may be named by other events' comparisons: events with metrics stay whole.
    events = [plain(e) if i % 2 == 0 and not e.metrics else e for i, e in enumerate(t)]
    if any(not attrs.has(type(e)) for e in events):
        raise AssertionError("events are attrs classes")
    stripped = Timeline(
        events,  # type: ignore[arg-type]
        sources=list(t.sources.values()),
        title=t.title,
        relations=t.relations,
    )
    out = stripped.columnar()
    assert out.backing == "columns"
    assert out == stripped
    return out
