"""DuckDB over an exported Parquet file answers overlap queries as the library does.

The SQL of :mod:`timeline.io.bulk`'s docstring (and docs/parquet.md) is exact
for the rows whose ``bounds_exact`` is true; these tests hold it to that, on
the bundled events.yaml and on random timelines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline import strategies as tst
from timeline.collection import Timeline

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from timeline.io import bulk  # noqa: E402 - after the skips

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events.yaml"

POSSIBLE = (
    "(first_earliest IS NULL OR first_earliest <= $b) "
    "AND (last_latest IS NULL OR last_latest >= $a)"
)
CERTAIN = (
    "(first_latest IS NULL OR first_latest <= $b) "
    "AND (last_earliest IS NULL OR last_earliest >= $a)"
)


def sql_ids(path: Path, window: str, *, certain: bool, exact_only: bool = True) -> set[str]:
    value = timeline.parse(window)
    a, b = value.earliest, value.latest
    condition = CERTAIN if certain else POSSIBLE
    where = f"bounds_exact AND {condition}" if exact_only else condition
    rows = duckdb.execute(
        f"SELECT id FROM read_parquet($p) WHERE {where}", {"p": str(path), "a": a, "b": b}
    ).fetchall()
    return {row[0] for row in rows}


def library_ids(t: Timeline, window: str, *, certain: bool, exact: set[str]) -> set[str]:
    return {e.id for e in t.overlapping(window, certain=certain)} & exact


def exact_ids(path: Path) -> set[str]:
    rows = duckdb.execute("SELECT id FROM read_parquet($p) WHERE bounds_exact", {"p": str(path)})
    return {row[0] for row in rows.fetchall()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Timeline, Path]:
    t = timeline.load(EVENTS)
    path = tmp_path_factory.mktemp("parquet") / "events.parquet"
    bulk.dump_parquet(t, path)
    return t, path


WINDOWS = ["FY2017", "2017-09", "2017-09-28", "2017", "2016-10-01/2017-01-31", "2019", "2013-Q3"]


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("certain", [False, True])
def test_events_yaml_overlap_in_sql(
    exported: tuple[Timeline, Path], window: str, certain: bool
) -> None:
    t, path = exported
    exact = exact_ids(path)
    found = sql_ids(path, window, certain=certain)
    assert found == library_ids(t, window, certain=certain, exact=exact)


def test_most_of_events_yaml_is_exact(exported: tuple[Timeline, Path]) -> None:
    t, path = exported
    exact = exact_ids(path)
    assert len(exact) >= len(t) - 5
    # the documented shapes are exact
    for e in t:
        if type(e.when) is timeline.Extent:
            assert e.id in exact, e.when


def test_the_sql_answers_differ_between_possible_and_certain(
    exported: tuple[Timeline, Path],
) -> None:
    _, path = exported
    possible = sql_ids(path, "2017-09", certain=False)
    certain = sql_ids(path, "2017-09", certain=True)
    assert certain < possible  # vague dates in September 2017 are possible, not certain


def test_a_gap_makes_a_row_inexact(tmp_path: Path) -> None:
    gapped = timeline.Event(
        id="gapped", title="Either January or December", when=timeline.parse("[2017-01,2017-12]")
    )
    t = Timeline([gapped])
    path = tmp_path / "gap.parquet"
    bulk.dump_parquet(t, path)
    assert exact_ids(path) == set()
    # The possible SQL would select it for June, which the library does not.
    assert sql_ids(path, "2017-06", certain=False, exact_only=False) == {"gapped"}
    assert len(t.overlapping("2017-06")) == 0


def _windows() -> st.SearchStrategy[str]:
    days = st.integers(timeline.calendar.to_rd(1990, 1, 1), timeline.calendar.to_rd(2030, 12, 31))

    def run(first: int, length: int) -> str:
        a = timeline.Extent.from_rd(first).edtf
        b = timeline.Extent.from_rd(first + length).edtf
        return a if length == 0 else f"{a}/{b}"

    return st.builds(run, days, st.integers(0, 800))


def sql_answers(path: Path, windows: list[str]) -> dict[tuple[int, bool], set[str]]:
    """For each window and each of possible / certain, the ids the SQL selects: one query."""
    values = ", ".join(
        f"({i}, DATE '{v.earliest}', DATE '{v.latest}')"
        for i, v in enumerate(timeline.parse(w) for w in windows)
    )
    possible = POSSIBLE.replace("$a", "w.a").replace("$b", "w.b")
    certain = CERTAIN.replace("$a", "w.a").replace("$b", "w.b")
    rows = duckdb.execute(
        f"SELECT w.i, e.id, {possible}, {certain} FROM read_parquet($p) AS e, "
        f"(VALUES {values}) AS w(i, a, b) WHERE e.bounds_exact",
        {"p": str(path)},
    ).fetchall()
    out: dict[tuple[int, bool], set[str]] = {
        (i, c): set() for i in range(len(windows)) for c in (False, True)
    }
    for i, event_id, is_possible, is_certain in rows:
        if is_possible:
            out[i, False].add(event_id)
        if is_certain:
            out[i, True].add(event_id)
    return out


# Making random timelines is slow: at most 100 examples, fewer if the profile says so.
@settings(
    max_examples=min(settings.default.max_examples, 100),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    tst.timelines(max_size=4, min_year=1990, max_year=2030),
    st.lists(_windows(), min_size=1, max_size=4),
)
def test_random_timelines_overlap_in_sql(tmp_path: Path, t: Timeline, windows: list[str]) -> None:
    path = tmp_path / "random.parquet"
    bulk.dump_parquet(t, path)
    exact = {e.id for e in t if bulk.bounds(e.when)[4]}
    answers = sql_answers(path, windows)
    for i, window in enumerate(windows):
        for certain in (False, True):
            expected = library_ids(t, window, certain=certain, exact=exact)
            assert answers[i, certain] == expected, (window, certain)


# The lists of docs/parquet.md, "When it is exact".
EXACT = [
    "2017-02-13", "2017-W06", "2017-02", "2017-Q3", "2017-21", "2017-34", "2017", "2010s",
    "FY2018", "FY2018-Q1", "2017-01-24/2017-04-30", "2017/..", "../2017-06", "2017-06-01/",
    "/2017", "2017-06~/2017-09?", "2017-03-XX/2017-05", "on(FY2018)",
    "on(2017-09-24/2017-09-28)", "2017-01-XX", "201X", "2017-XX", "2017-06~", "2017?",
    "[2017-01,2017-02]", "{2017-01..2017-03}",
]  # fmt: skip
NOT_EXACT = [
    "2017-09-28T10:00Z", "[2017-01,2017-12]", "201X-06", "on(2019-09-25/..)", "[..2017]",
    "-0044-03-15", "Y12000",
]  # fmt: skip


@pytest.mark.parametrize("edtf", EXACT)
def test_documented_exact_rows(edtf: str) -> None:
    assert bulk.bounds(timeline.parse(edtf))[4] is True


@pytest.mark.parametrize("edtf", NOT_EXACT)
def test_documented_approximate_rows(edtf: str) -> None:
    assert bulk.bounds(timeline.parse(edtf))[4] is False
