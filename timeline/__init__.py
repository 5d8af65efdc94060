"""Chronologies you can trust, built from dated events whose dates are often vague.

The public face of the library: everything listed in ``__all__`` is a
promise. ``import timeline`` stays light; it does not import hypothesis,
PyYAML or tabulate.
"""

from __future__ import annotations

from timeline.calendar import FiscalCalendar as FiscalCalendar
from timeline.collection import MAX_GROUPS as MAX_GROUPS
from timeline.collection import MAX_MEMBERS as MAX_MEMBERS
from timeline.collection import Group as Group
from timeline.collection import Placement as Placement
from timeline.collection import RelationMatrix as RelationMatrix
from timeline.collection import Timeline as Timeline
from timeline.columns import parse_many as parse_many
from timeline.errors import CalendarError as CalendarError
from timeline.errors import ConstraintError as ConstraintError
from timeline.errors import ExportError as ExportError
from timeline.errors import MissingDependencyError as MissingDependencyError
from timeline.errors import ParseError as ParseError
from timeline.errors import RangeError as RangeError
from timeline.errors import RenderError as RenderError
from timeline.errors import TimelineError as TimelineError
from timeline.errors import UnknownEventError as UnknownEventError
from timeline.events import Basis as Basis
from timeline.events import Breakdown as Breakdown
from timeline.events import Citation as Citation
from timeline.events import Comparison as Comparison
from timeline.events import ComparisonKind as ComparisonKind
from timeline.events import Contrast as Contrast
from timeline.events import DateBasis as DateBasis
from timeline.events import Event as Event
from timeline.events import ExecutiveOrder as ExecutiveOrder
from timeline.events import FiscalYearReport as FiscalYearReport
from timeline.events import Hedge as Hedge
from timeline.events import Law as Law
from timeline.events import Lawsuit as Lawsuit
from timeline.events import Metric as Metric
from timeline.events import Note as Note
from timeline.events import NoteKind as NoteKind
from timeline.events import Operation as Operation
from timeline.events import PressRelease as PressRelease
from timeline.events import Publication as Publication
from timeline.events import RelationClaim as RelationClaim
from timeline.events import Ruling as Ruling
from timeline.events import Source as Source
from timeline.events import Statement as Statement
from timeline.events import event_kinds as event_kinds
from timeline.events import kind_named as kind_named
from timeline.events import register_kind as register_kind
from timeline.io import DumpError as DumpError
from timeline.io import FieldError as FieldError
from timeline.io import JSONSyntaxError as JSONSyntaxError
from timeline.io import LimitError as LimitError
from timeline.io import Limits as Limits
from timeline.io import LoadError as LoadError
from timeline.io import YAMLSyntaxError as YAMLSyntaxError
from timeline.io import dump as dump
from timeline.io import dumps as dumps
from timeline.io import json_schema as json_schema
from timeline.io import load as load
from timeline.io import loads as loads
from timeline.merge import MergeConflictError as MergeConflictError
from timeline.network import Assertion as Assertion
from timeline.network import InconsistentError as InconsistentError
from timeline.network import Network as Network
from timeline.parse import as_value as as_value
from timeline.parse import parse as parse
from timeline.parts import Century as Century
from timeline.parts import Part as Part
from timeline.parts import century as century
from timeline.parts import part as part
from timeline.relations import Relation as Relation
from timeline.relations import Relations as Relations
from timeline.relations import compose as compose
from timeline.relations import is_before as is_before
from timeline.relations import is_within as is_within
from timeline.relations import overlaps as overlaps
from timeline.relations import relate as relate
from timeline.sample import sample as sample
from timeline.sample import sample_path as sample_path
from timeline.text import DateMention as DateMention
from timeline.text import Resolution as Resolution
from timeline.text import Tense as Tense
from timeline.text import draft as draft
from timeline.text import find_dates as find_dates
from timeline.text import split_sentences as split_sentences
from timeline.when import OPEN as OPEN
from timeline.when import UNKNOWN as UNKNOWN
from timeline.when import AllOf as AllOf
from timeline.when import DayCount as DayCount
from timeline.when import End as End
from timeline.when import Extent as Extent
from timeline.when import Instant as Instant
from timeline.when import Moment as Moment
from timeline.when import OneOf as OneOf
from timeline.when import Period as Period
from timeline.when import Precision as Precision
from timeline.when import Qualifier as Qualifier
from timeline.when import Range as Range
from timeline.when import TimeValue as TimeValue
from timeline.when import Unspecified as Unspecified
from timeline.when import When as When
from timeline.when import fiscal_quarter as fiscal_quarter
from timeline.when import fiscal_year as fiscal_year
from timeline.when import fiscal_year_of as fiscal_year_of
from timeline.when import on as on
from timeline.when import period as period
from timeline.when import sort_key as sort_key

__version__ = "0.1.0"

__all__ = [
    "MAX_GROUPS",
    "MAX_MEMBERS",
    "OPEN",
    "UNKNOWN",
    "AllOf",
    "Assertion",
    "Basis",
    "Breakdown",
    "CalendarError",
    "Century",
    "Citation",
    "Comparison",
    "ComparisonKind",
    "ConstraintError",
    "Contrast",
    "DateBasis",
    "DateMention",
    "DayCount",
    "DumpError",
    "End",
    "Event",
    "ExecutiveOrder",
    "ExportError",
    "Extent",
    "FieldError",
    "FiscalCalendar",
    "FiscalYearReport",
    "Group",
    "Hedge",
    "InconsistentError",
    "Instant",
    "JSONSyntaxError",
    "Law",
    "Lawsuit",
    "LimitError",
    "Limits",
    "LoadError",
    "MergeConflictError",
    "Metric",
    "MissingDependencyError",
    "Moment",
    "Network",
    "Note",
    "NoteKind",
    "OneOf",
    "Operation",
    "ParseError",
    "Part",
    "Period",
    "Placement",
    "Precision",
    "PressRelease",
    "Publication",
    "Qualifier",
    "Range",
    "RangeError",
    "Relation",
    "RelationClaim",
    "RelationMatrix",
    "Relations",
    "RenderError",
    "Resolution",
    "Ruling",
    "Source",
    "Statement",
    "Tense",
    "TimeValue",
    "Timeline",
    "TimelineError",
    "UnknownEventError",
    "Unspecified",
    "When",
    "YAMLSyntaxError",
    "as_value",
    "century",
    "compose",
    "draft",
    "dump",
    "dumps",
    "event_kinds",
    "find_dates",
    "fiscal_quarter",
    "fiscal_year",
    "fiscal_year_of",
    "is_before",
    "is_within",
    "json_schema",
    "kind_named",
    "load",
    "loads",
    "on",
    "overlaps",
    "parse",
    "parse_many",
    "part",
    "period",
    "register_kind",
    "relate",
    "sample",
    "sample_path",
    "sort_key",
    "split_sentences",
]

# The renderers and exporters load when first used: ``import timeline`` stays light,
# and ``timeline.render.chronology(t)`` still works without importing them first.
_LAZY_SUBPACKAGES: frozenset[str] = frozenset({"export", "render"})


def __getattr__(name: str) -> object:
    if name in _LAZY_SUBPACKAGES:
        import importlib

        return importlib.import_module(f"timeline.{name}")
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
