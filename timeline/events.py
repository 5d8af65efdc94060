"""Events, their sources and their numbers, as frozen values.

Every fact carries its source: an :class:`Event` cites one or more
:class:`Citation` (a :class:`Source` and the exact words quoted from it),
every :class:`Metric` has its own citation, and :class:`DateBasis` records
how the event's date was obtained — written in the text, derived from a
relative phrase against an anchor (kept so the derivation can be re-run),
or known from outside the sources.

Events come in kinds, each a subclass with fields of its own
(:class:`Operation`, :class:`Ruling`, ...). Users add kinds with
:func:`register_kind`; the YAML reader finds them by their ``kind`` name.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Final, TypeVar

import attrs

from timeline.errors import ConstraintError
from timeline.relations import Relations
from timeline.when import TimeValue

__all__ = [
    "Basis",
    "Breakdown",
    "Citation",
    "Comparison",
    "ComparisonKind",
    "Contrast",
    "DateBasis",
    "Event",
    "ExecutiveOrder",
    "FiscalYearReport",
    "Hedge",
    "Law",
    "Lawsuit",
    "Metric",
    "Note",
    "NoteKind",
    "Number",
    "Operation",
    "PressRelease",
    "Publication",
    "RelationClaim",
    "Ruling",
    "Source",
    "Statement",
    "event_kinds",
    "kind_named",
    "register_kind",
]

Number = int | Decimal
"""Numbers are kept exact: integers as ``int``, anything else as ``Decimal``."""

_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")


def _check_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ConstraintError(
            f"{attribute.name} must be letters, digits and - _ . : (no spaces), not {value!r}"
        )


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ConstraintError(f"{attribute.name} must be non-empty text, not {value!r}")


def _check_str(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise ConstraintError(f"{attribute.name} must be text, not {value!r}")


def _check_when(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, TimeValue):
        raise ConstraintError(f"{attribute.name} must be a time value, not {value!r}")


def _check_optional_when(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, TimeValue):
        raise ConstraintError(f"{attribute.name} must be a time value or None, not {value!r}")


def _check_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ConstraintError(f"{attribute.name} must be an int or a Decimal, not {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ConstraintError(f"{attribute.name} must be a finite number, not {value!r}")


def _strings(value: Iterable[str] | str) -> tuple[str, ...]:
    """A tuple of texts; a lone string is one item, never its characters."""
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _check_strings(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) and v for v in value):
        raise ConstraintError(f"{attribute.name} must be a tuple of non-empty texts, not {value!r}")


def _tuple_of(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(v, kind) for v in value):
            raise ConstraintError(
                f"{attribute.name} must be a tuple of {kind.__name__}, not {value!r}"
            )

    return check


def _norm_unit(unit: str) -> str:
    return " ".join(unit.casefold().split())


def _number(value: object) -> object:
    """Keep numbers exact: floats are refused, integral Decimals stay Decimals."""
    if isinstance(value, float):
        raise ConstraintError(f"{value!r} is a float; give an int or a Decimal so it stays exact")
    return value


# --------------------------------------------------------------------------------------
# Sources and how dates were obtained.


class Basis(enum.Enum):
    """How a date was obtained."""

    STATED = "stated"
    """Written in the source."""
    DERIVED = "derived"
    """A relative phrase of the source, read against an anchor."""
    EXTERNAL = "external"
    """Known from outside the sources; the note says how."""


@attrs.frozen
class DateBasis:
    """How a date was obtained, with what is needed to check it.

    ``phrase`` and ``anchor`` are set for :attr:`Basis.DERIVED` (the date is
    ``parse(phrase, anchor=anchor)``); ``anchor_ref`` is how the anchor was
    named in the file (``"published"``, ``"published:<source id>"``) or ``""``.
    ``how`` says how an :attr:`Basis.EXTERNAL` date is known. ``note`` is a
    remark on any basis (the reasoning behind a window, say).
    """

    basis: Basis = Basis.STATED
    phrase: str = attrs.field(default="", validator=_check_str)
    anchor: TimeValue | None = attrs.field(default=None, validator=_check_optional_when)
    anchor_ref: str = attrs.field(default="", validator=_check_str)
    note: str = attrs.field(default="", validator=_check_str)
    how: str = attrs.field(default="", validator=_check_str)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.basis, Basis):
            raise ConstraintError(f"basis must be a Basis, not {self.basis!r}")
        if self.basis is Basis.DERIVED and (not self.phrase.strip() or self.anchor is None):
            raise ConstraintError(
                "a derived date needs the phrase and the anchor it was read against"
            )
        if self.basis is Basis.EXTERNAL and not self.how.strip():
            raise ConstraintError("an external date needs `how`: how it is known")
        if self.basis is not Basis.EXTERNAL and self.how:
            raise ConstraintError("only an external date has `how`")
        if self.basis is not Basis.DERIVED and (self.phrase or self.anchor is not None):
            raise ConstraintError("only a derived date has a phrase and an anchor")

    @classmethod
    def stated(cls, note: str = "") -> DateBasis:
        """A date written in the source."""
        return cls(Basis.STATED, note=note)

    @classmethod
    def derived(
        cls, phrase: str, anchor: TimeValue, *, anchor_ref: str = "", note: str = ""
    ) -> DateBasis:
        """A date read from ``phrase`` against ``anchor``."""
        return cls(Basis.DERIVED, phrase, anchor, anchor_ref, note)

    @classmethod
    def external(cls, how: str, *, note: str = "") -> DateBasis:
        """A date known from outside the sources; ``how`` says how it is known."""
        return cls(Basis.EXTERNAL, note=note, how=how)

    def rederive(self) -> TimeValue:
        """Read the phrase against the anchor again (derived dates only)."""
        from timeline.parse import parse

        if self.basis is not Basis.DERIVED or self.anchor is None:
            raise ConstraintError(
                f"only a derived date can be re-derived, not a {self.basis.value} one"
            )
        return parse(self.phrase, anchor=self.anchor)


STATED: Final = DateBasis()


@attrs.frozen
class Source:
    """Where facts come from: an article, a report, a release.

    ``published`` is a time value, vague when the text does not state it
    (``basis`` then says how it was worked out). ``file`` names the local copy
    and ``url`` the original, where known.
    """

    id: str = attrs.field(validator=_check_id)
    outlet: str = attrs.field(default="", validator=_check_str)
    author: str = attrs.field(default="", validator=_check_str)
    title: str = attrs.field(default="", validator=_check_str)
    published: TimeValue | None = attrs.field(default=None, validator=_check_optional_when)
    basis: DateBasis = STATED
    file: str = attrs.field(default="", validator=_check_str)
    url: str = attrs.field(default="", validator=_check_str)

    def __str__(self) -> str:
        parts = [p for p in (self.outlet, self.title) if p]
        if self.published is not None:
            parts.append(str(self.published))
        return ", ".join(parts) or self.id


@attrs.frozen
class Citation:
    """A source and the exact words a fact rests on."""

    source: Source
    quote: str = attrs.field(validator=_check_text)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.source, Source):
            raise ConstraintError(f"source must be a Source, not {self.source!r}")


# --------------------------------------------------------------------------------------
# Numbers.


class Hedge(enum.Enum):
    """How a number is qualified in the text; the comparison rules read it."""

    EXACT = "exact"
    ABOUT = "about"
    ROUGHLY = "roughly"
    NEARLY = "nearly"
    JUST_UNDER = "just-under"
    JUST_OVER = "just-over"
    AT_LEAST = "at-least"
    AT_MOST = "at-most"
    MORE_THAN = "more-than"
    FEWER_THAN = "fewer-than"

    @property
    def phrase(self) -> str:
        """The hedge in words (``"just under"``); empty for :attr:`EXACT`."""
        return "" if self is Hedge.EXACT else self.value.replace("-", " ")


class ComparisonKind(enum.Enum):
    """What a stated comparison claims about a number."""

    CHANGE = "change"
    """A change against a baseline, usually in percent ("an increase of 11 percent")."""
    RATIO = "ratio"
    """A multiple of a baseline ("more than doubled" is 2 times)."""
    SHARE = "share"
    """A part of a total ("just under two-thirds of")."""
    DIFFERENCE = "difference"
    """An absolute difference from a baseline ("41 more than")."""


@attrs.frozen
class Comparison:
    """A comparison stated in the text, kept as data so it can be checked.

    ``value`` is the number stated (11 for "11 percent", 2 for "doubled"),
    in ``unit``; ``qualifier`` the hedge on it; ``baseline`` the id of the
    metric it is measured against (empty when the text gives no number for
    it); ``text`` the words of the source.
    """

    kind: ComparisonKind
    value: Number = attrs.field(converter=_number, validator=_check_number)
    unit: str = attrs.field(validator=_check_str)
    text: str = attrs.field(validator=_check_text)
    qualifier: Hedge = Hedge.EXACT
    baseline: str = attrs.field(default="", validator=_check_str)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.kind, ComparisonKind):
            raise ConstraintError(f"kind must be a ComparisonKind, not {self.kind!r}")
        if not isinstance(self.qualifier, Hedge):
            raise ConstraintError(f"qualifier must be a Hedge, not {self.qualifier!r}")


class Breakdown(enum.Enum):
    """Whether the parts of a total, as the text gives them, are all of it.

    Set on the total; its parts are the metrics whose ``part_of`` names it.
    """

    UNSTATED = "unstated"
    """The file does not say: parts short of the total cannot be shown right."""
    COMPLETE = "complete"
    """The parts are all of the total: their sum must be the total."""
    PARTIAL = "partial"
    """The text names only some parts ("498 ..., including 28 in Baltimore"): a sum short
    of the total is expected."""


@attrs.frozen
class Contrast:
    """A comparison the text states between a metric's figure and another metric's.

    "Deportations also jumped in New York by 29 percent ... more than the
    national average of 13 percent": the New York metric holds a contrast
    whose ``other`` is the id of the national metric and whose ``relation``
    is :attr:`Hedge.MORE_THAN`. ``relation`` is read as a hedge on the other
    figure (the rules of :func:`timeline.compare.allowed`): ``more-than``
    holds when this figure is greater, ``about`` when it is within the
    tolerance of "about", ``exact`` when it is the same. ``text`` is the words
    of the source. Which figure of each metric is compared is said in
    :func:`timeline.compare.check_contrast`.
    """

    relation: Hedge
    other: str = attrs.field(validator=_check_id)
    text: str = attrs.field(validator=_check_text)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.relation, Hedge):
            raise ConstraintError(f"relation must be a Hedge, not {self.relation!r}")


@attrs.frozen
class Metric:
    """A number a source reports: what is counted, how many, where and over what time.

    ``period`` is the time value the number counts over; ``qualifier`` the
    hedge the text puts on it ("about", "just under"); ``comparison`` a
    comparison the text states with it. ``id`` names the metric so that other
    metrics' comparisons can refer to it. ``note`` is a remark on how the
    number was read; it never changes the number.
    """

    name: str = attrs.field(validator=_check_text)
    value: Number = attrs.field(converter=_number, validator=_check_number)
    unit: str = attrs.field(validator=_check_str)
    citation: Citation
    qualifier: Hedge = Hedge.EXACT
    place: str = attrs.field(default="", validator=_check_str)
    period: TimeValue | None = attrs.field(default=None, validator=_check_optional_when)
    comparison: Comparison | None = None
    id: str = attrs.field(default="", validator=_check_str)
    note: str = attrs.field(default="", validator=_check_str)
    part_of: str = attrs.field(default="", validator=_check_str)
    breakdown: Breakdown = Breakdown.UNSTATED
    alternative_units: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_check_strings
    )
    contrasts: tuple[Contrast, ...] = attrs.field(
        default=(), converter=tuple, validator=_tuple_of(Contrast)
    )

    def __attrs_post_init__(self) -> None:
        for name in ("id", "part_of"):
            ref = getattr(self, name)
            if ref and not _ID.fullmatch(ref):
                raise ConstraintError(
                    f"{name} must be letters, digits and - _ . : (no spaces), not {ref!r}"
                )
        if self.part_of and self.part_of == self.id:
            raise ConstraintError("part_of must name another metric, not the metric itself")
        if not isinstance(self.breakdown, Breakdown):
            raise ConstraintError(f"breakdown must be a Breakdown, not {self.breakdown!r}")
        if _norm_unit(self.unit) in map(_norm_unit, self.alternative_units):
            raise ConstraintError(
                f"alternative_units must be other units than {self.unit!r}, "
                f"not {self.alternative_units!r}"
            )
        if self.id and self.id in (c.other for c in self.contrasts):
            raise ConstraintError("a contrast must name another metric, not the metric itself")
        if not isinstance(self.qualifier, Hedge):
            raise ConstraintError(f"qualifier must be a Hedge, not {self.qualifier!r}")
        if not isinstance(self.citation, Citation):
            raise ConstraintError(f"citation must be a Citation, not {self.citation!r}")
        if self.comparison is not None and not isinstance(self.comparison, Comparison):
            raise ConstraintError(f"comparison must be a Comparison, not {self.comparison!r}")

    def __str__(self) -> str:
        hedge = self.qualifier.phrase
        where = f" in {self.place}" if self.place else ""
        when = f" ({self.period})" if self.period is not None else ""
        number = f"{self.value:,}" if isinstance(self.value, int) else str(self.value)
        return (
            f"{hedge + ' ' if hedge else ''}{number} {self.unit} {self.name}{where}{when}".strip()
        )


# --------------------------------------------------------------------------------------
# Notes: what the file states about its facts, with citations.


class NoteKind(enum.Enum):
    """What a :class:`Note` records."""

    CAVEAT = "caveat"
    """A remark on how a fact was read, named or dated ("the agency's official name is ...")."""
    INCONSISTENCY = "inconsistency"
    """Figures of the sources that cannot all be right as written (387 + 181 against 498)."""


@attrs.frozen
class Note:
    """A caveat or an inconsistency, stated in the file as data, with the words it rests on.

    ``text`` says what is noted; ``sources`` cite the words concerned (both
    figures of an inconsistency, say); ``metrics`` are the ids of the metrics
    it concerns. An inconsistency names at least two metrics and cites at
    least one quote: :func:`timeline.compare.report` shows it with every
    finding among those metrics, as explained (see
    :meth:`timeline.compare.Report.failures`).
    """

    text: str = attrs.field(validator=_check_text)
    kind: NoteKind = NoteKind.CAVEAT
    sources: tuple[Citation, ...] = attrs.field(
        default=(), converter=tuple, validator=_tuple_of(Citation)
    )
    metrics: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_check_strings)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.kind, NoteKind):
            raise ConstraintError(f"kind must be a NoteKind, not {self.kind!r}")
        bad = [m for m in self.metrics if not _ID.fullmatch(m)]
        if bad:
            raise ConstraintError(f"metrics must be metric ids, not {bad[0]!r}")
        if self.kind is NoteKind.INCONSISTENCY:
            if len(set(self.metrics)) < 2:
                raise ConstraintError(
                    f"an inconsistency names the metrics that disagree (two or more), "
                    f"not {self.metrics!r}"
                )
            if not self.sources:
                raise ConstraintError("an inconsistency cites the words of the figures concerned")


# --------------------------------------------------------------------------------------
# Events and their kinds.

_KINDS: dict[str, type[Event]] = {}
E = TypeVar("E", bound=type)


def register_kind(cls: E) -> E:
    """Class decorator: make an :class:`Event` subclass loadable by its ``kind`` name.

    The class must be a frozen attrs subclass of :class:`Event` with a
    ``kind`` class attribute (kebab-case) not used by another class::

        @timeline.register_kind
        @attrs.frozen(kw_only=True)
        class Hearing(timeline.Event):
            kind: ClassVar[str] = "hearing"
            judge: str = ""
    """
    probe: type = cls  # attrs.has() narrows its argument; keep `cls` as declared
    if not (isinstance(cls, type) and issubclass(cls, Event) and attrs.has(probe)):
        raise ConstraintError(f"{cls!r} is not an attrs subclass of Event")
    event_cls: type[Event] = cls
    name = cls.__dict__.get("kind")
    if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        raise ConstraintError(f"{cls.__name__} needs its own kebab-case `kind` class attribute")
    known = _KINDS.get(name)
    if known is not None and known is not cls:
        raise ConstraintError(f"kind {name!r} already belongs to {known.__qualname__}")
    _KINDS[name] = event_cls
    return cls


def kind_named(name: str) -> type[Event]:
    """The event class registered as ``name``; a ConstraintError lists the known kinds."""
    found = _KINDS.get(name)
    if found is None:
        known = ", ".join(sorted(_KINDS))
        raise ConstraintError(f"unknown event kind {name!r} (known: {known})")
    return found


def event_kinds() -> Mapping[str, type[Event]]:
    """Every registered kind, by name."""
    return dict(_KINDS)


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened, when, and on whose word.

    ``when`` is any time value; ``basis`` says how it was obtained;
    ``sources`` cite the words the event rests on; ``metrics`` are the
    numbers reported with it; ``notes`` the caveats and inconsistencies the
    file states about them, each with its citations. ``kind`` names the
    class (``"operation"``, ``"ruling"``, ...).
    """

    kind: ClassVar[str] = "event"

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    when: TimeValue = attrs.field(validator=_check_when)
    summary: str = attrs.field(default="", validator=_check_str)
    places: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_check_strings)
    actors: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_check_strings)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_check_strings)
    sources: tuple[Citation, ...] = attrs.field(
        default=(), converter=tuple, validator=_tuple_of(Citation)
    )
    metrics: tuple[Metric, ...] = attrs.field(
        default=(), converter=tuple, validator=_tuple_of(Metric)
    )
    basis: DateBasis = STATED
    notes: tuple[Note, ...] = attrs.field(default=(), converter=tuple, validator=_tuple_of(Note))

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.basis, DateBasis):
            raise ConstraintError(f"basis must be a DateBasis, not {self.basis!r}")

    @property
    def is_derived(self) -> bool:
        """True when the date was read from a relative phrase rather than stated."""
        return self.basis.basis is Basis.DERIVED

    def __str__(self) -> str:
        return f"{self.when}: {self.title}"


