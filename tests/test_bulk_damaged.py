"""Damaged bulk files are refused, never read wrong.

A Parquet file written by :func:`~timeline.io.bulk.dump_parquet` carries a
checksum on every page and a digest of its content; a copy with a few bytes
changed either is refused with a :class:`~timeline.TimelineError` naming the
file, or loads to exactly the timeline written. A JSON Lines or YAML file with
a few edits is refused with errors naming the file and the line, or loads
(a changed quote in a text file is the user's edit); nothing else escapes.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from mutations import mutated

import timeline
from timeline import io as tio
from timeline.collection import Timeline
from timeline.io import bulk

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

MUTANTS = 300
SEED = 20170928


@pytest.fixture(scope="module")
def sample() -> Timeline:
    return timeline.sample()


@pytest.fixture(scope="module")
def export(sample: Timeline, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("export") / "events.parquet"
    bulk.dump_parquet(sample, path)
    return path.read_bytes()


def typed(t: Timeline) -> str:
    """``t`` as plain records with each value's type (``100`` is not ``Decimal(100)``)."""
    return repr(tio.to_records(t))


def refused_or_exact(path: Path, want: Timeline) -> str:
    """ "refused" or "exact"; any other outcome fails."""
    try:
        found = bulk.load_parquet(path)
    except tio.LoadError as group:
        errors = list(group.exceptions)
    else:
        assert found == want
        assert typed(found) == typed(want)
        return "exact"
    assert errors
    for error in errors:
        assert isinstance(error, timeline.TimelineError)
        assert str(error).startswith(f"{path}"), str(error)
    return "refused"


def test_parquet_with_bytes_changed_is_refused_or_exact(
    export: bytes, sample: Timeline, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    path = tmp_path / "mutant.parquet"
    for _ in range(MUTANTS):
        data = bytearray(export)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data))
            data[at] = (data[at] + rng.randint(1, 255)) % 256
        path.write_bytes(bytes(data))
        outcomes[refused_or_exact(path, sample)] += 1
    assert outcomes["refused"] > MUTANTS // 2, outcomes  # most bytes are checked


def _rewrite(path: Path, column: str, old: str, new: str) -> None:
    """Change ``old`` to ``new`` in one column, as a tool would, keeping the metadata."""
    table = pq.read_table(path)
    index = table.schema.get_field_index(column)
    values = [v.replace(old, new) for v in table.column(column).to_pylist()]
    assert values != table.column(column).to_pylist()
    table = table.set_column(index, column, pa.array(values, type=pa.string()))
    pq.write_table(table, path)  # the schema keeps the file's metadata, digest included


@pytest.mark.parametrize(
    ("column", "old", "new"),
    [
        ("rest", "such cities and towns", "such urisdi and towns"),
        ("title", "Gothamist: ICE", "Gothamist: ICF"),
        ("rest", "Newark region", "Oewark region"),
    ],
)
def test_content_that_does_not_match_its_digest_is_refused(
    sample: Timeline, tmp_path: Path, column: str, old: str, new: str
) -> None:
    path = tmp_path / "e.parquet"
    bulk.dump_parquet(sample, path)
    _rewrite(path, column, old, new)
    with pytest.raises(tio.LoadError) as caught:
        bulk.load_parquet(path)
    messages = [str(e) for e in caught.value.exceptions]
    assert f"{path}: the content does not match its digest" in messages[0], messages


def test_changed_content_with_problems_of_its_own_is_refused_for_them(
    sample: Timeline, tmp_path: Path
) -> None:
    # Every id changed: the relations name no event. Those errors say where; the digest
    # would only say that something changed.
    path = tmp_path / "e.parquet"
    bulk.dump_parquet(sample, path)
    _rewrite(path, "id", "a", "b")
    with pytest.raises(tio.LoadError) as caught:
        bulk.load_parquet(path)
    assert all("no event has the id" in str(e) for e in caught.value.exceptions)


