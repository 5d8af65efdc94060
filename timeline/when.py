"""Time values that keep exactly what is known.

A *time value* stands for a stretch of calendar time, and keeps the form it
was written in, so that ``FY2018`` formats back as ``FY2018`` and not as
``2017-10-01/2018-09-30``. The kinds:

:class:`Extent`
    One calendar unit, known exactly: a day, week, month, quarter, season,
    half, year, decade, fiscal year or fiscal quarter.
:class:`Unspecified`
    One unit among several, written with unspecified digits (``201X``,
    ``1984-1X``, ``2017-01-XX``): which one is not known.
:class:`Moment`
    One day somewhere inside another value (``on(FY2018)``).
:class:`Period`
    A run of days from the first day of ``start`` through the last day of
    ``end``; either end may itself be vague, open (``..``) or unknown.
:class:`Instant`
    A date and time with a zone or an offset.
:class:`OneOf` and :class:`AllOf`
    EDTF sets: one of several values, or all of them.

Conventions used throughout:

* Days are *rata die* numbers inside (day 1 is 0001-01-01 of the proleptic
  Gregorian calendar, as :meth:`datetime.date.toordinal`); ``pendulum.Date``
  appears only at the public edge, made on demand.
* ``earliest`` and ``latest`` are **inclusive**: the first and the last day
  the value could cover. They are ``None`` where the value is unbounded on
  that side (an open or unknown end).
* Qualifiers (``?`` uncertain, ``~`` approximate, ``%`` both) are kept with
  the value and never change its bounds.
* Values are totally ordered for *display* (see :func:`sort_key`); the order
  is not a claim that one thing happened before another — ask
  :mod:`timeline.relations` for that.
"""

from __future__ import annotations

import enum
import functools
import itertools
from collections.abc import Iterator, Sequence
from datetime import date as _date
from typing import TYPE_CHECKING, Any, Final

import attrs

from timeline import calendar as cal
from timeline.errors import ConstraintError, RangeError

if TYPE_CHECKING:
    import pendulum

__all__ = [
    "OPEN",
    "UNKNOWN",
    "AllOf",
    "DayCount",
    "End",
    "Extent",
    "Instant",
    "Moment",
    "OneOf",
    "Period",
    "Precision",
    "Qualifier",
    "TimeValue",
    "Unspecified",
    "When",
    "fiscal_quarter",
    "fiscal_year",
    "fiscal_year_of",
    "on",
    "period",
    "sort_key",
]

# Rata die of 0001-01-01 and 9999-12-31: the days pendulum.Date can hold.
_MIN_DATE_RD: Final = 1
_MAX_DATE_RD: Final = 3652059
_US_PER_DAY: Final = 86_400_000_000
_UNIX_EPOCH_RD: Final = 719163

_MONTH_ABBR: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_MONTH_NAME: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAY_TAGS: Final = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_SEASON_NAMES: Final = {
    21: "Spring",
    22: "Summer",
    23: "Autumn",
    24: "Winter",
    25: "Spring",
    26: "Summer",
    27: "Autumn",
    28: "Winter",
    29: "Spring",
    30: "Summer",
    31: "Autumn",
    32: "Winter",
}


class Precision(enum.IntEnum):
    """How fine a value's unit is, ordered from coarse to fine.

    ``Precision.YEAR < Precision.MONTH < Precision.DAY``: a larger member is a
    finer grain. A value's precision is the size of the unit it is made of;
    whether *which* unit is known is a separate matter (see
    :attr:`TimeValue.is_definite`).
    """

    CENTURY = 1
    DECADE = 2
    YEAR = 3
    HALF = 4
    QUADRIMESTER = 5
    QUARTER = 6
    SEASON = 7
    MONTH = 8
    WEEK = 9
    DAY = 10
    HOUR = 11
    MINUTE = 12
    SECOND = 13


class Qualifier(enum.Flag):
    """EDTF qualifiers. They describe the claim, never the bounds.

    ``UNCERTAIN`` is ``?`` (possibly wrong), ``APPROXIMATE`` is ``~`` (about),
    and both together are ``%``.
    """

    NONE = 0
    UNCERTAIN = 1
    APPROXIMATE = 2
    UNCERTAIN_APPROXIMATE = 3

    @property
    def symbol(self) -> str:
        """``""``, ``"?"``, ``"~"`` or ``"%"``."""
        return _QUALIFIER_SYMBOLS[self.value]


_QUALIFIER_SYMBOLS: Final = ("", "?", "~", "%")
_SYMBOL_QUALIFIERS: Final = {
    "?": Qualifier.UNCERTAIN,
    "~": Qualifier.APPROXIMATE,
    "%": Qualifier.UNCERTAIN_APPROXIMATE,
}


def _normalise_qualifiers(qualifiers: Sequence[Qualifier]) -> tuple[Qualifier, ...]:
    """Store qualifiers compactly: ``()`` for none, ``(q,)`` when every component has ``q``."""
    qs = tuple(qualifiers)
    if not qs or all(q is Qualifier.NONE for q in qs):
        return ()
    if all(q is qs[0] for q in qs):
        return (qs[0],)
    return qs


class End(enum.Enum):
    """A period end that is not a value: open (``..``) or unknown (empty).

    ``OPEN`` means the period runs on without limit on that side (it is still
    going, or it has no beginning); ``UNKNOWN`` means it has an end that is
    not known, bounded only by the other end.
    """

    OPEN = ".."
    UNKNOWN = ""

    def __repr__(self) -> str:
        return f"timeline.{self.name}"


OPEN: Final = End.OPEN
UNKNOWN: Final = End.UNKNOWN


@attrs.frozen(weakref_slot=False)
class DayCount:
    """How many calendar days a value covers, counting both its first and its last day.

    ``least`` and ``most`` bound the count; ``most`` is ``None`` when the value
    is unbounded. ``exact`` is the count when the two agree, else ``None``.
    """

    least: int
    most: int | None

    @property
    def exact(self) -> int | None:
        """The count when it is known exactly, else ``None``."""
        return self.least if self.least == self.most else None

    def __str__(self) -> str:
        if self.most is None:
            return f"at least {self.least} day" + ("" if self.least == 1 else "s")
        if self.least == self.most:
            return f"{self.least} day" + ("" if self.least == 1 else "s")
        return f"{self.least}–{self.most} days"


def _to_date(rd: int) -> pendulum.Date:
    import pendulum

    if not _MIN_DATE_RD <= rd <= _MAX_DATE_RD:
        y, m, d = cal.from_rd(rd)
        raise RangeError(
            f"{_edtf_year(y)}-{m:02d}-{d:02d} lies outside years 1–9999, which pendulum.Date "
            "cannot hold; use the day number (earliest_day / latest_day) instead"
        )
    return pendulum.Date.fromordinal(rd)


