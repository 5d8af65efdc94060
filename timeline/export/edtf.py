"""Timelines as EDTF lines: ``<id> TAB <edtf> TAB <timeline notation> TAB <title>``, one per event.

For scripts, diffs and other EDTF tools. The second field is pure EDTF
(ISO 8601-2, the forms python-edtf reads), written by :func:`pure_edtf`; the
third is the event's date in this library's own notation
(:attr:`~timeline.TimeValue.edtf`), which :func:`timeline.parse` reads back
exactly (``parse(notation) == event.when``) and which keeps what EDTF cannot
say: fiscal years, ISO weeks, parts of periods, centuries, a day somewhere in
a span. The title is put on one line with control characters shown as
visible escapes (:func:`timeline.safe.one_line`; tabs become spaces).

What :func:`pure_edtf` writes, value by value (each text denotes an interval
of days whose bounds are the value's first and last possible days;
docs/exports.md says what each form loses):

a day, month or year (``2017-01``, ``2016-12?``, ``2004-?06-~11``)
    the same.
a unit EDTF has no name for, or names only by convention
    its interval of days: ``FY2017`` is ``2016-10-01/2017-09-30``, ``2017-W06``
    ``2017-02-06/2017-02-12``, ``early(2017)`` ``2017-01-01/2017-04-30``,
    ``century(19)`` ``1801-01-01/1900-12-31``; the same for fiscal quarters,
    seasons, quarters, halves and decades. A qualifier goes on both ends.
unspecified digits
    the same where each month and day is all digits or all ``X`` (``201X``,
    ``2017-09-XX``); otherwise one of a set of the units allowed
    (``1984-1X`` is ``[1984-10..1984-12]``).
one day somewhere (``on(2017-02-06/2017-02-13)``)
    one of a set of days: ``[2017-02-06..2017-02-13]``.
a period ``A/B``
    each end written as an interval end: a day, month or year as it is; any
    other end as the year or month that is exactly its possible first (for
    the start) or last (for the end) days, else its first (last) possible
    day, and ``..`` where that is unbounded (``2014-XX-XX/[2019-09-25..]``
    is ``2014/..``).
a set (``[...]``, ``{...}``)
    its members as EDTF set members, a member EDTF has no form for as the
    run of its days (``[2017,FY2018]`` is ``[2017,2017-10-01..2018-09-30]``).
an instant
    ``YYYY-MM-DDTHH:MM:SSZ``, in UTC; an hour or minute that runs past a UTC
    midnight (``2017-09-25T05+05:30``) as its days (``2017-09-24/2017-09-25``),
    since an EDTF time is one instant.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Final

from timeline import calendar as cal
from timeline.collection import Timeline
from timeline.errors import TimelineError
from timeline.export._common import check_timeline, day_text
from timeline.safe import one_line
from timeline.when import (
    AllOf,
    End,
    Extent,
    Instant,
    Moment,
    OneOf,
    Period,
    Precision,
    Range,
    TimeValue,
    Unspecified,
    _first_day_range,
    _last_day_range,
)

__all__ = ["edtf_lines", "pure_edtf"]

_MAX_MEMBERS: Final = 12
"""A set of more runs than this is written as one run from its first day to its last."""

_PLAIN_UNITS: Final = (Precision.YEAR, Precision.MONTH, Precision.DAY)
_US_PER_DAY: Final = 86_400_000_000
_UNIX_EPOCH_RD: Final = 719163


def _plain(value: TimeValue) -> bool:
    """A calendar day, month or year of years 0–9999, which every EDTF reader reads as written."""
    return (
        type(value) is Extent
        and value.unit in _PLAIN_UNITS
        and not value.label.startswith(("FY", "Y"))
        and "W" not in value.label
    )


def _symbol(value: TimeValue) -> str:
    return value.qualifier.symbol


def _plain_text(value: Extent, *, per_component: bool) -> str:
    """A plain unit with its qualifiers: per component where allowed, else one for the whole."""
    if per_component or len(value.qualifiers) <= 1:
        return value.edtf
    return value.label + _symbol(value)


def _day(rd: int | None) -> str | None:
    """``YYYY-MM-DD``, or ``None`` for a day EDTF cannot write (years beyond ±9999)."""
    if rd is None or not -9999 <= cal.from_rd(rd)[0] <= 9999:
        return None
    return day_text(rd)


def _days(first: int, last: int, symbol: str = "") -> str:
    """The interval of days ``first``–``last`` (one day when they are the same).

    A side beyond years ±9999, which EDTF writes only as a whole year, is open
    (``..``): the interval then contains the days rather than equals them, and a
    single such day is its year (``Y12000``).
    """
    low, high = _day(first), _day(last)
    if first == last:
        return f"Y{cal.from_rd(first)[0]}" if low is None else low + symbol
    low = ".." if low is None else low + symbol
    high = ".." if high is None else high + symbol
    return f"{low}/{high}"


def _friendly(pattern: str, *, qualified: bool) -> bool:
    """Unspecified digits python-edtf reads as written.

    Unqualified: any year digits, and each month or day all ``X`` or none.
    Qualified: only EDTF level 1's forms (``201X``, ``20XX``, ``2004-XX``,
    ``1985-04-XX``, ``1985-XX-XX``), the X digits last.
    """
    parts = pattern.lstrip("-").split("-")
    if not all(p == "XX" or p.isdigit() for p in parts[1:]):
        return False
    if not qualified:
        return True
    year = parts[0]
    digits = year.rstrip("X")
    if "X" in digits or len(year) - len(digits) > 2 or (digits != year and len(parts) > 1):
        return False
    return all(a.isdigit() or b == "XX" for a, b in itertools.pairwise(parts[1:]))


def _unit_text(first: int | None, unit: Precision) -> str:
    """The year, month or day that starts on day ``first``; ``""`` (open) if EDTF has no form."""
    text = _day(first)
    if text is None:
        return ""
    if unit is Precision.YEAR:
        return text[:-6]
    if unit is Precision.MONTH:
        return text[:-3]
    return text


def _run_member(first: int | None, last: int | None, unit: Precision = Precision.DAY) -> str:
    """A set member for a run of units (inclusive), open where ``None`` or beyond years ±9999."""
    low = "" if first is None else _unit_text(first, unit)
    high = "" if last is None else _unit_text(_unit_start(last, unit), unit)
    return f"{low}..{high}"


def _unit_start(rd: int, unit: Precision) -> int:
    y, m, _ = cal.from_rd(rd)
    if unit is Precision.YEAR:
        return cal.year_bounds(y)[0]
    if unit is Precision.MONTH:
        return cal.month_bounds(y, m)[0]
    return rd


def _merged(runs: Sequence[tuple[int | None, int | None]]) -> list[tuple[int | None, int | None]]:
    """Runs sorted and joined where they touch or overlap (``None`` is unbounded)."""

    def lo(run: tuple[int | None, int | None]) -> float:
        return float("-inf") if run[0] is None else run[0]

    def hi(run: tuple[int | None, int | None]) -> float:
        return float("inf") if run[1] is None else run[1]

    out: list[tuple[int | None, int | None]] = []
    for run in sorted(runs, key=lambda r: (lo(r), hi(r))):
        if out and lo(run) <= hi(out[-1]) + 1:
            last = out[-1]
            out[-1] = (last[0], run[1] if hi(run) > hi(last) else last[1])
        else:
            out.append(run)
    return out


def _unit_of(value: Unspecified) -> Precision:
    return value.precision


def _unspecified_runs(value: Unspecified) -> list[tuple[int | None, int | None]]:
    try:
        return [(a, b) for a, b in value._options()]
    except TimelineError:  # too many candidates to list: their first and last
        return [(value.earliest_day, value.latest_day)]


def _possible_runs(value: TimeValue) -> list[tuple[int | None, int | None]]:
    from timeline.render._days import possible_runs

    runs = possible_runs(value)
    return runs if runs else [(value.earliest_day, value.latest_day)]


def _side(end: TimeValue | End, *, start: bool) -> str:
    """One end of an interval, as an interval end EDTF readers take."""
    if isinstance(end, End):
        return end.value
    if _plain(end):
        assert isinstance(end, Extent)
        # python-edtf reads a qualifier per component at an interval's end only above the day.
        return _plain_text(end, per_component=False)
    lo, hi = _first_day_range(end) if start else _last_day_range(end)
    outer = _day(lo if start else hi)
    if outer is None:
        return ".."
    symbol = _symbol(end)
    if lo is not None and hi is not None and lo != hi:
        y1, m1, _ = cal.from_rd(lo)
        if (lo, hi) == cal.year_bounds(y1):
            return outer[:-6] + symbol
        if (lo, hi) == cal.month_bounds(y1, m1):
            return outer[:-3] + symbol
    return outer + symbol


Member = tuple[int | None, int | None, str]
"""A set member: its first and last day (``None`` where open) and its text."""


def _run_members(
    runs: Sequence[tuple[int | None, int | None]],
    unit: Precision = Precision.DAY,
    symbol: str = "",
) -> list[Member]:
    """Set members for runs of units; a run of one unit is that unit, with ``symbol``.

    EDTF readers take no qualifier on a range (``a..b``): there it is lost.
    """
    merged = _merged(runs)
    if len(merged) > _MAX_MEMBERS:
        merged = [(merged[0][0], merged[-1][1])]
        unit = Precision.DAY
    out: list[Member] = []
    for a, b in merged:
        one = a is not None and b is not None and _unit_start(b, unit) == a
        text = _unit_text(a, unit) if one else ""
        out.append((a, b, text + symbol if text else _run_member(a, b, unit)))
    return out


def _set_member(item: TimeValue, *, one_of: bool) -> list[Member]:
    lo, hi = item.earliest_day, item.latest_day
    if _plain(item):
        assert isinstance(item, Extent)
        return [(lo, hi, _plain_text(item, per_component=False))]
    if isinstance(item, Range):
        ends = [e for e in (item.low, item.high) if e is not None]
        if all(_plain(e) and not e.qualifiers for e in ends):
            low = "" if item.low is None else item.low.label
            high = "" if item.high is None else item.high.label
            return [(lo, hi, f"{low}..{high}")]
        return _run_members([(lo, hi)])
    if one_of and isinstance(item, Unspecified):
        return _run_members(_unspecified_runs(item), _unit_of(item))
    if one_of:
        return _run_members(_possible_runs(item))
    return _run_members([(lo, hi)])


def _set_text(members: list[Member], one_of: bool) -> str:
    """The members in EDTF's order: one open-start member first, one open-end member last.

    A set of one unit is that unit (python-edtf refuses ``[2017-09-24]``).
    """
    if len(members) == 1 and ".." not in members[0][2]:
        return members[0][2]
    if any(m[2] == ".." for m in members):  # a member unbounded both ways: any day at all
        return "../.."
    # Open by its text: a side beyond years ±9999 is written open too.
    starts = [m for m in members if m[2].startswith("..")]
    ends = [m for m in members if m[2].endswith("..") and not m[2].startswith("..")]
    middle = [m for m in members if m not in starts and m not in ends]
    texts = []
    if starts:
        reach = [m[1] for m in starts if m[2] != ".."]
        # Several open starts are the days up to the last of them (None: unbounded).
        high = None if None in reach or not reach else max(r for r in reach if r is not None)
        texts.append(_run_member(None, high) if len(starts) > 1 else starts[0][2])
    texts.extend(m[2] for m in middle)
    if ends:
        low = min((m[0] for m in ends if m[0] is not None), default=None)
        texts.append(_run_member(low, None) if len(ends) > 1 else ends[0][2])
    return ("[" if one_of else "{") + ",".join(texts) + ("]" if one_of else "}")


def _instant(value: Instant) -> str:
    days, rest = divmod(value.utc_us, _US_PER_DAY)
    rd = days + _UNIX_EPOCH_RD
    if value.latest_day != rd:  # an hour or minute that runs past a UTC midnight
        return _days(rd, value.latest_day)
    if not 0 <= cal.from_rd(rd)[0] <= 9999:
        return _days(rd, rd)
    seconds = rest // 1_000_000
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{day_text(rd)}T{h:02d}:{m:02d}:{s:02d}Z"


def pure_edtf(value: TimeValue) -> str:
    """``value`` as pure EDTF (ISO 8601-2) in the forms EDTF readers such as python-edtf take.

    The text denotes the value's days where EDTF can say them, and otherwise
    the closest form whose first and last days are the value's
    (:attr:`~timeline.TimeValue.earliest_day`, :attr:`~timeline.TimeValue.latest_day`;
    ``..`` where unbounded, an unknown end left empty). The module's table
    says which form each kind of value takes. Years outside 0–9999 are
    written in EDTF's ``Y`` form for a whole year and as day numbers EDTF
    readers may refuse otherwise.
    """
    if isinstance(value, Instant):
        return _instant(value)
    if isinstance(value, Extent):
        if _plain(value) or (value.label.startswith("Y") and value.unit is Precision.YEAR):
            return _plain_text(value, per_component=True)
        return _days(value.first, value.last, _symbol(value))
    if isinstance(value, Unspecified):
        symbol = _symbol(value)
        if _friendly(value.pattern, qualified=bool(symbol)):
            return value.pattern + symbol
        return _set_text(_run_members(_unspecified_runs(value), _unit_of(value), symbol), True)
    if isinstance(value, Moment):
        return _set_text(_run_members(_possible_runs(value)), True)
    if isinstance(value, Period):
        start, end = _side(value.start, start=True), _side(value.end, start=False)
        if start in ("", "..") and end in ("", ".."):  # python-edtf reads neither "/.." nor "/"
            return "../.."
        return f"{start}/{end}"
    if isinstance(value, OneOf | AllOf):
        if len(value.items) == 1 and not isinstance(value.items[0], Range):
            return pure_edtf(value.items[0])
        one_of = isinstance(value, OneOf)
        members = [m for item in value.items for m in _set_member(item, one_of=one_of)]
        return _set_text(members, one_of)
    return _days(*_bounds(value))


def _bounds(value: TimeValue) -> tuple[int, int]:
    lo, hi = value.earliest_day, value.latest_day
    if lo is None or hi is None:
        raise TimelineError(f"{value.edtf!r} has no EDTF form")  # no other kind exists
    return lo, hi


def edtf_lines(timeline: Timeline) -> str:
    """One ``id\\tedtf\\tnotation\\ttitle`` line per event, in the timeline's order.

    Each line ends in ``\\n``. ``edtf`` is :func:`pure_edtf` of the event's
    date and ``notation`` its text in the library's notation
    (``parse(notation) == event.when``). An empty timeline gives ``""``.
    """
    check_timeline(timeline)
    return "".join(
        f"{e.id}\t{pure_edtf(e.when)}\t{e.when.edtf}\t{one_line(e.title)}\n" for e in timeline
    )