def test_metadata_that_does_not_match_its_digest_is_refused(
    sample: Timeline, tmp_path: Path
) -> None:
    path = tmp_path / "e.parquet"
    bulk.dump_parquet(sample, path)
    table = pq.read_table(path)
    meta = dict(table.schema.metadata)
    value = json.loads(meta[b"timeline"])
    value["title"] += "!"
    meta[b"timeline"] = json.dumps(value).encode()
    pq.write_table(table.replace_schema_metadata(meta), path)
    with pytest.raises(tio.LoadError) as caught:
        bulk.load_parquet(path)
    (error,) = caught.value.exceptions
    assert "the content does not match its digest" in str(error)


def test_a_file_without_a_digest_loads(sample: Timeline, tmp_path: Path) -> None:
    path = tmp_path / "e.parquet"
    bulk.dump_parquet(sample, path)
    table = pq.read_table(path)
    meta = dict(table.schema.metadata)
    assert bulk.PARQUET_DIGEST_KEY.encode() in meta
    del meta[bulk.PARQUET_DIGEST_KEY.encode()]
    pq.write_table(table.replace_schema_metadata(meta), path)
    assert bulk.load_parquet(path) == sample


@pytest.mark.parametrize("digest", ["", "0" * 64, "not hex", "a" * 200])
def test_a_digest_that_is_not_the_content_s(sample: Timeline, tmp_path: Path, digest: str) -> None:
    path = tmp_path / "e.parquet"
    bulk.dump_parquet(sample, path)
    table = pq.read_table(path)
    meta = dict(table.schema.metadata)
    meta[bulk.PARQUET_DIGEST_KEY.encode()] = digest.encode()
    pq.write_table(table.replace_schema_metadata(meta), path)
    with pytest.raises(tio.LoadError) as caught:
        bulk.load_parquet(path)
    (error,) = caught.value.exceptions
    assert str(error).startswith(f"{path}: ")


def test_a_damaged_page_is_refused_by_its_checksum_naming_the_place(
    sample: Timeline, tmp_path: Path
) -> None:
    path = tmp_path / "e.parquet"
    bulk.dump_parquet(sample, path, compression="none")
    data = bytearray(path.read_bytes())
    at = data.index(b"Gothamist: ICE")  # a title, in the column 'title'
    data[at] = ord("O")
    path.write_bytes(bytes(data))
    # Without the checksum, the title would read changed.
    titles = pq.read_table(path).column("title").to_pylist()
    assert any(title.startswith("Oothamist: ICE") for title in titles)
    with pytest.raises(tio.LoadError) as caught:
        bulk.load_parquet(path)
    (error,) = caught.value.exceptions
    assert str(error).startswith(f"{path}: row group 1, column 'title': ")
    assert "checksum" in str(error)


@pytest.mark.parametrize("column", ["rest", "precision", "last_latest", "bounds_exact"])
def test_a_damaged_page_of_any_column_is_refused(
    sample: Timeline, tmp_path: Path, column: str
) -> None:
    # The derived columns are not read into the timeline, but SQL engines answer from them.
    path = tmp_path / "e.parquet"
    bulk.dump_parquet(sample, path, compression="none")
    chunk = pq.ParquetFile(path).metadata.row_group(0)
    (index,) = [i for i in range(chunk.num_columns) if chunk.column(i).path_in_schema == column]
    meta = chunk.column(index)
    start = meta.dictionary_page_offset if meta.has_dictionary_page else meta.data_page_offset
    data = bytearray(path.read_bytes())
    data[start + meta.total_compressed_size - 1] ^= 0x01  # the last byte of its last page
    path.write_bytes(bytes(data))
    with pytest.raises(tio.LoadError) as caught:
        bulk.load_parquet(path)
    (error,) = caught.value.exceptions
    assert str(error).startswith(f"{path}: row group 1, column {column!r}: "), str(error)


