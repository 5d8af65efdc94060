"""Metric comparisons: changes and rates, claim checks, parts against totals, conflicts.

Everything here is computed **exactly**: every number is turned into a
:class:`fractions.Fraction` (ints and Decimals convert without loss) and only
the text shown to people is rounded. Every result keeps the metrics it rests
on, so it can cite them (``result.citations``), and says in ``explanation``
how it was reached, in words a reader can follow.

Rounding for display
--------------------
Round half up (ties away from zero), by :func:`round_half_up`: percentages
to one decimal (37.55 → 37.6, −37.55 → −37.6), ratios to two decimals,
fractions to four, rates per day to one (two below 10 a day). The ``exact``
claim rule below uses the same convention. Where that rounding would show a
computed value on the other side of an end of the allowed range (10.49 as
"10.5" against "10.5 to under 11.5"), it is shown with more decimals.

What a hedged number allows
---------------------------
A stated value *S* is written with a precision *p*: the place value of its
last digit (``11`` → 1, ``0.6667`` → 0.0001). A Decimal in the unit
``fraction`` that is a simple fraction rounded (denominator up to 12, within
*p*/2: ``0.6667`` is 2/3) is read as that fraction, keeping *p*. The
computed value *C* is compared with *S* by the hedge word (:func:`allowed`
gives the set of values as an :class:`Allowed`; *t* is a tolerance):

=============== ======================================= ==============================
hedge           *C* holds when                          e.g.
=============== ======================================= ==============================
exact           *S* − *p*/2 ≤ *C* < *S* + *p*/2         11 percent: 10.5 to under 11.5
                (*C* rounds half up to *S*)
about, roughly  |*C* − *S*| ≤ *t*, *t* = max(*p*, 5% of  31 percent: 29.45 to 32.55
                |*S*|); the two words are treated alike
nearly          *S* − *t* ≤ *C* < *S*, *t* = max(*p*,    40 percent: 36 to under 40
                10% of |*S*|)
just-under      *S* − *t* ≤ *C* < *S*, *t* = max(*p*/2,  7 percent: 6.5 to under 7
                5% of |*S*|)
just-over       *S* < *C* ≤ *S* + *t*, *t* as just-under 7 percent: over 7 up to 7.5
more-than       *C* > *S* (no upper limit: an           doubled (2 times): more than 2
                understatement holds)
fewer-than      *C* < *S*                               3 percent: less than 3
at-least        *C* ≥ *S*                               200: 200 or more
at-most         *C* ≤ *S*                               200: 200 or less
=============== ======================================= ==============================

A negative stated value (a fall written as −20) is read by its size: the
table applies to −*C* against −*S*, so "nearly −40" allows −40 < *C* ≤ −36
and "more than −20" allows *C* < −20. Zero counts as positive.

The numbers a claim is computed *from* may be hedged too. An approximate one
(about, roughly, nearly, just under/over) is taken as written and named in
the check's ``caveats``; a bound (more than, fewer than, at least, at most)
leaves the computed value unknown, so the claim CANNOT_CHECK. Where counts
are added or set side by side (parts against totals, conflicts) a count's
range is its value when exact and what its hedge allows otherwise.

Claim checks
------------
:func:`check_claim` reads a metric's :class:`~timeline.events.Comparison`:

* ``change``: the baseline is the earlier value *a*, the metric the later *b*;
  in ``percent`` *C* = 100 (*b* − *a*) / *a*; in the metrics' own unit, *b* − *a*.
* ``ratio``: *C* = *b* / *a* (``times``; ``percent`` gives 100 *b* / *a*).
* ``difference``: *C* = *b* − *a*, in the metrics' unit.
* ``share``: the baseline is the total; *C* = part / total (``fraction``) or
  100 part / total (``percent``). When the metric counts in the total's unit
  it is the part. When it is itself the share (its unit is ``percent`` or
  ``fraction``), the part is looked for among the metrics of the same event
  (any metric, for a mapping) with the total's unit and the share's place and
  period, whose name has the same condition as the share's name ("with
  criminal records", "without criminal convictions": the words from "with" or
  "without" on, after a head of at most three words, so that "people
  convicted of manslaughter with a vehicle" has no condition; plural s
  ignored). Searched in this order: the share's own source, directly; its
  own source, as the complement (the opposite condition: part = total −
  complement); then other sources, directly and as the complement. Anything
  but the first is named in the caveats.

The verdict is :attr:`Verdict.HOLDS` when *C* is among the values the hedge
allows, :attr:`Verdict.OFF` otherwise (``difference`` = *C* − *S*, signed,
in points for percentages), and :attr:`Verdict.CANNOT_CHECK` with a
``reason``: no baseline, a baseline not found, incompatible units, a unit the
kind cannot be expressed in, a zero baseline, no count for the part, an input
that is only a bound. Windows of different lengths, places that differ and a
baseline that is not earlier do not change the verdict (the text compares
totals, and the check does too); they are caveats, with the change per day.

Window lengths
--------------
Rates per day count the days of a metric's period by :func:`window_days`:
an end written coarser than a day says in which month (week, year...) the
window starts or ends, not on which day, so ``2017-01/2017-04`` ("between
January and April") lasts 61 to 120 days and gives a range of rates, never
"120 days" and one rate. Write the days (``2017-01-01/2017-04-30``) when
the whole months are meant. Two windows whose lengths are ranges that meet
"may differ in length".

Parts against totals
--------------------
:func:`parts_against_total` adds the parts and compares the sum with the
total: :attr:`Balance.ADDS_UP` when the ranges the hedges allow meet,
:attr:`Balance.SHORT` when the parts certainly fall short (something is not
accounted for, which is no contradiction when the text lists only some
parts), :attr:`Balance.OVER` when they certainly exceed it (a
contradiction). :func:`parts_and_totals` finds the groups in a timeline:

* *stated*: the metrics whose ``part_of`` names a total are its parts,
  wherever they are in the timeline: those with another place than the
  total's break it down "by stated places" (the event's places that no part
  covers are listed as missing), those with its place "by stated parts". The
  total's ``breakdown`` says whether they are all of it (``complete``), only
  some of it (``partial``: "498 immigrants, including 28 in Baltimore") or
  does not say (``unstated``). A total with stated parts is not grouped again
  by the rules below, nor is a stated part.
* *by place*: in one event, metrics with the same name, unit and period; a
  metric without a place or with a wide place (:data:`WIDE_PLACES`:
  "United States", "nationwide", ...) is a total, the others are its parts.
  Each total is checked against the parts from its own source (from every
  source when its own gives none, one per place); the event's places that no
  part covers are listed as missing (a place matches when equal, ignoring
  case, or when one is the other followed by a comma: "Cook County" and
  "Cook County, Illinois").
* *with and without*: in one event and from one source, a metric whose name
  is "... with X" and one whose name is "... without Y" for the same unit,
  place and period are parts of the largest metric there whose name has
  neither word; when X and Y differ, the check says it assumes they split
  the total between them.

Only counts are added: not ``percent``, ``fraction``, ``times``, nor rates
such as "people a year", nor a number whose unit the text leaves open
(``alternative_units``).

Which of these fail a check is :meth:`Report.failures`: parts over their
total always; parts short of a total only when they are stated and said to
be all of it (and, with ``strict``, stated without saying); a region's figure
beside the national total that the file does not name as a part is reported,
never a failure.

Contrasts
---------
:func:`check_contrast` reads a metric's :class:`~timeline.events.Contrast`
("29 percent, more than the national average of 13 percent"): the two
metrics' stated comparisons are set side by side when both state one of the
same kind and unit ("went up by 35 percent" against "an increase of 11
percent"), else their values; the relation is a hedge on the other figure,
read by the table above ("more than 13": *C* > 13).

Notes
-----
An event's :class:`~timeline.events.Note` states a caveat or an
inconsistency as data, with citations. The report lists every note and
every number of ambiguous unit, and a finding whose metrics a stated
inconsistency names, every one, is *explained*: shown with the note, and no
failure (see :meth:`Report.failures`).

Conflicts
---------
:func:`conflicts` and :func:`agreements` set side by side every two metrics
with different citations (usually two sources; one article can report two
accounts) that count the same quantity: the same unit, and

* the same name, place and period (equal values, or the same days, or both
  without a period): :attr:`Sameness.SAME`;
* otherwise :attr:`Sameness.POSSIBLY_SAME`, with the reasons, when each of
  the three is the same or *related*: names "H with X" / "H' with Y" (same
  word, heads equal or one's words among the other's: "people with
  convictions" and "people with criminal records"); places whose words are
  among the other's ("New York City area" and "New York City metropolitan
  area"); periods that overlap when at least one is vague.

Nothing is merged: a pair whose values can agree (the hedges' ranges meet)
is an :class:`Agreement`, any other pair a :class:`Conflict`, both with both
citations.

:func:`report` runs all of it over a timeline; a :class:`Report` renders as
plain text (``str(report)``) and gives each section as a :class:`Table` of
plain strings (``report.rows("claims")``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from timeline.collection import Timeline
from timeline.errors import ConstraintError
from timeline.events import (
    Breakdown,
    Citation,
    Comparison,
    ComparisonKind,
    Contrast,
    Event,
    Hedge,
    Metric,
    Note,
    NoteKind,
    Number,
)
from timeline.when import DayCount, Extent, Period, Precision, Qualifier, TimeValue, on

__all__ = [
    "SECTIONS",
    "WIDE_PLACES",
    "Agreement",
    "Allowed",
    "Balance",
    "Bounds",
    "Change",
    "ClaimCheck",
    "Conflict",
    "ContrastCheck",
    "Lookup",
    "PartsCheck",
    "Rate",
    "Report",
    "Sameness",
    "Table",
    "Verdict",
    "agreements",
    "allowed",
    "change",
    "check_claim",
    "check_contrast",
    "conflicts",
    "parts_against_total",
    "parts_and_totals",
    "rate_per_day",
    "report",
    "round_half_up",
    "value_range",
    "window_days",
]

WIDE_PLACES: Final = frozenset(
    {"", "united states", "nationwide", "national", "nationally", "us", "u.s.", "usa"}
)
"""Places (compared ignoring case) that make a metric a total of the other places."""

_NOT_COUNTS: Final = frozenset({"percent", "fraction", "times", "points", "percentage points"})
_RATE_UNIT: Final = re.compile(r"\b(a|per|each)\s+(day|week|month|quarter|year)\b")
_CONDITION: Final = re.compile(r"^(?P<head>.+?) (?P<word>with|without) (?P<cond>.+)$")

_ABOUT: Final = Fraction(1, 20)
_NEARLY: Final = Fraction(1, 10)
_JUST: Final = Fraction(1, 20)
_SIMPLE_DENOMINATOR: Final = 12
_HEAD_WORDS: Final = 3

Lookup = Timeline | Mapping[str, Metric]
"""Where a claim's baseline and parts are looked up: a timeline or metrics by id."""


