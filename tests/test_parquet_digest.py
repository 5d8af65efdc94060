"""A text column's digest computed from its Arrow buffers equals the reader's digest."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.io import bulk
from timeline.io._columns import digest

pa = pytest.importorskip("pyarrow")

# Text the bulk digest handles: no quote, backslash or control character.
_PLAIN_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"\\'), max_size=8
)


def _reader_digest(values: list[str]) -> str:
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


@pytest.mark.parametrize("value", ['a"b', "a\\b", "a\nb"])
def test_digest_declines_text_json_escapes(value: str) -> None:
    assert digest(pa.array(["x", value]), step=1) is None
