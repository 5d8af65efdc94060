"""A JSON Schema (draft 2020-12) of the timeline file, for editors that validate YAML.

The schema is made from the same field descriptions the reader uses, at the
time :func:`json_schema` is called: ``kind`` enumerates the kinds registered
then, and each kind's own fields are allowed only on events of that kind.

The schema describes the document both as :mod:`timeline.io` reads it (every
scalar a string) and as a YAML 1.2 editor reads it (``45`` a number,
``true`` a boolean, ``key:`` null), so that a file the loader accepts is not
flagged by an editor for the way its scalars look. It checks shapes, field
names, enumerations and the form of numbers and ids; whether a date parses,
a derivation holds or a reference resolves only the loader can tell.
"""

from __future__ import annotations

from typing import Any

from timeline.events import Event, RelationClaim, Source, event_kinds
from timeline.io.records import FORMAT_VERSION, event_field_keys, record_schema

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _list_of(ref: str) -> dict[str, Any]:
    return {"type": ["array", "null"], "items": {"$ref": f"#/$defs/{ref}"}}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a timeline file, as a dict ready for :func:`json.dumps`."""
    defs: dict[str, Any] = {}
    defs["source"] = record_schema(Source, defs)
    defs["relation"] = record_schema(RelationClaim, defs)
    kinds = event_kinds()
    base = set(event_field_keys(Event))
    event = record_schema(Event, defs)
    del event["additionalProperties"]
    event["properties"] = {"kind": {"enum": sorted(kinds)}, **event["properties"]}
    cases = []
    for name, cls in sorted(kinds.items()):
        own = [key for key in event_field_keys(cls) if key not in base]
        if not own:
            continue
        then = record_schema(cls, defs, only=own)
        cases.append(
            {
                "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                "then": then,
            }
        )
    if cases:
        event["allOf"] = cases
    event["unevaluatedProperties"] = False
    defs["event"] = event
    return {
        "$schema": _DIALECT,
        "title": "timeline file",
        "description": (
            f"A chronology of vaguely dated events, version {FORMAT_VERSION} of the format "
            "read by timeline.io.load."
        ),
        "type": "object",
        "properties": {
            "timeline": {"enum": [str(FORMAT_VERSION), FORMAT_VERSION]},
            "title": {"type": ["string", "number", "boolean", "null"]},
            "sources": _list_of("source"),
            "events": _list_of("event"),
            "relations": _list_of("relation"),
        },
        "required": ["timeline"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }
