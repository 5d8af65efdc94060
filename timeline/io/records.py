"""Timelines <-> plain data: dicts, lists, text and numbers.

:func:`from_records` reads the data of a timeline file (as
:func:`timeline.io._yaml.read` returns it, or any data of the same shape:
JSON, a dict built in code) and :func:`to_records` makes it from a
:class:`~timeline.collection.Timeline`. The shape is that of the YAML file
(see :mod:`timeline.io`).

**Fields by type.** Each record (a source, an event of any registered kind,
a metric, a comparison, a citation, a relation) is read field by field from
its attrs class: ``attrs.fields(cls)`` gives the fields and
``typing.get_type_hints(cls)`` their types, so kinds registered with
:func:`timeline.register_kind` load without any code here. A field's value is
read by its type:

==========================  ===================================================
``str``                     text
``tuple[str, ...]``         a list of non-empty texts, or one text (one item)
``TimeValue``               text for :func:`timeline.parse`; written as ``.edtf``
``int``, ``Decimal``,       digits with an optional sign and, for ``Decimal``
``int | Decimal``           and ``Number``, an optional decimal point
                            (``[+-]?[0-9]+(\\.[0-9]+)?``): an ``int`` when there
                            is no point, else a ``Decimal`` (``1.10`` stays
                            ``Decimal("1.10")``); never a float
``bool``                    ``true`` or ``false``
an ``Enum``                 its value (``just-under``)
``X | None``                as ``X``; ``None`` when absent or empty
``tuple[X, ...]``           a list of ``X``
an attrs class              a mapping of its fields
``Source``                  a source's id, which must be listed under ``sources``
``Relations``               a relation name in kebab-case, or a list of them
``DateBasis``               ``stated``, ``{note: remark}`` (stated, with a remark),
                            ``{external: how it is known, note: remark}`` or
                            ``{derived: phrase, anchor: ..., note: remark}``
                            (``note`` is optional)
==========================  ===================================================

Data read from YAML has every scalar as text; plain data made in code may
also give numbers as ``int`` or ``Decimal`` and booleans as ``bool``.

**Absent and empty.** A field that is absent takes its default, or is an
error when it has none. An empty value (``""``: in YAML, ``key:`` with
nothing after it) is the field's "nothing": the empty text for text, no
items for lists, ``None`` for ``X | None``; for any other field (a time
value, a number, an enum, a record) and for required fields (an event's
``title`` and ``when``, a metric's ``name``...) it is an error.

**Checks across records.** Ids of events, of sources and of metrics are
unique; every ``source`` names a listed source, every ``baseline``,
``part_of``, contrast's ``other`` and note's ``metrics`` a metric of the
file, every relation's ``a`` and ``b`` an event of the file. A
derived date is derived again: ``parse(phrase, anchor=anchor)`` must give the
``when`` of the event (the ``published`` of a source), else the ``basis`` is
an error. The anchor is written ``published`` (the ``published`` of the
event's first cited source), ``published:<source id>``, or as a time value.

Every problem is collected, and all are raised together as one
:class:`~timeline.io.LoadError`. Writing raises a
:class:`~timeline.io.DumpError` for what could not be read back as it was.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import re
import sys
import types
import typing
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from timeline.collection import Timeline
from timeline.errors import TimelineError
from timeline.events import (
    Basis,
    Citation,
    DateBasis,
    Event,
    Metric,
    RelationClaim,
    Source,
    event_kinds,
)
from timeline.io.errors import DumpError, FieldError, LimitError, LoadError, YAMLSyntaxError
from timeline.parse import parse
from timeline.relations import Relation, Relations
from timeline.when import TimeValue

if TYPE_CHECKING:
    from timeline.io._yaml import Positions

__all__ = ["FORMAT_VERSION", "from_records", "to_records"]

FORMAT_VERSION: Final = 1
"""The version of the file format, the value of its ``timeline`` key."""

_NUMBER: Final = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?", re.ASCII)
_INTEGER: Final = re.compile(r"[+-]?[0-9]+", re.ASCII)
_TOP_KEYS: Final = ("timeline", "title", "sources", "events", "relations")
_NO_DEFAULT: Final = object()
_ABSENT: Final = object()

_Error = FieldError | YAMLSyntaxError | LimitError


class _Invalid(Exception):
    """The value at hand is wrong; the caller reports it where the value is."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class _Reported(Exception):
    """Something inside the value was wrong and has been reported already."""


def _describe(raw: object) -> str:
    if isinstance(raw, dict):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, str):
        return f"the text {raw!r}" if raw else "nothing"
    if isinstance(raw, bool):
        return f"the boolean {raw!r}"
    if isinstance(raw, int | Decimal):
        return f"the number {raw}"
    return f"{raw!r}"


