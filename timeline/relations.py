"""Allen's interval relations between time values, exact even when dates are vague.

Every time value is read as a half-open run ``[start, end)`` of days: a
closed span of days ``[first, last]`` is ``[first, last + 1)``, so Sep 24–27
*meets* Sep 28. Instants are read at their own grain (a second, a minute)
in UTC, and days against instants as UTC days.

For two definite values exactly one of the thirteen :class:`Relation` holds.
For vague values :func:`relate` returns the :class:`Relations` that some
choice of concrete endpoints allows — exactly that set, not a superset. It is
computed in constant time per pair of alternatives: each vague value is a
few *shapes* (ranges for its start and end and for its length), and each of
the thirteen relations is a handful of difference constraints whose
feasibility a five-variable shortest-path closure decides.
"""

from __future__ import annotations

import bisect
import enum
import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import Final, Protocol, TypeAlias, runtime_checkable

from timeline import when as w
from timeline.errors import ConstraintError

__all__ = [
    "Relation",
    "Relations",
    "compose",
    "is_before",
    "is_within",
    "overlaps",
    "relate",
]


class Relation(enum.IntEnum):
    """Allen's thirteen relations of ``a`` to ``b``, in the order of the interval algebra.

    Each member knows its :attr:`converse` (the relation of ``b`` to ``a``)
    and a short :attr:`phrase` for people.
    """

    BEFORE = 0
    MEETS = 1
    OVERLAPS = 2
    STARTS = 3
    DURING = 4
    FINISHES = 5
    EQUALS = 6
    FINISHED_BY = 7
    CONTAINS = 8
    STARTED_BY = 9
    OVERLAPPED_BY = 10
    MET_BY = 11
    AFTER = 12

    @property
    def converse(self) -> Relation:
        """The relation of ``b`` to ``a`` when this is the relation of ``a`` to ``b``."""
        return Relation(12 - self)

    @property
    def phrase(self) -> str:
        """A short phrase: ``a <phrase> b``."""
        return _PHRASES[self]

    @property
    def symbol(self) -> str:
        """The usual one-letter symbol (``b m o s d f e fi di si oi mi bi``)."""
        return _SYMBOLS[self]

    def __str__(self) -> str:
        return self.phrase


_PHRASES: Final = (
    "before",
    "meets",
    "overlaps",
    "starts",
    "during",
    "finishes",
    "equals",
    "finished by",
    "contains",
    "started by",
    "overlapped by",
    "met by",
    "after",
)
_SYMBOLS: Final = ("b", "m", "o", "s", "d", "f", "e", "fi", "di", "si", "oi", "mi", "bi")
_ALL_BITS: Final = (1 << 13) - 1

# COMPOSITION[r1][r2]: the bits of the relations a–c can have when a r1 b and b r2 c.
# Generated once by enumerating every triple of intervals with endpoints in 0..7;
# tests/test_relations.py regenerates it the same way and compares.
# fmt: off
_COMPOSITION: Final = (
    (0x0001, 0x0001, 0x0001, 0x0001, 0x001F, 0x001F, 0x0001, 0x0001, 0x0001, 0x0001, 0x001F, 0x001F, 0x1FFF),  # noqa: E501
    (0x0001, 0x0001, 0x0001, 0x0002, 0x001C, 0x001C, 0x0002, 0x0001, 0x0001, 0x0002, 0x001C, 0x00E0, 0x1F00),  # noqa: E501
    (0x0001, 0x0001, 0x0007, 0x0004, 0x001C, 0x001C, 0x0004, 0x0007, 0x0187, 0x0184, 0x07FC, 0x0700, 0x1F00),  # noqa: E501
    (0x0001, 0x0001, 0x0007, 0x0008, 0x0010, 0x0010, 0x0008, 0x0007, 0x0187, 0x0248, 0x0430, 0x0800, 0x1000),  # noqa: E501
    (0x0001, 0x0001, 0x001F, 0x0010, 0x0010, 0x0010, 0x0010, 0x001F, 0x1FFF, 0x1C30, 0x1C30, 0x1000, 0x1000),  # noqa: E501
    (0x0001, 0x0002, 0x001C, 0x0010, 0x0010, 0x0020, 0x0020, 0x00E0, 0x1F00, 0x1C00, 0x1C00, 0x1000, 0x1000),  # noqa: E501
    (0x0001, 0x0002, 0x0004, 0x0008, 0x0010, 0x0020, 0x0040, 0x0080, 0x0100, 0x0200, 0x0400, 0x0800, 0x1000),  # noqa: E501
    (0x0001, 0x0002, 0x0004, 0x0004, 0x001C, 0x00E0, 0x0080, 0x0080, 0x0100, 0x0100, 0x0700, 0x0700, 0x1F00),  # noqa: E501
    (0x0187, 0x0184, 0x0184, 0x0184, 0x07FC, 0x0700, 0x0100, 0x0100, 0x0100, 0x0100, 0x0700, 0x0700, 0x1F00),  # noqa: E501
    (0x0187, 0x0184, 0x0184, 0x0248, 0x0430, 0x0400, 0x0200, 0x0100, 0x0100, 0x0200, 0x0400, 0x0800, 0x1000),  # noqa: E501
    (0x0187, 0x0184, 0x07FC, 0x0430, 0x0430, 0x0400, 0x0400, 0x0700, 0x1F00, 0x1C00, 0x1C00, 0x1000, 0x1000),  # noqa: E501
    (0x0187, 0x0248, 0x0430, 0x0430, 0x0430, 0x0800, 0x0800, 0x0800, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000),  # noqa: E501
    (0x1FFF, 0x1C30, 0x1C30, 0x1C30, 0x1C30, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000),  # noqa: E501
)
# fmt: on


