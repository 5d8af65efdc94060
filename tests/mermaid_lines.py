"""The lines a Mermaid diagram of ours may hold, for the export tests (not a test module)."""

from __future__ import annotations

import re

# A label: anything but Mermaid's special characters, which appear only as entity codes.
LABEL = r"(?:[^:;#%<>\n]|#\d+;)+"
TIMELINE_LINES = [
    re.compile(r"timeline"),
    re.compile(rf"    title {LABEL}"),
    re.compile(rf"    section {LABEL}"),
    re.compile(rf"        {LABEL} : {LABEL}"),
]
GANTT_LINES = [
    re.compile(r"gantt"),
    re.compile(rf"    title {LABEL}"),
    re.compile(r"    dateFormat YYYY-MM-DD"),
    re.compile(rf"    section {LABEL}"),
    # A task of one or more days, or a milestone (a marker: one day somewhere) of none.
    re.compile(
        rf"        (?P<label>{LABEL}) "
        r":(?:(?:crit, )?\d{4}-\d\d-\d\d, [1-9]\d*d|milestone, \d{4}-\d\d-\d\d, 0d)"
    ),
]
LINES = {"mermaid": TIMELINE_LINES, "mermaid-gantt": GANTT_LINES}


def check_mermaid(text: str, patterns: list[re.Pattern[str]]) -> list[str]:
    """The lines of ``text``, each of which must match one of ``patterns`` (the first first)."""
    assert text.endswith("\n")
    lines = text[:-1].split("\n")
    assert lines[0] == patterns[0].pattern
    for line in lines:
        assert any(p.fullmatch(line) for p in patterns), line
        assert line == line.rstrip()
    return lines
