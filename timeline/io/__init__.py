"""Timelines in and out of YAML files, safely and with precise errors.

::

    import timeline.io

    chronology = timeline.io.load("events.yaml")
    text = timeline.io.dumps(chronology)        # timeline.io.loads(text) == chronology

Two layers: :mod:`timeline.io.records` turns a timeline into plain data and
back (:func:`to_records`, :func:`from_records`), and a YAML layer turns plain
data into text and back, reading with PyYAML's safe parser only (its event
stream, never its constructors). The file format:

.. code-block:: yaml

    timeline: 1                         # the format's version: required
    title: Immigration enforcement in New York City
    sources:
      - id: amny-2017-09-28             # letters, digits and - _ . :
        outlet: amNY                    # optional: outlet author title published basis file url
        published: "2017-09-28"         # a time value, as timeline.parse reads it
    events:
      - id: safe-city-operation
        kind: operation                 # a registered kind; default "event"
        title: Operation Safe City
        when: 2017-09-24/2017-09-27
        basis:                          # optional; how the date was obtained: stated,
          derived: the four days ending Wednesday    # {note: remark} (stated),
          anchor: published             # {external: how, note}, {derived: phrase, anchor, note}
        places: [New York City]         # places, actors, tags: lists (or one text)
        sources:
          - {source: amny-2017-09-28, quote: "exact words"}
        metrics:
          - id: safe-city-arrests-nyc
            name: arrests
            value: 45                   # digits: int; with a point: Decimal; never float
            unit: people
            qualifier: exact            # a Hedge value
            source: amny-2017-09-28
            quote: "arrested 45 people in New York City"
        name: Operation Safe City       # the fields of the kind's own class
        agency: ICE
    relations:
      - {a: safe-city-operation, relation: after, b: other-event, source: ..., quote: ...}

Every scalar is read as text and each field's type says what the text means
(see :mod:`timeline.io.records`); every derived date is derived again. All
problems of a file are raised together as a :class:`LoadError`, each member
placed as ``events.yaml:41:7: events[3] (safe-city).when: ...``.

PyYAML is imported only when a file is read or written, so ``import
timeline.io`` stays light.
"""

from __future__ import annotations

from timeline.io._api import EXTENSIONS as EXTENSIONS
from timeline.io._api import READ_FORMATS as READ_FORMATS
from timeline.io._api import dump as dump
from timeline.io._api import dumps as dumps
from timeline.io._api import format_of as format_of
from timeline.io._api import load as load
from timeline.io._api import loads as loads
from timeline.io._api import read as read
from timeline.io._yaml import LIMITS as LIMITS
from timeline.io._yaml import Limits as Limits
from timeline.io._yaml import Positions as Positions
from timeline.io.bulk import BULK_LIMITS as BULK_LIMITS
from timeline.io.bulk import PARQUET_METADATA_KEY as PARQUET_METADATA_KEY
from timeline.io.bulk import dump_jsonl as dump_jsonl
from timeline.io.bulk import dump_parquet as dump_parquet
from timeline.io.bulk import dumps_jsonl as dumps_jsonl
from timeline.io.bulk import load_jsonl as load_jsonl
from timeline.io.bulk import load_parquet as load_parquet
from timeline.io.bulk import loads_jsonl as loads_jsonl
from timeline.io.csv import load_csv as load_csv
from timeline.io.csv import loads_csv as loads_csv
from timeline.io.errors import DumpError as DumpError
from timeline.io.errors import FieldError as FieldError
from timeline.io.errors import JSONSyntaxError as JSONSyntaxError
from timeline.io.errors import LimitError as LimitError
from timeline.io.errors import LoadError as LoadError
from timeline.io.errors import YAMLSyntaxError as YAMLSyntaxError
from timeline.io.ics import load_ics as load_ics
from timeline.io.ics import loads_ics as loads_ics
from timeline.io.records import FORMAT_VERSION as FORMAT_VERSION
from timeline.io.records import from_records as from_records
from timeline.io.records import to_records as to_records
from timeline.io.schema import json_schema as json_schema
from timeline.io.timelinejs import load_timelinejs as load_timelinejs
from timeline.io.timelinejs import loads_timelinejs as loads_timelinejs

__all__ = [
    "BULK_LIMITS",
    "EXTENSIONS",
    "FORMAT_VERSION",
    "LIMITS",
    "PARQUET_METADATA_KEY",
    "READ_FORMATS",
    "DumpError",
    "FieldError",
    "JSONSyntaxError",
    "LimitError",
    "Limits",
    "LoadError",
    "Positions",
    "YAMLSyntaxError",
    "dump",
    "dump_jsonl",
    "dump_parquet",
    "dumps",
    "dumps_jsonl",
    "format_of",
    "from_records",
    "json_schema",
    "load",
    "load_csv",
    "load_ics",
    "load_jsonl",
    "load_parquet",
    "load_timelinejs",
    "loads",
    "loads_csv",
    "loads_ics",
    "loads_jsonl",
    "loads_timelinejs",
    "read",
    "to_records",
]
