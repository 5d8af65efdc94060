"""Build a timeline in code, query it, and render it as text, a table, a chart and HTML.

    python examples/build_in_code.py [OUTPUT.html]

A script that generates a timeline (from a database, a scraper, a spreadsheet)
makes events with the library's classes, parses its dates with
:func:`timeline.parse` (vague ones stay vague), asks questions whose answers
are *certain* or only *possible*, and renders the result.
"""

from __future__ import annotations

import sys
from pathlib import Path

import timeline
from timeline import render

ARTICLE = timeline.Source(
    "gothamist-2017-safe-city",
    outlet="Gothamist",
    title="ICE Arrested 45 People In NYC During 'Safe City' Raids",
    published=timeline.parse("2017-09-28"),
)


def cite(quote: str) -> tuple[timeline.Citation, ...]:
    return (timeline.Citation(ARTICLE, quote),)


def build() -> timeline.Timeline:
    published = ARTICLE.published
    assert published is not None
    return timeline.Timeline(
        [
            timeline.Operation(
                id="safe-city",
                title="Operation Safe City",
                # "the four days ending Wednesday", read against the publication date.
                when=timeline.parse("the four days ending Wednesday", anchor=published),
                basis=timeline.DateBasis.derived("the four days ending Wednesday", published),
                places=("New York City",),
                sources=cite("over the course of the four days ending Wednesday"),
                name="Operation Safe City",
                agency="ICE",
            ),
            timeline.Law(
                id="detainer-law",
                title="New York City limits its cooperation with ICE detainers",
                when=timeline.parse("2014/.."),  # since 2014, still in force
                places=("New York City",),
                sources=cite("New York City's 2014 detainer law"),
            ),
            timeline.ExecutiveOrder(
                id="sanctuary-order",
                title="Executive order on sanctuary jurisdictions",
                when=timeline.on(timeline.parse("January 2017")),  # one day, unknown which
                sources=cite("an executive order in January"),
            ),
        ],
        title="Built in code",
    )


def main(argv: list[str]) -> int:
    t = build()
    # From the inauguration on: the order was signed sometime in January, so maybe.
    window = timeline.parse("2017-01-20/2017-12-31")
    possible = [e.id for e in t.overlapping(window)]
    certain = [e.id for e in t.overlapping(window, certain=True)]
    print(f"possibly from Jan 20, 2017: {possible}")
    print(f"certainly from Jan 20, 2017: {certain}")
    print(f"order vs operation: {t.relate('sanctuary-order', 'safe-city')}")
    print()
    print(render.chronology(t, width=72))
    print()
    print(render.table(t, columns=("date", "kind", "title"), fmt="github"))
    print()
    print(render.chart(t, width=72, ascii=True))
    if argv:
        Path(argv[0]).write_text(render.html_page(t), encoding="utf-8")
        print(f"\nwrote {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
