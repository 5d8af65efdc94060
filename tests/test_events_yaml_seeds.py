"""events.yaml against the seed articles: every fact carries its source.

The file is read with ``yaml.BaseLoader``, which keeps every scalar a string, so
nothing here depends on YAML's guesses about dates and numbers. The checks:

* the shape: format version, sources, events of known kinds, metrics, relations;
* every id is kebab-case and unique in the file; every reference resolves;
* every time value parses, and every ``derived`` date re-runs to the same value;
* every quote is a verbatim substring of its source's seed file (byte for byte);
* every number written in a metric's quote is a number the file records;
* every number written with digits in an article is captured as a metric (or is
  on a short allow-list of numbers that are not facts), and so are the number
  words listed in ``NUMBER_WORDS``;
* every relation an article asserts (one, or a list of those it allows) is one the
  two events' dates allow;
* every quote of a note and every contrast's words are verbatim too, and every
  ``part_of``, contrast and note names a metric of the file.

The seed-dependent tests take conftest's ``seeds_dir`` fixture (``SEEDS``, that is
``../shared/seeds``) and skip when it is absent.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
import yaml

import timeline
from timeline.relations import Relation, relate

EVENTS_YAML = Path(__file__).resolve().parents[1] / "events.yaml"

KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
KINDS = {
    "event",
    "executive-order",
    "operation",
    "ruling",
    "fiscal-year-report",
    "law",
    "lawsuit",
    "statement",
    "press-release",
    "publication",
}
QUALIFIERS = {
    "exact",
    "about",
    "roughly",
    "nearly",
    "just-under",
    "just-over",
    "at-least",
    "at-most",
    "more-than",
    "fewer-than",
}
COMPARISONS = {"change", "ratio", "share", "difference"}
RELATIONS = {r.name.lower().replace("_", "-"): r for r in Relation}

# A number written with digits: 45, 3,476, 9.5 (the comma groups thousands).
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

#: Numbers written with digits in an article that are not facts to record, per seed
#: file (by its first three characters). Keep it short; say why for each.
NOT_FACTS: dict[str, dict[str, str]] = {
    "000": {
        "2017": "a year: 'fiscal year 2017'",
        "2018": "a year: 'the 2018 fiscal year', 'fiscal year 2018'",
    },
    "001": {
        "1": "a date: 'which began last Oct. 1'",
        "12": "the length of a window: 'over the past 12 months'",
        "2016": "a year: 'fiscal 2016'",
    },
    "002": {
        "2014": "a year: 'which dates back to 2014'",
        "2017": "a year: 'a 2017 case'",
        "2018": "a year: 'a 2018 appellate court ruling'",
    },
    "003": {
        "24": "a date: 'January 24th'",
        "30": "a date: 'April 30th' (30 is also a count, Cook County's arrests)",
        "2014": "a year: 'Since 2014'",
        "2016": "a year: 'April 30th, 2016'",
    },
    "004": {
        "13": "a gang's name: 'MS-13'",
        "2013": "a year: 'August 2013'",
    },
}

#: Facts the articles give in words: (seed file, words, value). Each must be a metric
#: of that article whose quote holds the words and whose value (or comparison value)
#: is the number.
NUMBER_WORDS: list[tuple[str, str, str]] = [
    ("001", "Hundreds of jurisdictions", "200"),
    ("001", "Just under two-thirds", "0.6667"),
    ("001", "Sixty-three percent", "63"),
    ("001", "nine in fiscal 2016", "9"),
    ("001", "six drunk-driving convictions", "6"),
    ("001", "within the past five years", "5"),
    ("002", "Hundreds of people", "200"),
    ("002", "five upstate counties", "5"),
    ("002", "all but one", "1"),
    ("002", "in the past five years", "5"),
    ("002", "seven new crimes", "7"),
    ("002", "two people accused", "2"),
    ("002", "another accused", "1"),
    ("002", "hundreds of people inside and outside courthouses", "200"),
    ("002", "none were honored", "0"),
    ("002", "seven individuals", "7"),
    ("002", "six ICE arrests", "6"),
    ("002", "two lawsuits", "2"),
    ("003", "hundreds of raids", "200"),
    ("003", "(one person)", "1"),
    ("003", "(ten people)", "10"),
    ("003", "(seven)", "7"),
    ("003", "(three)", "3"),
    ("003", "(two)", "2"),
    ("004", "Three did not", "3"),
    ("004", "three cases", "3"),
]


class _StrictLoader(yaml.BaseLoader):
    """BaseLoader (every scalar a str) that refuses a key given twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        twice = sorted({str(k) for k in keys if keys.count(k) > 1})
        if twice:
            raise AssertionError(
                f"events.yaml:{node.start_mark.line + 1}: keys given twice: {twice}"
            )
        return super().construct_mapping(node, deep=deep)


