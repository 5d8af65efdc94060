"""Dates in running text, and a draft timeline from an article.

:func:`find_dates` scans prose for the phrases :func:`timeline.parse` reads
and returns them as :class:`DateMention` values, in text order; :func:`draft`
turns an article into a :class:`~timeline.Timeline` of candidate events, one
per sentence that carries a dated mention.

There is no second grammar here: a phrase is a date when ``parse`` reads it.
This module only decides *where* to ask. The text is cut into sentences and
tokenized once, by regular expressions that cannot backtrack over their input
(alternatives of single character classes, possessive where a run could be
retried); a candidate is a short run of tokens from parse's vocabulary, numbers
and joining punctuation, and within it the longest sub-span that ``parse``
reads wins. The number of ``parse`` calls per candidate is bounded, so the scan
is linear in the length of the text.

What decides what a phrase alone cannot:

- **Numbers.** A lone four-digit number is a year only in a date context
  (``in 2014``, ``since 2014``, ``a 2018 ruling``, ``2014's``), never next to
  other digits or money, percent and count words (``$1,998``, ``2014 people``,
  ``212-555-0100``); other bare numbers are never dates.
- **Tense.** When ``parse`` takes a ``tense=`` keyword, the clause around a
  phrase chooses it: ``will meet Tuesday`` is future, ``said Tuesday`` past,
  and a clause with neither kind of cue reads the nearest occurrence (the news
  convention). ``find_dates(..., tense=...)`` forces one reading.
- **Context.** A phrase relative to another date (``a year earlier``, ``the
  previous year``, ``two days later``, ``the next day``, ``that year``, ``the
  same month``) is read against the date the sentence is about: its first
  mention that is stated or read against the anchor, or else that of the
  sentence before; with neither, against the anchor.
"""

from __future__ import annotations

import enum
import importlib
import itertools
import re
from collections.abc import Iterator
from datetime import date as _date
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

import attrs

from timeline import calendar as cal
from timeline.errors import ConstraintError, ParseError, TimelineError
from timeline.events import Citation, DateBasis, Event, Source
from timeline.parse import as_value, parse
from timeline.when import TimeValue

if TYPE_CHECKING:
    from timeline.collection import Timeline

# The parse module itself (``timeline.parse`` names the function): its tables of words.
_grammar: Any = importlib.import_module("timeline.parse")

__all__ = ["DateMention", "Resolution", "Tense", "draft", "find_dates", "split_sentences"]

Tense = Literal["past", "future", "nearest", "either"]
"""How a phrase that names no year (``Tuesday``, ``Nov. 29``) is placed against the anchor."""

_TENSES: Final = frozenset(get_args(Tense))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MAX_CHARS: Final = 10_000_000
"""The default limit on the length of the text :func:`find_dates` and :func:`draft` read."""

# --------------------------------------------------------------------------------------
# The values.


class Resolution(enum.Enum):
    """How a mention's value was obtained."""

    STATED = "stated"
    """The phrase is absolute: it reads the same without an anchor."""
    ANCHOR = "anchor"
    """The phrase was read against the anchor (often the publication date)."""
    CONTEXT = "context"
    """The phrase was read against the value of another mention (``reference``)."""


