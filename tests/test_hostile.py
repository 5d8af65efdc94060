"""Hostile input: every file of tests/hostile with the outcome it must have.

Each file is read with libyaml and with PyYAML's pure-Python parser. A file
either fails with a :class:`~timeline.LoadError` whose members are exactly the
errors listed (class, a fragment of the message, the line), in order, or it
loads and a check says what must have come through unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

import timeline
from timeline.collection import Timeline
from timeline.io.errors import FieldError, LimitError, YAMLSyntaxError
from timeline.relations import Relation

HOSTILE = Path(__file__).parent / "hostile"

Error = tuple[type[Exception], str, int | None]


@dataclass(frozen=True)
class Fails:
    """The file is refused with exactly these errors, in order: (class, fragment, line)."""

    errors: tuple[Error, ...]
    #: What the pure-Python parser reports instead, where its wording differs.
    pure: tuple[Error, ...] | None = None


@dataclass(frozen=True)
class Loads:
    """The file loads, and ``check`` holds for the timeline (and for it written and read back)."""

    check: Callable[[Timeline], None] = field(default=lambda t: None)


def field_errors(*items: tuple[str, int]) -> Fails:
    return Fails(tuple((FieldError, fragment, line) for fragment, line in items))


# --------------------------------------------------------------------------------------
# What must come through a file that loads.


def titles(t: Timeline) -> list[str]:
    return [e.title for e in t]


def unicode_titles(t: Timeline) -> None:
    # Byte for byte: no normalisation (NFC would merge e + U+0301), no stripping of marks.
    assert t.title == "\u200fשלום\u200e (RTL)"
    assert titles(t) == [
        "Cafe\u0301 co\u0308operation",
        "\U0001f469\u200d\U0001f467 family \U0001f1fa\U0001f1f8",
        "\u202eevil\u202c override",
        "\x1b[31mred\x1b[0m \x1b]0;title\x07",
        "\u0645\u0631\u062d\u0628\u0627 mixed \u05e9\u05dc\u05d5\u05dd",
    ]
    text = timeline.dumps(t)
    # Invisible and terminal characters are written as escapes, never raw.
    for char in ("\x1b", "\x07", "\u202e", "\u200f", "\u200d"):
        assert char not in text, repr(char)
    assert "\\e[31m" in text


def dst_fold(t: Timeline) -> None:
    first, second = t["d0"].when, t["d1"].when
    assert isinstance(first, timeline.Instant)
    assert isinstance(second, timeline.Instant)
    assert (first.offset, second.offset) == (-4 * 3600, -5 * 3600)
    # The same wall time, an hour apart: the written offset tells them apart.
    assert timeline.relate(first, second).certain is Relation.BEFORE


def huge_decimal(t: Timeline) -> None:
    value = t["n"].metrics[0].value
    assert value == Decimal("1000." + "0" * 5000 + "1")


def good(t: Timeline) -> None:
    assert len(t) > 3
    assert t.title == "Immigration enforcement in and around New York City"


# --------------------------------------------------------------------------------------
# The table: every file of the corpus.

S = YAMLSyntaxError
F = FieldError
L = LimitError

EXPECTED: dict[str, Fails | Loads] = {
    # Not YAML at all.
    "malformed.yaml": Fails(((S, "flow sequence", 5),)),
    "malformed-flow.yaml": Fails(((S, "flow mapping that starts at 3:5", 4),)),
    "malformed-indent.yaml": Fails(((S, "block collection that starts at 3:3", 5),)),
    "tab-indent.yaml": Fails(((S, "cannot start any token", 3),)),
    "unclosed-quote.yaml": Fails(((S, "quoted scalar that starts at 2:8", 4),)),
    "not-utf8.yaml": Fails(((S, "not UTF-8: byte 0xe9 at offset 22", 2),)),
    "utf16.yaml": Fails(((S, "not UTF-8: byte 0xff at offset 0", 1),)),
    "control-char.yaml": Fails(((S, "U+0001 is not allowed", 2),)),
    "raw-escape.yaml": Fails(((S, "U+001B is not allowed", 2),)),
    "two-documents.yaml": field_errors(("a second document", 2)),
    "empty.yaml": Fails(((F, "the file is empty", None),)),
    "comment-only.yaml": Fails(((F, "the file is empty", None),)),
    "scalar.yaml": field_errors(("a timeline file is a mapping", 1)),
    # Anchors, aliases and tags: refused where they appear, before anything is built.
    "alias.yaml": field_errors(("aliases (*somewhere) are not allowed", 6)),
    "billion-laughs.yaml": field_errors(("anchors (&a) are not allowed", 2)),
    "merge-key.yaml": field_errors(("anchors (&base) are not allowed", 2)),
    "anchor-on-event.yaml": field_errors(("events[0]: anchors (&first) are not allowed", 3)),
    "python-object.yaml": field_errors(("python/object/apply:os.system", 2)),
    "python-object-new.yaml": field_errors(("python/object/new:collections.OrderedDict", 3)),
    "python-name.yaml": field_errors(("python/name:os.system", 2)),
    "binary-tag.yaml": field_errors(("tag:yaml.org,2002:binary", 2)),
    "set-tag.yaml": field_errors(("tag:yaml.org,2002:set", 2)),
    "str-tag.yaml": field_errors(("tags are not allowed (found 'tag:yaml.org,2002:str')", 4)),
    "local-tag.yaml": field_errors(("tags are not allowed (found '!shout')", 2)),
    "tag-directive.yaml": field_errors(("%TAG directives are not allowed", 1)),
    # Size.
    "deep-nesting.yaml": Fails(((L, "nest more than 64 deep", 2),)),
    "deep-mappings.yaml": Fails(((L, "events.a.a.a", 66),)),
    "huge-title.yaml": Fails(((L, "a scalar of 100,001 characters", 4),)),
    # YAML itself caps a plain key at 1024 characters.
    "huge-key.yaml": Fails(((S, "could not find expected ':'", 2),)),
    "huge-number.yaml": field_errors(
        ("value: '9999" + "9" * 16 + "'...: a number of 5,000 digits; at most 4,300 are read", 10)
    ),
    "huge-decimal.yaml": Loads(huge_decimal),
    # Keys.
    "duplicate-keys.yaml": field_errors(("events[0] (dup).title: the key appears twice", 6)),
    "duplicate-top-keys.yaml": field_errors(("timeline: the key appears twice", 4)),
    "duplicate-source-keys.yaml": field_errors(("sources[0] (s).outlet: the key appears twice", 5)),
    "mapping-key.yaml": field_errors(("a key must be text", 6)),
    "non-string-keys.yaml": field_errors(
        ("events[0] (k).1: unknown field '1'", 6),
        ("events[0] (k).null: unknown field 'null'", 7),
        ("events[0] (k): a key must be text", 8),
    ),
    # Fields.
    "unknown-fields.yaml": field_errors(
        ("colour: unknown key 'colour'", 2),
        ("events[0] (u).colour: unknown field 'colour'", 7),
        ("events[0] (u).agency: unknown field 'agency'", 8),
        ("metrics[0].source: no source has the id 'nowhere'", 13),
        ("metrics[0].hedge: unknown field 'hedge'", 15),
    ),
    "unknown-fields-everywhere.yaml": field_errors(
        ("sources[0] (s).colour: unknown field 'colour'", 4),
        ("events[0] (u).sources[0].page: unknown field 'page'", 10),
        ("events[0] (u).metrics[0].margin: unknown field 'margin'", 12),
    ),
    "wrong-types-event.yaml": field_errors(
        ("events[0].id: must be text, not a list", 3),
        ("events[0].title: must be text, not a list", 4),
        ("events[0].when: must be a time value written as text", 5),
        ("events[0].summary: must be text, not a list", 6),
        ("events[0].places: must be a list of texts, or one text, not a mapping", 7),
        ("events[0].actors: must be a list of texts, or one text, not a mapping", 8),
        ("events[0].tags: must be a list of texts, or one text, not a mapping", 9),
        ("events[0].sources: must be a list, not the text 'not a list'", 10),
        ("events[0].metrics: must be a list, not the text 'not a list'", 11),
        ("events[0].basis: must be `stated`, or a mapping", 12),
    ),
    "wrong-types-source.yaml": field_errors(
        ("sources[0].id: must be text, not a mapping", 3),
        ("sources[0].outlet: must be text, not a list", 4),
        ("sources[0].author: must be text, not a list", 5),
        ("sources[0].title: must be text, not a mapping", 6),
        ("sources[0].published: must be a time value written as text", 7),
        ("sources[0].basis: must be `stated`, or a mapping", 8),
        ("sources[0].file: must be text, not a list", 9),
        ("sources[0].url: must be text, not a mapping", 10),
    ),
    "wrong-types-metric.yaml": field_errors(
        ("metrics[0].id: must be text, not a list", 9),
        ("metrics[0].name: must be text, not a list", 10),
        ("metrics[0].value: must be a number written with digits", 11),
        ("metrics[0].unit: must be text, not a mapping", 12),
        ("metrics[0].qualifier: must be one of exact, about", 13),
        ("metrics[0].place: must be text, not a list", 14),
        ("metrics[0].period: '2017-13': month must be 1–12", 15),
        ("metrics[0].source: must be the id of a source, not a list", 16),
        ("metrics[0].quote: must be text, not a mapping", 17),
        ("metrics[0].comparison: a comparison must be a mapping of fields", 18),
        ("metrics[0].note: must be text, not a list", 19),
    ),
    "several-errors.yaml": field_errors(
        ("'2017-02-30': February has 28 days in 2017", 9),
        ("events[2] (no-title): an event needs the field title", 11),
        ("events[3] (fine).id: events[0] has the id 'fine' too", 14),
    ),
    "derived-wrong.yaml": field_errors(("gives 2017-09-24/2017-09-27", 10)),
    # Dates that do not exist.
    "feb-29-plain.yaml": field_errors(("'2018-02-29': February has 28 days in 2018", 5)),
    "feb-29-quoted.yaml": field_errors(("'2018-02-29': February has 28 days in 2018", 5)),
    "impossible-dates.yaml": field_errors(
        ("(d0).when: '2019-02-29': February has 28 days in 2019", 5),
        ("(d1).when: '2017-13-01': month must be 1–12", 8),
        ("(d2).when: '2017-13': month must be 1–12", 11),
        ("(d3).when: '2021-W53': 2021 has no ISO week 53 (it has 52)", 14),
        ("(d4).when: '2017-02-30': February has 28 days in 2017", 17),
        ("(d5).when: '10000-01-01': years of more than four digits", 20),
        ("(d6).when: '0000-01-01T00:00Z': date-times are supported for years 1–9999", 23),
        ("(d7).when: 'FY2018-Q5': a fiscal quarter is Q1, Q2, Q3 or Q4", 26),
        ("(d8).when: '2017-00-10': month must be 1–12", 29),
        ("(d9).when: '2017-04-31': April has 30 days", 32),
    ),
    "end-before-start.yaml": field_errors(
        ("'2017-03-01/2017-02-01': the end comes before the start", 5),
        ("'2018/2017': the end comes before the start", 8),
        ("'2017-W10/2017-W02': the end comes before the start", 11),
    ),
    # Clocks: 02:30 never happened in New York on 12 March 2017; 01:30 on 5 November
    # happened twice.
    "dst-gap.yaml": field_errors(
        ("offset -05:00 is not the offset of America/New_York at that time", 5),
        ("offset -04:00 is not the offset of America/New_York at that time", 8),
    ),
    "dst-fold.yaml": Loads(dst_fold),
    "wrong-offset.yaml": field_errors(("offset -05:00 is not the offset of America/New_York", 5)),
    # Text.
    "unicode-titles.yaml": Loads(unicode_titles),
    "lone-surrogate.yaml": Fails(
        ((S, "invalid Unicode character escape code", 4),),
        pure=((F, "(d0).title: an escape gives a lone surrogate", 4),),
    ),
    "bom.yaml": Loads(lambda t: _equal(t.title, "With a byte order mark")),
    "implicit-types.yaml": Loads(lambda t: _equal(titles(t), ["10:30"])),
    "wrong-types.yaml": Fails(
        (
            (F, "title: must be text, not a list", 2),
            (F, "sources[0] (s).outlet: must be text, not a mapping", 5),
            (F, "sources[0] (s).published: must be a time value", 6),
            (F, "events[0] (w1).title: must be text, not a mapping", 9),
            (F, "events[1] (w2).when: must be a time value", 13),
            (F, "events[2] (w3).places: must be a list of texts", 17),
            (F, "metrics[0].value: must be a number", 23),
            (F, "metrics[1].value: must be a number", 24),
            (F, "metrics[2].value: must be a number", 25),
            (F, "metrics[2].qualifier: must be one of", 25),
            (F, "events[4] (w5).fiscal_year: 'next year'", 30),
            (F, "events[5] (w6).plaintiffs[0]: must be non-empty text", 35),
            (F, "events[6] (w7).kind: must be a registered kind", 38),
            (F, "events[7] (w8).sources: must be a list", 43),
            (F, "events[8] (w9).basis: must be `stated`", 47),
            (F, "events[9]: an event must be a mapping of fields", 48),
            (F, "relations[0].relation: the text 'sideways' is not a relation", 50),
        ),
    ),
    "good.yaml": Loads(good),
}


def _equal(found: object, expected: object) -> None:
    assert found == expected


def test_every_file_of_the_corpus_has_an_expected_outcome() -> None:
    on_disk = {p.name for p in HOSTILE.glob("*.yaml")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file(name: str, pure: bool) -> None:
    path = HOSTILE / name
    outcome = EXPECTED[name]
    if isinstance(outcome, Loads):
        t = timeline.load(path)
        outcome.check(t)
        again = timeline.loads(timeline.dumps(t))
        assert again == t
        outcome.check(again)
        return
    expected = outcome.pure if pure and outcome.pure is not None else outcome.errors
    with pytest.raises(timeline.LoadError) as info:
        timeline.load(path)
    found = info.value.exceptions
    described = [f"{type(e).__name__}: {e}" for e in found]
    assert len(found) == len(expected), described
    for error, (cls, fragment, line) in zip(found, expected, strict=True):
        assert type(error) is cls, described
        assert fragment in str(error), described
        assert error.line == line, described
        assert error.filename == str(path)
        assert str(error).startswith(f"{path}:")


# Where an error of the file is placed, to the column: (file, line, column).
PLACES = [
    ("billion-laughs.yaml", 2, 4),
    ("alias.yaml", 6, 13),
    ("deep-nesting.yaml", 2, 72),
    ("python-object.yaml", 2, 8),
    ("duplicate-keys.yaml", 6, 5),
    ("mapping-key.yaml", 6, 7),
    ("two-documents.yaml", 2, 1),
    ("not-utf8.yaml", 2, 11),
    ("control-char.yaml", 2, 9),
    ("scalar.yaml", 1, 1),
    ("feb-29-plain.yaml", 5, 11),
    ("feb-29-quoted.yaml", 5, 11),
    ("unknown-fields.yaml", 7, 5),
    ("derived-wrong.yaml", 10, 7),
]


@pytest.mark.parametrize(("name", "line", "column"), PLACES)
def test_errors_name_the_column(name: str, line: int, column: int, pure: bool) -> None:
    path = HOSTILE / name
    with pytest.raises(timeline.LoadError) as info:
        timeline.load(path)
    places = [(e.line, e.column) for e in info.value.exceptions]
    assert (line, column) in places
    assert any(str(e).startswith(f"{path}:{line}:{column}:") for e in info.value.exceptions)


def test_the_same_files_from_bytes_and_text_agree() -> None:
    # Reading bytes or the decoded text gives the same errors, placed the same way.
    for name, outcome in EXPECTED.items():
        data = (HOSTILE / name).read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        results = []
        for source in (data, text):
            try:
                results.append(timeline.loads(source, filename=name))
            except timeline.LoadError as error:
                results.append([str(e) for e in error.exceptions])
        assert results[0] == results[1], name
        assert isinstance(results[0], Timeline) == isinstance(outcome, Loads), name
