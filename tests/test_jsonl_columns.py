"""loads_jsonl reads a file whose events are all plain as columns, and only then.

Whatever the path, the result and the errors are those of reading line by line.
"""

from __future__ import annotations

import pytest
from backings import plain
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import Event, Timeline, parse
from timeline import strategies as tst
from timeline.io import LoadError, bulk, dumps_jsonl, loads_jsonl
from timeline.io._jsonl_columns import build_jsonl

pytest.importorskip("pyarrow")

SOME = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def line_by_line(text: str | bytes) -> Timeline | LoadError:
    saved = bulk._COLUMNS
    bulk._COLUMNS = False
    try:
        return loads_jsonl(text)
    except LoadError as error:
        return error
    finally:
        bulk._COLUMNS = saved


def read_alike(text: str | bytes) -> Timeline | LoadError:
    """``loads_jsonl(text)``, its result or its error, checked to be reading line by line's."""
    slow = line_by_line(text)
    try:
        fast: Timeline | LoadError = loads_jsonl(text)
    except LoadError as error:
        fast = error
    assert type(fast) is type(slow)
    if isinstance(slow, LoadError):
        assert str(fast) == str(slow)
    else:
        assert isinstance(fast, Timeline)
        assert fast == slow
        assert [(e.id, e.title) for e in fast] == [(e.id, e.title) for e in slow]
    return fast


def stripped(t: Timeline) -> Timeline:
    events = [plain(e) for e in t if not e.metrics]
    return Timeline(
        [e for e in events if plain(e) == e], title=t.title, sources=list(t.sources.values())
    )


@SOME
@given(tst.timelines(max_size=8, min_year=2016, max_year=2018))
def test_plain_files_read_as_columns_equal_the_lines(t: Timeline) -> None:
    p = stripped(t)
    text = dumps_jsonl(p)
    slow = line_by_line(text)
    fast = loads_jsonl(text)
    assert fast == slow == p
    assert fast.ids.tolist() == slow.ids.tolist()
    assert fast.title == p.title
    assert dict(fast.sources) == dict(p.sources)


def small() -> Timeline:
    return Timeline(
        [
            Event(id="b", title="Second", when=parse("2017-02")),
            Event(id="a", title="First", when=parse("2017-01-05")),
            Event(id="c", title="Third", when=parse("2018")),
        ],
        title="Sample",
    )


def test_a_plain_file_is_held_as_columns() -> None:
    text = dumps_jsonl(small())
    fast = loads_jsonl(text)
    assert fast.backing == "columns"
    assert fast == small()
    assert [e.id for e in fast] == ["a", "b", "c"]
    assert loads_jsonl(text.encode()).backing == "columns"
    assert loads_jsonl(("\ufeff" + text).encode()).backing == "columns"
    assert loads_jsonl(text.rstrip("\n")) == small()


LINE = '{"record": "event", "id": "a", "title": "First", "when": "2017-01-05"}'

