"""Parts of a period ("early 2017", "the late 1990s") and ordinal centuries.

News text places things in a part of a period more often than on a date:
"early 2017", "mid-November", "the late 1980s", "early in his presidency".
A :class:`Part` keeps the words (its EDTF-style text is ``early(2017)``,
``mid(2017-11)``, ``late(1980s)``, ``early(2017-01-20/2021-01-20)``) and has
bounds that are never more precise than the words:

* the whole is cut into thirds of its days — *early* is the first third,
  *mid* the middle one, *late* the last;
* each third is widened to whole units of the next finer calendar unit of
  the whole: months for a year, a fiscal year, a half, a quarter or a season
  (``early 2017`` is Jan 1 – Apr 30, ``mid-2017`` May 1 – Aug 31,
  ``late 2017`` Sep 1 – Dec 31); years for a decade or a century
  (``the late 1990s`` is 1996–1999, since 1996 holds the start of the last
  third); days for a month, a week or a span of days (``late November`` is
  Nov 21–30).

"The beginning of", "the start of" read as *early*, "the middle of" as
*mid*, "the end of" and "the latter part of" as *late*: a reader cannot
tell "the end of 1998" from "late 1998" by more than a guess, and a guess
would be precision the words do not have. The precision of a part is the
precision of its whole (the words say which year, not which month); a part of a
span of days is known to the grain of its length (a third of a presidency, to the
year).

A :class:`Century` is an ordinal century: ``the 19th century`` is the years
1801–1900, as dictionaries and historians count them (century 1 is the
years 1–100); its text is ``century(19)``. ``the 1800s`` is another phrase.
"""

from __future__ import annotations

from typing import Final

import attrs

from timeline import calendar as cal
from timeline.errors import ConstraintError
from timeline.when import Extent, Period, Precision, TimeValue

__all__ = ["PARTS", "Century", "Part", "century", "part"]

#: The parts a period can be cut into, in order.
PARTS: Final = ("early", "mid", "late")

_ORDINAL_ENDINGS: Final = {1: "st", 2: "nd", 3: "rd"}


@attrs.frozen(order=False, weakref_slot=False)
class Part(Extent):
    """The early, middle or late third of a period (see the module's docstring).

    Make parts with :func:`part` or :func:`timeline.parse` (``"early 2017"``,
    ``"late(1980s)"``); ``label`` is ``which(whole)``, the whole's EDTF text
    inside.
    """

    @property
    def which(self) -> str:
        """``"early"``, ``"mid"`` or ``"late"``."""
        return self.label.split("(", 1)[0]

    @property
    def whole(self) -> TimeValue:
        """The period this is a part of."""
        from timeline.parse import parse

        return parse(self.label[len(self.which) + 1 : -1])

    def _human(self) -> str:
        whole = self.whole
        text = str(whole)
        if not isinstance(whole, Extent):
            # "late (Jan 20, 2009 – Jan 20, 2017)": the part of the whole span, not a span
            # from late Jan 20.
            return f"{self.which} ({text})"
        if self.which == "mid":
            return f"mid-{text}"
        return f"{self.which} {text}"

    def __repr__(self) -> str:
        return f"<Part {self.edtf}>"


@attrs.frozen(order=False, weakref_slot=False)
class Century(Extent):
    """An ordinal century: century 19 is the years 1801–1900."""

    @property
    def number(self) -> int:
        """The ordinal number: 19 for the 19th century."""
        return int(self.label[len("century(") : -1])

    def _human(self) -> str:
        return f"{_ordinal(self.number)} century"

    def __repr__(self) -> str:
        return f"<Century {self.edtf}>"


def _ordinal(n: int) -> str:
    ending = "th" if 11 <= n % 100 <= 13 else _ORDINAL_ENDINGS.get(n % 10, "th")
    return f"{n}{ending}"


def century(number: int) -> Century:
    """The ``number``-th century (1 is the years 1–100; 21 is 2001–2100)."""
    if not 1 <= number <= 100:
        raise ConstraintError(f"century must be 1–100, not {number!r}")
    first = cal.year_bounds((number - 1) * 100 + 1)[0]
    last = cal.year_bounds(number * 100)[1]
    return Century(f"century({number})", first, last, Precision.CENTURY)


def part(which: str, whole: TimeValue) -> Part:
    """The ``which`` (``"early"``, ``"mid"``, ``"late"``) third of ``whole``.

    ``whole`` must have known bounds: a calendar unit, a century or a period
    with definite ends. Raises :class:`~timeline.ConstraintError` otherwise.
    """
    if which not in PARTS:
        raise ConstraintError(f"a part is one of {', '.join(PARTS)}, not {which!r}")
    if isinstance(whole, Part):
        raise ConstraintError(f"{whole.edtf!r} is already a part of a period")
    if not (isinstance(whole, Extent) or (isinstance(whole, Period) and whole.is_definite)):
        raise ConstraintError(
            f"a part needs a period with known bounds, not {getattr(whole, 'edtf', whole)!r}"
        )
    lo, hi = whole.earliest_day, whole.latest_day
    assert lo is not None  # definite
    assert hi is not None
    k = PARTS.index(which)
    unit = whole.precision if isinstance(whole, Extent) else Precision.DAY
    if unit <= Precision.DECADE:
        # Thirds of the years: the late 1990s are 1996–1999.
        y1, y2 = cal.from_rd(lo)[0], cal.from_rd(hi)[0]
        a, b = _third(k, y2 - y1 + 1)
        first, last = cal.year_bounds(y1 + a)[0], cal.year_bounds(y1 + b)[1]
    elif unit < Precision.MONTH:
        # Thirds of the months: early 2017 is January–April.
        (y1, m1, _), (y2, m2, _) = cal.from_rd(lo), cal.from_rd(hi)
        start = y1 * 12 + m1 - 1
        a, b = _third(k, y2 * 12 + m2 - 1 - start + 1)
        first = _month_first(start + a)
        last = _month_last(start + b)
    else:
        a, b = _third(k, hi - lo + 1)
        first, last = lo + a, lo + b
    return Part(f"{which}({whole.edtf})", first, last, _precision(whole, last - first + 1))


def _precision(whole: TimeValue, days: int) -> Precision:
    """The whole's precision; for a span of days, the grain its part is known to.

    A third of Obama's presidency is not known to the day: it is a stretch of years.
    Only a one-day part has the precision of a day.
    """
    if isinstance(whole, Extent):
        return whole.precision
    if days == 1:
        return Precision.DAY
    if days < 28:
        return Precision.WEEK
    if days < 365:
        return Precision.MONTH
    return Precision.YEAR


def _third(k: int, n: int) -> tuple[int, int]:
    """Inclusive indices of third ``k`` (0, 1, 2) of ``n`` units, rounded outward."""
    return (k * n) // 3, -(-((k + 1) * n) // 3) - 1


def _month_first(index: int) -> int:
    year, month = divmod(index, 12)
    return cal.month_bounds(year, month + 1)[0]


def _month_last(index: int) -> int:
    year, month = divmod(index, 12)
    return cal.month_bounds(year, month + 1)[1]
