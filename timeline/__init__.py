"""Chronologies you can trust, built from dated events whose dates are often vague.

The public face of the library: everything listed in ``__all__`` is a
promise. ``import timeline`` stays light; it does not import hypothesis,
PyYAML or tabulate.
"""

from __future__ import annotations

from timeline.calendar import FiscalCalendar as FiscalCalendar
from timeline.errors import CalendarError as CalendarError
from timeline.errors import ConstraintError as ConstraintError
from timeline.errors import ParseError as ParseError
from timeline.errors import RangeError as RangeError
from timeline.errors import TimelineError as TimelineError
from timeline.errors import UnknownEventError as UnknownEventError
from timeline.network import Assertion as Assertion
from timeline.network import InconsistentError as InconsistentError
from timeline.network import Network as Network
from timeline.parse import as_value as as_value
from timeline.parse import parse as parse
from timeline.relations import Relation as Relation
from timeline.relations import Relations as Relations
from timeline.relations import compose as compose
from timeline.relations import is_before as is_before
from timeline.relations import is_within as is_within
from timeline.relations import overlaps as overlaps
from timeline.relations import relate as relate
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
    "OPEN",
    "UNKNOWN",
    "AllOf",
    "Assertion",
    "CalendarError",
    "ConstraintError",
    "DayCount",
    "End",
    "Extent",
    "FiscalCalendar",
    "InconsistentError",
    "Instant",
    "Moment",
    "Network",
    "OneOf",
    "ParseError",
    "Period",
    "Precision",
    "Qualifier",
    "Range",
    "RangeError",
    "Relation",
    "Relations",
    "TimeValue",
    "TimelineError",
    "UnknownEventError",
    "Unspecified",
    "When",
    "as_value",
    "compose",
    "fiscal_quarter",
    "fiscal_year",
    "fiscal_year_of",
    "is_before",
    "is_within",
    "on",
    "overlaps",
    "parse",
    "period",
    "relate",
    "sort_key",
]
