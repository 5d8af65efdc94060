"""Timelines as Mermaid diagrams: a ``timeline`` diagram and a ``gantt`` chart.

:func:`mermaid_timeline` writes one section per year and one line per event,
``<human date> : <title>``::

    timeline
        title Immigration enforcement
        section 2017
            Sep 24–27, 2017 : Operation Safe City

:func:`mermaid_gantt` writes one section per kind (in alphabetical order) and
one task per event, from the first day it could cover for as many days as
its hull (``dateFormat YYYY-MM-DD``; the length in days, so there is no
doubt whether an end date is included)::

    gantt
        title Immigration enforcement
        dateFormat YYYY-MM-DD
        section operation
            Operation Safe City :2017-09-24, 4d
            ICE operations ? :crit, 2017-02-06, 7d

Vague dates follow the shared policy (:class:`~timeline.export.Vague`,
docs/exports.md), ``vague="certain"`` by default: a task whose days are not
one known run (a vague, open or unknown end, a qualified date, a set with
gaps) is drawn over the days it surely covers, tagged ``crit`` (drawn in the
warning colour) with a label ending in `` ?``; a date with no certain day at
all ("one day somewhere in 2009–2017") is a ``milestone`` on its first
possible day, its label followed by its human date, never a bar as long as
its window. ``vague="possible"`` draws the possible days instead (``crit``,
`` ?``; a day somewhere as its window, labelled with its human date). An
open or unknown side is drawn to the chart's edge: the first or last day any
event of the chart could cover. Events outside years 1–9999 cannot be
written with ``YYYY-MM-DD`` and are left out of the gantt chart.

**Labels.** Mermaid reads ``:`` as the end of a label, ``#`` and ``%%`` as
the start of a comment, and ``;`` as the end of a statement, and a line
break would end the line. Labels are put on one line
(:func:`timeline.safe.one_line`: control characters become visible escapes
and line breaks ``⏎``), and ``#``, ``:``, ``;``, ``%``, ``&``, ``<`` and
``>`` become Mermaid's entity codes (``#35;``, ``#58;``, ``#59;``, ``#37;``,
``#38;``, ``#60;``, ``#62;``), which Mermaid shows as the characters
themselves. A gantt label that starts with one of the chart's keywords
(``title``, ``section``, ``excludes``...) has its first letter written as an
entity code too, so it cannot be read as that statement.
"""

from __future__ import annotations

import itertools
from typing import Final

from timeline import calendar as cal
from timeline.collection import Timeline
from timeline.events import Event
from timeline.export._common import (
    Drawn,
    Vague,
    check_timeline,
    check_vague,
    day_text,
    edges,
    hull,
    is_date_day,
)
from timeline.export.errors import ExportError
from timeline.safe import one_line
from timeline.when import _human_year

__all__ = ["chart_policy", "mermaid_gantt", "mermaid_timeline"]

_ENTITIES: Final = {c: f"#{ord(c)};" for c in "#:;%&<>"}
_TABLE: Final = str.maketrans(_ENTITIES)
_GANTT_KEYWORDS: Final = (
    "accdescr",
    "acctitle",
    "axisformat",
    "click",
    "dateformat",
    "displaymode",
    "excludes",
    "gantt",
    "inclusiveenddates",
    "includes",
    "section",
    "tickinterval",
    "title",
    "todaymarker",
    "topaxis",
    "weekday",
    "weekend",
)
_INDENT: Final = "    "
_OPEN_START: Final = "Open start"


def _label(text: str) -> str:
    """``text`` as one Mermaid label: on one line, with Mermaid's special characters encoded."""
    return one_line(text).translate(_TABLE).strip()


def _gantt_label(text: str) -> str:
    out = _label(text)
    if out.lower().startswith(_GANTT_KEYWORDS):
        out = f"#{ord(out[0])};{out[1:]}"
    return out


def _section(event: Event) -> str:
    lo = event.when.earliest_day
    return _OPEN_START if lo is None else _human_year(cal.from_rd(lo)[0])


def mermaid_timeline(timeline: Timeline) -> str:
    """``timeline`` as a Mermaid ``timeline`` diagram (text ending in a newline).

    Sections are the years of the events' first possible days, in the
    timeline's order (events with an open start come first, under ``Open
    start``); each event is one ``<human date> : <title>`` line.
    """
    check_timeline(timeline)
    lines = ["timeline"]
    if timeline.title:
        lines.append(f"{_INDENT}title {_label(timeline.title)}")
    for section, events in itertools.groupby(timeline, key=_section):
        lines.append(f"{_INDENT}section {_label(section)}")
        lines.extend(f"{_INDENT * 2}{_label(str(e.when))} : {_label(e.title)}" for e in events)
    return "\n".join(lines) + "\n"


def chart_policy(vague: object) -> Vague:
    """The policy of a chart that shows every event: ``certain`` (the default) or ``possible``."""
    policy = check_vague(vague, Vague.CERTAIN)
    if policy is Vague.DEFINITE:
        raise ExportError("a chart shows every event: vague must be 'certain' or 'possible'")
    return policy


def mermaid_gantt(timeline: Timeline, *, vague: Vague | str | None = None) -> str:
    """``timeline`` as a Mermaid ``gantt`` chart (text ending in a newline).

    One section per kind, kinds in alphabetical order, events in the
    timeline's order within each; see the module's documentation for vague
    tasks (``vague``: ``"certain"``, the default, or ``"possible"``) and open ends.
    """
    check_timeline(timeline)
    policy = chart_policy(vague)
    lines = ["gantt"]
    if timeline.title:
        lines.append(f"{_INDENT}title {_label(timeline.title)}")
    lines.append(f"{_INDENT}dateFormat YYYY-MM-DD")
    edge = edges(timeline)
    by_kind: dict[str, list[str]] = {}
    for event in timeline:
        days = hull(event.when, policy, edge)
        assert days is not None  # only the definite policy leaves dates out
        first, last = days.first, days.last
        if not (is_date_day(first) and is_date_day(last)):
            continue
        title = _gantt_label(event.title)
        if days.drawn is Drawn.DEFINITE:
            task = f"{title} :{day_text(first)}, {last - first + 1}d"
        elif days.drawn is Drawn.MARKER:
            task = f"{title} ({_label(str(event.when))}) :milestone, {day_text(first)}, 0d"
        elif days.drawn is Drawn.SOMEWHERE:
            task = f"{title} ({_label(str(event.when))}) ? :crit, {day_text(first)}, "
            task += f"{last - first + 1}d"
        else:
            task = f"{title} ? :crit, {day_text(first)}, {last - first + 1}d"
        by_kind.setdefault(event.kind, []).append(_INDENT * 2 + task)
    for kind in sorted(by_kind):
        lines.append(f"{_INDENT}section {_label(kind)}")
        lines.extend(by_kind[kind])
    return "\n".join(lines) + "\n"
