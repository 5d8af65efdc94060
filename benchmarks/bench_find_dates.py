"""Score and time ``timeline.find_dates`` against dateparser, datefinder and chrono-node.

Run from the repository root after ``pip install -e '.[test,bench]'`` and
``npm ci --prefix benchmarks/js``::

    python benchmarks/bench_find_dates.py [--split dev|test|both] [--repeat 3] [--errors]

The documents are the hand-marked news texts of ``benchmarks/devset`` (its README gives
the marking guideline). Each system reads each document against its publication date
and returns mentions: a span of character offsets and, where it gives one, a value as
inclusive first and last days. The table reports, per system:

- span precision, recall and F1, strict (the very same offsets as a gold mention) and
  relaxed (overlapping; each gold mention and each prediction matched at most once,
  the pairs with the largest overlap first);
- value precision, recall and F1: a prediction is value-correct when it overlaps a gold
  mention whose bounds are exactly its first and last days (each gold mention counted
  once). Gold mentions marked without a value (``null`` bounds) are left out, and so
  are the predictions whose relaxed match is such a mention;
- throughput in kB/s: characters of the split per second over 1000, best of
  ``--repeat`` runs over the whole split, imports and set-up excluded. chrono-node's is
  timed inside node around ``chrono.parse`` alone; the wall time of the node process,
  start-up included, is printed beside it.

A system whose package is missing is skipped with a note. ``--errors`` lists what
timeline missed, what it found that is not marked, and the values it read wrongly.
The dev split is for development and tuning; report the test split.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEVSET = HERE / "devset"
JS = HERE / "js"
SPLITS = {"dev": ("dev",), "test": ("test",), "both": ("dev", "test")}
BASES = {"stated", "anchor", "context"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DOCUMENT_KEYS = {"id", "url", "outlet", "license", "published", "text", "mentions"}
MENTION_KEYS = {"start", "end", "text", "earliest", "latest", "basis"}


@dataclass(frozen=True)
class Mention:
    """A span ``[start, end)`` of a document and its inclusive bounds (``None``: open or none)."""

    start: int
    end: int
    earliest: dt.date | None
    latest: dt.date | None

    @property
    def has_value(self) -> bool:
        return self.earliest is not None or self.latest is not None


@dataclass(frozen=True)
class Document:
    id: str
    published: dt.date
    text: str
    gold: tuple[Mention, ...]


# -- the development set ------------------------------------------------------------


def validate(records: Sequence[dict[str, Any]], source: str) -> list[str]:
    """Every problem of ``records`` (parsed JSON Lines of ``source``), one line each."""
    problems: list[str] = []
    seen: set[str] = set()
    for line, record in enumerate(records, 1):
        where = f"{source}:{line}"
        if set(record) != DOCUMENT_KEYS:
            problems.append(f"{where}: keys {sorted(record)}, expected {sorted(DOCUMENT_KEYS)}")
            continue
        where = f"{where} ({record['id']})"
        if record["id"] in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(record["id"])
        text = record["text"]
        try:
            dt.date.fromisoformat(record["published"])
        except (TypeError, ValueError):
            problems.append(f"{where}: published {record['published']!r} is not an ISO day")
        previous_end = 0
        for number, mention in enumerate(record["mentions"]):
            at = f"{where}: mentions[{number}]"
            if set(mention) != MENTION_KEYS:
                problems.append(f"{at}: keys {sorted(mention)}, expected {sorted(MENTION_KEYS)}")
                continue
            start, end = mention["start"], mention["end"]
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
                problems.append(f"{at}: bad offsets {start!r}, {end!r}")
                continue
            if text[start:end] != mention["text"]:
                problems.append(
                    f"{at}: text[{start}:{end}] is {text[start:end]!r}, not {mention['text']!r}"
                )
            if start < previous_end:
                problems.append(f"{at}: overlaps or precedes the mention before it")
            previous_end = end
            if mention["basis"] not in BASES:
                problems.append(f"{at}: basis {mention['basis']!r} not in {sorted(BASES)}")
            bounds: dict[str, dt.date | None] = {}
            for key in ("earliest", "latest"):
                value = mention[key]
                try:
                    bounds[key] = None if value is None else dt.date.fromisoformat(value)
                except (TypeError, ValueError):
                    problems.append(f"{at}: {key} {value!r} is not an ISO day or null")
            if len(bounds) < 2:
                continue
            first, last = bounds["earliest"], bounds["latest"]
            if first is not None and last is not None and first > last:
                problems.append(f"{at}: earliest {first} is after latest {last}")
            # A bare weekday is one day, and that day is the weekday it names.
            if mention["text"] in WEEKDAYS and (
                first is None or first != last or WEEKDAYS[first.weekday()] != mention["text"]
            ):
                problems.append(f"{at}: {mention['text']} marked {first}..{last}")
    return problems


def load(split: str) -> list[Document]:
    """The documents of ``split`` (dev, test or both), validated; exits on a bad file."""
    documents: list[Document] = []
    problems: list[str] = []
    for name in SPLITS[split]:
        path = DEVSET / f"{name}.jsonl"
        with path.open(encoding="utf-8") as lines:
            records = [json.loads(line) for line in lines if line.strip()]
        problems += validate(records, path.name)
        for record in records:
            gold = tuple(
                Mention(m["start"], m["end"], _day(m["earliest"]), _day(m["latest"]))
                for m in record["mentions"]
            )
            documents.append(
                Document(
                    record["id"], dt.date.fromisoformat(record["published"]), record["text"], gold
                )
            )
    if problems:
        sys.exit("invalid development set:\n" + "\n".join(problems))
    return documents


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


# -- the systems --------------------------------------------------------------------

Finder = Callable[[Document], list[Mention]]


@dataclass
class System:
    name: str
    finder: Finder | None  # None: run outside Python (chrono-node)
    note: str = ""


def timeline_system() -> System:
    try:
        import timeline

        find_dates: Any = timeline.find_dates
    except (ImportError, AttributeError):
        return System("timeline", None, "timeline.find_dates is not available")
    anchors: dict[dt.date, Any] = {}

    def find(document: Document) -> list[Mention]:
        anchor = anchors.get(document.published)
        if anchor is None:
            anchor = anchors[document.published] = timeline.parse(document.published.isoformat())
        found = []
        for mention in find_dates(document.text, anchor=anchor):
            start, end = mention.span
            value = mention.value
            found.append(Mention(start, end, _date(value.earliest_day), _date(value.latest_day)))
        return found

    return System("timeline", find)


def _date(rata_die: int | None) -> dt.date | None:
    return None if rata_die is None else dt.date.fromordinal(rata_die)


def dateparser_system() -> System:
    try:
        from dateparser.date import DateDataParser  # type: ignore[import-untyped]
        from dateparser.search import search_dates  # type: ignore[import-untyped]
    except ImportError:
        return System("dateparser", None, "dateparser is not installed")
    parsers: dict[dt.date, tuple[dict[str, Any], Any]] = {}

    def find(document: Document) -> list[Mention]:
        if document.published not in parsers:
            settings = {
                "RELATIVE_BASE": dt.datetime.combine(document.published, dt.time(12)),
                "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False,
            }
            parsers[document.published] = (
                settings,
                DateDataParser(languages=["en"], settings=settings),
            )
        settings, parser = parsers[document.published]
        found = []
        cursor = 0
        for string, _ in search_dates(document.text, settings=settings, languages=["en"]) or ():
            # search_dates gives no offsets: its strings come in order, so each is
            # looked for after the one before it.
            start = document.text.find(string, cursor)
            if start < 0:
                continue
            cursor = start + len(string)
            data = parser.get_date_data(string)
            earliest, latest = _period_bounds(data.date_obj, data.period)
            found.append(Mention(start, cursor, earliest, latest))
        return found

    return System("dateparser", find)


def _period_bounds(
    moment: dt.datetime | None, period: str | None
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last days of the ``period`` (day, week, month, year) around ``moment``."""
    if moment is None:
        return None, None
    day = moment.date()
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if period == "month":
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return day.replace(day=1), following - dt.timedelta(days=1)
    if period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day  # day, time