def _converse_bits(bits: int) -> int:
    out = 0
    for r in range(13):
        if bits >> r & 1:
            out |= 1 << (12 - r)
    return out


class Relations:
    """An immutable set of :class:`Relation`: the relations that remain possible.

    Iterates in Allen order; supports ``in``, ``len``, ``&``, ``|``, ``-``,
    equality and hashing. :attr:`certain` is the one relation when exactly
    one is left. Build one with ``Relations.of(Relation.BEFORE, ...)``,
    :attr:`ALL` or :attr:`NONE`; :func:`relate` returns them.
    """

    __slots__ = ("_bits",)
    _bits: int

    ALL: Relations
    NONE: Relations

    def __new__(cls, bits: int = 0) -> Relations:
        if not isinstance(bits, int) or not 0 <= bits <= _ALL_BITS:
            raise ConstraintError(f"relation bits must be an int in 0..{_ALL_BITS}, not {bits!r}")
        cached = _CACHE.get(bits)
        if cached is not None:
            return cached
        self = object.__new__(cls)
        object.__setattr__(self, "_bits", bits)
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Relations is immutable")

    @classmethod
    def of(cls, *relations: Relation | Iterable[Relation]) -> Relations:
        """The set of the given relations (or iterables of relations)."""
        bits = 0
        for item in relations:
            if isinstance(item, Relation):
                bits |= 1 << item
            else:
                for r in item:
                    bits |= 1 << Relation(r)
        return cls(bits)

    @property
    def bits(self) -> int:
        """The set as a 13-bit integer, bit ``r`` for ``Relation(r)``."""
        return self._bits

    @property
    def certain(self) -> Relation | None:
        """The relation when exactly one is possible, else ``None``."""
        bits = self._bits
        if bits and not bits & (bits - 1):
            return Relation(bits.bit_length() - 1)
        return None

    def converse(self) -> Relations:
        """The relations of ``b`` to ``a``."""
        return Relations(_converse_bits(self._bits))

    def compose(self, other: Relations) -> Relations:
        """What ``a``–``c`` can be when ``a``–``b`` is in ``self`` and ``b``–``c`` in ``other``."""
        return Relations(_compose_bits(self._bits, other._bits))

    @property
    def phrase(self) -> str:
        """``"before"``, ``"before or meets"``, ``"before, meets or overlaps"``.

        ``"impossible"`` for the empty set.
        """
        words = [r.phrase for r in self]
        if not words:
            return "impossible"
        if len(words) == 1:
            return words[0]
        return ", ".join(words[:-1]) + " or " + words[-1]

    def __iter__(self) -> Iterator[Relation]:
        bits = self._bits
        return (Relation(r) for r in range(13) if bits >> r & 1)

    def __len__(self) -> int:
        return self._bits.bit_count()

    def __bool__(self) -> bool:
        return self._bits != 0

    def __contains__(self, item: object) -> bool:
        return isinstance(item, Relation) and bool(self._bits >> item & 1)

    def __and__(self, other: Relations) -> Relations:
        return Relations(self._bits & other._bits)

    def __or__(self, other: Relations) -> Relations:
        return Relations(self._bits | other._bits)

    def __sub__(self, other: Relations) -> Relations:
        return Relations(self._bits & ~other._bits)

    def __le__(self, other: Relations) -> bool:
        return self._bits & ~other._bits == 0

    def __ge__(self, other: Relations) -> bool:
        return other._bits & ~self._bits == 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Relations) and self._bits == other._bits

    def __hash__(self) -> int:
        return hash(("Relations", self._bits))

    def __repr__(self) -> str:
        return "Relations.of(" + ", ".join(f"Relation.{r.name}" for r in self) + ")"

    def __str__(self) -> str:
        return self.phrase

    def __reduce__(self) -> tuple[type[Relations], tuple[int]]:
        return (Relations, (self._bits,))


_CACHE: dict[int, Relations] = {}
for _bits in range(_ALL_BITS + 1):
    _CACHE[_bits] = Relations(_bits)
Relations.ALL = _CACHE[_ALL_BITS]
Relations.NONE = _CACHE[0]
_SINGLE: Final = tuple(_CACHE[1 << r] for r in range(13))


def _compose_bits(a: int, b: int) -> int:
    out = 0
    for r1 in range(13):
        if a >> r1 & 1:
            row = _COMPOSITION[r1]
            for r2 in range(13):
                if b >> r2 & 1:
                    out |= row[r2]
            if out == _ALL_BITS:
                break
    return out