# --------------------------------------------------------------------------------------
# Exact numbers and how they are shown.


def _scaled_half_up(value: Fraction, places: int) -> int:
    """``value`` × 10**places rounded half up (ties away from zero), as an int."""
    scale: int = 10**places
    x = value * scale
    n = (2 * abs(x.numerator) + x.denominator) // (2 * x.denominator)
    return -n if x < 0 else n


def round_half_up(value: Fraction | Number, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals, ties away from zero, exactly.

    The result has exactly ``places`` decimals, however many digits it needs
    (no decimal context is involved).

    >>> round_half_up(Fraction(3755, 100), 1), round_half_up(Fraction(-3755, 100), 1)
    (Decimal('37.6'), Decimal('-37.6'))
    """
    if places < 0:
        raise ConstraintError(f"places must be 0 or more, not {places!r}")
    n = _scaled_half_up(Fraction(value), places)
    return Decimal((int(n < 0), tuple(int(c) for c in str(abs(n))), -places))


def _digits(n: int, places: int, *, strip: bool = False, sign: bool = False) -> str:
    """The decimal text of n / 10**places, thousands grouped; a minus sign as "−"."""
    scale: int = 10**places
    whole, frac = divmod(abs(n), scale)
    text = f"{whole:,}"
    if places:
        decimals = str(frac).rjust(places, "0")
        decimals = decimals.rstrip("0") if strip else decimals
        text += f".{decimals}" if decimals else ""
    if n < 0 and text.strip("0.,"):
        return "−" + text
    return "+" + text if sign and n > 0 else text


def _fixed(value: Fraction, places: int, *, sign: bool = False) -> str:
    return _digits(_scaled_half_up(value, places), places, sign=sign)


def _terminates(value: Fraction) -> bool:
    d = value.denominator
    for f in (2, 5):
        while d % f == 0:
            d //= f
    return d == 1


def _exact(value: Fraction, *, sign: bool = False) -> str:
    """The exact value when it is a short decimal, a small fraction, else ≈ four decimals."""
    if (value * 10**6).denominator == 1:
        return _digits(int(value * 10**6), 6, strip=True, sign=sign)
    if value.denominator <= _SIMPLE_DENOMINATOR:
        prefix = "−" if value < 0 else "+" if sign else ""
        return f"{prefix}{abs(value.numerator)}/{value.denominator}"
    return "≈" + _fixed(value, 4, sign=sign)


def _number(value: Number) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,f}"


def _written(metric: Metric) -> str:
    """A metric's value as written: hedge, number, unit ("more than 680 people")."""
    hedge = metric.qualifier.phrase
    return f"{hedge + ' ' if hedge else ''}{_number(metric.value)} {metric.unit}".strip()


def _label(metric: Metric) -> str:
    return metric.id or str(metric)


def _citations(metrics: Iterable[Metric]) -> tuple[Citation, ...]:
    out: list[Citation] = []
    for m in metrics:
        if m.citation not in out:
            out.append(m.citation)
    return tuple(out)


def _is_count(unit: str) -> bool:
    u = _norm(unit)
    return u not in _NOT_COUNTS and not _RATE_UNIT.search(u)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


# --------------------------------------------------------------------------------------
# Ranges of values.


def _check_fraction(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Fraction):
        raise ConstraintError(f"{attribute.name} must be a Fraction, not {value!r}")


def _check_optional_fraction(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None and not isinstance(value, Fraction):
        raise ConstraintError(f"{attribute.name} must be a Fraction or None, not {value!r}")


@attrs.frozen
class Bounds:
    """The exact values from ``low`` through ``high``, both included.

    A computed quantity is a range when it rests on a vague period (a rate
    over "1–2923 days"); otherwise ``low == high`` and :attr:`exact` gives it.
    """

    low: Fraction = attrs.field(validator=_check_fraction)
    high: Fraction = attrs.field(validator=_check_fraction)

    def __attrs_post_init__(self) -> None:
        if self.high < self.low:
            raise ConstraintError(f"bounds must not end before they start: {self!r}")

    @classmethod
    def point(cls, value: Fraction | Number) -> Bounds:
        """The single value ``value``."""
        v = Fraction(value)
        return cls(v, v)

    @property
    def exact(self) -> Fraction | None:
        """The value when ``low == high``, else ``None``."""
        return self.low if self.low == self.high else None

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | Fraction | Decimal) and self.low <= value <= self.high

    def show(self, places: int, *, sign: bool = False) -> str:
        """Both ends rounded to ``places`` decimals (one number when they round alike)."""
        lo, hi = _fixed(self.low, places, sign=sign), _fixed(self.high, places, sign=sign)
        return lo if lo == hi else f"{lo} to {hi}"

    def __str__(self) -> str:
        if self.exact is not None:
            return _exact(self.low)
        return f"{_exact(self.low)} to {_exact(self.high)}"


def _sub(x: Bounds, y: Bounds) -> Bounds:
    return Bounds(x.low - y.high, x.high - y.low)


def _div(x: Bounds, y: Bounds) -> Bounds | None:
    if y.low <= 0 <= y.high:
        return None
    corners = [a / b for a in (x.low, x.high) for b in (y.low, y.high)]
    return Bounds(min(corners), max(corners))


@attrs.frozen
class Allowed:
    """The values a hedged statement allows: an interval, either end open or unbounded.

    ``low``/``high`` are ``None`` when unbounded; ``low_closed``/``high_closed``
    say whether the end itself is included. ``x in allowed`` tests a value.
    """

    low: Fraction | None = attrs.field(validator=_check_optional_fraction)
    high: Fraction | None = attrs.field(validator=_check_optional_fraction)
    low_closed: bool = True
    high_closed: bool = True

    def __attrs_post_init__(self) -> None:
        if self.low is not None and self.high is not None:
            empty = self.high < self.low or (
                self.high == self.low and not (self.low_closed and self.high_closed)
            )
            if empty:
                raise ConstraintError(f"an allowed range cannot be empty: {self!r}")

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int | Fraction | Decimal):
            return False
        x = Fraction(value)
        if self.low is not None and (x < self.low or (x == self.low and not self.low_closed)):
            return False
        return not (
            self.high is not None and (x > self.high or (x == self.high and not self.high_closed))
        )

    def below(self, other: Allowed) -> bool:
        """True when every value here is less than every value of ``other``."""
        if self.high is None or other.low is None:
            return False
        return self.high < other.low or (
            self.high == other.low and not (self.high_closed and other.low_closed)
        )

    def __add__(self, other: Allowed) -> Allowed:
        low = None if self.low is None or other.low is None else self.low + other.low
        high = None if self.high is None or other.high is None else self.high + other.high
        return Allowed(
            low, high, self.low_closed and other.low_closed, self.high_closed and other.high_closed
        )

    def __str__(self) -> str:
        lo = None if self.low is None else _exact(self.low)
        hi = None if self.high is None else _exact(self.high)
        if lo is None and hi is None:
            return "any value"
        if hi is None:
            return f"{lo} or more" if self.low_closed else f"more than {lo}"
        if lo is None:
            return f"{hi} or less" if self.high_closed else f"less than {hi}"
        if self.low == self.high:
            return lo
        left = lo if self.low_closed else f"over {lo}"
        right = f"to {hi}" if self.high_closed else f"to under {hi}"
        if not self.low_closed and self.high_closed:
            right = f"up to {hi}"
        return f"{left} {right}"


def _read_stated(value: Number, unit: str) -> tuple[Fraction, Fraction]:
    """The stated value and its precision; a rounded simple fraction is read as that fraction."""
    if isinstance(value, int):
        return Fraction(value), Fraction(1)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite Decimals only (events.Metric checks)
    precision = Fraction(10) ** exponent
    stated = Fraction(value)
    if _norm(unit) == "fraction" and not _terminates(stated.limit_denominator(_SIMPLE_DENOMINATOR)):
        simple = stated.limit_denominator(_SIMPLE_DENOMINATOR)
        if abs(simple - stated) <= precision / 2:
            stated = simple
    return stated, precision


