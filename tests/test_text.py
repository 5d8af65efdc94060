"""find_dates and split_sentences: which phrases of prose are dates, and what they read as."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import DateMention, Resolution, find_dates, split_sentences
from timeline.errors import ConstraintError, ParseError, TimelineError

ANCHOR = "2017-09-28"  # a Thursday


def found(text: str, anchor: str | None = ANCHOR) -> list[tuple[str, str]]:
    return [(m.text, str(m.value)) for m in find_dates(text, anchor=anchor)]


def day(text: str) -> tuple[int | None, int | None]:
    value = timeline.parse(text)
    return value.earliest_day, value.latest_day


# --------------------------------------------------------------------------------------
# Phrases in sentences: the span found and the days it covers, against a Thursday.

EXAMPLES = [
    # sentence, the phrase found, the value's first day, its last day
    ("Officials said Thursday that it ended.", "Thursday", "2017-09-28", "2017-09-28"),
    (
        "They were held over the four days ending Wednesday, officials said.",
        "the four days ending Wednesday",
        "2017-09-24",
        "2017-09-27",
    ),
    (
        "Arrests rose between January 24 and April 30, 2016, it said.",
        "between January 24 and April 30, 2016",
        "2016-01-24",
        "2016-04-30",
    ),
    ("The law has held since 2014 in the city.", "since 2014", "2014-01-01", None),
    ("Deportations jumped in fiscal year 2018.", "fiscal year 2018", "2017-10-01", "2018-09-30"),
    ("The raids ran Sep 24-27, 2017 in six cities.", "Sep 24-27, 2017", "2017-09-24", "2017-09-27"),
    ("It opened in August 2013.", "August 2013", "2013-08-01", "2013-08-31"),
    ("The policy dates back to 2014.", "2014", "2014-01-01", "2014-12-31"),
    ("It cites a 2018 appellate court ruling.", "2018", "2018-01-01", "2018-12-31"),
    ("Figures for 2014 – 2016 are in.", "2014 – 2016", "2014-01-01", "2016-12-31"),
    ("He spoke on 2017-02-13 at noon.", "2017-02-13", "2017-02-13", "2017-02-13"),
    ("A judge ruled last month in the case.", "last month", "2017-08-01", "2017-08-31"),
    ("There were 37 assaults this fiscal year.", "this fiscal year", "2016-10-01", "2017-09-30"),
    ("The office said this week it would act.", "this week", "2017-09-25", "2017-10-01"),
    ("It was a record in the 1990s, he said.", "the 1990s", "1990-01-01", "1999-12-31"),
    ("FY 2020: the annual report is out", "FY 2020", "2019-10-01", "2020-09-30"),
    ("The detention center opened 2002.", "2002", "2002-01-01", "2002-12-31"),
    ("Wikinews:Briefs/October 18, 2007", "October 18, 2007", "2007-10-18", "2007-10-18"),
]


@pytest.mark.parametrize(("sentence", "phrase", "first", "last"), EXAMPLES)
def test_a_phrase_in_a_sentence(sentence: str, phrase: str, first: str, last: str | None) -> None:
    mentions = find_dates(sentence, anchor=ANCHOR)
    assert [m.text for m in mentions] == [phrase]
    (m,) = mentions
    assert sentence[m.start : m.end] == phrase
    assert m.span == (sentence.index(phrase), sentence.index(phrase) + len(phrase))
    assert m.value.earliest_day == day(first)[0]
    if last is None:
        anchor_day = day(ANCHOR)[0]
        assert anchor_day is not None
        assert m.value.latest_day is None or m.value.latest_day >= anchor_day
    else:
        assert m.value.latest_day == day(last)[1]


NOT_DATES = [
    "498 people were arrested.",
    "It cost $1,998 in all.",
    "Arrests rose 11 percent.",
    "A total of 3,476 were held.",
    "Call 212-555-0100 for details.",
    "The final score was 10:30 after extra time.",
    "The measure passed 342-85 in the House.",
    "There were 2014 people at the rally.",
    "Up 2014% overall.",
    "The Baltimore Sun reported it first.",
    "May I ask a question?",
    "Prices will fall, analysts said.",
    "It weighs 1500 kg.",
    "See https://example.org/2017/02/12/post.php for more.",
    "the the the a an of between and",
    "Obama told ABC's This Week that it was hard.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert found(text) == []


def test_the_tense_of_the_clause_decides_a_weekday() -> None:
    # Against Thursday, Sep 28, 2017: the Tuesday before or the one after.
    (past,) = find_dates("The board said Tuesday it had met.", anchor=ANCHOR)
    (future,) = find_dates("The board will meet Tuesday.", anchor=ANCHOR)
    assert past.value == timeline.parse("2017-09-26")
    assert past.tense == "past"
    if "tense" in _parse_keywords():
        assert future.value == timeline.parse("2017-10-03")
        assert future.tense == "future"
    assert past.resolved is future.resolved is Resolution.ANCHOR
    assert past.anchor == timeline.parse(ANCHOR)


def test_a_tense_can_be_forced() -> None:
    if "tense" not in _parse_keywords():
        pytest.skip("parse reads no tense")
    (m,) = find_dates("The board said Tuesday it had met.", anchor=ANCHOR, tense="future")
    assert m.value == timeline.parse("2017-10-03")
    assert m.tense == "future"


def _parse_keywords() -> set[str]:
    import inspect

    return set(inspect.signature(timeline.parse).parameters)


def test_a_phrase_relative_to_another_date_reads_against_it() -> None:
    text = "Arrests rose in the 2018 fiscal year, 11 percent over the previous year."
    first, second = find_dates(text, anchor=ANCHOR)
    assert (first.text, first.resolved) == ("the 2018 fiscal year", Resolution.STATED)
    assert second.text == "the previous year"
    assert second.resolved is Resolution.CONTEXT
    assert second.reference == first.span
    assert second.anchor == first.value
    assert second.value == timeline.parse("FY2017")


def test_a_context_phrase_looks_back_one_sentence() -> None:
    text = "The plant opened in 2009. Two days later it closed."
    mentions = find_dates(text, anchor=ANCHOR)
    context = [m for m in mentions if m.resolved is Resolution.CONTEXT]
    if not context:
        pytest.skip("parse reads no 'two days later'")
    (m,) = context
    assert m.reference == mentions[0].span


def test_relative_phrases_need_an_anchor() -> None:
    assert found("Officials said Thursday that it ended in August 2013.", anchor=None) == [
        ("August 2013", "August 2013")
    ]


def test_a_stated_date_has_no_anchor() -> None:
    (m,) = find_dates("It opened in August 2013.", anchor=ANCHOR)
    assert (m.resolved, m.anchor, m.reference, m.tense) == (Resolution.STATED, None, None, None)


def test_markup_is_not_searched() -> None:
    text = '<p>It opened <a href="/2017/02/12/x.php">in August 2013</a>.</p>'
    assert found(text) == [("August 2013", "August 2013")]


def test_a_possessive_ends_the_phrase() -> None:
    assert found("This year's figures beat last year's.") == [
        ("This year", "2017"),
        ("last year", "2016"),
    ]


# --------------------------------------------------------------------------------------
# Arguments.


@pytest.mark.parametrize("bad", [None, b"2017", 2017, ["in 2017"]])
def test_only_text_is_searched(bad: object) -> None:
    with pytest.raises(ParseError):
        find_dates(bad)  # type: ignore[arg-type]


def test_text_over_the_limit_is_refused() -> None:
    with pytest.raises(timeline.LimitError):
        find_dates("in 2014 " * 10, max_chars=20)
    assert find_dates("in 2014", max_chars=7)


@pytest.mark.parametrize(
    "options",
    [
        {"tense": "someday"},
        {"week_start": 7},
        {"week_start": "monday"},
        {"fiscal": "US"},
        {"max_chars": -1},
        {"max_chars": 1.5},
    ],
)
def test_bad_arguments_are_constraint_errors(options: dict[str, object]) -> None:
    with pytest.raises(ConstraintError):
        find_dates("in 2014", **options)  # type: ignore[arg-type]


def test_a_bad_anchor_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="anchor"):
        find_dates("on Friday", anchor="someday")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"span": (3, 1)}, "span"),
        ({"span": (0, 4), "text": "abc"}, "text"),
        ({"value": "2017"}, "value"),
        ({"resolved": "stated"}, "resolved"),
        ({"resolved": Resolution.ANCHOR}, "anchor"),
        ({"anchor": timeline.parse("2017")}, "anchor"),
        ({"tense": "future"}, "tense"),
        (
            {
                "resolved": Resolution.CONTEXT,
                "anchor": timeline.parse("2017"),
            },
            "reference",
        ),
    ],
)
def test_a_mention_validates_itself(kwargs: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {"span": (0, 4), "text": "2017", "value": timeline.parse("2017")}
    fields.update(kwargs)
    with pytest.raises(ConstraintError, match=message):
        DateMention(**fields)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Sentences.

SENTENCES = [
    ("One. Two.", ["One.", "Two."]),
    (
        "It ran Nov. 29 to Dec. 3. Then it stopped.",
        ["It ran Nov. 29 to Dec. 3.", "Then it stopped."],
    ),
    ("The U.S. Army said so. Mr. Smith agreed.", ["The U.S. Army said so.", "Mr. Smith agreed."]),
    ('"We will go," he said. "Now."', ['"We will go," he said.', '"Now."']),
    ("Headline\n\nBody text here.", ["Headline", "Body text here."]),
    ("a wrapped\nline goes on.", ["a wrapped\nline goes on."]),
    ("<p>First.</p><p>Second</p>", ["First.", "Second"]),
    ("Up 3.5 percent. Down.", ["Up 3.5 percent.", "Down."]),
    ("   ", []),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


# --------------------------------------------------------------------------------------
# Laws.

PROSE = st.lists(
    st.sampled_from(
        [
            *"abcdefghij ,.;-–'’\n0123456789",
            *("May ", "in ", "2014 ", "since ", "Friday ", "the ", "year ", "ago ", "Sep 24 "),
        ]
    ),
    max_size=100,
).map("".join)


def _check(text: str, mentions: list[DateMention]) -> None:
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end  # sorted, and never overlapping
        previous_end = m.end


@given(st.text(max_size=300))
def test_any_text_is_accepted_and_offsets_hold(text: str) -> None:
    mentions = find_dates(text, anchor=ANCHOR)
    _check(text, mentions)


@given(PROSE)
def test_prose_of_date_words_keeps_the_laws(text: str) -> None:
    mentions = find_dates(text, anchor=ANCHOR)
    _check(text, mentions)
    assert find_dates(text, anchor=ANCHOR) == mentions  # deterministic
    for m in mentions:
        assert isinstance(m.value, timeline.TimeValue)


# Words outside the date vocabulary, so the phrase has no neighbour to grow into.
FILLER = ["officials", "said", "it", "was", "city", "rally", "police", "report"]


@given(
    st.lists(st.sampled_from(FILLER)),
    st.lists(st.sampled_from(FILLER)),
    st.sampled_from(["August 2013", "Feb 13, 2017", "fiscal year 2018", "since 2014"]),
)
def test_a_date_put_into_prose_is_found(before: list[str], after: list[str], phrase: str) -> None:
    head = " ".join(before)
    text = f"{head} {phrase} {' '.join(after)}".strip()
    start = len(head) + 1 if head else 0
    mentions = find_dates(text, anchor=ANCHOR)
    assert [(m.start, m.text) for m in mentions] == [(start, phrase)]
    assert mentions[0].value == timeline.parse(phrase, anchor=ANCHOR)


@given(st.text(max_size=200))
def test_sentences_are_ordered_stripped_substrings(text: str) -> None:
    spans = split_sentences(text)
    end = 0
    for a, b in spans:
        assert end <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        end = b


def test_an_error_is_a_timeline_error() -> None:
    with pytest.raises(TimelineError):
        find_dates(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The motion was signed last night by the president.", "last night"),
        ("The mayor spoke this morning at City Hall.", "this morning"),
    ],
)
def test_parts_of_the_day_are_found(sentence: str, phrase: str) -> None:
    assert [m.text for m in find_dates(sentence, anchor=ANCHOR)] == [phrase]
