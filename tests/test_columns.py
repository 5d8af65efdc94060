"""parse_many: many date texts at once, always what parse says of each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
import timeline.columns
from timeline import _plain

# The public name and the implementation (one function once columns.py re-exports it).
IMPLEMENTATIONS = pytest.mark.parametrize(
    "parse_many", [timeline.columns.parse_many, _plain.parse_many], ids=["columns", "_plain"]
)
ParseMany = Callable[..., list[Any]]

PLAIN = st.builds(
    lambda y, m, d, form: form.format(y=y, m=m, d=d),
    st.integers(0, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.sampled_from(["{y:04d}-{m:02d}-{d:02d}", "{y:04d}-{m:02d}", "{y:04d}"]),
)
OTHER = st.sampled_from(
    ["on(2017)", "FY2018", "2017-01-XX", "2017~", "2017-09-24/2017-09-27", "201X", "2017-W05"]
)
NEAR = st.sampled_from(
    ["2017-0928", "201709-28", "2017-09-2x", "2017\x00\x00\x00", " 2017", "２０１７"]
)


def parsed_or_error(text: str) -> object:
    try:
        return timeline.parse(text)
    except timeline.ParseError:
        return None


@IMPLEMENTATIONS
@given(st.lists(st.one_of(PLAIN, OTHER, NEAR), max_size=30))
def test_parse_many_is_parse_of_each(parse_many: ParseMany, texts: list[str]) -> None:
    expected = [parsed_or_error(s) for s in texts]
    if None in expected:
        first = expected.index(None)
        with pytest.raises(timeline.ParseError) as caught:
            parse_many(texts)
        assert f"(texts[{first}]" in str(caught.value)
        assert caught.value.text == texts[first]
    else:
        assert parse_many(texts) == expected


@IMPLEMENTATIONS
@pytest.mark.parametrize(
    "text",
    [
        "2017-09-28",
        "2016-02-29",
        "2000-02-29",
        "0001-01-01",
        "9999-12-31",
        "2017-09",
        "0001",
        "2017",
    ],
)
def test_plain_forms_equal_parse(parse_many: ParseMany, text: str) -> None:
    assert parse_many([text, text]) == [timeline.parse(text)] * 2


@IMPLEMENTATIONS
@pytest.mark.parametrize(
    "text", ["2017-02-29", "1900-02-29", "2017-13", "2017-00-01", "2017-04-31"]
)
def test_impossible_plain_forms_are_parse_errors(parse_many: ParseMany, text: str) -> None:
    with pytest.raises(timeline.ParseError) as caught:
        parse_many(["2017", text, "2018"])
    assert str(caught.value).endswith("(texts[1])")


@IMPLEMENTATIONS
def test_errors_name_the_first_index_and_the_next_few(parse_many: ParseMany) -> None:
    with pytest.raises(timeline.ParseError) as caught:
        parse_many(["x", "2017", 5, "y", "2017-02-30"])
    assert "(texts[0]; 3 more, at 2, 3, 4)" in str(caught.value)


@IMPLEMENTATIONS
def test_empty(parse_many: ParseMany) -> None:
    assert parse_many([]) == []