CHANGED = {
    "a key twice": '{"record": "event", "id": "a", "id": "z", "title": "First", '
    '"when": "2017-01-05"}',
    "a null kind": '{"record": "event", "id": "a", "kind": null, "title": "First", '
    '"when": "2017-01-05"}',
    "a null title": '{"record": "event", "id": "a", "title": null, "when": "2017-01-05"}',
    "a number": '{"record": "event", "id": "a", "title": 5, "when": "2017-01-05"}',
    "NaN": '{"record": "event", "id": "a", "title": NaN, "when": "2017-01-05"}',
    "an escaped quote in a key": '{"record": "event", "id": "a", "ti\\"tle": "First", '
    '"when": "2017-01-05"}',
    "a backslash before a letter": '{"record": "event", "id": "a", "title": "F\\\\\\irst", '
    '"when": "2017-01-05"}',
    "a lone surrogate": '{"record": "event", "id": "a", "title": "\\ud800", "when": "2017-01-05"}',
    "a low surrogate alone": '{"record": "event", "id": "a", "title": "\\uDE00x", "when": "2017"}',
    "a high surrogate then a letter": '{"record": "event", "id": "a", "title": "\\ud83dx", '
    '"when": "2017"}',
    "a pair the wrong way round": '{"record": "event", "id": "a", "title": "\\ude00\\ud83d", '
    '"when": "2017"}',
    "an escape that is not one": '{"record": "event", "id": "a", "title": "F\\qirst", '
    '"when": "2017"}',
    "a tab in text": '{"record": "event", "id": "a", "title": "Fi\trst", "when": "2017-01-05"}',
    "a carriage return": LINE + "\r",
    "two objects": LINE + ' {"record": "event", "id": "q", "title": "Q", "when": "2017"}',
    "a trailing comma": LINE[:-1] + ", }",
    "trailing text": LINE + " x",
    "an unknown key": LINE[:-1] + ', "colour": "red"}',
    "a summary": LINE[:-1] + ', "summary": "More."}',
    "a list": '{"record": "event", "id": "a", "title": "First", "when": "2017-01-05", '
    '"tags": ["x"]}',
    "a relation": '{"record": "relation", "relation": {"a": "a", "relation": "before", "b": "b"}}',
    "not an event": LINE.replace('"event"', '"evnt"'),
    "no record": LINE.replace('"record": "event", ', ""),
    "a bad date": LINE.replace("2017-01-05", "2017-02-30"),
    "a bad id": LINE.replace('"a"', '"-a"', 1),
    "a blank title": LINE.replace("First", " "),
    "a repeated id": LINE.replace('"a"', '"b"', 1),
    "a kind with more fields": LINE[:-1] + ', "kind": "court_ruling"}',
    "an unknown kind": LINE[:-1] + ', "kind": "picnic"}',
    "an array": '["a"]',
    "a blank line": LINE + "\n",
    "spaces only": LINE + "\n   ",
}


@pytest.mark.parametrize("name", sorted(CHANGED))
def test_a_changed_line_is_read_line_by_line(name: str) -> None:
    text = dumps_jsonl(small())
    assert LINE in text
    changed = text.replace(LINE, CHANGED[name])
    assert changed != text
    assert build_jsonl(changed, "<string>", bulk.BULK_LIMITS) is None or name in (
        "a blank line",
        "spaces only",
    )
    read_alike(changed)


@pytest.mark.parametrize(
    "title",
    ['He said "no"', "a \\ b", "ends in a backslash \\", '\\"', '"', "\\\\"],
)
def test_titles_with_quotes_and_backslashes_are_read_as_columns(title: str) -> None:
    t = Timeline(
        [
            Event(id=f"e{i}", title=f"{title} {i}" if i % 2 else title, when=parse("2017-05"))
            for i in range(6)
        ]
    )
    text = dumps_jsonl(t)
    assert "\\" in text
    fast = loads_jsonl(text)
    assert fast.backing == "columns"
    assert fast == line_by_line(text) == t


@SOME
@given(
    st.lists(
        st.text(st.sampled_from('ab "\\'), min_size=1, max_size=8).filter(str.strip),
        min_size=1,
        max_size=8,
    )
)
def test_escaped_quotes_and_backslashes_read_as_the_lines_do(titles: list[str]) -> None:
    events = [Event(id=f"e{i}", title=v, when=parse("2017")) for i, v in enumerate(titles)]
    text = dumps_jsonl(Timeline(events))
    fast = loads_jsonl(text)
    assert fast == line_by_line(text)
    assert fast.backing == "columns"


ESCAPED = {
    "a letter as \\u": '{"record": "event", "id": "a", "title": "\\u0046irst", "when": "2017"}',
    "a quote as \\u": '{"record": "event", "id": "a", "title": "Fi\\u0022rst", "when": "2017"}',
    "an escaped slash": '{"record": "event", "id": "a", "title": "Fi\\/rst", "when": "2017-01-05"}',
    "an escaped newline": '{"record": "event", "id": "a", "title": "Fi\\nrst", "when": "2017"}',
    "short escapes": '{"record": "event", "id": "a", "title": "\\b\\f\\r\\tx", "when": "2017"}',
    "a surrogate pair": '{"record": "event", "id": "a", "title": "\\ud83d\\uDE00 x", '
    '"when": "2017"}',
    "ASCII only, as json.dumps writes": '{"record": "event", "id": "a", "title": '
    '"Caf\\u00e9 \\u201cquoted\\u201d", "when": "2017"}',
}


