"""A timeline written as a Parquet dataset partitioned by year reads back equal.

The layout (``year=YYYY/part-0.parquet``, a null partition, ``_timeline.json``)
is what timeline.io.dataset documents, and what DuckDB, Polars and Spark read
as a hive-partitioned dataset (tests/test_engines.py queries it).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import timeline
from timeline import strategies as tst
from timeline.collection import Timeline
from timeline.relations import Relations

pq = pytest.importorskip("pyarrow.parquet")

from timeline.io import bulk, dataset  # noqa: E402 - after the skip
from timeline.io.errors import DumpError, LoadError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample() -> Timeline:
    return timeline.load(ROOT / "events.yaml")


@pytest.fixture
def written(sample: Timeline, tmp_path: Path) -> Path:
    directory = tmp_path / "events"
    dataset.dump_dataset(sample, directory)
    return directory


def _messages(error: LoadError) -> str:
    return "\n".join(str(e) for e in error.exceptions)


def test_events_yaml_reads_back_equal(sample: Timeline, written: Path) -> None:
    assert dataset.load_dataset(written) == sample


def test_the_layout(sample: Timeline, written: Path) -> None:
    parts = sorted(p.relative_to(written).as_posix() for p in written.rglob("*.parquet"))
    years = {e.when.earliest_day for e in sample}
    assert f"year={dataset.NULL_PARTITION}/part-0.parquet" in parts  # ../2009-style ends
    assert None in years
    meta = json.loads((written / dataset.METADATA_FILE).read_text("utf-8"))
    assert meta["timeline"] == 1
    assert meta["title"] == sample.title
    assert meta["dataset"]["partition_by"] == "year"
    assert [f["path"] for f in meta["dataset"]["files"]] == parts
    assert sum(f["rows"] for f in meta["dataset"]["files"]) == len(sample)
    # Each row is in the partition of its first_earliest's year; the year is not a column.
    for name in parts:
        table = pq.read_table(written / name, partitioning=None)
        assert "year" not in table.column_names
        assert table.schema.metadata is None or bulk.PARQUET_METADATA_KEY.encode() not in (
            table.schema.metadata
        )
        label = name.split("/")[0].removeprefix("year=")
        for day in table.column("first_earliest").to_pylist():
            assert (day is None) if label == dataset.NULL_PARTITION else (day.year == int(label))


def test_a_part_file_has_the_parquet_columns(written: Path, tmp_path: Path) -> None:
    single = tmp_path / "one.parquet"
    bulk.dump_parquet(dataset.load_dataset(written), single)
    whole = pq.read_table(single).column_names
    for part in written.rglob("*.parquet"):
        assert pq.read_table(part, partitioning=None).column_names == whole


# Making random timelines is slow: at most 50 examples.
@settings(
    max_examples=min(settings.default.max_examples, 50),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(tst.timelines(max_size=6))
def test_random_timelines_read_back_equal(t: Timeline) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "events"
        dataset.dump_dataset(t, directory)
        assert dataset.load_dataset(directory) == t


def test_an_empty_timeline_has_one_empty_file(tmp_path: Path) -> None:
    directory = tmp_path / "empty"
    dataset.dump_dataset(Timeline(title="nothing yet"), directory)
    assert [p.name for p in directory.rglob("*.parquet")] == ["part-0.parquet"]
    assert dataset.load_dataset(directory) == Timeline(title="nothing yet")


def test_an_empty_directory_is_written_into(sample: Timeline, tmp_path: Path) -> None:
    dataset.dump_dataset(sample, tmp_path)
    assert dataset.load_dataset(tmp_path) == sample


def test_a_directory_with_files_is_refused(sample: Timeline, written: Path) -> None:
    before = sorted(os.listdir(written))
    with pytest.raises(DumpError, match="new or empty directory"):
        dataset.dump_dataset(sample, written)
    assert sorted(os.listdir(written)) == before
    assert not [p for p in written.parent.iterdir() if p.name.endswith(".tmp")]


def test_only_year_partitions(sample: Timeline, tmp_path: Path) -> None:
    with pytest.raises(timeline.ConstraintError, match="'year'"):
        dataset.dump_dataset(sample, tmp_path / "x", partition_by="month")
    assert not (tmp_path / "x").exists()


def test_not_a_dataset(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        dataset.load_dataset(tmp_path)
    assert "not a dataset" in _messages(caught.value)


def _edit_metadata(directory: Path, edit: dict[str, object]) -> None:
    path = directory / dataset.METADATA_FILE
    meta = json.loads(path.read_text("utf-8"))
    meta.update(edit)
    path.write_text(json.dumps(meta), "utf-8")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"extra": 1}, "unknown key 'extra'"),
        ({"dataset": {"partition_by": "month", "files": []}}, '"partition_by": "year"'),
        ({"dataset": {"partition_by": "year"}}, '"files" must be a list'),
        (
            {"dataset": {"partition_by": "year", "files": [{"path": "../x.parquet", "rows": 1}]}},
            "must be year=YYYY/part-N.parquet",
        ),
        (
            {"dataset": {"partition_by": "year", "files": [{"path": "/etc/x", "rows": 1}]}},
            "must be year=YYYY/part-N.parquet",
        ),
        (
            {
                "dataset": {
                    "partition_by": "year",
                    "files": [{"path": "year=2017/part-0.parquet", "rows": -1}],
                }
            },
            "must be a count of rows",
        ),
        (
            {
                "dataset": {
                    "partition_by": "year",
                    "files": [{"path": "year=2017/part-0.parquet", "rows": 25}] * 2,
                }
            },
            "lists a file twice",
        ),
    ],
)
def test_bad_metadata_is_refused(written: Path, edit: dict[str, object], expected: str) -> None:
    _edit_metadata(written, edit)
    with pytest.raises(LoadError) as caught:
        dataset.load_dataset(written)
    assert expected in _messages(caught.value)


def test_metadata_that_is_not_json(written: Path) -> None:
    (written / dataset.METADATA_FILE).write_text("{not json", "utf-8")
    with pytest.raises(LoadError) as caught:
        dataset.load_dataset(written)
    assert caught.value.exceptions[0].filename.endswith(dataset.METADATA_FILE)


def test_a_missing_part_file(written: Path) -> None:
    victim = next(written.rglob("year=2017/part-0.parquet"))
    victim.unlink()
    with pytest.raises(LoadError) as caught:
        dataset.load_dataset(written)
    assert caught.value.exceptions[0].filename == os.fspath(victim)


def test_a_part_file_with_other_rows(written: Path) -> None:
    victim = next(written.rglob("year=2017/part-0.parquet"))
    table = pq.read_table(victim, partitioning=None)
    pq.write_table(table.slice(0, 1), victim)
    with pytest.raises(LoadError) as caught:
        dataset.load_dataset(written)
    assert "rows" in _messages(caught.value)


def test_a_damaged_part_file(written: Path) -> None:
    victim = next(written.rglob("year=2017/part-0.parquet"))
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    with pytest.raises(LoadError) as caught:
        dataset.load_dataset(written)
    assert caught.value.exceptions[0].filename == os.fspath(victim)


def test_a_bad_row_is_placed(written: Path) -> None:
    victim = next(written.rglob("year=2017/part-0.parquet"))
    table = pq.read_table(victim, partitioning=None)
    titles = table.column("title").to_pylist()
    titles[0] = None
    table = table.set_column(table.schema.get_field_index("title"), "title", [titles])
    pq.write_table(table, victim)
    with pytest.raises(LoadError) as caught:
        dataset.load_dataset(written)
    assert "title" in _messages(caught.value)


def test_a_relation_across_partitions(tmp_path: Path) -> None:
    a = timeline.Event(id="a", title="A", when=timeline.parse("2016"))
    b = timeline.Event(id="b", title="B", when=timeline.parse("2018"))
    claim = timeline.RelationClaim("a", Relations.of(timeline.Relation.BEFORE), "b")
    t = Timeline([a, b], relations=[claim])
    dataset.dump_dataset(t, tmp_path / "d")
    assert len(list((tmp_path / "d").rglob("*.parquet"))) == 2
    assert dataset.load_dataset(tmp_path / "d") == t


def test_the_limit_on_bytes(written: Path) -> None:
    small = bulk.BULK_LIMITS.__class__(max_bytes=2_000)
    with pytest.raises(LoadError) as caught:
        dataset.load_dataset(written, limits=small)
    assert "limit" in _messages(caught.value)