class TimeValue:
    """The common face of every time value.

    Subclasses are frozen ``attrs`` classes; values compare equal when they
    were written the same way, hash accordingly, and sort by :func:`sort_key`.
    """

    __slots__ = ()

    # -- what subclasses provide -------------------------------------------------
    @property
    def precision(self) -> Precision:
        """The grain of the value's unit."""
        raise NotImplementedError

    @property
    def qualifier(self) -> Qualifier:
        """Every qualifier on the value or any of its parts, combined."""
        raise NotImplementedError

    @property
    def edtf(self) -> str:
        """Canonical EDTF text (or this library's documented extension); ``parse(v.edtf) == v``."""
        raise NotImplementedError

    @property
    def earliest_day(self) -> int | None:
        """Rata die of the first day the value could cover, or ``None`` if unbounded."""
        raise NotImplementedError

    @property
    def latest_day(self) -> int | None:
        """Rata die of the last day the value could cover (inclusive), or ``None`` if unbounded."""
        raise NotImplementedError

    @property
    def is_definite(self) -> bool:
        """True when the value stands for exactly one run of days (or one instant)."""
        raise NotImplementedError

    def days_covered(self) -> DayCount:
        """How many calendar days the value covers, its first and its last day both counted.

        ``2017-01-24/2017-04-30`` covers 97 days; a one-day value covers 1.
        For a vague value the count is a range (``201X`` covers 365–366 days).
        """
        raise NotImplementedError

    def _span_us(self) -> tuple[float, float]:
        """Microseconds (on the rata die scale) where the value could start and end (exclusive)."""
        raise NotImplementedError

    # -- derived -----------------------------------------------------------------
    @property
    def earliest(self) -> pendulum.Date | None:
        """The first day the value could cover (inclusive), or ``None`` if unbounded.

        Raises :class:`~timeline.RangeError` for days outside years 1–9999,
        which ``pendulum.Date`` cannot hold; :attr:`earliest_day` has them all.
        """
        rd = self.earliest_day
        return None if rd is None else _to_date(rd)

    @property
    def latest(self) -> pendulum.Date | None:
        """The last day the value could cover (inclusive), or ``None`` if unbounded."""
        rd = self.latest_day
        return None if rd is None else _to_date(rd)

    @property
    def is_qualified(self) -> bool:
        """True when any part of the value is uncertain or approximate."""
        return self.qualifier is not Qualifier.NONE

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, TimeValue):
            return NotImplemented
        return sort_key(self) < sort_key(other)

    def __le__(self, other: object) -> bool:
        if not isinstance(other, TimeValue):
            return NotImplemented
        return sort_key(self) <= sort_key(other)

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, TimeValue):
            return NotImplemented
        return sort_key(self) > sort_key(other)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, TimeValue):
            return NotImplemented
        return sort_key(self) >= sort_key(other)


SortKey = tuple[float, float, int, str]


def sort_key(value: TimeValue) -> SortKey:
    """The one order used to list values: for display, not a claim of chronology.

    Values sort by the first moment they could cover, earliest first
    (unbounded beginnings first); then by the last moment they could cover,
    *latest* first, so that a year comes before the months and days inside
    it; then coarser precision first; then by their EDTF text. The order is
    total and deterministic: it never raises, and ``sorted()`` gives the same
    result whatever the input order, because two values with the same key
    have the same EDTF text and so are equal.
    """
    lo, hi = value._span_us()
    return (lo, -hi, int(value.precision), value.edtf)


# --------------------------------------------------------------------------------------
# Formatting helpers shared by the kinds.


def _edtf_year(year: int) -> str:
    if -9999 <= year <= 9999:
        return f"-{-year:04d}" if year < 0 else f"{year:04d}"
    return f"Y{year}"


def _human_year(year: int) -> str:
    return f"{1 - year} BCE" if year <= 0 else str(year)


def _human_day(rd: int, *, with_year: bool = True) -> str:
    y, m, d = cal.from_rd(rd)
    text = f"{_MONTH_ABBR[m - 1]} {d}"
    return f"{text}, {_human_year(y)}" if with_year else text


def _human_day_range(first: int, last: int) -> str:
    """``Sep 24–27, 2017``, ``Sep 24 – Oct 2, 2017``, ``Dec 30, 2017 – Jan 2, 2018``."""
    if first == last:
        return _human_day(first)
    y1, m1, d1 = cal.from_rd(first)
    y2, m2, d2 = cal.from_rd(last)
    if y1 != y2:
        return f"{_human_day(first)} – {_human_day(last)}"
    if m1 != m2:
        return f"{_MONTH_ABBR[m1 - 1]} {d1} – {_MONTH_ABBR[m2 - 1]} {d2}, {_human_year(y1)}"
    return f"{_MONTH_ABBR[m1 - 1]} {d1}–{d2}, {_human_year(y1)}"


def _human_hull(lo: int, hi: int) -> str:
    """Describe a run of days with the coarsest calendar words that fit it exactly."""
    y1, m1, d1 = cal.from_rd(lo)
    y2, m2, d2 = cal.from_rd(hi)
    month_aligned = d1 == 1 and d2 == cal.days_in_month(y2, m2)
    if month_aligned and m1 == 1 and m2 == 12:
        if y1 == y2:
            return _human_year(y1)
        return f"{_human_year(y1)}–{_human_year(y2)}"
    if month_aligned:
        if (y1, m1) == (y2, m2):
            return f"{_MONTH_NAME[m1 - 1]} {_human_year(y1)}"
        if y1 == y2:
            return f"{_MONTH_NAME[m1 - 1]}–{_MONTH_NAME[m2 - 1]} {_human_year(y1)}"
        return f"{_MONTH_NAME[m1 - 1]} {_human_year(y1)} – {_MONTH_NAME[m2 - 1]} {_human_year(y2)}"
    return _human_day_range(lo, hi)


def _qualify_human(text: str, qualifier: Qualifier) -> str:
    if qualifier & Qualifier.APPROXIMATE:
        text = f"c. {text}"
    if qualifier & Qualifier.UNCERTAIN:
        text = f"{text}?"
    return text


def _qualify_edtf(components: Sequence[str], qualifiers: tuple[Qualifier, ...]) -> str:
    """Join components with ``-`` and place qualifiers the EDTF way.

    A single qualifier for the whole value goes at the end (``2004-06-11?``);
    qualifiers that differ per component go before each component they
    qualify (``?2004-06-~11``), which EDTF level 2 reads per component.
    """
    if not qualifiers:
        return "-".join(components)
    if len(qualifiers) == 1:
        return "-".join(components) + qualifiers[0].symbol
    return "-".join(q.symbol + c for q, c in zip(qualifiers, components, strict=True))


# --------------------------------------------------------------------------------------
# Extent: one calendar unit, known.


def _check_qualifiers(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(q, Qualifier) for q in value):
        raise ConstraintError(f"{attribute.name} must be a tuple of Qualifier, not {value!r}")


