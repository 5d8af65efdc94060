"""CSV in: a spreadsheet's rows read as a timeline's records.

:func:`load_csv` reads one of three layouts, each row the record of one
event, checked by :mod:`timeline.io.records` as a YAML file's events are:

**The events CSV** (``columns="timeline"``), as :func:`timeline.export.events_csv`
writes it, with the header :data:`EVENT_COLUMNS` (any of them, in any
order; ``title`` and ``edtf`` or ``date`` are needed):

=====================  ======================================================
``id``                 the id; when absent or empty, the slug of the title
                       and the row's number (``operation-safe-city-3``, see
                       :func:`timeline.io._readers.slug`): stable while the
                       rows keep their order
``kind``, ``title``,   as in the YAML file; ``places``, ``actors`` and
``summary``            ``tags`` are lists joined with ``"; "`` (so an item
                       that holds ``"; "`` reads as two)
``edtf``               the date, as :func:`timeline.parse` reads it
``date``               the human date: the date when ``edtf`` is absent or
                       empty (``Sep 24-27, 2017``, ``FY2018``); else it must
                       be what the export writes for the ``edtf`` value
``earliest``,          written for people: each that is not empty must be
``latest``,            what the export writes for the date read, so that an
``precision``,         edit made there is an error, never ignored
``qualifier``
``sources``            the ids of the cited sources; ``basis`` and
``basis_detail``,      ``basis_detail`` how the date was obtained; ``metrics``
``metrics``            the number of metrics
=====================  ======================================================

The CSV does not hold the citations' quotes, the anchor of a derived date,
the metrics, the notes, the kinds' own fields, the sources' details, the
relations or the title. With ``base=`` the timeline it was exported from,
each row whose id is an event of the base takes those from it (a citation
of each source the row names, in order; the metrics when the row's count is
the base's; the basis when the row's ``basis`` and detail are the base's, an
external basis from the row's detail otherwise) and keeps the base's value
of every field whose cell is what the export writes for it, so
``load_csv(path, base=t) == t`` for ``path`` written by ``events_csv(t)``,
and an edit made in a spreadsheet replaces the base's value. Without
``base``, a row that cites sources, counts metrics or says its date is
derived is an error, since the CSV cannot say what they are.

**A mapping** of fields to the sheet's column names (``columns={"date":
"When", "title": "Headline", ...}``, on the command line ``--columns
date=When,title=Headline``), fields from :data:`FIELDS`: ``date`` (needed)
and ``end`` read by :func:`timeline.parse` (with an end, the period from the
date's first day to the end's last); ``title`` (needed), ``id``, ``kind``,
``summary``; ``places``, ``actors``, ``tags`` as lists joined with ``;``;
``source``, ``quote`` and ``url``: a citation of the source named (an id as
it is, other text such as an outlet's name made an id by its slug, with the
text as the source's ``outlet``; ``url`` its URL), which needs the quote.
Columns the mapping does not name are not read.

**A TimelineJS3 sheet** (``columns="timelinejs"``), the Google Sheets
template's header :data:`TIMELINEJS_COLUMNS`: ``Year``, ``Month``, ``Day``,
``Time`` and the ``End`` ones give the date as fine as the cells given, with
``Display Date`` read as :mod:`timeline.io.timelinejs` reads a slide's;
``Headline`` the title; ``Text`` the summary (its HTML read as text);
``Group`` the kind when it names one, else a tag; ``Media`` and ``Media
Credit`` a listed source; ``Type`` ``title`` for the title row (the
timeline's title), ``era`` for an event tagged ``era``, else empty.
``Media Caption``, ``Media Thumbnail`` and ``Background`` are presentation
and are not read. Times of day need ``tz=`` (TimelineJS says no zone).

``columns=None`` reads the events CSV or a TimelineJS sheet, told apart by
the header; any other header is an error naming its unknown columns.

**Cells.** The file is UTF-8 (a BOM is dropped), RFC 4180 CSV with a
header row, comma-separated unless ``sniff=True`` lets :class:`csv.Sniffer`
pick the delimiter (``,``, ``;``, tab or ``|``). A cell is text, never run:
``=SUM(A1)`` is the text ``=SUM(A1)``; a leading ``'`` before ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is the spreadsheet's mark of text
(what the export adds) and is dropped. Rows with no text in any cell are
skipped. Rows are numbered as a spreadsheet numbers them, the header
being row 1.

**Errors.** All problems are raised together as one
:class:`~timeline.io.LoadError`, each placed at its row and column as
``line:column`` and naming the column: ``sheet.csv:5:3: events[3]
(safe-city).when: column 'When': '2017-02-30': ...``.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from typing import Any, Final

from timeline.collection import Timeline
from timeline.errors import ConstraintError, TimelineError
from timeline.events import Basis, event_kinds
from timeline.io._readers import Base, Place, Places, decode, is_id, read_bytes, slug
from timeline.io._yaml import LIMITS, Limits
from timeline.io.errors import FieldError, LimitError, LoadError
from timeline.io.timelinejs import _Bad, date_fields, displayed, html_text, span
from timeline.parse import parse
from timeline.safe import csv_cell, terminal
from timeline.when import TimeValue

__all__ = [
    "EVENT_COLUMNS",
    "FIELDS",
    "TIMELINEJS_COLUMNS",
    "load_csv",
    "loads_csv",
    "parse_columns",
]

EVENT_COLUMNS: Final = (
    "id",
    "kind",
    "edtf",
    "date",
    "earliest",
    "latest",
    "precision",
    "qualifier",
    "title",
    "summary",
    "places",
    "actors",
    "tags",
    "sources",
    "basis",
    "basis_detail",
    "metrics",
)
"""The columns of the events CSV (those :func:`timeline.export.events_csv` writes)."""

TIMELINEJS_COLUMNS: Final = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)
"""The header of the TimelineJS3 Google Sheets template."""

FIELDS: Final = (
    "id",
    "kind",
    "date",
    "end",
    "title",
    "summary",
    "places",
    "actors",
    "tags",
    "source",
    "quote",
    "url",
)
"""The fields a column mapping may name."""

_DERIVED: Final = ("date", "earliest", "latest", "precision", "qualifier")
_FORMULA_START: Final = frozenset("=+-@\t\r")
_DELIMITERS: Final = ",;\t|"


def parse_columns(text: str) -> str | dict[str, str]:
    """The ``columns`` of :func:`load_csv` written as on the command line.

    ``"timeline"`` and ``"timelinejs"`` name a layout; ``"date=When,
    title=Headline"`` is a mapping (spaces around names are dropped; a
    column name may hold spaces: ``end=End Date``). Raises
    :class:`~timeline.ConstraintError` for anything else.
    """
    name = text.strip()
    if name in ("timeline", "timelinejs"):
        return name
    mapping: dict[str, str] = {}
    for part in name.split(","):
        field, equals, column = part.partition("=")
        field, column = field.strip(), column.strip()
        if not equals or not field or not column:
            raise ConstraintError(
                f"columns are 'timeline', 'timelinejs' or field=Column pairs joined with ',' "
                f"(date=When,title=Headline), not {text!r}"
            )
        if field in mapping:
            raise ConstraintError(f"the field {field!r} is named twice in {text!r}")
        mapping[field] = column
    return _checked_mapping(mapping)


def _checked_mapping(mapping: Mapping[Any, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for field, column in mapping.items():
        if field not in FIELDS:
            raise ConstraintError(f"unknown field {field!r}; the fields are {', '.join(FIELDS)}")
        if not isinstance(column, str) or not column:
            raise ConstraintError(f"the column of {field!r} must be a name, not {column!r}")
        out[str(field)] = column
    for needed in ("date", "title"):
        if needed not in out:
            raise ConstraintError(f"a column mapping needs the field {needed!r}")
    return out


def load_csv(
    path: str | os.PathLike[str],
    *,
    columns: str | Mapping[str, str] | None = None,
    base: Timeline | None = None,
    tz: str | None = None,
    sniff: bool = False,
    limits: Limits = LIMITS,
) -> Timeline:
    """The timeline in the CSV file at ``path`` (see the module's documentation).

    ``columns`` is ``"timeline"``, ``"timelinejs"``, a mapping of
    :data:`FIELDS` to column names, or ``None`` to tell the layout by the
    header; ``base`` the timeline the file was exported from; ``tz`` the
    IANA zone of a TimelineJS sheet's times; ``sniff`` lets the delimiter be
    guessed. Reads at most ``limits.max_bytes`` bytes; a cell may hold
    ``limits.max_scalar`` characters. Raises :class:`~timeline.io.LoadError`
    with every problem of the file, :class:`~timeline.ConstraintError` for
    ``columns`` that are not a layout or a mapping of the fields, and
    :class:`OSError` when the file cannot be read.
    """
    filename, data = read_bytes(path, limits)
    return loads_csv(
        data, filename=filename, columns=columns, base=base, tz=tz, sniff=sniff, limits=limits
    )


def loads_csv(
    text: str | bytes,
    *,
    filename: str = "<string>",
    columns: str | Mapping[str, str] | None = None,
    base: Timeline | None = None,
    tz: str | None = None,
    sniff: bool = False,
    limits: Limits = LIMITS,
) -> Timeline:
    """The timeline in CSV ``text`` (``str``, or UTF-8 ``bytes``); as :func:`load_csv`."""
    layout = _layout(columns)
    source = decode(text, filename, limits)
    places = Places(filename)
    header, rows = _table(source, filename, sniff, limits)
    if layout is None:
        layout = _detect(header, places)
    reader: _Rows
    if layout == "timeline":
        reader = _EventsCSV(header, places, Base(base))
    elif layout == "timelinejs":
        reader = _Sheet(header, places, tz)
    else:
        assert isinstance(layout, dict)
        reader = _Mapped(header, places, layout, Base(base))
    places.raise_errors()
    return reader.read(rows)


def _layout(columns: object) -> str | dict[str, str] | None:
    if columns is None:
        return None
    if isinstance(columns, str):
        return parse_columns(columns)
    if isinstance(columns, Mapping):
        return _checked_mapping(columns)
    raise ConstraintError(
        f"columns must be 'timeline', 'timelinejs' or a mapping of fields to columns, "
        f"not {columns!r}"
    )


# --------------------------------------------------------------------------------------
# The table.


def _table(
    text: str, filename: str, sniff: bool, limits: Limits
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows that hold text, each with its number (the header is row 1)."""
    dialect: Any = "excel"
    if sniff:
        try:
            dialect = csv.Sniffer().sniff(text[: 1 << 16], delimiters=_DELIMITERS)
        except csv.Error:
            dialect = "excel"  # one column, or nothing to tell by: commas
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    rows: list[tuple[int, list[str]]] = []
    cells = 0
    number = 0
    # The csv module's cell limit is process-wide: set to Limits.max_scalar while this
    # file is read, so that a huge cell is refused before it is built, then put back.
    old_limit = csv.field_size_limit()
    csv.field_size_limit(limits.max_scalar)
    try:
        for number, row in enumerate(reader, start=1):
            cells += len(row)
            if cells > limits.max_nodes:
                limit = LimitError(
                    f"the file holds more than {limits.max_nodes:,} cells (Limits.max_nodes)",
                    filename=filename,
                    line=number,
                )
                raise LoadError.of(filename, [limit])
            if number == 1 or any(cell.strip() for cell in row):
                rows.append((number, row))
    except csv.Error as bad:
        message = str(bad)
        if "field larger" in message:
            message = f"a cell holds more than {limits.max_scalar:,} characters (Limits.max_scalar)"
        error = FieldError(f"not CSV: {message}", filename=filename, line=number + 1)
        raise LoadError.of(filename, [error]) from None
    finally:
        csv.field_size_limit(old_limit)
    if not rows:
        error = FieldError("the file is empty: a CSV needs its header row", filename=filename)
        raise LoadError.of(filename, [error])
    return [name.strip() for name in rows[0][1]], rows[1:]


def _detect(header: list[str], places: Places) -> str:
    names = set(header) - {""}
    if names <= set(EVENT_COLUMNS) and "title" in names:
        return "timeline"
    if names <= set(TIMELINEJS_COLUMNS) and "Headline" in names:
        return "timelinejs"
    known = set(EVENT_COLUMNS) if "title" in names else set(TIMELINEJS_COLUMNS)
    for column, name in enumerate(header, start=1):
        if name and name not in known:
            places.errors.append(
                FieldError(
                    f"unknown column {name!r}: the header is neither that of the events CSV "
                    f"({', '.join(EVENT_COLUMNS)}) nor that of a TimelineJS sheet; "
                    "name the columns to read with columns= (date=When,title=Headline)",
                    filename=places.filename,
                    line=1,
                    column=column,
                )
            )
    if not places.errors:
        places.errors.append(
            FieldError(
                "the header names no title column (title, or Headline)",
                filename=places.filename,
                line=1,
            )
        )
    places.raise_errors()
    raise AssertionError("unreachable")  # pragma: no cover


def _text(cell: str) -> str:
    """A cell's text: a spreadsheet's leading ``'`` before a formula's first character dropped."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in _FORMULA_START:
        return cell[1:]
    return cell


def _split(cell: str) -> list[str]:
    return cell.split("; ") if cell else []


def _exported(text: str) -> str:
    """A text cell as the export writes it."""
    return csv_cell(terminal(text))


class _Rows:
    """Reading rows of one layout: where each column is, and the errors placed there."""

    def __init__(self, header: list[str], places: Places) -> None:
        self.header = header
        self.places = places
        self.index: dict[str, int] = {}
        for column, name in enumerate(header):
            if not name:
                continue
            if name in self.index:
                places.errors.append(
                    FieldError(
                        f"the column {name!r} is named twice (also column {self.index[name] + 1})",
                        filename=places.filename,
                        line=1,
                        column=column + 1,
                    )
                )
                continue
            self.index[name] = column

    def read(self, rows: list[tuple[int, list[str]]]) -> Timeline:
        raise NotImplementedError

    def cell(self, row: list[str], name: str) -> str:
        column = self.index.get(name)
        if column is None or column >= len(row):
            return ""
        return _text(row[column])

    def has(self, name: str) -> bool:
        return name in self.index

    def put(self, path: str, number: int, name: str) -> None:
        """Say that ``path`` is read from column ``name`` of row ``number``."""
        column = self.index.get(name)
        if column is None:
            self.places.put(path, Place(number))
        else:
            self.places.put(path, Place(number, column + 1, f"column {name!r}"))

    def check_width(self, number: int, row: list[str], path: str) -> None:
        extra = [c for c in row[len(self.header) :] if c.strip()]
        named = [
            i for i, name in enumerate(self.header) if not name and i < len(row) and row[i].strip()
        ]
        if extra:
            self.places.put(path, Place(number, len(self.header) + 1))
            self.places.error(
                path, f"the row has {len(row)} cells; the header names {len(self.header)}"
            )
        elif named:
            self.places.put(path, Place(number, named[0] + 1))
            self.places.error(path, "a cell under a column with no name in the header")
        self.places.put(path, Place(number))


# --------------------------------------------------------------------------------------
# The events CSV.


class _EventsCSV(_Rows):
    def __init__(self, header: list[str], places: Places, base: Base) -> None:
        super().__init__(header, places)
        self.base = base
        if not (self.has("edtf") or self.has("date")):
            places.errors.append(
                FieldError(
                    "the events CSV needs a date column: edtf or date",
                    filename=places.filename,
                    line=1,
                )
            )

    def read(self, rows: list[tuple[int, list[str]]]) -> Timeline:
        events = []
        numbers: dict[str, tuple[int, int]] = {}
        for i, (number, row) in enumerate(rows):
            record = self._record(i, number, row)
            events.append(record)
            numbers.setdefault(record["id"], (i, number))
        found = self.places.timeline(self.base.records(events))
        self._check_derived(found, rows, numbers)
        return found

    def _record(self, i: int, number: int, row: list[str]) -> dict[str, Any]:
        path = f"events[{i}]"
        title = self.cell(row, "title")
        record_id = self.cell(row, "id")
        self.places.name(path, record_id or f"{slug(title)}-{number}")
        self.check_width(number, row, path)
        if not record_id:
            record_id = f"{slug(title)}-{number}"
            self.places.put(
                f"{path}.id", Place(number, None, f"row {number} (no id; read as {record_id!r})")
            )
        else:
            self.put(f"{path}.id", number, "id")
        self.places.name(path, record_id)
        base_record = self.base.events.get(record_id)
        event = self.base.objects.get(record_id)
        record: dict[str, Any] = dict(base_record) if base_record is not None else {}
        record["id"] = record_id
        kind = self.cell(row, "kind")
        if self.has("kind"):
            self.put(f"{path}.kind", number, "kind")
            if kind and kind != "event":
                record["kind"] = kind
            else:
                record.pop("kind", None)
        for key in ("title", "summary"):
            if not self.has(key):
                continue
            self.put(f"{path}.{key}", number, key)
            text = self.cell(row, key)
            if event is not None and row_cell(self, row, key) == _exported(getattr(event, key)):
                record[key] = getattr(event, key)
            elif text or key == "title":
                record[key] = text
            else:
                record.pop(key, None)
        for key in ("places", "actors", "tags"):
            if not self.has(key):
                continue
            self.put(f"{path}.{key}", number, key)
            cell = self.cell(row, key)
            if event is not None and row_cell(self, row, key) == _exported(
                "; ".join(getattr(event, key))
            ):
                continue  # the base's list, as it is
            if cell:
                record[key] = _split(cell)
            else:
                record.pop(key, None)
        self._when(record, path, number, row)
        self._sources(record, event, path, number, row)
        self._basis(record, event, path, number, row)
        self._metrics(record, event, path, number, row)
        return record

    def _when(self, record: dict[str, Any], path: str, number: int, row: list[str]) -> None:
        edtf = self.cell(row, "edtf").strip()
        date = self.cell(row, "date").strip()
        if edtf:
            self.put(f"{path}.when", number, "edtf")
            record["when"] = edtf
        elif date:
            self.put(f"{path}.when", number, "date")
            record["when"] = date
        else:
            self.put(f"{path}.when", number, "edtf" if self.has("edtf") else "date")
            record.pop("when", None)

    def _sources(
        self, record: dict[str, Any], event: Any, path: str, number: int, row: list[str]
    ) -> None:
        if not self.has("sources"):
            return
        self.put(f"{path}.sources", number, "sources")
        ids = _split(self.cell(row, "sources"))
        if not ids:
            record.pop("sources", None)
            return
        cited: list[dict[str, Any]] = list(record.get("sources", [])) if event is not None else []
        chosen = []
        missing = []
        for sid in ids:
            for k, citation in enumerate(cited):
                if citation.get("source") == sid:
                    chosen.append(cited.pop(k))
                    break
            else:
                missing.append(sid)
        if missing:
            how = (
                "the base event does not cite it"
                if event is not None
                else "the CSV does not hold its quote; read the file with base= the timeline "
                "it was exported from"
            )
            for sid in missing:
                self.places.error(f"{path}.sources", f"cites the source {sid!r}, but {how}")
            record.pop("sources", None)
            return
        record["sources"] = chosen

    def _basis(
        self, record: dict[str, Any], event: Any, path: str, number: int, row: list[str]
    ) -> None:
        if not self.has("basis"):
            return
        self.put(f"{path}.basis", number, "basis")
        basis = self.cell(row, "basis").strip() or "stated"
        detail = self.cell(row, "basis_detail")
        if event is not None and basis == event.basis.basis.value:
            same = event.basis.phrase if basis == "derived" else event.basis.how
            written = row_cell(self, row, "basis_detail")
            if not self.has("basis_detail") or written == _exported(same):
                return  # the base's basis, note and anchor included
        if basis == Basis.STATED.value:
            if detail.strip():
                self.put(f"{path}.basis", number, "basis_detail")
                self.places.error(f"{path}.basis", "a stated date has no basis_detail")
            record.pop("basis", None)
        elif basis == Basis.EXTERNAL.value:
            self.put(f"{path}.basis", number, "basis_detail")
            record["basis"] = {"external": detail}
        elif basis == Basis.DERIVED.value:
            anchor = None
            if event is not None and event.basis.basis is Basis.DERIVED:
                anchor = event.basis.anchor_ref or event.basis.anchor.edtf
            if anchor is None:
                self.places.error(
                    f"{path}.basis",
                    "a derived date needs the anchor its phrase was read against, which the CSV "
                    "does not hold; read the file with base= the timeline it was exported from",
                )
                record.pop("basis", None)
            else:
                self.put(f"{path}.basis", number, "basis_detail")
                record["basis"] = {"derived": detail, "anchor": anchor}
        else:
            self.places.error(
                f"{path}.basis", f"must be stated, derived or external, not {basis!r}"
            )
            record.pop("basis", None)

    def _metrics(
        self, record: dict[str, Any], event: Any, path: str, number: int, row: list[str]
    ) -> None:
        if not self.has("metrics"):
            return
        self.put(f"{path}.metrics", number, "metrics")
        cell = self.cell(row, "metrics").strip() or "0"
        have = len(event.metrics) if event is not None else 0
        if not cell.isdigit() or not cell.isascii():
            self.places.error(f"{path}.metrics", f"must be the number of metrics, not {cell!r}")
            return
        if int(cell) == have:
            return
        if event is None:
            self.places.error(
                f"{path}.metrics",
                f"counts {cell} metrics, which the CSV does not hold; read the file with base= "
                "the timeline it was exported from",
            )
        else:
            self.places.error(
                f"{path}.metrics",
                f"counts {cell} metrics; the base event has {have}: metrics are edited in the "
                "timeline's file",
            )

    def _check_derived(
        self,
        found: Timeline,
        rows: list[tuple[int, list[str]]],
        numbers: dict[str, tuple[int, int]],
    ) -> None:
        present = [name for name in _DERIVED if self.has(name)]
        if not present:
            return
        # What the exporter writes for the values read is what the columns must say.
        from timeline.export.csv import events_csv

        written = list(csv.reader(io.StringIO(events_csv(found), newline="")))
        columns = written[0]
        for out in written[1:]:
            event_id = out[0]
            i, number = numbers[event_id]
            row = rows[i][1]
            for name in present:
                if name == "date" and not self.cell(row, "edtf").strip():
                    continue  # the date was read from this column
                cell = row_cell(self, row, name)
                expected = out[columns.index(name)]
                if cell.strip() and cell != expected:
                    path = f"events[{i}].when"
                    self.put(path, number, name)
                    self.places.error(
                        path,
                        f"says {cell!r}, but the date {found[event_id].when.edtf!r} gives "
                        f"{expected!r}: these columns follow edtf; change edtf (or empty it "
                        "to read the date column)",
                    )
        self.places.raise_errors()


def row_cell(rows: _Rows, row: list[str], name: str) -> str:
    """The cell as written, its leading ``'`` kept."""
    column = rows.index.get(name)
    if column is None or column >= len(row):
        return ""
    return row[column]


# --------------------------------------------------------------------------------------
# A mapping of fields to columns.


class _Mapped(_Rows):
    def __init__(
        self, header: list[str], places: Places, mapping: dict[str, str], base: Base
    ) -> None:
        super().__init__(header, places)
        self.mapping = mapping
        self.base = base
        for field, name in mapping.items():
            if name not in self.index:
                places.errors.append(
                    FieldError(
                        f"no column {name!r} (the column of {field}); the header has "
                        f"{', '.join(repr(h) for h in header if h)}",
                        filename=places.filename,
                        line=1,
                    )
                )
        self.sources: dict[str, dict[str, str]] = {}
        self.source_rows: dict[str, int] = {}

    def field(self, row: list[str], field: str) -> str:
        name = self.mapping.get(field)
        return "" if name is None else self.cell(row, name)

    def put_field(self, path: str, number: int, field: str) -> None:
        name = self.mapping.get(field)
        if name is None:
            self.places.put(path, Place(number))
        else:
            self.put(path, number, name)

    def read(self, rows: list[tuple[int, list[str]]]) -> Timeline:
        events = [self._record(i, number, row) for i, (number, row) in enumerate(rows)]
        data = self.base.records(events)
        if self.sources:
            data["sources"] = [*data.get("sources", []), *self.sources.values()]
        return self.places.timeline(data)

    def _record(self, i: int, number: int, row: list[str]) -> dict[str, Any]:
        path = f"events[{i}]"
        self.places.put(path, Place(number))
        title = self.field(row, "title")
        record_id = self.field(row, "id").strip()
        if record_id:
            self.put_field(f"{path}.id", number, "id")
        else:
            record_id = f"{slug(title)}-{number}"
            self.places.put(
                f"{path}.id", Place(number, None, f"row {number} (no id; read as {record_id!r})")
            )
        self.places.name(path, record_id)
        record: dict[str, Any] = dict(self.base.events.get(record_id, {}))
        record["id"] = record_id
        for field in ("title", "summary", "kind"):
            if field in self.mapping:
                self.put_field(f"{path}.{field}", number, field)
                text = self.field(row, field)
                if text or field == "title":
                    record[field] = text
                else:
                    record.pop(field, None)
        for field in ("places", "actors", "tags"):
            if field in self.mapping:
                self.put_field(f"{path}.{field}", number, field)
                items = [item.strip() for item in self.field(row, field).split(";")]
                if any(items):
                    record[field] = [item for item in items if item]
                else:
                    record.pop(field, None)
        self._when(record, path, number, row)
        self._citation(record, path, number, row)
        return record

    def _when(self, record: dict[str, Any], path: str, number: int, row: list[str]) -> None:
        at = f"{path}.when"
        date = self.field(row, "date").strip()
        end = self.field(row, "end").strip()
        self.put_field(at, number, "date")
        if not end:
            if date:
                record["when"] = date
            else:
                record.pop("when", None)
            return
        values = []
        for field, text in (("date", date), ("end", end)):
            if not text:
                self.places.error(at, "an end needs its date")
                record["when"] = "0000"  # a stand-in: the row's other fields are still checked
                return
            try:
                values.append(parse(text))
            except TimelineError as error:
                self.put_field(at, number, field)
                self.places.error(at, str(error))
                record["when"] = "0000"
                return
        try:
            record["when"] = span(values[0], values[1]).edtf
        except _Bad as bad:
            self.put_field(at, number, "end")
            self.places.error(at, bad.message)
            record["when"] = "0000"

    def _citation(self, record: dict[str, Any], path: str, number: int, row: list[str]) -> None:
        if not ({"source", "quote", "url"} & set(self.mapping)):
            return
        name = self.field(row, "source").strip()
        url = self.field(row, "url").strip()
        quote = self.field(row, "quote")
        if not name and not url and not quote.strip():
            return
        at = f"{path}.sources"
        self.put_field(at, number, "source" if name else "url" if url else "quote")
        if not name and not url:
            self.places.error(at, "a quote needs the source it is from (the source column)")
            return
        key = name or url
        sid = key if is_id(key) else slug(key, fallback="source")
        source: dict[str, str] = {"id": sid}
        if name and not is_id(name):
            source["outlet"] = name
        if url:
            source["url"] = url
        known = self.sources.get(sid)
        if known is None:
            self.sources[sid] = source
            self.source_rows[sid] = number
        elif known != source:
            self.places.error(
                at,
                f"row {self.source_rows[sid]} names the source {sid!r} with "
                f"{_words(known)}; this row with {_words(source)}",
            )
            return
        if not quote.strip():
            self.put_field(at, number, "quote")
            self.places.error(at, f"a citation of {sid!r} needs its quote (the quote column)")
            return
        record["sources"] = [{"source": sid, "quote": quote}]


def _words(source: dict[str, str]) -> str:
    return ", ".join(f"{k} {v!r}" for k, v in source.items() if k != "id") or "no details"


# --------------------------------------------------------------------------------------
# A TimelineJS3 sheet.

_START: Final = {"year": "Year", "month": "Month", "day": "Day"}
_END: Final = {"year": "End Year", "month": "End Month", "day": "End Day"}


def _clock(text: str) -> dict[str, object]:
    """``hour``, ``minute`` and ``second`` of a sheet's Time cell (``10:30``, ``10:30:15 PM``)."""
    words = text.strip().lower().replace(".", "").split()
    meridiem = None
    if words and words[-1] in ("am", "pm"):
        meridiem = words.pop()
    elif words and words[-1][-2:] in ("am", "pm"):
        meridiem = words[-1][-2:]
        words[-1] = words[-1][:-2]
    if len(words) != 1:
        raise _Bad(
            f"a time is hh:mm or hh:mm:ss, with am or pm if on a 12-hour clock, not {text!r}"
        )
    parts = words[0].split(":")
    if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts):
        raise _Bad(
            f"a time is hh:mm or hh:mm:ss, with am or pm if on a 12-hour clock, not {text!r}"
        )
    numbers = [int(p) for p in parts]
    hour = numbers[0]
    if meridiem is not None:
        if not 1 <= hour <= 12:
            raise _Bad(f"on a 12-hour clock the hour is 1 to 12, not {hour}")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    out: dict[str, object] = {"hour": hour}
    if len(numbers) > 1:
        out["minute"] = numbers[1]
    if len(numbers) > 2:
        out["second"] = numbers[2]
    return out