def _load() -> dict[str, Any]:
    text = EVENTS_YAML.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_StrictLoader)  # BaseLoader: every scalar a str
    assert isinstance(data, dict), "events.yaml is not a mapping"
    return data


DATA = _load()
SOURCES: list[dict[str, Any]] = DATA.get("sources", [])
EVENTS: list[dict[str, Any]] = DATA.get("events", [])
RELATION_CLAIMS: list[dict[str, Any]] = DATA.get("relations", [])
SOURCE_BY_ID = {s.get("id"): s for s in SOURCES}
EVENT_BY_ID = {e.get("id"): e for e in EVENTS}
METRICS: list[tuple[str, dict[str, Any]]] = [
    (f"events[{i}].metrics[{j}]", m)
    for i, e in enumerate(EVENTS)
    for j, m in enumerate(e.get("metrics", []))
]
METRIC_BY_ID = {m["id"]: m for _, m in METRICS if "id" in m}
NOTES: list[tuple[str, dict[str, Any]]] = [
    (f"events[{i}].notes[{k}]", n)
    for i, e in enumerate(EVENTS)
    for k, n in enumerate(e.get("notes", []))
]


def _relation_names(claim: dict[str, Any]) -> list[Any]:
    """The relations a claim lists: one name, or a list of them."""
    names = claim.get("relation")
    return names if isinstance(names, list) else [names]


def _number(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "")).normalize()
    except InvalidOperation:
        raise AssertionError(f"not a number: {text!r}") from None


def _values_of(metric: dict[str, Any]) -> set[Decimal]:
    values = {_number(metric["value"])}
    if "comparison" in metric:
        values.add(_number(metric["comparison"]["value"]))
    return values


def _recorded_numbers(seed_file: str) -> set[Decimal]:
    """The values and comparison values of the metrics citing ``seed_file``."""
    out: set[Decimal] = set()
    for _, metric in METRICS:
        source = SOURCE_BY_ID.get(metric.get("source"))
        if source is not None and source.get("file") == seed_file:
            out |= _values_of(metric)
    return out


def _not_facts(seed_file: str) -> set[Decimal]:
    return {_number(n) for n in NOT_FACTS.get(seed_file[:3], {})}


def _seed(seeds_dir: Path, source_id: str) -> str:
    return (seeds_dir / str(SOURCE_BY_ID[source_id]["file"])).read_text(encoding="utf-8")


def _article_body(text: str) -> str:
    """The article's words: without front matter, HTML tags and their attributes."""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        header = text[4:end]
        titles = [line for line in header.splitlines() if line.startswith("title:")]
        text = "\n".join(titles) + "\n" + text[end + 5 :]
    text = re.sub(r"<[^>]*>", " ", text)
    return html.unescape(text)


def _citations() -> list[tuple[str, Any, Any]]:
    """Every (place, source id, quote) in the file, as written (perhaps missing)."""
    out: list[tuple[str, Any, Any]] = []
    for i, event in enumerate(EVENTS):
        for j, cite in enumerate(event.get("sources", [])):
            out.append((f"events[{i}].sources[{j}]", cite.get("source"), cite.get("quote")))
    for where, metric in METRICS:
        out.append((where, metric.get("source"), metric.get("quote")))
        if "comparison" in metric:
            out.append((f"{where}.comparison", metric.get("source"), metric["comparison"]["text"]))
        for n, contrast in enumerate(metric.get("contrasts", [])):
            out.append((f"{where}.contrasts[{n}]", metric.get("source"), contrast.get("text")))
    for where, note in NOTES:
        for j, cite in enumerate(note.get("sources", [])):
            out.append((f"{where}.sources[{j}]", cite.get("source"), cite.get("quote")))
    for k, claim in enumerate(RELATION_CLAIMS):
        out.append((f"relations[{k}]", claim.get("source"), claim.get("quote")))
    return out


def _parse(text: str, anchor: timeline.TimeValue | None = None) -> timeline.TimeValue:
    return timeline.parse(text, anchor=anchor)


def _anchor(event: dict[str, Any], ref: str) -> timeline.TimeValue:
    if ref == "published":
        first = event["sources"][0]["source"]
        return _parse(SOURCE_BY_ID[first]["published"])
    if ref.startswith("published:"):
        return _parse(SOURCE_BY_ID[ref.split(":", 1)[1]]["published"])
    return _parse(ref)


