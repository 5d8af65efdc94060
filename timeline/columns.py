"""Time values by the column: :func:`parse_many` reads many date texts at once.

A column of a million dates is mostly plain ISO days, months and years
(``2017-09-28``, ``2017-09``, ``2017``). Those are validated and turned
into day numbers with array arithmetic (numpy), and the rest go through
:func:`timeline.parse` one by one, so the results are always those of
``parse``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from timeline.errors import ParseError
from timeline.when import Extent, Precision, TimeValue, _ExtentDraft

__all__ = ["parse_many"]

# Days before the first of each month in a common year.
_BEFORE: Final = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_LENGTHS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Errors named in a ParseError beside the first.
_SHOWN: Final = 5


def parse_many(texts: Iterable[object], **options: Any) -> list[TimeValue]:
    """The time value of each of ``texts``, in order: ``[parse(s, **options) for s in texts]``.

    Texts that are exactly a plain ISO day, month or year of the years
    1–9999 (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ASCII digits, nothing
    around them) are read in bulk; every other value, text or not, goes to
    :func:`timeline.parse` with ``options`` (``anchor=``, ``fiscal=``,
    ``tz=``...), which do not change what a plain date means. Equal texts
    of the plain forms give one shared (immutable) value.

    Raises :class:`~timeline.ParseError` when any value cannot be read: that
    of the first such value, its message naming the index of the value in
    ``texts`` and the indices of the next few bad ones.
    """
    import numpy as np

    items = list(texts)
    out: list[TimeValue | None] = [None] * len(items)
    plain = [i for i, s in enumerate(items) if type(s) is str and len(s) in (4, 7, 10)]
    if plain:
        chosen = [items[i] for i in plain]
        lengths = np.fromiter(map(len, chosen), dtype=np.int64, count=len(chosen))  # type: ignore[arg-type]
        chars = np.array(chosen, dtype="<U10").view(np.uint32)
        codes = chars.reshape(len(plain), 10)
        # Column by column: ten strided passes over int32 beat one pass over a 2-D copy.
        value = [codes[:, k].astype(np.int32) - 48 for k in range(10)]
        digit = [(v >= 0) & (v <= 9) for v in value]
        has_month = value[4] == 45 - 48
        has_day = has_month & (value[7] == 45 - 48)
        ok = digit[0] & digit[1] & digit[2] & digit[3]
        ok &= ~has_month | (digit[5] & digit[6])
        ok &= ~has_day | (digit[8] & digit[9])
        # The form must fill the text exactly ("2017-09" is no year with more after it).
        ok &= lengths == np.where(has_day, 10, np.where(has_month, 7, 4))
        year = (value[0] * 1000 + value[1] * 100 + value[2] * 10 + value[3]).astype(np.int64)
        month = np.where(has_month, value[5] * 10 + value[6], 1)
        day = np.where(has_day, value[8] * 10 + value[9], 1)
        leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
        ok &= (year >= 1) & (month >= 1) & (month <= 12)
        m0 = np.clip(month - 1, 0, 11)
        in_month = np.asarray(_LENGTHS, dtype=np.int64)[m0] + (leap & (m0 == 1))
        ok &= (day >= 1) & (day <= in_month)
        y0 = year - 1
        first = (
            365 * y0
            + y0 // 4
            - y0 // 100
            + y0 // 400
            + np.asarray(_BEFORE, dtype=np.int64)[m0]
            + (leap & (m0 >= 2))
            + day
        )
        last = np.where(
            has_day, first, np.where(has_month, first + in_month - 1, first + 364 + leap)
        )
        units = (Precision.YEAR, Precision.MONTH, Precision.DAY)
        unit_of = np.where(has_day, 2, np.where(has_month, 1, 0)).tolist()
        firsts, lasts, oks = first.tolist(), last.tolist(), ok.tolist()
        made: dict[str, TimeValue] = {}
        draft_class = _ExtentDraft
        for j, i in enumerate(plain):
            if not oks[j]:
                continue
            text: str = items[i]  # type: ignore[assignment]
            found = made.get(text)
            if found is None:
                # Extent._trusted, inlined as parse() does: plain stores into a draft.
                draft: Any = draft_class()
                draft.label = text
                draft.first = firsts[j]
                draft.last = lasts[j]
                draft.unit = units[unit_of[j]]
                draft.qualifiers = ()
                draft.__class__ = Extent
                found = made[text] = draft
            out[i] = found
    others = [i for i, found in enumerate(out) if found is None]
    from timeline.parse import parse

    bad: list[tuple[int, ParseError]] = []
    for i in others:
        try:
            out[i] = parse(items[i], **options)  # type: ignore[arg-type]
        except ParseError as error:
            bad.append((i, error))
    if bad:
        i, first_bad = bad[0]
        more = ", ".join(str(k) for k, _ in bad[1 : 1 + _SHOWN])
        if len(bad) > 1 + _SHOWN:
            more += ", ..."
        where = f"texts[{i}]" + (f"; {len(bad) - 1} more, at {more}" if more else "")
        raise ParseError(first_bad.text, f"{first_bad.reason} ({where})") from first_bad
    return out  # type: ignore[return-value]