def compose(first: Relations | Relation, second: Relations | Relation) -> Relations:
    """Allen composition: the relations ``a``–``c`` can have given ``a``–``b`` and ``b``–``c``."""
    a = first if isinstance(first, Relations) else Relations.of(first)
    b = second if isinstance(second, Relations) else Relations.of(second)
    return a.compose(b)


# --------------------------------------------------------------------------------------
# Definite values: one relation from four integers.


def _definite_relation(s1: float, e1: float, s2: float, e2: float) -> int:
    """The relation of ``[s1, e1)`` to ``[s2, e2)`` (both non-empty)."""
    if e1 < s2:
        return 0
    if e1 == s2:
        return 1
    if e2 < s1:
        return 12
    if e2 == s1:
        return 11
    if s1 == s2:
        if e1 == e2:
            return 6
        return 3 if e1 < e2 else 9
    if e1 == e2:
        return 5 if s1 > s2 else 7
    if s1 < s2:
        return 2 if e1 < e2 else 8
    return 4 if e1 < e2 else 10


# --------------------------------------------------------------------------------------
# Shapes: a vague value as alternatives, each with ranges for start, end and length.

# Stand-ins for the ends of time: any real day (or microsecond) lies strictly between.
_NEG: Final = -(1 << 80)
_POS: Final = 1 << 80

Shape: TypeAlias = tuple[int, int, int, int, int, int]
"""``(start_lo, start_hi, end_lo, end_hi, length_lo, length_hi)``; ends exclusive."""

# Closed ranges of calendar years or months up to this many units are listed unit
# by unit; longer ones are read through a hull (documented in relate()).
_MAX_ALTERNATIVES: Final = 5000

# A value with more alternatives than this, or a pair of values with more pairs of
# alternatives, is refused with a LimitError rather than compared for minutes.
_MAX_SHAPES: Final = 200_000
_MAX_PAIRS: Final = 2_000_000

# The shortest and longest unit of each precision (in days), for the hull of a range.
_UNIT_DAYS: Final = {
    w.Precision.WEEK: (7, 7),
    w.Precision.MONTH: (28, 31),
    w.Precision.SEASON: (89, 92),
    w.Precision.QUARTER: (89, 92),
    w.Precision.QUADRIMESTER: (119, 123),
    w.Precision.HALF: (181, 184),
    w.Precision.YEAR: (365, 366),
    w.Precision.DECADE: (3652, 3653),
    w.Precision.CENTURY: (36524, 36525),
}


@runtime_checkable
class _HasWhen(Protocol):
    @property
    def when(self) -> w.TimeValue: ...


Relatable: TypeAlias = "w.TimeValue | _HasWhen"


def _value(x: object) -> w.TimeValue:
    if isinstance(x, w.TimeValue):
        return x
    if isinstance(x, _HasWhen):
        return x.when
    from timeline.parse import as_value

    return as_value(x)  # type: ignore[arg-type]


def _runs_of_days(value: w.TimeValue) -> list[tuple[int, int]]:
    """Maximal runs ``(first, last)`` of days the value could cover (inclusive; ∞ as sentinels)."""
    if isinstance(value, w.Extent):
        return [(value.first, value.last)]
    if isinstance(value, w.Unspecified):
        return _merge([(a, b) for a, b in value._options()])
    if isinstance(value, w.Moment):
        return _runs_of_days(value.within)
    if isinstance(value, w.OneOf):
        return _merge([run for item in value.items for run in _runs_of_days(item)])
    lo, hi = value.earliest_day, value.latest_day
    return [(_NEG + 1 if lo is None else lo, _POS - 2 if hi is None else hi)]


