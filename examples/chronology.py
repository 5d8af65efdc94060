"""Print the events of an events.yaml file in chronological order.

The main job until ``timeline`` has a command line::

    python examples/chronology.py events.yaml

The file holds ``events: [{id, title, when, source, quote}, ...]``; each ``when`` is
read with :func:`timeline.parse`. Every ``when`` that does not parse is reported on
stderr as ``FILE: events[I].when: MESSAGE`` and the exit status is 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

import timeline

DEFAULT_EVENTS = Path(__file__).resolve().parents[1] / "events.yaml"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_EVENTS
    with path.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    events: list[dict[str, Any]] = data["events"]

    rows = []
    errors = []
    for i, event in enumerate(events):
        try:
            rows.append((timeline.parse(event["when"]), event["title"]))
        except timeline.TimelineError as error:
            errors.append(f"{path}: events[{i}].when: {error}")
    if errors:
        print(*errors, sep="\n", file=sys.stderr)
        return 1

    # The values are totally ordered, so sorting on them alone is well defined.
    for value, title in sorted(rows, key=lambda e: e[0]):
        print(f"{value!s:<22} {title}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
