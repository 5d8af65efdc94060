"""Events, metrics and comparison reports as tables, in every format tabulate knows.

Cells are made safe for the format they land in, since each reads text
differently:

=============================================  ==========================================
``pipe``, ``github``                           :func:`timeline.safe.markdown`
``rst``                                        the same backslash escapes, and no block
                                               syntax at the start of a cell
``html``, ``latex``, ``latex_booktabs``,       :func:`timeline.safe.one_line`; tabulate
``latex_longtable``                            escapes the rest itself
``unsafehtml``                                 :func:`timeline.safe.html` (tabulate does not
                                               escape this format)
``latex_raw``                                  LaTeX's special characters escaped here
``mediawiki``, ``moinmoin``, ``textile``       markup characters as numeric character
                                               references
``jira``, ``youtrack``, ``asciidoc``           markup characters backslash-escaped
``orgtbl``                                     ``|`` written ``\\vert{}``
``tsv``                                        :func:`timeline.safe.csv_cell`, on one line
every other (terminal) format                  :func:`timeline.safe.one_line`
=============================================  ==========================================

Cells with several values (places, actors, tags, metrics, sources) put one
value per line in the grid formats, whose rows are ruled off from each
other, and join them with ``"; "`` in every other format. Every cell is
text: tabulate's number parsing is off (it would read a title ``1e3`` as
1000, and print exact numbers such as ``Decimal("2.50")`` as ``2.5``), and
numeric columns are right-aligned instead.

tabulate is imported when a table is rendered, not before.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from timeline import safe
from timeline.collection import Timeline
from timeline.events import Event, Metric
from timeline.render import _common as c
from timeline.render.errors import RenderError

if TYPE_CHECKING:
    from timeline.compare import Report

__all__ = ["COLUMNS", "METRIC_COLUMNS", "metrics_table", "report_table", "table", "table_formats"]

COLUMNS: Final = (
    "date",
    "kind",
    "title",
    "places",
    "actors",
    "tags",
    "metrics",
    "sources",
    "edtf",
    "id",
    "precision",
)
"""The columns :func:`table` can show."""

METRIC_COLUMNS: Final = (
    "event",
    "metric",
    "qualifier",
    "value",
    "unit",
    "place",
    "period",
    "source",
)
"""The columns of :func:`metrics_table`, in order."""

_LATEX_RAW: Final = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "\\": r"\textbackslash{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
_ENTITIES: Final = {ord(ch): f"&#{ord(ch)};" for ch in "&<>\"'|[]{}!*_+-^~@%=#:`"}
_BACKSLASHED: Final = re.compile(r"([\\|\[\]{}!*_+^~`#<>?:-])")
_RST_START: Final = re.compile(r"[-=.:+*#|>]|\d+(?=[.)](\s|$))")


def table_formats() -> tuple[str, ...]:
    """Every format name :func:`table` takes: tabulate's ``tabulate_formats``."""
    import tabulate

    return tuple(tabulate.tabulate_formats)


def _rst(text: str) -> str:
    out = safe.markdown(text)
    found = _RST_START.match(out)
    if found is None:
        return out
    end = found.end()
    return out[:end] + "\\" + out[end:] if found.group().isdigit() else "\\" + out


def _cell_function(fmt: str) -> Callable[[str], str]:
    """How one line of user text is made safe for a cell of format ``fmt``."""
    if fmt in ("pipe", "github"):
        return safe.markdown
    if fmt == "rst":
        return _rst
    if fmt == "unsafehtml":
        return lambda s: safe.html(safe.one_line(s))
    if fmt == "latex_raw":
        return lambda s: "".join(_LATEX_RAW.get(ch, ch) for ch in safe.one_line(s))
    if fmt in ("mediawiki", "moinmoin", "textile"):
        return lambda s: safe.one_line(s).translate(_ENTITIES)
    if fmt in ("jira", "youtrack", "asciidoc"):
        return lambda s: _BACKSLASHED.sub(r"\\\1", safe.one_line(s))
    if fmt == "orgtbl":
        return lambda s: safe.one_line(s).replace("|", r"\vert{}")
    if fmt == "tsv":
        return lambda s: safe.csv_cell(safe.one_line(s))
    # html and latex*: tabulate escapes these formats' special characters itself.
    return safe.one_line