def _check_span(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not (
        isinstance(value, tuple)
        and len(value) == 2
        and all(type(v) is int for v in value)
        and 0 <= value[0] < value[1]
    ):
        raise ConstraintError(
            f"{attribute.name} must be a pair of offsets (start, end) with 0 <= start < end, "
            f"not {value!r}"
        )


def _check_optional_span(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_span(instance, attribute, value)


@attrs.frozen
class DateMention:
    """A phrase of a text that :func:`timeline.parse` reads, and what it reads as.

    ``span`` is ``(start, end)``: character offsets into the text searched,
    ``end`` exclusive, so ``text[start:end] == mention.text``. ``value`` is
    the time value. ``resolved`` says how it was obtained; ``anchor`` is the
    value the phrase was read against (``None`` for :attr:`Resolution.STATED`)
    and, for :attr:`Resolution.CONTEXT`, ``reference`` the span of the mention
    whose value that is. ``tense`` is the tense passed to ``parse`` for a
    phrase read against an anchor, or ``None`` (a stated phrase, or a
    ``parse`` without tenses).
    """

    span: tuple[int, int] = attrs.field(validator=_check_span)
    text: str
    value: TimeValue
    resolved: Resolution = Resolution.STATED
    anchor: TimeValue | None = None
    reference: tuple[int, int] | None = attrs.field(default=None, validator=_check_optional_span)
    tense: Tense | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.text, str) or len(self.text) != self.span[1] - self.span[0]:
            raise ConstraintError(
                f"text must be the {self.span[1] - self.span[0]} characters of span "
                f"{self.span!r}, not {self.text!r}"
            )
        if not isinstance(self.value, TimeValue):
            raise ConstraintError(f"value must be a time value, not {self.value!r}")
        if not isinstance(self.resolved, Resolution):
            raise ConstraintError(f"resolved must be a Resolution, not {self.resolved!r}")
        if self.anchor is not None and not isinstance(self.anchor, TimeValue):
            raise ConstraintError(f"anchor must be a time value or None, not {self.anchor!r}")
        if (self.anchor is None) != (self.resolved is Resolution.STATED):
            raise ConstraintError(
                "a stated mention has no anchor, and one read against an anchor or a context "
                f"names it (resolved={self.resolved.value}, anchor={self.anchor!r})"
            )
        if (self.reference is None) != (self.resolved is not Resolution.CONTEXT):
            raise ConstraintError(
                "a mention read against its context names the reference's span, and only "
                f"such a mention does (resolved={self.resolved.value}, "
                f"reference={self.reference!r})"
            )
        if self.tense is not None and self.tense not in _TENSES:
            raise ConstraintError(
                f"tense must be one of {', '.join(sorted(_TENSES))} or None, not {self.tense!r}"
            )
        if self.tense is not None and self.resolved is Resolution.STATED:
            raise ConstraintError("a stated mention is read in no tense")

    @property
    def start(self) -> int:
        """The offset of the first character (``span[0]``)."""
        return self.span[0]

    @property
    def end(self) -> int:
        """The offset just past the last character (``span[1]``)."""
        return self.span[1]


# --------------------------------------------------------------------------------------
# The vocabulary: the words parse's grammar uses, and the roles they play in a scan.


def _grammar_words() -> frozenset[str]:
    """The lower-case words that may occur inside a date phrase, from parse's own tables."""
    shared: frozenset[str] | None = getattr(_grammar, "_VOCABULARY", None)
    if shared is not None:
        return frozenset(w.lower() for w in shared)
    # Until parse names its vocabulary, gather it from the tables its forms read.
    tables: list[Any] = [
        getattr(_grammar, name, {})
        for name in ("_MONTHS", "_WEEKDAYS", "_NUMBERS", "_SEASON_CODES")
    ]
    words = {str(w) for table in tables for w in table}
    words.update(
        _words(
            "today yesterday tomorrow tonight now present ongoing ago since between and from "
            "to until till through the a an of on in last next this past coming early mid "
            "late earlier later before after previous prior following same that fiscal fy "
            "year years month months week weeks day days quarter quarters half decade decades "
            "century weekend ending ended end first second third fourth full c ca circa about "
            "around sometime some time during bce bc ce ad northern southern q h w"
        )
    )
    return frozenset(words)


_VOCAB: Final = _grammar_words()
_MONTH_WORDS: Final = frozenset(getattr(_grammar, "_MONTHS", {}))
_WEEKDAY_WORDS: Final = frozenset(getattr(_grammar, "_WEEKDAYS", {}))
# Names a date phrase is built around only when written with a capital ("may", "march",
# "sun" and "wed" are also plain words); abbreviations never stand alone.
_NAMES: Final = _MONTH_WORDS | _WEEKDAY_WORDS
_FULL_NAMES: Final = _words(
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday"
)
_VERB_NAMES: Final = _words("may march")
_SEASONS: Final = frozenset(getattr(_grammar, "_SEASON_CODES", {}))
_SEASON_BEFORE: Final = _words("in by during until till through since of before after")
_STRONG_WORDS: Final = (
    _words(
        "today yesterday tomorrow tonight night morning afternoon evening ago "
        "year years month months week weeks day days "
        "quarter quarters decade decades century weekend fy spring summer autumn fall winter "
        "christmas easter thanksgiving halloween"
    )
    | frozenset(getattr(_grammar, "_SEASON_CODES", {}))
) & (_VOCAB | {"fy"})
# Words a phrase does not start with (parse reads "2014", and "in 2014" is its context).
_NOT_FIRST: Final = _words("on in at of by during and or to for ending ended with")
# Words a phrase does not end with.
_NOT_LAST: Final = _words(
    "the a an of on in at by and or to from between since until till through last next "
    "this past coming early mid late fiscal ending ended end that during some first "
    "second third fourth full c ca circa about around sometime"
)
# Cues that a phrase is relative to another date of the text rather than to the anchor.
_CONTEXT_CUES: Final = _words("earlier later before after previous prior following same")
_CONTEXT_UNITS: Final = _words("day week month year quarter decade")

# Tense cues, by the words themselves (lower case); the nearest in the clause wins.
_FUTURE: Final = _words(
    "will shall won't upcoming scheduled slated planned plans plan intends going expected "
    "set tomorrow next coming expects expect aims hopes intend"
)
_PAST: Final = _words(
    "said told was were had did wasn't weren't didn't hadn't announced reported added "
    "wrote stated released confirmed ruled filed signed ended began arrested last ago "
    "yesterday earlier"
)
_CLAUSE_BACK: Final = 10  # word tokens looked at before a phrase for its tense
_CLAUSE_AHEAD: Final = 6  # and after it

# A lone four-digit number: which years are plausible, and what context makes it one.
_YEARS: Final = range(1000, 2200)
_YEAR_BEFORE: Final = _words(
    "in since by from until till through of before after during early mid late the a an "
    "and or to between year fiscal around circa c ca about as than"
)
_NOT_YEAR_BEFORE: Final = _words(
    "nearly almost roughly approximately least over under some total number no nos route "
    "highway interstate flight room suite page pages pp model version"
)
_NOT_YEAR_AFTER: Final = _words(
    "percent per percentage points point people persons dollars cases arrests votes "
    "residents immigrants students members workers jobs units times deaths troops "
    "children acres miles feet meters kilometers homes signatures pages people's others "
    "more"
)
# Characters that, touching a number, make it money, a count, a code or part of a longer one.
_NOT_YEAR_EDGE_BEFORE: Final = frozenset("$€£¥#+-/.,:_@&%*=^~")
_NOT_YEAR_EDGE_AFTER: Final = frozenset("%$€£/_@-+*=^~")

# --------------------------------------------------------------------------------------
# Tokens and sentences.

_WORD, _NUM, _PUNCT, _MARKUP = 0, 1, 2, 3
_TOKEN: Final = re.compile(
    r"(?P<w>[^\W\d_]++(?:['’][^\W\d_]++)?+)"
    r"|(?P<n>[0-9]++)"
    r"|(?P<m><[A-Za-z/!][^<>]{0,500}+>)"
    r"|\S"
)
_JOIN: Final = frozenset(",.-–—/'’")
_GLUE: Final = frozenset(":+")  # joins only between characters with no space around it
_MAX_TOKENS: Final = 14
_MAX_PHRASE: Final = 100
_MAX_CALLS: Final = 24  # parse calls per candidate run of tokens
_OVERLAP: Final = 4  # tokens a run cut by a limit shares with the next
_MAX_SENTENCE: Final = 2000

_BLOCK_TAGS: Final = (
    "p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|hr|section|article|header|footer|"
    "title|body|head|html|dt|dd|figure|figcaption|pre"
)
_BREAK: Final = re.compile(
    r"[.!?]++[\"'”’)\]]*+"
    r"|\n"
    rf"|<(?:/?(?:{_BLOCK_TAGS}))(?![A-Za-z0-9])[^<>]{{0,500}}+>",
    re.IGNORECASE,
)
_SPACE: Final = re.compile(r"\s*+")
_ABBREVIATIONS: Final = _words(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri "
    "sat sun mr mrs ms dr prof sen rep reps gov gen lt col sgt capt cmdr adm maj st jr sr "
    "rev hon pres supt det insp inc corp co ltd vs no nos fig approx dept est univ ave "
    "blvd rd mt ft a.m p.m u.s u.k u.n d.c e.g i.e c ca"
)


def _abbreviation_before(text: str, dot: int) -> bool:
    """True when the ``.`` at ``dot`` ends an abbreviation ("Nov.", "U.S.", "J.")."""
    start = dot
    while start > 0 and dot - start < 12 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    return word in _ABBREVIATIONS or len(word) == 1 or ("." in word and len(word) <= 8)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text``, as ``(start, end)`` offsets (``end`` exclusive), in order.

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or
    brackets) followed by a space and a word that does not start in lower
    case, unless the ``.`` ends an abbreviation (``Nov.``, ``Sept.``,
    ``U.S.``, ``Mr.``, an initial); at a line break, unless the next line
    starts in lower case; and at block markup (``<p>``, ``<br>``, ``</div>``),
    which belongs to no sentence. Sentences are stripped of surrounding space;
    one longer than 2,000 characters is cut at a space. Linear in the length
    of the text.
    """
    if not isinstance(text, str):
        raise ParseError(repr(text), f"expected text, got {type(text).__name__}")
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BREAK.finditer(text):
        a, b = m.span()
        if b < start:
            continue
        first = text[a]
        if first == "<":
            _add_sentence(text, start, a, out)
            start = b
            continue
        space = _SPACE.match(text, b)
        after = b if space is None else space.end()
        following = text[after] if after < n else ""
        if first == "\n":
            if following.islower():
                continue
            _add_sentence(text, start, a, out)
            start = b
            continue
        if b < n and not (text[b].isspace() or text[b] == "<"):
            continue  # "3.5", "U.S.-led", "Yahoo!s"
        if following.islower():
            continue
        if b - a == 1 and first == "." and _abbreviation_before(text, a):
            continue
        _add_sentence(text, start, b, out)
        start = b
    _add_sentence(text, start, n, out)
    return out


def _add_sentence(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        if cut <= start:
            cut = start + _MAX_SENTENCE
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))


class _Token:
    __slots__ = ("end", "kind", "low", "start", "stem")

    def __init__(self, start: int, end: int, kind: int, low: str, stem: int) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.low = low  # lower case; for a possessive word, without its 's
        self.stem = stem  # where a phrase ending with this token ends (before an 's)


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    out: list[_Token] = []
    append = out.append
    for m in _TOKEN.finditer(text, start, end):
        a, b = m.span()
        kind = m.lastindex
        if kind == 1:
            low = m.group().lower()
            stem = b
            if len(low) > 2 and low[-2] in "'’" and low[-1] == "s":
                low = low[:-2]
                stem = b - 2
            append(_Token(a, b, _WORD, low, stem))
        elif kind == 2:
            append(_Token(a, b, _NUM, m.group(), b))
        elif kind == 3:
            append(_Token(a, b, _MARKUP, "", b))
        else:
            append(_Token(a, b, _PUNCT, m.group(), b))
    return out


# --------------------------------------------------------------------------------------
# The scan.


class _Scan:
    """One call's settings, its memo of parse results, and the context carried along."""

    def __init__(
        self,
        text: str,
        anchor: TimeValue | None,
        fiscal: cal.FiscalCalendar | None,
        week_start: int,
        tense: Tense | None,
    ) -> None:
        self.text = text
        self.anchor = anchor
        self.fiscal = fiscal
        self.week_start = week_start
        self.tense = tense
        self.memo: dict[tuple[str, TimeValue | None, str | None], TimeValue | None] = {}
        # The mentions a phrase relative to another date may be read against.
        self.reference: DateMention | None = None
        self.previous_reference: DateMention | None = None

    def parse(self, phrase: str, anchor: TimeValue | None, tense: str | None) -> TimeValue | None:
        key = (phrase, anchor, tense)
        memo = self.memo
        if key in memo:
            return memo[key]
        options: dict[str, Any] = {"fiscal": self.fiscal, "week_start": self.week_start}
        if anchor is not None:
            options["anchor"] = anchor
        if tense is not None:
            options["tense"] = tense
        try:
            value: TimeValue | None = parse(phrase, **options)
        except TimelineError:
            value = None
        if len(memo) > 100_000:
            memo.clear()
        memo[key] = value
        return value

    def sentence(self, start: int, end: int) -> list[DateMention]:
        """The mentions of the sentence at ``text[start:end]``, in order."""
        self.previous_reference, self.reference = self.reference, None
        tokens = _tokens(self.text, start, end)
        found: list[DateMention] = []
        i, n = 0, len(tokens)
        while i < n:
            if not self._opens(tokens, i):
                i += 1
                continue
            j = i + 1
            while (
                j < n
                and j - i < _MAX_TOKENS
                and tokens[j].end - tokens[i].start <= _MAX_PHRASE
                and self._continues(tokens, j)
            ):
                j += 1
            resume, last = self._window(tokens, i, j, found)
            if resume >= j and j < n and self._continues(tokens, j):
                # A limit cut the run short: look again from the last phrase taken (at
                # most a few tokens back), so a phrase across the cut is still found.
                i = max(last, j - _OVERLAP, i + 1)
            else:
                i = j
        return found

    def _opens(self, tokens: list[_Token], i: int) -> bool:
        t = tokens[i]
        if t.kind == _NUM:
            return True
        return t.kind == _WORD and self._vocabulary(tokens, i)

    def _vocabulary(self, tokens: list[_Token], i: int) -> bool:
        t = tokens[i]
        if t.low not in _VOCAB:
            return _glued_to_number(tokens, i) and len(t.low) <= 3
        return not (t.low in _NAMES and not self.text[t.start].isupper())

    def _continues(self, tokens: list[_Token], j: int) -> bool:
        t = tokens[j]
        if tokens[j - 1].stem != tokens[j - 1].end:
            return False  # a possessive ends the phrase ("this year's")
        if t.kind == _NUM:
            return True
        if t.kind == _WORD:
            return self._vocabulary(tokens, j)
        if t.kind == _PUNCT:
            if t.low in _JOIN:
                return True
            return t.low in _GLUE and _tight(tokens, j)
        return False

    def _window(
        self, tokens: list[_Token], i: int, j: int, found: list[DateMention]
    ) -> tuple[int, int]:
        """Accept the longest phrases parse reads in ``tokens[i:j]``, left to right.

        Returns where the search stopped (``j``, or earlier when it ran out of
        parse calls) and the index after the last phrase taken (``i`` if none).
        """
        calls = 0
        left = last = i
        strong_at = [_is_strong(tokens, k, self.text) for k in range(i, j)]
        if not any(strong_at):
            return j, i
        cue: str | None = None
        looked = False  # for a cue of the clause's tense
        while left < j and calls < _MAX_CALLS:
            first = tokens[left]
            if (
                first.kind not in (_WORD, _NUM)
                or first.low in _NOT_FIRST
                or not _may_start_at(tokens, left)
            ):
                left += 1
                continue
            accepted = False
            # The first strong token and the first word from the left edge on: a phrase
            # must hold the one, and one without the other is a bare number.
            strong = next((k for k in range(left, j) if strong_at[k - i]), j)
            word = next((k for k in range(left, j) if tokens[k].kind == _WORD), j)
            for right in range(j - 1, strong - 1, -1):
                if calls >= _MAX_CALLS:
                    break
                if not self._may_end(tokens, left, right):
                    continue
                if word > right and not self._number_ok(tokens, left, right):
                    continue
                if left > 0 and self._a_name(tokens, left, right):
                    continue
                phrase = self.text[first.start : tokens[right].stem]
                anchor, reference = self._anchor_for(tokens, left, right)
                if not looked:
                    cue, looked = _clause_tense(tokens, i, j), True
                tense = self.tense or cue or _default_tense(tokens, left, right)
                calls += 1
                value = self.parse(phrase, anchor, tense if anchor is not None else None)
                if value is None:
                    continue
                found.append(
                    self._mention(
                        first.start, tokens[right].stem, phrase, value, anchor, reference, tense
                    )
                )
                left = last = right + 1
                accepted = True
                break
            if not accepted:
                left += 1
        return left, last

    def _may_end(self, tokens: list[_Token], left: int, right: int) -> bool:
        t = tokens[right]
        if not _may_end_at(tokens, right):
            return False
        if t.kind == _NUM:
            return True
        if t.kind != _WORD or t.low in _NOT_LAST:
            return False
        if left == right and t.low in _SEASONS:
            # "prices will fall", "a spring in his step": a season alone is a date only
            # after a preposition ("in spring", "by fall").
            before = tokens[left - 1] if left > 0 else None
            return before is not None and before.low in _SEASON_BEFORE
        if left != right or t.low not in _NAMES:
            return True
        # "Sun", "Wed", "Jan" alone are words or names, not dates; nor is "May" or
        # "March" opening a sentence ("May I ask", "March on").
        return t.low in _FULL_NAMES and not (right == 0 and t.low in _VERB_NAMES)

    def _a_name(self, tokens: list[_Token], left: int, right: int) -> bool:
        """True for words all capitalised inside a sentence, none a month or weekday:
        a title such as ABC's "This Week", not a date."""
        text = self.text
        for t in tokens[left : right + 1]:
            if t.kind == _NUM or t.low in _NAMES:
                return False
            if t.kind == _WORD and not text[t.start].isupper():
                return False
        return True

    def _number_ok(self, tokens: list[_Token], left: int, right: int) -> bool:
        """Numbers without words are dates only as a year in a date context, or two years."""
        numbers = [t for t in tokens[left : right + 1] if t.kind == _NUM]
        text = self.text
        start, end = tokens[left].start, tokens[right].end
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "$€£¥#+-/.,:_@"):
            return False
        if (end < len(text) and (text[end].isalnum() or text[end] in "%$€£/_@-")) or (
            end + 1 < len(text) and text[end] in ".,:" and text[end + 1].isdigit()
        ):
            return False
        if len(numbers) == 1:
            return self._year_in_context(tokens, left, numbers[0])
        if len(numbers) == 2 and right == left + 2:
            a, b = numbers
            joined = tokens[left + 1].low in "-–—"
            if joined and len(a.low) == 4 and len(b.low) == 4:
                return int(a.low) in _YEARS and int(b.low) in _YEARS and int(a.low) < int(b.low)
        # Other runs of digits and joining marks (2017-09-28, 2017/2018): parse decides.
        return any(len(t.low) == 4 for t in numbers) and len(numbers) >= 2

    def _year_in_context(self, tokens: list[_Token], at: int, number: _Token) -> bool:
        if len(number.low) != 4 or int(number.low) not in _YEARS:
            return False
        text = self.text
        before = text[number.start - 1] if number.start > 0 else " "
        after = text[number.end] if number.end < len(text) else " "
        if before.isalnum() or before in _NOT_YEAR_EDGE_BEFORE:
            return False
        if after.isalnum() or after in _NOT_YEAR_EDGE_AFTER:
            return False
        nxt = tokens[at + 1] if at + 1 < len(tokens) else None
        if nxt is not None and (nxt.low in _NOT_YEAR_AFTER or nxt.low == "%"):
            return False
        if after in "'’" and nxt is not None and nxt.low == "s":
            return True  # "2014's"
        prev = _previous_word(tokens, at)
        if prev is not None and prev.low in _NOT_YEAR_BEFORE:
            return False
        if nxt is None or (nxt.low in ".;" and at + 2 == len(tokens)):
            return True  # "since the center opened 2002."
        if prev is None:
            # At the start of a sentence: "2014, the year ..." or "2014 – the year ...".
            return nxt.low in (",", "—", "–")
        if prev.stem != prev.end:
            return True  # "Trump's 2016 campaign"
        return prev.low in _YEAR_BEFORE

    def _anchor_for(
        self, tokens: list[_Token], left: int, right: int
    ) -> tuple[TimeValue | None, DateMention | None]:
        """What the phrase is read against: a mention of the context, or the anchor."""
        if _relative_to_context(tokens, left, right):
            reference = self.reference or self.previous_reference
            if reference is not None:
                return reference.value, reference
        return self.anchor, None

    def _mention(
        self,
        start: int,
        end: int,
        phrase: str,
        value: TimeValue,
        anchor: TimeValue | None,
        reference: DateMention | None,
        tense: str | None,
    ) -> DateMention:
        if anchor is None or self.parse(phrase, None, None) == value:
            mention = DateMention((start, end), phrase, value)
        elif reference is not None:
            mention = DateMention(
                (start, end),
                phrase,
                value,
                Resolution.CONTEXT,
                anchor,
                reference.span,
                _as_tense(tense),
            )
        else:
            mention = DateMention(
                (start, end),
                phrase,
                value,
                Resolution.ANCHOR,
                anchor,
                None,
                _as_tense(tense),
            )
        if mention.resolved is not Resolution.CONTEXT and self.reference is None:
            self.reference = mention
        return mention