def _allowed(hedge: Hedge, stated: Fraction, precision: Fraction) -> Allowed:
    if stated < 0:
        mirror = _allowed(hedge, -stated, precision)
        return Allowed(
            None if mirror.high is None else -mirror.high,
            None if mirror.low is None else -mirror.low,
            mirror.high_closed,
            mirror.low_closed,
        )
    s, p = stated, precision
    match hedge:
        case Hedge.EXACT:
            return Allowed(s - p / 2, s + p / 2, True, False)
        case Hedge.ABOUT | Hedge.ROUGHLY:
            t = max(p, s * _ABOUT)
            return Allowed(s - t, s + t)
        case Hedge.NEARLY:
            return Allowed(s - max(p, s * _NEARLY), s, True, False)
        case Hedge.JUST_UNDER:
            return Allowed(s - max(p / 2, s * _JUST), s, True, False)
        case Hedge.JUST_OVER:
            return Allowed(s, s + max(p / 2, s * _JUST), False, True)
        case Hedge.MORE_THAN:
            return Allowed(s, None, False, False)
        case Hedge.FEWER_THAN:
            return Allowed(None, s, False, False)
        case Hedge.AT_LEAST:
            return Allowed(s, None, True, False)
        case Hedge.AT_MOST:
            return Allowed(None, s, False, True)
    raise ConstraintError(f"unknown hedge {hedge!r}")  # pragma: no cover


def allowed(hedge: Hedge, stated: Number, *, unit: str = "") -> Allowed:
    """The values that ``hedge stated`` allows (the table in the module docstring).

    ``unit`` matters only for ``"fraction"``, where a rounded simple fraction
    (``Decimal("0.6667")``) is read as the fraction (2/3).

    >>> str(allowed(Hedge.EXACT, 11)), str(allowed(Hedge.NEARLY, 40))
    ('10.5 to under 11.5', '36 to under 40')
    """
    if not isinstance(hedge, Hedge):
        raise ConstraintError(f"hedge must be a Hedge, not {hedge!r}")
    s, p = _read_stated(stated, unit)
    return _allowed(hedge, s, p)


def value_range(metric: Metric) -> Allowed:
    """The values a metric's number can stand for: itself when exact, else what its hedge allows."""
    if metric.qualifier is Hedge.EXACT:
        v = Fraction(metric.value)
        return Allowed(v, v)
    return allowed(metric.qualifier, metric.value, unit=metric.unit)


_BOUND_HEDGES: Final = frozenset({Hedge.MORE_THAN, Hedge.FEWER_THAN, Hedge.AT_LEAST, Hedge.AT_MOST})


# --------------------------------------------------------------------------------------
# Rates and changes.


@attrs.frozen
class Rate:
    """A count per day over its period, both ends of the period counted.

    ``days`` is the period's day count (a range when the period is vague);
    ``per_day`` the rate, from value / most days through value / least days.
    """

    metric: Metric
    days: DayCount
    per_day: Bounds
    caveats: tuple[str, ...] = ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The citation the rate rests on."""
        return _citations([self.metric])

    @property
    def explanation(self) -> str:
        """How the rate was computed, in words."""
        m = self.metric
        return (
            f"{_number(m.value)} {m.unit} over {self.days} ({m.period}) is "
            f"{self.per_day.show(_rate_places(self.per_day))} a day"
        )

    def __str__(self) -> str:
        return self.explanation


def window_days(value: TimeValue) -> DayCount:
    """How many days a window can last, as far as its written ends tell (both ends counted).

    A :class:`~timeline.when.Period` whose start or end is written coarser
    than a day (``2017-01/2017-04``, as "between January and April" reads)
    says in which month (week, year...) the window starts or ends, not on
    which day: here such an end is any day of its unit, so the window lasts
    from 61 days (Jan 31 to Apr 1) to 120 (Jan 1 to Apr 30), never exactly
    120. Write the days (``2017-01-01/2017-04-30``) for whole months. Any
    other value counts as :meth:`~timeline.when.TimeValue.days_covered` says
    (``FY2017`` is its 365 days).
    """
    if not isinstance(value, Period):
        return value.days_covered()

    def loose(end: Any) -> Any:
        if isinstance(end, Extent) and end.precision < Precision.DAY:
            return on(end)
        return end

    start, end = loose(value.start), loose(value.end)
    if start is value.start and end is value.end:
        return value.days_covered()
    try:
        return Period(start, end).days_covered()
    except ConstraintError:  # pragma: no cover - on() keeps an end's days
        return value.days_covered()


def rate_per_day(metric: Metric) -> Rate:
    """The metric's value per day of its period (inclusive day count; a range when vague).

    The days are :func:`window_days`: a period whose ends are given only to
    the month gives a range of lengths, and so a range of rates. Raises
    :class:`~timeline.ConstraintError` when the metric has no period, its
    period is unbounded, or its unit is not a count (percent, fraction,
    times, or already a rate such as "people a year").

    Jan 24–Apr 30, 2016 is 98 days (a leap year): 30,028 arrests are 306.4 a day.
    """
    if metric.period is None:
        raise ConstraintError(f"metric {_label(metric)!r} has no period to count days over")
    if not _is_count(metric.unit):
        raise ConstraintError(
            f"metric {_label(metric)!r} is in {metric.unit!r}, not a count: no rate per day"
        )
    days = window_days(metric.period)
    if days.most is None:
        raise ConstraintError(
            f"metric {_label(metric)!r} counts over an unbounded period ({metric.period})"
        )
    v = Fraction(metric.value)
    ends = (v / days.most, v / days.least)
    caveats = []
    if metric.period.qualifier is not Qualifier.NONE:
        caveats.append(f"the period {metric.period} is approximate or uncertain")
    if metric.qualifier is not Hedge.EXACT:
        caveats.append(f"the count is {_written(metric)!r}")
    if days.exact is None and days != metric.period.days_covered():
        caveats.append(
            f"the period {metric.period} is given to the {metric.period.precision.name.lower()}: "
            f"{days}, not {metric.period.days_covered()}"
        )
    return Rate(metric, days, Bounds(min(ends), max(ends)), tuple(caveats))


@attrs.frozen
class Change:
    """How ``b`` differs from ``a`` (the earlier value, the baseline), exactly.

    ``before`` and ``after`` are the values compared (rates per day when
    ``per_day``); ``difference`` is after − before, ``ratio`` after / before
    and ``percent`` 100 (after / before − 1). ``ratio`` and ``percent`` are
    ``None`` when ``before`` can be zero. Each is a :class:`Bounds`, a single
    value unless a vague period makes a rate a range.
    """

    a: Metric
    b: Metric
    per_day: bool
    before: Bounds
    after: Bounds
    difference: Bounds
    ratio: Bounds | None
    percent: Bounds | None
    caveats: tuple[str, ...] = ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The citations of both metrics."""
        return _citations([self.a, self.b])

    @property
    def explanation(self) -> str:
        """The comparison in words, rounded for display as the module docstring says."""
        unit = self.a.unit + (" a day" if self.per_day else "")
        places = _rate_places(self.before) if self.per_day else 0
        if not self.per_day and self.before.exact is not None and self.after.exact is not None:
            before, after = _exact(self.before.low), _exact(self.after.low)
            diff = _exact(self.difference.low, sign=True)
        else:
            before, after = self.before.show(places), self.after.show(places)
            diff = self.difference.show(places, sign=True)
        text = f"{after} vs {before} {unit}: {diff}"
        if self.percent is not None and self.ratio is not None:
            text += f" ({self.percent.show(1, sign=True)} percent, {self.ratio.show(2)} times)"
        return text

    def __str__(self) -> str:
        return self.explanation


def change(a: Metric, b: Metric, *, per_day: bool = False) -> Change:
    """How ``b`` differs from ``a``: absolute difference, ratio and percent change, exactly.

    With ``per_day`` the rates per day (:func:`rate_per_day`) are compared,
    so windows of different lengths compare fairly; a vague period makes the
    results ranges. Raises :class:`~timeline.ConstraintError` when the units
    differ (or, with ``per_day``, when a rate cannot be computed).
    """
    if _norm(a.unit) != _norm(b.unit):
        raise ConstraintError(f"cannot compare {a.unit!r} with {b.unit!r}")
    caveats: list[str] = []
    if per_day:
        ra, rb = rate_per_day(a), rate_per_day(b)
        before, after = ra.per_day, rb.per_day
        caveats += [*ra.caveats, *rb.caveats]
    else:
        before, after = Bounds.point(a.value), Bounds.point(b.value)
        for m in (a, b):
            if m.qualifier is not Hedge.EXACT:
                caveats.append(f"{_label(m)} is {_written(m)!r}")
    ratio = _div(after, before)
    percent = None if ratio is None else Bounds(100 * (ratio.low - 1), 100 * (ratio.high - 1))
    return Change(a, b, per_day, before, after, _sub(after, before), ratio, percent, tuple(caveats))


def _rate_places(rate: Bounds) -> int:
    """Decimals to show a rate with: one, or two below 10 a day."""
    return 1 if rate.low >= 10 else 2