# Time values have no __weakref__ slot: they are small and many (dates, tuples and
# ints take no weak references either), and CPython lets the draft below become an
# Extent only when neither class has one.
@attrs.frozen(order=False, weakref_slot=False)
class Extent(TimeValue):
    """One calendar unit whose position is known: a day, a month, FY2018, ...

    Make extents with the named constructors (:meth:`day`, :meth:`month`,
    :meth:`year`, :meth:`iso_week`, :meth:`fiscal_year`, ...) or with
    :func:`timeline.parse`; the fields are the value's identity:

    ``label``
        the canonical EDTF text of the unit, without qualifiers;
    ``first``, ``last``
        inclusive rata die bounds;
    ``unit``
        the :class:`Precision` of the unit;
    ``qualifiers``
        ``()`` for none, one :class:`Qualifier` for the whole value, or one
        per component (year, month, day) of a calendar date.
    """

    label: str
    first: int
    last: int
    unit: Precision
    qualifiers: tuple[Qualifier, ...] = attrs.field(default=(), validator=_check_qualifiers)

    # -- constructors ---------------------------------------------------------------
    @classmethod
    def _trusted(cls, label: str, first: int, last: int, unit: Precision) -> Extent:
        """Build without validation, for inputs already checked (the parser's fast path).

        Validation costs as much as the rest of reading a plain ISO day; the
        value is filled in as an :class:`_ExtentDraft`, the cheapest way in.
        """
        draft: Any = _ExtentDraft()  # Any: it changes class below
        draft.label = label
        draft.first = first
        draft.last = last
        draft.unit = unit
        draft.qualifiers = ()
        draft.__class__ = cls
        return draft  # type: ignore[no-any-return]

    @classmethod
    def day(cls, year: int, month: int, day: int) -> Extent:
        """The calendar day ``year-month-day``; :class:`~timeline.CalendarError` if none."""
        rd = cal.to_rd(year, month, day)
        return cls(f"{_edtf_year(year)}-{month:02d}-{day:02d}", rd, rd, Precision.DAY)

    @classmethod
    def from_rd(cls, rd: int) -> Extent:
        """The day with rata die number ``rd``."""
        y, m, d = cal.from_rd(rd)
        return cls(f"{_edtf_year(y)}-{m:02d}-{d:02d}", rd, rd, Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> Extent:
        """The calendar month."""
        first, last = cal.month_bounds(year, month)
        return cls(f"{_edtf_year(year)}-{month:02d}", first, last, Precision.MONTH)

    @classmethod
    def year(cls, year: int) -> Extent:
        """The calendar year (astronomical numbering: 0 is 1 BCE)."""
        first, last = cal.year_bounds(year)
        return cls(_edtf_year(year), first, last, Precision.YEAR)

    @classmethod
    def decade(cls, decade: int) -> Extent:
        """The decade whose years start with ``decade``: ``decade(201)`` is the 2010s."""
        first, last = cal.decade_bounds(decade)
        if decade < 0:
            raise RangeError(f"decade {decade}: only decades of years 0 and later are supported")
        return cls(f"{decade:03d}0s", first, last, Precision.DECADE)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Extent:
        """Calendar quarter 1–4 (EDTF ``2017-33`` is Q1 2017)."""
        return cls.season(year, 32 + quarter) if 1 <= quarter <= 4 else cls._bad("quarter", quarter)

    @classmethod
    def half(cls, year: int, half: int) -> Extent:
        """Calendar half 1–2 (EDTF ``2017-40`` is the first half)."""
        return cls.season(year, 39 + half) if 1 <= half <= 2 else cls._bad("half", half)

    @classmethod
    def season(cls, year: int, code: int) -> Extent:
        """An EDTF season or sub-year division, codes 21–41.

        21–24 are spring, summer, autumn, winter with northern meteorological
        bounds (winter runs December to February of the next year); 25–28
        the same, northern hemisphere; 29–32 southern hemisphere; 33–36
        quarters; 37–39 quadrimesters; 40–41 halves.
        """
        first, last = cal.season_bounds(year, code)
        if code >= 40:
            unit = Precision.HALF
        elif code >= 37:
            unit = Precision.QUADRIMESTER
        elif code >= 33:
            unit = Precision.QUARTER
        else:
            unit = Precision.SEASON
        return cls(f"{_edtf_year(year)}-{code}", first, last, unit)

    @classmethod
    def iso_week(cls, year: int, week: int) -> Extent:
        """ISO 8601 week (Monday to Sunday): ``iso_week(2017, 6)`` is Feb 6–12, 2017."""
        return cls.week(year, week, cal.MONDAY)

    @classmethod
    def week(cls, year: int, week: int, first_weekday: int = cal.MONDAY) -> Extent:
        """Week ``week`` of ``year`` in ISO numbering with weeks starting on ``first_weekday``.

        With ``MONDAY`` this is the ISO week; with ``SUNDAY`` the US (CDC)
        epidemiological week. Week 1 is the week with at least four of its
        days in ``year``.
        """
        first, last = cal.week_bounds(year, week, first_weekday)
        tag = "" if first_weekday == cal.MONDAY else f"[{_WEEKDAY_TAGS[first_weekday]}]"
        return cls(f"{_edtf_year(year)}-W{week:02d}{tag}", first, last, Precision.WEEK)

    @classmethod
    def week_containing(cls, rd: int, first_weekday: int = cal.MONDAY) -> Extent:
        """The week (starting on ``first_weekday``) that holds day ``rd``."""
        year, week = cal.week_of(rd, first_weekday)
        return cls.week(year, week, first_weekday)

    @classmethod
    def fiscal_year(cls, year: int, calendar: cal.FiscalCalendar | None = None) -> Extent:
        """Fiscal year ``year`` of ``calendar`` (US federal by default)."""
        calendar = cal.FiscalCalendar.US_FEDERAL if calendar is None else calendar
        first, last = calendar.bounds(year)
        return cls(f"FY{_edtf_year(year)}{_calendar_tag(calendar)}", first, last, Precision.YEAR)

    @classmethod
    def fiscal_quarter(
        cls, year: int, quarter: int, calendar: cal.FiscalCalendar | None = None
    ) -> Extent:
        """Quarter 1–4 of fiscal year ``year``; Q1 starts when the fiscal year does."""
        calendar = cal.FiscalCalendar.US_FEDERAL if calendar is None else calendar
        first, last = calendar.quarter_bounds(year, quarter)
        label = f"FY{_edtf_year(year)}-Q{quarter}{_calendar_tag(calendar)}"
        return cls(label, first, last, Precision.QUARTER)

    @staticmethod
    def _bad(what: str, value: int) -> Extent:
        from timeline.errors import CalendarError

        raise CalendarError(f"{what} {value} does not exist")

    # -- the TimeValue face ---------------------------------------------------------------
    @property
    def precision(self) -> Precision:
        return self.unit

    @property
    def qualifier(self) -> Qualifier:
        return functools.reduce(Qualifier.__or__, self.qualifiers, Qualifier.NONE)

    @property
    def edtf(self) -> str:
        if not self.qualifiers:
            return self.label
        if len(self.qualifiers) == 1:
            return _append_before_tag(self.label, self.qualifiers[0].symbol)
        return _qualify_edtf(_split_components(self.label), self.qualifiers)

    @property
    def earliest_day(self) -> int:
        return self.first

    @property
    def latest_day(self) -> int:
        return self.last

    @property
    def is_definite(self) -> bool:
        return True

    @property
    def calendar(self) -> cal.FiscalCalendar | None:
        """The fiscal calendar of a fiscal year or quarter, else ``None``."""
        if not self.label.startswith("FY"):
            return None
        tag_at = self.label.find("[")
        if tag_at < 0:
            return cal.FiscalCalendar.US_FEDERAL
        return calendar_named(self.label[tag_at + 1 : -1])

    def days_covered(self) -> DayCount:
        n = self.last - self.first + 1
        return DayCount(n, n)

    def days(self) -> range:
        """The rata die numbers of every day of the unit, in order."""
        return range(self.first, self.last + 1)

    def with_qualifiers(self, *qualifiers: Qualifier) -> Extent:
        """The same unit with these qualifiers (one for the whole, or one per component)."""
        return attrs.evolve(self, qualifiers=_normalise_qualifiers(qualifiers))

    def __attrs_post_init__(self) -> None:
        if self.first > self.last:
            raise ConstraintError(f"{self.label!r}: first day after last day")
        n = len(self.qualifiers)
        if n > 1 and n != len(_split_components(self.label)):
            raise ConstraintError(
                f"{self.label!r}: give one qualifier for the whole value or one per component, "
                f"not {n}"
            )

    def _span_us(self) -> tuple[float, float]:
        return self.first * _US_PER_DAY, (self.last + 1) * _US_PER_DAY

    def __str__(self) -> str:
        return _qualify_human(self._human(), self.qualifier)

    def _human(self) -> str:
        unit = self.unit
        if unit is Precision.DAY:
            return _human_day(self.first)
        y, m, _ = cal.from_rd(self.first)
        if self.label.startswith("FY"):
            calendar = self.calendar
            assert calendar is not None
            number = int(self.label[2:].split("[")[0].split("-Q")[0].lstrip("Y"))
            text = calendar.label(number)
            if unit is Precision.QUARTER:
                text = f"{text} Q{self.label.split('-Q')[1][0]}"
            if calendar != cal.FiscalCalendar.US_FEDERAL:
                text = f"{text} ({calendar.name})"
            return text
        if unit is Precision.MONTH:
            return f"{_MONTH_NAME[m - 1]} {_human_year(y)}"
        if unit is Precision.YEAR:
            return _human_year(y)
        if unit is Precision.DECADE:
            return self.label
        if unit is Precision.WEEK:
            if cal.weekday(self.first) in (cal.MONDAY, cal.SUNDAY):
                return f"week of {_human_day(self.first)}"
            # Weeks starting on another day name all their days, or "week of" a
            # Wednesday would read back as the Monday week holding it.
            return f"week of {_human_hull(self.first, self.last)}"
        code = int(self.label.rsplit("-", 1)[1])
        year = int(self.label.rsplit("-", 1)[0].lstrip("Y"))
        if unit is Precision.QUARTER:
            return f"Q{code - 32} {_human_year(year)}"
        if unit is Precision.HALF:
            return f"H{code - 39} {_human_year(year)}"
        if unit is Precision.QUADRIMESTER:
            return f"{_human_hull(self.first, self.last)} (four-month term)"
        name = _SEASON_NAMES[code]
        span = _human_year(year)
        if cal.from_rd(self.last)[0] != year:
            span = (
                f"{span}–{str(year + 1)[-2:]}" if year >= 1 else f"{span} – {_human_year(year + 1)}"
            )
        hemisphere = " (southern)" if code >= 29 else " (northern)" if code >= 25 else ""
        return f"{name} {span}{hemisphere}"

    def __repr__(self) -> str:
        return f"<Extent {self.edtf}>"


# Fiscal calendars met so far, by name, so that a fiscal year written with a
# custom calendar's tag (FY2018[city-of-x]) can name its calendar again.
_CALENDARS: dict[str, cal.FiscalCalendar] = {}


def calendar_named(name: str) -> cal.FiscalCalendar:
    """The preset or previously used fiscal calendar called ``name``."""
    found = _CALENDARS.get(name)
    return found if found is not None else cal.FiscalCalendar.named(name)


class _ExtentDraft(TimeValue):
    """An :class:`Extent` being filled in: the same slots, without the frozen ``__setattr__``.

    Plain attribute stores are the cheapest writes CPython has (a fraction of a
    call to each slot's descriptor, or of ``object.__setattr__``); once filled,
    the draft becomes an ``Extent`` by ``__class__`` assignment, which CPython
    allows between classes of the same layout. For the parser's hot path only,
    with values already checked; nothing else ever sees a draft.
    """

    __slots__ = Extent.__slots__
    label: str
    first: int
    last: int
    unit: Precision
    qualifiers: tuple[Qualifier, ...]


def _calendar_tag(calendar: cal.FiscalCalendar) -> str:
    if calendar == cal.FiscalCalendar.US_FEDERAL:
        return ""
    if not calendar.name:
        raise ConstraintError(
            f"{calendar!r} has no name: give a fiscal calendar a name so its years can be written"
        )
    known = _CALENDARS.setdefault(calendar.name, calendar)
    if known != calendar and calendar.name in cal.FiscalCalendar.PRESETS:
        raise ConstraintError(f"fiscal calendar name {calendar.name!r} belongs to a preset")
    if known != calendar:
        raise ConstraintError(
            f"two fiscal calendars are both called {calendar.name!r}: {known!r}, {calendar!r}"
        )
    return f"[{calendar.name}]"


def _append_before_tag(label: str, symbol: str) -> str:
    at = label.find("[")
    return label + symbol if at < 0 else label[:at] + symbol + label[at:]


def _split_components(label: str) -> list[str]:
    """Split ``-0044-03-15`` into ``["-0044", "03", "15"]`` (a leading minus is a sign)."""
    if label.startswith("-"):
        parts = label[1:].split("-")
        parts[0] = "-" + parts[0]
        return parts
    return label.split("-")


# --------------------------------------------------------------------------------------
# Unspecified digits: one unit among those a pattern allows.


def _digit_options(pattern: str, low: int, high: int) -> list[int]:
    """Numbers in ``low..high`` whose zero-padded digits match ``pattern`` (``X`` = any)."""
    if "X" not in pattern:
        n = int(pattern)
        return [n] if low <= n <= high else []
    # Build the matching numbers digit by digit rather than scanning 10**width.
    choices = ["0123456789" if c == "X" else c for c in pattern]
    numbers = (int("".join(digits)) for digits in itertools.product(*choices))
    return [n for n in numbers if low <= n <= high]


@functools.lru_cache(maxsize=256)
def _year_options(pattern: str) -> tuple[int, ...]:
    """The years a year pattern (``19XX``, ``-XXXX``) allows, in order; at most 10,000."""
    negative = pattern.startswith("-")
    digits = pattern[1:] if negative else pattern
    years = _digit_options(digits, 0, 10 ** len(digits) - 1)
    return tuple(sorted(-y for y in years)) if negative else tuple(years)


@functools.lru_cache(maxsize=256)
def _year_runs(pattern: str) -> tuple[tuple[int, int], ...]:
    """The years of a year pattern as runs of consecutive years ``(first, last)``, in order."""
    out: list[tuple[int, int]] = []
    for y in _year_options(pattern):
        if out and out[-1][1] + 1 == y:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return tuple(out)


@functools.lru_cache(maxsize=256)
def _leap_kinds(pattern: str) -> frozenset[bool]:
    """Which kinds of year (leap ``True``, common ``False``) a year pattern allows."""
    kinds: set[bool] = set()
    for y in _year_options(pattern):
        kinds.add(cal.is_leap(y))
        if len(kinds) == 2:
            break
    return frozenset(kinds)


# Reference years for the two kinds of year: within a year, where a pattern's units
# fall (as offsets from 1 January) depends only on whether the year is a leap year.
_REFERENCE_YEAR: Final = {True: 2000, False: 2001}


@functools.lru_cache(maxsize=1024)
def _year_template(month: str | None, day: str | None, leap: bool) -> tuple[tuple[int, int], ...]:
    """The units a month and day pattern allow in one year, as offsets from 1 January.

    Inclusive ``(first, last)`` pairs in order: the whole year when there is no
    month pattern, each matching month when there is no day pattern, else the
    matching days merged into runs (a run never crosses the end of the year).
    """
    ref = _REFERENCE_YEAR[leap]
    jan1 = cal.year_bounds(ref)[0]
    if month is None:
        return ((0, cal.days_in_year(ref) - 1),)
    out: list[tuple[int, int]] = []
    for m in _digit_options(month, 1, 12):
        first, last = cal.month_bounds(ref, m)
        if day is None:
            out.append((first - jan1, last - jan1))
            continue
        for d in _digit_options(day, 1, last - first + 1):
            at = first - jan1 + d - 1
            if out and out[-1][1] + 1 == at:
                out[-1] = (out[-1][0], at)
            else:
                out.append((at, at))
    return tuple(out)


# More runs of candidate units than this are not listed one by one: listing them
# would take seconds and hundreds of megabytes (XXXX-XX-X1 has some 400,000).
_MAX_RUNS: Final = 150_000


def _too_many(what: str, count: int, limit: int, hint: str) -> Exception:
    from timeline.io.errors import LimitError

    return LimitError(f"{what} has {count:,} {hint}, more than the limit of {limit:,}")


@attrs.frozen(order=False, weakref_slot=False)
class Unspecified(TimeValue):
    """One unit among those an EDTF pattern with unspecified digits allows.

    ``201X`` is one year of the 2010s, ``1984-1X`` one of October–December
    1984, ``2017-01-XX`` one day of January 2017 (which one is not known).
    ``pattern`` is the EDTF text without qualifiers; ``qualifiers`` as for
    :class:`Extent`. The value's :attr:`precision` is that of its unit: a year,
    a month or a day.

    Bounds, :meth:`days_covered` and relations are computed from the digit
    patterns (a year pattern, and where each unit falls in a leap and in a
    common year), never day by day: ``XXXX-XX-XX`` costs what ``2017-XX-XX``
    does.
    """

    pattern: str
    qualifiers: tuple[Qualifier, ...] = attrs.field(default=(), validator=_check_qualifiers)

    def __attrs_post_init__(self) -> None:
        n = len(self.qualifiers)
        if n > 1 and n != len(_split_components(self.pattern)):
            raise ConstraintError(
                f"{self.pattern!r}: give one qualifier for the whole value or one per component"
            )
        if not self._kinds:
            raise ConstraintError(f"{self.pattern!r}: no calendar date matches it")

    @functools.cached_property
    def _parts(self) -> tuple[str, str | None, str | None]:
        """The year, month and day patterns (``None`` where the value stops)."""
        parts = _split_components(self.pattern)
        month = parts[1] if len(parts) > 1 else None
        day = parts[2] if len(parts) > 2 else None
        return parts[0], month, day

    def _template(self, leap: bool) -> tuple[tuple[int, int], ...]:
        """The value's units in a leap (or common) year, as offsets from 1 January."""
        _, month, day = self._parts
        return _year_template(month, day, leap)

    @functools.cached_property
    def _kinds(self) -> frozenset[bool]:
        """The kinds of year (leap or not) in which some unit matches."""
        return frozenset(k for k in _leap_kinds(self._parts[0]) if self._template(k))

    def _years(self) -> tuple[int, ...]:
        """Every year the year pattern allows, in order (a unit may not match in each)."""
        return _year_options(self._parts[0])

    @functools.cached_property
    def _run_count(self) -> int:
        """How many entries :meth:`_options` has, at most (runs across years not merged)."""
        if self._whole_years:
            return len(_year_runs(self._parts[0]))
        sizes = {k: len(self._template(k)) for k in (False, True)}
        leap = sum(1 for y in self._years() if cal.is_leap(y)) if sizes[True] != sizes[False] else 0
        return sizes[False] * (len(self._years()) - leap) + sizes[True] * leap

    @functools.cached_property
    def _whole_years(self) -> bool:
        """A day pattern that allows every day of each allowed year (``19XX-XX-XX``)."""
        if self.precision is not Precision.DAY:
            return False
        return all(
            self._template(k) == ((0, cal.days_in_year(_REFERENCE_YEAR[k]) - 1),)
            for k in (False, True)
        )

    @functools.cached_property
    def _options_cache(self) -> tuple[tuple[int, int], ...]:
        year_pattern = self._parts[0]
        day = self.precision is Precision.DAY
        out: list[tuple[int, int]] = []
        if self._whole_years:
            for y1, y2 in _year_runs(year_pattern):
                out.append((cal.year_bounds(y1)[0], cal.year_bounds(y2)[1]))
            return tuple(out)
        count = self._run_count
        if count > _MAX_RUNS:
            raise _too_many(repr(self.pattern), count, _MAX_RUNS, "runs of candidate units")
        templates = {k: self._template(k) for k in (False, True)}
        for y1, y2 in _year_runs(year_pattern):
            for y in range(y1, y2 + 1):
                base = cal.year_bounds(y)[0]
                for a, b in templates[cal.is_leap(y)]:
                    lo = base + a
                    if day and out and out[-1][1] + 1 == lo:
                        out[-1] = (out[-1][0], base + b)
                    else:
                        out.append((lo, base + b))
        return tuple(out)

    def _options(self) -> tuple[tuple[int, int], ...]:
        """The candidate units as inclusive ``(first, last)`` pairs, in order.

        For day patterns, adjacent candidate days are merged into one run.
        A :class:`~timeline.LimitError` when there would be more than 150,000
        entries (the bounds and :meth:`days_covered` never need them).
        """
        return self._options_cache

    @functools.cached_property
    def _ends(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """The first and the last candidate unit (for days: day), as ``(first, last)``."""
        years = self._years()
        kinds = self._kinds
        first_year = next(y for y in years if cal.is_leap(y) in kinds)
        last_year = next(y for y in reversed(years) if cal.is_leap(y) in kinds)
        t1, t2 = self._template(cal.is_leap(first_year)), self._template(cal.is_leap(last_year))
        b1, b2 = cal.year_bounds(first_year)[0], cal.year_bounds(last_year)[0]
        first = (b1 + t1[0][0], b1 + t1[0][1])
        last = (b2 + t2[-1][0], b2 + t2[-1][1])
        if self.precision is Precision.DAY:
            return (first[0], first[0]), (last[1], last[1])
        return first, last

    @property
    def precision(self) -> Precision:
        n = self.pattern.lstrip("-").count("-")
        return (Precision.YEAR, Precision.MONTH, Precision.DAY)[n]

    @property
    def qualifier(self) -> Qualifier:
        return functools.reduce(Qualifier.__or__, self.qualifiers, Qualifier.NONE)

    @property
    def edtf(self) -> str:
        if len(self.qualifiers) <= 1:
            return self.pattern + (self.qualifiers[0].symbol if self.qualifiers else "")
        return _qualify_edtf(_split_components(self.pattern), self.qualifiers)

    @property
    def earliest_day(self) -> int:
        return self._ends[0][0]

    @property
    def latest_day(self) -> int:
        return self._ends[1][1]

    @property
    def is_definite(self) -> bool:
        first, last = self._ends
        return first == last and (self.precision is not Precision.DAY or first[0] == first[1])

    def days_covered(self) -> DayCount:
        if self.precision is Precision.DAY:
            return DayCount(1, 1)
        sizes = [b - a + 1 for k in self._kinds for a, b in self._template(k)]
        return DayCount(min(sizes), max(sizes))

    def _span_us(self) -> tuple[float, float]:
        return self.earliest_day * _US_PER_DAY, (self.latest_day + 1) * _US_PER_DAY

    def __str__(self) -> str:
        hull = _human_hull(self.earliest_day, self.latest_day)
        unit = self.precision
        if unit is Precision.DAY:
            text = f"sometime in {hull}"
        elif unit is Precision.MONTH:
            text = f"a month in {hull}"
        else:
            text = f"a year in {hull}"
        return _qualify_human(text, self.qualifier)

    def __repr__(self) -> str:
        return f"<Unspecified {self.edtf}>"


# --------------------------------------------------------------------------------------
# Moments, periods, sets.


@attrs.frozen(order=False, weakref_slot=False)
class Moment(TimeValue):
    """One day somewhere inside ``within``, unknown which ("signed in January").

    Made by :func:`on`, which returns an :class:`Unspecified` day pattern
    instead where EDTF can say the same (``on(2017-01)`` is ``2017-01-XX``).
    Written ``on(<edtf of within>)``.
    """

    within: TimeValue

    @property
    def precision(self) -> Precision:
        return Precision.DAY

    @property
    def qualifier(self) -> Qualifier:
        return self.within.qualifier

    @property
    def edtf(self) -> str:
        return f"on({self.within.edtf})"

    @property
    def earliest_day(self) -> int | None:
        return self.within.earliest_day

    @property
    def latest_day(self) -> int | None:
        return self.within.latest_day

    @property
    def is_definite(self) -> bool:
        lo, hi = self.earliest_day, self.latest_day
        return lo is not None and lo == hi

    def days_covered(self) -> DayCount:
        return DayCount(1, 1)

    def _span_us(self) -> tuple[float, float]:
        return self.within._span_us()

    def __str__(self) -> str:
        within = self.within
        if (
            isinstance(within, Period)
            and isinstance(within.start, Extent)
            and isinstance(within.end, Extent)
            and not within.qualifier
        ):
            start, end = within.start, within.end
            if not (
                start.unit is end.unit is Precision.DAY
                and cal.from_rd(start.first)[:2] == cal.from_rd(end.last)[:2]
            ):
                # "sometime in January 2017 – Sep 28, 2017" would read as a span that
                # starts sometime in January.
                return f"sometime between {start} and {end}"
        return f"sometime in {within}"

    def __repr__(self) -> str:
        return f"<Moment {self.edtf}>"


PeriodEnd = TimeValue | End


def _end_edtf(end: PeriodEnd) -> str:
    return end.value if isinstance(end, End) else end.edtf


@attrs.frozen(order=False, weakref_slot=False)
class Period(TimeValue):
    """The days from the first day of ``start`` through the last day of ``end``.

    Both ends are included. An EDTF interval ``A/B`` is a period:
    ``2017-01/2017-04-30`` runs from January 1 through April 30 and formats
    back as written. Either end may be vague (``2017-02-XX/2017-04-XX``: from
    some day in February until some day in April), :data:`OPEN`
    (``2014/..``: still going) or :data:`UNKNOWN` (``2014/``: it ended, we
    do not know when). A period whose end must lie before its start is a
    :class:`~timeline.ConstraintError`.
    """

    start: PeriodEnd
    end: PeriodEnd

    def __attrs_post_init__(self) -> None:
        for name, end in (("start", self.start), ("end", self.end)):
            if not isinstance(end, TimeValue | End):
                raise ConstraintError(f"period {name} must be a time value or an End, not {end!r}")
            if isinstance(end, Period | Instant):
                kind = type(end).__name__.lower()
                raise ConstraintError(f"period {name} cannot be an {kind}: {end.edtf!r}")
        if isinstance(self.start, End) and isinstance(self.end, End):
            raise ConstraintError("a period needs a date at one end at least")
        lo = None if isinstance(self.start, End) else self.start.earliest_day
        hi = None if isinstance(self.end, End) else self.end.latest_day
        if lo is not None and hi is not None and hi < lo:
            raise ConstraintError(f"{self.edtf!r}: the end comes before the start")

    @property
    def precision(self) -> Precision:
        ends = [e.precision for e in (self.start, self.end) if isinstance(e, TimeValue)]
        return min(ends) if ends else Precision.DAY

    @property
    def qualifier(self) -> Qualifier:
        q = Qualifier.NONE
        for e in (self.start, self.end):
            if isinstance(e, TimeValue):
                q |= e.qualifier
        return q

    @property
    def edtf(self) -> str:
        return f"{_end_edtf(self.start)}/{_end_edtf(self.end)}"

    @property
    def earliest_day(self) -> int | None:
        return None if isinstance(self.start, End) else self.start.earliest_day

    @property
    def latest_day(self) -> int | None:
        return None if isinstance(self.end, End) else self.end.latest_day

    @property
    def is_definite(self) -> bool:
        return (
            isinstance(self.start, TimeValue)
            and isinstance(self.end, TimeValue)
            and _first_day_known(self.start)
            and _last_day_known(self.end)
        )

    @property
    def is_open(self) -> bool:
        """True when either end is :data:`OPEN`."""
        return self.start is OPEN or self.end is OPEN

    def days_covered(self) -> DayCount:
        s_lo, s_hi = _first_day_range(self.start)
        e_lo, e_hi = _last_day_range(self.end)
        most = None if s_lo is None or e_hi is None else e_hi - s_lo + 1
        least = 1 if s_hi is None or e_lo is None else max(1, e_lo - s_hi + 1)
        return DayCount(least, most)

    def _span_us(self) -> tuple[float, float]:
        lo = -float("inf") if isinstance(self.start, End) else self.start._span_us()[0]
        hi = float("inf") if isinstance(self.end, End) else self.end._span_us()[1]
        return lo, hi

    def __str__(self) -> str:
        start, end = self.start, self.end
        if (
            isinstance(start, Extent)
            and isinstance(end, Extent)
            and start.unit is Precision.DAY
            and end.unit is Precision.DAY
            and not start.qualifiers
            and not end.qualifiers
        ):
            return _human_day_range(start.first, end.last)
        if isinstance(start, Extent) and isinstance(end, Extent):
            same_kind = start.unit is end.unit is Precision.MONTH
            if same_kind and not start.qualifiers and not end.qualifiers:
                return _human_hull(start.first, end.last)
        left = "…" if start is OPEN else "?" if start is UNKNOWN else str(start)
        vague_start = isinstance(start, Unspecified | Moment)
        if end is OPEN:
            return f"since {left}" if vague_start else f"{left} – present"
        if (
            isinstance(end, OneOf)
            and len(end.items) == 1
            and isinstance(end.items[0], Range)
            and end.items[0].high is None
            and end.items[0].low is not None
        ):
            return f"since {left}, still going on {end.items[0].low}"
        right = "?" if end is UNKNOWN else str(end)
        if start is OPEN:
            return f"until {right}"
        if start == end and isinstance(start, Unspecified | Moment):
            # Both ends somewhere in the same window: say so once.
            return f"{right.replace('sometime ', 'a span ', 1)}"
        if isinstance(start, Unspecified | Moment) or isinstance(end, Unspecified | Moment):
            return f"from {left} until {right}"
        return f"{left} – {right}"

    def __repr__(self) -> str:
        return f"<Period {self.edtf}>"


def _first_day_known(value: TimeValue) -> bool:
    lo, hi = _first_day_range(value)
    return lo is not None and lo == hi


def _last_day_known(value: TimeValue) -> bool:
    lo, hi = _last_day_range(value)
    return lo is not None and lo == hi


def _first_day_range(end: PeriodEnd) -> tuple[int | None, int | None]:
    """Least and greatest possible first day of a value used as a period start."""
    if isinstance(end, End):
        return None, None
    if isinstance(end, Extent):
        return end.first, end.first
    if isinstance(end, Unspecified):
        first, last = end._ends
        return first[0], last[0]
    if isinstance(end, OneOf):
        los = [_first_day_range(item) for item in end.items]
        return _min_or_none(lo for lo, _ in los), _max_or_none(hi for _, hi in los)
    return end.earliest_day, end.latest_day


def _last_day_range(end: PeriodEnd) -> tuple[int | None, int | None]:
    """Least and greatest possible last day of a value used as a period end."""
    if isinstance(end, End):
        return None, None
    if isinstance(end, Extent):
        return end.last, end.last
    if isinstance(end, Unspecified):
        first, last = end._ends
        return first[1], last[1]
    if isinstance(end, OneOf):
        his = [_last_day_range(item) for item in end.items]
        return _min_or_none(lo for lo, _ in his), _max_or_none(hi for _, hi in his)
    if isinstance(end, AllOf):
        return end.latest_day, end.latest_day
    return end.earliest_day, end.latest_day


def _min_or_none(values: Iterator[int | None] | itertools.chain[int | None]) -> int | None:
    out: int | None = None
    for v in values:
        if v is None:
            return None
        out = v if out is None else min(out, v)
    return out


def _max_or_none(values: Iterator[int | None] | itertools.chain[int | None]) -> int | None:
    out: int | None = None
    for v in values:
        if v is None:
            return None
        out = v if out is None else max(out, v)
    return out


@attrs.frozen(order=False, weakref_slot=False)
class Range(TimeValue):
    """An EDTF set member ``a..b``: every unit from ``a`` through ``b``.

    Either side may be ``None`` for an open range (``..1760-12-03`` is that
    day or any earlier one). Only meaningful inside :class:`OneOf` or
    :class:`AllOf`.
    """

    low: Extent | None
    high: Extent | None

    def __attrs_post_init__(self) -> None:
        if self.low is None and self.high is None:
            raise ConstraintError("a range needs at least one end")
        if self.low is not None and self.high is not None:
            if self.low.unit is not self.high.unit:
                raise ConstraintError(f"{self.edtf!r}: both ends of a range need the same unit")
            if self.high.first < self.low.first:
                raise ConstraintError(f"{self.edtf!r}: the range ends before it starts")

    @property
    def precision(self) -> Precision:
        end = self.low if self.low is not None else self.high
        assert end is not None
        return end.unit

    @property
    def qualifier(self) -> Qualifier:
        q = Qualifier.NONE
        for e in (self.low, self.high):
            if e is not None:
                q |= e.qualifier
        return q

    @property
    def edtf(self) -> str:
        low = "" if self.low is None else self.low.edtf
        high = "" if self.high is None else self.high.edtf
        return f"{low}..{high}"

    @property
    def earliest_day(self) -> int | None:
        return None if self.low is None else self.low.first

    @property
    def latest_day(self) -> int | None:
        return None if self.high is None else self.high.last

    @property
    def is_definite(self) -> bool:
        return self.low is not None and self.low == self.high

    def days_covered(self) -> DayCount:
        ends = [e.days_covered() for e in (self.low, self.high) if e is not None]
        return DayCount(min(c.least for c in ends), max(c.least for c in ends))

    def _span_us(self) -> tuple[float, float]:
        lo = -float("inf") if self.low is None else self.low._span_us()[0]
        hi = float("inf") if self.high is None else self.high._span_us()[1]
        return lo, hi

    def __str__(self) -> str:
        if self.low is None:
            return f"{self.high} or earlier"
        if self.high is None:
            return f"{self.low} or later"
        return f"{self.low} to {self.high}"


def _check_items(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise ConstraintError(f"{attribute.name} must be a non-empty tuple of time values")
    for item in value:
        if not isinstance(item, TimeValue) or isinstance(item, OneOf | AllOf):
            raise ConstraintError(f"a set cannot hold {item!r}")


class _SetBase(TimeValue):
    __slots__ = ()
    items: tuple[TimeValue, ...]
    _open: str
    _close: str

    @property
    def precision(self) -> Precision:
        return min(item.precision for item in self.items)

    @property
    def qualifier(self) -> Qualifier:
        q = Qualifier.NONE
        for item in self.items:
            q |= item.qualifier
        return q

    @property
    def edtf(self) -> str:
        return self._open + ",".join(item.edtf for item in self.items) + self._close

    @property
    def earliest_day(self) -> int | None:
        return _min_or_none(item.earliest_day for item in self.items)

    @property
    def latest_day(self) -> int | None:
        return _max_or_none(item.latest_day for item in self.items)

    def _span_us(self) -> tuple[float, float]:
        spans = [item._span_us() for item in self.items]
        return min(lo for lo, _ in spans), max(hi for _, hi in spans)


@attrs.frozen(order=False, weakref_slot=False)
class OneOf(_SetBase):
    """EDTF ``[a,b,c..d]``: exactly one of these, unknown which."""

    items: tuple[TimeValue, ...] = attrs.field(validator=_check_items)
    _open = "["
    _close = "]"

    @property
    def is_definite(self) -> bool:
        return len(self.items) == 1 and self.items[0].is_definite

    def days_covered(self) -> DayCount:
        counts = [item.days_covered() for item in self.items]
        most = [c.most for c in counts]
        return DayCount(
            min(c.least for c in counts), None if None in most else max(m for m in most if m)
        )

    def __str__(self) -> str:
        return "one of " + ", ".join(str(item) for item in self.items)

    def __repr__(self) -> str:
        return f"<OneOf {self.edtf}>"


@attrs.frozen(order=False, weakref_slot=False)
class AllOf(_SetBase):
    """EDTF ``{a,b,c..d}``: all of these (an event on several dates).

    Its bounds, and its relations to other values, are those of the run from
    its first day to its last.
    """

    items: tuple[TimeValue, ...] = attrs.field(validator=_check_items)
    _open = "{"
    _close = "}"

    @property
    def is_definite(self) -> bool:
        return all(item.is_definite for item in self.items)

    def days_covered(self) -> DayCount:
        lo, hi = self.earliest_day, self.latest_day
        if lo is None or hi is None:
            return DayCount(1, None)
        return DayCount(hi - lo + 1, hi - lo + 1)

    def __str__(self) -> str:
        return "all of " + ", ".join(str(item) for item in self.items)

    def __repr__(self) -> str:
        return f"<AllOf {self.edtf}>"


# --------------------------------------------------------------------------------------
# Instants.


@attrs.frozen(order=False, weakref_slot=False)
class Instant(TimeValue):
    """A point in time with a known offset from UTC, and optionally a named zone.

    ``utc_us`` is microseconds since 1970-01-01T00:00Z; ``offset`` the local
    offset in seconds east of UTC; ``zone`` an IANA zone name or ``""``.
    Instants compare as UTC; ``unit`` (hour, minute or second) is the grain it
    was written to, and an instant covers that grain (``10:00`` to the minute
    is the minute from 10:00:00). Its ``earliest`` and ``latest`` are UTC days.
    Make instants with :meth:`from_datetime` or :func:`timeline.parse`.
    """

    utc_us: int
    offset: int
    zone: str = ""
    unit: Precision = Precision.SECOND

    def __attrs_post_init__(self) -> None:
        if self.unit not in (Precision.HOUR, Precision.MINUTE, Precision.SECOND):
            raise ConstraintError(
                f"an instant's unit is an hour, minute or second, not {self.unit}"
            )
        grain = {Precision.HOUR: 3_600_000_000, Precision.MINUTE: 60_000_000}.get(self.unit, 1)
        if (self.utc_us + self.offset * 1_000_000) % grain:
            raise ConstraintError(
                f"an instant to the {self.unit.name.lower()} cannot have smaller parts "
                "(minutes, seconds) that are not zero"
            )

    @classmethod
    def from_datetime(cls, dt: _datetime_like, unit: Precision = Precision.SECOND) -> Instant:
        """An instant from an aware ``datetime`` (pendulum or standard); naive ones are refused."""
        offset = dt.utcoffset()
        if offset is None:
            raise ConstraintError(f"{dt!r} has no zone or offset: a time needs one")
        zone = getattr(dt.tzinfo, "key", None) or getattr(dt.tzinfo, "name", "") or ""
        if not isinstance(zone, str) or zone == "UTC" or zone.startswith(("+", "-")):
            zone = ""
        local_us = (
            (dt.toordinal() - _UNIX_EPOCH_RD) * 86_400 + dt.hour * 3600 + dt.minute * 60 + dt.second
        ) * 1_000_000 + dt.microsecond
        seconds = int(offset.total_seconds())
        return cls(local_us - seconds * 1_000_000, seconds, zone, unit)

    @property
    def datetime(self) -> pendulum.DateTime:
        """The instant as a ``pendulum.DateTime`` in its zone (or at its fixed offset)."""
        import pendulum

        rd, h, m, sec, micro, _ = self._local()
        y, mo, d = cal.from_rd(rd)
        if not 1 <= y <= 9999:
            raise RangeError(f"{self.edtf!r} lies outside years 1–9999, which pendulum cannot hold")
        if not self.zone:
            return pendulum.datetime(
                y, mo, d, h, m, sec, micro, tz=pendulum.FixedTimezone(self.offset)
            )
        # Built from the local wall time (no trip through UTC, which may leave year 9999);
        # the fold that gives the recorded offset is the one meant.
        for fold in (0, 1):
            dt = pendulum.datetime(y, mo, d, h, m, sec, micro, tz=self.zone, fold=fold)
            offset = dt.utcoffset()
            if offset is not None and int(offset.total_seconds()) == self.offset:
                return dt
        raise RangeError(f"{self.edtf!r}: the zone has no such offset at that time")

    def _local(self) -> tuple[int, int, int, int, int, int]:
        """(rd, hour, minute, second, microsecond, …) of local wall time."""
        local = self.utc_us + self.offset * 1_000_000
        days, rest = divmod(local, _US_PER_DAY)
        seconds, micro = divmod(rest, 1_000_000)
        h, rem = divmod(seconds, 3600)
        m, s = divmod(rem, 60)
        return days + _UNIX_EPOCH_RD, h, m, s, micro, 0

    @property
    def precision(self) -> Precision:
        return self.unit

    @property
    def qualifier(self) -> Qualifier:
        return Qualifier.NONE

    @property
    def edtf(self) -> str:
        rd, h, m, s, micro, _ = self._local()
        y, mo, d = cal.from_rd(rd)
        if self.unit is Precision.HOUR:
            clock = f"{h:02d}"
        elif self.unit is Precision.MINUTE:
            clock = f"{h:02d}:{m:02d}"
        else:
            clock = f"{h:02d}:{m:02d}:{s:02d}" + (f".{micro:06d}" if micro else "")
        if self.offset == 0 and not self.zone:
            zone = "Z"
        else:
            sign = "-" if self.offset < 0 else "+"
            minutes, seconds = divmod(abs(self.offset), 60)
            oh, om = divmod(minutes, 60)
            # Local mean time (before standard zones) has offsets with seconds.
            zone = f"{sign}{oh:02d}:{om:02d}" + (f":{seconds:02d}" if seconds else "")
        tag = f"[{self.zone}]" if self.zone else ""
        return f"{_edtf_year(y)}-{mo:02d}-{d:02d}T{clock}{zone}{tag}"

    @property
    def earliest_day(self) -> int:
        return self.utc_us // _US_PER_DAY + _UNIX_EPOCH_RD

    @property
    def latest_day(self) -> int:
        return (self.utc_us + self._grain_us() - 1) // _US_PER_DAY + _UNIX_EPOCH_RD

    def _grain_us(self) -> int:
        return {Precision.HOUR: 3_600_000_000, Precision.MINUTE: 60_000_000}.get(
            self.unit, 1_000_000
        )

    @property
    def is_definite(self) -> bool:
        return True

    def days_covered(self) -> DayCount:
        n = self.latest_day - self.earliest_day + 1
        return DayCount(n, n)

    def _span_us(self) -> tuple[float, float]:
        lo = self.utc_us + _UNIX_EPOCH_RD * _US_PER_DAY
        return lo, lo + self._grain_us()

    def __str__(self) -> str:
        rd, h, m, s, _, _ = self._local()
        clock = f"{h:02d}:{m:02d}" + (f":{s:02d}" if self.unit is Precision.SECOND else "")
        if self.offset == 0 and not self.zone:
            zone = "UTC"
        else:
            sign = "−" if self.offset < 0 else "+"
            oh, om = divmod(abs(self.offset) // 60, 60)
            zone = f"UTC{sign}{oh}" + (f":{om:02d}" if om else "")
        where = f" ({self.zone})" if self.zone else ""
        return f"{_human_day(rd)}, {clock} {zone}{where}"

    def __repr__(self) -> str:
        return f"<Instant {self.edtf}>"


if TYPE_CHECKING:
    from datetime import datetime as _datetime_like
else:
    _datetime_like = object


When = Extent | Unspecified | Moment | Period | Instant | OneOf | AllOf
"""Any time value :func:`timeline.parse` can return."""


# --------------------------------------------------------------------------------------
# The two readings, and fiscal years.


def on(value: TimeValue) -> TimeValue:
    """One day somewhere inside ``value``, unknown which.

    ``on(parse("2017-01"))`` is "one day in January 2017", written
    ``2017-01-XX``; ``on`` of a single day is that day. Where EDTF has no
    form for it, the result is a :class:`Moment` written ``on(...)``.
    """
    if isinstance(value, Extent):
        if value.unit is Precision.DAY:
            return value
        # A part of a period or a century (timeline.parts) is no calendar unit EDTF writes
        # with X digits, whatever its precision says: it stays a Moment.
        calendar_unit = type(value) is Extent and not value.label.startswith(("FY", "Y"))
        if value.unit is Precision.MONTH and calendar_unit:
            return Unspecified(value.label + "-XX", _pad(value.qualifiers, 3))
        if value.unit is Precision.YEAR and calendar_unit:
            return Unspecified(value.label + "-XX-XX", _pad(value.qualifiers, 3))
    if isinstance(value, Unspecified):
        if value.precision is Precision.DAY:
            return value
        suffix = "-XX" if value.precision is Precision.MONTH else "-XX-XX"
        return Unspecified(value.pattern + suffix, _pad(value.qualifiers, 3))
    if isinstance(value, Moment | Instant):
        return value
    if not isinstance(value, TimeValue):
        raise ConstraintError(f"on() takes a time value, not {value!r}")
    return Moment(value)


def _pad(qualifiers: tuple[Qualifier, ...], n: int) -> tuple[Qualifier, ...]:
    """Per-component qualifiers extended with unqualified components (whole-value ones kept)."""
    if len(qualifiers) <= 1:
        return qualifiers
    return qualifiers + (Qualifier.NONE,) * (n - len(qualifiers))


def period(start: TimeValue | End, end: TimeValue | End) -> Period:
    """A period whose first day lies somewhere in ``start`` and last day somewhere in ``end``.

    ``period(parse("2017-W06"), parse("2017-04"))`` is "from the first full
    week of February until sometime in April". Either end may be
    :data:`OPEN` or :data:`UNKNOWN`. A :class:`~timeline.ConstraintError`
    if no day of ``end`` is on or after a day of ``start``.
    """
    return Period(
        start if isinstance(start, End) else on(start),
        end if isinstance(end, End) else on(end),
    )


def fiscal_year(year: int, *, calendar: cal.FiscalCalendar | None = None) -> Extent:
    """Fiscal year ``year`` of ``calendar`` (default: US federal, FY2018 = Oct 2017 – Sep 2018)."""
    return Extent.fiscal_year(year, calendar)


def fiscal_quarter(
    year: int, quarter: int, *, calendar: cal.FiscalCalendar | None = None
) -> Extent:
    """Quarter ``quarter`` of fiscal year ``year`` of ``calendar`` (default US federal)."""
    return Extent.fiscal_quarter(year, quarter, calendar)


def fiscal_year_of(
    day: _date | int | TimeValue, *, calendar: cal.FiscalCalendar | None = None
) -> Extent:
    """The fiscal year of ``calendar`` that contains ``day``.

    ``day`` is a date, a rata die number, or a time value naming one day
    (``parse("2017-09-27")``); anything else is a :class:`~timeline.ConstraintError`.
    """
    calendar = cal.FiscalCalendar.US_FEDERAL if calendar is None else calendar
    if not isinstance(calendar, cal.FiscalCalendar):
        raise ConstraintError(f"calendar must be a FiscalCalendar, not {calendar!r}")
    if isinstance(day, bool):
        raise ConstraintError(f"fiscal_year_of() takes a day, not {day!r}")
    if isinstance(day, int):
        rd = day
    elif isinstance(day, _date):
        rd = day.toordinal()
    elif isinstance(day, TimeValue) and not isinstance(day, Instant):
        first, last = day.earliest_day, day.latest_day
        if first is None or first != last:
            raise ConstraintError(f"fiscal_year_of() takes one day, not {day}")
        rd = first
    else:
        raise ConstraintError(f"fiscal_year_of() takes a day, not {day!r}")
    return Extent.fiscal_year(calendar.year_of(rd), calendar)