@register_kind
@attrs.frozen(kw_only=True)
class ExecutiveOrder(Event):
    """An executive order: its ``number`` and who signed it."""

    kind: ClassVar[str] = "executive-order"
    number: str = attrs.field(default="", validator=_check_str)
    signed_by: str = attrs.field(default="", validator=_check_str)


@register_kind
@attrs.frozen(kw_only=True)
class Operation(Event):
    """An enforcement operation: its ``name`` and ``agency``; arrests per place from its metrics."""

    kind: ClassVar[str] = "operation"
    name: str = attrs.field(default="", validator=_check_str)
    agency: str = attrs.field(default="", validator=_check_str)

    @property
    def arrests_by_place(self) -> dict[str, Number]:
        """Arrests per place, from the metrics named ``arrests`` that have a place.

        When sources disagree for a place, the first metric listed wins here;
        the comparison tools list every figure.
        """
        out: dict[str, Number] = {}
        for metric in self.metrics:
            if metric.name == "arrests" and metric.place:
                out.setdefault(metric.place, metric.value)
        return out


@register_kind
@attrs.frozen(kw_only=True)
class Ruling(Event):
    """A court ruling: the ``court``, the ``case`` and its ``holding``."""

    kind: ClassVar[str] = "ruling"
    court: str = attrs.field(default="", validator=_check_str)
    case: str = attrs.field(default="", validator=_check_str)
    holding: str = attrs.field(default="", validator=_check_str)


