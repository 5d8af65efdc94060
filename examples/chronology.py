"""Print a timeline file as a chronology, one line per event, with where each date came from.

``timeline show`` does this and more; this is how to do it in code::

    python examples/chronology.py [events.yaml]

The file is read with :func:`timeline.load`, which checks every field and
reports every problem with its place (``events.yaml:41:7: events[3] (id).when:
...``); then events are printed in the library's display order. A ``*`` marks a
date derived from a relative phrase rather than stated.
"""

from __future__ import annotations

import sys
from pathlib import Path

import timeline
from timeline import safe


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else timeline.sample_path()
    try:
        chronology = timeline.load(path)
    except timeline.LoadError as errors:
        for error in errors.exceptions:
            print(error, file=sys.stderr)
        return 1
    except (OSError, timeline.TimelineError) as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1

    if chronology.title:
        print(safe.terminal(chronology.title))
        print()
    # Dates longer than this push their title right rather than every title.
    width = min(30, max((len(str(event.when)) for event in chronology), default=0))
    for event in chronology:
        mark = "*" if event.is_derived else " "
        # Titles come from files anyone can write: shown, never sent raw to the terminal.
        print(f"{event.when!s:<{width}} {mark} {safe.terminal(event.title)}")
    sources = len(chronology.sources)
    print(f"\n{len(chronology)} events from {sources} sources; * = date derived from a phrase")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