def _multiline(fmt: str) -> bool:
    """True for the formats whose rows are ruled off, where a cell may hold several lines."""
    return fmt.endswith("grid")


# Formats drawn for a terminal that fold a cell of several lines into several lines.
_WRAPPING: Final = frozenset(
    {"plain", "simple", "presto", "pretty", "psql"}
    | {
        f"{style}_{shape}"
        for style in ("simple", "rounded", "heavy", "mixed", "double", "fancy")
        for shape in ("grid", "outline")
    }
    | {"grid", "outline", "colon_grid"}
)


def _check_format(fmt: object) -> str:
    formats = table_formats()
    if not isinstance(fmt, str) or fmt not in formats:
        raise RenderError(f"fmt must be one of {', '.join(formats)}; not {fmt!r}")
    return fmt


def _tabulate(body: list[list[str]], headers: list[str], fmt: str, align: list[str]) -> str:
    import tabulate

    return tabulate.tabulate(
        body, headers=headers, tablefmt=fmt, disable_numparse=True, colalign=align
    )


def _cap(text: str, limit: int, fmt: str) -> str:
    """A cell no wider than ``limit``: wrapped where the format folds lines, else cut."""
    lines = text.split("\n")
    if all(len(line) <= limit for line in lines):
        return text
    if fmt in _WRAPPING:
        return "\n".join(
            part
            for line in lines
            for part in textwrap.wrap(line, limit, break_on_hyphens=False) or [""]
        )
    return "\n".join(line if len(line) <= limit else line[: limit - 1] + "…" for line in lines)


def _render(
    headers: Sequence[str],
    rows: Sequence[Sequence[str | tuple[str, ...]]],
    fmt: str,
    numeric: Sequence[int] = (),
    width: int | None = None,
) -> str:
    """Rows of cells (a tuple for a cell with several values) as a table in ``fmt``."""
    cell = _cell_function(fmt)
    joiner = "\n" if _multiline(fmt) else "; "

    def show(value: str | tuple[str, ...]) -> str:
        if isinstance(value, tuple):
            return joiner.join(cell(v) for v in value)
        return cell(value)

    body = [[show(v) for v in row] for row in rows]
    head = [cell(h) for h in headers]
    align = ["right" if i in numeric else "left" for i in range(len(headers))]
    text = _tabulate(body, head, fmt, align)
    if width is not None:
        text = _narrow(text, body, head, fmt, align, width)
    return text + "\n"


def _narrow(
    text: str, body: list[list[str]], head: list[str], fmt: str, align: list[str], width: int
) -> str:
    """The table again with its widest columns capped so that its lines fit ``width``.

    The columns share the room left by the format's rules and padding: one
    common cap on the widest columns, the highest that fits (never below
    the header's width or 8). A table that cannot fit comes back as narrow
    as that allows.
    """
    natural = [
        max([len(line) for row in body for line in row[i].split("\n")] + [len(head[i])])
        for i in range(len(head))
    ]
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest <= width:
        return text
    room = width - (longest - sum(natural))
    cap = max(natural)
    # The highest common cap whose capped widths fit the room.
    while cap > 1 and sum(min(n, cap) for n in natural) > room:
        cap -= 1
    floor = [max(8, len(h)) for h in head]
    for _ in range(8):
        limits = [max(f, min(n, cap)) for f, n in zip(floor, natural, strict=True)]
        capped = [[_cap(v, limits[i], fmt) for i, v in enumerate(row)] for row in body]
        text = _tabulate(capped, head, fmt, align)
        longest = max((len(line) for line in text.splitlines()), default=0)
        if longest <= width or cap <= 8:
            break
        cap -= longest - width
    return text


def _sources_of(event: Event) -> tuple[str, ...]:
    ids = [citation.source.id for citation in event.sources]
    ids += [metric.citation.source.id for metric in event.metrics]
    return tuple(dict.fromkeys(ids))


_GETTERS: Final[dict[str, Callable[[Event], str | tuple[str, ...]]]] = {
    "date": lambda e: f"{e.when}{c.marker(e)}",
    "kind": lambda e: e.kind,
    "title": lambda e: e.title,
    "places": lambda e: e.places,
    "actors": lambda e: e.actors,
    "tags": lambda e: e.tags,
    "metrics": lambda e: tuple(str(m) for m in e.metrics),
    "sources": _sources_of,
    "edtf": lambda e: e.when.edtf,
    "id": lambda e: e.id,
    "precision": lambda e: e.when.precision.name.lower(),
}


