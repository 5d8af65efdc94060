"""read_plain and parse_many: plain ISO dates read in bulk, always what parse says of each."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline._plain import PlainDays, _codes, parse_many, read_plain
from timeline.calendar import FiscalCalendar
from timeline.when import Extent, Precision

pa = pytest.importorskip("pyarrow")
pa.array(["2017"])  # pyarrow's first conversion imports pandas: not inside a timed example

# The last day pendulum.Date (and read_plain) can hold: 9999-12-31.
MAX_RD = 3652059
PLAIN_UNITS = (Precision.YEAR, Precision.MONTH, Precision.DAY)

PLAIN = st.builds(
    lambda y, m, d, form: form.format(y=y, m=m, d=d),
    st.integers(0, 9999),
    # Mostly real months and days, and every other two digits too.
    st.one_of(st.integers(0, 13), st.integers(0, 99)),
    st.one_of(st.integers(0, 32), st.integers(0, 99)),
    st.sampled_from(["{y:04d}-{m:02d}-{d:02d}", "{y:04d}-{m:02d}", "{y:04d}"]),
)
OTHER = st.sampled_from(
    ["on(2017)", "FY2018", "2017-01-XX", "2017~", "2017-09-24/2017-09-27", "201X", "2017-W05"]
)
NEAR = st.sampled_from(
    [
        "2017-0928",
        "201709-28",
        "2017-09-2x",
        "2017\x00\x00\x00",
        "2017\x00\x00\x00\x00\x00\x00",
        " 2017",
        "2017 ",
        "２０１７",
        "2017-02-29",
        "1900-02-29",
        "2000-02-29",
        "0000",
        "0000-01",
        "0000-01-01",
        "10000",
        "Y10000",
        "-0001",
        "2017-9",
        "2017-09-1",
        "20170928",
        "2017/09/28",
        "2017-09-28T",
        "2017-09-28\n",
        "2017-1",
        "2017-13",
        "2017-20",
        "2017-21",
        "2017-21-05",
        "2017-41",
        "2017-99",
        "2017-00",
        "2017-12-32",
        "2017-04-31",
        "2017-09-00",
        "201:-09-28",
        "2017-0?-28",
        "2017-09-2?",
        "2017.09.28",
        "2017‐09‐28",
        "2017-09-٢٨",
        "2017-\xad9-28",
        "20\u00b917",
        "201\u00e9",
        "9999-12-31",
        "0001-01-01",
        "9999",
        "0001",
    ]
)
# Texts of the plain lengths made of the characters a plain form is made of and their
# neighbours, in ASCII and beyond: most are near misses, some are plain.
SHAPED = st.text(
    alphabet="0123456789-0123456789-/:;?,. X\x00\x7f\xad\u2010\uff10", min_size=3, max_size=11
)
TEXTS = st.one_of(PLAIN, NEAR, OTHER, SHAPED, st.text(max_size=12))
VALUES = st.one_of(TEXTS, st.none())
TYPES = st.sampled_from(
    ["string", "large_string"] + (["string_view"] if hasattr(pa, "string_view") else [])
)


def expected(value: object) -> tuple[int, int, int] | None:
    """What read_plain must say of ``value``, judged by parse alone: (first, last, unit) or None.

    Plain means: parse reads the text as a calendar year, month or day of the years 1–9999
    whose canonical text is the text itself (so nothing around it, no qualifier, no other
    spelling).
    """
    if type(value) is not str:
        return None
    try:
        found = timeline.parse(value)
    except timeline.ParseError:
        return None
    if not (
        type(found) is Extent
        and found.label == value
        and found.unit in PLAIN_UNITS
        and 1 <= found.first <= found.last <= MAX_RD
    ):
        return None
    # The calendar's own year, month or day (FY2018 is a year too, but not a calendar year).
    day = date.fromordinal(found.first)
    calendar = {
        Precision.YEAR: lambda: Extent.year(day.year),
        Precision.MONTH: lambda: Extent.month(day.year, day.month),
        Precision.DAY: lambda: Extent.day(day.year, day.month, day.day),
    }[found.unit]()
    if found != calendar:
        return None
    return (found.first, found.last, int(found.unit))


def check(days: PlainDays, values: list[Any]) -> None:
    """``days`` is what read_plain must say of ``values``, value by value."""
    n = len(values)
    assert len(days) == n
    for name, dtype in (("first", np.int64), ("last", np.int64), ("unit", np.uint8)):
        column = getattr(days, name)
        assert column.dtype == dtype, name
        assert column.shape == (n,), name
        assert not column.flags.writeable, name
    assert days.ok.dtype == np.bool_
    assert days.ok.shape == (n,)
    for i, value in enumerate(values):
        want = expected(value)
        assert bool(days.ok[i]) == (want is not None), (i, value)
        got = (int(days.first[i]), int(days.last[i]), int(days.unit[i]))
        assert got == (want or (0, 0, 0)), (i, value)


# -- the oracle itself ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("2017-09-28", True),
        ("2017-09", True),
        ("2017", True),
        ("0001-01-01", True),
        ("9999-12-31", True),
        ("0000", False),
        ("0000-01-01", False),
        ("Y10000", False),
        ("-0001", False),
        (" 2017", False),
        ("2017?", False),
        ("2017-W05", False),
        ("FY2018", False),
        ("２０１７", False),
        ("2017-02-29", False),
        (None, False),
        (b"2017", False),
    ],
)
def test_expected_says_what_plain_is(text: object, plain: bool) -> None:
    assert (expected(text) is not None) == plain


# -- read_plain on Arrow arrays ------------------------------------------------------------


@given(st.lists(VALUES, max_size=40), TYPES, st.data())
def test_read_plain_on_arrow_is_parse(values: list[str | None], kind: str, data: Any) -> None:
    array = pa.array(values, type=getattr(pa, kind)())
    check(read_plain(array), values)
    start = data.draw(st.integers(0, len(values)), label="start")
    stop = data.draw(st.integers(start, len(values)), label="stop")
    check(read_plain(array.slice(start, stop - start)), values[start:stop])


@given(st.lists(VALUES, max_size=40), TYPES, st.data())
def test_read_plain_on_chunked_arrays_is_parse(
    values: list[str | None], kind: str, data: Any
) -> None:
    whole = pa.array(values, type=getattr(pa, kind)())
    cuts = sorted(data.draw(st.lists(st.integers(0, len(values)), max_size=5), label="cuts"))
    bounds = [0, *cuts, len(values)]
    # Chunks that are slices of one array (shared buffers, offsets) or arrays of their own.
    own = data.draw(st.booleans(), label="own buffers")
    chunks = [
        pa.array(values[a:b], type=whole.type) if own else whole.slice(a, b - a)
        for a, b in itertools.pairwise(bounds)
    ]
    check(read_plain(pa.chunked_array(chunks, type=whole.type)), values)


@given(st.lists(VALUES, max_size=40))
def test_read_plain_on_dictionary_arrays_is_parse(values: list[str | None]) -> None:
    array = pa.array(values, type=pa.string()).dictionary_encode()
    check(read_plain(array), values)
    both = pa.chunked_array([array, array.slice(1)], type=array.type)
    check(read_plain(both), values + values[1:])


def test_a_null_over_plain_bytes_is_not_plain() -> None:
    # Slot 0 is null though its offsets span the bytes of a plain year; slot 1 is "2018".
    offsets = np.array([0, 4, 8], dtype=np.int32)
    array = pa.Array.from_buffers(
        pa.string(),
        2,
        [pa.py_buffer(bytes([0b10])), pa.py_buffer(offsets.tobytes()), pa.py_buffer(b"20172018")],
        null_count=1,
    )
    array.validate(full=True)
    assert array.to_pylist() == [None, "2018"]
    assert read_plain(array).ok.tolist() == [False, True]
    assert read_plain(array.slice(1)).first.tolist() == [timeline.parse("2018").first]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "texts",
    [
        ["2017"],
        ["2017-09"],
        ["2017-09-28"],
        ["2017-09-28", "2017"],
        ["2017", "2017-09"],
        ["2017-09", "2017", "2017"],
        ["x", "2017-09-28", "1", "2017"],
        ["2017-09-28", "", "", ""],
    ],
)
def test_values_at_the_very_end_of_the_data_buffer(texts: list[str]) -> None:
    """The bytes read from a value's start run past the end of the data: read as if padded."""
    data = "".join(texts).encode()
    offsets = np.cumsum([0, *map(len, texts)])
    for kind, dtype in (("string", np.int32), ("large_string", np.int64)):
        array = pa.Array.from_buffers(
            getattr(pa, kind)(),
            len(texts),
            [None, pa.py_buffer(offsets.astype(dtype).tobytes()), pa.py_buffer(data)],
        )
        array.validate(full=True)
        assert array.buffers()[2].size == len(data)
        check(read_plain(array), list(texts))


