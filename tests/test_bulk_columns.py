"""load_parquet builds a column-held timeline when every row is plain, and only then.

Whatever the path, the result and the errors are those of reading row by row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from backings import plain
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline import Timeline
from timeline import strategies as tst
from timeline.events import Event
from timeline.io import LoadError, bulk, dump_parquet, load_parquet

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

SOME = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def row_by_row(path: Path, monkeypatch: pytest.MonkeyPatch) -> Timeline | LoadError:
    with monkeypatch.context() as m:
        m.setattr(bulk, "_COLUMNS", False)
        try:
            return load_parquet(path)
        except LoadError as error:
            return error


def stripped(t: Timeline) -> Timeline:
    events = [plain(e) if not e.metrics else e for e in t]
    rich = [e for e in events if plain(e) != e]
    return Timeline(
        [e for e in events if e not in rich],
        title=t.title,
        sources=list(t.sources.values()),
        relations=[
            r for r in t.relations if all(x not in {e.id for e in rich} for x in (r.a, r.b))
        ],
    )


@SOME
@given(tst.timelines(max_size=8, min_year=2016, max_year=2018))
def test_plain_files_load_as_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, t: Timeline
) -> None:
    p = stripped(t)
    path = tmp_path / "t.parquet"
    dump_parquet(p, path)
    found = load_parquet(path)
    assert found == p
    assert found == row_by_row(path, monkeypatch)
    # Every plain file is held as columns: titles in any script, and text the digests
    # write with JSON escapes, included.
    assert found.backing == ("columns" if len(p) else "objects")
    assert list(found.ids) == list(p.ids)


@SOME
@given(tst.timelines(min_size=1, max_size=6, min_year=2016, max_year=2018))
def test_other_files_load_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, t: Timeline
) -> None:
    path = tmp_path / "t.parquet"
    dump_parquet(t, path)
    found = load_parquet(path)
    assert found == t
    assert found == row_by_row(path, monkeypatch)
    if any(plain(e) != e for e in t):
        assert found.backing == "objects"


def plain_file(tmp_path: Path) -> Path:
    days = ["2017-01-02", "2017-01", "2016", "2017-09-24/2017-09-27", "2017~"]
    t = Timeline(
        [Event(id=f"e{i}", title=f"Event {i}", when=timeline.parse(d)) for i, d in enumerate(days)]
    )
    path = tmp_path / "plain.parquet"
    dump_parquet(t, path)
    found = load_parquet(path)
    assert found == t
    assert found.backing == "columns"
    return path


@pytest.mark.parametrize(
    ("column", "row", "value"),
    [
        ("id", 1, "e 1"),
        ("id", 1, "e0"),
        ("title", 2, "   "),
        ("title", 2, "\u3000"),
        ("edtf", 0, "2017-02-30"),
        ("edtf", 0, 'Quote "x"'),
        ("kind", 3, "no-such-kind"),
        ("kind", 3, "lawsuit"),
        ("rest", 4, '{"tags": ["x"]}'),
        ("rest", 4, "[]"),
    ],
)
@pytest.mark.parametrize("threaded", [False, True])
def test_changed_rows_are_read_row_by_row(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    column: str,
    row: int,
    value: str,
    threaded: bool,
) -> None:
    from timeline.io import _columns

    # The digests computed on a thread beside the other checks, as for big files.
    monkeypatch.setattr(_columns, "_THREADED_FROM", 1 if threaded else 1 << 40)
    path = plain_file(tmp_path)
    table = pq.read_table(path)
    values = table.column(column).to_pylist()
    values[row] = value
    changed = table.set_column(
        table.schema.get_field_index(column), column, pa.array(values, pa.string())
    )
    for keep_digests in (True, False):
        meta = dict(table.schema.metadata)
        if not keep_digests:
            meta.pop(bulk.PARQUET_DIGEST_KEY.encode())
        out = tmp_path / f"changed-{keep_digests}.parquet"
        pq.write_table(changed.replace_schema_metadata(meta), out)
        expected = row_by_row(out, monkeypatch)
        try:
            found: Timeline | LoadError = load_parquet(out)
        except LoadError as error:
            found = error
        if isinstance(expected, LoadError):
            assert isinstance(found, LoadError)
            assert str(found) == str(expected)
        else:
            assert found == expected
            if keep_digests:
                pytest.fail("a changed column read without a digest mismatch")


def _outcome(path: Path) -> Timeline | str:
    try:
        return load_parquet(path)
    except LoadError as error:
        return str(error)


@pytest.mark.parametrize(
    ("column", "indices", "values"),
    [
        # The file's own dictionary pages, as a writer of dictionary arrays leaves them.
        ("edtf", [0, 1, 3, 0, 1], ["2017-01-02", "2017-01-02", "not a date", "2016", "2015"]),
        ("edtf", [0, 0, 0, 0, 0], ["2017", "2017-02-30"]),
        ("kind", [0, 1, 0, 1, 0], ["event", "event", "no-such-kind"]),
        ("id", [0, 1, 2, 3, 4], ["e0", "e1", "e2", "e3", "e4"]),
        ("id", [1, 0, 2, 3, 4], ["e0", "e1", "e2", "e3", "e4"]),
        ("id", [0, 1, 2, 3, 4], ["e0", "e1", "e2", "e3", "e0"]),
        ("title", [0, 1, 2, 3, 4], ["Event 0", "Event 1", "Event 1", "Event 3", "Event 4"]),
    ],
)
def test_dictionary_pages_load_as_row_by_row(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    column: str,
    indices: list[int],
    values: list[str],
) -> None:
    path = plain_file(tmp_path)
    table = pq.read_table(path)
    table = table.set_column(
        table.schema.get_field_index(column),
        column,
        pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(values)),
    )
    meta = dict(table.schema.metadata)
    meta.pop(bulk.PARQUET_DIGEST_KEY.encode())
    out = tmp_path / "dictionary.parquet"
    pq.write_table(table.replace_schema_metadata(meta), out, row_group_size=2)
    expected = row_by_row(out, monkeypatch)
    found = _outcome(out)
    if isinstance(expected, LoadError):
        assert found == str(expected)
    else:
        assert isinstance(found, Timeline)
        assert found == expected
        assert list(found.ids) == list(expected.ids)
        assert found.backing == "columns"


def test_columns_read_together_are_the_columns_read_one_at_a_time(tmp_path: Path) -> None:
    from timeline.io._yaml import Limits

    t = Timeline(
        [
            Event(id=f"e{i}", title=f"Event {i % 3}", when=timeline.parse(f"2017-01-{i + 1:02d}"))
            for i in range(7)
        ]
    )
    path = tmp_path / "groups.parquet"
    pq.write_table(bulk._table(t, pa), path, row_group_size=3)
    names = ["id", "kind", "title", "edtf", "rest"]
    parquet = pq.ParquetFile(path, read_dictionary=names)
    groups = [parquet.metadata.row_group(g).num_rows for g in range(parquet.num_row_groups)]
    assert groups == [3, 3, 1]
    failures = (pa.ArrowException, *bulk._FAILURES)

    def reader(limit: int) -> bulk._ColumnReader:
        return bulk._ColumnReader(parquet, groups, str(path), Limits(max_bytes=limit), failures)

    one = reader(10**6)
    singly = {name: one.arrow(name) for name in names}
    many = reader(10**6)
    together = many.arrows(names)
    assert together is not None
    assert many.used == one.used
    for name in names:
        assert [v for c in together[name] for v in c.to_pylist()] == [
            v for c in singly[name] for v in c.to_pylist()
        ]
    assert reader(10**6).verify_all(["precision", "first_earliest"], ["precision"])
    # Over the limit, the columns read together give up, and one at a time names the column.
    assert reader(one.used - 1).arrows(names) is None
    assert not reader(10).verify_all(["precision", "first_earliest"], ["precision"])
    tight = reader(one.used - 1)
    for name in names[:-1]:
        tight.arrow(name)
    with pytest.raises(LoadError) as raised:
        tight.arrow(names[-1])
    assert "column 'rest'" in str(raised.value.exceptions[0])


def test_ids_and_titles_are_written_without_a_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Row groups of a few rows, so that the file is read as several chunks.
    monkeypatch.setattr(bulk, "_ROW_GROUP", 4)
    t = Timeline(
        [
            Event(id=f"e{i}", title=f"Event {i % 3}", when=timeline.parse(f"2017-01-0{i % 5 + 1}"))
            for i in range(10)
        ]
    )
    path = tmp_path / "t.parquet"
    dump_parquet(t, path)
    meta = pq.ParquetFile(path).metadata
    assert [meta.row_group(g).num_rows for g in range(meta.num_row_groups)] == [4, 4, 2]
    names = meta.schema.names
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        with_dictionary = {
            name for i, name in enumerate(names) if group.column(i).has_dictionary_page
        }
        assert "id" not in with_dictionary
        assert "title" not in with_dictionary
        assert {"kind", "edtf"} <= with_dictionary
    found = load_parquet(path)
    assert found == t
    assert found.backing == "columns"
    assert list(found.ids) == list(t.ids)
    # The chunks are joined with 32-bit offsets, as one chunk is held.
    store = found._store
    assert store._ids.type == pa.string()
    assert store._titles.type == pa.string()


@settings(deadline=None)
@given(st.lists(st.text(alphabet="ab_.:-09Zz", min_size=1, max_size=60), max_size=40))
def test_distinct_values_are_told_from_repeated_ones(values: list[str]) -> None:
    from timeline.io import _columns

    array = pa.array(values, pa.string())
    assert _columns._all_distinct(array, pa.compute) == (len(set(values)) == len(values))
    # Sliced arrays have offsets that do not start at 0.
    if len(values) > 2:
        part = array.slice(1, len(values) - 2)
        inner = values[1:-1]
        assert _columns._all_distinct(part, pa.compute) == (len(set(inner)) == len(inner))


def test_equal_folds_of_distinct_values_are_decided_by_the_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from timeline.io import _columns

    # With a multiplier of 1 a value folds to its length and the sum of its bytes.
    monkeypatch.setattr(_columns, "_FOLD", 1)
    assert _columns._all_distinct(pa.array(["ab", "ba", "c"]), pa.compute)
    assert not _columns._all_distinct(pa.array(["ab", "ba", "ab"]), pa.compute)


@settings(deadline=None)
@given(
    st.lists(
        st.lists(st.text(max_size=5), max_size=6).map(lambda v: pa.array(v, pa.string())),
        max_size=5,
    ),
    st.integers(0, 2),
)
def test_chunks_are_joined_as_they_are(chunks: list[object], cut: int) -> None:
    from timeline.io import _columns

    # Slices, so that a chunk's values need not start at its buffers' beginning.
    chunks = [c.slice(min(cut, len(c))) for c in chunks]  # type: ignore[attr-defined]
    expected = [v for c in chunks for v in c.to_pylist()]  # type: ignore[attr-defined]
    parts = list(chunks)
    joined = _columns._one(parts, pa)
    assert parts == []
    joined.validate(full=True)
    assert joined.to_pylist() == expected
    if len(chunks) > 1:
        assert joined.type == pa.string()


@SOME
@given(tst.timelines(max_size=8, min_year=2016, max_year=2018))
def test_plain_objects_are_written_through_their_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, t: Timeline
) -> None:
    p = stripped(t)
    assert p.backing == "objects"
    with monkeypatch.context() as m:
        m.setattr(bulk, "_COLUMNS", False)
        expected = bulk._table(p, pa)
    with monkeypatch.context() as m:
        m.setattr(bulk, "_COLUMNAR_FROM", 1)
        found = bulk._table(p, pa)
    assert found.equals(expected)
    assert found.schema.metadata == expected.schema.metadata


@SOME
@given(tst.timelines(min_size=1, max_size=8, min_year=2016, max_year=2018))
def test_objects_are_asked_once_whether_plain_when_written(
    monkeypatch: pytest.MonkeyPatch, t: Timeline
) -> None:
    # Plain or not, each event is tested once on the way to its columns; a
    # timeline with an event of more than its id, title and date is written
    # event by event, as it would be below the threshold.
    from timeline import columns

    asked: list[str] = []
    made = columns._plain_test

    def counted(event: Event) -> object:
        test = made(event)

        def ask(e: Event) -> bool:
            asked.append(e.id)
            return test(e)

        return ask

    for p in (t, stripped(t)):
        asked.clear()
        with monkeypatch.context() as m:
            m.setattr(bulk, "_COLUMNS", False)
            expected = bulk._table(p, pa)
        with monkeypatch.context() as m:
            m.setattr(bulk, "_COLUMNAR_FROM", 1)
            m.setattr(columns, "_plain_test", counted)
            found = bulk._table(p, pa)
        assert found.equals(expected)
        assert found.schema.metadata == expected.schema.metadata
        assert len(asked) <= len(p)
        assert len(set(asked)) == len(asked)


_SPACES = (
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000"
)


@settings(deadline=None)
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(_SPACES), max_size=6)
        | st.text(st.sampled_from(_SPACES + "特朗普x©—“あᚠé"), max_size=4),
        min_size=1,
        max_size=20,
    )
)
def test_visible_titles_are_told_from_blank_ones(values: list[str]) -> None:
    # Blank as the records reader means it (str.strip), in every script.
    from timeline.io import _columns

    expected = all(v.strip() for v in values)
    assert _columns._all_visible(pa.array(values, pa.string())) == expected


@pytest.mark.parametrize(
    "titles",
    [
        ["特朗普签署行政命令", "Указ подписан", "\u3000x"],
        ['ICE\'s "Operation Safe City"', "a \\ b", "two\nlines", "tab\there"],
    ],
    ids=["other-scripts", "escapes"],
)
def test_titles_in_other_scripts_or_with_escapes_stay_columns(
    tmp_path: Path, titles: list[str]
) -> None:
    t = timeline.io.from_records(
        {
            "timeline": 1,
            "events": [
                {"id": f"e{i}", "title": title, "when": f"2017-0{i % 9 + 1}"}
                for i, title in enumerate(titles * 40)
            ],
        }
    )
    path = tmp_path / "t.parquet"
    bulk.dump_parquet(t, path)
    found = bulk.load_parquet(path)
    assert found == t
    assert found.backing == "columns"


def test_a_title_blank_in_another_script_is_refused_for_its_row(tmp_path: Path) -> None:
    t = Timeline(
        [Event(id=f"e{i}", title=f"t{i}", when=timeline.parse("2017-05")) for i in range(5)]
    )
    path = tmp_path / "t.parquet"
    bulk.dump_parquet(t, path)
    table = pq.read_table(path)
    titles = table.column("title").to_pylist()
    titles[3] = "\u3000\u00a0"  # an ideographic and a no-break space: blank to str.strip
    table = table.set_column(table.schema.get_field_index("title"), "title", pa.array(titles))
    metadata = dict(table.schema.metadata)
    del metadata[bulk.PARQUET_DIGEST_KEY.encode()]
    pq.write_table(table.replace_schema_metadata(metadata), path)
    with pytest.raises(LoadError) as raised:
        bulk.load_parquet(path)
    message = str(raised.value.exceptions[0])
    assert ":4:" in message
    assert "title" in message


def test_the_lead_bytes_of_whitespace_are_those_the_columns_check_knows() -> None:
    # The title check passes over characters whose first byte no whitespace has; if
    # Unicode gave whitespace a new first byte, the check would have to know it.
    from timeline.io import _columns

    leads = {chr(c).encode()[0] for c in range(0x80, 0x110000) if chr(c).isspace()}
    assert {b for b in leads if b >= 0xC3} == set(_columns._SPACE_LEADS)
    assert leads <= {0xC2, *_columns._SPACE_LEADS}