def test_not_a_parquet_file_names_the_file(tmp_path: Path) -> None:
    for name, data in [("empty", b""), ("magic", b"PAR1"), ("text", b"{}\n" * 10)]:
        path = tmp_path / f"{name}.parquet"
        path.write_bytes(data)
        with pytest.raises(tio.LoadError) as caught:
            bulk.load_parquet(path)
        (error,) = caught.value.exceptions
        assert str(error).startswith(f"{path}: "), str(error)


# --------------------------------------------------------------------------------------
# Text formats: refused with the file and the line, or read.

DAMAGED = settings(
    max_examples=min(settings.default.max_examples, 200),
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
SAMPLE = timeline.sample()
JSONL = bulk.dumps_jsonl(SAMPLE).encode()
YAML = tio.dumps(SAMPLE).encode()
PIECES = (b'"', b"{", b"}", b"[", b"]", b",", b":", b"\\", b"1E2", b"null", b"\n", b"- ", b"  ")


def _placed(group: tio.LoadError, filename: str) -> None:
    assert group.exceptions
    for error in group.exceptions:
        assert isinstance(error, timeline.TimelineError)
        assert error.filename == filename, str(error)
        assert error.line is not None, str(error)
        assert str(error).startswith(f"{filename}:{error.line}"), str(error)


@DAMAGED
@given(mutated([JSONL], PIECES))
def test_jsonl_with_edits_is_refused_by_line_or_read(source: bytes) -> None:
    try:
        bulk.loads_jsonl(source, filename="e.jsonl")
    except tio.LoadError as group:
        _placed(group, "e.jsonl")


@DAMAGED
@given(mutated([YAML], PIECES))
def test_yaml_with_edits_is_refused_by_line_or_read(source: bytes) -> None:
    try:
        tio.loads(source, filename="e.yaml")
    except tio.LoadError as group:
        _placed(group, "e.yaml")


def _raw_text(values: list[bytes]) -> object:
    """A string array of ``values`` as they are, UTF-8 or not (Arrow checks only on request)."""
    import numpy as np

    offsets = np.concatenate([[0], np.cumsum([len(v) for v in values])]).astype(np.int32)
    return pa.Array.from_buffers(
        pa.string(), len(values), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(values))]
    )


@pytest.mark.parametrize(
    ("column", "bad", "digests"),
    [
        ("title", b"Event \xff", False),
        ("title", b"Tw\xc3", True),  # with a title beside it that needs a JSON escape
        ("edtf", b"2017\xff", False),
        ("kind", b"ev\xffent", False),
        ("id", b"e\xc3\x28", False),
    ],
)
@pytest.mark.parametrize("columns", [True, False], ids=["columns", "rows"])
def test_text_that_is_not_utf8_is_refused_on_either_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    column: str,
    bad: bytes,
    digests: bool,
    columns: bool,
) -> None:
    # Parquet readers do not check that text is UTF-8: the loader does, and names
    # the place, whichever path the rows take.
    t = timeline.Timeline(
        [
            timeline.Event(id="e0", title='Say "hi"', when=timeline.parse("2017")),
            timeline.Event(id="e1", title="Two", when=timeline.parse("2018")),
            timeline.Event(id="e2", title="Three", when=timeline.parse("2019")),
        ]
    )
    path = tmp_path / "events.parquet"
    bulk.dump_parquet(t, path)
    table = pq.read_table(path)
    values = [v.encode() for v in table.column(column).to_pylist()]
    values[1] = bad
    table = table.set_column(table.schema.get_field_index(column), column, _raw_text(values))
    meta = dict(table.schema.metadata)
    if not digests:
        del meta[bulk.PARQUET_DIGEST_KEY.encode()]
    pq.write_table(table.replace_schema_metadata(meta), path)
    monkeypatch.setattr(bulk, "_COLUMNS", columns)
    with pytest.raises(tio.LoadError) as found:
        bulk.load_parquet(path)
    assert found.value.exceptions
    for error in found.value.exceptions:
        assert isinstance(error, timeline.TimelineError)
        assert error.filename == str(path)
    assert any(f"column {column!r}" in str(e) for e in found.value.exceptions)