def table(
    timeline: Timeline,
    *,
    columns: Sequence[str] = ("date", "kind", "title"),
    fmt: str = "simple",
    width: int | None = None,
) -> str:
    """The events of ``timeline`` as a table, one row per event in display order.

    ``columns`` picks and orders the columns, from :data:`COLUMNS`: ``date``
    (the date as people write it, marked ``†`` when derived and ``‡`` when
    known from outside the sources), ``kind``, ``title``, ``places``,
    ``actors``, ``tags``, ``metrics`` (each as a phrase, ``about 680 people
    arrests``), ``sources`` (the ids of the sources cited, by the event and
    its metrics), ``edtf``, ``id`` and ``precision`` (``day``, ``month``...).
    ``fmt`` is any of :func:`table_formats`. ``width`` (default: none)
    caps the widest columns so that lines fit in ``width`` characters where
    they can: cells wrap in the terminal formats that fold lines (``simple``,
    the grids, ``psql``...) and are cut with ``…`` in the others. Ends with
    a newline. A
    :class:`RenderError` names the valid choices for an unknown column or
    format, or for no columns at all.
    """
    if isinstance(columns, str):
        columns = (columns,)
    columns = tuple(columns)
    if not columns:
        raise RenderError(f"columns must name at least one of {', '.join(COLUMNS)}")
    for name in columns:
        c.choose("column", name, COLUMNS)
    fmt = _check_format(fmt)
    if width is not None and (isinstance(width, bool) or not isinstance(width, int) or width < 1):
        raise RenderError(f"width must be a positive int or None, not {width!r}")
    rows = [[_GETTERS[name](event) for name in columns] for event in timeline]
    return _render(columns, rows, fmt, width=width)


def _number(value: int | Decimal) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _metric_row(event: Event, metric: Metric) -> list[str]:
    return [
        event.id,
        metric.name,
        metric.qualifier.phrase,
        _number(metric.value),
        metric.unit,
        metric.place,
        "" if metric.period is None else str(metric.period),
        metric.citation.source.id,
    ]


def metrics_table(timeline: Timeline, *, fmt: str = "simple") -> str:
    """Every metric of every event, one row each, with the columns of :data:`METRIC_COLUMNS`.

    Rows follow the events' display order and each event's own order of
    metrics. ``value`` is the exact number (integers with thousands
    separators), right-aligned; ``qualifier`` the hedge on it (``about``,
    ``just under``) or empty. Ends with a newline.
    """
    fmt = _check_format(fmt)
    rows = [_metric_row(event, metric) for event in timeline for metric in event.metrics]
    return _render(METRIC_COLUMNS, rows, fmt, numeric=(METRIC_COLUMNS.index("value"),))


_SECTION_TITLES: Final = {
    "pipe": "### {}",
    "github": "### {}",
    "html": "<h3>{}</h3>",
    "unsafehtml": "<h3>{}</h3>",
    "mediawiki": "=== {} ===",
    "textile": "h3. {}",
    "jira": "h3. {}",
    "asciidoc": "=== {}",
    "orgtbl": "* {}",
    "latex": "% {}",
    "latex_raw": "% {}",
    "latex_booktabs": "% {}",
    "latex_longtable": "% {}",
}


def report_table(
    report: Report, *, fmt: str = "simple", sections: Sequence[str] | None = None
) -> str:
    """The sections of a comparison report (:func:`timeline.compare.report`) as tables.

    ``sections`` picks sections by name (default: every one, in the order
    of :data:`timeline.compare.SECTIONS`). Each section is a title line (a
    heading in the formats that have them) followed by its table, sections
    separated by a blank line; an empty section is a table of headers only.
    """
    from timeline.compare import SECTIONS

    fmt = _check_format(fmt)
    names = SECTIONS if sections is None else tuple(sections)
    for name in names:
        c.choose("section", name, SECTIONS)
    title = _SECTION_TITLES.get(fmt, "{}")
    parts = []
    for name in names:
        part = report.rows(name)
        heading = title.format(name)
        if fmt == "rst":
            heading = f"{name}\n{'-' * len(name)}"
        parts.append(f"{heading}\n\n" + _render(part.headers, part.rows, fmt))
    return "\n".join(parts)