def _merge(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    runs.sort()
    out: list[tuple[int, int]] = []
    for a, b in runs:
        if out and a <= out[-1][1] + 1:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _end_days(value: w.TimeValue, *, first: bool) -> list[tuple[int, int]]:
    """Ranges of the possible first (or last) days of ``value`` used as a period's start (end)."""
    if isinstance(value, w.Extent):
        day = value.first if first else value.last
        return [(day, day)]
    if isinstance(value, w.Unspecified):
        options = value._options()
        if value.precision is w.Precision.DAY:
            return list(options)
        return [(a, a) if first else (b, b) for a, b in options]
    if isinstance(value, w.Moment):
        return _runs_of_days(value)
    if isinstance(value, w.OneOf):
        return _merge([r for item in value.items for r in _end_days(item, first=first)])
    if isinstance(value, w.Range):
        return _range_days(value, first=first)
    if first:
        lo = value.earliest_day
        return [(_NEG + 1 if lo is None else lo,) * 2]
    hi = value.latest_day
    return [(_POS - 2 if hi is None else hi,) * 2]


def _range_days(value: w.Range, *, first: bool) -> list[tuple[int, int]]:
    low, high = value.low, value.high
    if value.precision is w.Precision.DAY:
        lo = _NEG + 1 if low is None else low.first
        hi = _POS - 2 if high is None else high.last
        return [(lo, hi)]
    units = _range_units(value)
    if units is None:
        lo = _NEG + 1 if low is None else (low.first if first else low.last)
        hi = _POS - 2 if high is None else (high.first if first else high.last)
        return [(lo, hi)]
    return [(u.first, u.first) if first else (u.last, u.last) for u in units]


def _range_units(value: w.Range) -> list[w.Extent] | None:
    """The units of a closed range of months or years, or None if open or too many."""
    low, high = value.low, value.high
    if low is None or high is None:
        return None
    calendar_years = not low.label.startswith(("FY", "Y")) and not high.label.startswith(
        ("FY", "Y")
    )
    if low.unit is w.Precision.YEAR and high.unit is w.Precision.YEAR and calendar_years:
        y1, y2 = int(low.label.lstrip("Y")), int(high.label.lstrip("Y"))
        if y2 - y1 < _MAX_ALTERNATIVES:
            return [w.Extent.year(y) for y in range(y1, y2 + 1)]
    if low.unit is w.Precision.MONTH and high.unit is w.Precision.MONTH:
        from timeline import calendar as cal

        y1, m1, _ = cal.from_rd(low.first)
        y2, m2, _ = cal.from_rd(high.first)
        i1, i2 = y1 * 12 + m1 - 1, y2 * 12 + m2 - 1
        if i2 - i1 < _MAX_ALTERNATIVES:
            return [w.Extent.month(i // 12, i % 12 + 1) for i in range(i1, i2 + 1)]
    return None


def _shapes(value: w.TimeValue) -> list[Shape]:
    """The value's alternatives, in days, each a :data:`Shape`.

    Exact: the concrete runs of days the shapes allow are exactly those the
    value allows (see :func:`relate` for the few reads through a hull). A
    :class:`~timeline.LimitError` where the alternatives are too many to list.
    """
    if isinstance(value, w.Extent):
        return [(value.first, value.first, value.last + 1, value.last + 1, 0, _POS)]
    if isinstance(value, w.Unspecified):
        options = value._options()
        if value.precision is w.Precision.DAY:
            return [(a, b, a + 1, b + 1, 1, 1) for a, b in options]
        return [(a, a, b + 1, b + 1, 0, _POS) for a, b in options]
    if isinstance(value, w.Moment):
        return [(a, b, a + 1, b + 1, 1, 1) for a, b in _runs_of_days(value.within)]
    if isinstance(value, w.Period):
        return _period_shapes(value)
    if isinstance(value, w.OneOf):
        out = [shape for item in value.items for shape in _shapes(item)]
        _check_count(value, len(out))
        return out
    if isinstance(value, w.Range):
        return _one_range_shapes(value)
    if isinstance(value, w.AllOf):
        return _all_of_shapes([_member_shapes(item) for item in value.items])
    raise ConstraintError(f"cannot relate {value!r}")


def _check_count(value: w.TimeValue, count: int) -> None:
    if count > _MAX_SHAPES:
        from timeline.io.errors import LimitError

        raise LimitError(
            f"{value.edtf!r} has {count:,} alternatives to compare, "
            f"more than the limit of {_MAX_SHAPES:,}"
        )


def _one_range_shapes(value: w.Range) -> list[Shape]:
    """A range read as one of its units (inside a one-of set): ``b..c`` is one unit of b..c."""
    low, high = value.low, value.high
    lo = _NEG + 1 if low is None else low.first
    hi = _POS - 2 if high is None else high.last
    if value.precision is w.Precision.DAY:
        # One day: any day from the first to the last, or without end on an open side.
        return [(lo, hi, lo + 1, hi + 1, 1, 1)]
    units = _range_units(value)
    if units is not None:
        return [s for u in units for s in _shapes(u)]
    # Units of no fixed tiling here (weeks, seasons, fiscal years; open ranges of months
    # or years): read through the hull of the days the range's units can cover, with
    # the lengths of its end units; this can only add relations (see relate()).
    if low is not None and high is not None and _kind(low) != _kind(high):
        # Units of two kinds (2016..FY2017) have no units in between: any run of days.
        return [(lo, hi, lo + 1, hi + 1, 1, _POS)]
    shortest, longest = _UNIT_DAYS.get(value.precision, (1, _POS))
    for e in (low, high):
        if e is not None:
            n = e.last - e.first + 1
            shortest, longest = min(shortest, n), max(longest, n)
    return [(lo, max(lo, hi + 1 - shortest), lo + shortest, hi + 1, shortest, longest)]


def _kind(unit: w.Extent) -> str:
    """What kind of unit: its label without digits (``FY-Q[uk-government]``, ``-W``, ``-``)."""
    return "".join(c for c in unit.label if not c.isdigit())


def _member_shapes(item: w.TimeValue) -> list[Shape]:
    """An all-of set's member as shapes: a range there is every unit of it, one run."""
    if isinstance(item, w.Range):
        lo = _NEG if item.low is None else item.low.first
        end = _POS if item.high is None else item.high.last + 1
        return [(lo, lo, end, end, 0, _POS)]
    return _shapes(item)


# Above this many pairs of alternatives to combine, an all-of set is read through its
# hull (which can only add relations); documented in relate().
_MAX_COMBINED: Final = 1024


def _all_of_shapes(members: list[list[Shape]]) -> list[Shape]:
    """The runs ``[min start, max end)`` of every choice of one run per member, as shapes.

    Members are folded pairwise (min and max are associative): for each pair of
    shapes and each way of choosing which one gives the start and which the end,
    the difference constraints are closed and projected on the combined start
    and end, which is exact.
    """
    acc = members[0]
    for shapes in members[1:]:
        if len(acc) * len(shapes) > _MAX_COMBINED:
            return [_hull_of(m for ms in members for m in ms)]
        combined: set[Shape] = set()
        for p in acc:
            for q in shapes:
                combined.update(_combine(p, q))
        acc = sorted(combined)
    return acc


def _hull_of(shapes: Iterable[Shape]) -> Shape:
    parts = list(shapes)
    return (
        min(p[0] for p in parts),
        min(p[1] for p in parts),
        max(p[2] for p in parts),
        max(p[3] for p in parts),
        1,
        _POS,
    )


def _combine(p: Shape, q: Shape) -> list[Shape]:
    """Shapes of ``[min(S1, S2), max(E1, E2))`` for ``[S1, E1)`` in ``p``, ``[S2, E2)`` in ``q``."""
    if p[0] == p[1] and p[2] == p[3] and q[0] == q[1] and q[2] == q[3]:
        lo, hi = min(p[0], q[0]), max(p[2], q[2])
        return [(lo, lo, hi, hi, 0, _POS)]
    d = _closure(p, q)
    if d is None:
        return []
    out = []
    for s_var, e_var in ((1, 2), (1, 4), (3, 2), (3, 4)):
        other_s, other_e = 4 - s_var, 6 - e_var  # 1 <-> 3, 2 <-> 4
        # The other start lies at or after the chosen one, the other end at or before.
        e = _tightened(d, ((s_var, other_s, 0), (other_e, e_var, 0)))
        if e is None:
            continue
        l_hi = e[s_var][e_var]
        out.append(
            (
                -e[s_var][0],
                e[0][s_var],
                -e[e_var][0],
                e[0][e_var],
                max(1, -e[e_var][s_var]),
                _POS if l_hi >= _POS else l_hi,
            )
        )
    return out


def _readings(shape: Shape) -> tuple[int, int, int, int] | None:
    """The start and exclusive-end ranges of ``shape`` that some allowed length reaches.

    ``(start_lo, start_hi, end_lo, end_hi)`` narrowed by the length bounds
    (at least one day; a ``length_hi`` at the sentinel is no limit), or
    ``None`` when no length fits: relate() finds no relation with such a
    shape.
    """
    s_lo, s_hi, e_lo, e_hi, l_lo, l_hi = shape
    if s_lo == s_hi and e_lo == e_hi:
        return shape[:4]
    shortest = max(l_lo, 1)
    if l_hi >= _POS:  # no limit
        a, d = s_lo, e_hi
    else:
        a, d = max(s_lo, e_lo - l_hi), min(e_hi, s_hi + l_hi)
    b, c = min(s_hi, e_hi - shortest), max(e_lo, s_lo + shortest)
    if a > b or c > d:
        return None
    return a, b, c, d


def _period_shapes(value: w.Period) -> list[Shape]:
    start, end = value.start, value.end
    if start is w.OPEN:
        starts = [(_NEG, _NEG)]
    elif start is w.UNKNOWN:
        starts = [(_NEG + 1, _POS - 2)]
    else:
        assert isinstance(start, w.TimeValue)
        starts = _end_days(start, first=True)
    if end is w.OPEN:
        ends = [(_POS, _POS)]
    elif end is w.UNKNOWN:
        ends = [(_NEG + 2, _POS - 1)]
    else:
        assert isinstance(end, w.TimeValue)
        ends = [(a + 1, b + 1) for a, b in _end_days(end, first=False)]
    _check_count(value, len(starts) * len(ends))
    out = []
    for s_lo, s_hi in starts:
        for e_lo, e_hi in ends:
            if e_hi > s_lo:
                out.append((s_lo, s_hi, e_lo, e_hi, 1, _POS))
    return out


# Each relation of a = [S1, E1) to b = [S2, E2) as difference constraints
# (x, y, c) meaning x - y <= c, over the variables 0=zero, 1=S1, 2=E1, 3=S2, 4=E2.
_RELATION_CONSTRAINTS: Final[tuple[tuple[tuple[int, int, int], ...], ...]] = (
    ((2, 3, -1),),  # before: E1 < S2
    ((2, 3, 0), (3, 2, 0)),  # meets: E1 = S2
    ((1, 3, -1), (3, 2, -1), (2, 4, -1)),  # overlaps: S1 < S2 < E1 < E2
    ((1, 3, 0), (3, 1, 0), (2, 4, -1)),  # starts: S1 = S2, E1 < E2
    ((3, 1, -1), (2, 4, -1)),  # during: S2 < S1, E1 < E2
    ((3, 1, -1), (2, 4, 0), (4, 2, 0)),  # finishes: S2 < S1, E1 = E2
    ((1, 3, 0), (3, 1, 0), (2, 4, 0), (4, 2, 0)),  # equals
    ((1, 3, -1), (2, 4, 0), (4, 2, 0)),  # finished by: S1 < S2, E1 = E2
    ((1, 3, -1), (4, 2, -1)),  # contains: S1 < S2, E2 < E1
    ((1, 3, 0), (3, 1, 0), (4, 2, -1)),  # started by: S1 = S2, E2 < E1
    ((3, 1, -1), (1, 4, -1), (4, 2, -1)),  # overlapped by: S2 < S1 < E2 < E1
    ((4, 1, 0), (1, 4, 0)),  # met by: S1 = E2
    ((4, 1, -1),),  # after: E2 < S1
)


def _closure(a: Shape, b: Shape) -> list[list[int]] | None:
    """Shortest-path closure of both shapes' constraints; None if infeasible.

    ``d[i][j]`` is the tightest known bound on ``x_j - x_i``.
    """
    inf = _POS << 4
    d = [[0 if i == j else inf for j in range(5)] for i in range(5)]

    def bound(x: int, y: int, c: int) -> None:  # x - y <= c
        if c < d[y][x]:
            d[y][x] = c

    for s_var, e_var, (s_lo, s_hi, e_lo, e_hi, l_lo, l_hi) in ((1, 2, a), (3, 4, b)):
        bound(s_var, 0, s_hi)
        bound(0, s_var, -s_lo)
        bound(e_var, 0, e_hi)
        bound(0, e_var, -e_lo)
        if l_hi < _POS:
            # "No upper limit" must not become a limit: from an open start at
            # the sentinel -2**80 the length can exceed 2**80.
            bound(e_var, s_var, l_hi)
        bound(s_var, e_var, -max(l_lo, 1))
    for k in range(5):
        dk = d[k]
        for i in range(5):
            dik = d[i][k]
            if dik >= inf:
                continue
            di = d[i]
            for j in range(5):
                v = dik + dk[j]
                if v < di[j]:
                    di[j] = v
    if any(d[i][i] < 0 for i in range(5)):
        return None
    return d


def _feasible(d: list[list[int]], constraints: tuple[tuple[int, int, int], ...]) -> bool:
    """Whether the closed system ``d`` stays feasible with ``constraints`` added."""
    if len(constraints) == 1:
        x, y, c = constraints[0]
        return d[x][y] + c >= 0
    e = [row[:] for row in d]
    for x, y, c in constraints:
        # Adding x - y <= c: infeasible when the known bound on y - x is below -c.
        if e[x][y] + c < 0:
            return False
        if c < e[y][x]:
            for i in range(5):
                eiy = e[i][y]
                for j in range(5):
                    v = eiy + c + e[x][j]
                    if v < e[i][j]:
                        e[i][j] = v
    return True


def _tightened(
    d: list[list[int]], constraints: tuple[tuple[int, int, int], ...]
) -> list[list[int]] | None:
    """The closed system ``d`` with ``constraints`` added and closed again; None if infeasible."""
    e = [row[:] for row in d]
    for x, y, c in constraints:
        if e[x][y] + c < 0:
            return None
        if c < e[y][x]:
            for i in range(5):
                eiy = e[i][y]
                for j in range(5):
                    v = eiy + c + e[x][j]
                    if v < e[i][j]:
                        e[i][j] = v
    return e


def _shape_relations(a: Shape, b: Shape) -> int:
    if a[0] == a[1] and a[2] == a[3] and b[0] == b[1] and b[2] == b[3]:
        return 1 << _definite_relation(a[0], a[2], b[0], b[2])
    # Quick exits when the hulls do not touch.
    if a[3] < b[0]:
        return 1
    if b[3] < a[0]:
        return 1 << 12
    # One inside the other whatever the choice: every start and end strictly between.
    if b[1] < a[0] and a[3] < b[2]:
        return 1 << 4
    if a[1] < b[0] and b[3] < a[2]:
        return 1 << 8
    d = _closure(a, b)
    if d is None:
        return 0
    bits = 0
    for r, constraints in enumerate(_RELATION_CONSTRAINTS):
        if _feasible(d, constraints):
            bits |= 1 << r
    return bits


def _scale(shape: Shape, factor: int, offset: int = 0) -> Shape:
    def s(x: int) -> int:
        return x if x <= _NEG + 2 or x >= _POS - 2 else x * factor + offset

    s_lo, s_hi, e_lo, e_hi, l_lo, l_hi = shape
    return (
        s(s_lo),
        s(s_hi),
        s(e_lo),
        s(e_hi),
        l_lo * factor,
        l_hi if l_hi >= _POS else l_hi * factor,
    )


def _has_instant(x: w.TimeValue) -> bool:
    if isinstance(x, w.Instant):
        return True
    if isinstance(x, w.OneOf | w.AllOf):
        return any(_has_instant(item) for item in x.items)
    return False


def _all_shapes(x: w.TimeValue, micro: bool) -> list[Shape]:
    if isinstance(x, w.Instant):
        lo, hi = x._span_us()
        return [(int(lo), int(lo), int(hi), int(hi), 0, _POS)]
    if micro and isinstance(x, w.OneOf):
        return [s for item in x.items for s in _all_shapes(item, micro)]
    if micro and isinstance(x, w.AllOf):
        parts = [s for item in x.items for s in _all_shapes(item, micro)]
        return [
            (
                min(p[0] for p in parts),
                min(p[1] for p in parts),
                max(p[2] for p in parts),
                max(p[3] for p in parts),
                1,
                _POS,
            )
        ]
    shapes = _shapes(x)
    if micro:
        return [_scale(s, w._US_PER_DAY) for s in shapes]
    return shapes


def relate(a: object, b: object) -> Relations:
    """The relations of ``a`` to ``b`` that remain possible.

    ``a`` and ``b`` may be any time values (or anything with a ``.when``, such
    as an event, or a ``date``/``datetime``/text, read by
    :func:`timeline.as_value`). Definite values give exactly one relation;
    vague ones exactly the relations that some choice of concrete endpoints
    allows. A range inside a one-of set is one of its units (``[b..c]`` is one
    day from b to c; ``[..c]`` one day up to c); inside an all-of set it is
    all of them (``{b..c}`` is the run from b to c; ``{..c}`` has no start).

    Three reads go through a hull, which can only add relations: a range in
    a one-of set whose units do not tile by calendar arithmetic here
    (weeks, seasons, quarters, fiscal years, open ranges of months or years,
    or more than 5,000 of them); an all-of set whose members have more than
    1,024 pairs of alternatives to combine; and instants against vague days.
    Values with unspecified digits are compared by their digit patterns, so
    ``XXXX-XX-XX`` takes milliseconds. A :class:`~timeline.LimitError` when a
    value has more than 200,000 alternatives (a period between two days of
    ``XXXX-12-XX``) or a pair more than 2,000,000 pairs of them.
    """
    x, y = _value(a), _value(b)
    if type(x) is w.Extent and type(y) is w.Extent:
        return _SINGLE[_definite_relation(x.first, x.last + 1, y.first, y.last + 1)]
    return Relations(_relate_bits(x, y))


def _relate_bits(x: w.TimeValue, y: w.TimeValue) -> int:
    micro = _has_instant(x) or _has_instant(y)
    if not micro:
        # One of several: the union over its members, so each member keeps its own
        # reading (digit patterns, below) instead of being flattened into shapes.
        if isinstance(x, w.OneOf) and len(x.items) > 1:
            return _union(_relate_bits(item, y) for item in x.items)
        if isinstance(y, w.OneOf) and len(y.items) > 1:
            return _union(_relate_bits(x, item) for item in y.items)
        if (
            isinstance(x, w.Unspecified)
            and isinstance(y, w.Unspecified)
            and x._run_count * y._run_count > _PATTERN_PAIRS
        ):
            return _unspecified_bits(x, y)
    xs = _shapes_for(x, micro)
    ys = _shapes_for(y, micro)
    if isinstance(x, w.Unspecified) and len(xs) > _FEW:
        return _window_bits(xs, ys, x, y)
    if isinstance(y, w.Unspecified) and len(ys) > _FEW:
        return _converse_bits(_window_bits(ys, xs, y, x))
    return _pairs_bits(xs, ys, x, y)


def _pairs_bits(xs: Sequence[Shape], ys: Sequence[Shape], x: w.TimeValue, y: w.TimeValue) -> int:
    if len(xs) * len(ys) > _MAX_PAIRS:
        from timeline.io.errors import LimitError

        raise LimitError(
            f"comparing {x.edtf!r} with {y.edtf!r} takes {len(xs) * len(ys):,} pairs of "
            f"alternatives, more than the limit of {_MAX_PAIRS:,}"
        )
    bits = 0
    for sa in xs:
        for sb in ys:
            bits |= _shape_relations(sa, sb)
            if bits == _ALL_BITS:
                return bits
    return bits


# A value with more shapes than this, all in order and disjoint (the units of a
# pattern with unspecified digits), is compared near the other value's ends only.
_FEW: Final = 64


def _start_of(shape: Shape) -> int:
    return shape[0]


def _end_of(shape: Shape) -> int:
    return shape[3]


def _window_bits(xs: Sequence[Shape], ys: Sequence[Shape], x: w.TimeValue, y: w.TimeValue) -> int:
    """Relations of ``xs`` (in order, disjoint: starts and ends both ascending) to ``ys``.

    Shapes of ``xs`` wholly before every shape of ``ys`` are before it, those
    wholly after are after it, and those strictly inside every shape's certain
    part are during it: one bit each, found by bisection. Only the shapes near
    the ends of ``ys`` are compared pair by pair.
    """
    b_lo = min(s[0] for s in ys)
    b_hi = max(s[3] for s in ys)
    c_lo = max(s[1] for s in ys)
    c_hi = min(s[2] for s in ys)
    i = bisect.bisect_left(xs, b_lo, key=_end_of)
    j = bisect.bisect_right(xs, b_hi, key=_start_of)
    bits = 0
    if i > 0:
        bits |= 1 << Relation.BEFORE
    if j < len(xs):
        bits |= 1 << Relation.AFTER
    k1 = bisect.bisect_right(xs, c_lo, key=_start_of)
    k2 = bisect.bisect_left(xs, c_hi, key=_end_of)
    if i <= k1 < k2 <= j:
        bits |= 1 << Relation.DURING
        rest = [*xs[i:k1], *xs[k2:j]]
    else:
        rest = list(xs[i:j])
    return bits | _pairs_bits(rest, ys, x, y)


def _union(parts: Iterable[int]) -> int:
    bits = 0
    for part in parts:
        bits |= part
        if bits == _ALL_BITS:
            break
    return bits


def _shapes_for(x: w.TimeValue, micro: bool) -> tuple[Shape, ...]:
    if isinstance(x, w.Unspecified) and x._run_count > _CACHED_RUNS:
        # Too large to keep many of (XXXX-XX has 120,000); listing it again is cheap.
        return tuple(_all_shapes(x, micro))
    return _cached_shapes(x, micro)


# Patterns with more units than this are not kept in the cache of shapes.
_CACHED_RUNS: Final = 10_000


@functools.lru_cache(maxsize=256)
def _cached_shapes(x: w.TimeValue, micro: bool) -> tuple[Shape, ...]:
    # Values are frozen and hash by what they say, so equal values share shapes; a
    # network relates each value to every other, and XXXX-12-XX has 10,000 shapes.
    return tuple(_all_shapes(x, micro))


# Below this many pairs of candidate units, two values with unspecified digits are
# compared unit by unit, like any other; above, by their digit patterns.
_PATTERN_PAIRS: Final = 256


def _unspecified_bits(x: w.Unspecified, y: w.Unspecified) -> int:
    """The relations of two values with unspecified digits, from their digit patterns.

    Two units that touch or overlap lie in the same year or in adjacent ones,
    and where a unit falls within its year depends only on whether the year is
    a leap year. So every such pair is found by placing the two patterns' units
    of one year (``_year_template``) at a year's distance of -1, 0 or 1, for
    each kind of year (leap or not) that the year patterns allow together
    there. Units a year or more apart are before or after each other, which
    the first and last units decide.
    """
    (x_first, x_last), (y_first, y_last) = x._ends, y._ends
    bits = 0
    if x_first[1] + 1 < y_last[0]:
        bits |= 1 << Relation.BEFORE
    if y_first[1] + 1 < x_last[0]:
        bits |= 1 << Relation.AFTER
    x_year, x_month, x_day = x._parts
    y_year, y_month, y_day = y._parts
    for delta in (-1, 0, 1):
        for x_leap, y_leap in _year_kinds(x_year, y_year, delta):
            bits |= _template_bits(x_month, x_day, y_month, y_day, x_leap, y_leap, delta)
    return bits


@functools.lru_cache(maxsize=1024)
def _year_kinds(x_pattern: str, y_pattern: str, delta: int) -> frozenset[tuple[bool, bool]]:
    """The (leap, leap) kinds of years ``x`` and ``x + delta`` the two year patterns allow."""
    ys = set(w._year_options(y_pattern))
    from timeline import calendar as cal

    kinds: set[tuple[bool, bool]] = set()
    for year in w._year_options(x_pattern):
        if year + delta in ys:
            kinds.add((cal.is_leap(year), cal.is_leap(year + delta)))
            if len(kinds) == 4:
                break
    return frozenset(kinds)


@functools.lru_cache(maxsize=4096)
def _template_bits(
    x_month: str | None,
    x_day: str | None,
    y_month: str | None,
    y_day: str | None,
    x_leap: bool,
    y_leap: bool,
    delta: int,
) -> int:
    """The relations of one year's units of ``x`` to those of ``y``, ``delta`` years later."""
    from timeline import calendar as cal

    if delta == 0:
        offset = 0
    elif delta > 0:
        offset = cal.days_in_year(w._REFERENCE_YEAR[x_leap])
    else:
        offset = -cal.days_in_year(w._REFERENCE_YEAR[y_leap])
    xs = _template_shapes(w._year_template(x_month, x_day, x_leap), x_day is not None, 0)
    ys = _template_shapes(w._year_template(y_month, y_day, y_leap), y_day is not None, offset)
    bits = 0
    for sa in xs:
        for sb in ys:
            bits |= _shape_relations(sa, sb)
    return bits


def _template_shapes(runs: tuple[tuple[int, int], ...], days: bool, offset: int) -> list[Shape]:
    if days:
        return [(offset + a, offset + b, offset + a + 1, offset + b + 1, 1, 1) for a, b in runs]
    return [(offset + a, offset + a, offset + b + 1, offset + b + 1, 0, _POS) for a, b in runs]


_BEFORE_BITS: Final = 0b11
_AFTER_BITS: Final = 0b11 << 11
_WITHIN_BITS: Final = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6)
_APART_BITS: Final = _BEFORE_BITS | _AFTER_BITS


def _three_valued(relations: Relations, yes: int) -> bool | None:
    bits = relations.bits
    if bits and not bits & ~yes:
        return True
    if not bits & yes:
        return False
    return None


def is_before(a: object, b: object) -> bool | None:
    """Is ``a`` over before ``b`` begins (before or meets)? True, False, or None if unknown."""
    return _three_valued(relate(a, b), _BEFORE_BITS)


def overlaps(a: object, b: object) -> bool | None:
    """Do ``a`` and ``b`` share any time? True, False, or None if unknown."""
    return _three_valued(relate(a, b), _ALL_BITS & ~_APART_BITS)


def is_within(a: object, b: object) -> bool | None:
    """Does ``a`` lie inside ``b`` (starts, during, finishes or equals)? True, False or None."""
    return _three_valued(relate(a, b), _WITHIN_BITS)
