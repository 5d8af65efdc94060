"""The arrays behind a timeline's queries: an interval index, and what each value allows.

Two parts, both plain numpy arrays built once per timeline:

:class:`Index`
    Finds, among many runs of days, every run that shares a day with a
    window. Runs are closed (``first`` and ``last`` both included) rata die
    day numbers; :data:`NO_START` and :data:`NO_END` stand for an unbounded
    side. Build one with :meth:`Index.from_bounds`; a timeline builds its own
    over the *possible span* of each event (``earliest_day`` to
    ``latest_day``).
:class:`Spans`
    Each time value of a timeline as arrays: its possible span, and the
    alternatives that :func:`timeline.relate` reads it as (its *shapes*,
    see ``timeline.relations._shapes``). With them a query decides exactly
    what ``relate`` would say — which events possibly, and which certainly,
    overlap a window, fall within it, contain it, come before or after it —
    for thousands of candidates at once, calling ``relate`` only for the
    values the arrays cannot speak for (instants, and vague values with an
    open or unknown end).

How the index works: runs are put in *length classes* (lengths 0, 1, 2–3,
4–7, … days) and, within a class, sorted by first day. A run of class ``c``
meets the window ``[a, b]`` only if its first day lies in
``[a - longest(c), b]``, where ``longest(c)`` is the longest run in the
class; one ``searchsorted`` call on a composite (class, first day) key finds
that slice in every class at once, and the runs in it that end before ``a``
are dropped. Within a class the longest run is less than twice the
shortest, so at most about as many runs are scanned and dropped as are
returned: a window query costs ``O(C log n + k)`` for ``C`` non-empty
classes and ``k`` results. Runs longer than 2**40 days or unbounded sit in
a side list that every query scans (there are few of them in any real
timeline). Building is a sort, ``O(n log n)``, and needs none when the runs
come already sorted by first day, as a timeline's do.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any, Final, TypeAlias

import numpy as np
import numpy.typing as npt

from timeline import relations as _rel
from timeline import when as w
from timeline.errors import ConstraintError

__all__ = ["NO_END", "NO_START", "SHAPED", "SIMPLE", "SLOW", "Index", "Probe", "Spans", "Test"]

Ints: TypeAlias = npt.NDArray[np.int64]
Bools: TypeAlias = npt.NDArray[np.bool_]

#: The first day of a run with no beginning (an open or unknown start).
NO_START: Final = -(1 << 60)
#: The last day of a run with no end (an open or unknown end).
NO_END: Final = (1 << 60) - 1

# Runs this long, or unbounded, go to the side list every query scans.
_WIDE_LENGTH: Final = 1 << 40
# Real days lie well inside ±2**50; a value beyond is read through relate().
_BIG: Final = 1 << 50
# Bounds of the regions below that do not bound: beyond every day and sentinel.
_INF: Final = 1 << 62
# Above this many (candidate, alternative) pairs, vectorised checks run in chunks.
_CHUNK: Final = 1 << 22


def _frozen(array: npt.NDArray[Any]) -> bool:
    """Whether ``array`` owns its memory and is read-only, so that nothing changes it."""
    return not array.flags.writeable and bool(array.flags.owndata)


def _empty() -> Ints:
    return np.empty(0, dtype=np.int64)


def _expand(starts: Ints, counts: Ints) -> Ints:
    """The concatenation of ``range(s, s + c)`` for each start and count, without a loop."""
    total = int(counts.sum())
    if total == 0:
        return _empty()
    offsets = np.cumsum(counts) - counts
    out: Ints = np.arange(total, dtype=np.int64) + np.repeat(starts - offsets, counts)
    return out


# --------------------------------------------------------------------------------------
# The index.


class Index:
    """Closed runs of days, indexed to find every run that shares a day with a window.

    Immutable once built. Results are arrays of ids (by default the runs'
    positions in the input), sorted ascending. See the module docstring for
    how it works and what it costs.
    """

    __slots__ = (
        "_ascending",
        "_his",
        "_ids",
        "_keys",
        "_lomax",
        "_lomin",
        "_n",
        "_nearest",
        "_one",
        "_pre_left",
        "_pre_right",
        "_wide_his",
        "_wide_ids",
        "_wide_los",
    )

    _n: int
    _keys: Ints
    _his: Ints
    _ids: Ints
    _pre_left: Ints
    _pre_right: Ints
    _lomin: int
    _lomax: int
    _wide_los: Ints
    _wide_his: Ints
    _wide_ids: Ints
    _nearest: tuple[Ints, Ints, Ints, Ints] | None
    _one: tuple[int, int, bool] | None  # one class: its pre_left, pre_right, all runs a day
    _ascending: bool

    def __init__(self) -> None:
        raise TypeError("build an Index with Index.from_bounds()")

    @classmethod
    def from_bounds(
        cls,
        firsts: npt.ArrayLike,
        lasts: npt.ArrayLike,
        ids: npt.ArrayLike | None = None,
    ) -> Index:
        """Index the runs ``[firsts[i], lasts[i]]`` (days, both included) under ``ids[i]``.

        ``firsts`` and ``lasts`` are integer day numbers (rata die), with
        :data:`NO_START` / :data:`NO_END` for an unbounded side; ``ids``
        defaults to ``0 .. n-1``. A :class:`~timeline.ConstraintError` if a
        run ends before it starts or a day lies outside
        ``NO_START .. NO_END``. Sorting is skipped when ``firsts`` is already
        in order.
        """
        los = np.ascontiguousarray(firsts, dtype=np.int64)
        his = np.ascontiguousarray(lasts, dtype=np.int64)
        if los.ndim != 1 or los.shape != his.shape:
            raise ConstraintError(
                f"firsts and lasts must be one-dimensional and of one length, "
                f"not {los.shape!r} and {his.shape!r}"
            )
        n = len(los)
        if ids is None:
            id_arr = np.arange(n, dtype=np.int64)
            id_arr.setflags(write=False)
        else:
            id_arr = np.ascontiguousarray(ids, dtype=np.int64)
            if id_arr.shape != los.shape:
                raise ConstraintError(f"ids must have one id per run, not shape {id_arr.shape!r}")
        if n:
            bad = np.flatnonzero(his < los)
            if len(bad):
                i = int(bad[0])
                raise ConstraintError(
                    f"run {i} ends before it starts: first {int(los[i])}, last {int(his[i])}"
                )
            if int(los.min()) < NO_START or int(his.max()) > NO_END:
                raise ConstraintError("days must lie within NO_START .. NO_END")
        self = object.__new__(cls)
        self._n = n
        self._nearest = None
        wide = (los == NO_START) | (his == NO_END) | (his - los >= _WIDE_LENGTH)
        wide |= (los <= -_BIG) | (his >= _BIG)
        if wide.any():
            self._wide_los = los[wide]
            self._wide_his = his[wide]
            self._wide_ids = id_arr[wide]
            keep = ~wide
            los, his, id_arr = los[keep], his[keep], id_arr[keep]
            his.setflags(write=False)
            id_arr.setflags(write=False)
        else:
            self._wide_los = self._wide_his = self._wide_ids = _empty()
        self._build_narrow(los, his, id_arr)
        return self

    def _build_narrow(self, los: Ints, his: Ints, ids: Ints) -> None:
        """Index the narrow runs; ``his`` and ``ids`` are kept as they are if :func:`_frozen`."""
        self._one, self._ascending = None, False
        if not len(los):
            self._keys = self._his = self._ids = _empty()
            self._pre_left = self._pre_right = _empty()
            self._lomin = self._lomax = 0
            return
        lengths = his - los
        # Length class: 0 for one-day runs, else the bit length of (days - 1).
        classes = np.zeros(len(los), dtype=np.uint8)
        positive = lengths > 0
        if positive.any():
            classes[positive] = np.frexp(lengths[positive].astype(np.float64))[1]
        del positive
        ordered = len(los) < 2 or bool(np.all(los[1:] >= los[:-1]))
        rank: Ints | None = None
        if bool((classes == classes[0]).all()):
            # One class (every run of a day, say): sorted by start, with no rank.
            if not ordered:
                order = np.argsort(los, kind="stable")
                los, his, ids, lengths = los[order], his[order], ids[order], lengths[order]
                del order
            else:  # kept as they are unless a caller may still change them
                his = his if _frozen(his) else his.copy()
                ids = ids if _frozen(ids) else ids.copy()
            starts = np.zeros(1, dtype=np.int64)
            longest = lengths.max(keepdims=True)
        else:
            order = np.argsort(classes, kind="stable") if ordered else np.lexsort((los, classes))
            los, his, ids, lengths, classes = (
                los[order],
                his[order],
                ids[order],
                lengths[order],
                classes[order],
            )
            del order
            starts = np.flatnonzero(np.r_[True, classes[1:] != classes[:-1]])
            longest = np.maximum.reduceat(lengths, starts)
            rank = np.repeat(
                np.arange(len(starts), dtype=np.int64), np.diff(np.r_[starts, len(los)])
            )
        del lengths, classes
        lomin, lomax = int(los.min()), int(los.max())
        margin = int(longest.max()) + 2
        stride = lomax - lomin + 2 * margin + 4
        base = np.arange(len(starts), dtype=np.int64) * stride + margin - lomin
        keys = los - lomin + margin
        if rank is not None:
            keys += rank * stride
        self._keys = keys
        self._his = his
        self._ids = ids
        # A query's keys: the first start that can reach `first`, and one past `last`.
        self._pre_left = base - longest
        self._pre_right = base + 1
        self._lomin, self._lomax = lomin, lomax
        if rank is None and not len(self._wide_los):
            # One class and nothing wide: a query is one slice of the arrays, and when the
            # ids ascend along them (a timeline's positions in date order) so do its answers.
            self._one = (int(self._pre_left[0]), int(self._pre_right[0]), int(longest[0]) == 0)
            self._ascending = len(ids) < 2 or bool(np.all(ids[1:] > ids[:-1]))

    # -- questions ---------------------------------------------------------------------
    def __len__(self) -> int:
        return self._n

    @property
    def nbytes(self) -> int:
        """Bytes held by the index's arrays (not counting the lazily built :meth:`nearest` ones)."""
        arrays = (
            self._keys,
            self._his,
            self._ids,
            self._pre_left,
            self._pre_right,
            self._wide_los,
            self._wide_his,
            self._wide_ids,
        )
        return sum(a.nbytes for a in arrays)

    def overlapping(self, first: int, last: int) -> Ints:
        """Ids of the runs that share at least one day with ``[first, last]``, ascending.

        Both ends are included; pass :data:`NO_START` or :data:`NO_END` for
        an unbounded side. Empty when ``last < first``.
        """
        if last < first:
            return _empty()
        if self._one is not None:
            left, right, days = self._one
            a = min(max(first, self._lomin - 1), self._lomax + 1)
            b = min(max(last, self._lomin - 1), self._lomax + 1)
            start = int(self._keys.searchsorted(left + a))
            end = int(self._keys.searchsorted(right + b))
            if end <= start:
                return _empty()
            if days:  # runs of one day: every run from `first` on reaches it
                one: Ints = self._ids[start:end].copy()
            else:
                one = self._ids[start:end][self._his[start:end] >= first]
            if not self._ascending:
                one.sort()
            return one
        found: list[Ints] = []
        his: list[Ints] = []
        if len(self._keys):
            a = min(max(first, self._lomin - 1), self._lomax + 1)
            b = min(max(last, self._lomin - 1), self._lomax + 1)
            keys = self._keys
            starts: list[int] = keys.searchsorted(self._pre_left + a).tolist()
            ends: list[int] = keys.searchsorted(self._pre_right + b).tolist()
            # A Python loop over the few classes beats building one index array with numpy.
            for start, end in zip(starts, ends, strict=True):
                if end > start:
                    his.append(self._his[start:end])
                    found.append(self._ids[start:end])
        if len(found) == 1:
            out: Ints = found[0][his[0] >= first]
        elif found:
            out = np.concatenate(found)[np.concatenate(his) >= first]
        else:
            out = _empty()
        if len(self._wide_los):
            hit = (self._wide_los <= last) & (self._wide_his >= first)
            out = np.concatenate([out, self._wide_ids[hit]])
        out.sort()
        return out

    def overlapping_batch(self, firsts: npt.ArrayLike, lasts: npt.ArrayLike) -> tuple[Ints, Ints]:
        """Every (query, id) pair whose run shares a day with window ``[firsts[q], lasts[q]]``.

        Returns two arrays of equal length, the query numbers (ascending)
        and the ids, in no particular order within a query. The same
        answers as calling :meth:`overlapping` for each window, in one
        vectorised pass.
        """
        qa = np.ascontiguousarray(firsts, dtype=np.int64)
        qb = np.ascontiguousarray(lasts, dtype=np.int64)
        if qa.shape != qb.shape or qa.ndim != 1:
            raise ConstraintError("firsts and lasts must be one-dimensional and of one length")
        queries: list[Ints] = []
        found: list[Ints] = []
        if len(self._keys) and len(qa):
            classes = len(self._pre_left)
            a = np.clip(qa, self._lomin - 1, self._lomax + 1)
            b = np.clip(qb, self._lomin - 1, self._lomax + 1)
            lo = np.searchsorted(self._keys, (self._pre_left[None, :] + a[:, None]).ravel())
            hi = np.searchsorted(self._keys, (self._pre_right[None, :] + b[:, None]).ravel())
            counts = np.maximum(hi - lo, 0)
            counts[np.repeat(qb < qa, classes)] = 0
            idx = _expand(lo, counts)
            q = np.repeat(np.repeat(np.arange(len(qa), dtype=np.int64), classes), counts)
            keep = self._his[idx] >= qa[q]
            queries.append(q[keep])
            found.append(self._ids[idx[keep]])
        if len(self._wide_los) and len(qa):
            step = max(1, _CHUNK // len(self._wide_los))
            for start in range(0, len(qa), step):
                sa, sb = qa[start : start + step], qb[start : start + step]
                hit = (self._wide_los[None, :] <= sb[:, None]) & (
                    self._wide_his[None, :] >= sa[:, None]
                )
                qi, wi = np.nonzero(hit)
                queries.append(qi.astype(np.int64) + start)
                found.append(self._wide_ids[wi])
        if not queries:
            return _empty(), _empty()
        if len(queries) == 1:
            return queries[0], found[0]
        q_all, id_all = np.concatenate(queries), np.concatenate(found)
        order = np.argsort(q_all, kind="stable")
        return q_all[order], id_all[order]

    def nearest(self, first: int, last: int) -> Ints:
        """Ids of the runs nearest to ``[first, last]``, ascending; empty for an empty index.

        The distance between two runs is the number of days strictly
        between them, 0 when they share a day; every run at the least
        distance is returned (so all the overlapping runs, if any overlap).
        """
        found = self.overlapping(first, last)
        if len(found) or not self._n:
            return found
        if self._nearest is None:
            los = np.concatenate([self._keys_to_los(), self._wide_los])
            his = np.concatenate([self._his, self._wide_his])
            ids = np.concatenate([self._ids, self._wide_ids])
            by_lo, by_hi = np.argsort(los, kind="stable"), np.argsort(his, kind="stable")
            self._nearest = (los[by_lo], ids[by_lo], his[by_hi], ids[by_hi])
        los, lo_ids, his, hi_ids = self._nearest
        best: int | None = None
        parts: list[Ints] = []
        i = int(np.searchsorted(los, last, side="right"))
        if i < len(los):
            start = int(los[i])
            j = int(np.searchsorted(los, start, side="right"))
            best = start - last
            parts.append(lo_ids[i:j])
        k = int(np.searchsorted(his, first, side="left"))
        if k > 0:
            end = int(his[k - 1])
            gap = first - end
            if best is None or gap <= best:
                if best is not None and gap < best:
                    parts.clear()
                parts.append(hi_ids[int(np.searchsorted(his, end, side="left")) : k])
        out = np.concatenate(parts) if parts else _empty()
        return np.unique(out)

    def _keys_to_los(self) -> Ints:
        if not len(self._keys):
            return _empty()
        # Keys are rank * stride + (lo - lomin + margin); pre_right + lomin - 1 is rank's base.
        base = self._pre_right - 1 + self._lomin  # rank * stride + margin
        ranks = np.searchsorted(base, self._keys, side="right") - 1
        return self._keys - base[ranks] + self._lomin

    def __repr__(self) -> str:
        return f"<Index of {self._n} runs>"


# --------------------------------------------------------------------------------------
# What each value allows.


class Test(enum.Enum):
    """What a query asks of an event ``e`` and a value ``x``, as a set of Allen relations.

    ``OVERLAPPING``: e shares time with x (any relation but before, meets,
    met by, after). ``WITHIN``: starts, during, finishes or equals.
    ``CONTAINING``: started by, contains, finished by or equals.
    ``BEFORE``: before or meets. ``AFTER``: after or met by.
    """

    OVERLAPPING = "overlapping"
    WITHIN = "within"
    CONTAINING = "containing"
    BEFORE = "before"
    AFTER = "after"

    @property
    def bits(self) -> int:
        """The relations of e to x that pass, as :attr:`Relations.bits`."""
        return _TEST_BITS[self]

    @property
    def converse(self) -> Test:
        """The test of x to e that passes exactly when this one of e to x does."""
        return _CONVERSE[self]


#: The tests by name, as :class:`~timeline.collection.Timeline`'s queries call them.
TESTS: Final = {test.value: test for test in Test}

_R = _rel.Relation
_TEST_BITS: Final = {
    Test.OVERLAPPING: _rel._ALL_BITS
    & ~((1 << _R.BEFORE) | (1 << _R.MEETS) | (1 << _R.MET_BY) | (1 << _R.AFTER)),
    Test.WITHIN: (1 << _R.STARTS) | (1 << _R.DURING) | (1 << _R.FINISHES) | (1 << _R.EQUALS),
    Test.CONTAINING: (1 << _R.STARTED_BY)
    | (1 << _R.CONTAINS)
    | (1 << _R.FINISHED_BY)
    | (1 << _R.EQUALS),
    Test.BEFORE: (1 << _R.BEFORE) | (1 << _R.MEETS),
    Test.AFTER: (1 << _R.AFTER) | (1 << _R.MET_BY),
}
_CONVERSE: Final = {
    Test.OVERLAPPING: Test.OVERLAPPING,
    Test.WITHIN: Test.CONTAINING,
    Test.CONTAINING: Test.WITHIN,
    Test.BEFORE: Test.AFTER,
    Test.AFTER: Test.BEFORE,
}

# A box bounds a reading's start S and (exclusive) end E: S in [s_lo, s_hi], E in [e_lo, e_hi].
Bound: TypeAlias = "int | Ints"
Box: TypeAlias = tuple[Bound, Bound, Bound, Bound]


def _boxes(test: Test, s2: Bound, e2: Bound) -> tuple[Box, tuple[Box, ...]]:
    """The readings ``[S, E)`` that pass ``test`` against ``[s2, e2)``, and those that fail.

    Each as boxes on (S, E); days are integers, so ``<`` is ``<= - 1``.
    """
    inf = _INF
    if test is Test.OVERLAPPING:  # S < e2 and E > s2
        return (-inf, e2 - 1, s2 + 1, inf), ((-inf, inf, -inf, s2), (e2, inf, -inf, inf))
    if test is Test.WITHIN:  # S >= s2 and E <= e2
        return (s2, inf, -inf, e2), ((-inf, s2 - 1, -inf, inf), (-inf, inf, e2 + 1, inf))
    if test is Test.CONTAINING:  # S <= s2 and E >= e2
        return (-inf, s2, e2, inf), ((s2 + 1, inf, -inf, inf), (-inf, inf, -inf, e2 - 1))
    if test is Test.BEFORE:  # E <= s2
        return (-inf, inf, -inf, s2), ((-inf, inf, s2 + 1, inf),)
    # AFTER: S >= e2
    return (e2, inf, -inf, inf), ((-inf, e2 - 1, -inf, inf),)


def _feasible(rows: Ints, definite: Bools, box: Box) -> Bools:
    """Whether each shape row has a reading inside ``box`` (rows and box broadcast).

    ``rows[..., :]`` is ``(s_lo, s_hi, e_lo, e_hi, len_lo, len_hi)``. A
    definite row is one reading, as :func:`timeline.relate` takes it
    (its length bounds are not consulted). For the others, S and E range
    over their boxes and ``E - S`` over the length bounds: with two
    variables and difference constraints, feasible exactly when both boxes
    are non-empty and the differences they allow meet the length bounds.
    """
    s_lo = np.maximum(rows[..., 0], box[0])
    s_hi = np.minimum(rows[..., 1], box[1])
    e_lo = np.maximum(rows[..., 2], box[2])
    e_hi = np.minimum(rows[..., 3], box[3])
    ok = (s_lo <= s_hi) & (e_lo <= e_hi)
    lengths = (e_hi - s_lo >= rows[..., 4]) & (e_lo - s_hi <= rows[..., 5])
    result: Bools = ok & (definite | lengths)
    return result


def _in_box(s: Ints, e: Ints, box: Box) -> Bools:
    result: Bools = (s >= box[0]) & (s <= box[1]) & (e >= box[2]) & (e <= box[3])
    return result


# How Spans decides a value (its ``kind``):
SIMPLE: Final = 0
"""One definite run of days, its possible span: decided from the two bounds."""
SHAPED: Final = 1
"""Alternatives with finite ends: decided from the shape rows."""
SLOW: Final = 2
"""Instants, vague values with an open or unknown end, oddities: through relate()."""


def _map_day(v: int) -> int | None:
    """A shape's day on the index's scale: relate's sentinels become NO_START / NO_END + 1."""
    if v <= _rel._NEG + 64:
        return v - _rel._NEG + NO_START
    if v >= _rel._POS - 64:
        return v - _rel._POS + NO_END + 1
    if -_BIG < v < _BIG:
        return v
    return None


def _hull(value: w.TimeValue) -> tuple[int, int]:
    lo, hi = value.earliest_day, value.latest_day
    lo = NO_START if lo is None or lo <= -_BIG else lo
    hi = NO_END if hi is None or hi >= _BIG else hi
    return lo, hi


class Spans:
    """The time values of a timeline, as arrays that decide queries exactly.

    ``lo`` and ``hi`` are each value's possible span (first and last day it
    could cover, :data:`NO_START` / :data:`NO_END` where unbounded); ``kind``
    says how a value is decided (:data:`SIMPLE`, :data:`SHAPED` or
    :data:`SLOW`); shaped values keep their
    alternatives as rows of ``(s_lo, s_hi, e_lo, e_hi, len_lo, len_hi)``
    (start and exclusive end ranges and length bounds, in days).
    """

    __slots__ = ("definite", "hi", "kind", "lo", "row_ptr", "rows", "shaped", "simple")

    lo: Ints
    hi: Ints
    kind: npt.NDArray[np.uint8]
    shaped: Ints
    row_ptr: Ints
    rows: Ints
    definite: Bools
    simple: bool
    """True when every value is :data:`SIMPLE`."""

    @classmethod
    def of(cls, values: Sequence[w.TimeValue]) -> Spans:
        """Read every value once: ``O(n)`` Python, cheap for definite days and units."""
        n = len(values)
        los = [0] * n
        his = [0] * n
        kinds = bytearray(n)
        shaped: list[int] = []
        ptr = [0]
        rows: list[tuple[int, ...]] = []
        definite: list[bool] = []
        extent = w.Extent
        for i, value in enumerate(values):
            if type(value) is extent and value.first > -_BIG and value.last < _BIG:
                los[i], his[i] = value.first, value.last
                continue
            lo, hi = _hull(value)
            los[i], his[i] = lo, hi
            kind, mapped = _read(value, lo, hi)
            kinds[i] = kind
            if kind == SHAPED:
                shaped.append(i)
                rows.extend(mapped)
                ptr.append(len(rows))
                definite.extend(r[0] == r[1] and r[2] == r[3] for r in mapped)
                # The hull must hold every alternative (it does; this only makes sure).
                los[i] = min(lo, *(r[0] for r in mapped))
                his[i] = max(hi, *(r[3] - 1 for r in mapped))
        self = object.__new__(cls)
        self.lo = np.array(los, dtype=np.int64)
        self.hi = np.array(his, dtype=np.int64)
        self.lo.setflags(write=False)
        self.hi.setflags(write=False)
        self.kind = np.frombuffer(bytes(kinds), dtype=np.uint8).copy()
        self.shaped = np.array(shaped, dtype=np.int64)
        self.row_ptr = np.array(ptr, dtype=np.int64)
        self.rows = np.array(rows, dtype=np.int64).reshape(-1, 6)
        self.definite = np.array(definite, dtype=np.bool_)
        self.simple = not any(kinds)
        return self

    def take(self, codes: npt.ArrayLike) -> Spans:
        """The spans of ``values[codes[i]]`` for each ``i``, where these spans are of ``values``.

        For a column of values held as codes into a few distinct values (a
        dictionary): read the distinct values once with :meth:`of`, then take.
        """
        at = np.ascontiguousarray(codes, dtype=np.int64)
        out = object.__new__(Spans)
        out.lo = self.lo[at]
        out.hi = self.hi[at]
        out.lo.setflags(write=False)
        out.hi.setflags(write=False)
        out.kind = self.kind[at]
        if self.simple:
            out.shaped = _empty()
            out.row_ptr = np.zeros(1, dtype=np.int64)
            out.rows = np.empty((0, 6), dtype=np.int64)
            out.definite = np.zeros(0, dtype=np.bool_)
            out.simple = True
            return out
        shaped = np.flatnonzero(out.kind == SHAPED)
        j = np.searchsorted(self.shaped, at[shaped])
        start = self.row_ptr[j]
        counts = self.row_ptr[j + 1] - start
        ridx = _expand(start, counts)
        out.shaped = shaped.astype(np.int64)
        out.row_ptr = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(counts)])
        out.rows = self.rows[ridx].reshape(-1, 6)
        out.definite = self.definite[ridx]
        out.simple = not bool(out.kind.any())
        return out

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        return sum(
            a.nbytes for a in (self.lo, self.hi, self.kind, self.shaped, self.row_ptr, self.rows)
        ) + int(self.definite.nbytes)

    # -- deciding ------------------------------------------------------------------------
    def _rows_of(self, positions: Ints) -> tuple[Ints, Ints]:
        """The shape rows of shaped ``positions``: row indices, and how many per position."""
        j = np.searchsorted(self.shaped, positions)
        start = self.row_ptr[j]
        counts = self.row_ptr[j + 1] - start
        return _expand(start, counts), counts

    def _shaped_against(
        self, positions: Ints, s2: Bound, e2: Bound, test: Test
    ) -> tuple[Bools, Bools]:
        """Possible and certain ``test`` of shaped ``positions`` against finite ``[s2, e2)``."""
        ridx, counts = self._rows_of(positions)
        offsets = np.cumsum(counts) - counts
        if not isinstance(s2, int):
            pair = np.repeat(np.arange(len(positions), dtype=np.int64), counts)
            s2, e2 = s2[pair], e2[pair]  # type: ignore[index]
        rows, definite = self.rows[ridx], self.definite[ridx]
        yes, nos = _boxes(test, s2, e2)
        possible = np.logical_or.reduceat(_feasible(rows, definite, yes), offsets)
        failing = np.zeros(len(ridx), dtype=np.bool_)
        for box in nos:
            failing |= _feasible(rows, definite, box)
        certain = ~np.logical_or.reduceat(failing, offsets)
        return possible, certain

    def select(
        self,
        positions: Ints,
        probe: Probe,
        test: Test,
        values: Sequence[w.TimeValue],
        *,
        certain: bool,
    ) -> Ints:
        """The ``positions`` whose values pass ``test``, possibly or certainly: :meth:`decide`."""
        window = probe.window
        if (
            test is Test.OVERLAPPING
            and window is not None
            and window == (probe.lo, probe.hi + 1)
            and (self.simple or not self.kind[positions].any())
        ):
            # Definite values whose possible span shares a day with a definite window: all pass.
            return positions
        possible, sure = self.decide(positions, probe, test, values)
        return positions[sure if certain else possible]

    def decide(
        self,
        positions: Ints,
        probe: Probe,
        test: Test,
        values: Sequence[w.TimeValue],
    ) -> tuple[Bools, Bools]:
        """Does ``test`` hold of ``values[p]`` against the probe, possibly and certainly?

        Exactly as :func:`timeline.relate` says: possibly when some relation
        of ``relate(values[p], probe.value)`` passes, certainly when there is
        at least one and every one passes. Returns two masks over
        ``positions``.
        """
        k = len(positions)
        window = probe.window
        if window is not None and (self.simple or not self.kind[positions].any()):
            # Every candidate is one definite run: one comparison decides both answers.
            yes, _ = _boxes(test, window[0], window[1])
            hit = _in_box(self.lo[positions], self.hi[positions] + 1, yes)
            return hit, hit.copy()
        possible = np.zeros(k, dtype=np.bool_)
        certain = np.zeros(k, dtype=np.bool_)
        done = np.zeros(k, dtype=np.bool_)
        kind = self.kind[positions]
        if window is not None:
            s2, e2 = window
            simple = np.flatnonzero(kind == SIMPLE)
            if len(simple):
                p = positions[simple]
                yes, _ = _boxes(test, s2, e2)
                hit = _in_box(self.lo[p], self.hi[p] + 1, yes)
                possible[simple] = hit
                certain[simple] = hit
                done[simple] = True
            shaped = np.flatnonzero(kind == SHAPED)
            if len(shaped) and probe.finite:
                possible[shaped], certain[shaped] = self._shaped_against(
                    positions[shaped], s2, e2, test
                )
                done[shaped] = True
        elif probe.rows is not None:
            lo, hi = self.lo[positions], self.hi[positions]
            simple = np.flatnonzero((kind == SIMPLE) & (lo > -_BIG) & (hi < _BIG))
            if len(simple):
                # The probe's alternatives against each definite event: the converse test.
                possible[simple], certain[simple] = _rows_against(
                    probe.rows, probe.definite, lo[simple], hi[simple] + 1, test.converse
                )
                done[simple] = True
        yes_bits = test.bits
        for i in np.flatnonzero(~done).tolist():
            bits = _rel.relate(values[int(positions[i])], probe.value).bits
            possible[i] = bool(bits & yes_bits)
            certain[i] = bits != 0 and not bits & ~yes_bits
        return possible, certain

    def decide_windows(
        self,
        positions: Ints,
        s2: Ints,
        e2: Ints,
        test: Test,
        values: Sequence[w.TimeValue],
        window_value: Callable[[int], w.TimeValue],
    ) -> tuple[Bools, Bools]:
        """:meth:`decide` for one finite window ``[s2[i], e2[i])`` per position.

        ``window_value(i)`` is the time value of window ``i``, for the values
        that go through :func:`timeline.relate`.
        """
        k = len(positions)
        possible = np.zeros(k, dtype=np.bool_)
        certain = np.zeros(k, dtype=np.bool_)
        kind = self.kind[positions]
        simple = np.flatnonzero(kind == SIMPLE)
        if len(simple):
            p = positions[simple]
            yes, _ = _boxes(test, s2[simple], e2[simple])
            hit = _in_box(self.lo[p], self.hi[p] + 1, yes)
            possible[simple] = hit
            certain[simple] = hit
        shaped = np.flatnonzero(kind == SHAPED)
        if len(shaped):
            possible[shaped], certain[shaped] = self._shaped_against(
                positions[shaped], s2[shaped], e2[shaped], test
            )
        yes_bits = test.bits
        for i in np.flatnonzero(kind == SLOW).tolist():
            bits = _rel.relate(values[int(positions[i])], window_value(i)).bits
            possible[i] = bool(bits & yes_bits)
            certain[i] = bits != 0 and not bits & ~yes_bits
        return possible, certain

    def shaped_against_simple(self, position: int, others: Ints, test: Test) -> tuple[Bools, Bools]:
        """``test`` of the shaped value at ``position`` against simple finite ``others``."""
        j = int(np.searchsorted(self.shaped, position))
        ridx = np.arange(int(self.row_ptr[j]), int(self.row_ptr[j + 1]), dtype=np.int64)
        return _rows_against(
            self.rows[ridx], self.definite[ridx], self.lo[others], self.hi[others] + 1, test
        )

    def covered(self, positions: Ints, values: Sequence[w.TimeValue]) -> tuple[Ints, Ints]:
        """Runs ``[first, last]`` of days that the values at ``positions`` possibly cover.

        A day is covered when :func:`timeline.relate` says the value possibly
        shares time with it. Unbounded sides come back as :data:`NO_START` /
        :data:`NO_END`.
        """
        kind = self.kind[positions]
        simple = positions[kind == SIMPLE]
        firsts = [self.lo[simple]]
        lasts = [self.hi[simple]]
        shaped = positions[kind == SHAPED]
        if len(shaped):
            ridx, _ = self._rows_of(shaped)
            rows, definite = self.rows[ridx], self.definite[ridx]
            s_min = np.where(definite, rows[:, 0], np.maximum(rows[:, 0], rows[:, 2] - rows[:, 5]))
            e_max = np.where(definite, rows[:, 3], np.minimum(rows[:, 3], rows[:, 1] + rows[:, 5]))
            ok = definite | (
                (rows[:, 3] - rows[:, 0] >= np.maximum(rows[:, 4], 1))
                & (rows[:, 2] - rows[:, 1] <= rows[:, 5])
            )
            firsts.append(s_min[ok])
            lasts.append(e_max[ok] - 1)
        extra = [_covered_runs(values[p]) for p in positions[kind == SLOW].tolist()]
        runs = [r for runs in extra for r in runs]
        if runs:
            firsts.append(np.array([a for a, _ in runs], dtype=np.int64))
            lasts.append(np.array([b for _, b in runs], dtype=np.int64))
        return np.concatenate(firsts), np.concatenate(lasts)


