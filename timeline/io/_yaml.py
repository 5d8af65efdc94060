"""Plain data <-> YAML text, safely.

Reading (:func:`read`) walks the *event stream* of PyYAML's parser — the C
parser (libyaml) when PyYAML was built with it, else the pure-Python one —
and builds plain data itself: ``dict``, ``list`` and ``str``. PyYAML's
constructors never run, so no tag, implicit or explicit, can make an object:

* every scalar is a ``str``, exactly as written: ``2018-02-29``, ``10:30``,
  ``NO``, ``1.10``, ``0x10``, ``~`` and ``null`` stay text, and the reader of
  each field decides what the text means;
* a key with nothing after it (``summary:``) has the value ``""``, the empty
  text; a key that is absent is absent. (:mod:`timeline.io.records` reads
  ``""`` as the field's "nothing": empty text, no items, or ``None``.)
* anchors, aliases, explicit tags (``!!str``, ``!!python/object``, ``!x``)
  and more than one document are refused where they appear, and reading
  stops there;
* duplicate keys and keys that are not scalars are errors, collected with
  the field errors; the first value of a duplicated key is kept;
* the :class:`Limits` are checked on the event stream, before anything
  bigger is built: the input's size before parsing starts, the depth and the
  number of nodes as each node opens, the length of each scalar as it
  arrives.

Every node's line and column (1-based) are kept in a :class:`Positions`,
so that errors about the data can point into the file.

Writing (:func:`write`) is a small emitter of its own, for stable, readable
output: block mappings and sequences, flow lists ``[a, b]`` for lists of
scalars, blank lines between the items of top-level lists. A string is
written plain when the YAML parser reads it back as exactly that string *and*
no YAML 1.1 or 1.2 tool would read it as something else (a number, a date,
a boolean, null); otherwise it is double-quoted, with escapes for every
control, format, separator and unassigned character, so that the text
survives byte for byte. Numbers (``int``, ``Decimal``) and booleans are
written plain. Lone surrogates cannot be written as UTF-8: :func:`write`
refuses them with a :class:`~timeline.io.DumpError`.

This module does not import PyYAML until it reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from timeline.errors import ConstraintError
from timeline.io.errors import DumpError, FieldError, LimitError, LoadError, YAMLSyntaxError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["LIMITS", "Limits", "Positions", "read", "write"]

# --------------------------------------------------------------------------------------
# Limits.


def _positive(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConstraintError(f"{attribute.name} must be a positive int, not {value!r}")


@attrs.frozen(kw_only=True)
class Limits:
    """How much a file may hold before reading refuses it with a :class:`~timeline.io.LimitError`.

    Each limit guards against a file made to exhaust memory or time; each is
    checked before the thing it limits is built.

    ``max_bytes``
        The size of the input in bytes (UTF-8): 16 MiB. :func:`timeline.io.load`
        reads at most this many bytes plus one.
    ``max_depth``
        How deeply mappings and sequences nest: 64 (a timeline file needs 6).
    ``max_scalar``
        The length of one scalar (a key or a value) in characters: 100,000.
    ``max_nodes``
        The number of nodes (scalars, mappings and sequences, keys included):
        2,000,000, about 100,000 small events.
    """

    max_bytes: int = attrs.field(default=16 * 1024 * 1024, validator=_positive)
    max_depth: int = attrs.field(default=64, validator=_positive)
    max_scalar: int = attrs.field(default=100_000, validator=_positive)
    max_nodes: int = attrs.field(default=2_000_000, validator=_positive)


LIMITS: Final = Limits()
"""The default limits."""


# --------------------------------------------------------------------------------------
# Positions.


class Positions:
    """Where each node of a document starts in its file: 1-based line and column.

    Nodes are named by the container that holds them and their key (a
    mapping's key or a list's index), as the data :func:`read` returned;
    positions of containers that did not come from that data are ``None``.
    """

    __slots__ = ("_root", "_tables")

    def __init__(self, root: Any, tables: dict[int, tuple[Any, list[Any]]]) -> None:
        self._root = root
        self._tables = tables

    @staticmethod
    def _pair(mark: Any) -> tuple[int, int]:
        return (mark.line + 1, mark.column + 1)

    def _marks(self, container: object) -> list[Any] | None:
        table = self._tables.get(id(container))
        return None if table is None else table[1]

    def _index(self, container: object, key: object) -> int | None:
        if isinstance(container, dict):
            for i, k in enumerate(container):
                if k == key:
                    return 2 * i
            return None
        if isinstance(container, list) and isinstance(key, int) and 0 <= key < len(container):
            return key
        return None

    def of(self, container: object, key: object) -> tuple[int, int] | None:
        """Where the value at ``container[key]`` starts."""
        marks = self._marks(container)
        i = None if marks is None else self._index(container, key)
        if marks is None or i is None:
            return None
        return self._pair(marks[i + 1] if isinstance(container, dict) else marks[i])

    def key_of(self, container: object, key: object) -> tuple[int, int] | None:
        """Where the key ``key`` of the mapping ``container`` starts (of a list: the item)."""
        marks = self._marks(container)
        i = None if marks is None else self._index(container, key)
        if marks is None or i is None:
            return None
        return self._pair(marks[i])

    def start(self, container: object) -> tuple[int, int] | None:
        """Where the mapping or sequence ``container`` itself starts."""
        table = self._tables.get(id(container))
        return None if table is None else self._pair(table[0])

    @property
    def root(self) -> tuple[int, int] | None:
        """Where the document's top node starts."""
        return None if self._root is None else self._pair(self._root)


