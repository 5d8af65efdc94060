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

import enum
from collections.abc import Iterable, Iterator
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

# Above this many alternatives a value's discrete options are read as their hull,
# which can only add relations; documented in relate().
_MAX_ALTERNATIVES: Final = 5000


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
        return _cap([(a, a) if first else (b, b) for a, b in options])
    if isinstance(value, w.Moment):
        return _runs_of_days(value)
    if isinstance(value, w.OneOf):
        return _cap(_merge([r for item in value.items for r in _end_days(item, first=first)]))
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


def _cap(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if len(ranges) <= _MAX_ALTERNATIVES:
        return ranges
    return [(min(a for a, _ in ranges), max(b for _, b in ranges))]


def _shapes(value: w.TimeValue) -> list[Shape]:
    """The value's alternatives, in days, each a :data:`Shape`."""
    if isinstance(value, w.Extent):
        return [(value.first, value.first, value.last + 1, value.last + 1, 0, _POS)]
    if isinstance(value, w.Unspecified):
        options = value._options()
        if value.precision is w.Precision.DAY:
            return [(a, b, a + 1, b + 1, 1, 1) for a, b in options]
        if len(options) > _MAX_ALTERNATIVES:
            lo, hi = options[0][0], options[-1][1]
            sizes = [b - a + 1 for a, b in options]
            return [(lo, hi, lo + 1, hi + 1, min(sizes), max(sizes))]
        return [(a, a, b + 1, b + 1, 0, _POS) for a, b in options]
    if isinstance(value, w.Moment):
        return [(a, b, a + 1, b + 1, 1, 1) for a, b in _runs_of_days(value.within)]
    if isinstance(value, w.Period):
        return _period_shapes(value)
    if isinstance(value, w.OneOf):
        return [shape for item in value.items for shape in _shapes(item)]
    if isinstance(value, w.Range):
        units = _range_units(value)
        if units is not None:
            return [s for u in units for s in _shapes(u)]
        lo = _NEG + 1 if value.low is None else value.low.first
        hi = _POS - 2 if value.high is None else value.high.last
        return [(lo, hi, lo + 1, hi + 1, 1, _POS)]
    if isinstance(value, w.AllOf):
        starts = [s for item in value.items for s in _shapes(item)]
        s_lo = min(s[0] for s in starts)
        s_hi = min(s[1] for s in starts)
        e_lo = max(s[2] for s in starts)
        e_hi = max(s[3] for s in starts)
        return [(s_lo, s_hi, e_lo, e_hi, 1, _POS)]
    raise ConstraintError(f"cannot relate {value!r}")


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


def _shape_relations(a: Shape, b: Shape) -> int:
    if a[0] == a[1] and a[2] == a[3] and b[0] == b[1] and b[2] == b[3]:
        return 1 << _definite_relation(a[0], a[2], b[0], b[2])
    # Quick exits when the hulls do not touch.
    if a[3] < b[0]:
        return 1
    if b[3] < a[0]:
        return 1 << 12
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
    allows. Values with more than 5,000 discrete alternatives (``XXXX``) are
    read through their hull, which can only add relations.
    """
    x, y = _value(a), _value(b)
    if type(x) is w.Extent and type(y) is w.Extent:
        return _SINGLE[_definite_relation(x.first, x.last + 1, y.first, y.last + 1)]
    micro = _has_instant(x) or _has_instant(y)
    bits = 0
    ys = _all_shapes(y, micro)
    for sa in _all_shapes(x, micro):
        for sb in ys:
            bits |= _shape_relations(sa, sb)
            if bits == _ALL_BITS:
                return Relations.ALL
    return Relations(bits)


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
