"""Renderers: a timeline in, a ``str`` out, for terminals, documents and browsers.

Every renderer is pure: it prints nothing, reads no terminal size, and
gives the same text for the same arguments; ``width=`` and ``fmt=`` choose
the shape. User text is made harmless for each destination with
:mod:`timeline.safe`.

==========================  =================================================
:func:`chronology`          plain text, wrapped, with optional headings,
                            sources and quotes
:func:`markdown`            the same as Markdown
:func:`table`               events as a table in any tabulate format
:func:`metrics_table`       every metric as a table
:func:`report_table`        a comparison report's sections as tables
:func:`chart`               a terminal chart: certain days solid, possible light
:func:`svg`                 the same chart as SVG
:func:`html_page`           one self-contained page: chart, chronology, sources
==========================  =================================================

Importing this package imports neither tabulate nor numpy; the table and
chart functions import what they need when called.
"""

from __future__ import annotations

from timeline.render._common import HEADINGS as HEADINGS
from timeline.render.chart import chart as chart
from timeline.render.errors import RenderError as RenderError
from timeline.render.html import html_page as html_page
from timeline.render.markdown import markdown as markdown
from timeline.render.svg import svg as svg
from timeline.render.tables import COLUMNS as COLUMNS
from timeline.render.tables import METRIC_COLUMNS as METRIC_COLUMNS
from timeline.render.tables import metrics_table as metrics_table
from timeline.render.tables import report_table as report_table
from timeline.render.tables import table as table
from timeline.render.tables import table_formats as table_formats
from timeline.render.text import chronology as chronology

__all__ = [
    "COLUMNS",
    "HEADINGS",
    "METRIC_COLUMNS",
    "RenderError",
    "chart",
    "chronology",
    "html_page",
    "markdown",
    "metrics_table",
    "report_table",
    "svg",
    "table",
    "table_formats",
]