def _bases() -> list[tuple[str, dict[str, Any] | str, dict[str, Any] | None]]:
    """Every (place, basis, event or None for a source) in the file."""
    out: list[tuple[str, dict[str, Any] | str, dict[str, Any] | None]] = []
    for i, source in enumerate(SOURCES):
        out.append((f"sources[{i}]", source.get("basis", "stated"), None))
    for i, event in enumerate(EVENTS):
        out.append((f"events[{i}]", event.get("basis", "stated"), event))
    return out


# --------------------------------------------------------------------------------------
# The file on its own.


def test_the_file_has_the_expected_top_level() -> None:
    assert DATA.get("timeline") == "1"
    assert DATA.get("title", "").strip()
    assert set(DATA) <= {"timeline", "title", "sources", "events", "relations"}


def test_counts() -> None:
    assert len(SOURCES) == 5
    assert len(EVENTS) >= 40
    assert len(METRICS) >= 65


def test_ids_are_kebab_case_and_unique() -> None:
    ids = (
        [s.get("id") for s in SOURCES]
        + [e.get("id") for e in EVENTS]
        + [m["id"] for _, m in METRICS if "id" in m]
    )
    bad = [i for i in ids if not isinstance(i, str) or not KEBAB.fullmatch(i)]
    assert bad == []
    duplicates = sorted({str(i) for i in ids if ids.count(i) > 1})
    assert duplicates == []


def test_sources_have_their_fields() -> None:
    for i, source in enumerate(SOURCES):
        assert source.get("outlet", "").strip(), f"sources[{i}].outlet"
        assert source.get("published", "").strip(), f"sources[{i}].published"
        assert re.fullmatch(r"\d{3}_[0-9a-f]+\.txt", source.get("file", "")), f"sources[{i}].file"
    files = [s["file"] for s in SOURCES]
    assert len(files) == len(set(files)), "two sources share a seed file"


def test_events_have_their_fields() -> None:
    for i, event in enumerate(EVENTS):
        where = f"events[{i}]"
        assert event.get("kind") in KINDS, f"{where}.kind: {event.get('kind')!r}"
        assert event.get("title", "").strip(), f"{where}.title"
        assert event.get("when", "").strip(), f"{where}.when"
        assert event.get("sources"), f"{where}.sources: an event cites at least one source"
        for key in ("places", "actors", "tags", "plaintiffs", "defendants"):
            value = event.get(key, [])
            assert isinstance(value, list), f"{where}.{key} is not a list"
            assert all(isinstance(v, str) and v.strip() for v in value), f"{where}.{key}"


def test_metrics_have_their_fields() -> None:
    for where, metric in METRICS:
        assert metric.get("name", "").strip(), f"{where}.name"
        assert metric["name"][:1].islower(), f"{where}.name: what is counted, in lower case"
        _number(metric.get("value", ""))
        assert metric.get("unit", "").strip(), f"{where}.unit"
        assert metric.get("qualifier", "exact") in QUALIFIERS, f"{where}.qualifier"
        comparison = metric.get("comparison")
        if comparison is not None:
            assert comparison.get("kind") in COMPARISONS, f"{where}.comparison.kind"
            _number(comparison.get("value", ""))
            assert comparison.get("unit", "").strip(), f"{where}.comparison.unit"
            assert comparison.get("qualifier", "exact") in QUALIFIERS, where
            assert comparison.get("text", "").strip(), f"{where}.comparison.text"


def test_percent_changes_are_comparisons() -> None:
    # A number that states a change ("jumped by 29 percent") is a claim to check, so it
    # carries a comparison, even when the text gives no baseline.
    plain = [
        where
        for where, metric in METRICS
        if metric["name"].startswith("change in ") and "comparison" not in metric
    ]
    assert plain == []


def test_metric_places_are_spelled_as_their_event_places() -> None:
    wrong = []
    for i, event in enumerate(EVENTS):
        places = set(event.get("places", []))
        for j, metric in enumerate(event.get("metrics", [])):
            place = metric.get("place")
            # Regions and totals may be wider than the event's places; a place that is a
            # longer spelling of one of them is the same place spelled twice.
            if (
                place
                and place not in places
                and any(place.startswith(p + ",") or p.startswith(place + ",") for p in places)
            ):
                wrong.append(f"events[{i}].metrics[{j}].place {place!r}")
    assert wrong == []


