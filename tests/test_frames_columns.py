"""Column-held timelines go to Arrow from their arrays, and plain tables come back as columns.

Whatever the path, the table, the timeline and the errors are those of the
event-by-event path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from backings import plain
from hypothesis import HealthCheck, given, settings

import timeline
from timeline import Event, Timeline, parse
from timeline import strategies as tst
from timeline.columns import columnar
from timeline.frames import from_arrow, from_pandas, from_polars, to_arrow, to_pandas
from timeline.io import LoadError, bulk

pa = pytest.importorskip("pyarrow")

SOME = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def by_events() -> Iterator[None]:
    saved = bulk._COLUMNS
    bulk._COLUMNS = False
    try:
        yield
    finally:
        bulk._COLUMNS = saved


def outcome(read: Callable[[], Timeline]) -> Timeline | str:
    try:
        return read()
    except LoadError as error:
        return str(error)


def both(read: Callable[[], Timeline]) -> tuple[Timeline | str, Timeline | str]:
    found = outcome(read)
    with by_events():
        expected = outcome(read)
    return found, expected


def plain_timeline(t: Timeline) -> Timeline:
    events = [plain(e) for e in t if not e.metrics]
    kept = [e for e in events if plain(e) == e]
    return Timeline(kept, title=t.title, sources=list(t.sources.values()))


@SOME
@given(tst.timelines(max_size=8, min_year=2016, max_year=2018))
def test_a_column_timeline_goes_to_arrow_as_event_by_event(t: Timeline) -> None:
    c = columnar(plain_timeline(t))
    table = to_arrow(c)
    with by_events():
        expected = to_arrow(c)
    assert table.equals(expected, check_metadata=True)
    if len(c):
        view = c.overlapping(c.events[0].when)
        found = to_arrow(view)
        with by_events():
            assert found.equals(to_arrow(view), check_metadata=True)


@SOME
@given(tst.timelines(max_size=8, min_year=2016, max_year=2018))
def test_plain_tables_come_back_as_columns(t: Timeline) -> None:
    c = columnar(plain_timeline(t))
    table = to_arrow(c)
    found, expected = both(lambda: from_arrow(table))
    assert found == expected
    assert found == c
    # Every table of plain rows is held as columns, titles in any script included.
    assert isinstance(found, Timeline)
    assert found.backing == ("columns" if len(c) else "objects")
    assert list(found.ids) == list(c.ids)


def _sample() -> Timeline:
    days = ["2017-01-02", "2017-01", "2016", "2017-09-24/2017-09-27", "2017~"]
    return columnar(
        Timeline([Event(id=f"e{i}", title=f"Event {i}", when=parse(d)) for i, d in enumerate(days)])
    )


def test_frames_of_plain_rows_come_back_as_columns() -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    import polars as pl

    c = _sample()
    for read in (
        lambda: from_arrow(to_arrow(c)),
        lambda: from_pandas(to_pandas(c), base=c),
        lambda: from_polars(pl.from_arrow(to_arrow(c)), base=c),
        lambda: from_arrow(to_arrow(c).select(["id", "title", "edtf"])),
    ):
        found, expected = both(read)
        assert found == expected == c
        assert isinstance(found, Timeline)
        assert found.backing == "columns"


def _changed(column: str, row: int, value: Any, kind: Any = None) -> Any:
    table = to_arrow(_sample())
    values = table.column(column).to_pylist()
    values[row] = value
    index = table.schema.get_field_index(column)
    return table.set_column(index, column, pa.array(values, kind or pa.string()))


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(lambda: _changed("id", 1, "e 1"), id="bad-id"),
        pytest.param(lambda: _changed("id", 1, "e0"), id="id-twice"),
        pytest.param(lambda: _changed("title", 2, None), id="null-title"),
        pytest.param(lambda: _changed("title", 2, "   "), id="blank-title"),
        pytest.param(lambda: _changed("edtf", 0, "2017-02-30"), id="bad-date"),
        pytest.param(lambda: _changed("edtf", 0, None), id="no-date"),
        pytest.param(lambda: _changed("kind", 3, "no-such-kind"), id="bad-kind"),
        pytest.param(lambda: _changed("kind", 3, None), id="null-kind"),
        pytest.param(lambda: _changed("rest", 4, '{"tags": ["x"]}'), id="rest"),
        pytest.param(lambda: _changed("rest", 4, "[]"), id="rest-not-object"),
        pytest.param(
            lambda: to_arrow(_sample()).append_column("summary", pa.array(["s"] * 5)),
            id="more-fields",
        ),
        pytest.param(
            lambda: to_arrow(_sample()).append_column("colour", pa.array(["s"] * 5)),
            id="unknown-column",
        ),
        pytest.param(
            lambda: (
                to_arrow(_sample())
                .drop_columns(["edtf"])
                .rename_columns(["id", "kind", "title", *[f"x{i}" for i in range(8)]])
            ),
            id="no-date-column",
        ),
        pytest.param(
            lambda: to_arrow(_sample()).set_column(2, "title", pa.array(range(5))), id="int-title"
        ),
    ],
)
def test_tables_that_are_not_plain_read_as_row_by_row(table: Callable[[], Any]) -> None:
    t = table()
    found, expected = both(lambda: from_arrow(t))
    assert found == expected


def test_pandas_missing_values_read_as_row_by_row() -> None:
    pd = pytest.importorskip("pandas")
    frame = to_pandas(_sample())
    for column, value in (("title", float("nan")), ("kind", None), ("title", pd.NA), ("id", 3)):
        changed = frame.astype({column: object})
        changed.iloc[1, changed.columns.get_loc(column)] = value
        found, expected = both(lambda changed=changed: from_pandas(changed, base=_sample()))
        assert found == expected


def test_a_dump_of_a_column_timeline_reads_back(tmp_path: Any) -> None:
    c = _sample()
    path = tmp_path / "c.parquet"
    timeline.io.dump_parquet(c, path)
    with by_events():
        timeline.io.dump_parquet(c, tmp_path / "e.parquet")
    assert path.read_bytes() == (tmp_path / "e.parquet").read_bytes()
    assert timeline.io.load_parquet(path) == c