# --------------------------------------------------------------------------------------
# Reading.

_NOKEY: Final = object()  # a mapping waiting for its next key
_SKIP: Final = object()  # the key of a value to drop (after a bad or duplicate key)
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_LIBYAML_MAX_DEPTH: Final = 1000  # libyaml 0.2.6+ refuses to nest deeper
# What YAML 1.1 does not allow in a stream (c-printable), for placing a ReaderError.
_NON_PRINTABLE: Final = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _yaml() -> ModuleType:
    import yaml

    return yaml


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _prepare(source: str | bytes, filename: str, limits: Limits) -> bytes:
    """The input as UTF-8 bytes without a BOM, checked for size and encoding."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > limits.max_bytes:
            message = (
                f"the input is {len(data):,} bytes, more than the limit of {limits.max_bytes:,}"
            )
            raise _fatal(LimitError, message + " bytes", filename)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            before = data[: error.start].decode("utf-8")
            line, column = _line_column(before, len(before))
            raise _fatal(
                YAMLSyntaxError,
                f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} "
                f"({error.reason})",
                filename,
                line,
                column,
            ) from None
        if text.startswith("\ufeff"):
            return data[3:]
        return data
    if not isinstance(source, str):
        raise TypeError(f"expected str or bytes, not {type(source).__name__}")
    if len(source) > limits.max_bytes:  # each character is at least one byte
        raise _fatal(
            LimitError,
            f"the input is more than the limit of {limits.max_bytes:,} bytes",
            filename,
        )
    text = source[1:] if source.startswith("\ufeff") else source
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        line, column = _line_column(text, error.start)
        raise _fatal(
            YAMLSyntaxError,
            f"the text holds a lone surrogate U+{ord(text[error.start]):04X}, "
            "which is not Unicode text",
            filename,
            line,
            column,
        ) from None
    if len(data) > limits.max_bytes:
        raise _fatal(
            LimitError,
            f"the input is {len(data):,} bytes, more than the limit of {limits.max_bytes:,} bytes",
            filename,
        )
    return data


def _fatal(
    cls: type[FieldError | YAMLSyntaxError | LimitError],
    message: str,
    filename: str,
    line: int | None = None,
    column: int | None = None,
    *,
    path: str = "",
    event_id: str = "",
    errors: Sequence[FieldError | YAMLSyntaxError | LimitError] = (),
) -> LoadError:
    error = cls(message, filename=filename, line=line, column=column, path=path, event_id=event_id)
    return _group(filename, [*errors, error])


def _group(filename: str, errors: Sequence[FieldError | YAMLSyntaxError | LimitError]) -> LoadError:
    return LoadError.of(filename, errors)


def _describe(node: object) -> str:
    if isinstance(node, dict):
        return "a mapping"
    if isinstance(node, list):
        return "a sequence"
    return f"the text {node!r}"


class _Walk:
    """The state of one walk over the event stream; :meth:`run` returns the data."""

    def __init__(self, loader: Any, filename: str, limits: Limits) -> None:
        self.loader = loader
        self.filename = filename
        self.limits = limits
        self.errors: list[FieldError | YAMLSyntaxError | LimitError] = []
        # (parent container, key the child goes to, ...) for every open container
        self.stack: list[tuple[Any, ...]] = []

    # -- where we are, for messages --------------------------------------------------
    def _path_and_id(self, parent: object, key: object) -> tuple[str, str]:
        """The path of ``parent[key]`` (of ``parent`` when ``key`` is None), and its record's id.

        ``self.stack`` holds, for every open container, the frame saved when it
        opened: its parent, whether that is a mapping, and the key there.
        """
        if not self.stack:  # the document's top node, or after it
            return "", ""
        chain = [(f[0], f[2] if f[1] else len(f[0])) for f in self.stack[1:]]
        chain.append((parent, key))
        parts: list[str] = []
        for container, k in chain:
            if k is None or k is _NOKEY or k is _SKIP:
                break
            if isinstance(container, list):
                parts.append(f"[{k}]")
            else:
                parts.append(f".{k}" if parts else str(k))
        event_id = ""
        containers = [c for c, _ in chain]
        if len(chain) >= 3 and chain[0][1] in ("events", "sources"):
            record = containers[2]
            if isinstance(record, dict):
                rid = record.get("id")
                event_id = rid if isinstance(rid, str) else ""
        return "".join(parts), event_id

    def _error(
        self,
        cls: type[FieldError | YAMLSyntaxError | LimitError],
        message: str,
        mark: Any,
        parent: object,
        key: object,
    ) -> FieldError | YAMLSyntaxError | LimitError:
        path, event_id = self._path_and_id(parent, key)
        return cls(
            message,
            filename=self.filename,
            line=mark.line + 1,
            column=mark.column + 1,
            path=path,
            event_id=event_id,
        )

    def _stop(
        self,
        cls: type[FieldError | YAMLSyntaxError | LimitError],
        message: str,
        mark: Any,
        parent: object,
        key: object,
    ) -> LoadError:
        self.errors.append(self._error(cls, message, mark, parent, key))
        return _group(self.filename, self.errors)

    def _refuse(self, event: Any, parent: object, key: object) -> LoadError:
        """The event has an anchor or a tag, or is an alias."""
        yaml = _yaml()
        if isinstance(event, yaml.AliasEvent):
            message = f"aliases (*{event.anchor}) are not allowed"
        elif getattr(event, "tag", None) is not None:
            message = f"tags are not allowed (found {event.tag!r}); write the value as plain text"
        else:
            message = f"anchors (&{event.anchor}) are not allowed"
        return self._stop(FieldError, message, event.start_mark, parent, key)

    # -- the walk ----------------------------------------------------------------------
    def run(self) -> tuple[object, Positions]:
        yaml = _yaml()
        scalar_event = yaml.ScalarEvent
        mapping_start = yaml.MappingStartEvent
        sequence_start = yaml.SequenceStartEvent
        mapping_end = yaml.MappingEndEvent
        sequence_end = yaml.SequenceEndEvent
        get = self.loader.get_event
        limits = self.limits
        max_depth = limits.max_depth
        max_scalar = limits.max_scalar
        max_nodes = limits.max_nodes
        nokey = _NOKEY
        skip = _SKIP
        errors = self.errors
        stack = self.stack
        push = stack.append
        pop = stack.pop

        event = get()  # StreamStartEvent
        event = get()
        if not isinstance(event, yaml.DocumentStartEvent):
            message = "the file is empty; it must begin with `timeline: 1`"
            raise _fatal(FieldError, message, self.filename)
        if event.tags:
            message = "%TAG directives are not allowed"
            raise self._stop(FieldError, message, event.start_mark, None, None)

        holder: list[object] = []  # receives the document's top node
        tables: dict[int, tuple[Any, list[Any]]] = {}
        cur: Any = holder
        is_map = False
        key: Any = None
        key_mark: Any = None
        marks: list[Any] = []
        root_mark: Any = None
        nodes = 0

        while True:
            event = get()
            kind = type(event)
            if kind is scalar_event:
                nodes += 1
                if event.anchor is not None or event.tag is not None:
                    raise self._refuse(event, cur, key if is_map else len(cur))
                value = event.value
                if len(value) > max_scalar:
                    raise self._stop(
                        LimitError,
                        f"a scalar of {len(value):,} characters, more than the limit of "
                        f"{max_scalar:,}",
                        event.start_mark,
                        cur,
                        key if is_map else len(cur),
                    )
                if nodes > max_nodes:
                    raise self._stop(
                        LimitError,
                        f"more than the limit of {max_nodes:,} nodes",
                        event.start_mark,
                        cur,
                        key if is_map else len(cur),
                    )
                if event.style == '"' and not value.isascii() and _SURROGATE.search(value):
                    errors.append(
                        self._error(
                            FieldError,
                            "an escape gives a lone surrogate, which is not Unicode text",
                            event.start_mark,
                            cur,
                            key if is_map else len(cur),
                        )
                    )
                    value = _SURROGATE.sub("\ufffd", value)
                if is_map:
                    if key is nokey:
                        if value in cur:
                            errors.append(
                                self._error(
                                    FieldError,
                                    "the key appears twice in this mapping (the first is kept)",
                                    event.start_mark,
                                    cur,
                                    value,
                                )
                            )
                            key = skip
                        else:
                            key = value
                            key_mark = event.start_mark
                        continue
                    if key is not skip:
                        cur[key] = value
                        marks.append(key_mark)
                        marks.append(event.start_mark)
                    key = nokey
                else:
                    cur.append(value)
                    marks.append(event.start_mark)
            elif kind is mapping_start or kind is sequence_start:
                nodes += 1
                place = key if is_map else len(cur)
                if event.anchor is not None or event.tag is not None:
                    raise self._refuse(event, cur, place)
                if len(stack) >= max_depth:
                    raise self._stop(
                        LimitError,
                        f"mappings and sequences nest more than {max_depth} deep",
                        event.start_mark,
                        cur,
                        place,
                    )
                if nodes > max_nodes:
                    raise self._stop(
                        LimitError,
                        f"more than the limit of {max_nodes:,} nodes",
                        event.start_mark,
                        cur,
                        place,
                    )
                if is_map and key is nokey:
                    # A mapping or a sequence used as a key: read it, then drop it and its value.
                    errors.append(
                        self._error(
                            FieldError,
                            "a key must be text, not a mapping or a sequence",
                            event.start_mark,
                            cur,
                            None,
                        )
                    )
                push((cur, is_map, key, key_mark, marks, event.start_mark))
                new: Any = {} if kind is mapping_start else []
                marks = []
                tables[id(new)] = (event.start_mark, marks)
                cur = new
                is_map = kind is mapping_start
                key = nokey
            elif kind is mapping_end or kind is sequence_end:
                done = cur
                cur, is_map, key, key_mark, marks, start = pop()
                if is_map:
                    if key is nokey:
                        key = skip  # the bad key reported on opening; drop its value
                        continue
                    if key is not skip:
                        cur[key] = done
                        marks.append(key_mark)
                        marks.append(start)
                    key = nokey
                else:
                    cur.append(done)
                    marks.append(start)
            elif kind is yaml.DocumentEndEvent:
                break
            else:  # an alias: the only other event inside a document
                raise self._refuse(event, cur, key if is_map else len(cur))
        root = holder[0]
        root_mark = marks[0]
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            raise self._stop(
                FieldError,
                "a second document; a timeline file holds one",
                event.start_mark,
                None,
                None,
            )
        return root, Positions(root_mark, tables)


def read(
    source: str | bytes,
    *,
    filename: str = "<string>",
    limits: Limits = LIMITS,
    pure: bool = False,
) -> tuple[object, Positions, list[FieldError | YAMLSyntaxError | LimitError]]:
    """Plain data from YAML text: the document, where its nodes are, and the errors so far.

    ``source`` is text or UTF-8 bytes (a leading BOM is dropped). The data is
    made of ``dict``, ``list`` and ``str`` only (see the module docstring).
    Problems that leave the data usable (a duplicate key, a key that is not
    text) are returned, to be reported with the field errors; the others
    raise a :class:`~timeline.io.LoadError` at once. ``pure`` uses the
    pure-Python parser even when the C one is there.
    """
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a Limits, not {limits!r}")
    data = _prepare(source, filename, limits)
    yaml = _yaml()
    loader_class = yaml.SafeLoader if pure else getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = None
    walk = _Walk(None, filename, limits)
    try:
        # The pure-Python reader checks its first chunk of text as it is made.
        walk.loader = loader = loader_class(data)
        root, positions = walk.run()
    except yaml.MarkedYAMLError as error:
        if error.problem and error.problem.startswith("exceeded maximum nesting depth"):
            # libyaml 0.2.6+ looks ahead through flow collections and stops at
            # its own depth limit before the walk sees the first one.
            mark = error.problem_mark
            deeper_than = min(limits.max_depth, _LIBYAML_MAX_DEPTH)
            error_: YAMLSyntaxError | LimitError = LimitError(
                f"mappings and sequences nest more than {deeper_than:,} deep"
                " (the C YAML parser stopped reading them at its own limit of 1,000)",
                filename=filename,
                line=None if mark is None else mark.line + 1,
                column=None if mark is None else mark.column + 1,
            )
        else:
            error_ = _syntax_error(error, filename)
        raise _group(filename, [*walk.errors, error_]) from None
    except yaml.reader.ReaderError as error:
        text = data.decode("utf-8")
        bad = _NON_PRINTABLE.search(text)
        line, column = _line_column(text, bad.start()) if bad else (None, None)
        char = f"U+{ord(bad.group()):04X}" if bad else f"#x{error.character:x}"
        message = f"the character {char} is not allowed in YAML; write it as an escape"
        message += ' in a double-quoted string ("\\u0001")'
        error_ = YAMLSyntaxError(message, filename=filename, line=line, column=column)
        raise _group(filename, [*walk.errors, error_]) from None
    except yaml.YAMLError as error:  # nothing else is known to come; kept as text if it does
        error_ = YAMLSyntaxError(f"malformed YAML: {error}", filename=filename)
        raise _group(filename, [*walk.errors, error_]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return root, positions, walk.errors


def _syntax_error(error: Any, filename: str) -> YAMLSyntaxError:
    mark = error.problem_mark or error.context_mark
    message = error.problem or error.context or "malformed YAML"
    if error.context and error.problem:
        message = f"{message} ({error.context}"
        if error.context_mark is not None:
            message += f" that starts at {error.context_mark.line + 1}:"
            message += f"{error.context_mark.column + 1}"
        message += ")"
    return YAMLSyntaxError(
        message,
        filename=filename,
        line=None if mark is None else mark.line + 1,
        column=None if mark is None else mark.column + 1,
    )


# --------------------------------------------------------------------------------------
# Writing.

_INDICATORS: Final = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE: Final = frozenset(",[]{}:")
# Text that YAML 1.1 or 1.2 tools would read as something other than a string.
_TYPED: Final = re.compile(
    r"""
    ~|null|Null|NULL
    |y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    |[-+]?\.?[0-9][0-9a-zA-Z_:.+-]*
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[\ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
     (?:[\ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |<<|=
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPES: Final = {
    "\0": "\\0",
    "\x07": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
}
# Characters written as escapes: controls, format characters (bidi marks, joiners,
# BOM), surrogates, private use, unassigned, line and paragraph separators, and any
# space other than the plain one — everything invisible or read differently by YAML.
_ESCAPED_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"})
_escape_cache: dict[str, bool] = {}


def _needs_escape(char: str) -> bool:
    found = _escape_cache.get(char)
    if found is None:
        found = char != " " and unicodedata.category(char) in _ESCAPED_CATEGORIES
        _escape_cache[char] = found
    return found


def _plain(text: str, flow: bool) -> bool:
    """True when ``text`` can be written as a plain scalar and read back as this string."""
    if not text or text[0] in _INDICATORS or text[0] == " " or text[-1] in " :":
        return False
    if ": " in text or " #" in text or _TYPED.fullmatch(text):
        return False
    if flow and any(c in _FLOW_UNSAFE for c in text):
        return False
    if text.isascii():
        return text.isprintable()
    return not any(_needs_escape(c) for c in text) and text.strip() == text


def _quote(text: str) -> str:
    out = ['"']
    for char in text:
        escape = _ESCAPES.get(char)
        if escape is not None:
            out.append(escape)
        elif char < " " or char == "\x7f" or (char > "\x7f" and _needs_escape(char)):
            code = ord(char)
            width = 2 if code < 0x100 else 4 if code < 0x10000 else 8
            out.append(f"\\{'x' if width == 2 else 'u' if width == 4 else 'U'}{code:0{width}X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _at(path: str, key: object) -> str:
    if key is None:
        return path
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _scalar(value: object, path: str, key: object = None, *, flow: bool = False) -> str:
    """``value`` as a YAML scalar; ``path`` and ``key`` say where it is, for errors."""
    if isinstance(value, str):
        if _plain(value, flow):
            return value
        if not value.isascii() and _SURROGATE.search(value):
            found = _SURROGATE.search(value)
            assert found is not None
            raise DumpError(
                _at(path, key),
                f"{value!r} holds a lone surrogate U+{ord(found.group()):04X}, "
                "which is not Unicode text and cannot be written as UTF-8",
            )
        return _quote(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError as error:  # more digits than int -> str allows
            raise DumpError(_at(path, key), str(error)) from None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise DumpError(_at(path, key), f"{value!r} is not a finite number")
        return format(value, "f")
    raise DumpError(_at(path, key), f"cannot write {value!r} (a {type(value).__name__}) as YAML")


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | Decimal)


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def mapping(self, data: Mapping[Any, Any], indent: int, path: str, first: str = "") -> None:
        """Write ``data`` at ``indent``; ``first`` prefixes the first line (a ``- ``)."""
        lead = first
        pad = " " * indent
        top = indent == 0
        for n, (key, value) in enumerate(data.items()):
            if not isinstance(key, str):
                raise DumpError(path, f"a key must be text, not {key!r}")
            sub = f"{path}.{key}" if path else key
            head = (lead or pad) + _scalar(key, path, key)
            lead = ""
            if top and n and not _is_scalar(value):
                self.lines.append("")
            self.value(head, value, indent, sub)

    def value(self, head: str, value: object, indent: int, path: str) -> None:
        if isinstance(value, Mapping):
            if not value:
                self.lines.append(head + ": {}")
                return
            self.lines.append(head + ":")
            self.mapping(value, indent + 2, path)
        elif isinstance(value, list | tuple):
            if not value:
                self.lines.append(head + ": []")
            elif all(_is_scalar(v) for v in value):
                items = ", ".join(_scalar(v, path, i, flow=True) for i, v in enumerate(value))
                self.lines.append(f"{head}: [{items}]")
            else:
                self.lines.append(head + ":")
                self.sequence(value, indent + 2, path, spaced=indent == 0)
        else:
            self.lines.append(f"{head}: {_scalar(value, path)}")

    def sequence(self, items: Sequence[Any], indent: int, path: str, spaced: bool) -> None:
        pad = " " * indent
        for i, item in enumerate(items):
            sub = f"{path}[{i}]"
            if spaced and i and isinstance(item, Mapping):
                self.lines.append("")
            if isinstance(item, Mapping) and item:
                self.mapping(item, indent + 2, sub, first=pad + "- ")
            elif isinstance(item, Mapping):
                self.lines.append(pad + "- {}")
            elif isinstance(item, list | tuple):
                if not item:
                    self.lines.append(pad + "- []")
                else:
                    self.lines.append(pad + "-")
                    self.sequence(item, indent + 2, sub, spaced=False)
            else:
                self.lines.append(f"{pad}- {_scalar(item, path, i)}")


def write(data: Mapping[str, object]) -> str:
    """YAML text for plain data: a mapping of ``str`` keys to ``str``, ``int``,
    ``Decimal``, ``bool``, lists and mappings of the same.

    The same data always gives the same text, and :func:`read` gives the data
    back with every scalar as the text it was written as (``str(45)`` for 45).
    Raises :class:`~timeline.io.DumpError` for a lone surrogate, a non-finite
    ``Decimal`` or a value of another type.
    """
    if not isinstance(data, Mapping):
        raise DumpError("", f"the top of a timeline file is a mapping, not {data!r}")
    writer = _Writer()
    writer.mapping(data, 0, "")
    return "\n".join(writer.lines) + "\n"