@pytest.mark.parametrize("name", sorted(ESCAPED))
def test_escapes_both_readers_read_alike_stay_columns(name: str) -> None:
    text = dumps_jsonl(small()).replace(LINE, ESCAPED[name])
    fast = loads_jsonl(text)
    assert fast.backing == "columns"
    assert fast == line_by_line(text)


def test_blank_lines_go_line_by_line() -> None:
    text = dumps_jsonl(small()).replace(LINE, LINE + "\n")
    assert build_jsonl(text, "<string>", bulk.BULK_LIMITS) is None
    assert loads_jsonl(text) == small()


def test_headers_the_column_reader_leaves_alone() -> None:
    text = dumps_jsonl(small())
    head, rest = text.split("\n", 1)
    layout_1 = '{"timeline": 1, "title": "Sample"}\n' + rest.replace('"record": "event", ', "")
    assert build_jsonl(layout_1, "<string>", bulk.BULK_LIMITS) is None
    assert loads_jsonl(layout_1) == small()
    for header in (
        head.replace('"layout": 2', '"layout": 3'),
        head[:-1] + ', "colour": "red"}',
        "[]",
    ):
        bad = header + "\n" + rest
        assert build_jsonl(bad, "<string>", bulk.BULK_LIMITS) is None
        read_alike(bad)
    assert build_jsonl(head + "\n", "<string>", bulk.BULK_LIMITS) is None
    assert build_jsonl("", "<string>", bulk.BULK_LIMITS) is None


def test_limits_hold_on_the_column_path() -> None:
    text = dumps_jsonl(small())
    tight = bulk.Limits(max_bytes=1 << 20, max_scalar=4)
    assert build_jsonl(text, "<string>", tight) is None
    with pytest.raises(LoadError) as slow:
        line_by_line_limits(text, tight)
    with pytest.raises(LoadError) as fast:
        loads_jsonl(text, limits=tight)
    assert str(fast.value) == str(slow.value)


def line_by_line_limits(text: str, limits: bulk.Limits) -> Timeline:
    saved = bulk._COLUMNS
    bulk._COLUMNS = False
    try:
        return loads_jsonl(text, limits=limits)
    finally:
        bulk._COLUMNS = saved


def test_not_utf8_goes_line_by_line() -> None:
    data = dumps_jsonl(small()).encode().replace(b"First", b"F\xffirst")
    assert build_jsonl(data, "<string>", bulk.BULK_LIMITS) is None
    with pytest.raises(LoadError) as error:
        loads_jsonl(data)
    assert "not UTF-8" in "\n".join(str(e) for e in error.value.exceptions)


def _lines_reference(body: bytes) -> tuple[int, int] | None:
    """What _lines_ok decides, said with bytes methods over the whole text."""
    controls = bytes(c for c in range(0x20) if c != 0x0A) + b"\x7f"
    if len(body.translate(None, controls)) != len(body):
        return None
    lines = body.count(b"\n")
    if not body.startswith(b"{") or body.count(b"\n{") != lines - 1:
        return None
    if body.count(b"}\n") != lines:
        return None
    escaped = _escaped_reference(body)
    if escaped is None:
        return None
    return lines, body.count(b'"') - escaped