_TENSE_NAMES: Final[dict[str | None, Tense]] = {t: t for t in get_args(Tense)}


def _as_tense(value: str | None) -> Tense | None:
    return _TENSE_NAMES.get(value)


def _glued_to_number(tokens: list[_Token], i: int) -> bool:
    t = tokens[i]
    return (i > 0 and tokens[i - 1].kind == _NUM and tokens[i - 1].end == t.start) or (
        i + 1 < len(tokens) and tokens[i + 1].kind == _NUM and tokens[i + 1].start == t.end
    )


def _tight(tokens: list[_Token], j: int) -> bool:
    """True when the mark at ``j`` touches the tokens on both sides (``10:30``, ``+01``)."""
    return (
        j + 1 < len(tokens)
        and tokens[j - 1].end == tokens[j].start
        and tokens[j].end == tokens[j + 1].start
    )


def _touches(a: _Token, b: _Token) -> bool:
    return a.end == b.start


def _is_strong(tokens: list[_Token], k: int, text: str) -> bool:
    """True when ``tokens[k]`` is what a date is built around (a year, a month, "week")."""
    t = tokens[k]
    if t.kind == _NUM:
        return len(t.low) == 4 or _glued_to_word(tokens, k)
    if t.kind == _WORD:
        if t.low in _STRONG_WORDS:
            return True
        if t.low in _NAMES and text[t.start].isupper():
            return True
        return len(t.low) <= 2 and _glued_to_number(tokens, k)  # Q3, H1, FY2018, 2017-W06
    return False