def test_empty_and_all_null_arrays() -> None:
    for array in (
        pa.array([], type=pa.string()),
        pa.array([None, None], type=pa.large_string()),
        pa.array(["", ""], type=pa.string()),
        pa.nulls(3),
        pa.chunked_array([], type=pa.string()),
    ):
        days = read_plain(array)
        assert len(days) == len(array)
        assert not days.ok.any()


def test_other_arrow_types_are_refused() -> None:
    with pytest.raises(TypeError, match="int64"):
        read_plain(pa.array([2017]))
    with pytest.raises(TypeError, match="binary"):
        read_plain(pa.array([b"2017"]))


def test_a_million_days_read_from_arrow() -> None:
    rng = np.random.default_rng(7)
    lo, hi = np.datetime64("1990-01-01", "D"), np.datetime64("2031-01-01", "D")
    days = rng.integers(lo.astype(np.int64), hi.astype(np.int64), 1_000_000)
    texts = np.datetime_as_string(days.astype("datetime64[D]"))
    read = read_plain(pa.array(texts.tolist()))
    assert read.ok.all()
    assert (read.unit == Precision.DAY).all()
    # 1970-01-01 is rata die 719163.
    assert (read.first == days + 719163).all()
    assert (read.last == read.first).all()


# -- read_plain on Python sequences --------------------------------------------------------