def _window_caveats(before: Metric, after: Metric) -> list[str]:
    """What makes two windows compare unfairly: lengths, order, places."""
    out: list[str] = []
    pa, pb = before.period, after.period
    if pa is not None and pb is not None:
        da, db = window_days(pa), window_days(pb)
        if da != db:
            # Lengths that are ranges which meet may be the same length.
            meet = (da.most is None or db.least <= da.most) and (
                db.most is None or da.least <= db.most
            )
            verb = "may differ" if meet else "differ"
            text = f"the windows {verb} in length: {da} ({pa}) against {db} ({pb})"
            try:
                per_day = change(before, after, per_day=True)
            except ConstraintError:
                pass
            else:
                if per_day.percent is not None:
                    places = _rate_places(per_day.before)
                    text += (
                        f"; per day {per_day.after.show(places)} vs "
                        f"{per_day.before.show(places)} {before.unit} a day, "
                        f"{per_day.percent.show(1, sign=True)} percent"
                    )
                    if per_day.percent.exact is None:
                        text += ", as the lengths allow"
            out.append(text)
        a_end, b_start = pa.latest_day, pb.earliest_day
        if a_end is None or b_start is None or a_end >= b_start:
            out.append(f"the baseline's period ({pa}) does not end before the compared one ({pb})")
    if _norm(before.place) != _norm(after.place):
        out.append(f"the places differ: {before.place or 'none'} against {after.place or 'none'}")
    return out


# --------------------------------------------------------------------------------------
# Claim checks.


class Verdict(enum.Enum):
    """What a claim check found."""

    HOLDS = "holds"
    """The computed value is among those the stated value and its hedge allow."""
    OFF = "off"
    """It is not; ``difference`` says by how much (computed − stated)."""
    CANNOT_CHECK = "cannot check"
    """The numbers to compute it from are missing or unusable; ``reason`` says why."""


@attrs.frozen
class ClaimCheck:
    """A stated comparison set against the value computed from the numbers.

    ``stated`` is the comparison's value as read (2/3 for ``0.6667`` in
    ``fraction``); ``computed`` the value from the metrics (``None`` when it
    cannot be checked); ``allowed`` what the hedge allows; ``difference``
    computed − stated, signed, in the comparison's unit (points for
    percentages). ``inputs`` are the metrics used, the claiming one first.
    ``explained_by`` are the stated inconsistencies that name every one of
    them (see :meth:`Report.failures`).
    """

    metric: Metric
    comparison: Comparison
    verdict: Verdict
    stated: Fraction
    allowed: Allowed
    computed: Fraction | None = None
    difference: Fraction | None = None
    reason: str = ""
    inputs: tuple[Metric, ...] = ()
    caveats: tuple[str, ...] = ()
    working: str = ""
    explained_by: tuple[Note, ...] = ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The citations of every metric the check rests on."""
        return _citations((self.metric, *self.inputs))

    @property
    def stated_text(self) -> str:
        """The stated value with its hedge, as read ("nearly 40 percent", "just under 2/3 ...")."""
        hedge = self.comparison.qualifier.phrase
        return f"{hedge + ' ' if hedge else ''}{_show_stated(self.stated, self.comparison)}"

    @property
    def explanation(self) -> str:
        """Stated, computed, the rule and the verdict, in one sentence."""
        c = self.comparison
        stated = f"stated: “{_readable(c.text)}” ({c.kind.value}, {self.stated_text})"
        if self.verdict is Verdict.CANNOT_CHECK:
            return f"{stated}; cannot check: {self.reason}"
        word = c.qualifier.value
        verdict = "holds"
        if self.verdict is Verdict.OFF and self.difference is not None:
            verdict = f"off by {_show_difference(self.difference, c.unit)}"
        return f"{stated}; computed: {self.working}; '{word}' allows {self.allowed}: {verdict}"

    def __str__(self) -> str:
        return self.explanation


def _show_stated(stated: Fraction, comparison: Comparison) -> str:
    unit = comparison.unit
    if _norm(unit) == "fraction":
        return f"{_exact(stated)} (written {_number(comparison.value)})"
    return f"{_exact(stated)} {unit}".strip()


def _show_value(
    value: Fraction, unit: str, *, sign: bool = False, window: Allowed | None = None
) -> str:
    """``value`` in ``unit``, rounded for display; with more decimals when the usual
    rounding would put it on the other side of an end of ``window``."""
    u = _norm(unit)
    places = {"percent": 1, "fraction": 4, "times": 2}.get(u, 1)
    if window is not None:
        inside = value in window
        for more in range(places, places + 7):
            places = more
            if (Fraction(round_half_up(value, places)) in window) == inside:
                break
    if u == "percent":
        return f"{_fixed(value, places, sign=sign)} percent"
    if u == "fraction":
        pct = _fixed(100 * value, max(1, places - 3), sign=sign)
        return f"{_fixed(value, places, sign=sign)} ({pct} percent)"
    if u == "times":
        return f"{_fixed(value, places, sign=sign)} times"
    exact = value.denominator == 1
    shown = _exact(value, sign=sign) if exact else _fixed(value, places, sign=sign)
    return f"{shown} {unit}".strip()


def _show_difference(value: Fraction, unit: str) -> str:
    u = _norm(unit)
    if u == "percent":
        return f"{_fixed(value, 1, sign=True)} points"
    if u == "fraction":
        return _fixed(value, 4, sign=True)
    return _show_value(value, unit, sign=True)


class _Index:
    """Metrics by id and the event each belongs to (when looked up in a timeline)."""

    def __init__(self, lookup: Lookup) -> None:
        self.pairs: list[tuple[Event | None, Metric]] = []
        if isinstance(lookup, Timeline):
            self.pairs = [(e, m) for e in lookup for m in e.metrics]
        elif isinstance(lookup, Mapping):
            for key, m in lookup.items():
                if not isinstance(m, Metric):
                    raise ConstraintError(f"lookup[{key!r}] must be a Metric, not {m!r}")
                self.pairs.append((None, m))
        else:
            raise ConstraintError(
                f"look metrics up in a Timeline or a mapping of ids, not {lookup!r}"
            )
        self.by_id: dict[str, Metric] = {}
        if isinstance(lookup, Mapping):
            self.by_id = dict(lookup)
        else:
            for _, m in self.pairs:
                if m.id:
                    self.by_id.setdefault(m.id, m)

    def event_of(self, metric: Metric) -> Event | None:
        for event, m in self.pairs:
            if m is metric:
                return event
        for event, m in self.pairs:
            if m == metric:
                return event
        return None

    def neighbours(self, metric: Metric) -> list[Metric]:
        """The metrics of the same event (every metric when there are no events)."""
        event = self.event_of(metric)
        return [m for e, m in self.pairs if e is event or event is None]


def _condition(name: str) -> tuple[str, str, str] | None:
    """(head, "with"/"without", condition) of a name like "people with criminal records"."""
    found = _CONDITION.match(_norm(name))
    # A longer head is a clause ("people convicted of manslaughter with a vehicle"),
    # and its "with" is not the condition.
    if found is None or len(found["head"].split()) > _HEAD_WORDS:
        return None
    cond = " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in found["cond"].split())
    return found["head"], found["word"], cond


def _ambiguous(metric: Metric) -> str:
    units = " or ".join(repr(u) for u in (metric.unit, *metric.alternative_units))
    return f"the unit of {_label(metric)} is ambiguous: {_written(metric)} may be in {units}"


def _find_part(
    share: Metric, total: Metric, index: _Index
) -> tuple[Metric, bool, list[str]] | None:
    """The count a share is of: (metric, is_complement, caveats), or None."""
    wanted = _condition(share.name)
    if wanted is None:
        return None
    _, word, cond = wanted
    candidates = [
        m
        for m in index.neighbours(share)
        if m is not share
        and m is not total
        and _norm(m.unit) == _norm(total.unit)
        and _norm(m.place) == _norm(share.place)
        and m.period == share.period
    ]
    source = share.citation.source.id
    for same_source in (True, False):
        for complement in (False, True):
            for m in candidates:
                if (m.citation.source.id == source) is not same_source:
                    continue
                found = _condition(m.name)
                if found is None or found[2] != cond or (found[1] != word) is not complement:
                    continue
                caveats = []
                if complement:
                    caveats.append(
                        f"the part is the total less the {m.name}: "
                        f"{_number(total.value)} − {_number(m.value)} ({_label(m)})"
                    )
                if not same_source:
                    caveats.append(
                        f"the count comes from another source ({m.citation.source.id}) "
                        f"than the share ({source})"
                    )
                return m, complement, caveats
    return None


def _compute(
    kind: ComparisonKind, unit: str, before: Fraction, after: Fraction, metric_unit: str
) -> tuple[Fraction | None, str]:
    """(value in ``unit``, "") or (None, reason)."""
    u = _norm(unit)
    same_unit = u in ("", _norm(metric_unit))
    divides = kind is not ComparisonKind.DIFFERENCE and not (
        kind is ComparisonKind.CHANGE and same_unit
    )
    if divides and before == 0:
        what = "total" if kind is ComparisonKind.SHARE else "baseline"
        return None, f"the {what} is zero"
    if kind is ComparisonKind.CHANGE:
        if u == "percent":
            return 100 * (after - before) / before, ""
        if u == "fraction":
            return (after - before) / before, ""
        if same_unit:
            return after - before, ""
    elif kind is ComparisonKind.RATIO:
        if u in ("times", ""):
            return after / before, ""
        if u == "percent":
            return 100 * after / before, ""
        if u == "fraction":
            return after / before, ""
    elif kind is ComparisonKind.DIFFERENCE:
        if same_unit:
            return after - before, ""
    elif kind is ComparisonKind.SHARE:
        if u == "percent":
            return 100 * after / before, ""
        if u == "fraction":
            return after / before, ""
    return None, f"a {kind.value} cannot be expressed in {unit!r}"


def check_claim(metric: Metric, lookup: Lookup) -> ClaimCheck:
    """Check the comparison ``metric`` states against the numbers it rests on.

    ``lookup`` finds the baseline (and, for a share, the part): a
    :class:`~timeline.collection.Timeline` or a mapping of metric ids to
    metrics. The rules per kind and per hedge word are in the module
    docstring. Raises :class:`~timeline.ConstraintError` when ``metric``
    states no comparison.
    """
    return _check(metric, _Index(lookup))


def _check(metric: Metric, index: _Index) -> ClaimCheck:
    c = metric.comparison
    if c is None:
        raise ConstraintError(f"metric {_label(metric)!r} states no comparison to check")
    stated, precision = _read_stated(c.value, c.unit)
    window = _allowed(c.qualifier, stated, precision)

    def cannot(reason: str, *inputs: Metric, caveats: Sequence[str] = ()) -> ClaimCheck:
        return ClaimCheck(
            metric,
            c,
            Verdict.CANNOT_CHECK,
            stated,
            window,
            reason=reason,
            inputs=(metric, *inputs),
            caveats=tuple(caveats),
        )

    if not c.baseline:
        what = "total" if c.kind is ComparisonKind.SHARE else "baseline"
        return cannot(f"no {what}: the comparison names no metric (the text gives no number)")
    base = index.by_id.get(c.baseline)
    if base is None:
        return cannot(f"the baseline {c.baseline!r} is not among the metrics")
    for m in (metric, base):
        if m.alternative_units:
            return cannot(_ambiguous(m), *([base] if m is base else []))
    caveats: list[str] = []

    if c.kind is ComparisonKind.SHARE:
        total = base
        if _norm(metric.unit) == _norm(total.unit):
            part, inputs = metric, [total]
            part_value = Fraction(metric.value)
            working_part = _number(metric.value)
        elif _norm(metric.unit) in ("percent", "fraction"):
            if metric.unit == c.unit and metric.value != c.value:
                caveats.append(f"the metric says {_written(metric)}, the comparison {c.value}")
            found = _find_part(metric, total, index)
            if found is None:
                wanted = _condition(metric.name)
                what = f"{wanted[1]} {wanted[2]}s" if wanted else repr(metric.name)
                return cannot(
                    f"no count for the part: no metric counts {total.unit} {what} "
                    f"for {metric.place or 'no place'}, {metric.period}",
                    total,
                )
            part, complement, more = found
            caveats += more
            inputs = [total, part]
            if part.alternative_units:
                return cannot(_ambiguous(part), *inputs, caveats=caveats)
            if complement:
                part_value = Fraction(total.value) - Fraction(part.value)
                working_part = (
                    f"{_number(total.value)} − {_number(part.value)} = {_exact(part_value)}"
                )
            else:
                part_value = Fraction(part.value)
                working_part = _number(part.value)
        else:
            return cannot(
                f"incompatible units: a share in {metric.unit!r} of a total in {total.unit!r}",
                total,
            )
        for m in (total, part):
            if m.qualifier in _BOUND_HEDGES:
                return cannot(
                    f"the {'total' if m is total else 'part'} is only a bound: "
                    f"{_written(m)} ({_label(m)})",
                    *inputs,
                    caveats=caveats,
                )
            if m.qualifier is not Hedge.EXACT:
                caveats.append(f"{_label(m)} is itself {_written(m)!r}")
        if _norm(metric.place) != _norm(total.place) or metric.period != total.period:
            caveats.append(
                f"the share is for {metric.place or 'no place'}, {metric.period}; "
                f"the total for {total.place or 'no place'}, {total.period}"
            )
        value, reason = _compute(c.kind, c.unit, Fraction(total.value), part_value, total.unit)
        if value is None:
            return cannot(reason, *inputs, caveats=caveats)
        shown = _show_value(value, c.unit, window=window)
        working = f"{working_part} of {_number(total.value)} {total.unit} is {shown}"
    else:
        if _norm(metric.unit) != _norm(base.unit):
            return cannot(f"incompatible units: {metric.unit!r} against {base.unit!r}", base)
        inputs = [base]
        for m in (base, metric):
            if m.qualifier in _BOUND_HEDGES:
                return cannot(f"{_label(m)} is only a bound: {_written(m)}", base, caveats=caveats)
            if m.qualifier is not Hedge.EXACT:
                caveats.append(f"{_label(m)} is itself {_written(m)!r}")
        before, after = Fraction(base.value), Fraction(metric.value)
        value, reason = _compute(c.kind, c.unit, before, after, metric.unit)
        if value is None:
            return cannot(reason, base, caveats=caveats)
        caveats += _window_caveats(base, metric)
        a_txt, b_txt = _number(base.value), _number(metric.value)
        sign = c.kind in (ComparisonKind.CHANGE, ComparisonKind.DIFFERENCE)
        shown = _show_value(value, c.unit or metric.unit, sign=sign, window=window)
        if c.kind is ComparisonKind.DIFFERENCE:
            working = f"{b_txt} − {a_txt} {metric.unit} is {shown}"
        else:
            working = f"{b_txt} vs {a_txt} {metric.unit} is {shown}"

    verdict = Verdict.HOLDS if value in window else Verdict.OFF
    return ClaimCheck(
        metric,
        c,
        verdict,
        stated,
        window,
        computed=value,
        difference=value - stated,
        inputs=(metric, *inputs),
        caveats=tuple(caveats),
        working=working,
    )


# --------------------------------------------------------------------------------------
# Parts against totals.


class Balance(enum.Enum):
    """How parts add up against their total."""

    ADDS_UP = "adds up"
    """The sum can equal the total (their ranges meet)."""
    SHORT = "short"
    """The parts certainly fall short: some of the total is not accounted for."""
    OVER = "over"
    """The parts certainly exceed the total: a contradiction."""


def _place_matches(a: str, b: str) -> bool:
    x, y = _norm(a), _norm(b)
    return x == y or x.startswith(y + ",") or y.startswith(x + ",")


@attrs.frozen
class PartsCheck:
    """Parts added up against a total.

    ``parts_sum`` is the sum as written, ``difference`` total − sum as
    written; ``balance`` compares the ranges the hedges allow. ``missing``
    lists expected places no part covers, ``basis`` how the parts were
    chosen ("places", "with and without ...", or "stated places" and
    "stated parts" for parts that name the total in ``part_of``).
    ``stated`` is true for those; ``breakdown`` is then the total's (whether
    its parts are all of it). ``explained_by`` are the stated
    inconsistencies that name every metric of the check.
    """

    total: Metric
    parts: tuple[Metric, ...]
    parts_sum: Fraction
    difference: Fraction
    balance: Balance
    basis: str = "places"
    missing: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    stated: bool = False
    breakdown: Breakdown = Breakdown.UNSTATED
    explained_by: tuple[Note, ...] = ()

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The citations of the total and every part."""
        return _citations((self.total, *self.parts))

    @property
    def explanation(self) -> str:
        """The sum, the total and what is missing, in words."""
        unit = self.total.unit
        by_place = self.basis in ("places", "stated places")
        listed = " + ".join(
            f"{_number(p.value)}" + (f" ({p.place})" if by_place else f" ({p.name})")
            for p in self.parts
        )
        text = f"{listed} = {_exact(self.parts_sum)} {unit} against {_written(self.total)}"
        if self.balance is Balance.ADDS_UP:
            text += ": adds up"
        elif self.balance is Balance.SHORT:
            text += f": short, {_exact(self.difference)} {unit} not accounted for"
            if self.stated and self.breakdown is Breakdown.PARTIAL:
                text += " (the text gives only some parts)"
            elif self.stated and self.breakdown is Breakdown.COMPLETE:
                text += ", though the parts are said to be all of it"
        else:
            text += f": over by {_exact(-self.difference)} {unit}"
        if self.missing:
            text += f"; no figure for {', '.join(self.missing)}"
        return text

    def __str__(self) -> str:
        return self.explanation