def _glued_to_word(tokens: list[_Token], k: int) -> bool:
    """True when the number at ``k`` touches a word (``2010s``, ``24th``, ``FY2018``)."""
    return (k > 0 and tokens[k - 1].kind == _WORD and _touches(tokens[k - 1], tokens[k])) or (
        k + 1 < len(tokens) and tokens[k + 1].kind == _WORD and _touches(tokens[k], tokens[k + 1])
    )


# Marks that, touching a token, make it part of a longer written form (2017-09-28, 10:30).
_INSIDE: Final = frozenset("-–/:+_")


def _may_start_at(tokens: list[_Token], k: int) -> bool:
    if k == 0 or not _touches(tokens[k - 1], tokens[k]):
        return True
    before = tokens[k - 1]
    if before.kind in (_WORD, _NUM):
        return False
    if before.low not in _INSIDE:
        return True
    # "2017-09-28" read from "09" on is no phrase; "Briefs/October 18, 2007" is one.
    further = tokens[k - 2] if k >= 2 and _touches(tokens[k - 2], before) else None
    if further is None or further.kind not in (_WORD, _NUM):
        return True
    return before.low == "/" and further.kind == _WORD and tokens[k].kind == _WORD


def _may_end_at(tokens: list[_Token], k: int) -> bool:
    t = tokens[k]
    if t.stem != t.end or k + 1 == len(tokens) or not _touches(t, tokens[k + 1]):
        return True
    after = tokens[k + 1]
    if after.kind in (_WORD, _NUM):
        return False
    if after.low in _INSIDE:
        # "FY 2020:" ends at the colon; "10:30" and "2017-09" go on past it.
        further = tokens[k + 2] if k + 2 < len(tokens) else None
        return not (
            further is not None and further.kind in (_WORD, _NUM) and _touches(after, further)
        )
    # "3.5", "1,998": a mark between digits
    return not (
        after.low in ".,"
        and k + 2 < len(tokens)
        and tokens[k + 2].kind == _NUM
        and _touches(after, tokens[k + 2])
    )