def _rows_against(
    rows: Ints, definite: Bools, s2: Ints, e2: Ints, test: Test
) -> tuple[Bools, Bools]:
    """Possible and certain ``test`` of one value's shape ``rows`` against each ``[s2, e2)``."""
    k = len(s2)
    possible = np.zeros(k, dtype=np.bool_)
    certain = np.zeros(k, dtype=np.bool_)
    step = max(1, _CHUNK // max(1, len(rows)))
    r, d = rows[None, :, :], definite[None, :]
    for start in range(0, k, step):
        a, b = s2[start : start + step, None], e2[start : start + step, None]
        yes, nos = _boxes(test, a, b)
        possible[start : start + step] = _feasible(r, d, yes).any(axis=1)
        failing = np.zeros((len(a), len(rows)), dtype=np.bool_)
        for box in nos:
            failing |= _feasible(r, d, box)
        certain[start : start + step] = ~failing.any(axis=1)
    return possible, certain


def _read(value: w.TimeValue, lo: int, hi: int) -> tuple[int, list[tuple[int, ...]]]:
    """How to decide ``value``, and its shape rows on the index's scale when shaped."""
    if isinstance(value, w.Instant):
        return SLOW, []
    if _rel._has_instant(value):
        return SLOW, []  # relate() compares these in microseconds, not days
    try:
        shapes = _rel._shapes(value)
    except ValueError:
        # relate() cannot read it either (it raises the same error for every query that
        # reaches this value); the other values stay queryable.
        return SLOW, []
    mapped: list[tuple[int, ...]] = []
    finite = True
    for s_lo, s_hi, e_lo, e_hi, l_lo, l_hi in shapes:
        days = [_map_day(v) for v in (s_lo, s_hi, e_lo, e_hi)]
        if any(d is None for d in days):
            return SLOW, []
        a, b, c, d = (int(x) for x in days)  # type: ignore[arg-type]
        length_hi = _INF if l_hi >= _rel._POS else l_hi
        mapped.append((a, b, c, d, max(l_lo, 1), length_hi))
        finite = finite and all(-_BIG < x < _BIG for x in (a, b, c, d))
    if len(mapped) == 1:
        a, b, c, d = mapped[0][:4]
        if a == b == lo and c == d == hi + 1:
            return SIMPLE, []
    if not finite or not mapped:
        return SLOW, []
    return SHAPED, mapped


def _covered_runs(value: w.TimeValue) -> list[tuple[int, int]]:
    """Days a value that goes through relate() possibly covers, as runs (any scale of int)."""
    if isinstance(value, w.Instant):
        return [(value.earliest_day, value.latest_day)]
    if isinstance(value, w.OneOf) and _rel._has_instant(value):
        return [run for item in value.items for run in _covered_runs(item)]
    if isinstance(value, w.AllOf) and _rel._has_instant(value):
        lo, hi = value.earliest_day, value.latest_day
        return [(NO_START if lo is None else lo, NO_END if hi is None else hi)]
    out = []
    for shape in _rel._shapes(value):
        readings = _rel._readings(shape)
        if readings is None:
            continue  # no reading at all: relate() finds no relation with any day
        first, _, _, end = readings
        out.append((max(first, NO_START), min(end - 1, NO_END)))
    return out


class Probe:
    """A query's value, read once: its possible span and, where it has one, its window.

    ``window`` is ``(start, end)`` (end exclusive, on the index's scale) when
    the value is one definite run of days; ``finite`` says both ends are
    days. ``rows`` are its alternatives when it is vague with finite ends.
    """

    __slots__ = ("definite", "finite", "hi", "lo", "rows", "value", "window")

    def __init__(self, value: w.TimeValue) -> None:
        self.value = value
        self.lo, self.hi = _hull(value)
        self.window: tuple[int, int] | None = None
        self.finite = False
        self.rows: Ints | None = None
        self.definite: Bools = np.zeros(0, dtype=np.bool_)
        if isinstance(value, w.Instant):
            return
        if type(value) is w.Extent:
            if value.first > -_BIG and value.last < _BIG:
                self.window = (value.first, value.last + 1)
                self.finite = True
            return
        if type(value) is w.Period and type(value.start) is type(value.end) is w.Extent:
            # From the first day of one unit through the last day of another: one run.
            first, last = value.start.first, value.end.last
            if first > -_BIG and last < _BIG:
                self.window = (first, last + 1)
                self.finite = True
            return
        kind, rows = _read(value, self.lo, self.hi)
        if kind == SIMPLE:
            self.window = (self.lo, self.hi + 1)
            self.finite = self.lo > -_BIG and self.hi < _BIG
        elif kind == SHAPED:
            if len(rows) == 1 and rows[0][0] == rows[0][1] and rows[0][2] == rows[0][3]:
                self.window = (rows[0][0], rows[0][2])
                self.finite = True
            else:
                self.rows = np.array(rows, dtype=np.int64)
                self.definite = (self.rows[:, 0] == self.rows[:, 1]) & (
                    self.rows[:, 2] == self.rows[:, 3]
                )


# --------------------------------------------------------------------------------------
# Definite relations, vectorised.


def definite_relations(s1: Ints, e1: Ints, s2: Ints, e2: Ints) -> npt.NDArray[np.uint16]:
    """Relation bits of ``[s1, e1)`` to ``[s2, e2)`` (arrays that broadcast), as relate()."""
    same_s, same_e = s1 == s2, e1 == e2
    rel = np.select(
        [
            e1 < s2,
            e1 == s2,
            e2 < s1,
            e2 == s1,
            same_s & same_e,
            same_s & (e1 < e2),
            same_s,
            same_e & (s1 > s2),
            same_e,
            (s1 < s2) & (e1 < e2),
            s1 < s2,
            e1 < e2,
        ],
        [0, 1, 12, 11, 6, 3, 9, 5, 7, 2, 8, 4],
        default=10,
    )
    bits: npt.NDArray[np.uint16] = np.left_shift(1, rel).astype(np.uint16)
    return bits