def datefinder_system() -> System:
    try:
        import datefinder  # type: ignore[import-untyped]
    except ImportError:
        return System("datefinder", None, "datefinder is not installed")

    def find(document: Document) -> list[Mention]:
        base = dt.datetime.combine(document.published, dt.time(12))
        found = []
        for moment, _, (start, end) in datefinder.find_dates(
            document.text, source=True, index=True, base_date=base
        ):
            found.append(Mention(start, end, moment.date(), moment.date()))
        return found

    return System("datefinder", find)


def chrono_system() -> System:
    if shutil.which("node") is None:
        return System("chrono-node", None, "node is not installed")
    if not (JS / "node_modules" / "chrono-node").is_dir():
        return System("chrono-node", None, "run `npm ci --prefix benchmarks/js` first")
    return System("chrono-node", None)


def run_chrono(
    documents: Sequence[Document], repeat: int
) -> tuple[dict[str, list[Mention]], float, float, str]:
    """chrono-node's mentions per document id, its parse seconds, wall seconds and version."""
    payload = json.dumps(
        [{"id": d.id, "text": d.text, "published": d.published.isoformat()} for d in documents]
    )
    start = time.perf_counter()
    completed = subprocess.run(
        ["node", str(JS / "chrono_runner.mjs"), "--repeat", str(repeat)],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TZ": "UTC"},
    )
    wall = time.perf_counter() - start
    out = json.loads(completed.stdout)
    mentions = {
        doc_id: [
            Mention(r["index"], r["index"] + len(r["text"]), _day(r["earliest"]), _day(r["latest"]))
            for r in results
        ]
        for doc_id, results in out["documents"].items()
    }
    return mentions, out["parse_seconds"], wall, out["version"]