def _previous_word(tokens: list[_Token], at: int) -> _Token | None:
    k = at - 1
    while k >= 0 and tokens[k].kind == _PUNCT and tokens[k].low in "([{\"'“‘":
        k -= 1
    if k < 0 or tokens[k].kind != _WORD:
        return None
    return tokens[k]


def _relative_to_context(tokens: list[_Token], left: int, right: int) -> bool:
    """True when the phrase is relative to another date ("a year earlier", "the next day")."""
    words = [k for k in range(left, right + 1) if tokens[k].kind == _WORD]
    for n, k in enumerate(words):
        low = tokens[k].low
        if low in _CONTEXT_CUES:
            return True
        after = tokens[words[n + 1]].low if n + 1 < len(words) else ""
        before = tokens[words[n - 1]].low if n > 0 else ""
        if low == "that" and after in _CONTEXT_UNITS:
            return True
        if low == "next" and before == "the" and after in _CONTEXT_UNITS:
            return True
        if low == "ago" and k > left and tokens[k - 1].low == "-":
            return True  # "the year-ago quarter"
    return False


def _clause_tense(tokens: list[_Token], i: int, j: int) -> str | None:
    """The tense the clause around ``tokens[i:j]`` reads in (its nearest cue), or None."""
    best: tuple[int, str] | None = None
    seen = 0
    k = i - 1
    later = ""  # the word after tokens[k]
    while k >= 0 and seen < _CLAUSE_BACK and i - k <= 3 * _CLAUSE_BACK:
        t = tokens[k]
        if t.kind == _PUNCT and t.low == ";":
            break
        if t.kind == _WORD:
            seen += 1
            cue = _cue(t.low)
            if cue is None and t.low in ("has", "have") and later.endswith("ed"):
                cue = "past"  # "have blocked": the present perfect tells of the past
            if cue is not None:
                best = (i - k, cue)
                break
            later = t.low
        k -= 1
    seen = 0
    k = j
    while k < len(tokens) and seen < _CLAUSE_AHEAD and k - j < 3 * _CLAUSE_AHEAD:
        t = tokens[k]
        if t.kind == _PUNCT and t.low == ";":
            break
        if t.kind == _WORD:
            seen += 1
            cue = _cue(t.low)
            if cue is not None:
                if best is None or k - j + 1 < best[0]:
                    best = (k - j + 1, cue)
                break
        k += 1
    return None if best is None else best[1]