def parts_against_total(
    parts: Iterable[Metric],
    total: Metric,
    *,
    expected: Iterable[str] = (),
    basis: str = "places",
) -> PartsCheck:
    """Add ``parts`` and compare the sum with ``total``.

    ``expected`` names the places the parts should cover (an event's
    places): those that match no part's place nor the total's are listed as
    missing. Raises :class:`~timeline.ConstraintError` when there are no
    parts or a part's unit is not the total's.
    """
    items = tuple(parts)
    if not items:
        raise ConstraintError("parts_against_total needs at least one part")
    for p in items:
        if _norm(p.unit) != _norm(total.unit):
            raise ConstraintError(
                f"part {_label(p)!r} is in {p.unit!r}, the total in {total.unit!r}"
            )
    written = sum((Fraction(p.value) for p in items), Fraction(0))
    ranges = [value_range(p) for p in items]
    summed = ranges[0]
    for r in ranges[1:]:
        summed = summed + r
    whole = value_range(total)
    balance = (
        Balance.SHORT
        if summed.below(whole)
        else Balance.OVER
        if whole.below(summed)
        else Balance.ADDS_UP
    )
    covered = [total.place, *(p.place for p in items)]
    missing = tuple(
        place
        for place in dict.fromkeys(expected)
        if _norm(place) not in WIDE_PLACES and not any(_place_matches(place, c) for c in covered)
    )
    caveats = tuple(
        f"{_label(m)} is {_written(m)!r}" for m in (total, *items) if m.qualifier is not Hedge.EXACT
    )
    return PartsCheck(
        total, items, written, Fraction(total.value) - written, balance, basis, missing, caveats
    )


