"""The certain/possible queries on DuckDB, Polars and Apache Spark, over the Parquet columns.

A timeline written by :func:`timeline.io.bulk.dump_parquet` (one file) or
:func:`timeline.io.dataset.dump_dataset` (a directory partitioned by year)
carries, for each event, the four bounds of its readings and
``bounds_exact`` (docs/parquet.md). The queries of :class:`~timeline.Timeline`
that ask about time — :meth:`~timeline.Timeline.overlapping`,
:meth:`~timeline.Timeline.within`, :meth:`~timeline.Timeline.containing`,
:meth:`~timeline.Timeline.before`, :meth:`~timeline.Timeline.after`, each
possible or certain, and :meth:`~timeline.Timeline.group_by` by year,
quarter, month, week, fiscal year or fiscal quarter — run here as
expressions over those columns on an engine, and give **exactly** the
answers the library gives in memory (docs/engines.md)::

    engines.select("events.parquet", "duckdb", overlapping="FY2017", certain=True)
    # the ids of load(path).overlapping("FY2017", certain=True), sorted
    engines.group_counts("events/", "spark", "fiscal-year")
    # [GroupCount(label=<Extent FY2016>, certain=3, possible=5), ...]

**How the answer stays exact.** Each test splits the rows in three, by one
expression per side over the bounds (generated SQL for DuckDB and Spark,
native expressions for Polars):

* *yes*: the row is exact (``bounds_exact``) and its bounds decide the test
  — the bound of a side that every reading reaches decides it (``certain``),
  or two bounds that some one reading reaches do (``possible``);
* *maybe*: the row passes a loose filter on its possible span, and its bounds
  do not decide: a row that is not exact (a time of day, a set with a gap, a
  day outside the years 1–9999), a row whose vague readings may or may not
  fit inside the window (``within``/``containing`` possibly, near the
  window's edges), or a row open on a side where the window is open too;
* *no*: everything else, which the engine drops.

Only the *maybe* rows leave the engine with their ``edtf``; each is read
with :func:`timeline.parse` and decided by the library itself (a small
:class:`~timeline.Timeline` of those rows, queried the same way). For most
data they are a small part of the rows; they are never wrong, only slower.

**Grouping** counts, for each unit, the events *certain* in it (certainly
within it) and *possible* in it (possibly overlapping it) by range
arithmetic: the engine groups the exact rows by their first and last
possible unit (a few distinct pairs, however many rows), and the counts
come from those ranges, never from one row per event and unit. An open or
unknown end reaches as far as the selected events' bounded extent goes, as
:meth:`Timeline.group_by` says; the rows that are not exact are grouped by
the library, against that same extent.

The engines are optional (``pip install 'timeline[engines]'``): each is
imported when first asked for, and a missing one raises
:class:`~timeline.MissingDependencyError`.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs

from timeline import calendar as cal
from timeline.calendar import FiscalCalendar
from timeline.collection import (
    MAX_GROUPS,
    MAX_MEMBERS,
    Query,
    Timeline,
    _check_limit,
    _check_unit_options,
    _limit,
    _Units,
    _value_of,
    named_days,
)
from timeline.errors import ConstraintError, MissingDependencyError
from timeline.events import Event
from timeline.io.errors import FieldError, LoadError
from timeline.when import Extent, TimeValue

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "ENGINES",
    "GROUP_KEYS",
    "TESTS",
    "Engine",
    "GroupCount",
    "GroupKey",
    "group_counts",
    "query",
    "select",
    "spark_session",
]

Engine: TypeAlias = Literal["duckdb", "polars", "spark"]
"""The engines the queries run on."""

ENGINES: Final[tuple[Engine, ...]] = ("duckdb", "polars", "spark")

GroupKey: TypeAlias = Literal["year", "quarter", "month", "week", "fiscal-year", "fiscal-quarter"]
"""The units :func:`group_counts` groups by: those of :meth:`Timeline.group_by`."""

GROUP_KEYS: Final[tuple[GroupKey, ...]] = (
    "year",
    "quarter",
    "month",
    "week",
    "fiscal-year",
    "fiscal-quarter",
)

TESTS: Final = ("overlapping", "within", "containing", "before", "after")
"""The tests :func:`select` takes as keywords, named as the methods of :class:`Timeline`."""


@attrs.frozen
class GroupCount:
    """One unit of a grouping: its label and how many events are certain and possible in it.

    ``possible`` counts the events that possibly overlap the unit, ``certain``
    those that certainly lie within it (never more than ``possible``): the
    sizes of :meth:`Timeline.group_by`'s ``Group.certain`` and ``Group.possible``.
    """

    label: Extent
    certain: int
    possible: int


# --------------------------------------------------------------------------------------
# Days. Bounds are rata die numbers (day 1 is 0001-01-01); the sides' infinities are
# these two numbers, which no column holds.

_NEG: Final = -(1 << 40)
_POS: Final = 1 << 40
_FIRST_RD: Final = 1
_LAST_RD: Final = cal.to_rd(9999, 12, 31)
_EPOCH_RD: Final = cal.to_rd(1970, 1, 1)

_FIRSTS: Final = ("first_earliest", "first_latest")
_LASTS: Final = ("last_earliest", "last_latest")


def _as_date(rd: int) -> date:
    return date(*cal.from_rd(rd))


# --------------------------------------------------------------------------------------
# Predicates: a small tree that each engine renders. Every node is two-valued on every
# row (a null bound is an infinity, never SQL's unknown), so NOT is safe anywhere.


@attrs.frozen
class _Const:
    value: bool


@attrs.frozen
class _Cmp:
    """``column op day``, a null in the column being the infinity of its side."""

    column: str
    op: Literal["<=", ">="]
    day: int


@attrs.frozen
class _IsNull:
    column: str


@attrs.frozen
class _Exact:
    """``bounds_exact``, a null read as false."""


@attrs.frozen
class _And:
    parts: tuple[_Pred, ...]


@attrs.frozen
class _Or:
    parts: tuple[_Pred, ...]


@attrs.frozen
class _Not:
    part: _Pred


_Pred: TypeAlias = "_Const | _Cmp | _IsNull | _Exact | _And | _Or | _Not"
TRUE: Final = _Const(True)
FALSE: Final = _Const(False)


def _and(*parts: _Pred) -> _Pred:
    kept: list[_Pred] = []
    for part in parts:
        if part == FALSE:
            return FALSE
        if part != TRUE and part not in kept:
            kept.append(part)
    if not kept:
        return TRUE
    return kept[0] if len(kept) == 1 else _And(tuple(kept))


def _or(*parts: _Pred) -> _Pred:
    kept: list[_Pred] = []
    for part in parts:
        if part == TRUE:
            return TRUE
        if part != FALSE and part not in kept:
            kept.append(part)
    if not kept:
        return FALSE
    return kept[0] if len(kept) == 1 else _Or(tuple(kept))


def _not(part: _Pred) -> _Pred:
    if isinstance(part, _Const):
        return _Const(not part.value)
    if isinstance(part, _Not):
        return part.part
    return _Not(part)


def _cmp(column: str, op: str, day: int) -> _Pred:
    """``column op day`` for a finite day or an infinity, ``op`` one of <=, <, >=, >.

    Where ``day`` is an infinity the answer is that of a finite column value: a row whose
    column is infinite on the same side never reaches here (see ``_risky``).
    """
    if op == "<":
        op, day = "<=", day - 1
    elif op == ">":
        op, day = ">=", day + 1
    if day <= _NEG + 1 or day >= _POS - 1:
        return _Const((op == "<=") == (day > 0))
    null_is_true = (column in _FIRSTS) == (op == "<=")
    if (op == "<=" and day < _FIRST_RD) or (op == ">=" and day > _LAST_RD):
        # No day of the column's range passes: only its infinity may.
        return _IsNull(column) if null_is_true else FALSE
    if (op == "<=" and day > _LAST_RD) or (op == ">=" and day < _FIRST_RD):
        return TRUE if null_is_true else _not(_IsNull(column))
    return _Cmp(column, "<=" if op == "<=" else ">=", day)


# --------------------------------------------------------------------------------------
# The tests as predicates.


@attrs.frozen
class _Window:
    """A query's value: its four bounds (infinities as _NEG/_POS), whether they are exact,
    and its possible span (its hull, None for an infinity)."""

    value: TimeValue
    fe: int
    fl: int
    le: int
    ll: int
    exact: bool
    lo: int | None
    hi: int | None

    @classmethod
    def of(cls, x: Query) -> _Window:
        from timeline.io import bulk

        value = _value_of(x)
        fe, fl, le, ll, exact = bulk.bounds(value)
        return cls(
            value,
            _NEG if fe is None else fe,
            _NEG if fl is None else fl,
            _POS if le is None else le,
            _POS if ll is None else ll,
            exact,
            value.earliest_day,
            value.latest_day,
        )


def _loose(test: str, x: _Window) -> _Pred:
    """A filter every row passes whose event may pass ``test`` (possibly, so certainly too).

    On the row's possible span alone, a day wider on each side than it needs: it must
    hold for rows whose bounds are not exact (a time of day is on its UTC day, a null
    may be a day beyond the years 1–9999).
    """
    starts = TRUE if x.hi is None else _cmp("first_earliest", "<=", x.hi + 1)
    ends = TRUE if x.lo is None else _cmp("last_latest", ">=", x.lo - 1)
    if test == "before":
        return starts
    if test == "after":
        return ends
    return _and(starts, ends)


def _decided(test: str, certain: bool, x: _Window) -> tuple[_Pred, _Pred]:
    """For an exact row not open where ``x`` is open: (sure, necessary) conditions.

    ``sure`` implies the event passes, and the event passing implies ``necessary``;
    where they are the same the bounds decide every such row. Readings are runs
    ``[s, e]``; ``fe``/``fl`` bound their first days, ``le``/``ll`` their last, and
    every bound is reached by some reading (or, where infinite, approached), for the
    row and for ``x`` alike, whose readings pair freely with the row's.
    """
    fe, fl, le, ll = "first_earliest", "first_latest", "last_earliest", "last_latest"
    if test == "overlapping":
        if certain:  # every pair shares a day
            both = _and(_cmp(fl, "<=", x.le), _cmp(le, ">=", x.fl))
        else:  # the runs of possible days meet (each is one run: the row is exact)
            both = _and(_cmp(fe, "<=", x.ll), _cmp(ll, ">=", x.fe))
        return both, both
    if test == "before":
        both = _cmp(ll, "<", x.fe) if certain else _cmp(le, "<", x.fl)
        return both, both
    if test == "after":
        both = _cmp(fe, ">", x.ll) if certain else _cmp(fl, ">", x.le)
        return both, both
    if test == "within":
        if certain:
            both = _and(_cmp(fe, ">=", x.fl), _cmp(ll, "<=", x.le))
            return both, both
        sure = _or(
            # the reading that starts last, inside the x reading that starts first
            _and(_cmp(fl, ">=", x.fe), _cmp(ll, "<=", x.le)),
            # the reading that ends first, inside the x reading that starts first
            _and(_cmp(fe, ">=", x.fe), _cmp(le, "<=", x.le)),
            # the reading that starts last, inside the x reading that ends last
            _and(_cmp(fl, ">=", x.fl), _cmp(ll, "<=", x.ll)),
            # the reading that ends first, inside the x reading that ends last
            _and(_cmp(fe, ">=", x.fl), _cmp(le, "<=", x.ll)),
        )
        necessary = _and(_cmp(fl, ">=", x.fe), _cmp(le, "<=", x.ll))
        return sure, necessary
    if test == "containing":
        if certain:
            both = _and(_cmp(fl, "<=", x.fe), _cmp(le, ">=", x.ll))
            return both, both
        sure = _or(
            # the reading that starts first, around the x reading that starts last
            _and(_cmp(fe, "<=", x.fl), _cmp(le, ">=", x.ll)),
            # the reading that starts first, around the x reading that ends first
            _and(_cmp(fe, "<=", x.fe), _cmp(le, ">=", x.le)),
            # the reading that ends last, around the x reading that starts last
            _and(_cmp(fl, "<=", x.fl), _cmp(ll, ">=", x.ll)),
            # the reading that ends last, around the x reading that ends first
            _and(_cmp(fl, "<=", x.fe), _cmp(ll, ">=", x.le)),
        )
        necessary = _and(_cmp(fe, "<=", x.fl), _cmp(ll, ">=", x.le))
        return sure, necessary
    raise ConstraintError(f"the tests are {', '.join(TESTS)}, not {test!r}")


def _risky(x: _Window) -> _Pred:
    """Rows infinite on a side where ``x`` is infinite too: their bounds cannot tell an
    open end from an unknown one, the library can."""
    parts: list[_Pred] = []
    if x.fe <= _NEG:
        parts.append(_IsNull("first_earliest"))
    if x.ll >= _POS:
        parts.append(_IsNull("last_latest"))
    return _or(*parts)


@attrs.frozen
class _Filter:
    test: str
    certain: bool
    window: _Window

    def split(self) -> tuple[_Pred, _Pred]:
        """(yes, maybe): the rows that pass for sure, and those the library must decide."""
        x = self.window
        loose = _loose(self.test, x)
        if not x.exact:
            return FALSE, loose
        sure, necessary = _decided(self.test, self.certain, x)
        risky = _risky(x)
        exact = _Exact()
        yes = _and(exact, _not(risky), sure)
        maybe = _or(
            _and(_not(exact), loose),
            _and(exact, risky, loose),
            _and(exact, _not(risky), necessary, _not(sure)) if sure != necessary else FALSE,
        )
        return yes, maybe


def _filters(tests: dict[str, Query | None], certain: bool) -> list[_Filter]:
    if not isinstance(certain, bool):
        raise ConstraintError(f"certain is True or False, not {certain!r}")
    return [_Filter(test, certain, _Window.of(x)) for test, x in tests.items() if x is not None]


def _combined(filters: Sequence[_Filter]) -> tuple[_Pred, _Pred]:
    """(yes, candidate) of all the filters: the rows that pass them all for sure, and
    those that may (the yes rows among them)."""
    yes: list[_Pred] = []
    candidate: list[_Pred] = []
    for f in filters:
        y, m = f.split()
        yes.append(y)
        candidate.append(_or(y, m))
    return _and(*yes), _and(*candidate)


# --------------------------------------------------------------------------------------
# Units of time as integer arithmetic on a date: the numbering of timeline.collection's
# _Units (months since year 0 shifted by the fiscal start, or 7-day steps).


@attrs.frozen
class _UnitSpec:
    key: str
    stride: int  # months per unit; 0 for weeks
    month: int  # months the fiscal year's start is past January
    day: int  # a day of the month up to this one belongs to the previous month
    week_start: int

    @classmethod
    def of(cls, key: str, calendar: FiscalCalendar, week_start: int) -> _UnitSpec:
        units = _Units(key, calendar, week_start)
        return cls(key, units.stride, units.month, units.day, week_start)


# --------------------------------------------------------------------------------------
# The engines.


class _Backend:
    """What every engine does for the queries: three kinds of scan over the columns."""

    def rows(self, yes: _Pred, candidate: _Pred) -> list[tuple[str, bool, str | None]]:
        """``(id, passes for sure, edtf)`` of each candidate row."""
        raise NotImplementedError

    def loose(self, where: _Pred) -> list[tuple[str | None, str | None]]:
        """The rows of ``where`` the library must read: ``(id, edtf)`` of each that is not
        exact, and ``(None, edtf)`` once for each date of the exact rows with a side
        unbounded (whose named days the extent needs)."""
        raise NotImplementedError

    def ranges(self, where: _Pred, spec: _UnitSpec) -> list[_Range]:
        """The exact rows of ``where`` by first and last unit: ``(first unit, last unit,
        rows, certain rows, least first_earliest, greatest last_latest)``.

        A row's first unit is that of its ``first_earliest``, its last that of its
        ``last_latest``, None where that is null; it is certain in its first unit
        when both are days of that unit. Days are rata die, None when all are null.
        """
        raise NotImplementedError

    def close(self) -> None:
        """Free what the engine holds for this query."""


_BOUNDED: Final = _and(_Exact(), _not(_IsNull("first_earliest")), _not(_IsNull("last_latest")))
_Range: TypeAlias = "tuple[int | None, int | None, int, int, int | None, int | None]"


def _rd(days: object) -> int | None:
    """A day counted from 1970-01-01 as rata die."""
    return None if days is None else int(days) + _EPOCH_RD  # type: ignore[call-overload]


class _SQL(_Backend):
    """DuckDB and Spark SQL: one dialect but for integer division and day numbers."""

    def __init__(self, source: str, run: Callable[[str], list[tuple[Any, ...]]]) -> None:
        self.source = source
        self.run = run

    # The two spellings that differ.
    def div(self, a: str, b: int) -> str:
        raise NotImplementedError

    def epoch_days(self, d: str) -> str:
        raise NotImplementedError

    def pred(self, p: _Pred) -> str:
        if isinstance(p, _Const):
            return "TRUE" if p.value else "FALSE"
        if isinstance(p, _Cmp):
            literal = f"DATE '{_as_date(p.day).isoformat()}'"
            if (p.column in _FIRSTS) == (p.op == "<="):
                return f"({p.column} IS NULL OR {p.column} {p.op} {literal})"
            return f"({p.column} IS NOT NULL AND {p.column} {p.op} {literal})"
        if isinstance(p, _IsNull):
            return f"({p.column} IS NULL)"
        if isinstance(p, _Exact):
            return "(bounds_exact IS NOT NULL AND bounds_exact)"
        if isinstance(p, _And):
            return "(" + " AND ".join(self.pred(q) for q in p.parts) + ")"
        if isinstance(p, _Or):
            return "(" + " OR ".join(self.pred(q) for q in p.parts) + ")"
        return f"(NOT {self.pred(p.part)})"

    def unit(self, d: str, spec: _UnitSpec) -> str:
        if not spec.stride:
            # +6 keeps the dividend non-negative from day 1 on, where both dialects'
            # integer division agrees with floor division.
            days = f"{self.epoch_days(d)} + {_EPOCH_RD - 1 - spec.week_start + 7}"
            return f"({self.div(days, 7)} - 1)"
        months = (
            f"12 * year({d}) + month({d}) - 1 - {spec.month}"
            f" - CASE WHEN day({d}) <= {spec.day} THEN 1 ELSE 0 END"
        )
        return self.div(months, spec.stride)

    def rows(self, yes: _Pred, candidate: _Pred) -> list[tuple[str, bool, str | None]]:
        sure = self.pred(yes)
        found = self.run(
            f"SELECT id, {sure} AS sure, CASE WHEN {sure} THEN NULL ELSE edtf END AS edtf "
            f"FROM {self.source} WHERE {self.pred(candidate)}"
        )
        return [(str(i), bool(s), e) for i, s, e in found]

    def loose(self, where: _Pred) -> list[tuple[str | None, str | None]]:
        exact = self.pred(_Exact())
        p = self.pred(_and(where, _or(_not(_Exact()), _not(_BOUNDED))))
        found = self.run(
            f"SELECT CASE WHEN {exact} THEN NULL ELSE id END AS i, edtf FROM {self.source} "
            f"WHERE {p} GROUP BY i, edtf"
        )
        return [(None if i is None else str(i), e) for i, e in found]

    def ranges(self, where: _Pred, spec: _UnitSpec) -> list[_Range]:
        first, last = self.unit("first_earliest", spec), self.unit("last_latest", spec)
        certain = (
            f"CASE WHEN first_earliest IS NOT NULL AND last_latest IS NOT NULL AND "
            f"{first} = {last} THEN 1 ELSE 0 END"
        )
        p = self.pred(_and(where, _Exact()))
        found = self.run(
            f"SELECT u0, u1, count(*), sum(c), min(d0), max(d1) FROM (SELECT {first} AS u0, "
            f"{last} AS u1, {certain} AS c, {self.epoch_days('first_earliest')} AS d0, "
            f"{self.epoch_days('last_latest')} AS d1 FROM {self.source} WHERE {p}) AS r "
            "GROUP BY u0, u1"
        )
        return [
            (None if a is None else int(a), None if b is None else int(b), int(n), int(c),
             _rd(d0), _rd(d1))
            for a, b, n, c, d0, d1 in found
        ]  # fmt: skip


_DUCKDB: list[Any] = []  # one in-memory database for the process: connecting costs 0.2 s
_DUCKDB_LOCK: Final = threading.Lock()


class _DuckDB(_SQL):
    def __init__(self, path: str, connection: Any) -> None:
        duckdb = _import("duckdb")
        self._own = connection is None
        if connection is None:
            with _DUCKDB_LOCK:
                if not _DUCKDB:
                    _DUCKDB.append(duckdb.connect())
                # A cursor is a connection of its own to the shared database, for one thread.
                connection = _DUCKDB[0].cursor()
        self._con = connection
        self._errors = (duckdb.Error,)
        quoted = "'" + path.replace("'", "''") + "'"
        if os.path.isdir(path):
            glob = "'" + os.path.join(path, "**", "*.parquet").replace("'", "''") + "'"
            source = f"read_parquet({glob}, hive_partitioning = true)"
        else:
            source = f"read_parquet({quoted})"
        self._path = path
        super().__init__(source, self._fetch)

    def _fetch(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            rows: list[tuple[Any, ...]] = self._con.execute(sql).fetchall()
        except self._errors as error:
            raise _unreadable(self._path, "DuckDB", error) from None
        return rows

    def div(self, a: str, b: int) -> str:
        return f"(({a}) // {b})"

    def epoch_days(self, d: str) -> str:
        return f"date_diff('day', DATE '1970-01-01', {d})"

    def close(self) -> None:
        if self._own:
            self._con.close()


class _Spark(_SQL):
    def __init__(self, path: str, session: Any) -> None:
        _import("pyspark")
        from pyspark.errors import PySparkException

        self._session = spark_session() if session is None else session
        self._errors = (PySparkException,)
        self._path = path
        self._view = f"timeline_events_{uuid.uuid4().hex}"
        try:
            self._session.read.parquet(path).createOrReplaceTempView(self._view)
        except self._errors as error:
            raise _unreadable(path, "Spark", error) from None
        super().__init__(self._view, self._fetch)

    def _fetch(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            return [tuple(row) for row in self._session.sql(sql).collect()]
        except self._errors as error:
            raise _unreadable(self._path, "Spark", error) from None

    def div(self, a: str, b: int) -> str:
        return f"(({a}) div {b})"

    def epoch_days(self, d: str) -> str:
        return f"datediff({d}, DATE '1970-01-01')"

    def close(self) -> None:
        self._session.catalog.dropTempView(self._view)


class _Polars(_Backend):
    """Polars: the same predicates as native expressions over a lazy scan."""

    def __init__(self, path: str) -> None:
        _import("polars")
        import polars as pl

        self._path = path
        self._errors: tuple[type[BaseException], ...] = (pl.exceptions.PolarsError, OSError)
        if os.path.isdir(path):
            pattern = os.path.join(path, "**", "*.parquet")
            self.frame = pl.scan_parquet(pattern, hive_partitioning=True)
        else:
            self.frame = pl.scan_parquet(path)

    def _collect(self, frame: pl.LazyFrame) -> list[tuple[Any, ...]]:
        try:
            rows: list[tuple[Any, ...]] = frame.collect().rows()
        except self._errors as error:
            raise _unreadable(self._path, "Polars", error) from None
        return rows

    def expr(self, p: _Pred) -> pl.Expr:
        import polars as pl

        if isinstance(p, _Const):
            return pl.lit(p.value)
        if isinstance(p, _Cmp):
            column = pl.col(p.column)
            day = pl.lit(_as_date(p.day))
            test = column <= day if p.op == "<=" else column >= day
            if (p.column in _FIRSTS) == (p.op == "<="):
                return column.is_null() | test.fill_null(False)
            return column.is_not_null() & test.fill_null(False)
        if isinstance(p, _IsNull):
            return pl.col(p.column).is_null()
        if isinstance(p, _Exact):
            return pl.col("bounds_exact").fill_null(False)
        if isinstance(p, _And | _Or):
            parts = [self.expr(q) for q in p.parts]
            out = parts[0]
            for part in parts[1:]:
                out = out & part if isinstance(p, _And) else out | part
            return out
        return ~self.expr(p.part)

    def unit(self, d: pl.Expr, spec: _UnitSpec) -> pl.Expr:
        import polars as pl

        if not spec.stride:
            days = d.cast(pl.Int64) + (_EPOCH_RD - 1 - spec.week_start + 7)
            return days // 7 - 1
        months = (
            d.dt.year().cast(pl.Int64) * 12
            + d.dt.month().cast(pl.Int64)
            - 1
            - spec.month
            - (d.dt.day() <= spec.day).cast(pl.Int64)
        )
        return months // spec.stride

    def rows(self, yes: _Pred, candidate: _Pred) -> list[tuple[str, bool, str | None]]:
        import polars as pl

        sure = self.expr(yes)
        frame = self.frame.filter(self.expr(candidate)).select(
            pl.col("id"),
            sure.alias("sure"),
            pl.when(sure).then(pl.lit(None, dtype=pl.String)).otherwise(pl.col("edtf")),
        )
        return [(str(i), bool(s), e) for i, s, e in self._collect(frame)]

    def loose(self, where: _Pred) -> list[tuple[str | None, str | None]]:
        import polars as pl

        frame = (
            self.frame.filter(self.expr(_and(where, _or(_not(_Exact()), _not(_BOUNDED)))))
            .select(
                pl.when(self.expr(_Exact()))
                .then(pl.lit(None, dtype=pl.String))
                .otherwise(pl.col("id"))
                .alias("i"),
                pl.col("edtf"),
            )
            .unique()
        )
        return [(None if i is None else str(i), e) for i, e in self._collect(frame)]

    def ranges(self, where: _Pred, spec: _UnitSpec) -> list[_Range]:
        import polars as pl

        fe, ll = pl.col("first_earliest"), pl.col("last_latest")
        first, last = self.unit(fe, spec), self.unit(ll, spec)
        certain = (fe.is_not_null() & ll.is_not_null() & (first == last)).fill_null(False)
        frame = (
            self.frame.filter(self.expr(_and(where, _Exact())))
            .select(
                first.alias("u0"),
                last.alias("u1"),
                certain.cast(pl.Int64).alias("c"),
                fe.cast(pl.Int64).alias("d0"),
                ll.cast(pl.Int64).alias("d1"),
            )
            .group_by("u0", "u1")
            .agg(pl.len().alias("n"), pl.col("c").sum(), pl.col("d0").min(), pl.col("d1").max())
            .select("u0", "u1", "n", "c", "d0", "d1")
        )
        return [
            (None if a is None else int(a), None if b is None else int(b), int(n), int(c),
             _rd(d0), _rd(d1))
            for a, b, n, c, d0, d1 in self._collect(frame)
        ]  # fmt: skip


def _import(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingDependencyError(
            f"this query needs {name}: pip install 'timeline[engines]'"
        ) from None


def _unreadable(path: str, engine: str, error: BaseException) -> LoadError:
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return LoadError.of(
        path, [FieldError(f"{engine} could not read the data: {first}", filename=path)]
    )


def _backend(
    path: str | os.PathLike[str], engine: object, session: Any, connection: Any
) -> _Backend:
    if engine not in ENGINES:
        raise ConstraintError(f"the engines are {', '.join(ENGINES)}, not {engine!r}")
    name = os.fspath(path)
    if not os.path.exists(name):
        raise LoadError.of(name, [FieldError("no such file or directory", filename=name)])
    if engine == "duckdb":
        return _DuckDB(name, connection)
    if engine == "polars":
        return _Polars(name)
    return _Spark(name, session)


def spark_session() -> Any:
    """The active Spark session, or a new local one set for these queries.

    The new one runs in this process's machine (``local[*]``), with the web
    UI off, the driver bound to 127.0.0.1, the session time zone UTC, and
    Parquet dates read as written (proleptic Gregorian, as timeline and
    pyarrow write them, so that days before 1582 keep their numbers).
    """
    _import("pyspark")
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    return (
        SparkSession.builder.master("local[*]")
        .appName("timeline")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED")
        .config("spark.sql.parquet.int96RebaseModeInRead", "CORRECTED")
        .getOrCreate()
    )


# --------------------------------------------------------------------------------------
# The library's answer for the rows the bounds leave open.


def _values(rows: Iterable[tuple[str, str | None]]) -> list[Event]:
    from timeline.parse import parse

    cache: dict[str, TimeValue] = {}
    events: list[Event] = []
    for event_id, edtf in rows:
        if edtf is None:
            continue  # no date: not an event the file format reads
        value = cache.get(edtf)
        if value is None:
            value = cache[edtf] = parse(edtf)
        events.append(Event(id=event_id, title=event_id, when=value))
    return events


def _parsed(texts: Iterable[str | None]) -> list[TimeValue]:
    from timeline.parse import parse

    return [parse(text) for text in texts if text is not None]


def _library(events: list[Event], filters: Sequence[_Filter]) -> list[Event]:
    t = Timeline(events)
    for f in filters:
        t = getattr(t, f.test)(f.window.value, certain=f.certain)
    return list(t)


def _selected(
    backend: _Backend, filters: Sequence[_Filter], *, ids: bool
) -> tuple[list[str], list[Event], _Pred]:
    """The ids that pass for sure (when ``ids``), the events the library let pass, and
    the predicate of the rows that pass for sure."""
    yes, candidate = _combined(filters)
    if not filters:
        return [], [], TRUE
    if ids:
        rows = backend.rows(yes, candidate)
        sure = [i for i, s, _ in rows if s]
        rest = [(i, e) for i, s, e in rows if not s]
    else:
        sure = []
        rest = [(i, e) for i, s, e in backend.rows(yes, _and(candidate, _not(yes)))]
    return sure, _library(_values(rest), filters), yes


def select(
    path: str | os.PathLike[str],
    engine: Engine,
    *,
    overlapping: Query | None = None,
    within: Query | None = None,
    containing: Query | None = None,
    before: Query | None = None,
    after: Query | None = None,
    certain: bool = False,
    session: Any = None,
    connection: Any = None,
) -> list[str]:
    """The ids of the events of ``path`` that pass every test given, sorted.

    ``path`` is a Parquet file of :func:`~timeline.io.bulk.dump_parquet` or a
    directory of :func:`~timeline.io.dataset.dump_dataset`; ``engine`` is
    ``"duckdb"``, ``"polars"`` or ``"spark"``. Each test takes what the
    method of :class:`Timeline` of the same name takes (a time value, an
    event, a date or text) and ``certain`` applies to each: the answer is the
    set of ids of ``load(path).overlapping(x, certain=c).before(y, certain=c)``
    and so on, in the order of :func:`sorted`. No test at all selects every
    event. ``session`` is the Spark session to use (default:
    :func:`spark_session`), ``connection`` the DuckDB connection (default: a
    new in-memory one).

    Raises :class:`~timeline.io.LoadError` when the engine cannot read
    ``path``, :class:`~timeline.ConstraintError` for an unknown engine and
    :class:`~timeline.MissingDependencyError` when it is not installed.
    """
    filters = _filters(
        {
            "overlapping": overlapping,
            "within": within,
            "containing": containing,
            "before": before,
            "after": after,
        },
        certain,
    )
    backend = _backend(path, engine, session, connection)
    try:
        if not filters:
            return sorted(i for i, _, _ in backend.rows(TRUE, TRUE))
        sure, decided, _ = _selected(backend, filters, ids=True)
    finally:
        backend.close()
    return sorted([*sure, *(e.id for e in decided)])


def group_counts(
    path: str | os.PathLike[str],
    engine: Engine,
    key: GroupKey,
    *,
    calendar: FiscalCalendar = FiscalCalendar.US_FEDERAL,
    week_start: int = cal.MONDAY,
    overlapping: Query | None = None,
    within: Query | None = None,
    containing: Query | None = None,
    before: Query | None = None,
    after: Query | None = None,
    certain: bool = False,
    max_groups: int = MAX_GROUPS,
    max_members: int = MAX_MEMBERS,
    session: Any = None,
    connection: Any = None,
) -> list[GroupCount]:
    """How many events of ``path`` are certain and possible in each unit of ``key``.

    One :class:`GroupCount` per unit with a possible event, in time order:
    the labels of ``Timeline.group_by(key, calendar=..., week_start=...)``
    and the sizes of its groups, for the events that pass the tests given
    (as in :func:`select`; the bounded extent that open ends reach is that
    of those events). ``key`` is ``"year"``, ``"quarter"``, ``"month"``,
    ``"week"``, ``"fiscal-year"`` or ``"fiscal-quarter"``. The engine's
    cost does not grow with the units an event spans. ``max_groups`` and
    ``max_members`` are the limits of :meth:`Timeline.group_by`: more units
    than ``max_groups`` in the answer is a :class:`~timeline.LimitError`, and
    the rows that are not exact, which the library groups, are grouped within
    both. Raises as :func:`select` does.
    """
    if key not in GROUP_KEYS:
        raise ConstraintError(f"group_counts() takes one of {', '.join(GROUP_KEYS)}, not {key!r}")
    import numpy as np

    _check_unit_options(calendar, week_start)
    _check_limit("max_groups", max_groups)
    _check_limit("max_members", max_members)
    units = _Units(key, calendar, week_start)
    spec = _UnitSpec.of(key, calendar, week_start)
    filters = _filters(
        {
            "overlapping": overlapping,
            "within": within,
            "containing": containing,
            "before": before,
            "after": after,
        },
        certain,
    )
    backend = _backend(path, engine, session, connection)
    try:
        _, decided, yes = _selected(backend, filters, ids=False)
        ranges = backend.ranges(yes, spec)
        loose = backend.loose(yes)
    finally:
        backend.close()
    inexact = _values((i, e) for i, e in loose if i is not None)
    days = [d for r in ranges for d in r[4:] if d is not None]
    for value in _parsed(e for i, e in loose if i is None):
        days.extend(named_days(value))
    for event in (*inexact, *decided):
        days.extend(named_days(event.when))
    if not days:
        return []
    lo, hi = min(days), max(days)
    # Open ends reach the extent's units; the engine counted the exact rows that pass for
    # sure, and the library counts the rest.
    ends = units.of(np.array([lo, hi], dtype=np.int64)).tolist()
    counts: dict[int, list[int]] = {}
    _add_ranges(counts, ranges, ends[0], ends[1])
    _add_library(
        counts,
        [*inexact, *decided],
        (key, calendar, week_start, max_groups, max_members),
        units,
        lo,
        hi,
    )
    keys = sorted(u for u, (_, possible) in counts.items() if possible)
    if len(keys) > max_groups:
        raise _limit(
            "group_counts",
            key,
            f"{len(keys):,} groups, more than max_groups={max_groups:,}",
            "max_groups",
        )
    labels = units.labels(np.array(keys, dtype=np.int64))
    return [
        GroupCount(label, counts[unit][0], counts[unit][1])
        for unit, label in zip(keys, labels, strict=True)
    ]


def _add_ranges(counts: dict[int, list[int]], ranges: list[_Range], lo: int, hi: int) -> None:
    """Add the engine's unit ranges, unbounded sides at units ``lo`` and ``hi``: a count
    for each unit of each range, by differences."""
    if not ranges:
        return
    import numpy as np

    table = np.array(
        [(lo if a is None else a, hi if b is None else b, n) for a, b, n, *_ in ranges],
        dtype=np.int64,
    )
    first = int(table[:, 0].min())
    delta = np.zeros(int(table[:, 1].max()) - first + 2, dtype=np.int64)
    np.add.at(delta, table[:, 0] - first, table[:, 2])
    np.add.at(delta, table[:, 1] + 1 - first, -table[:, 2])
    possible = np.cumsum(delta[:-1])
    for offset in np.flatnonzero(possible).tolist():
        counts.setdefault(first + offset, [0, 0])[1] += int(possible[offset])
    for u0, _, _, c, *_ in ranges:
        if c and u0 is not None:
            counts.setdefault(u0, [0, 0])[0] += c


def _add_library(
    counts: dict[int, list[int]],
    events: list[Event],
    grouping: tuple[str, FiscalCalendar, int, int, int],
    units: _Units,
    lo: int,
    hi: int,
) -> None:
    """Add the library's groups of ``events``, open ends reaching to ``lo`` .. ``hi``.

    Two events of one day each at ``lo`` and ``hi`` give the library that extent; each
    is certain in its unit, and taken off again.
    """
    if not events:
        return
    import numpy as np

    taken = {e.id for e in events}
    names = [f"timeline-engines-{n}" for n in range(len(taken) + 2)]
    edge_ids = [n for n in names if n not in taken][:2]
    edges = [
        Event(id=edge_ids[0], title="first", when=Extent.from_rd(lo)),
        Event(id=edge_ids[1], title="last", when=Extent.from_rd(hi)),
    ]
    key, calendar, week_start, max_groups, max_members = grouping
    groups = Timeline([*events, *edges]).group_by(
        key,  # type: ignore[arg-type]
        calendar=calendar,
        week_start=week_start,
        max_groups=max_groups,
        max_members=max_members,
    )
    for label, group in groups.items():
        assert isinstance(label, Extent)
        unit = int(units.of(np.array([label.earliest_day], dtype=np.int64))[0])
        entry = counts.setdefault(unit, [0, 0])
        entry[0] += len(group.certain)
        entry[1] += len(group.possible)
    for rd in (lo, hi):
        unit = int(units.of(np.array([rd], dtype=np.int64))[0])
        counts[unit][0] -= 1
        counts[unit][1] -= 1


def query(
    path: str | os.PathLike[str],
    engine: Engine,
    *,
    overlapping: Query | None = None,
    within: Query | None = None,
    containing: Query | None = None,
    before: Query | None = None,
    after: Query | None = None,
    certain: bool = False,
    group_by: GroupKey | None = None,
    calendar: FiscalCalendar = FiscalCalendar.US_FEDERAL,
    session: Any = None,
) -> list[str] | list[GroupCount]:
    """What ``timeline query`` prints: :func:`select`, or :func:`group_counts` by ``group_by``."""
    tests: dict[str, Any] = {
        "overlapping": overlapping,
        "within": within,
        "containing": containing,
        "before": before,
        "after": after,
    }
    if group_by is None:
        return select(path, engine, certain=certain, session=session, **tests)
    return group_counts(
        path, engine, group_by, calendar=calendar, certain=certain, session=session, **tests
    )