def test_one_unit_per_thing_counted() -> None:
    # The same list counted twice must be counted in the same unit, or the two
    # numbers cannot be compared.
    units: dict[str, set[str]] = {}
    for _, metric in METRICS:
        units.setdefault(metric["name"], set()).add(metric["unit"])
    assert {name: u for name, u in units.items() if len(u) > 1} == {}


def test_readings_that_need_a_remark_have_one() -> None:
    metric = METRIC_BY_ID["arrests-fy2018-ny-region-criminal-records"]
    assert metric["value"] == "64"
    assert metric["unit"] == "people"  # kept as written
    assert "percent" in metric.get("note", "")


def test_every_reference_resolves() -> None:
    wrong = []
    for where, source_id, quote in _citations():
        if source_id not in SOURCE_BY_ID:
            wrong.append(f"{where}.source: unknown source {source_id!r}")
        if not isinstance(quote, str) or not quote.strip():
            wrong.append(f"{where}: empty quote")
    for i, event in enumerate(EVENTS):
        cited = {c.get("source") for c in event.get("sources", [])}
        for j, metric in enumerate(event.get("metrics", [])):
            if metric.get("source") not in cited:
                wrong.append(f"events[{i}].metrics[{j}]: its source is not among the event's")
    for where, metric in METRICS:
        baseline = metric.get("comparison", {}).get("baseline")
        if baseline is not None and baseline not in METRIC_BY_ID:
            wrong.append(f"{where}.comparison.baseline: unknown metric {baseline!r}")
    for where, metric in METRICS:
        refs = [("part_of", metric.get("part_of"))]
        refs += [
            (f"contrasts[{n}].other", c.get("other"))
            for n, c in enumerate(metric.get("contrasts", []))
        ]
        for key, ref in refs:
            if ref is not None and ref not in METRIC_BY_ID:
                wrong.append(f"{where}.{key}: unknown metric {ref!r}")
    for where, note in NOTES:
        for ref in note.get("metrics", []):
            if ref not in METRIC_BY_ID:
                wrong.append(f"{where}.metrics: unknown metric {ref!r}")
    for k, claim in enumerate(RELATION_CLAIMS):
        for end in ("a", "b"):
            if claim.get(end) not in EVENT_BY_ID:
                wrong.append(f"relations[{k}].{end}: unknown event {claim.get(end)!r}")
        for name in _relation_names(claim):
            if not isinstance(name, str) or name not in RELATIONS:
                wrong.append(f"relations[{k}].relation: {name!r}")
    assert wrong == []


def test_each_source_has_one_publication_event_on_its_date() -> None:
    for source in SOURCES:
        events = [
            e
            for e in EVENTS
            if e.get("kind") == "publication" and e["sources"][0]["source"] == source["id"]
        ]
        assert len(events) == 1, source["id"]
        assert _parse(events[0]["when"]) == _parse(source["published"]), source["id"]


# --------------------------------------------------------------------------------------
# Dates.


def test_every_time_value_parses() -> None:
    wrong = []
    values: list[tuple[str, str]] = [
        (f"sources[{i}].published", s["published"]) for i, s in enumerate(SOURCES)
    ]
    for i, event in enumerate(EVENTS):
        values.append((f"events[{i}].when", event["when"]))
        if "fiscal_year" in event:
            values.append((f"events[{i}].fiscal_year", event["fiscal_year"]))
    values += [(f"{where}.period", m["period"]) for where, m in METRICS if "period" in m]
    for where, basis, _ in _bases():
        anchor = basis.get("anchor", "") if isinstance(basis, dict) else ""
        if anchor and anchor != "published" and not anchor.startswith("published:"):
            values.append((f"{where}.basis.anchor", anchor))
    for where, text in values:
        try:
            _parse(text)
        except timeline.TimelineError as error:
            wrong.append(f"{where}: {error}")
    assert wrong == []


def test_bases_are_well_formed() -> None:
    wrong = []
    for where, basis, _ in _bases():
        if isinstance(basis, str):
            if basis != "stated":
                wrong.append(f"{where}.basis: {basis!r}")
            continue
        keys = set(basis)
        if not keys <= {"derived", "anchor", "external", "note"} or not keys:
            wrong.append(f"{where}.basis: keys {sorted(keys)}")
        if ("derived" in keys) != ("anchor" in keys):
            wrong.append(f"{where}.basis: a derived date needs its phrase and its anchor")
        if "derived" in keys and "external" in keys:
            wrong.append(f"{where}.basis: derived or external, not both")
        if any(not str(basis[k]).strip() for k in keys):
            wrong.append(f"{where}.basis: an empty entry")
    assert wrong == []