def _default_tense(tokens: list[_Token], left: int, right: int) -> str:
    """Without a cue: the nearest weekday or day of a month (the news convention), else past."""
    for k in range(left, right + 1):
        t = tokens[k]
        if (t.kind == _NUM and len(t.low) <= 2) or t.low in _WEEKDAY_WORDS:
            return "nearest"
    return "past"


def _cue(word: str) -> str | None:
    if word in _FUTURE or word.endswith(("'ll", "’ll")):
        return "future"
    if word in _PAST:
        return "past"
    return None


# --------------------------------------------------------------------------------------
# The public functions.


def _settings(
    text: object,
    anchor: TimeValue | _date | str | None,
    fiscal: cal.FiscalCalendar | None,
    week_start: int,
    tense: str | None,
    max_chars: int,
) -> tuple[str, TimeValue | None]:
    if not isinstance(text, str):
        raise ParseError(repr(text)[:80], f"expected text, got {type(text).__name__}")
    if type(max_chars) is not int or max_chars < 0:
        raise ConstraintError(f"max_chars must be a whole number of characters, not {max_chars!r}")
    if len(text) > max_chars:
        from timeline.io import LimitError

        raise LimitError(
            f"the text has {len(text):,} characters, more than max_chars={max_chars:,}",
            filename="<text>",
        )
    if fiscal is not None and not isinstance(fiscal, cal.FiscalCalendar):
        raise ConstraintError(f"fiscal must be a FiscalCalendar or None, not {fiscal!r}")
    if type(week_start) is not int or week_start not in range(7):
        raise ConstraintError(f"week_start must be 0 (Monday) to 6 (Sunday), not {week_start!r}")
    if tense is not None and tense not in _TENSES:
        raise ConstraintError(
            f"tense must be one of {', '.join(sorted(_TENSES))} or None, not {tense!r}"
        )
    if anchor is None:
        return text, None
    try:
        return text, as_value(anchor)
    except ParseError as error:
        raise ParseError(error.text, f"anchor: {error.reason}") from None


