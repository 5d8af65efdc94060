"""One self-contained HTML page: the chart, the chronology with sources and quotes, the sources.

The page loads nothing: no scripts, fonts, images or style sheets from
anywhere, and a Content-Security-Policy ``<meta>`` forbids it to (only its
own inline style, pinned by hash, is allowed). It reads on a phone: a
viewport ``<meta>``, a column at most 48em wide, long words broken, and the
SVG chart scaled to the column. All user text goes through
:func:`timeline.safe.html`.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Final
from urllib.parse import urlsplit

from timeline.calendar import FiscalCalendar
from timeline.collection import Timeline
from timeline.events import Event, Source
from timeline.render import _common as c
from timeline.render.svg import svg, xml_text

__all__ = ["html_page"]

_STYLE: Final = """
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #222; background: #fff; }
main { max-width: 48em; margin: 0 auto; padding: 1em; overflow-wrap: anywhere; }
h1 { font-size: 1.5em; line-height: 1.25; }
h2 { font-size: 1.2em; margin-top: 1.5em; border-bottom: 1px solid #ddd; }
figure { margin: 1em 0; }
figure.chart { overflow-x: auto; }
/* On a phone the chart keeps a readable size and scrolls sideways. */
figure svg { width: 100%; min-width: 720px; height: auto; }
ol.events, ul.sources { padding-left: 0; list-style: none; }
li.event { margin: 0 0 1em; padding-left: .75em; border-left: 3px solid #1f4e79; }
li.event.vague { border-left-color: #a9c8e8; }
.when { font-weight: 600; }
.kind { color: #555; font-size: .875em; }
.also { color: #555; font-size: .875em; margin: 0; }
.event ul { margin: .25em 0 0; padding-left: 1em; }
blockquote { margin: .25em 0 .5em; padding-left: .75em; border-left: 2px solid #ccc;
  color: #333; }
.legend { color: #555; font-size: .875em; }
"""


def _h(text: str) -> str:
    return xml_text(text)


def _url(url: str) -> str | None:
    """The URL if it is an http(s) address, for a link; else None (shown as text)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and url.isprintable():
        return url.strip()
    return None


def _source(source: Source) -> str:
    outlet, title, published = c.source_parts(source)
    bits = [f"<cite>{_h(outlet)}</cite>"]
    if title:
        bits.append(f"“{_h(title)}”")
    if published:
        bits.append(_h(published))
    text = ", ".join(bits)
    link = _url(source.url) if source.url else None
    if link is not None:
        text += f' <a href="{_h(link)}" rel="noopener noreferrer nofollow">{_h(link)}</a>'
    elif source.url:
        text += f" {_h(source.url)}"
    return text


def _event(event: Event, others: tuple[object, ...]) -> list[str]:
    from timeline.render._days import certain_run

    vague = certain_run(event.when) is None
    mark = c.marker(event)
    out = [
        f'<li class="event{" vague" if vague else ""}" data-event-id="{_h(event.id)}" '
        f'id="event-{_h(event.id)}">',
        f'<span class="when">{_h(str(event.when))}</span>'
        + (f'<span class="mark">{mark}</span>' if mark else "")
        + f" — {_h(' '.join(event.title.split()))} "
        f'<span class="kind">({_h(event.kind)})</span>',
    ]
    if others:
        out.append(f'<p class="also">also in {_h(c.also_in(others))}</p>')  # type: ignore[arg-type]
    if event.sources:
        out.append("<ul>")
        for citation in event.sources:
            source = citation.source
            out.append(
                f'<li><a href="#source-{_h(source.id)}">{_h(source.outlet or source.id)}</a>'
                f"<blockquote>{_h(citation.quote)}</blockquote></li>"
            )
        out.append("</ul>")
    out.append("</li>")
    return out


def html_page(
    timeline: Timeline,
    *,
    title: str | None = None,
    headings: str | None = "year",
    fiscal: FiscalCalendar = FiscalCalendar.US_FEDERAL,
) -> str:
    """``timeline`` as one HTML5 page that needs nothing else: chart, chronology, sources.

    ``title`` defaults to the timeline's title (or ``"Timeline"``).
    ``headings`` groups the chronology as :func:`chronology` does (``None``
    for one list). Each event is one ``<li class="event">`` with
    ``data-event-id`` (and ``id="event-<id>"``), holding its date (and
    mark: ``†`` derived, ``‡`` external), title, kind, and each quote
    with a link to its source in the closing list of sources. Source URLs
    become links only when they are http or https addresses. Ends with a
    newline.
    """
    name = " ".join((timeline.title if title is None else title).split()) or "Timeline"
    style_hash = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
    csp = (
        "default-src 'none'; "
        f"style-src 'sha256-{style_hash}'; "
        "img-src 'none'; font-src 'none'; script-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_h(name)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_h(name)}</h1>",
    ]
    if not len(timeline):
        out += ["<p>No events.</p>", "</main>", "</body>", "</html>"]
        return "\n".join(out) + "\n"
    out += ['<figure class="chart">', svg(timeline).rstrip("\n"), "</figure>"]
    out.append(
        '<p class="legend">Dark bars: days the event certainly covers; light bars: days it '
        "may cover (a vague date).</p>"
    )
    out.append('<section class="chronology">')
    for label, placed in c.sections(timeline, headings, fiscal):
        if headings is not None:
            out.append(f"<h2>{_h('Other dates' if label is None else str(label))}</h2>")
        out.append('<ol class="events">')
        for event, others in placed:
            out += _event(event, others)
        out.append("</ol>")
    marks = c.legend(timeline)
    if marks:
        out.append(
            '<p class="legend">' + "; ".join(f"{m} {_h(meaning)}" for m, meaning in marks) + "</p>"
        )
    out.append("</section>")
    if timeline.sources:
        out += ['<section class="sources">', "<h2>Sources</h2>", '<ul class="sources">']
        for source in timeline.sources.values():
            out.append(f'<li id="source-{_h(source.id)}">{_source(source)}</li>')
        out += ["</ul>", "</section>"]
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