def parts_and_totals(timeline: Timeline) -> tuple[PartsCheck, ...]:
    """Every parts/total group in ``timeline`` (the rules in the module docstring), checked.

    Event by event: first the totals that parts name in ``part_of``, then
    the groups found by place and by condition among the rest.
    """
    by_id: dict[str, Metric] = {}
    for event in timeline:
        for m in event.metrics:
            if m.id:
                by_id.setdefault(m.id, m)
    parts_of: dict[str, list[Metric]] = {}
    for event in timeline:
        for m in event.metrics:
            if m.part_of in by_id and not m.alternative_units:
                parts_of.setdefault(m.part_of, []).append(m)
    stated = {id(m) for group in parts_of.values() for m in group}
    out: list[PartsCheck] = []
    for event in timeline:
        for m in event.metrics:
            if m.id in parts_of and by_id[m.id] is m:
                out += _stated_parts(m, parts_of[m.id], event)
        for check in (*_by_place(event), *_by_condition(event)):
            # A total with stated parts is checked against them; the parts found by
            # place or condition there would count them again.
            if check.total.id in parts_of or any(id(p) in stated for p in check.parts):
                continue
            out.append(check)
    return tuple(out)


def _stated_parts(total: Metric, parts: list[Metric], event: Event) -> list[PartsCheck]:
    """The checks of a total against the parts that name it: by place, and by category."""
    out: list[PartsCheck] = []
    places = [p for p in parts if _norm(p.place) != _norm(total.place)]
    categories = [p for p in parts if _norm(p.place) == _norm(total.place)]
    for group, basis in ((places, "stated places"), (categories, "stated parts")):
        usable = [p for p in group if _norm(p.unit) == _norm(total.unit)]
        if not usable:
            continue
        expected = event.places if basis == "stated places" else ()
        check = parts_against_total(usable, total, expected=expected, basis=basis)
        caveats = list(check.caveats)
        caveats += [
            f"{_label(p)} is in {p.unit!r}, the total in {total.unit!r}: left out"
            for p in group
            if p not in usable
        ]
        out.append(
            attrs.evolve(
                check,
                caveats=tuple(caveats),
                stated=True,
                breakdown=total.breakdown,
            )
        )
    return out


def _by_place(event: Event) -> list[PartsCheck]:
    groups: dict[tuple[str, str, TimeValue | None], list[Metric]] = {}
    for m in event.metrics:
        if _is_count(m.unit) and not m.alternative_units:
            groups.setdefault((_norm(m.name), _norm(m.unit), m.period), []).append(m)
    out: list[PartsCheck] = []
    for members in groups.values():
        totals = [m for m in members if _norm(m.place) in WIDE_PLACES]
        narrower = [m for m in members if _norm(m.place) not in WIDE_PLACES]
        for total in totals:
            source = total.citation.source.id
            own = [m for m in narrower if m.citation.source.id == source]
            chosen: dict[str, Metric] = {}
            for m in own or narrower:
                chosen.setdefault(_norm(m.place), m)
            if not chosen:
                continue
            check = parts_against_total(chosen.values(), total, expected=event.places)
            caveats = list(check.caveats)
            if not own:
                caveats.append(f"{source} gives no parts; the parts come from other sources")
            elsewhere = []
            for place in check.missing:
                for m in narrower:
                    if _place_matches(place, m.place):
                        elsewhere.append(f"{m.place}: {_written(m)} from {m.citation.source.id}")
                        break
            if elsewhere:
                caveats.append("given by another source: " + "; ".join(elsewhere))
            out.append(attrs.evolve(check, caveats=tuple(caveats)))
    return out


def _by_condition(event: Event) -> list[PartsCheck]:
    groups: dict[tuple[str, str, str, TimeValue | None], list[Metric]] = {}
    for m in event.metrics:
        if _is_count(m.unit) and not m.alternative_units:
            key = (m.citation.source.id, _norm(m.unit), _norm(m.place), m.period)
            groups.setdefault(key, []).append(m)
    out: list[PartsCheck] = []
    for members in groups.values():
        with_ = [m for m in members if (c := _condition(m.name)) and c[1] == "with"]
        without = [m for m in members if (c := _condition(m.name)) and c[1] == "without"]
        plain = [m for m in members if _condition(m.name) is None]
        if not (with_ and without and plain):
            continue
        total = max(plain, key=lambda m: Fraction(m.value))
        for w in with_:
            for wo in without:
                cw, cwo = _condition(w.name), _condition(wo.name)
                assert cw is not None
                assert cwo is not None
                basis = f"with and without {cw[2]}s" if cw[2] == cwo[2] else "with and without"
                check = parts_against_total((w, wo), total, basis=basis)
                caveats = list(check.caveats)
                if cw[2] != cwo[2]:
                    caveats.append(
                        f"assumes '{_norm(w.name)}' and '{_norm(wo.name)}' split "
                        f"{_label(total)} between them"
                    )
                out.append(attrs.evolve(check, caveats=tuple(caveats)))
    return out


# --------------------------------------------------------------------------------------
# Contrasts between figures.


@attrs.frozen
class ContrastCheck:
    """A contrast the text states between two metrics' figures, checked.

    ``other`` is the metric contrasted with (``None`` when not found);
    ``compared`` says which figures were set side by side ("the stated
    changes" or "the values"), ``figure`` and ``other_figure`` are they
    (``None`` when they cannot be compared), in ``unit``; ``allowed`` what
    the relation allows for ``figure``. ``verdict`` and ``reason`` as for a
    :class:`ClaimCheck`.
    """

    metric: Metric
    contrast: Contrast
    verdict: Verdict
    other: Metric | None = None
    compared: str = ""
    figure: Fraction | None = None
    other_figure: Fraction | None = None
    unit: str = ""
    allowed: Allowed | None = None
    reason: str = ""
    caveats: tuple[str, ...] = ()
    explained_by: tuple[Note, ...] = ()

    @property
    def inputs(self) -> tuple[Metric, ...]:
        """The two metrics, the contrasting one first (one when the other is not found)."""
        return (self.metric,) if self.other is None else (self.metric, self.other)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The citations of both metrics."""
        return _citations(self.inputs)

    @property
    def explanation(self) -> str:
        """What is stated, the figures compared, the rule and the verdict, in one sentence."""
        c = self.contrast
        head = f"stated: “{_readable(c.text)}” ({c.relation.phrase or 'the same as'} {c.other})"
        if self.verdict is Verdict.CANNOT_CHECK:
            return f"{head}; cannot check: {self.reason}"
        assert self.figure is not None
        assert self.other_figure is not None
        mine, theirs = _exact(self.figure), _exact(self.other_figure)
        unit = f" {self.unit}" if self.unit else ""
        return (
            f"{head}; compared: {self.compared}, {mine}{unit} against {theirs}{unit}; "
            f"'{c.relation.value}' allows {self.allowed}: {self.verdict.value}"
        )

    def __str__(self) -> str:
        return self.explanation


def _figure(metric: Metric, stated: bool) -> tuple[Number, Hedge, str]:
    """(number, hedge, unit) of a metric's stated comparison, or of its value."""
    if stated:
        assert metric.comparison is not None
        c = metric.comparison
        return c.value, c.qualifier, c.unit
    return metric.value, metric.qualifier, metric.unit


def check_contrast(metric: Metric, contrast: Contrast, lookup: Lookup) -> ContrastCheck:
    """Check a contrast ``metric`` states with another metric's figure (found in ``lookup``).

    The figures compared are the two metrics' stated comparisons when both
    state one of the same kind and unit ("went up by 35 percent", "an
    increase of 11 percent": 35 against 11 percent), else their values,
    which must then be in the same unit. The relation is read as a hedge on
    the other figure (:func:`allowed`): "more than 13 percent" holds for 29.
    A figure that is only a bound (more than, at least...) or of an
    ambiguous unit cannot be checked; an approximate one is taken as written
    and named in the caveats.
    """
    return _check_contrast(metric, contrast, _Index(lookup))


def _check_contrast(metric: Metric, contrast: Contrast, index: _Index) -> ContrastCheck:
    def cannot(reason: str, other: Metric | None = None) -> ContrastCheck:
        return ContrastCheck(metric, contrast, Verdict.CANNOT_CHECK, other, reason=reason)

    other = index.by_id.get(contrast.other)
    if other is None:
        return cannot(f"no metric has the id {contrast.other!r}")
    for m in (metric, other):
        if m.alternative_units:
            return cannot(_ambiguous(m), other)
    a, b = metric.comparison, other.comparison
    stated = a is not None and b is not None and a.kind is b.kind and _norm(a.unit) == _norm(b.unit)
    mine, mine_hedge, unit = _figure(metric, stated)
    theirs, their_hedge, their_unit = _figure(other, stated)
    if _norm(unit) != _norm(their_unit):
        return cannot(f"incompatible units: {unit!r} against {their_unit!r}", other)
    caveats: list[str] = []
    for m, hedge, number in ((metric, mine_hedge, mine), (other, their_hedge, theirs)):
        written = f"{hedge.phrase + ' ' if hedge.phrase else ''}{_number(number)} {unit}"
        if hedge in _BOUND_HEDGES:
            return cannot(f"the figure of {_label(m)} is only a bound: {written}", other)
        if hedge is not Hedge.EXACT:
            caveats.append(f"the figure of {_label(m)} is {written!r}")
    figure, _ = _read_stated(mine, unit)
    other_figure, precision = _read_stated(theirs, unit)
    window = _allowed(contrast.relation, other_figure, precision)
    verdict = Verdict.HOLDS if figure in window else Verdict.OFF
    compared = f"the stated {a.kind.value}s" if stated and a is not None else "the values"
    return ContrastCheck(
        metric,
        contrast,
        verdict,
        other,
        compared,
        figure,
        other_figure,
        unit,
        window,
        caveats=tuple(caveats),
    )


