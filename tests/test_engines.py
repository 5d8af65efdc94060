"""DuckDB, Polars and Spark answer the certain/possible queries exactly as the library does.

Every test writes a timeline as one Parquet file or as a partitioned dataset,
asks an engine through :mod:`timeline.engines`, and compares with the
in-memory :class:`Timeline` on the same events: ids as sets, group counts
unit by unit. Spark runs in local mode in this process's machine, one session
for the whole test run; it is skipped only when pyspark or Java is absent and
neither ``TIMELINE_REQUIRE_SPARK`` nor ``CI`` is set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import timeline
from timeline import engines
from timeline import strategies as tst
from timeline.calendar import FiscalCalendar
from timeline.collection import Timeline
from timeline.when import TimeValue

pytest.importorskip("pyarrow")

from timeline.io import bulk, dataset

ROOT = Path(__file__).resolve().parents[1]

# A newer pandas than pyspark knows may be installed beside it; that is not ours to fix.
pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)

_REQUIRE_SPARK = bool(os.environ.get("TIMELINE_REQUIRE_SPARK") or os.environ.get("CI"))


def _java() -> bool:
    try:
        done = subprocess.run(["java", "-version"], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session for the run: one core, one shuffle partition, no UI."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        if _REQUIRE_SPARK:
            raise
        pytest.skip("pyspark is not installed")
    if not _java():
        if _REQUIRE_SPARK:
            pytest.fail("Spark is required here (CI or TIMELINE_REQUIRE_SPARK), and java is absent")
        pytest.skip("no java for Spark")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("timeline-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(params=engines.ENGINES)
def engine(request: pytest.FixtureRequest) -> tuple[str, Any]:
    """Each engine, with the Spark session when it is Spark."""
    name: str = request.param
    if name == "duckdb":
        pytest.importorskip("duckdb")
    if name == "polars":
        pytest.importorskip("polars")
    session = request.getfixturevalue("spark") if name == "spark" else None
    return name, session


def _timeline(values: list[TimeValue]) -> Timeline:
    return Timeline(
        timeline.Event(id=f"e{i}", title=f"event {i}", when=v) for i, v in enumerate(values)
    )


def _write(t: Timeline, directory: Path, layout: str) -> Path:
    if layout == "file":
        path = directory / "events.parquet"
        bulk.dump_parquet(t, path)
    else:
        path = directory / "events"
        dataset.dump_dataset(t, path)
    return path


def _expected(t: Timeline, tests: dict[str, Any], certain: bool) -> list[str]:
    for test, x in tests.items():
        t = getattr(t, test)(x, certain=certain)
    return sorted(e.id for e in t)


def _expected_groups(
    t: Timeline, key: str, calendar: FiscalCalendar, tests: dict[str, Any], certain: bool
) -> list[tuple[timeline.Extent, int, int]]:
    for test, x in tests.items():
        t = getattr(t, test)(x, certain=certain)
    groups = t.group_by(key, calendar=calendar, max_groups=10**7, max_members=10**8)  # type: ignore[arg-type]
    return [(label, len(g.certain), len(g.possible)) for label, g in groups.items()]  # type: ignore[misc]


# Y12000 stretches the extent to the year 12000: 144,000 months, half a million weeks.
BIG: dict[str, Any] = {"max_groups": 10**7, "max_members": 10**8}


def _groups(found: list[engines.GroupCount]) -> list[tuple[timeline.Extent, int, int]]:
    return [(g.label, g.certain, g.possible) for g in found]


# --------------------------------------------------------------------------------------
# A table of the shapes that matter: every kind of date docs/parquet.md names, exact or not,
# against windows of every kind, on every engine.

SHAPES = [
    "2017-02-13", "2017-W06", "2017-02", "2017-Q3", "2017-21", "2017", "2010s", "FY2018",
    "FY2018-Q1", "2017-01-24/2017-04-30", "2017/..", "../2017-06", "2017-06-01/", "/2017",
    "2017-06~/2017-09?", "2017-03-XX/2017-05", "on(FY2018)", "on(2017-09-24/2017-09-28)",
    "2017-01-XX", "201X", "2017-XX", "2017-06~", "2017?", "[2017-01,2017-02]",
    "{2017-01..2017-03}", "2017-09-28T10:00Z", "2017-09-28T23:30-05:00", "[2017-01,2017-12]",
    "201X-06", "on(2019-09-25/..)", "[..2017]", "[2019..]", "-0044-03-15", "Y12000",
    "0001-01-01", "9999-12", "2016-12-31/2017-01-01", "19XX", "2017-XX-XX",
    "2018-06-01/..", "../2016", "2017-06/..", "../2017-06-15",
]  # fmt: skip
WINDOWS = [
    "FY2017", "2017-09", "2017-09-28", "2017", "2016-10-01/2017-01-31", "2019", "2013-Q3",
    "2017-06", "2017-01-15/2017-02-20", "2017/..", "../2017-06", "2017-06-01/", "201X",
    "on(FY2018)", "[2017-01,2017-12]", "2017-09-28T10:00Z", "2017-06~/2017-09?", "0001",
    "9999", "2017-06-01/..",
]  # fmt: skip


# Days at the ends of the years the columns hold, and beyond: they stretch the extent that
# open ends reach to thousands of years, which the grouping tests by month or week avoid.
FAR = {"-0044-03-15", "Y12000", "0001-01-01", "9999-12"}


def _written(
    factory: pytest.TempPathFactory, shapes: list[str]
) -> tuple[Timeline, dict[str, Path]]:
    t = _timeline([timeline.parse(s) for s in shapes])
    directory = factory.mktemp("shapes")
    return t, {layout: _write(t, directory, layout) for layout in ("file", "dataset")}


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Timeline, dict[str, Path]]:
    return _written(tmp_path_factory, SHAPES)


@pytest.fixture(scope="module")
def near(tmp_path_factory: pytest.TempPathFactory) -> tuple[Timeline, dict[str, Path]]:
    return _written(tmp_path_factory, [s for s in SHAPES if s not in FAR])


def _asked() -> list[tuple[str, str, bool]]:
    return [(t, w, c) for w in WINDOWS for t in engines.TESTS for c in (False, True)]


def _one_by_one(name: str, path: Path, t: Timeline) -> list[str]:
    """Every test of every window through :func:`engines.select`: what differs."""
    wrong = []
    for test, window, certain in _asked():
        found = engines.select(path, name, certain=certain, **{test: window})  # type: ignore[arg-type]
        if found != _expected(t, {test: window}, certain):
            wrong.append(f"{test}({window!r}, certain={certain})")
    return wrong


def _all_at_once(session: Any, path: Path, t: Timeline) -> list[str]:
    """The same on Spark, in one query: each question's two predicates as two columns.

    What :func:`engines.select` does per question, with the engine's part done for all
    200 questions in one Spark job (a Spark job costs a second or so here).
    """
    asked = _asked()
    splits = [
        (f, *engines._combined([f]))
        for f in (engines._Filter(test, c, engines._Window.of(w)) for test, w, c in asked)
    ]
    backend = engines._Spark(str(path), session)
    try:
        columns = ", ".join(
            f"{backend.pred(yes)} AS y{i}, {backend.pred(candidate)} AS c{i}"
            for i, (_, yes, candidate) in enumerate(splits)
        )
        rows = backend.run(f"SELECT id, edtf, {columns} FROM {backend.source}")
    finally:
        backend.close()
    wrong = []
    for i, ((test, window, certain), (f, _, _)) in enumerate(zip(asked, splits, strict=True)):
        sure = [r[0] for r in rows if r[2 + 2 * i]]
        rest = [(r[0], r[1]) for r in rows if r[3 + 2 * i] and not r[2 + 2 * i]]
        found = sorted([*sure, *(e.id for e in engines._library(engines._values(rest), [f]))])
        if found != _expected(t, {test: window}, certain):
            wrong.append(f"{test}({window!r}, certain={certain})")
    return wrong


@pytest.mark.parametrize("layout", ["file", "dataset"])
def test_every_shape_against_every_window(
    engine: tuple[str, Any], shapes: tuple[Timeline, dict[str, Path]], layout: str
) -> None:
    name, session = engine
    t, paths = shapes
    if name == "spark" and layout == "file":
        pytest.skip("Spark reads the dataset here, and the single file in the far-days tests")
    if name == "spark":
        assert _all_at_once(session, paths[layout], t) == []
    else:
        assert _one_by_one(name, paths[layout], t) == []


@pytest.mark.parametrize("key", engines.GROUP_KEYS)
def test_every_shape_grouped(
    engine: tuple[str, Any], near: tuple[Timeline, dict[str, Path]], key: str
) -> None:
    name, session = engine
    t, paths = near
    if name == "spark" and key in ("quarter", "month"):
        pytest.skip("the same SQL as fiscal-quarter, other numbers: one Spark run is enough")
    found = engines.group_counts(paths["dataset"], name, key, session=session)  # type: ignore[arg-type]
    assert _groups(found) == _expected_groups(t, key, FiscalCalendar.US_FEDERAL, {}, False)


@pytest.mark.parametrize("key", ["year", "fiscal-year"])
def test_far_days_grouped(
    engine: tuple[str, Any], shapes: tuple[Timeline, dict[str, Path]], key: str
) -> None:
    """Open ends reach from 45 BCE to the year 12000, beyond the days a column holds."""
    name, session = engine
    t, paths = shapes
    found = engines.group_counts(paths["file"], name, key, session=session, **BIG)  # type: ignore[arg-type]
    assert _groups(found) == _expected_groups(t, key, FiscalCalendar.US_FEDERAL, {}, False)


@pytest.mark.parametrize("preset", sorted(FiscalCalendar.PRESETS))
def test_fiscal_presets(near: tuple[Timeline, dict[str, Path]], preset: str) -> None:
    t, paths = near
    calendar = FiscalCalendar.PRESETS[preset]
    for key in ("fiscal-year", "fiscal-quarter"):
        for name in ("duckdb", "polars"):
            found = engines.group_counts(paths["file"], name, key, calendar=calendar)  # type: ignore[arg-type]
            assert _groups(found) == _expected_groups(t, key, calendar, {}, False), (name, key)


def test_grouping_what_a_query_selects(
    engine: tuple[str, Any], near: tuple[Timeline, dict[str, Path]]
) -> None:
    name, session = engine
    t, paths = near
    tests = {"overlapping": "2016/2018", "before": "2019-06"}
    for certain in (False, True):
        found = engines.group_counts(
            paths["dataset"], name, "quarter", certain=certain, session=session, **tests
        )  # type: ignore[arg-type]
        expected = _expected_groups(t, "quarter", FiscalCalendar.US_FEDERAL, tests, certain)
        assert _groups(found) == expected
        ids = engines.select(paths["dataset"], name, certain=certain, session=session, **tests)
        assert ids == _expected(t, tests, certain)


def test_no_test_selects_everything(
    engine: tuple[str, Any], shapes: tuple[Timeline, dict[str, Path]]
) -> None:
    name, session = engine
    t, paths = shapes
    assert engines.select(paths["dataset"], name, session=session) == sorted(e.id for e in t)


def test_the_bounds_decide_most_rows(shapes: tuple[Timeline, dict[str, Path]]) -> None:
    """Only the rows the bounds leave open go back to the library (a test of the split)."""
    duckdb = pytest.importorskip("duckdb")
    _, paths = shapes
    window = engines._Window.of("2017")
    yes, maybe = engines._Filter("overlapping", False, window).split()
    backend = engines._DuckDB(str(paths["file"]), None)
    try:
        count = f"SELECT count(*) FROM {backend.source} WHERE "
        sure = backend.run(count + backend.pred(yes))[0][0]
        open_ = backend.run(count + backend.pred(_and_not(yes, maybe)))[0][0]
    finally:
        backend.close()
    assert isinstance(duckdb.__version__, str)
    assert sure >= 20
    assert open_ <= 14  # the rows that are not exact, and no more


def _and_not(yes: Any, maybe: Any) -> Any:
    return engines._and(maybe, engines._not(yes))


# --------------------------------------------------------------------------------------
# Random timelines: vague and open ends, sets, unspecified digits, instants.

_YEARS = {"min_year": 1990, "max_year": 2030}
_values = st.one_of(
    tst.time_values(**_YEARS),
    tst.periods(**_YEARS),
    tst.sets(**_YEARS),
    tst.unspecified_values(**_YEARS),
    tst.moments(**_YEARS),
)


def _runs() -> st.SearchStrategy[TimeValue]:
    days = st.integers(timeline.calendar.to_rd(1990, 1, 1), timeline.calendar.to_rd(2030, 12, 31))

    def run(first: int, length: int) -> TimeValue:
        a = timeline.Extent.from_rd(first)
        return a if length == 0 else timeline.Period(a, timeline.Extent.from_rd(first + length))

    return st.builds(run, days, st.integers(0, 800))


_windows = st.one_of(_runs(), _values)
_keys = st.sampled_from(["year", "quarter", "fiscal-year", "fiscal-quarter", "month"])
_calendars = st.sampled_from(sorted(FiscalCalendar.PRESETS.values(), key=lambda c: c.name))


def _library_can(t: Timeline, x: TimeValue) -> bool:
    try:
        t.overlapping(x)
    except (timeline.TimelineError, ValueError):
        return False
    return True


def _check(
    name: str,
    session: Any,
    values: list[TimeValue],
    layout: str,
    asks: list[tuple[str, TimeValue, bool]],
    key: str,
    calendar: FiscalCalendar,
) -> None:
    t = _timeline(values)
    for _, x, _ in asks:
        assume(_library_can(t, x))
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(t, Path(tmp), layout)
        for test, x, certain in asks:
            found = engines.select(path, name, certain=certain, session=session, **{test: x})  # type: ignore[arg-type]
            assert found == _expected(t, {test: x}, certain), (test, x.edtf, certain)
        groups = engines.group_counts(path, name, key, calendar=calendar, session=session)  # type: ignore[arg-type]
        assert _groups(groups) == _expected_groups(t, key, calendar, {}, False), key
        shutil.rmtree(tmp, ignore_errors=True)


_asks = st.lists(
    st.tuples(st.sampled_from(engines.TESTS), _windows, st.booleans()), min_size=1, max_size=6
)


@pytest.mark.parametrize("name", ["duckdb", "polars"])
@settings(
    max_examples=min(settings.default.max_examples, 60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    st.lists(_values, max_size=10),
    st.sampled_from(["file", "dataset"]),
    _asks,
    _keys,
    _calendars,
)
def test_random_timelines(
    name: str,
    values: list[TimeValue],
    layout: str,
    asks: list[tuple[str, TimeValue, bool]],
    key: str,
    calendar: FiscalCalendar,
) -> None:
    pytest.importorskip(name)
    _check(name, None, values, layout, asks, key, calendar)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(
    st.lists(_values, max_size=10),
    _asks.map(lambda asks: asks[:1]),
    _keys,
    _calendars,
)
def test_random_timelines_on_spark(
    spark: Any,
    values: list[TimeValue],
    asks: list[tuple[str, TimeValue, bool]],
    key: str,
    calendar: FiscalCalendar,
) -> None:
    _check("spark", spark, values, "dataset", asks, key, calendar)


# --------------------------------------------------------------------------------------
# The edges of the API.


def test_events_yaml_on_every_engine(engine: tuple[str, Any], tmp_path: Path) -> None:
    name, session = engine
    t = timeline.load(ROOT / "events.yaml")
    path = _write(t, tmp_path, "dataset")
    for certain in (False, True):
        found = engines.query(path, name, overlapping="FY2017", certain=certain, session=session)  # type: ignore[arg-type]
        assert found == _expected(t, {"overlapping": "FY2017"}, certain)
    by_year = engines.query(path, name, group_by="fiscal-year", session=session)  # type: ignore[arg-type]
    assert isinstance(by_year[0], engines.GroupCount)
    assert _groups(by_year) == _expected_groups(  # type: ignore[arg-type]
        t, "fiscal-year", FiscalCalendar.US_FEDERAL, {}, False
    )


def test_an_unknown_engine_is_refused(tmp_path: Path) -> None:
    with pytest.raises(timeline.ConstraintError, match="duckdb, polars, spark"):
        engines.select(tmp_path, "sqlite")  # type: ignore[arg-type]


def test_a_missing_path_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(timeline.io.LoadError) as caught:
        engines.select(tmp_path / "absent.parquet", "duckdb", overlapping="2017")
    assert "no such file" in str(caught.value.exceptions[0])


@pytest.mark.parametrize("name", ["duckdb", "polars"])
def test_a_file_that_is_not_parquet_is_a_load_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / "events.parquet"
    path.write_text("not parquet")
    with pytest.raises(timeline.io.LoadError) as caught:
        engines.select(path, name, overlapping="2017")  # type: ignore[arg-type]
    assert "could not read the data" in str(caught.value.exceptions[0])


def test_an_unknown_group_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(timeline.ConstraintError, match="group_counts"):
        engines.group_counts(tmp_path, "duckdb", "kind")  # type: ignore[arg-type]


def test_a_bad_query_value_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(timeline.ParseError):
        engines.select(tmp_path, "duckdb", overlapping="not a date")


def test_an_empty_timeline(engine: tuple[str, Any], tmp_path: Path) -> None:
    name, session = engine
    path = _write(Timeline(), tmp_path, "file")
    assert engines.select(path, name, overlapping="2017", session=session) == []  # type: ignore[arg-type]
    assert engines.group_counts(path, name, "year", session=session) == []  # type: ignore[arg-type]