def test_derived_dates_rerun() -> None:
    wrong = []
    checked = 0
    for where, basis, event in _bases():
        if not isinstance(basis, dict) or "derived" not in basis:
            continue
        if event is None:
            pytest.fail(f"{where}: a source's date is derived; give a time value or a window")
        anchor = _anchor(event, basis["anchor"])
        got = _parse(basis["derived"], anchor)
        expected = _parse(event["when"])
        checked += 1
        if got != expected:
            wrong.append(
                f"{where}: {basis['derived']!r} at {anchor.edtf} is {got.edtf}, not {expected.edtf}"
            )
    assert wrong == []
    assert checked >= 10


def test_relations_agree_with_the_dates() -> None:
    wrong = []
    for k, claim in enumerate(RELATION_CLAIMS):
        a = _parse(EVENT_BY_ID[claim["a"]]["when"])
        b = _parse(EVENT_BY_ID[claim["b"]]["when"])
        for name in _relation_names(claim):
            if RELATIONS[name] not in relate(a, b):
                wrong.append(f"relations[{k}]: the dates rule out {claim['a']} {name} {claim['b']}")
    assert wrong == []


# --------------------------------------------------------------------------------------
# Against the seed articles.


def test_source_files_exist(seeds_dir: Path) -> None:
    missing = [s["file"] for s in SOURCES if not (seeds_dir / s["file"]).is_file()]
    assert missing == []
    assert len(SOURCES) == len(list(seeds_dir.glob("*.txt"))), "a seed article has no source"


def test_quotes_are_verbatim(seeds_dir: Path) -> None:
    wrong = []
    for where, source_id, quote in _citations():
        if quote not in _seed(seeds_dir, source_id):
            wrong.append(f"{where}: not in {SOURCE_BY_ID[source_id]['file']}: {quote!r}")
    assert wrong == []


def test_derived_phrases_are_in_a_cited_article(seeds_dir: Path) -> None:
    wrong = []
    for where, basis, event in _bases():
        if event is None or not isinstance(basis, dict) or "derived" not in basis:
            continue
        texts = [_seed(seeds_dir, c["source"]) for c in event["sources"]]
        if not any(basis["derived"] in text for text in texts):
            wrong.append(f"{where}: {basis['derived']!r} is in none of its sources")
    assert wrong == []


def test_numbers_in_metric_quotes_are_recorded(seeds_dir: Path) -> None:
    wrong = []
    for where, metric in METRICS:
        seed_file = SOURCE_BY_ID[metric["source"]]["file"]
        known = _recorded_numbers(seed_file) | _not_facts(seed_file)
        for written in NUMBER.findall(metric["quote"]):
            if _number(written) not in known:
                wrong.append(f"{where}: {written} in its quote is no metric of {seed_file}")
    assert wrong == []


def test_every_number_in_the_articles_is_captured(seeds_dir: Path) -> None:
    wrong = []
    for source in SOURCES:
        seed_file = source["file"]
        body = _article_body((seeds_dir / seed_file).read_text(encoding="utf-8"))
        known = _recorded_numbers(seed_file) | _not_facts(seed_file)
        for written in sorted(set(NUMBER.findall(body))):
            if _number(written) not in known:
                wrong.append(f"{seed_file}: {written} is neither a metric nor allowed")
    assert wrong == []


def test_the_allow_list_is_needed(seeds_dir: Path) -> None:
    """Every allowed number occurs in its article, so the list holds no stale entries."""
    for source in SOURCES:
        body = _article_body((seeds_dir / source["file"]).read_text(encoding="utf-8"))
        written = {_number(n) for n in NUMBER.findall(body)}
        stale = _not_facts(source["file"]) - written
        assert stale == set(), source["file"]


def test_number_words_are_captured(seeds_dir: Path) -> None:
    wrong = []
    by_prefix = {s["file"][:3]: s for s in SOURCES}
    for prefix, words, value in NUMBER_WORDS:
        source = by_prefix[prefix]
        assert words in (seeds_dir / source["file"]).read_text(encoding="utf-8"), words
        found = [
            m
            for _, m in METRICS
            if m["source"] == source["id"]
            and words in m["quote"]
            and _number(value) in _values_of(m)
        ]
        if not found:
            wrong.append(f"{source['file']}: {words!r} ({value}) is no metric")
    assert wrong == []
