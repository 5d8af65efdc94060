"""A text column's digest computed from its Arrow buffers equals the reader's digest."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.io import bulk
from timeline.io._columns import digest

pa = pytest.importorskip("pyarrow")

# Text the bulk digest handles: no quote, backslash or character below U+0020 (which
# JSON escapes); DEL, C1 controls and U+2028 are written as they are, so they are kept.
_PLAIN_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters='"\\').filter(
        lambda c: c >= " "
    )
    | st.sampled_from("\x7f\x85\u2028\u2029\ufeff"),
    max_size=8,
)


def _reader_digest(values: list[str | None]) -> str:
    expected = bulk._ColumnDigest()
    expected.add(values)
    return expected.hexdigest()


@settings(max_examples=60, deadline=None)
@given(values=st.lists(_PLAIN_TEXT, min_size=1, max_size=40), step=st.integers(1, 7))
def test_digest_in_slices_equals_the_readers(values: list[str], step: int) -> None:
    expected = _reader_digest(values)
    for array in (pa.array(values, pa.string()), pa.array(values, pa.large_string())):
        assert digest(array, step=step) == expected
        assert digest(array[1:], step=step) == _reader_digest(values[1:])


@pytest.mark.parametrize("value", ['a"b', "a\\b", "a\nb", "\x00", "\x1f", '"', None])
def test_digest_of_text_json_escapes_is_the_readers(value: str | None) -> None:
    for step in (1, 2, 8):
        assert digest(pa.array(["x", value, "y"]), step=step) == _reader_digest(["x", value, "y"])
        assert digest(pa.array([value, "x"]).dictionary_encode(), step=step) == _reader_digest(
            [value, "x"]
        )


@settings(max_examples=100, deadline=None)
@given(
    values=st.lists(
        st.none() | st.text(st.characters(blacklist_categories=("Cs",)), max_size=6),
        min_size=1,
        max_size=40,
    ),
    step=st.integers(1, 9),
)
def test_digest_of_any_text_equals_the_readers(values: list[str | None], step: int) -> None:
    # Slices with nulls or escapes are written by the JSON encoder, the others by Arrow.
    for array in (pa.array(values, pa.string()), pa.array(values, pa.large_string())):
        assert digest(array, step=step) == _reader_digest(values)
        assert digest(array.slice(1), step=step) == _reader_digest(values[1:])
    assert digest(pa.array(values, pa.string()).dictionary_encode(), step=step) == (
        _reader_digest(values)
    )


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(_PLAIN_TEXT, min_size=1, max_size=12),
    bad=st.sampled_from('"\\\x00\n\x1f'),
    at=st.integers(0, 100),
    skip=st.integers(0, 3),
    size=st.integers(1, 9),
)
def test_a_byte_json_escapes_is_found_wherever_it_is(
    values: list[str], bad: str, at: int, skip: int, size: int
) -> None:
    from timeline.io._columns import _escaped

    i = at % len(values)
    values[i] = values[i][: at % 3] + bad + values[i][at % 3 :]
    array = pa.array(values, pa.string())
    assert _escaped(array, size) is True
    # A slice sees only its own values' bytes.
    rest = array.slice(skip)
    assert _escaped(rest, size) is any(bad in v for v in values[skip:])
    assert _escaped(rest.cast(pa.large_string()), size) is _escaped(rest, size)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(_PLAIN_TEXT, min_size=1, max_size=6, unique=True),
    picks=st.lists(st.integers(0, 5), min_size=1, max_size=40),
    step=st.integers(1, 7),
)
def test_digest_of_a_dictionary_equals_the_readers_of_its_values(
    values: list[str], picks: list[int], step: int
) -> None:
    # Duplicate and unreferenced dictionary values change nothing: the rows are hashed.
    dictionary = pa.array([*values, *values, "never used"], pa.string())
    indices = pa.array([p % (2 * len(values)) for p in picks], pa.int32())
    array = pa.DictionaryArray.from_arrays(indices, dictionary)
    expected = _reader_digest(array.to_pylist())
    assert digest(array, step=step) == expected
    assert digest(array[1:], step=step) == _reader_digest(array.to_pylist()[1:])


def _dictionary(indices: list[int | None], values: list[str | None]) -> object:
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(values))


@pytest.mark.parametrize(
    "chunks",
    [
        [_dictionary([0, 1, 0], ["2017", "2016"])],
        [_dictionary([0, 1, 0], ["2017", "2017"])],  # a value twice
        [_dictionary([0, 0], ["2017", "2016", "2015"])],  # more values than rows
        [_dictionary([0, 0, 2], ["2017", "2016", "2015"])],  # a value no row holds
        [_dictionary([0, 1], ["2017", None])],  # a null value
        [_dictionary([0, None], ["2017"])],
        [_dictionary([0, 1], ["a", "b"]), _dictionary([1, 0, 1], ["b", "c"])],
        [pa.array(["a", "b", "a"])],
        [pa.array(["a"]), pa.array(["b", None])],
        [],
    ],
)
def test_encoded_columns_hold_the_rows_with_each_value_once(chunks: list[object]) -> None:
    from timeline.io._columns import _encoded

    pc = pytest.importorskip("pyarrow.compute")
    rows = [v for c in chunks for v in c.to_pylist()]  # type: ignore[attr-defined]
    encoded = _encoded(chunks, pa, pc)
    assert pa.types.is_dictionary(encoded.type)
    assert encoded.to_pylist() == rows
    values = encoded.dictionary.to_pylist()
    assert len(set(values)) == len(values)
    assert None not in values
    assert set(values) == set(rows) - {None}


@pytest.mark.parametrize(
    ("indices", "values", "taken"),
    [
        ([0, 1, 2], ["a", "b", "c"], True),
        ([], [], True),
        ([1, 0, 2], ["a", "b", "c"], False),
        ([0, 1, 1], ["a", "b", "c"], False),
        ([0, 1], ["a", "b", "c"], False),
        ([0, None, 2], ["a", "b", "c"], False),
        ([0, 1, 2], ["a", None, "c"], False),
    ],
)
def test_a_dictionary_of_distinct_rows_is_taken_as_the_column(
    indices: list[int | None], values: list[str | None], taken: bool
) -> None:
    chunk = _dictionary(indices, values)
    found = bulk._ColumnReader._distinct(chunk)
    assert found.to_pylist() == chunk.to_pylist()  # type: ignore[attr-defined]
    assert pa.types.is_dictionary(found.type) is not taken