def _scan(
    text: str,
    anchor: TimeValue | None,
    fiscal: cal.FiscalCalendar | None,
    week_start: int,
    tense: Tense | None,
) -> Iterator[tuple[tuple[int, int], list[DateMention]]]:
    scan = _Scan(text, anchor, fiscal, week_start, tense)
    for start, end in split_sentences(text):
        yield (start, end), scan.sentence(start, end)


def find_dates(
    text: str,
    *,
    anchor: TimeValue | _date | str | None = None,
    fiscal: cal.FiscalCalendar | None = None,
    week_start: int = cal.MONDAY,
    tense: Tense | None = None,
    max_chars: int = MAX_CHARS,
) -> list[DateMention]:
    """Every date phrase of ``text`` that :func:`timeline.parse` reads, in text order.

    ``anchor`` is what relative phrases are read against (usually the
    publication date; a time value, a date or text). Without one, relative
    phrases (``last week``, ``Wednesday``) are skipped, not errors.
    ``fiscal`` and ``week_start`` are passed to ``parse``. ``tense`` forces
    one reading of phrases that name no year (when ``parse`` takes a
    ``tense=``); by default the clause decides (see the module docstring).

    Mentions never overlap and are sorted by offset; within a candidate run
    of tokens the longest phrase ``parse`` reads wins, and a leading ``on``,
    ``in``, ``at``, ``of``, ``by`` or ``during`` is left out of it. Markup
    tags are not searched. The result is the same for the same arguments, and
    the time taken is linear in the length of the text.

    Any ``str`` is accepted, control characters and lone surrogates included.
    Raises :class:`~timeline.ParseError` when ``text`` is not a ``str`` or
    the anchor cannot be read, :class:`~timeline.LimitError` when the text is
    longer than ``max_chars`` characters, and
    :class:`~timeline.ConstraintError` for other bad arguments.
    """
    text, anchor_value = _settings(text, anchor, fiscal, week_start, tense, max_chars)
    return [
        m for _, mentions in _scan(text, anchor_value, fiscal, week_start, tense) for m in mentions
    ]


_TITLE_LENGTH: Final = 80
_SLUG_WORDS: Final = 6
_MARKUP_TAG: Final = re.compile(r"<[A-Za-z/!][^<>]{0,500}+>")