def _escaped_reference(body: bytes) -> int | None:
    """The quotes escaped by backslashes, walking the text; None for an escape not taken."""
    escaped, highs, lows, i = 0, [], [], 0
    while i < len(body):
        if body[i] != 0x5C:
            i += 1
            continue
        run = len(body[i:]) - len(body[i:].lstrip(b"\\"))
        i += run
        if run % 2 == 0:
            continue
        if i >= len(body) or body[i : i + 1] not in (
            b'"',
            b"/",
            b"b",
            b"f",
            b"n",
            b"r",
            b"t",
            b"u",
        ):
            return None
        escaped += body[i] == 0x22
        if body[i] == 0x75:
            if i + 4 >= len(body):
                return None
            if body[i + 1] | 0x20 == 0x64:
                second = body[i + 2] | 0x20
                (highs if second in b"89ab" else lows if second in b"cdef" else []).append(i)
    if len(highs) != len(lows) or any(
        low - high != 6 for high, low in zip(highs, lows, strict=True)
    ):
        return None
    return escaped


_BODY_BYTES = st.lists(
    st.sampled_from([*b'{ } \n "a" : \t \r \x7f \\ \x00 x u d8 dc 00 / n q'.split(b" "), b" "]),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(parts=_BODY_BYTES, block=st.integers(1, 9))
def test_the_line_checks_by_blocks_decide_as_over_the_whole_text(
    parts: list[bytes], block: int
) -> None:
    from timeline.io._jsonl_columns import _lines_ok

    body = b"".join(parts) + b"\n"
    assert _lines_ok(body, block=block) == _lines_reference(body)
    assert _lines_ok(memoryview(b"x" + body)[1:], block=block) == _lines_reference(body)
    plain_lines = b'{"a":"b"}\n{"c":"d"}\n' * 3
    assert _lines_ok(plain_lines, block=block) == (6, 24)


_UTF8_PIECES = st.sampled_from(
    [
        b"a",
        "é".encode(),
        "€".encode(),
        "𝄞".encode(),
        b"\xff",
        b"\xc0\xaf",  # an overlong "/"
        b"\xed\xa0\x80",  # a surrogate
        b"\xf4\x90\x80\x80",  # past U+10FFFF
        b"\xe2\x82",  # cut short
        b"\x80",
        b"\x00",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=12), st.lists(_UTF8_PIECES, max_size=6).map(b"".join)))
def test_utf8_is_decided_as_python_decides_it(data: bytes) -> None:
    import pyarrow as pa

    from timeline.io._jsonl_columns import _utf8

    try:
        data.decode("utf-8")
        expected = True
    except UnicodeDecodeError:
        expected = False
    assert _utf8(data, pa) == expected


@SOME
@given(
    st.lists(st.text(st.sampled_from('ab "\\'), min_size=1, max_size=8), min_size=1, max_size=6),
    st.integers(1, 40),
)
def test_escapes_are_counted_alike_whatever_the_blocks(titles: list[str], block: int) -> None:
    import json

    from timeline.io._jsonl_columns import _lines_ok

    lines = "".join(
        f'{{"record": "event", "id": "e{i}", "title": {json.dumps(v)}, "when": "2017"}}\n'
        for i, v in enumerate(titles)
    )
    body = lines.encode()
    found = _lines_ok(body, block=block)
    assert found == _lines_ok(body)
    assert found == (len(titles), 4 * 4 * len(titles))


# Pieces of a title as written between quotes in a line: text, escapes of every kind,
# surrogates high and low in both cases, and what is not JSON (a bare quote or backslash).
_PIECES = (
    "a",
    "é",
    '\\"',
    "\\\\",
    "\\/",
    "\\n",
    "\\t",
    "\\u00e9",
    "\\u0022",
    "\\u0000",
    "\\ud83d",
    "\\uDE00",
    "\\uDBFF",
    "\\udc00",
    "\\uD800",
    "\\u",
    "\\x",
    '"',
    "\\",
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), min_size=1, max_size=4)
)
def test_raw_escapes_read_as_the_lines_do(raws: list[str]) -> None:
    # Titles written raw between quotes: valid JSON or not, any escape, any surrogate.
    lines = [
        f'{{"record": "event", "id": "e{i}", "title": "{raw}", "when": "2017"}}'
        for i, raw in enumerate(raws)
    ]
    text = '{"record": "timeline", "timeline": 1, "layout": 2}\n' + "\n".join(lines) + "\n"
    read_alike(text)
