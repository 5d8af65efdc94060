"""A constraint network of Allen relations over labelled items, tightened by path consistency.

Start from what the dates allow (:func:`timeline.relate` for every pair),
add what sources assert when dates alone cannot tell ("the ruling came after
the order"), and let Allen's path-consistency algorithm tighten every pair
through every third item with the composition table. What is left for each
pair is a set of relations that no chain of known facts rules out.

Path consistency is *sound*: it never removes a relation that some
consistent choice of intervals allows. (For the full interval algebra it is
not complete: a network it accepts can, rarely, still have no solution.)

The closure runs on a numpy matrix of 13-bit relation sets, one sweep of
vectorised compositions per item, so hundreds of items close in seconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from timeline.errors import ConstraintError, TimelineError
from timeline.relations import _ALL_BITS, _COMPOSITION, Relation, Relations, relate

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["Assertion", "InconsistentError", "Network"]

_BEFORE_START: Final = (
    (1 << Relation.BEFORE)
    | (1 << Relation.MEETS)
    | (1 << Relation.OVERLAPS)
    | (1 << Relation.FINISHED_BY)
    | (1 << Relation.CONTAINS)
)


class InconsistentError(TimelineError, ValueError):
    """The dates and the asserted relations cannot all hold.

    ``chain`` lists the steps ``(a, relations, b, why)`` that together leave
    no possible relation; ``str(error)`` spells them out.
    """

    def __init__(self, chain: Sequence[tuple[str, Relations, str, str]], pair: tuple[str, str]):
        self.chain = list(chain)
        self.pair = pair
        steps = "; ".join(f"{a} {rel.phrase} {b} ({why})" for a, rel, b, why in self.chain)
        super().__init__(
            f"no relation between {pair[0]} and {pair[1]} is left: these cannot all hold: {steps}"
        )


@attrs.frozen
class Assertion:
    """A relation a source asserts between two items: ``a`` is in ``relations`` to ``b``."""

    a: str
    relations: Relations
    b: str
    why: str = "asserted"


def _composition_rows() -> npt.NDArray[np.uint16]:
    """``rows[r1, set2]``: the bits a–c can have when a r1 b and b–c is in ``set2``."""
    import numpy as np

    table = np.array(_COMPOSITION, dtype=np.uint16)
    sets = np.arange(_ALL_BITS + 1, dtype=np.uint32)
    rows = np.zeros((13, _ALL_BITS + 1), dtype=np.uint16)
    for r2 in range(13):
        has = ((sets >> r2) & 1).astype(bool)
        rows |= np.where(has[None, :], table[:, r2][:, None], 0).astype(np.uint16)
    return rows


_ROWS: list[npt.NDArray[np.uint16]] = []


class Network:
    """Items with the relations still possible between every pair, closed under path consistency.

    Build one with :meth:`from_values` (or :meth:`build` for precomputed
    relation sets). Then ask :meth:`relations`, :meth:`certain_pairs`,
    :meth:`ambiguous_pairs` and :meth:`linear_order`.
    """

    def __init__(self, labels: Sequence[str], matrix: npt.NDArray[np.uint16]) -> None:
        self._labels = tuple(labels)
        self._index = {label: i for i, label in enumerate(self._labels)}
        self._m = matrix
        self._m.setflags(write=False)

    @classmethod
    def from_values(
        cls,
        values: Mapping[str, object],
        assertions: Iterable[Assertion | tuple[str, Relations | Relation, str]] = (),
    ) -> Network:
        """Relate every pair of ``values`` by their dates, add ``assertions``, and close.

        ``values`` maps each label to a time value (or anything with a
        ``.when``). Raises :class:`InconsistentError` naming the chain of
        items and relations when they contradict each other.
        """
        import numpy as np

        labels = list(values)
        items = [values[k] for k in labels]
        n = len(labels)
        m = np.full((n, n), _ALL_BITS, dtype=np.uint16)
        for i in range(n):
            m[i, i] = 1 << Relation.EQUALS
            for j in range(i + 1, n):
                rel = relate(items[i], items[j])
                m[i, j] = rel.bits
                m[j, i] = rel.converse().bits
        return cls._close(labels, m, assertions, from_dates=True)

    @classmethod
    def build(
        cls,
        labels: Sequence[str],
        assertions: Iterable[Assertion | tuple[str, Relations | Relation, str]] = (),
    ) -> Network:
        """A network over ``labels`` knowing only ``assertions``, closed."""
        import numpy as np

        n = len(labels)
        m = np.full((n, n), _ALL_BITS, dtype=np.uint16)
        np.fill_diagonal(m, 1 << Relation.EQUALS)
        return cls._close(list(labels), m, assertions, from_dates=False)

    @classmethod
    def _close(
        cls,
        labels: list[str],
        m: npt.NDArray[np.uint16],
        assertions: Iterable[Assertion | tuple[str, Relations | Relation, str]],
        *,
        from_dates: bool,
    ) -> Network:
        import numpy as np

        if len(set(labels)) != len(labels):
            raise ConstraintError("network labels must be unique")
        index = {label: i for i, label in enumerate(labels)}
        n = len(labels)
        why: dict[tuple[int, int], str] = {}
        origin = "dates" if from_dates else "unknown"
        for raw in assertions:
            a = raw if isinstance(raw, Assertion) else Assertion(raw[0], _as_set(raw[1]), raw[2])
            for label in (a.a, a.b):
                if label not in index:
                    raise ConstraintError(f"assertion names unknown item {label!r}")
            i, j = index[a.a], index[a.b]
            before = Relations(int(m[i, j]))
            after = before & a.relations
            if not after:
                chain = [
                    (a.a, before, a.b, origin),
                    (a.a, a.relations, a.b, a.why),
                ]
                raise InconsistentError(chain, (a.a, a.b))
            m[i, j] = after.bits
            m[j, i] = after.converse().bits
            why[(i, j)] = a.why
            why[(j, i)] = a.why
        via = np.full((n, n), -1, dtype=np.int32)
        original = m.copy()
        if not _ROWS:
            _ROWS.append(_composition_rows())
        rows = _ROWS[0]
        conv = np.array(
            [Relations(b).converse().bits for b in range(_ALL_BITS + 1)], dtype=np.uint16
        )
        changed = True
        while changed:
            changed = False
            for k in range(n):
                col = m[:, k]
                row = m[k, :]
                comp = np.zeros((n, n), dtype=np.uint16)
                for r1 in range(13):
                    has = ((col >> r1) & 1).astype(bool)
                    if not has.any():
                        continue
                    comp[has, :] |= rows[r1][row][None, :]
                tightened = m & comp
                diff = tightened != m
                if diff.any():
                    changed = True
                    via[diff] = k
                    m[:] = tightened
                    # Keep the matrix symmetric under converse.
                    m[:] = m & conv[m.T]
                    empty = np.argwhere(m == 0)
                    if len(empty):
                        i, j = (int(x) for x in empty[0])
                        chain = _explain(labels, original, via, why, origin, i, j)
                        raise InconsistentError(chain, (labels[i], labels[j]))
        return cls(labels, m)

    # -- questions -------------------------------------------------------------------------
    @property
    def labels(self) -> tuple[str, ...]:
        """The items, in the order given."""
        return self._labels

    def relations(self, a: str, b: str) -> Relations:
        """The relations of ``a`` to ``b`` still possible."""
        try:
            return Relations(int(self._m[self._index[a], self._index[b]]))
        except KeyError as error:
            raise ConstraintError(f"no item {error.args[0]!r} in the network") from None

    def certain_pairs(self) -> list[tuple[str, Relation, str]]:
        """Every pair ``(a, relation, b)`` whose relation is certain, ``a`` first by label order."""
        out = []
        for i, a in enumerate(self._labels):
            for j in range(i + 1, len(self._labels)):
                certain = Relations(int(self._m[i, j])).certain
                if certain is not None:
                    out.append((a, certain, self._labels[j]))
        return out

    def ambiguous_pairs(self) -> list[tuple[str, Relations, str]]:
        """Every pair ``(a, relations, b)`` with more than one relation still possible."""
        out = []
        for i, a in enumerate(self._labels):
            for j in range(i + 1, len(self._labels)):
                rel = Relations(int(self._m[i, j]))
                if rel.certain is None:
                    out.append((a, rel, self._labels[j]))
        return out

    def linear_order(self) -> list[str]:
        """The items in an order consistent with every certain fact about their starts.

        Whenever ``a`` certainly starts before ``b`` starts (before, meets,
        overlaps, finished by, contains), ``a`` comes first; items with no
        such fact between them keep their given order.
        """
        import heapq

        n = len(self._labels)
        succ: list[list[int]] = [[] for _ in range(n)]
        indegree = [0] * n
        for i in range(n):
            for j in range(n):
                bits = int(self._m[i, j])
                if i != j and bits and not bits & ~_BEFORE_START:
                    succ[i].append(j)
                    indegree[j] += 1
        ready = [i for i in range(n) if indegree[i] == 0]
        heapq.heapify(ready)
        order = []
        while ready:
            i = heapq.heappop(ready)
            order.append(self._labels[i])
            for j in succ[i]:
                indegree[j] -= 1
                if indegree[j] == 0:
                    heapq.heappush(ready, j)
        return order

    def __len__(self) -> int:
        return len(self._labels)

    def __repr__(self) -> str:
        return f"<Network of {len(self)} items, {len(self.ambiguous_pairs())} ambiguous pairs>"


def _as_set(value: Relations | Relation) -> Relations:
    return value if isinstance(value, Relations) else Relations.of(value)


def _explain(
    labels: Sequence[str],
    m: npt.NDArray[np.uint16],
    via: npt.NDArray[np.int32],
    why: Mapping[tuple[int, int], str],
    origin: str,
    i: int,
    j: int,
) -> list[tuple[str, Relations, str, str]]:
    """The chain of original facts that emptied ``(i, j)``, following ``via`` links.

    ``m`` is the matrix before closure, so each step names a fact as given.
    """
    out: list[tuple[str, Relations, str, str]] = []
    seen: set[tuple[int, int]] = set()

    def walk(a: int, b: int, depth: int) -> None:
        k = int(via[a, b])
        if k < 0 or (a, b) in seen or depth > 8 or k in (a, b):
            fact = Relations(int(m[a, b]))
            out.append((labels[a], fact, labels[b], why.get((a, b), origin)))
            return
        seen.add((a, b))
        walk(a, k, depth + 1)
        walk(k, b, depth + 1)

    k = int(via[i, j])
    out.append((labels[i], Relations(int(m[i, j])), labels[j], why.get((i, j), origin)))
    if k >= 0:
        walk(i, k, 1)
        walk(k, j, 1)
    return out