@register_kind
@attrs.frozen(kw_only=True)
class FiscalYearReport(Event):
    """An agency's figures for a fiscal year."""

    kind: ClassVar[str] = "fiscal-year-report"
    agency: str = attrs.field(default="", validator=_check_str)
    fiscal_year: TimeValue | None = attrs.field(default=None, validator=_check_optional_when)


@register_kind
@attrs.frozen(kw_only=True)
class Law(Event):
    """A law or a local policy: its ``jurisdiction`` and ``citation``."""

    kind: ClassVar[str] = "law"
    jurisdiction: str = attrs.field(default="", validator=_check_str)
    citation: str = attrs.field(default="", validator=_check_str)


@register_kind
@attrs.frozen(kw_only=True)
class Lawsuit(Event):
    """A lawsuit: who sued whom, in which court."""

    kind: ClassVar[str] = "lawsuit"
    plaintiffs: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_check_strings
    )
    defendants: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_check_strings
    )
    court: str = attrs.field(default="", validator=_check_str)


@register_kind
@attrs.frozen(kw_only=True)
class Statement(Event):
    """Something said: by whom (``speaker``) for which ``organisation``."""

    kind: ClassVar[str] = "statement"
    speaker: str = attrs.field(default="", validator=_check_str)
    organisation: str = attrs.field(default="", validator=_check_str)


@register_kind
@attrs.frozen(kw_only=True)
class PressRelease(Statement):
    """A press release: a statement published by an organisation."""

    kind: ClassVar[str] = "press-release"


@register_kind
@attrs.frozen(kw_only=True)
class Publication(Event):
    """A source's own publication, as an event: ``outlet``, ``author``, ``headline``."""

    kind: ClassVar[str] = "publication"
    outlet: str = attrs.field(default="", validator=_check_str)
    author: str = attrs.field(default="", validator=_check_str)
    headline: str = attrs.field(default="", validator=_check_str)


_KINDS["event"] = Event


@attrs.frozen
class RelationClaim:
    """A relation a source asserts between two events when their dates cannot tell.

    ``a`` and ``b`` are event ids; ``relations`` what the source allows
    (usually one relation); ``citation`` the words it rests on.
    """

    a: str = attrs.field(validator=_check_id)
    relations: Relations
    b: str = attrs.field(validator=_check_id)
    citation: Citation | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.relations, Relations) or not self.relations:
            raise ConstraintError(
                f"relations must be a non-empty Relations, not {self.relations!r}"
            )