# -- scoring ------------------------------------------------------------------------


def _overlap(a: Mention, b: Mention) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _greedy(pairs: Iterable[tuple[int, int, int]]) -> dict[int, int]:
    """One-to-one matching of (score, prediction, gold) pairs, highest score first."""
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, p, g in sorted(pairs, key=lambda pair: (-pair[0], pair[1], pair[2])):
        if p not in matched and g not in taken:
            matched[p] = g
            taken.add(g)
    return matched


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value_predicted: int = 0
    value_gold: int = 0
    value_correct: int = 0

    def add(self, predicted: Sequence[Mention], gold: Sequence[Mention]) -> Matches:
        predicted = sorted(set(predicted), key=lambda m: (m.start, m.end))
        spans = {(g.start, g.end) for g in gold}
        overlapping = [
            (_overlap(p, g), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if _overlap(p, g) > 0
        ]
        relaxed = _greedy(overlapping)
        valued = _greedy(
            (score, i, j)
            for score, i, j in overlapping
            if gold[j].has_value
            and (predicted[i].earliest, predicted[i].latest) == (gold[j].earliest, gold[j].latest)
        )
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.strict += len({(p.start, p.end) for p in predicted} & spans)
        self.relaxed += len(relaxed)
        self.value_gold += sum(g.has_value for g in gold)
        self.value_predicted += sum(
            1 for i in range(len(predicted)) if i not in relaxed or gold[relaxed[i]].has_value
        )
        self.value_correct += len(valued)
        return Matches(predicted, relaxed, valued)


@dataclass(frozen=True)
class Matches:
    predicted: list[Mention]
    relaxed: dict[int, int]
    valued: dict[int, int]


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return 100 * precision, 100 * recall, 100 * f1


# -- running ------------------------------------------------------------------------


def time_best(
    finder: Finder, documents: Sequence[Document], repeat: int
) -> tuple[float, list[list[Mention]], list[str]]:
    """Best seconds of ``repeat`` runs, the mentions per document, and the failures.

    A document on which the system raises counts as one where it found nothing, so
    that one bug does not hide the scores of the rest; each failure is reported.
    """
    best = float("inf")
    results: list[list[Mention]] = []
    failures: list[str] = []
    for _ in range(max(1, repeat)):
        results, failures = [], []
        start = time.perf_counter()
        for document in documents:
            try:
                results.append(finder(document))
            except Exception as error:  # reported below, not hidden
                results.append([])
                failures.append(f"{document.id}: {type(error).__name__}: {error}")
        best = min(best, time.perf_counter() - start)
    return best, results, failures


def print_errors(documents: Sequence[Document], matches: Sequence[Matches]) -> None:
    for document, match in zip(documents, matches, strict=True):
        text = document.text
        lines = []
        matched_gold = set(match.relaxed.values())
        for j, g in enumerate(document.gold):
            if j not in matched_gold:
                lines.append(
                    f"  missed   {text[g.start : g.end]!r} [{g.start}:{g.end}] {_bounds(g)}"
                )
        for i, p in enumerate(match.predicted):
            if i not in match.relaxed:
                lines.append(
                    f"  spurious {text[p.start : p.end]!r} [{p.start}:{p.end}] {_bounds(p)}"
                )
            elif i not in match.valued and document.gold[match.relaxed[i]].has_value:
                g = document.gold[match.relaxed[i]]
                lines.append(
                    f"  value    {text[p.start : p.end]!r} read {_bounds(p)}, "
                    f"marked {text[g.start : g.end]!r} {_bounds(g)}"
                )
        if lines:
            print(f"{document.id} (published {document.published}):")
            print("\n".join(lines))


def _bounds(m: Mention) -> str:
    return f"{m.earliest or '..'}/{m.latest or '..'}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list timeline's missed, spurious and misread mentions",
    )
    parser.add_argument(
        "--systems",
        default="timeline,dateparser,datefinder,chrono-node",
        help="comma-separated systems to run",
    )
    args = parser.parse_args(argv)

    from tabulate import tabulate

    documents = load(args.split)
    characters = sum(len(d.text) for d in documents)
    gold_count = sum(len(d.gold) for d in documents)
    print(
        f"{args.split}: {len(documents)} documents, {characters:,} characters, "
        f"{sum(len(d.text.split()) for d in documents):,} words, {gold_count} marked "
        f"mentions ({sum(m.has_value for d in documents for m in d.gold)} with a value)"
    )

    makers = {
        "timeline": timeline_system,
        "dateparser": dateparser_system,
        "datefinder": datefinder_system,
        "chrono-node": chrono_system,
    }
    wanted = [name.strip() for name in args.systems.split(",") if name.strip()]
    rows = []
    speeds: dict[str, float] = {}
    timeline_matches: list[Matches] = []
    for name in wanted:
        system = makers[name]()
        if system.note:
            print(f"skipped {name}: {system.note}")
            continue
        note = ""
        if system.finder is None:
            found, seconds, wall, version = run_chrono(documents, args.repeat)
            results = [found.get(d.id, []) for d in documents]
            note = (
                f"chrono-node {version}: {characters / wall / 1000:,.0f} kB/s counting "
                f"the node process ({wall:.2f} s wall, start-up included)"
            )
        else:
            seconds, results, failures = time_best(system.finder, documents, args.repeat)
            for failure in failures:
                print(f"{name} raised on {failure}")
        counts = Counts()
        matches = [counts.add(r, d.gold) for r, d in zip(results, documents, strict=True)]
        if name == "timeline":
            timeline_matches = matches
        speed = characters / seconds / 1000
        speeds[name] = speed
        rows.append(
            [
                name,
                *prf(counts.strict, counts.predicted, counts.gold),
                *prf(counts.relaxed, counts.predicted, counts.gold),
                *prf(counts.value_correct, counts.value_predicted, counts.value_gold),
                speed,
            ]
        )
        if note:
            print(note)
    if "timeline" in speeds:
        for row in rows:
            ratio = speeds["timeline"] / speeds[row[0]]
            row.append(
                ""
                if row[0] == "timeline"
                else f"×{ratio:,.1f} faster"
                if ratio >= 1
                else f"×{1 / ratio:,.1f} slower"
            )
    headers = [
        "system",
        "strict P",
        "strict R",
        "strict F1",
        "relaxed P",
        "relaxed R",
        "relaxed F1",
        "value P",
        "value R",
        "value F1",
        "kB/s",
    ]
    if "timeline" in speeds:
        headers.append("timeline")
    print(tabulate(rows, headers=headers, floatfmt=".1f"))
    if args.errors and timeline_matches:
        print()
        print_errors(documents, timeline_matches)
    return 0


if __name__ == "__main__":
    sys.exit(main())