def _join(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _words(names: Iterable[str]) -> str:
    return ", ".join(names)


def _is_missing(value: object) -> bool:
    """``None`` or a float NaN: how data frames write an empty cell (polars, pandas)."""
    return value is None or (type(value) is float and value != value)


def _present(raw: dict[Any, Any]) -> dict[Any, Any]:
    """``raw`` without its missing values (see :func:`_is_missing`); ``raw`` itself if none.

    The same object comes back when nothing is missing, so that the positions of
    a file's nodes, looked up by identity, still find it.
    """
    for value in raw.values():
        if value is None or type(value) is float:
            return {k: v for k, v in raw.items() if not _is_missing(v)}
    return raw


class _Context:
    """What reading one file needs besides the data: where nodes are, what has been read."""

    def __init__(self, filename: str, positions: Positions | None, errors: list[_Error]) -> None:
        self.filename = filename
        self.positions = positions
        self.errors = errors
        self.event_id = ""
        self.sources: dict[str, Source] = {}
        self.bad_sources: set[str] = set()
        self.bad_events: set[str] = set()
        self.published: dict[str, TimeValue | None] = {}
        self.times: dict[str, TimeValue] = {}
        self.metric_ids: dict[str, str] = {}
        self.baselines: list[tuple[str, object, str, str]] = []
        # Other references to metrics, checked once every metric is read:
        # (metric id, container, key, path of the key, event id).
        self.metric_refs: list[tuple[str, object, object, str, str]] = []

    def error(
        self, container: object, key: object, path: str, message: str, *, at_key: bool = False
    ) -> None:
        """Report ``message`` about ``container[key]`` (``container`` itself when ``key`` is None).

        ``path`` is the full path of the thing reported.
        """
        where = None
        positions = self.positions
        if positions is not None:
            if key is None:
                where = positions.start(container)
            elif at_key:
                where = positions.key_of(container, key)
            else:
                where = positions.of(container, key)
            if where is None and key is not None:
                where = positions.start(container)
            if where is None:
                where = positions.root
        self.errors.append(
            FieldError(
                message,
                filename=self.filename,
                line=None if where is None else where[0],
                column=None if where is None else where[1],
                path=path,
                event_id=self.event_id,
            )
        )

    def time(self, text: str) -> TimeValue:
        value = self.times.get(text)
        if value is None:
            try:
                value = parse(text)
            except TimelineError as error:
                raise _Invalid(str(error)) from None
            self.times[text] = value
        return value


# --------------------------------------------------------------------------------------
# Codecs: how a value of one type is read, written and described.

_Load = Callable[[Any, _Context, Any, str, Any], Any]
"""(raw, context, container, path of the container, key) -> value; raises _Invalid or _Reported."""


class _Dumper:
    """What writing one timeline needs: the sources, and the problems found."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources


_Dump = Callable[[Any, _Dumper, str], Any]
"""(value, dumper, path) -> plain data; raises DumpError."""


@attrs.frozen
class _Codec:
    load: _Load
    dump: _Dump
    schema: Callable[[dict[str, Any]], dict[str, Any]]
    empty: object = _NO_DEFAULT
    """What an empty value means for this type, if anything."""


def _load_text(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
    if type(raw) is str:
        return raw
    raise _Invalid(f"must be text, not {_describe(raw)}")


def _dump_text(value: Any, out: _Dumper, path: str) -> Any:
    if not isinstance(value, str):
        raise DumpError(path, f"must be text, not {value!r}")
    return value


def _scalar_schema(**extra: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    # Editors that read YAML 1.2 make numbers and booleans of some plain scalars;
    # timeline reads them as the text they are, so the schema lets them through.
    return lambda defs: {"type": ["string", "number", "boolean"], **extra}


_TEXT: Final = _Codec(_load_text, _dump_text, _scalar_schema(), empty="")


def _load_bool(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
    if raw == "true" or raw is True:
        return True
    if raw == "false" or raw is False:
        return False
    raise _Invalid(f"must be true or false, not {_describe(raw)}")


def _dump_bool(value: Any, out: _Dumper, path: str) -> Any:
    if not isinstance(value, bool):
        raise DumpError(path, f"must be a bool, not {value!r}")
    return value


_BOOL: Final = _Codec(
    _load_bool,
    _dump_bool,
    lambda defs: {"anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]},
)


def _number_schema(pattern: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda defs: {"anyOf": [{"type": "number"}, {"type": "string", "pattern": pattern}]}


def _load_number(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
    kind = type(raw)
    if kind is str:
        match = _NUMBER.fullmatch(raw)
        if match is not None:
            try:
                return Decimal(raw) if match.group(1) else int(raw)
            except ValueError:  # more digits than int() reads
                raise _Invalid(_too_long(raw)) from None
    elif kind is int or (kind is Decimal and raw.is_finite()):
        return raw
    raise _Invalid(
        "must be a number written with digits, an optional sign and an optional decimal "
        f"point (45, -3, 9.5), not {_describe(raw)}"
    )


def _load_int(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
    if type(raw) is int:
        return raw
    if type(raw) is str and _INTEGER.fullmatch(raw):
        try:
            return int(raw)
        except ValueError:  # more digits than int() reads
            raise _Invalid(_too_long(raw)) from None
    raise _Invalid(f"must be a whole number (45, -3), not {_describe(raw)}")


def _too_long(raw: str) -> str:
    digits = sum(c.isdigit() for c in raw)
    limit = sys.get_int_max_str_digits()
    return f"{raw[:20]!r}...: a number of {digits:,} digits; at most {limit:,} are read"


def _load_decimal(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
    value = _load_number(raw, ctx, container, path, key)
    return Decimal(value) if isinstance(value, int) else value


def _dump_number(value: Any, out: _Dumper, path: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise DumpError(path, f"must be an int or a Decimal, not {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise DumpError(path, f"must be a finite number, not {value!r}")
    return value


_NUMBER_CODEC: Final = _Codec(
    _load_number, _dump_number, _number_schema(r"^[+-]?[0-9]+(\.[0-9]+)?$")
)
_INT_CODEC: Final = _Codec(_load_int, _dump_number, _number_schema(r"^[+-]?[0-9]+$"))
_DECIMAL_CODEC: Final = _Codec(
    _load_decimal, _dump_number, _number_schema(r"^[+-]?[0-9]+(\.[0-9]+)?$")
)


def _load_time(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
    if type(raw) is str:
        value = ctx.times.get(raw)
        return ctx.time(raw) if value is None else value
    raise _Invalid(f"must be a time value written as text (2017-09-28), not {_describe(raw)}")


def _dump_time(value: Any, out: _Dumper, path: str) -> Any:
    if not isinstance(value, TimeValue):
        raise DumpError(path, f"must be a time value, not {value!r}")
    return value.edtf


_TIME: Final = _Codec(
    _load_time,
    _dump_time,
    lambda defs: {"type": ["string", "integer"], "description": "a time value for timeline.parse"},
)


def _enum_codec(cls: type[enum.Enum]) -> _Codec:
    by_value = all(isinstance(m.value, str) for m in cls)
    names = {(m.value if by_value else m.name.lower().replace("_", "-")): m for m in cls}
    listed = _words(names)

    def load(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
        found = names.get(raw) if type(raw) is str else None
        if found is None:
            raise _Invalid(f"must be one of {listed}, not {_describe(raw)}")
        return found

    def dump(value: Any, out: _Dumper, path: str) -> Any:
        if not isinstance(value, cls):
            raise DumpError(path, f"must be a {cls.__name__}, not {value!r}")
        return value.value if by_value else value.name.lower().replace("_", "-")

    return _Codec(load, dump, lambda defs: {"enum": list(names)})


_RELATION_NAMES: Final = {r.name.lower().replace("_", "-"): r for r in Relation}


def _load_relations(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
    items = [raw] if type(raw) is str else raw if type(raw) is list else None
    if not items:
        raise _Invalid(
            f"must be a relation ({_words(_RELATION_NAMES)}) or a list of them, "
            f"not {_describe(raw)}"
        )
    found = []
    for item in items:
        relation = _RELATION_NAMES.get(item) if type(item) is str else None
        if relation is None:
            raise _Invalid(
                f"{_describe(item)} is not a relation; the relations are {_words(_RELATION_NAMES)}"
            )
        found.append(relation)
    return Relations.of(*found)


def _dump_relations(value: Any, out: _Dumper, path: str) -> Any:
    if not isinstance(value, Relations) or not value:
        raise DumpError(path, f"must be a non-empty Relations, not {value!r}")
    names = [r.name.lower().replace("_", "-") for r in value]
    return names[0] if len(names) == 1 else names


def _relations_schema(defs: dict[str, Any]) -> dict[str, Any]:
    one = {"enum": list(_RELATION_NAMES)}
    return {"anyOf": [one, {"type": "array", "items": one, "minItems": 1}]}


_RELATIONS: Final = _Codec(_load_relations, _dump_relations, _relations_schema)


def _load_source_ref(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
    if type(raw) is str:
        found = ctx.sources.get(raw)
        if found is not None:
            return found
        if raw in ctx.bad_sources:
            raise _Reported  # the source's own errors say why
        if not ctx.sources:
            raise _Invalid(f"no source has the id {raw!r}; the file lists no sources")
        listed = f"; the sources are {_words(ctx.sources)}" if len(ctx.sources) <= 20 else ""
        raise _Invalid(f"no source has the id {raw!r}{listed}")
    raise _Invalid(f"must be the id of a source, not {_describe(raw)}")


def _dump_source_ref(value: Any, out: _Dumper, path: str) -> Any:
    if not isinstance(value, Source):
        raise DumpError(path, f"must be a Source, not {value!r}")
    if out.sources.get(value.id) != value:
        raise DumpError(path, f"cites the source {value.id!r}, which the timeline does not list")
    return value.id


_SOURCE_REF: Final = _Codec(
    _load_source_ref,
    _dump_source_ref,
    lambda defs: {"type": "string", "description": "a source id"},
)


def _optional(codec: _Codec) -> _Codec:
    inner = codec.load

    def load(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
        if raw == "" or raw is None:
            return None
        return inner(raw, ctx, container, path, key)

    def dump(value: Any, out: _Dumper, path: str) -> Any:
        return None if value is None else codec.dump(value, out, path)

    return _Codec(
        load, dump, lambda defs: {"anyOf": [codec.schema(defs), {"type": "null"}]}, empty=None
    )


def _load_strings(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
    kind = type(raw)
    if kind is list:
        for item in raw:
            if type(item) is not str or not item:
                break
        else:
            return tuple(raw)
        where = _join(path, key)
        for i, item in enumerate(raw):
            if type(item) is not str or not item:
                ctx.error(raw, i, _join(where, i), f"must be non-empty text, not {_describe(item)}")
        raise _Reported
    if kind is str:
        return (raw,) if raw else ()
    raise _Invalid(f"must be a list of texts, or one text, not {_describe(raw)}")


def _dump_strings(value: Any, out: _Dumper, path: str) -> Any:
    if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
        raise DumpError(path, f"must be a tuple of texts, not {value!r}")
    return list(value)


_STRINGS: Final = _Codec(
    _load_strings,
    _dump_strings,
    lambda defs: {
        "anyOf": [
            {"type": "array", "items": {"type": ["string", "number", "boolean"]}},
            {"type": ["string", "number", "boolean", "null"]},
        ]
    },
    empty=(),
)


def _tuple_of(codec: _Codec) -> _Codec:
    inner = codec.load

    def load(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
        if type(raw) is not list:
            if raw == "":
                return ()
            raise _Invalid(f"must be a list, not {_describe(raw)}")
        where = _join(path, key)
        out = []
        ok = True
        for i, item in enumerate(raw):
            try:
                out.append(inner(item, ctx, raw, where, i))
            except _Invalid as error:
                ctx.error(raw, i, _join(where, i), error.message)
                ok = False
            except _Reported:
                ok = False
        if not ok:
            raise _Reported
        return tuple(out)

    def dump(value: Any, out: _Dumper, path: str) -> Any:
        if not isinstance(value, tuple):
            raise DumpError(path, f"must be a tuple, not {value!r}")
        return [codec.dump(v, out, f"{path}[{i}]") for i, v in enumerate(value)]

    return _Codec(load, dump, lambda defs: {"type": "array", "items": codec.schema(defs)}, empty=())


def _unsupported(hint: object) -> _Codec:
    def load(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
        raise _Invalid(f"the field's type {hint!r} cannot be read from a file")

    def dump(value: Any, out: _Dumper, path: str) -> Any:
        raise DumpError(path, f"the field's type {hint!r} cannot be written to a file")

    return _Codec(load, dump, lambda defs: {})


def _codec(hint: Any) -> _Codec:
    """How to read, write and describe a value of the type ``hint``."""
    if hint is str:
        return _TEXT
    if hint is bool:
        return _BOOL
    if hint is int:
        return _INT_CODEC
    if hint is Decimal:
        return _DECIMAL_CODEC
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is types.UnionType or origin is typing.Union:
        if set(args) == {int, Decimal}:
            return _NUMBER_CODEC
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            inner = rest[0]
            return _optional(_codec(inner))
        if set(rest) == {int, Decimal}:
            return _optional(_NUMBER_CODEC)
        return _unsupported(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _STRINGS if args[0] is str else _tuple_of(_codec(args[0]))
    if isinstance(hint, type):
        if issubclass(hint, TimeValue):
            return _TIME
        if issubclass(hint, enum.Enum):
            return _enum_codec(hint)
        if hint is Relations:
            return _RELATIONS
        if hint is Source:
            return _SOURCE_REF
        if hint is DateBasis:
            return _BASIS
        if attrs.has(hint):
            return _record_codec(hint)
    return _unsupported(hint)


# --------------------------------------------------------------------------------------
# Records: how an attrs class is read field by field.


@attrs.frozen
class _Field:
    key: str
    """The key in the file."""
    name: str
    """The argument of ``__init__``."""
    codec: _Codec
    required: bool
    default: object


# Keys in the order they are written; fields not named here follow in attrs order,
# before the ones named after the "*".
_ORDER: Final[dict[type, str]] = {
    Event: "id title when basis summary places actors tags * sources metrics notes",
    Metric: (
        "id name value unit alternative_units qualifier place period part_of breakdown "
        "source quote * comparison contrasts"
    ),
    RelationClaim: "a relation b source quote",
}
# (class, attribute) -> key in the file
_KEYS: Final[dict[tuple[type, str], str]] = {(RelationClaim, "relations"): "relation"}
# Classes whose Citation field is written as `source` and `quote` keys of their own.
_FLAT_CITATION: Final = (Metric, RelationClaim)


_FACTORY: Final = typing.cast(type, attrs.Factory)  # a class, though typed as a function


class _Plan:
    """How one attrs class is read and written."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        try:
            hints = typing.get_type_hints(cls)
        except Exception:  # a name the hints use is not importable: read fields by attrs type
            hints = {}
        fields: dict[str, _Field] = {}
        self.citation: str = ""  # the flattened Citation field's name
        self.basis: _Field | None = None
        for a in attrs.fields(cls):
            if not a.init:
                continue
            hint = hints.get(a.name, a.type)
            required = a.default is attrs.NOTHING
            default = a.default
            if isinstance(default, _FACTORY):
                factory = typing.cast(Any, default)
                default = _NO_DEFAULT if factory.takes_self else factory.factory()
            name = a.alias or a.name
            flat = issubclass(cls, _FLAT_CITATION) and hint in (Citation, Citation | None)
            if flat:
                self.citation = name
                fields["source"] = _Field("source", "source", _SOURCE_REF, required, _NO_DEFAULT)
                fields["quote"] = _Field("quote", "quote", _TEXT, required, _NO_DEFAULT)
                continue
            key = _KEYS.get((cls, a.name), a.name)
            fields[key] = field = _Field(key, name, _codec(hint), required, default)
            if hint is DateBasis:
                self.basis = field
        self.fields = fields
        self.by_name = {f.name: f for f in fields.values()}
        self.attributes = {a.alias or a.name: a for a in attrs.fields(cls) if a.init}
        self.required = tuple(k for k, f in fields.items() if f.required)
        self.order = self._order(cls, fields)
        self.is_event = issubclass(cls, Event)
        self.dated = "when" if "when" in fields else "published" if "published" in fields else ""
        keys = [f.key for f in self.order]
        self.allowed = _words(["kind", *keys] if self.is_event else keys)
        if self.is_event:
            kind = typing.cast(type[Event], cls).kind
            self.what = "an event" if kind == "event" else f"an event of kind {kind!r}"
        else:
            words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", cls.__name__).lower()
            self.what = f"{'an' if words[0] in 'aeiou' else 'a'} {words}"

    @staticmethod
    def _order(cls: type, fields: dict[str, _Field]) -> list[_Field]:
        for base in cls.__mro__:
            order = _ORDER.get(base)
            if order is not None:
                break
        else:
            return list(fields.values())
        head, _, tail = order.partition("*")
        named = head.split() + tail.split()
        middle = [k for k in fields if k not in named]
        keys = [k for k in head.split() if k in fields] + middle
        keys += [k for k in tail.split() if k in fields]
        return [fields[k] for k in keys]


_plans: weakref.WeakKeyDictionary[type, _Plan] = weakref.WeakKeyDictionary()


def _plan(cls: type) -> _Plan:
    plan = _plans.get(cls)
    if plan is None:
        plan = _plans[cls] = _Plan(cls)
    return plan


def _record_codec(cls: type) -> _Codec:
    # The plan is made on first use, so that a class may hold fields of its own type.
    plans: list[_Plan] = []

    def load(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
        if not plans:
            plans.append(_plan(cls))
        found = _load_record(plans[0], raw, ctx, container, key, _join(path, key))
        if found is None:
            raise _Reported
        return found

    def dump(value: Any, out: _Dumper, path: str) -> Any:
        if not isinstance(value, cls):
            raise DumpError(path, f"must be a {cls.__name__}, not {value!r}")
        return _dump_record(_plan(cls), value, out, path)

    def schema(defs: dict[str, Any]) -> dict[str, Any]:
        name = _def_name(cls)
        if name not in defs:
            defs[name] = {}  # a place holder while its fields are described
            defs[name] = record_schema(cls, defs)
        return {"$ref": f"#/$defs/{name}"}

    return _Codec(load, dump, schema)


def _def_name(cls: type) -> str:
    return cls.__name__.lower() if cls.__module__ == "timeline.events" else cls.__qualname__


def _load_record(plan: _Plan, raw: Any, ctx: _Context, container: Any, key: Any, path: str) -> Any:
    """The object of ``plan.cls`` that ``raw`` (at ``container[key]``, ``path``) describes.

    Reports every problem and returns None when there is one.
    """
    if type(raw) is not dict:
        ctx.error(
            container,
            key,
            path,
            f"{plan.what} must be a mapping of fields ({plan.allowed}), not {_describe(raw)}",
        )
        return None
    raw = _present(raw)
    fields = plan.fields
    kwargs: dict[str, Any] = {}
    ok = True
    basis_raw: Any = _ABSENT
    basis = plan.basis
    for k, v in raw.items():
        field = fields.get(k)
        if field is None:
            if k == "kind" and plan.is_event:
                continue
            ctx.error(
                raw,
                k,
                _join(path, k),
                f"unknown field {k!r}; {plan.what} has the fields {plan.allowed}",
                at_key=True,
            )
            ok = False
            continue
        if field is basis:
            basis_raw = v
            continue
        if v == "" and field.codec.empty is not _NO_DEFAULT and not field.required:
            kwargs[field.name] = field.codec.empty
            continue
        try:
            kwargs[field.name] = field.codec.load(v, ctx, raw, path, k)
        except _Invalid as error:
            ctx.error(raw, k, _join(path, k), error.message)
            ok = False
        except _Reported:
            ok = False
    if plan.required:
        missing = [k for k in plan.required if k not in raw]
        if missing:
            ctx.error(
                container,
                key,
                path,
                f"{plan.what} needs the field{'s' if len(missing) > 1 else ''} {_words(missing)}",
            )
            ok = False
    if plan.citation and ok:
        source = kwargs.pop("source", None)
        quote = kwargs.pop("quote", None)
        if source is not None and quote is not None:
            try:
                kwargs[plan.citation] = Citation(source, quote)
            except TimelineError as error:
                ctx.error(raw, "quote", _join(path, "quote"), str(error))
                ok = False
        elif source is not None or quote is not None:
            other = "quote" if source is not None else "source"
            ctx.error(
                raw, None, path, f"a citation needs both source and quote; {other} is missing"
            )
            ok = False
    if basis is not None and basis_raw is not _ABSENT:
        try:
            kwargs[basis.name] = _load_basis(basis_raw, ctx, raw, path, plan, kwargs)
        except _Invalid as error:
            ctx.error(raw, basis.key, _join(path, basis.key), error.message)
            ok = False
        except _Reported:
            ok = False
    if not ok:
        _check_fields(plan, raw, kwargs, ctx, path)
        return None
    try:
        return plan.cls(**kwargs)
    except (TimelineError, ValueError, TypeError) as error:
        message = str(error)
        field = plan.by_name.get(message.partition(" ")[0])
        if field is not None and field.key in raw:
            ctx.error(raw, field.key, _join(path, field.key), message)
        else:
            ctx.error(container, key, path, message)
        return None


def _check_fields(
    plan: _Plan, raw: dict[str, Any], kwargs: dict[str, Any], ctx: _Context, path: str
) -> None:
    """Run the attrs converters and validators of the fields that were read.

    For a record that cannot be made because of other fields: so that an
    empty title is reported with a date that does not parse.
    """
    for name, value in kwargs.items():
        field = plan.by_name.get(name)
        attribute = plan.attributes.get(name)
        if field is None or attribute is None or field.key not in raw:
            continue
        try:
            if attribute.converter is not None:
                value = typing.cast(Callable[[Any], Any], attribute.converter)(value)
            if attribute.validator is not None:
                attribute.validator(None, attribute, value)
        except (TimelineError, ValueError, TypeError) as error:
            ctx.error(raw, field.key, _join(path, field.key), str(error))


def _dump_record(plan: _Plan, value: Any, out: _Dumper, path: str) -> dict[str, Any]:
    record: dict[str, Any] = {}
    if plan.is_event:
        record["id"] = value.id
        if value.kind != "event":
            record["kind"] = value.kind
    for field in plan.order:
        key = field.key
        if key in ("source", "quote") and plan.citation:
            if key == "source":
                citation = getattr(value, plan.citation)
                if citation is not None:
                    where = _join(path, "source")
                    record["source"] = _dump_source_ref(citation.source, out, where)
                    record["quote"] = citation.quote
            continue
        item = getattr(value, field.name)
        if not field.required and field.default is not _NO_DEFAULT:
            try:
                same = bool(item == field.default)
            except Exception:  # an odd __eq__: write the value
                same = False
            if same and type(item) is type(field.default):
                continue
        if field is plan.basis:
            record[key] = _dump_basis(item, value, plan, out, _join(path, key))
        else:
            record[key] = field.codec.dump(item, out, _join(path, key))
    return record


# --------------------------------------------------------------------------------------
# How dates were obtained.

_BASIS_FORMS: Final = ("derived", "external")
_BASIS_NAMES: Final = {
    "stated": "a stated basis (a mapping without `derived` or `external`)",
    "derived": "a derived basis",
    "external": "an external basis",
}
_BASIS_KEYS: Final = {
    "stated": ("note",),
    "derived": ("derived", "anchor", "note"),
    "external": ("external", "note"),
}


def _basis_schema(defs: dict[str, Any]) -> dict[str, Any]:
    text = {"type": ["string", "number", "boolean", "null"]}
    return {
        "anyOf": [
            {"const": "stated"},
            {
                "type": "object",
                "properties": {"note": text},
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {"external": text, "note": text},
                "required": ["external"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {
                    "derived": text,
                    "anchor": {
                        "type": ["string", "integer"],
                        "description": "published, published:<source id>, or a time value",
                    },
                    "note": text,
                },
                "required": ["derived", "anchor"],
                "additionalProperties": False,
            },
        ]
    }


def _no_load(raw: Any, ctx: _Context, container: Any, path: str, key: Any) -> Any:
    raise AssertionError("a basis is read by _load_basis")  # pragma: no cover


def _no_dump(value: Any, out: _Dumper, path: str) -> Any:
    raise AssertionError("a basis is written by _dump_basis")  # pragma: no cover


_BASIS: Final = _Codec(_no_load, _no_dump, _basis_schema)


def _load_basis(
    raw: Any, ctx: _Context, record: dict[str, Any], path: str, plan: _Plan, kwargs: dict[str, Any]
) -> DateBasis:
    """The basis ``raw`` of a record whose other fields are ``kwargs``; derived ones re-run."""
    usage = (
        "must be `stated`, or a mapping: `note: <remark>` (stated), "
        "`external: <how it is known>` or `derived: <phrase>` with `anchor:`, "
        "each with an optional `note:`"
    )
    if raw == "stated" or raw == "":
        return DateBasis()
    if type(raw) is not dict:
        raise _Invalid(f"{usage}; not {_describe(raw)}")
    forms = [k for k in _BASIS_FORMS if k in raw]
    if len(forms) > 1:
        raise _Invalid(usage)
    form = forms[0] if forms else "stated"
    allowed = _BASIS_KEYS[form]
    where = _join(path, "basis")
    for k, v in raw.items():
        if k not in allowed:
            ctx.error(
                raw,
                k,
                _join(where, k),
                f"unknown field {k!r}; {_BASIS_NAMES[form]} has {_words(allowed)}",
                at_key=True,
            )
            raise _Reported
        if type(v) is not str:
            ctx.error(raw, k, _join(where, k), f"must be text, not {_describe(v)}")
            raise _Reported
    if form == "stated":
        return DateBasis(Basis.STATED, note=raw.get("note", ""))
    if form == "external":
        if not raw["external"].strip():
            ctx.error(raw, "external", _join(where, "external"), "must say how the date is known")
            raise _Reported
        return DateBasis.external(raw["external"], note=raw.get("note", ""))
    phrase = raw["derived"]
    note = raw.get("note", "")
    if not phrase.strip():
        message = "must be the phrase the date was read from"
        ctx.error(raw, "derived", _join(where, "derived"), message)
        raise _Reported
    if "anchor" not in raw:
        raise _Invalid("a derived date needs the anchor its phrase was read against")
    ref = raw["anchor"]
    try:
        anchor, anchor_ref = _anchor(ref, ctx, plan, record, kwargs)
    except _Invalid as error:
        ctx.error(raw, "anchor", _join(where, "anchor"), error.message)
        raise _Reported from None
    basis = DateBasis.derived(phrase, anchor, anchor_ref=anchor_ref, note=note)
    dated = kwargs.get(plan.dated) if plan.dated else None
    if dated is None:
        return basis  # the date itself is missing or wrong, and reported
    try:
        derived = parse(phrase, anchor=anchor)
    except TimelineError as error:
        raise _Invalid(
            f"the phrase does not read against the anchor {anchor.edtf}: {error}"
        ) from None
    if derived != dated:
        raise _Invalid(
            f"{phrase!r} read against {anchor.edtf} gives {derived.edtf}, "
            f"not the {plan.dated} {dated.edtf}"
        )
    return basis


def _anchor(
    ref: str, ctx: _Context, plan: _Plan, record: dict[str, Any], kwargs: dict[str, Any]
) -> tuple[TimeValue, str]:
    if ref == "published":
        if not plan.is_event:
            raise _Invalid(
                "`published` names the published date of an event's first source; "
                "a source's anchor is `published:<another source's id>` or a time value"
            )
        citations = kwargs.get("sources")
        if not citations:
            if "sources" in record:
                raise _Reported  # the sources are wrong, and reported
            raise _Invalid(
                "`published` is the published date of the event's first cited source, "
                "and the event cites none"
            )
        source = citations[0].source
        if source.published is None:
            raise _Invalid(
                f"`published` is the published date of the event's first cited source, "
                f"and {source.id!r} has none"
            )
        return source.published, ref
    if ref.startswith("published:"):
        sid = ref.removeprefix("published:")
        if sid not in ctx.published:
            raise _Invalid(f"no source has the id {sid!r}")
        if not plan.is_event and record.get("id") == sid:
            raise _Invalid("a source's date cannot be derived from itself")
        value = ctx.published[sid]
        if value is None:
            raise _Invalid(f"the source {sid!r} has no published date")
        return value, ref
    return ctx.time(ref), ""


def _dump_basis(basis: Any, owner: Any, plan: _Plan, out: _Dumper, path: str) -> Any:
    if not isinstance(basis, DateBasis):
        raise DumpError(path, f"must be a DateBasis, not {basis!r}")
    if basis.basis is not Basis.DERIVED and basis.anchor_ref:
        raise DumpError(
            path,
            f"a {basis.basis.value} basis has no anchor, but anchor_ref is {basis.anchor_ref!r}",
        )
    if basis.basis is Basis.STATED:
        return "stated" if not basis.note else {"note": basis.note}
    if basis.basis is Basis.EXTERNAL:
        external = {"external": basis.how}
        return external | {"note": basis.note} if basis.note else external
    assert basis.anchor is not None
    anchor = basis.anchor.edtf
    ref = basis.anchor_ref
    if ref:
        if ref == "published" and plan.is_event:
            citations = owner.sources
            expected = citations[0].source.published if citations else None
        elif ref.startswith("published:") and ref.removeprefix("published:") in out.sources:
            sid = ref.removeprefix("published:")
            expected = None if sid == owner.id else out.sources[sid].published
        else:
            raise DumpError(
                path,
                f"the anchor is named {ref!r}; a file names it only as "
                "`published` (for an event) or `published:<source id>`",
            )
        if expected != basis.anchor:
            raise DumpError(path, f"the anchor {ref!r} is not the anchor kept ({anchor})")
        anchor = ref
    dated = getattr(owner, plan.dated, None) if plan.dated else None
    if dated is not None:
        try:
            derived = basis.rederive()
        except TimelineError as error:
            raise DumpError(path, f"the derived date does not derive again: {error}") from None
        if derived != dated:
            raise DumpError(
                path,
                f"{basis.phrase!r} read against {basis.anchor.edtf} gives "
                f"{derived.edtf}, not the {plan.dated} {dated.edtf}",
            )
    record: dict[str, Any] = {"derived": basis.phrase, "anchor": anchor}
    if basis.note:
        record["note"] = basis.note
    return record


# --------------------------------------------------------------------------------------
# The whole file.


def from_records(
    data: object, *, filename: str = "<data>", positions: Positions | None = None
) -> Timeline:
    """The timeline that plain data describes: a whole timeline file, or a table's rows.

    ``data`` is either

    * a mapping of the shape of a timeline file (``{"timeline": 1, "title":
      ..., "sources": [...], "events": [...], "relations": [...]}``), as
      :func:`to_records` makes it, the YAML reader returns it or
      ``json.loads`` reads it from :func:`timeline.export.to_json`; or
    * a list of event records, one mapping per event (``id``, ``title``,
      ``when``, ``kind``, ``summary``...; the keys of an event in the file):
      the rows of a table, such as ``frame.to_dict("records")`` (pandas) or
      ``frame.to_dicts()`` (polars). It is read as ``{"timeline": 1,
      "events": rows}``: a timeline with no title, no sources (so rows
      cannot cite any) and no relations.

    Values are read by their field's type as the module's documentation
    says: text, or for numbers and booleans also ``int``, ``Decimal`` and
    ``bool``. A value that is ``None`` or a float NaN (what pandas gives for
    an empty cell, and polars as ``None``) is *absent*, wherever it is a
    value of a mapping: the field takes its default (never the text
    ``"nan"``), and a required field is reported missing.

    ``filename`` names the data in errors, and ``positions`` (from the YAML
    reader) places them at a line and column; without positions an error
    has its path only (``events[3] (safe-city).when: ...``). Returns the
    :class:`~timeline.collection.Timeline`. Raises
    :class:`~timeline.io.LoadError` with every problem found, every problem
    of each record among them (an event with a repeated id and an unknown
    kind is reported for both); data of any other shape is one such problem,
    never a ``TypeError``.
    """
    if type(data) is list:
        data = {"timeline": FORMAT_VERSION, "events": data}
    return _from_records(data, filename, positions, [])


def _from_records(
    data: object,
    filename: str,
    positions: Positions | None,
    errors: list[_Error],
    *,
    bad_events: Iterable[str] = (),
) -> Timeline:
    """:func:`from_records`, adding to ``errors``.

    ``bad_events`` are ids of events the caller could not even decode (and
    has reported): relations naming them are not reported again.
    """
    ctx = _Context(filename, positions, errors)
    ctx.bad_events.update(bad_events)
    found = _timeline(data, ctx)
    if errors or found is None:
        if not errors:  # pragma: no cover - every failure reports
            ctx.error(data, None, "", "the file could not be read")
        raise LoadError.of(filename, _in_order(errors))
    return found


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a file is read.

    Reading makes millions of small containers that all live on: the collector
    would walk them again and again for nothing.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _in_order(errors: list[_Error]) -> list[_Error]:
    """Errors by their place in the file; those without a place keep their order, last."""
    return sorted(errors, key=lambda e: (e.line is None, e.line or 0, e.column or 0))


def _timeline(data: object, ctx: _Context) -> Timeline | None:
    if not isinstance(data, dict):
        ctx.error(
            data,
            None,
            "",
            f"a timeline file is a mapping that begins with `timeline: {FORMAT_VERSION}`, "
            f"not {_describe(data)}",
        )
        return None
    data = _present(data)
    for key in data:
        if key not in _TOP_KEYS:
            ctx.error(
                data,
                key,
                str(key),
                f"unknown key {key!r}; a timeline file has {_words(_TOP_KEYS)}",
                at_key=True,
            )
    version = data.get("timeline", _ABSENT)
    if version is _ABSENT:
        ctx.error(
            data,
            None,
            "",
            f"a timeline file begins with `timeline: {FORMAT_VERSION}`, the version of its format",
        )
    elif version not in (str(FORMAT_VERSION), FORMAT_VERSION) or version is True:
        ctx.error(
            data,
            "timeline",
            "timeline",
            f"this is version {FORMAT_VERSION} of the format; not {_describe(version)}",
        )
    title = data.get("title", "")
    if type(title) is not str:
        ctx.error(data, "title", "title", f"must be text, not {_describe(title)}")
        title = ""
    sources = _sources(_section(data, "sources", ctx), ctx)
    events = _events(_section(data, "events", ctx), ctx)
    claims = _relations(_section(data, "relations", ctx), ctx, events)
    for baseline, comparison, path, event_id in ctx.baselines:
        if baseline not in ctx.metric_ids:
            ctx.event_id = event_id
            ctx.error(
                comparison,
                "baseline",
                _join(path, "baseline"),
                f"no metric has the id {baseline!r}",
            )
    for ref, container, key, path, event_id in ctx.metric_refs:
        if ref not in ctx.metric_ids:
            ctx.event_id = event_id
            ctx.error(container, key, path, f"no metric has the id {ref!r}")
    if ctx.errors:
        return None
    try:
        return Timeline(events.values(), sources=sources, title=title, relations=claims)
    except TimelineError as error:  # pragma: no cover - the checks above come first
        ctx.error(data, None, "", str(error))
        return None


def _section(data: dict[str, Any], key: str, ctx: _Context) -> list[Any]:
    items = data.get(key, [])
    if items == "":
        return []
    if type(items) is not list:
        ctx.error(data, key, key, f"must be a list, not {_describe(items)}")
        return []
    return items


def _sources(items: list[Any], ctx: _Context) -> list[Source]:
    plan = _plan(Source)
    # First every source's published date, for anchors named `published:<id>`.
    for item in items:
        if type(item) is dict and type(item.get("id")) is str:
            published = item.get("published")
            value = None
            if type(published) is str and published:
                try:
                    value = ctx.time(published)
                except _Invalid:
                    value = None
            ctx.published.setdefault(item["id"], value)
    out: list[Source] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        rid = item.get("id") if type(item) is dict else None
        ctx.event_id = rid if type(rid) is str else ""
        # A repeated id is reported whatever else is wrong with the record.
        duplicate = _repeated(ctx.event_id, i, seen, item, ctx, f"sources[{i}]", "sources")
        source = _load_record(plan, item, ctx, items, i, f"sources[{i}]")
        if source is None:
            if ctx.event_id and not duplicate:
                ctx.bad_sources.add(ctx.event_id)
            continue
        if duplicate:
            continue
        ctx.sources[source.id] = source
        out.append(source)
    ctx.event_id = ""
    return out


def _repeated(
    rid: str,
    index: int,
    seen: dict[str, int],
    item: object,
    ctx: _Context,
    path: str,
    section: str,
) -> bool:
    """Whether an earlier record of ``section`` has the id ``rid`` (reported if so)."""
    if not rid:
        return False
    first = seen.setdefault(rid, index)
    if first == index:
        return False
    if section == "sources":
        message = f"another source has the id {rid!r}"
    else:
        message = f"{section}[{first}] has the id {rid!r} too"
    ctx.error(item, "id", f"{path}.id", message)
    return True


def _events(items: list[Any], ctx: _Context) -> dict[str, Event]:
    plans = {name: _plan(cls) for name, cls in event_kinds().items()}
    kinds = _words(sorted(plans))
    out: dict[str, Event] = {}
    seen: dict[str, int] = {}
    metric_plan = _plan(Metric)
    for i, item in enumerate(items):
        path = f"events[{i}]"
        if type(item) is not dict:
            ctx.event_id = ""
            ctx.error(
                items, i, path, f"an event must be a mapping of fields, not {_describe(item)}"
            )
            continue
        item = _present(item)
        rid = item.get("id")
        ctx.event_id = rid if type(rid) is str else ""
        # A repeated id is reported whatever else is wrong with the record, and the
        # first event with the id stays the one relations name.
        duplicate = _repeated(ctx.event_id, i, seen, item, ctx, path, "events")
        kind = item.get("kind", "event")
        plan = plans.get(kind) if type(kind) is str else None
        if plan is None:
            message = f"must be a registered kind ({kinds}), not {_describe(kind)}"
            ctx.error(item, "kind", f"{path}.kind", message)
            if not duplicate:
                ctx.bad_events.add(ctx.event_id)
            continue
        event = _load_record(plan, item, ctx, items, i, path)
        if event is None:
            if ctx.event_id and not duplicate:
                ctx.bad_events.add(ctx.event_id)
            continue
        if duplicate:
            continue
        out[event.id] = event
        if event.metrics:
            _check_metrics(event, item, ctx, path, metric_plan)
        if event.notes:
            _note_refs(event, item, ctx, path)
    ctx.event_id = ""
    return out


def _record_at(records: object, index: int) -> Any:
    """``records[index]`` when it is a mapping, else an empty one (errors then place higher)."""
    if isinstance(records, list) and index < len(records) and isinstance(records[index], dict):
        return records[index]
    return {}


def _note_refs(event: Event, item: dict[str, Any], ctx: _Context, path: str) -> None:
    records = item.get("notes")
    for k, note in enumerate(event.notes):
        record = _record_at(records, k)
        ids = record.get("metrics")
        for n, ref in enumerate(note.metrics):
            where = f"{path}.notes[{k}].metrics"
            if isinstance(ids, list):
                ctx.metric_refs.append((ref, ids, n, f"{where}[{n}]", ctx.event_id))
            else:
                ctx.metric_refs.append((ref, record, "metrics", where, ctx.event_id))


def _check_metrics(
    event: Event, item: dict[str, Any], ctx: _Context, path: str, plan: _Plan
) -> None:
    records = item.get("metrics")
    for j, metric in enumerate(event.metrics):
        record = records[j] if isinstance(records, list) and j < len(records) else {}
        mpath = f"{path}.metrics[{j}]"
        if metric.id:
            if metric.id in ctx.metric_ids:
                ctx.error(
                    record,
                    "id",
                    f"{mpath}.id",
                    f"{ctx.metric_ids[metric.id]} has the id {metric.id!r} too",
                )
            else:
                ctx.metric_ids[metric.id] = mpath
        comparison = metric.comparison
        if comparison is not None and comparison.baseline:
            ctx.baselines.append(
                (comparison.baseline, record.get("comparison"), f"{mpath}.comparison", ctx.event_id)
            )
        if metric.part_of:
            ctx.metric_refs.append(
                (metric.part_of, record, "part_of", f"{mpath}.part_of", ctx.event_id)
            )
        contrasts = record.get("contrasts") if isinstance(record, dict) else None
        for n, contrast in enumerate(metric.contrasts):
            crecord = _record_at(contrasts, n)
            cpath = f"{mpath}.contrasts[{n}].other"
            ctx.metric_refs.append((contrast.other, crecord, "other", cpath, ctx.event_id))


def _relations(items: list[Any], ctx: _Context, events: Mapping[str, Event]) -> list[RelationClaim]:
    plan = _plan(RelationClaim)
    out = []
    for i, item in enumerate(items):
        path = f"relations[{i}]"
        claim = _load_record(plan, item, ctx, items, i, path)
        if claim is None:
            continue
        ok = True
        for key in ("a", "b"):
            ref = getattr(claim, key)
            if ref in ctx.bad_events:
                ok = False  # the event's own errors are reported
            elif ref not in events:
                ctx.error(item, key, f"{path}.{key}", f"no event has the id {ref!r}")
                ok = False
        if ok:
            out.append(claim)
    return out


def to_records(timeline: Timeline) -> dict[str, Any]:
    """The plain data of ``timeline``'s file: what :func:`from_records` reads back.

    Values equal to their field's default are left out; time values are
    their ``.edtf``; numbers stay ``int`` and ``Decimal``. Raises
    :class:`~timeline.io.DumpError` for what a file cannot hold so that it
    reads back the same: a derived date that does not derive again, an
    anchor named other than ``published`` or ``published:<source id>``, or
    naming a different value; two metrics with one id, a baseline, ``part_of``,
    contrast or note naming no metric, a citation of a source the timeline does
    not list, a field of a type the format does not know.
    """
    if not isinstance(timeline, Timeline):
        raise TypeError(f"expected a Timeline, not {timeline!r}")
    sources = timeline.sources
    out = _Dumper(sources)
    record = _head_records(timeline, out)
    events = []
    metric_ids: dict[str, str] = {}
    baselines: list[tuple[str, str]] = []
    for i, event in enumerate(timeline.events):
        path = f"events[{i}]"
        events.append(_dump_record(_plan(type(event)), event, out, path))
        for j, metric in enumerate(event.metrics):
            mpath = f"{path}.metrics[{j}]"
            if metric.id:
                if metric.id in metric_ids:
                    raise DumpError(
                        f"{mpath}.id", f"{metric_ids[metric.id]} has the id {metric.id!r} too"
                    )
                metric_ids[metric.id] = mpath
            if metric.comparison is not None and metric.comparison.baseline:
                baselines.append((metric.comparison.baseline, f"{mpath}.comparison.baseline"))
            if metric.part_of:
                baselines.append((metric.part_of, f"{mpath}.part_of"))
            for n, contrast in enumerate(metric.contrasts):
                baselines.append((contrast.other, f"{mpath}.contrasts[{n}].other"))
        for k, note in enumerate(event.notes):
            for n, ref in enumerate(note.metrics):
                baselines.append((ref, f"{path}.notes[{k}].metrics[{n}]"))
    for baseline, path in baselines:
        if baseline not in metric_ids:
            raise DumpError(path, f"no metric has the id {baseline!r}")
    if events:
        record["events"] = events
    if timeline.relations:
        record["relations"] = _claim_records(timeline, out)
    return record


def _head_records(timeline: Timeline, out: _Dumper) -> dict[str, Any]:
    """The start of :func:`to_records` of ``timeline``: the version, title and sources."""
    record: dict[str, Any] = {"timeline": FORMAT_VERSION}
    if timeline.title:
        record["title"] = timeline.title
    source_plan = _plan(Source)
    if timeline.sources:
        record["sources"] = [
            _dump_record(source_plan, s, out, f"sources[{i}]")
            for i, s in enumerate(timeline.sources.values())
        ]
    return record


def _claim_records(timeline: Timeline, out: _Dumper) -> list[dict[str, Any]]:
    """The ``relations`` of :func:`to_records` of ``timeline``."""
    claim_plan = _plan(RelationClaim)
    return [
        _dump_record(claim_plan, c, out, f"relations[{i}]")
        for i, c in enumerate(timeline.relations)
    ]


def _plain_when(value: TimeValue) -> str:
    """The text :func:`to_records` writes for an event's date ``value``; DumpError if none."""
    from timeline.events import Event

    bare = Event(id="e", title="e", when=value)
    text: str = _dump_record(_plan(Event), bare, _Dumper({}), "events[0]")["when"]
    return text


_ID_SCHEMA: Final = {"type": ["string", "integer"], "pattern": "^[A-Za-z0-9][A-Za-z0-9_.:-]*$"}


def record_schema(
    cls: type, defs: dict[str, Any], *, only: Iterable[str] | None = None
) -> dict[str, Any]:
    """A JSON Schema for a record of ``cls`` (its fields named in ``only``, if given).

    Records that fields refer to are added to ``defs`` and referred to as
    ``#/$defs/<name>``.
    """
    plan = _plan(cls)
    keep = None if only is None else set(only)
    properties: dict[str, Any] = {}
    required = []
    for field in plan.order:
        if keep is not None and field.key not in keep:
            continue
        if field.key == "id" and field.codec is _TEXT:
            properties["id"] = dict(_ID_SCHEMA)
        else:
            properties[field.key] = field.codec.schema(defs)
        if field.required:
            required.append(field.key)
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if keep is None:
        schema["additionalProperties"] = False
    return schema


def event_field_keys(cls: type[Event]) -> list[str]:
    """The keys of ``cls``'s fields in a file, in written order."""
    return [field.key for field in _plan(cls).order]