def _title(sentence: str) -> str:
    """The sentence without markup, on one line, cut on a word boundary with "…"."""
    words = _MARKUP_TAG.sub(" ", sentence).split()
    title = ""
    for word in words:
        candidate = f"{title} {word}" if title else word
        if len(candidate) > _TITLE_LENGTH - 1:
            return (title or word[: _TITLE_LENGTH - 1]) + "…"
        title = candidate
    return title or sentence.strip()


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words[:_SLUG_WORDS]) or "event"


def draft(
    text: str,
    *,
    source: Source,
    anchor: TimeValue | _date | str | None = None,
    fiscal: cal.FiscalCalendar | None = None,
    week_start: int = cal.MONDAY,
    max_chars: int = MAX_CHARS,
) -> Timeline:
    """A draft timeline of ``text``: one candidate event per sentence that carries a date.

    ``source`` is the article (a :class:`~timeline.Source`); ``anchor``
    defaults to its ``published`` date. Each event is dated by the first
    mention of its sentence that is stated or read against the anchor (else
    its first mention); the others are listed in its basis note. Its title is
    the sentence (without markup, cut on a word boundary with "…"), its one
    citation quotes the sentence verbatim (a substring of ``text``), and its
    basis is *stated* for an absolute phrase and *derived* (the phrase and the
    value it was read against) for a relative one. Ids are a slug of the title
    and the sentence's number, so the same text gives the same ids. Every
    event is tagged ``draft``: a draft is a starting point for a person to
    curate, it holds no fact the text does not state.

    Raises as :func:`find_dates` does, and :class:`~timeline.ConstraintError`
    when ``source`` is not a Source.
    """
    from timeline.collection import Timeline

    if not isinstance(source, Source):
        raise ConstraintError(f"source must be a Source, not {source!r}")
    chosen = source.published if anchor is None else anchor
    text, anchor_value = _settings(text, chosen, fiscal, week_start, None, max_chars)
    events: list[Event] = []
    units = (
        unit
        for span, mentions in _scan(text, anchor_value, fiscal, week_start, None)
        if mentions
        for unit in _clauses(text, span, mentions)
    )
    for number, (span, mentions) in enumerate(units, start=1):
        main = next((m for m in mentions if m.resolved is not Resolution.CONTEXT), mentions[0])
        quote = text[span[0] : span[1]]
        title = _title(quote)
        events.append(
            Event(
                id=f"{_slug(title)}-{number}",
                title=title,
                when=main.value,
                **_cited(Citation(source, quote)),
                basis=_basis(main, mentions, text, source, fiscal, week_start),
                tags=("draft",),
            )
        )
    name = source.title or source.outlet or source.id
    return Timeline(
        events,
        sources=(source,),
        title=f"Draft: dates found in {name} (candidates to check, not a curated timeline)",
    )


def _clauses(
    text: str, span: tuple[int, int], mentions: list[DateMention]
) -> Iterator[tuple[tuple[int, int], list[DateMention]]]:
    """The sentence cut at "; " where each part has a date of its own ("in January; ...")."""
    start, end = span
    cuts = [start]
    at = text.find("; ", start, end)
    while at >= 0:
        cuts.append(at + 1)
        at = text.find("; ", at + 2, end)
    cuts.append(end)
    parts = []
    for a, b in itertools.pairwise(cuts):
        inside = [m for m in mentions if a <= m.start and m.end <= b]
        parts.append(((a, b), inside))
    if len(parts) == 1 or not all(inside for _, inside in parts):
        yield span, mentions
        return
    for (a, b), inside in parts:
        while a < b and text[a].isspace():
            a += 1
        yield (a, b), inside


def _cited(citation: Citation) -> dict[str, Any]:
    # Event's converter (tuple) leaves mypy a generic parameter type it cannot match.
    return {"sources": (citation,)}


def _basis(
    main: DateMention,
    mentions: list[DateMention],
    text: str,
    source: Source,
    fiscal: cal.FiscalCalendar | None,
    week_start: int,
) -> DateBasis:
    others = [m for m in mentions if m is not main]
    notes = []
    if main.reference is not None:
        ref = main.reference
        notes.append(f"Read against {text[ref[0] : ref[1]]!r}, a date earlier in the text.")
    if others:
        listed = "; ".join(f"{m.text!r}: {m.value}" for m in others)
        notes.append(f"Other dates in the sentence: {listed}.")
    note = " ".join(notes)
    if main.resolved is Resolution.STATED or main.anchor is None:
        return DateBasis.stated(note=note)
    try:
        again = parse(main.text, anchor=main.anchor)
    except TimelineError:
        again = None
    if again != main.value:
        # The reading took settings a derived basis does not keep (a tense, a fiscal
        # calendar, a week start): say how it was read instead of claiming a derivation.
        how = (
            f"read by timeline.draft from {main.text!r} against {main.anchor}"
            + (f" in the {main.tense} tense" if main.tense else "")
            + (f" with the fiscal calendar {fiscal.name or fiscal!r}" if fiscal else "")
            + (f", weeks starting on day {week_start}" if week_start != cal.MONDAY else "")
        )
        return DateBasis.external(how, note=note)
    published = main.resolved is Resolution.ANCHOR and main.anchor == source.published
    return DateBasis.derived(
        main.text, main.anchor, anchor_ref="published" if published else "", note=note
    )
