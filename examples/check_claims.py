"""Check the numbers the seed articles report: stated changes, parts against totals, conflicts.

    python examples/check_claims.py [events.yaml]

Every comparison a source states ("an increase of 11 percent", "just under
two-thirds", "more than doubled") is recomputed from the numbers it rests on,
with a tolerance that follows its hedge word, and gets a verdict: holds, off
by so many points, or cannot be checked (and why). So does every contrast
with another figure ("more than the national average of 13 percent"); and
the inconsistencies the file states are shown with the findings they explain.
"""

from __future__ import annotations

import sys

import timeline
from timeline.compare import Verdict, change, report


def main(argv: list[str]) -> int:
    t = timeline.load(argv[0]) if argv else timeline.sample()
    r = report(t)
    for claim in r.claims:
        print(f"{claim.verdict.value.upper():>13}  {claim.metric.id}")
    off = [c for c in r.claims if c.verdict is Verdict.OFF]
    print()
    for claim in off:
        print(claim)  # what was stated, what the numbers give, and what the hedge allows
    print()
    for contrast in r.contrasts:
        print(contrast)  # "29 percent, more than the national average of 13 percent"
    for finding in r.explained():
        print(f"explained: {finding.explanation}")
        for note in finding.explained_by:
            print(f"  by the file's note: {note.text}")
    # A change computed by hand: arrests in New York State, Jan-Apr 2016 against 2017.
    metrics = {m.id: m for e in t for m in e.metrics if m.id}
    before, after = metrics["arrests-2016-jan-apr-nys"], metrics["arrests-2017-jan-apr-nys"]
    print()
    print(change(before, after))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