class _Sheet(_Rows):
    def __init__(self, header: list[str], places: Places, tz: str | None) -> None:
        super().__init__(header, places)
        self.tz = tz
        self.kinds = frozenset(event_kinds())
        self.sources: dict[str, dict[str, str]] = {}

    def read(self, rows: list[tuple[int, list[str]]]) -> Timeline:
        events: list[dict[str, Any]] = []
        title: str | None = None
        title_row = 0
        for number, row in rows:
            kind = self.cell(row, "Type").strip().lower()
            if kind == "title":
                if title is not None:
                    self.places.put(
                        f"title[{number}]", Place(number, self._col("Type"), "column 'Type'")
                    )
                    self.places.error(
                        f"title[{number}]", f"row {title_row} is the title row; a sheet has one"
                    )
                    continue
                title, title_row = html_text(self.cell(row, "Headline")).strip(), number
                continue
            if kind not in ("", "era", "event"):
                path = f"events[{len(events)}]"
                self.put(path, number, "Type")
                self.places.error(path, f"the type is title, era or empty, not {kind!r}")
            events.append(self._record(len(events), number, row, kind == "era"))
        data: dict[str, Any] = {"timeline": 1}
        if title:
            data["title"] = title
        if self.sources:
            data["sources"] = list(self.sources.values())
        data["events"] = events
        return self.places.timeline(data)

    def _col(self, name: str) -> int | None:
        column = self.index.get(name)
        return None if column is None else column + 1

    def _record(self, i: int, number: int, row: list[str], era: bool) -> dict[str, Any]:
        path = f"events[{i}]"
        headline = html_text(self.cell(row, "Headline"))
        record_id = f"{slug(headline)}-{number}"
        self.places.name(path, record_id)
        self.check_width(number, row, path)
        self.places.put(
            f"{path}.id", Place(number, None, f"row {number} (read as the id {record_id!r})")
        )
        self.places.name(path, record_id)
        record: dict[str, Any] = {"id": record_id}
        self.put(f"{path}.title", number, "Headline")
        if headline.strip():
            record["title"] = headline
        summary = html_text(self.cell(row, "Text"))
        self.put(f"{path}.summary", number, "Text")
        if summary:
            record["summary"] = summary
        tags = []
        group = html_text(self.cell(row, "Group")).strip()
        if group in self.kinds:
            if group != "event":
                record["kind"] = group
        elif group:
            self.put(f"{path}.tags", number, "Group")
            tags.append(group)
        if era:
            tags.append("era")
        if tags:
            record["tags"] = tags
        self._when(record, path, number, row)
        self._media(number, row)
        return record

    def _fields(self, row: list[str], names: Mapping[str, str], time: str) -> dict[str, object]:
        fields: dict[str, object] = {k: self.cell(row, v) for k, v in names.items()}
        clock = self.cell(row, time).strip()
        if clock:
            fields |= _clock(clock)
        return fields

    def _when(self, record: dict[str, Any], path: str, number: int, row: list[str]) -> None:
        at = f"{path}.when"
        values: list[TimeValue | None] = []
        for names, time in ((_START, "Time"), (_END, "End Time")):
            try:
                values.append(date_fields(self._fields(row, names, time), self.tz))
            except _Bad as bad:
                name = names.get(bad.field, time)
                self.put(at, number, name if self.has(name) else names["year"])
                self.places.error(at, bad.message)
                record["when"] = "0000"  # a stand-in: the row's other fields are still checked
                return
        start, end = values
        self.put(at, number, "Year")
        if start is None and end is not None:
            self.places.error(at, "an end date needs its start (Year)")
            record["when"] = "0000"
            return
        shown = html_text(self.cell(row, "Display Date"))
        value, note = displayed(shown, start, end)
        if start is None:
            self.put(at, number, "Display Date")
            if value is not None:
                record["when"] = value.edtf
            elif shown.strip():
                record["when"] = shown.strip()  # the records' check says why it does not read
            return
        if value is None:
            try:
                value = span(start, end)
            except _Bad as bad:
                self.put(at, number, "End Year")
                self.places.error(at, bad.message)
                record["when"] = "0000"
                return
        record["when"] = value.edtf
        if note:
            record["basis"] = {"note": note}

    def _media(self, number: int, row: list[str]) -> None:
        credit = html_text(self.cell(row, "Media Credit")).strip()
        url = self.cell(row, "Media").strip()
        if not url.startswith(("http://", "https://")):
            url = ""  # an embed code or a plain text, not a link to its source
        if not credit and not url:
            return
        sid = slug(credit or url, fallback="media")
        record = {"id": sid}
        if credit:
            record["outlet"] = credit
        if url:
            record["url"] = url
        if self.sources.get(sid, record) != record:
            n = 2
            while f"{sid}-{n}" in self.sources:
                n += 1
            sid = f"{sid}-{n}"
            record["id"] = sid
        self.sources[sid] = record