class Text(str):
    __slots__ = ()


@given(
    st.lists(
        st.one_of(VALUES, st.integers(), st.binary(max_size=10), st.just(b"2017-09-28")),
        max_size=40,
    )
)
def test_read_plain_on_python_lists_is_parse(values: list[object]) -> None:
    check(read_plain(values), values)
    check(read_plain(tuple(values)), values)


@pytest.mark.parametrize(
    ("values", "plain"),
    [
        ([], []),
        (["2017\ud800", "2017", "\udfff", "\ud800017"], [False, True, False, False]),
        (["２０１７", "2017-09-28", "2017-09-٢٨"], [False, True, False]),
        ([Text("2017"), "2017"], [False, True]),
        ([None, 2017, "2017"], [False, False, True]),
        ([b"2017", bytearray(b"2017"), "2017"], [False, False, True]),
        # Line breaks inside the texts.
        (["2017\n", "2017", "a\nb", "\n2018", "2018-01"], [False, True, False, False, True]),
        (["\n", "\n"], [False, False]),
    ],
)
def test_read_plain_on_odd_python_values(values: list[object], plain: list[bool]) -> None:
    """Only ``str`` itself is read (a subclass goes to parse); a lone surrogate is not plain."""
    check(read_plain(values), values)
    assert read_plain(values).ok.tolist() == plain


def test_read_plain_takes_any_iterable() -> None:
    assert read_plain(iter(["2017", "x"])).ok.tolist() == [True, False]


# -- the distinct keys ---------------------------------------------------------------------


@given(
    st.one_of(
        st.lists(st.integers(0, 50), max_size=60),
        st.lists(st.integers(0, 2**40), max_size=60),
        st.lists(st.integers(10**9, 10**9 + 5), max_size=60),
    )
)
def test_codes_name_the_distinct_keys(keys: list[int]) -> None:
    codes, distinct = _codes(np.array(keys, dtype=np.int64))
    assert distinct.tolist() == sorted(set(keys))
    assert distinct[codes].tolist() == keys


# -- parse_many ----------------------------------------------------------------------------


def parsed_or_error(value: object, **options: Any) -> object:
    try:
        return timeline.parse(value, **options)  # type: ignore[arg-type]
    except timeline.ParseError as error:
        return error