# --------------------------------------------------------------------------------------
# Conflicts and agreements between reports.


class Sameness(enum.Enum):
    """Whether two metrics count the same quantity."""

    SAME = "same quantity"
    """Same name, unit, place and period."""
    POSSIBLY_SAME = "possibly the same quantity"
    """Same unit; name, place or period only related (the reasons say how)."""


@attrs.frozen
class _Pair:
    a: Metric
    b: Metric
    sameness: Sameness
    reasons: tuple[str, ...] = ()
    explained_by: tuple[Note, ...] = ()

    @property
    def difference(self) -> Fraction:
        """b − a, as written."""
        return Fraction(self.b.value) - Fraction(self.a.value)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Both citations."""
        return _citations([self.a, self.b])

    def _describe(self, verb: str) -> str:
        a, b = self.a, self.b
        text = (
            f"{_written(a)} ({a.citation.source.id}) {verb} {_written(b)} ({b.citation.source.id})"
        )
        if _norm(a.name) == _norm(b.name):
            text += f" for {a.name}"
        if self.sameness is Sameness.POSSIBLY_SAME:
            text += f"; {self.sameness.value}: " + "; ".join(self.reasons)
        return text


@attrs.frozen
class Conflict(_Pair):
    """Two reports of the same (or possibly the same) quantity whose values cannot agree."""

    @property
    def explanation(self) -> str:
        """Both figures, both sources, and why they may be the same quantity."""
        return self._describe("against")

    def __str__(self) -> str:
        return self.explanation


@attrs.frozen
class Agreement(_Pair):
    """Two reports of the same (or possibly the same) quantity whose values can agree."""

    @property
    def explanation(self) -> str:
        """Both figures, both sources, and why they may be the same quantity."""
        return self._describe("and")

    def __str__(self) -> str:
        return self.explanation


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.casefold()))


def _related_heads(a: str, b: str) -> bool:
    x, y = _words(a), _words(b)
    return x <= y or y <= x


def _sameness(a: Metric, b: Metric) -> tuple[Sameness, tuple[str, ...]] | None:
    if _norm(a.unit) != _norm(b.unit):
        return None
    reasons: list[str] = []
    if _norm(a.name) != _norm(b.name):
        ca, cb = _condition(a.name), _condition(b.name)
        if ca is None or cb is None or ca[1] != cb[1] or not _related_heads(ca[0], cb[0]):
            return None
        reasons.append(f"'{a.name}' and '{b.name}' may not count the same people or things")
    if _norm(a.place) != _norm(b.place):
        wa, wb = _words(a.place), _words(b.place)
        if not wa or not wb or not (wa <= wb or wb <= wa):
            return None
        reasons.append(f"'{a.place}' and '{b.place}' may not be the same place")
    pa, pb = a.period, b.period
    if pa is None or pb is None:
        if pa is not pb:
            return None
    elif pa != pb and (pa.earliest_day, pa.latest_day) != (pb.earliest_day, pb.latest_day):
        lo_a, hi_a, lo_b, hi_b = pa.earliest_day, pa.latest_day, pb.earliest_day, pb.latest_day
        overlap = (lo_a is None or hi_b is None or lo_a <= hi_b) and (
            lo_b is None or hi_a is None or lo_b <= hi_a
        )
        if not overlap or (pa.is_definite and pb.is_definite):
            return None
        reasons.append(f"the periods {pa} and {pb} may be the same")
    return (Sameness.POSSIBLY_SAME if reasons else Sameness.SAME), tuple(reasons)


def _metrics(source: Timeline | Iterable[Metric]) -> list[Metric]:
    if isinstance(source, Timeline):
        return [m for e in source for m in e.metrics]
    return list(source)


def _pairs(source: Timeline | Iterable[Metric]) -> Iterator[tuple[bool, _Pair]]:
    items = _metrics(source)
    # Only metrics in the same unit can count the same quantity.
    by_unit: dict[str, list[int]] = {}
    for i, m in enumerate(items):
        if not m.alternative_units:  # a number of unsure unit counts nothing for sure
            by_unit.setdefault(_norm(m.unit), []).append(i)
    pairs = sorted((i, j) for group in by_unit.values() for i in group for j in group if i < j)
    for i, j in pairs:
        a, b = items[i], items[j]
        if a.citation == b.citation:
            continue
        found = _sameness(a, b)
        if found is None:
            continue
        ra, rb = value_range(a), value_range(b)
        agree = not (ra.below(rb) or rb.below(ra))
        yield agree, _Pair(a, b, *found)


def conflicts(source: Timeline | Iterable[Metric]) -> tuple[Conflict, ...]:
    """Pairs of reports of the same (or possibly the same) quantity that cannot agree.

    In the order of ``source`` (a timeline's display order, then each
    event's metrics). The rules are in the module docstring.
    """
    return tuple(
        Conflict(p.a, p.b, p.sameness, p.reasons) for agree, p in _pairs(source) if not agree
    )


def agreements(source: Timeline | Iterable[Metric]) -> tuple[Agreement, ...]:
    """Pairs of reports of the same (or possibly the same) quantity that can agree."""
    return tuple(Agreement(p.a, p.b, p.sameness, p.reasons) for agree, p in _pairs(source) if agree)


# --------------------------------------------------------------------------------------
# The report.


SECTIONS: Final = ("claims", "parts", "conflicts", "agreements", "contrasts", "notes")
"""The report's sections, in order; the names :meth:`Report.rows` takes."""


@attrs.frozen
class Table:
    """A section of a report as plain data: headers and rows of strings."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def dicts(self) -> list[dict[str, str]]:
        """The rows as dicts keyed by header."""
        return [dict(zip(self.headers, row, strict=True)) for row in self.rows]


Finding = ClaimCheck | PartsCheck | Conflict | ContrastCheck
"""Anything :meth:`Report.failures` can list."""


@attrs.frozen
class Report:
    """Every claim check, parts/total check, conflict, agreement and contrast of a timeline.

    ``notes`` are the caveats and inconsistencies the file states, each with
    its citations; ``ambiguous`` the metrics whose unit the text leaves open.
    ``str(report)`` (or :meth:`text`) is plain text for people, the same for
    the same timeline; :meth:`rows` gives each section as a :class:`Table`.
    """

    title: str
    claims: tuple[ClaimCheck, ...]
    parts: tuple[PartsCheck, ...]
    conflicts: tuple[Conflict, ...]
    agreements: tuple[Agreement, ...]
    contrasts: tuple[ContrastCheck, ...] = ()
    notes: tuple[Note, ...] = ()
    ambiguous: tuple[Metric, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        """How many of each finding, by a plain name ("claims holds", "parts short", ...)."""
        out = {"claims": len(self.claims)}
        for v in Verdict:
            out[f"claims {v.value}"] = sum(c.verdict is v for c in self.claims)
        out["parts"] = len(self.parts)
        for b in Balance:
            out[f"parts {b.value}"] = sum(p.balance is b for p in self.parts)
        out["conflicts"] = len(self.conflicts)
        out["conflicts possible"] = sum(
            c.sameness is Sameness.POSSIBLY_SAME for c in self.conflicts
        )
        out["agreements"] = len(self.agreements)
        out["contrasts"] = len(self.contrasts)
        for v in Verdict:
            out[f"contrasts {v.value}"] = sum(c.verdict is v for c in self.contrasts)
        out["notes"] = len(self.notes)
        for k in NoteKind:
            out[f"notes {k.value}"] = sum(n.kind is k for n in self.notes)
        out["ambiguous units"] = len(self.ambiguous)
        out["explained"] = len(self.explained())
        return out

    def explained(self) -> tuple[Finding, ...]:
        """The findings that a stated inconsistency explains, in report order."""
        findings: tuple[Finding, ...] = (
            *self.claims,
            *self.parts,
            *self.conflicts,
            *self.contrasts,
        )
        return tuple(f for f in findings if f.explained_by)

    def failures(self, *, strict: bool = False) -> tuple[Finding, ...]:
        """The findings that fail a check of the data, in report order.

        Claims and contrasts that are off; parts that add up to more than
        their total, or fall short of a total whose parts are said to be all
        of it (``breakdown: complete``); sources that disagree about the same
        quantity. With ``strict`` also what cannot be shown right: claims and
        contrasts that cannot be checked, parts that name a total in
        ``part_of`` and fall short of it when the file does not say whether
        they are all of it, and disagreements that may be about the same
        quantity.

        Never a failure: parts short of a total whose parts are said to be
        only some of it (``breakdown: partial``), or that the file does not
        name as its parts (a region's figure beside the national total is no
        breakdown of it); and a finding that a stated inconsistency explains
        (a note of kind ``inconsistency`` naming every metric the finding
        rests on): the file says the sources disagree and cites them, which
        is what a checked file should do. Both are still reported.
        """
        claims = (Verdict.OFF, Verdict.CANNOT_CHECK) if strict else (Verdict.OFF,)

        def part_fails(p: PartsCheck) -> bool:
            if p.balance is Balance.OVER:
                return True
            if p.balance is not Balance.SHORT or not p.stated:
                return False
            return p.breakdown is Breakdown.COMPLETE or (
                strict and p.breakdown is Breakdown.UNSTATED
            )

        found: tuple[Finding, ...] = (
            *(c for c in self.claims if c.verdict in claims),
            *(p for p in self.parts if part_fails(p)),
            *(c for c in self.conflicts if strict or c.sameness is Sameness.SAME),
            *(c for c in self.contrasts if c.verdict in claims),
        )
        return tuple(f for f in found if not f.explained_by)

    def rows(self, section: str) -> Table:
        """One section (a name in :data:`SECTIONS`) as a table of strings."""
        if section == "claims":
            return Table(
                section,
                (
                    "metric",
                    "kind",
                    "stated",
                    "computed",
                    "allowed",
                    "verdict",
                    "off by",
                    "note",
                    "sources",
                ),
                tuple(
                    (
                        _label(c.metric),
                        c.comparison.kind.value,
                        c.stated_text,
                        ""
                        if c.computed is None
                        else _show_value(c.computed, c.comparison.unit, window=c.allowed),
                        str(c.allowed),
                        c.verdict.value,
                        ""
                        if c.verdict is not Verdict.OFF or c.difference is None
                        else _show_difference(c.difference, c.comparison.unit),
                        c.reason or "; ".join(c.caveats),
                        ", ".join(dict.fromkeys(x.source.id for x in c.citations)),
                    )
                    for c in self.claims
                ),
            )
        if section == "parts":
            return Table(
                section,
                (
                    "total",
                    "source",
                    "parts by",
                    "total value",
                    "sum of parts",
                    "difference",
                    "balance",
                    "missing",
                ),
                tuple(
                    (
                        _label(p.total),
                        p.total.citation.source.id,
                        p.basis,
                        _written(p.total),
                        f"{_exact(p.parts_sum)} ({len(p.parts)} parts)",
                        _exact(p.difference, sign=True),
                        p.balance.value,
                        ", ".join(p.missing),
                    )
                    for p in self.parts
                ),
            )
        if section in ("conflicts", "agreements"):
            pairs: Sequence[_Pair] = self.conflicts if section == "conflicts" else self.agreements
            return Table(
                section,
                ("a", "source a", "value a", "b", "source b", "value b", "sameness", "reasons"),
                tuple(
                    (
                        _label(p.a),
                        p.a.citation.source.id,
                        _written(p.a),
                        _label(p.b),
                        p.b.citation.source.id,
                        _written(p.b),
                        p.sameness.value,
                        "; ".join(p.reasons),
                    )
                    for p in pairs
                ),
            )
        if section == "contrasts":
            return Table(
                section,
                (
                    "metric",
                    "relation",
                    "other",
                    "compared",
                    "figures",
                    "verdict",
                    "note",
                    "sources",
                ),
                tuple(
                    (
                        _label(c.metric),
                        c.contrast.relation.value,
                        c.contrast.other,
                        c.compared,
                        _figures(c),
                        c.verdict.value,
                        c.reason or "; ".join(c.caveats),
                        ", ".join(dict.fromkeys(x.source.id for x in c.citations)),
                    )
                    for c in self.contrasts
                ),
            )
        if section == "notes":
            return Table(
                section,
                ("kind", "text", "metrics", "sources"),
                (
                    *(
                        (
                            n.kind.value,
                            n.text,
                            ", ".join(n.metrics),
                            ", ".join(dict.fromkeys(x.source.id for x in n.sources)),
                        )
                        for n in self.notes
                    ),
                    *(
                        ("ambiguous unit", _ambiguous(m), _label(m), m.citation.source.id)
                        for m in self.ambiguous
                    ),
                ),
            )
        raise ConstraintError(f"unknown section {section!r} (known: {', '.join(SECTIONS)})")

    def tables(self) -> tuple[Table, ...]:
        """Every section, in the order of :data:`SECTIONS`."""
        return tuple(self.rows(s) for s in SECTIONS)

    def text(self) -> str:
        """The report as plain text: counts, then each section with its findings and citations."""
        n = self.counts
        lines = [f"Checks: {self.title}" if self.title else "Checks", ""]
        lines.append(
            f"Claims: {n['claims']} ({n['claims holds']} hold, {n['claims off']} off, "
            f"{n['claims cannot check']} cannot be checked)"
        )
        lines.append(
            f"Parts against totals: {n['parts']} ({n['parts adds up']} add up, "
            f"{n['parts short']} short, {n['parts over']} over)"
        )
        lines.append(
            f"Conflicts: {n['conflicts']} ({n['conflicts possible']} possibly the same quantity)"
        )
        lines.append(f"Agreements: {n['agreements']}")
        if self.contrasts:
            lines.append(
                f"Contrasts: {n['contrasts']} ({n['contrasts holds']} hold, "
                f"{n['contrasts off']} off, {n['contrasts cannot check']} cannot be checked)"
            )
        if self.notes or self.ambiguous:
            lines.append(
                f"Notes: {n['notes inconsistency']} stated inconsistencies, "
                f"{n['notes caveat']} caveats, {n['ambiguous units']} ambiguous units; "
                f"{n['explained']} findings explained"
            )

        def section(title: str, items: Sequence[Any], head: Any) -> None:
            lines.extend(["", title, "-" * len(title)])
            if not items:
                lines.append("(none)")
            for i, item in enumerate(items, 1):
                explained = " (explained)" if getattr(item, "explained_by", ()) else ""
                lines.append(f"{i}. {head(item)}{explained}")
                lines.append(f"   {item.explanation}")
                for caveat in getattr(item, "caveats", ()):
                    lines.append(f"   caveat: {caveat}")
                for note in getattr(item, "explained_by", ()):
                    lines.append(f"   explained: {note.text}")
                for c in item.citations:
                    lines.append(f"   source: {c.source.id}: “{_readable(c.quote)}”")

        section(
            "Claims",
            self.claims,
            lambda c: f"{c.verdict.value.upper()}: {_label(c.metric)}",
        )
        section(
            "Parts against totals",
            self.parts,
            lambda p: f"{p.balance.value.upper()}: {_label(p.total)} by {p.basis}",
        )
        section(
            "Conflicts",
            self.conflicts,
            lambda p: f"{p.sameness.value.upper()}: {_label(p.a)} / {_label(p.b)}",
        )
        section(
            "Agreements",
            self.agreements,
            lambda p: f"{p.sameness.value.upper()}: {_label(p.a)} / {_label(p.b)}",
        )
        if self.contrasts:
            section(
                "Contrasts",
                self.contrasts,
                lambda c: f"{c.verdict.value.upper()}: {_label(c.metric)} / {c.contrast.other}",
            )
        if self.notes or self.ambiguous:
            lines.extend(["", "Notes", "-----"])
            for i, note in enumerate(self.notes, 1):
                about = f" ({', '.join(note.metrics)})" if note.metrics else ""
                lines.append(f"{i}. {note.kind.value.upper()}{about}")
                lines.append(f"   {note.text}")
                for c in note.sources:
                    lines.append(f"   source: {c.source.id}: “{_readable(c.quote)}”")
            for i, m in enumerate(self.ambiguous, len(self.notes) + 1):
                lines.append(f"{i}. AMBIGUOUS UNIT ({_label(m)})")
                lines.append(f"   {_ambiguous(m)}")
                quote = _readable(m.citation.quote)
                lines.append(f"   source: {m.citation.source.id}: “{quote}”")
        return "\n".join(lines) + "\n"

    def __str__(self) -> str:
        return self.text()


def _figures(c: ContrastCheck) -> str:
    if c.figure is None or c.other_figure is None:
        return ""
    return f"{_exact(c.figure)} against {_exact(c.other_figure)} {c.unit}".strip()


def _explained_by(metrics: Iterable[Metric], notes: Sequence[Note]) -> tuple[Note, ...]:
    """The stated inconsistencies that name every one of ``metrics`` (none when one has no id)."""
    ids = {m.id for m in metrics}
    if "" in ids:
        return ()
    return tuple(n for n in notes if n.kind is NoteKind.INCONSISTENCY and ids <= set(n.metrics))


def report(timeline: Timeline) -> Report:
    """Check every stated comparison, parts/total group, pair of reports and contrast in
    ``timeline``, with the notes it states; a finding that a stated inconsistency explains
    carries it in ``explained_by``."""
    index = _Index(timeline)
    notes = tuple(n for e in timeline for n in e.notes)

    def explain(finding: Any, metrics: Iterable[Metric]) -> Any:
        found = _explained_by(metrics, notes)
        return attrs.evolve(finding, explained_by=found) if found else finding

    claims = tuple(
        explain(c, c.inputs)
        for c in (_check(m, index) for _, m in index.pairs if m.comparison is not None)
    )
    contrasts = tuple(
        explain(c, c.inputs)
        for c in (
            _check_contrast(m, contrast, index) for _, m in index.pairs for contrast in m.contrasts
        )
    )
    return Report(
        timeline.title,
        claims,
        tuple(explain(p, (p.total, *p.parts)) for p in parts_and_totals(timeline)),
        tuple(explain(c, (c.a, c.b)) for c in conflicts(timeline)),
        agreements(timeline),
        contrasts,
        notes,
        tuple(m for _, m in index.pairs if m.alternative_units),
    )


def _readable(text: str) -> str:
    """Quoted words as people read them: the HTML references they were copied with decoded
    (:func:`timeline.safe.display_text`); the data keeps them."""
    from timeline.safe import display_text

    return display_text(text)