def same_as_parse(texts: Any, values: Sequence[object], **options: Any) -> None:
    """``parse_many(texts)`` is parse of each of ``values``, or the error of the first bad one."""
    want = [parsed_or_error(v, **options) for v in values]
    bad = [i for i, w in enumerate(want) if isinstance(w, timeline.ParseError)]
    if bad:
        with pytest.raises(timeline.ParseError) as caught:
            parse_many(texts, **options)
        first: Any = want[bad[0]]
        more = ", ".join(map(str, bad[1:6])) + (", ..." if len(bad) > 6 else "")
        where = f"texts[{bad[0]}]" + (f"; {len(bad) - 1} more, at {more}" if len(bad) > 1 else "")
        assert caught.value.text == first.text
        assert caught.value.reason == f"{first.reason} ({where})"
    else:
        got = parse_many(texts, **options)
        assert got == want
        assert [type(g) for g in got] == [type(w) for w in want]


@given(st.lists(st.one_of(PLAIN, NEAR, OTHER), max_size=30), TYPES)
def test_parse_many_on_arrow_is_parse_of_each(values: list[str], kind: str) -> None:
    array = pa.array(values, type=getattr(pa, kind)())
    same_as_parse(array, values)
    same_as_parse(pa.chunked_array([array, array.slice(0, 3)]), values + values[:3])


@given(st.lists(st.one_of(PLAIN, NEAR, OTHER, st.none(), st.integers()), max_size=30))
def test_parse_many_on_lists_is_parse_of_each(values: list[object]) -> None:
    same_as_parse(values, values)
    same_as_parse(iter(values), values)


def test_arrow_nulls_are_parse_errors() -> None:
    with pytest.raises(timeline.ParseError) as caught:
        parse_many(pa.array(["2017", None, "2018"]))
    assert str(caught.value).endswith("(texts[1])")
    assert caught.value.text == "None"


def test_equal_plain_texts_share_one_value() -> None:
    got = parse_many(["2017-09-28", "2017", "2017-09-28", "2017", "2017-09-28", "2017"])
    assert got[0] is got[2] is got[4]
    assert got[1] is got[3] is got[5]
    assert got[0] is not got[1]
    chunked = pa.chunked_array([pa.array(["2017-09", "2018"]), pa.array(["2017-09"])])
    a, _, b = parse_many(chunked)
    assert a is b
    assert a == timeline.parse("2017-09")


def test_equal_other_texts_are_read_once() -> None:
    got = parse_many(["FY2018", "2017", "FY2018"])
    assert got == [timeline.parse("FY2018"), timeline.parse("2017"), timeline.parse("FY2018")]
    assert got[0] is got[2]


@pytest.mark.parametrize(
    "texts",
    [
        # Keys close together (a table of them) and far apart (sorted).
        [f"2017-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 29)],
        ["0001", "9999-12-31", "5000-06", "0001-01-01", "9999"],
        ["2017", "2017-01", "2017-01-01"],
    ],
)
def test_parse_many_dense_and_sparse(texts: list[str]) -> None:
    want = [timeline.parse(s) for s in texts]
    assert parse_many(texts) == want
    assert parse_many(pa.array(texts)) == want
    assert parse_many(pa.array(texts).dictionary_encode()) == want


def test_options_reach_the_other_texts() -> None:
    australia = FiscalCalendar.PRESETS["australia"]
    texts = ["FY2018", "2017", "2017-09-28"]
    want = [timeline.parse(s, fiscal=australia) for s in texts]
    assert want[0] != timeline.parse("FY2018")
    assert parse_many(texts, fiscal=australia) == want
    assert parse_many(pa.array(texts), fiscal=australia) == want


def test_errors_name_the_first_index_and_the_next_few() -> None:
    error: Any = parsed_or_error("x")
    with pytest.raises(timeline.ParseError) as caught:
        parse_many(["x", "2017", "x", "x", "2017-02-30"])
    assert str(caught.value) == f"'x': {error.reason} (texts[0]; 3 more, at 2, 3, 4)"
    assert caught.value.__cause__ is not None
    with pytest.raises(timeline.ParseError) as caught:
        parse_many(pa.array(["x"] * 8))
    assert str(caught.value) == f"'x': {error.reason} (texts[0]; 7 more, at 1, 2, 3, 4, 5, ...)"


def test_empty() -> None:
    assert parse_many([]) == []
    assert parse_many(pa.array([], type=pa.string())) == []
