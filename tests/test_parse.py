"""Examples for :func:`timeline.parse`: every form of the spec, with exact bounds.

Each example states the type, the first and last day a careful reader would
give, the precision, the qualifier, the canonical ``.edtf`` and ``str()``; and
every example reads back from its ``.edtf`` (and from its ``str()`` where that
is itself a form people write).
"""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass, field
from typing import Any

import attrs
import pendulum
import pytest

import timeline
from timeline import (
    OPEN,
    UNKNOWN,
    AllOf,
    Extent,
    Instant,
    Moment,
    OneOf,
    ParseError,
    Period,
    Precision,
    Qualifier,
    Range,
    TimelineError,
    Unspecified,
    as_value,
    on,
    parse,
)
from timeline import calendar as cal
from timeline.calendar import SUNDAY, FiscalCalendar

Day = tuple[int, int, int]

NONE = Qualifier.NONE
UNC = Qualifier.UNCERTAIN
APX = Qualifier.APPROXIMATE
BOTH = Qualifier.UNCERTAIN_APPROXIMATE

ANCHOR = "2017-09-28"  # a Thursday
UK = {"fiscal": FiscalCalendar.UK_GOVERNMENT}
NY = "America/New_York"


def rd(day: Day | None) -> int | None:
    """Rata die of a (year, month, day), by ``datetime.date`` where it can hold the year."""
    if day is None:
        return None
    y, m, d = day
    if 1 <= y <= 9999:
        return dt.date(y, m, d).toordinal()
    return cal.to_rd(y, m, d)


def utc_us(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> int:
    """Microseconds since the Unix epoch of a UTC wall time."""
    moment = dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)
    return int(moment.timestamp()) * 1_000_000


@dataclass(frozen=True)
class Case:
    text: str
    kind: type
    first: Day | None
    last: Day | None
    precision: Precision
    edtf: str
    human: str
    qualifier: Qualifier = NONE
    kwargs: dict[str, Any] = field(default_factory=dict)
    #: ``parse(str(v), **kwargs) == v``: the str form is itself a form people write.
    reads_back: bool = True
    #: ``days_covered().exact``, where the example pins it.
    days: int | None = None


def case(*args: Any, **kwargs: Any) -> Any:
    c = Case(*args, **kwargs)
    label = c.text + (f" {sorted(c.kwargs)}" if c.kwargs else "")
    return pytest.param(c, id=label)


# --------------------------------------------------------------------------------------
# EDTF levels 0 and 1.

EDTF_CASES = [
    case("2017", Extent, (2017, 1, 1), (2017, 12, 31), Precision.YEAR, "2017", "2017", days=365),
    case("2016", Extent, (2016, 1, 1), (2016, 12, 31), Precision.YEAR, "2016", "2016", days=366),
    case(
        "2017-02", Extent, (2017, 2, 1), (2017, 2, 28), Precision.MONTH, "2017-02", "February 2017"
    ),
    case(
        "2016-02", Extent, (2016, 2, 1), (2016, 2, 29), Precision.MONTH, "2016-02", "February 2016"
    ),
    case(
        "2017-02-13",
        Extent,
        (2017, 2, 13),
        (2017, 2, 13),
        Precision.DAY,
        "2017-02-13",
        "Feb 13, 2017",
        days=1,
    ),
    case(
        "2016-02-29",
        Extent,
        (2016, 2, 29),
        (2016, 2, 29),
        Precision.DAY,
        "2016-02-29",
        "Feb 29, 2016",
    ),
    case(
        "2017-09-28T10:00:00Z",
        Instant,
        (2017, 9, 28),
        (2017, 9, 28),
        Precision.SECOND,
        "2017-09-28T10:00:00Z",
        "Sep 28, 2017, 10:00:00 UTC",
        reads_back=False,
    ),
    case(
        "2017-09-28T10:00:00-04:00",
        Instant,
        (2017, 9, 28),
        (2017, 9, 28),
        Precision.SECOND,
        "2017-09-28T10:00:00-04:00",
        "Sep 28, 2017, 10:00:00 UTC−4",
        reads_back=False,
    ),
    case(
        "2017-09-28T10:00:00+05:30",
        Instant,
        (2017, 9, 28),
        (2017, 9, 28),
        Precision.SECOND,
        "2017-09-28T10:00:00+05:30",
        "Sep 28, 2017, 10:00:00 UTC+5:30",
        reads_back=False,
    ),
    # An instant's earliest and latest are UTC days: 22:00 at -04:00 is 02:00Z the next day.
    case(
        "2017-09-28T22:00:00-04:00",
        Instant,
        (2017, 9, 29),
        (2017, 9, 29),
        Precision.SECOND,
        "2017-09-28T22:00:00-04:00",
        "Sep 28, 2017, 22:00:00 UTC−4",
        reads_back=False,
    ),
    case(
        "2017-09-28T10:00Z",
        Instant,
        (2017, 9, 28),
        (2017, 9, 28),
        Precision.MINUTE,
        "2017-09-28T10:00Z",
        "Sep 28, 2017, 10:00 UTC",
        reads_back=False,
    ),
    case(
        "2017-01-24/2017-04-30",
        Period,
        (2017, 1, 24),
        (2017, 4, 30),
        Precision.DAY,
        "2017-01-24/2017-04-30",
        "Jan 24 – Apr 30, 2017",
        days=97,
    ),
    case(
        "2017-01/2017-04-30",
        Period,
        (2017, 1, 1),
        (2017, 4, 30),
        Precision.MONTH,
        "2017-01/2017-04-30",
        "January 2017 – Apr 30, 2017",
        days=120,
    ),
    case("2014/..", Period, (2014, 1, 1), None, Precision.YEAR, "2014/..", "2014 – present"),
    case(
        "../2014",
        Period,
        None,
        (2014, 12, 31),
        Precision.YEAR,
        "../2014",
        "until 2014",
        reads_back=False,
    ),
    case(
        "2014/", Period, (2014, 1, 1), None, Precision.YEAR, "2014/", "2014 – ?", reads_back=False
    ),
    case(
        "/2014", Period, None, (2014, 12, 31), Precision.YEAR, "/2014", "? – 2014", reads_back=False
    ),
    case("2004?", Extent, (2004, 1, 1), (2004, 12, 31), Precision.YEAR, "2004?", "2004?", UNC),
    case("2004~", Extent, (2004, 1, 1), (2004, 12, 31), Precision.YEAR, "2004~", "c. 2004", APX),
    case("2004%", Extent, (2004, 1, 1), (2004, 12, 31), Precision.YEAR, "2004%", "c. 2004?", BOTH),
    case(
        "2004-06?",
        Extent,
        (2004, 6, 1),
        (2004, 6, 30),
        Precision.MONTH,
        "2004-06?",
        "June 2004?",
        UNC,
    ),
    case(
        "2004-06-11%",
        Extent,
        (2004, 6, 11),
        (2004, 6, 11),
        Precision.DAY,
        "2004-06-11%",
        "c. Jun 11, 2004?",
        BOTH,
    ),
    case(
        "2004-06~/2006-08",
        Period,
        (2004, 6, 1),
        (2006, 8, 31),
        Precision.MONTH,
        "2004-06~/2006-08",
        "c. June 2004 – August 2006",
        APX,
    ),
    case(
        "2004-06/2006-08?",
        Period,
        (2004, 6, 1),
        (2006, 8, 31),
        Precision.MONTH,
        "2004-06/2006-08?",
        "June 2004 – August 2006?",
        UNC,
    ),
    case(
        "2014~/..",
        Period,
        (2014, 1, 1),
        None,
        Precision.YEAR,
        "2014~/..",
        "c. 2014 – present",
        APX,
    ),
    case(
        "201X",
        Unspecified,
        (2010, 1, 1),
        (2019, 12, 31),
        Precision.YEAR,
        "201X",
        "a year in 2010–2019",
        reads_back=False,
    ),
    case(
        "20XX",
        Unspecified,
        (2000, 1, 1),
        (2099, 12, 31),
        Precision.YEAR,
        "20XX",
        "a year in 2000–2099",
        reads_back=False,
    ),
    case(
        "2004-XX",
        Unspecified,
        (2004, 1, 1),
        (2004, 12, 31),
        Precision.MONTH,
        "2004-XX",
        "a month in 2004",
        reads_back=False,
    ),
    case(
        "1984-1X",
        Unspecified,
        (1984, 10, 1),
        (1984, 12, 31),
        Precision.MONTH,
        "1984-1X",
        "a month in October–December 1984",
        reads_back=False,
    ),
    case(
        "2004-06-XX",
        Unspecified,
        (2004, 6, 1),
        (2004, 6, 30),
        Precision.DAY,
        "2004-06-XX",
        "sometime in June 2004",
        days=1,
    ),
    case(
        "2004-XX-XX",
        Unspecified,
        (2004, 1, 1),
        (2004, 12, 31),
        Precision.DAY,
        "2004-XX-XX",
        "sometime in 2004",
    ),
    case(
        "2017-21", Extent, (2017, 3, 1), (2017, 5, 31), Precision.SEASON, "2017-21", "Spring 2017"
    ),
    case(
        "2017-22", Extent, (2017, 6, 1), (2017, 8, 31), Precision.SEASON, "2017-22", "Summer 2017"
    ),
    case(
        "2017-23", Extent, (2017, 9, 1), (2017, 11, 30), Precision.SEASON, "2017-23", "Autumn 2017"
    ),
    case(
        "2017-24",
        Extent,
        (2017, 12, 1),
        (2018, 2, 28),
        Precision.SEASON,
        "2017-24",
        "Winter 2017–18",
        days=90,
    ),
    case(
        "2019-24",
        Extent,
        (2019, 12, 1),
        (2020, 2, 29),
        Precision.SEASON,
        "2019-24",
        "Winter 2019–20",
        days=91,
    ),
    case(
        "Y170000002",
        Extent,
        (170000002, 1, 1),
        (170000002, 12, 31),
        Precision.YEAR,
        "Y170000002",
        "170000002",
        reads_back=False,
    ),
    case(
        "Y-170000002",
        Extent,
        (-170000002, 1, 1),
        (-170000002, 12, 31),
        Precision.YEAR,
        "Y-170000002",
        "170000003 BCE",
        reads_back=False,
    ),
    case("-0044", Extent, (-44, 1, 1), (-44, 12, 31), Precision.YEAR, "-0044", "45 BCE", days=366),
    case(
        "-0044-03-15",
        Extent,
        (-44, 3, 15),
        (-44, 3, 15),
        Precision.DAY,
        "-0044-03-15",
        "Mar 15, 45 BCE",
    ),
    case("0000", Extent, (0, 1, 1), (0, 12, 31), Precision.YEAR, "0000", "1 BCE", days=366),
]

# --------------------------------------------------------------------------------------
# From EDTF level 2.

LEVEL2_CASES = [
    # 25–28: northern hemisphere, said so in str().
    case(
        "2017-25",
        Extent,
        (2017, 3, 1),
        (2017, 5, 31),
        Precision.SEASON,
        "2017-25",
        "Spring 2017 (northern)",
    ),
    case(
        "2017-26",
        Extent,
        (2017, 6, 1),
        (2017, 8, 31),
        Precision.SEASON,
        "2017-26",
        "Summer 2017 (northern)",
    ),
    case(
        "2017-27",
        Extent,
        (2017, 9, 1),
        (2017, 11, 30),
        Precision.SEASON,
        "2017-27",
        "Autumn 2017 (northern)",
    ),
    case(
        "2017-28",
        Extent,
        (2017, 12, 1),
        (2018, 2, 28),
        Precision.SEASON,
        "2017-28",
        "Winter 2017–18 (northern)",
    ),
    case(
        "2017-29",
        Extent,
        (2017, 9, 1),
        (2017, 11, 30),
        Precision.SEASON,
        "2017-29",
        "Spring 2017 (southern)",
    ),
    case(
        "2017-30",
        Extent,
        (2017, 12, 1),
        (2018, 2, 28),
        Precision.SEASON,
        "2017-30",
        "Summer 2017–18 (southern)",
    ),
    case(
        "2017-31",
        Extent,
        (2017, 3, 1),
        (2017, 5, 31),
        Precision.SEASON,
        "2017-31",
        "Autumn 2017 (southern)",
    ),
    case(
        "2017-32",
        Extent,
        (2017, 6, 1),
        (2017, 8, 31),
        Precision.SEASON,
        "2017-32",
        "Winter 2017 (southern)",
    ),
    case("2017-33", Extent, (2017, 1, 1), (2017, 3, 31), Precision.QUARTER, "2017-33", "Q1 2017"),
    case("2017-34", Extent, (2017, 4, 1), (2017, 6, 30), Precision.QUARTER, "2017-34", "Q2 2017"),
    case("2017-35", Extent, (2017, 7, 1), (2017, 9, 30), Precision.QUARTER, "2017-35", "Q3 2017"),
    case("2017-36", Extent, (2017, 10, 1), (2017, 12, 31), Precision.QUARTER, "2017-36", "Q4 2017"),
    # Quadrimesters say they are four-month terms, apart from periods of months.
    case(
        "2017-37",
        Extent,
        (2017, 1, 1),
        (2017, 4, 30),
        Precision.QUADRIMESTER,
        "2017-37",
        "January–April 2017 (four-month term)",
    ),
    case(
        "2017-38",
        Extent,
        (2017, 5, 1),
        (2017, 8, 31),
        Precision.QUADRIMESTER,
        "2017-38",
        "May–August 2017 (four-month term)",
    ),
    case(
        "2017-39",
        Extent,
        (2017, 9, 1),
        (2017, 12, 31),
        Precision.QUADRIMESTER,
        "2017-39",
        "September–December 2017 (four-month term)",
    ),
    case("2017-40", Extent, (2017, 1, 1), (2017, 6, 30), Precision.HALF, "2017-40", "H1 2017"),
    case("2017-41", Extent, (2017, 7, 1), (2017, 12, 31), Precision.HALF, "2017-41", "H2 2017"),
    case(
        "[1667,1668,1670..1672]",
        OneOf,
        (1667, 1, 1),
        (1672, 12, 31),
        Precision.YEAR,
        "[1667,1668,1670..1672]",
        "one of 1667, 1668, 1670 to 1672",
        reads_back=False,
    ),
    case(
        "[..1760-12-03]",
        OneOf,
        None,
        (1760, 12, 3),
        Precision.DAY,
        "[..1760-12-03]",
        "one of Dec 3, 1760 or earlier",
        reads_back=False,
    ),
    case(
        "[1760-12..]",
        OneOf,
        (1760, 12, 1),
        None,
        Precision.MONTH,
        "[1760-12..]",
        "one of December 1760 or later",
        reads_back=False,
    ),
    case(
        "{1667,1668}",
        AllOf,
        (1667, 1, 1),
        (1668, 12, 31),
        Precision.YEAR,
        "{1667,1668}",
        "all of 1667, 1668",
        reads_back=False,
        days=731,
    ),
    case(
        "2004?-06-11",
        Extent,
        (2004, 6, 11),
        (2004, 6, 11),
        Precision.DAY,
        "?2004-06-11",
        "Jun 11, 2004?",
        UNC,
        reads_back=False,
    ),
    case(
        "2004-06~-11",
        Extent,
        (2004, 6, 11),
        (2004, 6, 11),
        Precision.DAY,
        "~2004-~06-11",
        "c. Jun 11, 2004",
        APX,
        reads_back=False,
    ),
    case(
        "?2004-06-~11",
        Extent,
        (2004, 6, 11),
        (2004, 6, 11),
        Precision.DAY,
        "?2004-06-~11",
        "c. Jun 11, 2004?",
        BOTH,
        reads_back=False,
    ),
    case(
        "2004-?06-11",
        Extent,
        (2004, 6, 11),
        (2004, 6, 11),
        Precision.DAY,
        "2004-?06-11",
        "Jun 11, 2004?",
        UNC,
        reads_back=False,
    ),
]

# --------------------------------------------------------------------------------------
# The library's extensions.

EXTENSION_CASES = [
    case(
        "FY2018", Extent, (2017, 10, 1), (2018, 9, 30), Precision.YEAR, "FY2018", "FY2018", days=365
    ),
    case(
        "FY2018-Q1",
        Extent,
        (2017, 10, 1),
        (2017, 12, 31),
        Precision.QUARTER,
        "FY2018-Q1",
        "FY2018 Q1",
    ),
    case(
        "FY2018-Q4",
        Extent,
        (2018, 7, 1),
        (2018, 9, 30),
        Precision.QUARTER,
        "FY2018-Q4",
        "FY2018 Q4",
    ),
    # Other fiscal calendars are named in str().
    case(
        "FY2018[new-york-city]",
        Extent,
        (2017, 7, 1),
        (2018, 6, 30),
        Precision.YEAR,
        "FY2018[new-york-city]",
        "FY2018 (new-york-city)",
    ),
    case(
        "FY2018~", Extent, (2017, 10, 1), (2018, 9, 30), Precision.YEAR, "FY2018~", "c. FY2018", APX
    ),
    case(
        "2017-W06",
        Extent,
        (2017, 2, 6),
        (2017, 2, 12),
        Precision.WEEK,
        "2017-W06",
        "week of Feb 6, 2017",
        days=7,
    ),
    case(
        "2019-W01",
        Extent,
        (2018, 12, 31),
        (2019, 1, 6),
        Precision.WEEK,
        "2019-W01",
        "week of Dec 31, 2018",
    ),
    case(
        "2020-W53",
        Extent,
        (2020, 12, 28),
        (2021, 1, 3),
        Precision.WEEK,
        "2020-W53",
        "week of Dec 28, 2020",
    ),
    case(
        "2017-W06[sunday]",
        Extent,
        (2017, 2, 5),
        (2017, 2, 11),
        Precision.WEEK,
        "2017-W06[sunday]",
        "week of Feb 5, 2017",
    ),
    case(
        "2010s", Extent, (2010, 1, 1), (2019, 12, 31), Precision.DECADE, "2010s", "2010s", days=3652
    ),
    case(
        "on(FY2018)",
        Moment,
        (2017, 10, 1),
        (2018, 9, 30),
        Precision.DAY,
        "on(FY2018)",
        "sometime in FY2018",
        days=1,
    ),
    case(
        f"2017-11-05T01:30:00-04:00[{NY}]",
        Instant,
        (2017, 11, 5),
        (2017, 11, 5),
        Precision.SECOND,
        f"2017-11-05T01:30:00-04:00[{NY}]",
        f"Nov 5, 2017, 01:30:00 UTC−4 ({NY})",
        reads_back=False,
    ),
    case(
        f"2017-11-05T01:30:00-05:00[{NY}]",
        Instant,
        (2017, 11, 5),
        (2017, 11, 5),
        Precision.SECOND,
        f"2017-11-05T01:30:00-05:00[{NY}]",
        f"Nov 5, 2017, 01:30:00 UTC−5 ({NY})",
        reads_back=False,
    ),
]

# --------------------------------------------------------------------------------------
# Forms people write.

HUMAN_CASES = [
    case(
        "fiscal year 2018", Extent, (2017, 10, 1), (2018, 9, 30), Precision.YEAR, "FY2018", "FY2018"
    ),
    case(
        "the 2018 fiscal year",
        Extent,
        (2017, 10, 1),
        (2018, 9, 30),
        Precision.YEAR,
        "FY2018",
        "FY2018",
    ),
    case(
        "FY2018 Q1",
        Extent,
        (2017, 10, 1),
        (2017, 12, 31),
        Precision.QUARTER,
        "FY2018-Q1",
        "FY2018 Q1",
    ),
    case("Q3 2017", Extent, (2017, 7, 1), (2017, 9, 30), Precision.QUARTER, "2017-35", "Q3 2017"),
    case("2017-Q3", Extent, (2017, 7, 1), (2017, 9, 30), Precision.QUARTER, "2017-35", "Q3 2017"),
    case(
        "January 2017",
        Extent,
        (2017, 1, 1),
        (2017, 1, 31),
        Precision.MONTH,
        "2017-01",
        "January 2017",
    ),
    case(
        "Jan 2017", Extent, (2017, 1, 1), (2017, 1, 31), Precision.MONTH, "2017-01", "January 2017"
    ),
    case(
        "Jan. 2017", Extent, (2017, 1, 1), (2017, 1, 31), Precision.MONTH, "2017-01", "January 2017"
    ),
    case(
        "Sept 2017",
        Extent,
        (2017, 9, 1),
        (2017, 9, 30),
        Precision.MONTH,
        "2017-09",
        "September 2017",
    ),
    case(
        "Feb 13, 2017",
        Extent,
        (2017, 2, 13),
        (2017, 2, 13),
        Precision.DAY,
        "2017-02-13",
        "Feb 13, 2017",
    ),
    case(
        "February 13th, 2017",
        Extent,
        (2017, 2, 13),
        (2017, 2, 13),
        Precision.DAY,
        "2017-02-13",
        "Feb 13, 2017",
    ),
    case(
        "13 February 2017",
        Extent,
        (2017, 2, 13),
        (2017, 2, 13),
        Precision.DAY,
        "2017-02-13",
        "Feb 13, 2017",
    ),
    case(
        "13 OCTOBER 2017",
        Extent,
        (2017, 10, 13),
        (2017, 10, 13),
        Precision.DAY,
        "2017-10-13",
        "Oct 13, 2017",
    ),
    case(
        "Sep 24-27, 2017",
        Period,
        (2017, 9, 24),
        (2017, 9, 27),
        Precision.DAY,
        "2017-09-24/2017-09-27",
        "Sep 24–27, 2017",
        days=4,
    ),
    case(
        "Sep 24–27, 2017",
        Period,
        (2017, 9, 24),
        (2017, 9, 27),
        Precision.DAY,
        "2017-09-24/2017-09-27",
        "Sep 24–27, 2017",
        days=4,
    ),
    case(
        "Sep 24 – Oct 2, 2017",
        Period,
        (2017, 9, 24),
        (2017, 10, 2),
        Precision.DAY,
        "2017-09-24/2017-10-02",
        "Sep 24 – Oct 2, 2017",
        days=9,
    ),
    case(
        "Dec 30, 2017 – Jan 2, 2018",
        Period,
        (2017, 12, 30),
        (2018, 1, 2),
        Precision.DAY,
        "2017-12-30/2018-01-02",
        "Dec 30, 2017 – Jan 2, 2018",
        days=4,
    ),
    case(
        "between January 24 and April 30, 2016",
        Period,
        (2016, 1, 24),
        (2016, 4, 30),
        Precision.DAY,
        "2016-01-24/2016-04-30",
        "Jan 24 – Apr 30, 2016",
        days=98,
    ),
    case(
        "between January 24th and April 30th, 2016",
        Period,
        (2016, 1, 24),
        (2016, 4, 30),
        Precision.DAY,
        "2016-01-24/2016-04-30",
        "Jan 24 – Apr 30, 2016",
        days=98,
    ),
    case("c. 2014", Extent, (2014, 1, 1), (2014, 12, 31), Precision.YEAR, "2014~", "c. 2014", APX),
    case(
        "circa 2014", Extent, (2014, 1, 1), (2014, 12, 31), Precision.YEAR, "2014~", "c. 2014", APX
    ),
    case(
        "first full week of February 2017",
        Extent,
        (2017, 2, 6),
        (2017, 2, 12),
        Precision.WEEK,
        "2017-W06",
        "week of Feb 6, 2017",
    ),
    case(
        "first full week of February 2017",
        Extent,
        (2017, 2, 5),
        (2017, 2, 11),
        Precision.WEEK,
        "2017-W06[sunday]",
        "week of Feb 5, 2017",
        kwargs={"week_start": SUNDAY},
    ),
    case(
        "first full week in February 2017",
        Extent,
        (2017, 2, 6),
        (2017, 2, 12),
        Precision.WEEK,
        "2017-W06",
        "week of Feb 6, 2017",
    ),
    # A month that starts on a Monday: its first full week is its first week.
    case(
        "first full week of May 2017",
        Extent,
        (2017, 5, 1),
        (2017, 5, 7),
        Precision.WEEK,
        "2017-W18",
        "week of May 1, 2017",
    ),
    case(
        "spring 2017",
        Extent,
        (2017, 3, 1),
        (2017, 5, 31),
        Precision.SEASON,
        "2017-21",
        "Spring 2017",
    ),
    case(
        "winter 2017–18",
        Extent,
        (2017, 12, 1),
        (2018, 2, 28),
        Precision.SEASON,
        "2017-24",
        "Winter 2017–18",
    ),
    case("H1 2017", Extent, (2017, 1, 1), (2017, 6, 30), Precision.HALF, "2017-40", "H1 2017"),
    case("2 BCE", Extent, (-1, 1, 1), (-1, 12, 31), Precision.YEAR, "-0001", "2 BCE"),
    case("44 BC", Extent, (-43, 1, 1), (-43, 12, 31), Precision.YEAR, "-0043", "44 BCE"),
    case(
        "sometime in January 2017",
        Unspecified,
        (2017, 1, 1),
        (2017, 1, 31),
        Precision.DAY,
        "2017-01-XX",
        "sometime in January 2017",
        days=1,
    ),
    case("2014 – present", Period, (2014, 1, 1), None, Precision.YEAR, "2014/..", "2014 – present"),
    case(
        "January–April 2017",
        Period,
        (2017, 1, 1),
        (2017, 4, 30),
        Precision.MONTH,
        "2017-01/2017-04",
        "January–April 2017",
        days=120,
    ),
    case(
        "2018-19",
        Extent,
        (2018, 4, 1),
        (2019, 3, 31),
        Precision.YEAR,
        "FY2018[uk-government]",
        "2018-19 (uk-government)",
        kwargs=UK,
        days=365,
    ),
    # Extensions of the human forms: what str() writes for weeks, seasons and periods.
    case(
        "sometime between January 2017 and Sep 28, 2017",
        Moment,
        (2017, 1, 1),
        (2017, 9, 28),
        Precision.DAY,
        "on(2017-01/2017-09-28)",
        "sometime between January 2017 and Sep 28, 2017",
        days=1,
    ),
    case(
        "week of Feb 7–13, 2017",
        Extent,
        (2017, 2, 7),
        (2017, 2, 13),
        Precision.WEEK,
        "2017-W06[tuesday]",
        "week of Feb 7–13, 2017",
    ),
    case(
        "week of Feb 6, 2017",
        Extent,
        (2017, 2, 6),
        (2017, 2, 12),
        Precision.WEEK,
        "2017-W06",
        "week of Feb 6, 2017",
    ),
    case(
        "week of Feb 8, 2017",
        Extent,
        (2017, 2, 6),
        (2017, 2, 12),
        Precision.WEEK,
        "2017-W06",
        "week of Feb 6, 2017",
    ),
    case(
        "week of Feb 5, 2017",
        Extent,
        (2017, 2, 5),
        (2017, 2, 11),
        Precision.WEEK,
        "2017-W06[sunday]",
        "week of Feb 5, 2017",
    ),
    case(
        "Summer 2017–18 (southern)",
        Extent,
        (2017, 12, 1),
        (2018, 2, 28),
        Precision.SEASON,
        "2017-30",
        "Summer 2017–18 (southern)",
    ),
    case(
        "2014 – 2016",
        Period,
        (2014, 1, 1),
        (2016, 12, 31),
        Precision.YEAR,
        "2014/2016",
        "2014 – 2016",
    ),
    case(
        "2014-2016",
        Period,
        (2014, 1, 1),
        (2016, 12, 31),
        Precision.YEAR,
        "2014/2016",
        "2014 – 2016",
    ),
    case(
        "November 2016 – February 2017",
        Period,
        (2016, 11, 1),
        (2017, 2, 28),
        Precision.MONTH,
        "2016-11/2017-02",
        "November 2016 – February 2017",
    ),
    case(
        "from sometime in 2014 until 2015",
        Period,
        (2014, 1, 1),
        (2015, 12, 31),
        Precision.YEAR,
        "2014-XX-XX/2015",
        "from sometime in 2014 until 2015",
    ),
]

# --------------------------------------------------------------------------------------
# Phrases relative to an anchor: 2017-09-28, a Thursday.


def rel(text: str, *args: Any, **kwargs: Any) -> Any:
    kwargs.setdefault("kwargs", {"anchor": ANCHOR})
    return case(text, *args, **kwargs)


RELATIVE_CASES = [
    rel(
        "Wednesday",
        Extent,
        (2017, 9, 27),
        (2017, 9, 27),
        Precision.DAY,
        "2017-09-27",
        "Sep 27, 2017",
    ),
    rel(
        "last Wednesday",
        Extent,
        (2017, 9, 27),
        (2017, 9, 27),
        Precision.DAY,
        "2017-09-27",
        "Sep 27, 2017",
    ),
    # On or before the anchor; "last" is strictly before it.
    rel(
        "Thursday",
        Extent,
        (2017, 9, 28),
        (2017, 9, 28),
        Precision.DAY,
        "2017-09-28",
        "Sep 28, 2017",
    ),
    rel(
        "last Thursday",
        Extent,
        (2017, 9, 21),
        (2017, 9, 21),
        Precision.DAY,
        "2017-09-21",
        "Sep 21, 2017",
    ),
    rel(
        "the four days ending Wednesday",
        Period,
        (2017, 9, 24),
        (2017, 9, 27),
        Precision.DAY,
        "2017-09-24/2017-09-27",
        "Sep 24–27, 2017",
        days=4,
    ),
    rel(
        "a four-day operation that ended Wednesday",
        Period,
        (2017, 9, 24),
        (2017, 9, 27),
        Precision.DAY,
        "2017-09-24/2017-09-27",
        "Sep 24–27, 2017",
        days=4,
    ),
    rel(
        "this week",
        Extent,
        (2017, 9, 25),
        (2017, 10, 1),
        Precision.WEEK,
        "2017-W39",
        "week of Sep 25, 2017",
    ),
    rel(
        "last week",
        Extent,
        (2017, 9, 18),
        (2017, 9, 24),
        Precision.WEEK,
        "2017-W38",
        "week of Sep 18, 2017",
    ),
    rel(
        "this week",
        Extent,
        (2017, 9, 24),
        (2017, 9, 30),
        Precision.WEEK,
        "2017-W39[sunday]",
        "week of Sep 24, 2017",
        kwargs={"anchor": ANCHOR, "week_start": SUNDAY},
    ),
    rel(
        "this month",
        Extent,
        (2017, 9, 1),
        (2017, 9, 30),
        Precision.MONTH,
        "2017-09",
        "September 2017",
    ),
    rel(
        "last month", Extent, (2017, 8, 1), (2017, 8, 31), Precision.MONTH, "2017-08", "August 2017"
    ),
    rel("this year", Extent, (2017, 1, 1), (2017, 12, 31), Precision.YEAR, "2017", "2017"),
    rel("last year", Extent, (2016, 1, 1), (2016, 12, 31), Precision.YEAR, "2016", "2016"),
    rel(
        "this fiscal year", Extent, (2016, 10, 1), (2017, 9, 30), Precision.YEAR, "FY2017", "FY2017"
    ),
    rel(
        "last fiscal year", Extent, (2015, 10, 1), (2016, 9, 30), Precision.YEAR, "FY2016", "FY2016"
    ),
    rel(
        "this fiscal year",
        Extent,
        (2017, 4, 1),
        (2018, 3, 31),
        Precision.YEAR,
        "FY2017[uk-government]",
        "2017-18 (uk-government)",
        kwargs={"anchor": ANCHOR, **UK},
    ),
    rel(
        "3 days ago",
        Extent,
        (2017, 9, 25),
        (2017, 9, 25),
        Precision.DAY,
        "2017-09-25",
        "Sep 25, 2017",
    ),
    rel(
        "three days ago",
        Extent,
        (2017, 9, 25),
        (2017, 9, 25),
        Precision.DAY,
        "2017-09-25",
        "Sep 25, 2017",
    ),
    rel(
        "yesterday",
        Extent,
        (2017, 9, 27),
        (2017, 9, 27),
        Precision.DAY,
        "2017-09-27",
        "Sep 27, 2017",
    ),
    rel("today", Extent, (2017, 9, 28), (2017, 9, 28), Precision.DAY, "2017-09-28", "Sep 28, 2017"),
    rel(
        "since 2014",
        Period,
        (2014, 1, 1),
        None,
        Precision.DAY,
        "2014-XX-XX/[2017-09-28..]",
        "since sometime in 2014, still going on Sep 28, 2017",
        reads_back=False,
    ),
    # A vague anchor (an article published some day of that week): every reading.
    rel(
        "last month",
        Extent,
        (2018, 11, 1),
        (2018, 11, 30),
        Precision.MONTH,
        "2018-11",
        "November 2018",
        kwargs={"anchor": "2018-12-14/2018-12-20"},
    ),
    rel(
        "Wednesday",
        OneOf,
        (2018, 12, 12),
        (2018, 12, 19),
        Precision.DAY,
        "[2018-12-12,2018-12-19]",
        "one of Dec 12, 2018, Dec 19, 2018",
        reads_back=False,
        kwargs={"anchor": "2018-12-14/2018-12-20"},
    ),
    rel(
        "yesterday",
        Moment,
        (2018, 12, 13),
        (2018, 12, 19),
        Precision.DAY,
        "on(2018-12-13/2018-12-19)",
        "sometime in Dec 13–19, 2018",
        kwargs={"anchor": "2018-12-14/2018-12-20"},
    ),
]

ALL_CASES = EDTF_CASES + LEVEL2_CASES + EXTENSION_CASES + HUMAN_CASES + RELATIVE_CASES


@pytest.mark.parametrize("c", ALL_CASES)
def test_example(c: Case) -> None:
    value = parse(c.text, **c.kwargs)
    assert type(value) is c.kind
    assert value.earliest_day == rd(c.first)
    assert value.latest_day == rd(c.last)
    assert value.precision is c.precision
    assert value.qualifier is c.qualifier
    assert value.edtf == c.edtf
    assert str(value) == c.human
    if c.days is not None:
        assert value.days_covered().exact == c.days


@pytest.mark.parametrize("c", ALL_CASES)
def test_edtf_reads_back(c: Case) -> None:
    value = parse(c.text, **c.kwargs)
    assert parse(value.edtf) == value


@pytest.mark.parametrize("c", [p for p in ALL_CASES if p.values[0].reads_back])
def test_str_reads_back(c: Case) -> None:
    value = parse(c.text, **c.kwargs)
    kwargs = {k: v for k, v in c.kwargs.items() if k != "anchor"}
    assert parse(str(value), **kwargs) == value


# --------------------------------------------------------------------------------------
# Several spellings of one value.


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("fiscal year 2018", "FY2018"),
        ("the 2018 fiscal year", "FY2018"),
        ("FY 2018", "FY2018"),
        ("Q1 FY2018", "FY2018-Q1"),
        ("FY2018 Q1", "FY2018-Q1"),
        ("Q3 2017", "2017-35"),
        ("2017-Q3", "2017-35"),
        ("H1 2017", "2017-40"),
        ("first half of 2017", "2017-40"),
        ("spring 2017", "2017-21"),
        ("Spring of 2017", "2017-21"),
        ("fall 2017", "2017-23"),
        ("winter 2017", "2017-24"),
        ("Sept. 2017", "2017-09"),
        ("the 13th of February 2017", "2017-02-13"),
        ("Feb 13 2017", "2017-02-13"),
        ("February 1st, 2017", "2017-02-01"),
        ("February 2nd, 2017", "2017-02-02"),
        ("February 3rd, 2017", "2017-02-03"),
        ("February 11th, 2017", "2017-02-11"),
        ("February 22nd, 2017", "2017-02-22"),
        ("Sep 24 to 27, 2017", "2017-09-24/2017-09-27"),
        ("Sep 24 – 27, 2017", "2017-09-24/2017-09-27"),
        ("January 24 to April 30, 2016", "2016-01-24/2016-04-30"),
        ("between 2014 and 2016", "2014/2016"),
        ("2014 to 2016", "2014/2016"),
        ("2014–2016", "2014/2016"),
        ("c. 2004 – 2006", "2004~/2006"),
        ("ca. 2014", "2014~"),
        ("about 2014", "2014~"),
        ("c. FY2018", "FY2018~"),
        ("some time in January 2017", "2017-01-XX"),
        ("sometime in 2014", "2014-XX-XX"),
        ("2014 - present", "2014/.."),
        ("2017 CE", "2017"),
        ("1 BCE", "0000"),
        ("the 2010s", "2010s"),
        ("2017W06", "2017-W06"),
        ("  2017-02-13  ", "2017-02-13"),
        ("\t2017\n", "2017"),
        ("Feb  13,   2017", "2017-02-13"),
        ("FY2018-19", "FY2019"),
        ("FY 2018-19", "FY2019"),
        ("on(2017-01)", "2017-01-XX"),
        ("on(2017-02-13)", "2017-02-13"),
        ("Jun 11, 2004?", "2004-06-11?"),
        ("c. Jun 11, 2004?", "2004-06-11%"),
        ("sometime in June 2004?", "2004-06-XX?"),
        ("June 2004 – August 2006?", "2004-06/2006-08?"),
        ("c. 2014 – present", "2014~/.."),
        ("c. Jan 24, 2017 – c. Apr 30, 2017?", "2017-01-24~/2017-04-30%"),
    ],
)
def test_spellings(text: str, same_as: str) -> None:
    assert parse(text) == parse(same_as)


def test_sometime_in_is_on() -> None:
    month = parse("January 2017")
    assert parse("sometime in January 2017") == on(month) == Unspecified("2017-01-XX")


def test_circa_keeps_the_bounds() -> None:
    plain, circa = parse("2014"), parse("c. 2014")
    assert (circa.earliest_day, circa.latest_day) == (plain.earliest_day, plain.latest_day)
    assert circa.qualifier is APX
    assert circa != plain


def test_fast_path_values_equal_the_constructors() -> None:
    assert parse("2017-02-13") == Extent.day(2017, 2, 13)
    assert parse("2017-02") == Extent.month(2017, 2)
    assert parse("2017") == Extent.year(2017)
    assert parse("0000-01-01") == Extent.day(0, 1, 1)
    assert parse("0000") == Extent.year(0)


@pytest.mark.parametrize(
    ("value", "edtf"),
    [
        # Days, months, weeks and decades of years beyond four digits: this library
        # writes them with the Y prefix (EDTF keeps it for years alone) and reads them back.
        (Extent.day(12345, 6, 7), "Y12345-06-07"),
        (Extent.day(-463427, 7, 18), "Y-463427-07-18"),
        (Extent.month(99999, 3), "Y99999-03"),
        (Extent.season(12345, 21), "Y12345-21"),
        (Extent.iso_week(12345, 6), "Y12345-W06"),
        (Extent.decade(1234), "12340s"),
        (Extent.fiscal_quarter(12345, 2), "FYY12345-Q2"),
    ],
)
def test_long_years_with_smaller_units_read_back(value: Extent, edtf: str) -> None:
    assert value.edtf == edtf
    assert parse(edtf) == value


def test_component_qualifiers() -> None:
    assert parse("2004?-06-11") == Extent.day(2004, 6, 11).with_qualifiers(UNC, NONE, NONE)
    assert parse("2004-06~-11") == Extent.day(2004, 6, 11).with_qualifiers(APX, APX, NONE)
    assert parse("?2004-06-~11") == Extent.day(2004, 6, 11).with_qualifiers(UNC, NONE, APX)
    assert parse("2004-?06-11") == Extent.day(2004, 6, 11).with_qualifiers(NONE, UNC, NONE)
    # A qualifier at the end of the whole covers every component.
    assert parse("2004-06-11?") == Extent.day(2004, 6, 11).with_qualifiers(UNC)
    whole = parse("2004-06-11?")
    assert isinstance(whole, Extent)
    assert whole.qualifiers == (UNC,)


def test_interval_ends() -> None:
    assert parse("2014/..") == Period(Extent.year(2014), OPEN)
    assert parse("../2014") == Period(OPEN, Extent.year(2014))
    assert parse("2014/") == Period(Extent.year(2014), UNKNOWN)
    assert parse("/2014") == Period(UNKNOWN, Extent.year(2014))
    value = parse("2004-06~/2006-08")
    assert isinstance(value, Period)
    assert value.start == Extent.month(2004, 6).with_qualifiers(APX)
    assert value.end == Extent.month(2006, 8)


def test_interval_ends_may_be_sets_and_moments() -> None:
    # The interval's "/" is found before a leading "[" or "on(" is taken for the whole.
    start = OneOf((Range(Extent.day(2017, 3, 1), None),))
    assert parse("[2017-03-01..]/2018") == Period(start, Extent.year(2018))
    moments = timeline.period(Extent.iso_week(2017, 1), Extent.iso_week(2017, 5))
    assert moments.edtf == "on(2017-W01)/on(2017-W05)"
    assert parse("on(2017-W01)/on(2017-W05)") == moments
    assert parse("on(2017-01-24/2017-04-30)") == Moment(parse("2017-01-24/2017-04-30"))
    with pytest.raises(ParseError, match="not a date this library can read"):
        parse("on(2017-01) and on(2017-02)")


def test_sets() -> None:
    value = parse("[1667,1668,1670..1672]")
    assert value == OneOf(
        (
            Extent.year(1667),
            Extent.year(1668),
            Range(Extent.year(1670), Extent.year(1672)),
        )
    )
    assert parse("[..1760-12-03]") == OneOf((Range(None, Extent.day(1760, 12, 3)),))
    assert parse("[1760-12..]") == OneOf((Range(Extent.month(1760, 12), None),))
    assert parse("{1667,1668}") == AllOf((Extent.year(1667), Extent.year(1668)))


def test_on_fiscal_year_is_a_moment() -> None:
    value = parse("on(FY2018)")
    assert value == Moment(Extent.fiscal_year(2018))
    assert not value.is_definite


def test_fiscal_year_with_a_tag_and_with_the_fiscal_argument() -> None:
    nyc = FiscalCalendar.NEW_YORK_CITY
    assert parse("FY2018[new-york-city]") == Extent.fiscal_year(2018, nyc)
    assert parse("FY2018", fiscal=nyc) == Extent.fiscal_year(2018, nyc)
    assert parse("fiscal year 2018", fiscal=nyc) == Extent.fiscal_year(2018, nyc)
    assert parse("FY2018-Q1[new-york-city]") == Extent.fiscal_quarter(2018, 1, nyc)


def test_span_fiscal_years_leave_edtf_dates_alone() -> None:
    uk = FiscalCalendar.UK_GOVERNMENT
    # Text that is an EDTF date stays that date, whatever the fiscal calendar ...
    assert parse("2011-12", fiscal=uk) == Extent.month(2011, 12)
    assert parse("2020-21", fiscal=uk) == Extent.season(2020, 21)
    assert parse("2018-04-01", fiscal=uk) == Extent.day(2018, 4, 1)
    # ... and the FY prefix says that a fiscal year is meant.
    assert parse("FY2011-12", fiscal=uk) == Extent.fiscal_year(2011, uk)
    assert parse("FY2020-21", fiscal=uk) == Extent.fiscal_year(2020, uk)
    assert parse("FY2020", fiscal=uk) == Extent.fiscal_year(2020, uk)
    # Text that is no EDTF date (no month 19, no month 0) is the fiscal year.
    assert parse("2018-19", fiscal=uk) == Extent.fiscal_year(2018, uk)
    assert parse("1999-00", fiscal=uk) == Extent.fiscal_year(1999, uk)
    # UK tax years start on April 6.
    tax = parse("2018-19", fiscal=FiscalCalendar.UK_TAX)
    assert (tax.earliest_day, tax.latest_day) == (rd((2018, 4, 6)), rd((2019, 4, 5)))


# --------------------------------------------------------------------------------------
# Instants.


@pytest.mark.parametrize(
    ("text", "kwargs", "utc", "offset", "zone"),
    [
        ("2017-09-28T10:00:00Z", {}, utc_us(2017, 9, 28, 10), 0, ""),
        ("2017-09-28T10:00:00-04:00", {}, utc_us(2017, 9, 28, 14), -4 * 3600, ""),
        ("2017-09-28T10:00:00+05:30", {}, utc_us(2017, 9, 28, 4, 30), 5 * 3600 + 1800, ""),
        ("2017-09-28T10:00:00", {"tz": NY}, utc_us(2017, 9, 28, 14), -4 * 3600, NY),
        ("2017-11-05T01:30:00-04:00", {"tz": NY}, utc_us(2017, 11, 5, 5, 30), -4 * 3600, NY),
        ("2017-11-05T01:30:00-05:00", {"tz": NY}, utc_us(2017, 11, 5, 6, 30), -5 * 3600, NY),
        (f"2017-11-05T01:30:00-04:00[{NY}]", {}, utc_us(2017, 11, 5, 5, 30), -4 * 3600, NY),
        (f"2017-11-05T01:30:00-05:00[{NY}]", {}, utc_us(2017, 11, 5, 6, 30), -5 * 3600, NY),
    ],
)
def test_instants(text: str, kwargs: dict[str, Any], utc: int, offset: int, zone: str) -> None:
    value = parse(text, **kwargs)
    assert isinstance(value, Instant)
    assert (value.utc_us, value.offset, value.zone) == (utc, offset, zone)
    assert parse(value.edtf) == value


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        # The UTC time of these lies in year 10000 or year 0.
        (f"9999-12-31T23:30:00-05:00[{NY}]", utc_us(9999, 12, 31, 4, 30) + 86_400 * 1_000_000),
        ("0001-01-01T00:30:00+05:00[Etc/GMT-5]", utc_us(1, 1, 1, 19, 30) - 86_400 * 1_000_000),
    ],
)
def test_zoned_instants_whose_utc_time_leaves_years_1_to_9999(text: str, utc: int) -> None:
    value = parse(text)
    assert isinstance(value, Instant)
    assert value.utc_us == utc
    assert parse(value.edtf) == value


def test_zoned_instant_near_year_9999_still_checks_the_offset() -> None:
    with pytest.raises(ParseError, match="not the offset of America/New_York"):
        parse(f"9999-12-31T23:30:00-04:00[{NY}]")


def test_the_offset_settles_the_fold() -> None:
    first = parse("2017-11-05T01:30:00-04:00", tz=NY)
    second = parse("2017-11-05T01:30:00-05:00", tz=NY)
    assert isinstance(first, Instant)
    assert isinstance(second, Instant)
    assert second.utc_us - first.utc_us == 3600 * 1_000_000
    assert first == parse(f"2017-11-05T01:30:00-04:00[{NY}]")


# --------------------------------------------------------------------------------------
# Anchors.


@pytest.mark.parametrize(
    "anchor",
    [
        pytest.param(ANCHOR, id="text"),
        pytest.param("Sep 28, 2017", id="human-text"),
        pytest.param(dt.date(2017, 9, 28), id="date"),
        pytest.param(pendulum.date(2017, 9, 28), id="pendulum-date"),
        pytest.param(Extent.day(2017, 9, 28), id="value"),
        pytest.param(
            dt.datetime(2017, 9, 28, 23, 30, tzinfo=dt.timezone(-dt.timedelta(hours=4))),
            id="datetime-late-local",
        ),
        pytest.param(
            pendulum.datetime(2017, 9, 28, 0, 30, tz="Asia/Tokyo"),
            id="pendulum-datetime-early-local",
        ),
    ],
)
def test_anchor_kinds(anchor: Any) -> None:
    # An instant anchor is read on its local day, not its UTC day.
    assert parse("Wednesday", anchor=anchor) == Extent.day(2017, 9, 27)
    assert parse("yesterday", anchor=anchor) == Extent.day(2017, 9, 27)


def test_vague_anchor_agreeing_readings_stay_exact() -> None:
    week = "2018-12-14/2018-12-20"
    assert parse("last month", anchor=week) == Extent.month(2018, 11)
    assert parse("this year", anchor=week) == Extent.year(2018)
    assert parse("Wednesday", anchor=week) == OneOf(
        (Extent.day(2018, 12, 12), Extent.day(2018, 12, 19))
    )
    assert parse("this week", anchor=week) == OneOf(
        (Extent.iso_week(2018, 50), Extent.iso_week(2018, 51))
    )
    assert parse("yesterday", anchor=week) == on(
        Period(Extent.day(2018, 12, 13), Extent.day(2018, 12, 19))
    )
    assert parse("the four days ending Wednesday", anchor=week) == OneOf(
        (parse("2018-12-09/2018-12-12"), parse("2018-12-16/2018-12-19"))
    )


def test_vague_anchor_is_read_only_on_the_days_it_allows() -> None:
    # One of two days: not every day between them.
    assert parse("yesterday", anchor="[2018-12-14,2018-12-20]") == OneOf(
        (Extent.day(2018, 12, 13), Extent.day(2018, 12, 19))
    )
    # The 13th of some month of 2017: twelve readings, not a whole year of them.
    value = parse("yesterday", anchor="2017-XX-13")
    assert isinstance(value, OneOf)
    assert value.items == tuple(Extent.day(2017, m, 12) for m in range(1, 13))


def test_since_with_an_anchor() -> None:
    value = parse("since 2014", anchor=ANCHOR)
    assert isinstance(value, Period)
    assert value.earliest == pendulum.date(2014, 1, 1)
    assert value.latest is None
    assert value.start == on(Extent.year(2014)) == Unspecified("2014-XX-XX")
    # It ends some day on or after the anchor.
    assert value.end == OneOf((Range(Extent.day(2017, 9, 28), None),))
    assert value.days_covered().most is None


def test_since_without_an_anchor_is_open() -> None:
    assert parse("since 2014") == Period(Unspecified("2014-XX-XX"), OPEN)


def test_since_with_a_vague_anchor_starts_from_its_first_possible_day() -> None:
    value = parse("since 2017", anchor="2016-12-15/2017-01-03")
    assert isinstance(value, Period)
    # The anchor day cannot be before 2017 began, so it is Jan 1 at the earliest.
    assert value.end == OneOf((Range(Extent.day(2017, 1, 1), None),))


def test_numbers_in_relative_phrases() -> None:
    assert parse("twenty days ago", anchor=ANCHOR) == Extent.day(2017, 9, 8)
    assert parse("a week ago", anchor=ANCHOR) == Extent.iso_week(2017, 38)
    assert parse("3 months ago", anchor="2017-01-15") == Extent.month(2016, 10)
    assert parse("one year ago", anchor=ANCHOR) == Extent.year(2016)
    assert parse("the 4 days ending Wednesday", anchor=ANCHOR) == parse("2017-09-24/2017-09-27")


RELATIVE_PHRASES = [
    "Wednesday",
    "last Wednesday",
    "the four days ending Wednesday",
    "a four-day operation that ended Wednesday",
    "this week",
    "last week",
    "this month",
    "last month",
    "this year",
    "last year",
    "this fiscal year",
    "last fiscal year",
    "3 days ago",
    "three days ago",
    "yesterday",
    "today",
]


@pytest.mark.parametrize("text", RELATIVE_PHRASES)
def test_relative_phrases_need_an_anchor(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(text)
    assert info.value.text == text
    assert "relative" in info.value.reason
    assert "anchor" in info.value.reason


@pytest.mark.parametrize("text", ["week", "month", "year", "fiscal year"])
def test_a_bare_unit_is_not_a_relative_phrase(text: str) -> None:
    with pytest.raises(ParseError, match="not a date this library can read"):
        parse(text, anchor=ANCHOR)


# --------------------------------------------------------------------------------------
# Refusals: a ParseError that quotes the input and says why.


@pytest.mark.parametrize(
    ("text", "kwargs", "because"),
    [
        ("2017-02-29", {}, "February has 28 days in 2017"),
        ("2018-02-30", {}, "February has 28 days in 2018"),
        ("2017-04-31", {}, "April has 30 days"),
        ("2017-13-01", {}, "month must be 1–12"),
        ("2017-13-01", {}, "not 13"),
        ("2017-00", {}, "not 0"),
        ("2017-42", {}, "not 42"),
        ("2021-W53", {}, "no ISO week 53"),
        ("2017-W06[funday]", {}, "unknown weekday"),
        ("FY20x8", {}, "not a fiscal year"),
        ("FY18", {}, "not a fiscal year"),
        ("FY2018-Q5", {}, "Q1, Q2, Q3 or Q4"),
        ("FY2018[nowhere]", {}, "unknown fiscal calendar 'nowhere'"),
        ("2017-02-13/2017-02-10", {}, "the end comes before the start"),
        ("2014 – 2013", {}, "the end comes before the start"),
        ("../..", {}, "a date at one end"),
        ("/", {}, "a date at one end"),
        ("2017-02-13T10:00:00Z/2017-02-14", {}, "not a date-time"),
        ("", {}, "empty"),
        ("   ", {}, "empty"),
        ("\t\n", {}, "empty"),
        ("02/13/2017", {}, "ambiguous"),
        ("13/02/2017", {}, "ambiguous"),
        ("13.02.2017", {}, "ambiguous"),
        ("2017-2-3", {}, "two digits"),
        ("2017-02-3", {}, "two digits"),
        ("2017-０２-13", {}, "0–9"),
        ("２０１７", {}, "0–9"),
        ("2017-09-28T10:00:00", {}, "naive"),
        ("2017-09-28T25:00:00Z", {}, "not a valid time of day"),
        ("2017-09-28T10:00:00+24:00", {}, "not a valid offset"),
        ("2017-03-12T02:30:00", {"tz": NY}, "02:30 on 2017-03-12 does not exist in"),
        ("2017-11-05T01:30:00", {"tz": NY}, "01:30 on 2017-11-05 is ambiguous in"),
        ("2017-11-05T01:30:00-06:00", {"tz": NY}, "-06:00 is not the offset of America/New_York"),
        (f"2017-11-05T01:30:00-06:00[{NY}]", {}, "is not the offset of America/New_York"),
        ("2017-09-28T10:00:00Z", {"tz": NY}, "is not the offset of America/New_York"),
        ("2017-09-28T10:00:00", {"tz": "Mars/Olympus"}, "unknown time zone"),
        ("10000-01-01", {}, "Y prefix"),
        ("10000", {}, "Y prefix"),
        ("Y9999", {}, "Y prefix"),
        ("Y9999-01-01", {}, "Y prefix"),
        ("0000210s", {}, "not a date this library can read"),
        ("Y12345-02-29", {}, "February has 28 days in 12345"),
        ("Y1000000000", {}, "not supported"),
        ("-0000", {}, "year 0 has no sign"),
        ("0 BCE", {}, "no year 0 BCE"),
        ("Feb 30, 2017", {}, "February has 28 days in 2017"),
        ("Feb 13st, 2017", {}, "write 13th"),
        ("February 2th, 2017", {}, "write 2nd"),
        ("Feb 13, 17", {}, "not a date this library can read"),  # no guessing the century
        ("Smarch 13, 2017", {}, "not a date this library can read"),
        ("c. Sep 24–27, 2017", {}, "'c.' applies to a single date"),
        ("Sep 24–27, 2017?", {}, "'?' after a date applies to a single date"),
        ("c. Feb 30, 2017", {}, "February has 28 days in 2017"),
        ("Wednesday?", {}, "'Wednesday' is relative: pass anchor="),
        ("about three days ago", {}, "'three days ago' is relative: pass anchor="),
        ("Wednesday to Friday", {}, "'Wednesday' is relative: pass anchor="),
        ("winter 2017-19", {}, "ends in 2018"),
        ("spring 2017-18", {}, "lies within 2017"),
        ("2018-19", {}, "pass fiscal="),
        ("[1667-01..1668]", {}, "same unit"),
        ("[1667,{1668}]", {}, "nested"),
        ("on(2017-09-28T10:00:00Z)", {}, "takes a date"),
        ("since 2018", {"anchor": "2017-12-15"}, "begins after the anchor"),
        ("yesterday", {"anchor": "2014/.."}, "unbounded"),
        ("yesterday", {"anchor": "2014/2016"}, "too vague"),
        ("yesterday", {"anchor": "Smarch"}, "anchor:"),
        ("yesterday", {"anchor": "today"}, "anchor:"),
        ("a weeks ago", {"anchor": ANCHOR}, "one week"),
        ("first full week of May 2017", {"week_start": 7}, "week_start"),
        ("2017-W06", {"fiscal": "uk"}, "fiscal must be a FiscalCalendar"),
    ],
)
def test_refusals(text: str, kwargs: dict[str, Any], because: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(text, **kwargs)
    error = info.value
    assert error.text == text
    assert because in error.reason
    assert str(error) == f"{text!r}: {error.reason}"


def test_parse_error_is_a_timeline_error_and_a_value_error() -> None:
    assert issubclass(ParseError, TimelineError)
    assert issubclass(ParseError, ValueError)
    with pytest.raises(ValueError):
        parse("2017-02-29")
    with pytest.raises(TimelineError):
        parse("2017-02-29")


@pytest.mark.parametrize("bad", [None, 20170213, 2017.0, b"2017-02-13", dt.date(2017, 2, 13)])
def test_non_text_is_refused(bad: Any) -> None:
    with pytest.raises(ParseError, match="expected text") as info:
        parse(bad)
    assert type(bad).__name__ in info.value.reason


def test_no_day_month_swap() -> None:
    # 13 cannot be a month, but the library does not conclude that it is the day.
    with pytest.raises(ParseError, match="ambiguous"):
        parse("13/02/2017")


# --------------------------------------------------------------------------------------
# as_value: where dates enter the library.


def test_as_value() -> None:
    assert as_value(dt.date(2017, 2, 13)) == Extent.day(2017, 2, 13)
    assert as_value(pendulum.date(2017, 2, 13)) == Extent.day(2017, 2, 13)
    assert as_value("Feb 13, 2017") == Extent.day(2017, 2, 13)
    day = Extent.day(2017, 2, 13)
    assert as_value(day) is day
    instant = as_value(dt.datetime(2017, 9, 28, 10, tzinfo=dt.UTC))
    assert instant == parse("2017-09-28T10:00:00Z")
    with pytest.raises(ParseError, match="no zone or offset"):
        as_value(dt.datetime(2017, 9, 28, 10))
    with pytest.raises(ParseError, match="type int"):
        as_value(5)  # type: ignore[arg-type]


def test_the_package_exports_parse() -> None:
    assert timeline.parse is parse


# --------------------------------------------------------------------------------------
# str() forms of the rarer units read back.


@pytest.mark.parametrize("text", ["FY2018[new-york-city]", "FY2018-Q1[japan]"])
def test_str_of_other_fiscal_calendars_reads_back(text: str) -> None:
    value = parse(text)
    assert parse(str(value)) == value


def test_str_of_northern_seasons_reads_back() -> None:
    value = parse("2017-25")
    assert parse(str(value)) == value


def test_str_of_quadrimesters_reads_back() -> None:
    value = parse("2017-37")
    assert parse(str(value)) == value


def test_edtf_of_early_decades_reads_back() -> None:
    value = parse("0990s")
    assert value.edtf == "0990s"
    assert parse(value.edtf) == value


class TestFiscalYearOf:
    def test_takes_dates_ordinals_and_day_values(self) -> None:
        fy2017 = timeline.fiscal_year(2017)
        for day in (
            dt.date(2017, 9, 30),
            dt.date(2017, 9, 30).toordinal(),
            timeline.parse("2017-09-30"),
            timeline.parse("2017-09-30").earliest,
        ):
            assert timeline.fiscal_year_of(day) == fy2017
        assert timeline.fiscal_year_of(timeline.parse("2017-10-01")) == timeline.fiscal_year(2018)

    @pytest.mark.parametrize("bad", ["2017-09-30", None, True, 1.5, "month"])
    def test_anything_else_is_a_constraint_error(self, bad: object) -> None:
        value = timeline.parse("2017-09") if bad == "month" else bad
        with pytest.raises(timeline.ConstraintError):
            timeline.fiscal_year_of(value)  # type: ignore[arg-type]


class TestPlainDayFastPath:
    """Plain ISO days are built through a draft that becomes an Extent: nothing of it shows."""

    DAYS = ("2017-02-13", "2016-02-29", "0001-01-01", "9999-12-31", "1900-03-01")

    @pytest.mark.parametrize("text", DAYS)
    def test_the_value_is_the_one_the_constructor_builds(self, text: str) -> None:
        value = parse(text)
        year, month, day = map(int, text.split("-"))
        built = Extent.day(year, month, day)
        assert type(value) is Extent
        assert attrs.astuple(value, recurse=False) == attrs.astuple(built, recurse=False)
        assert value == built
        assert hash(value) == hash(built)
        assert repr(value) == repr(built)
        assert pickle.loads(pickle.dumps(value)) == built

    def test_the_value_is_frozen(self) -> None:
        value = parse("2017-02-13")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            value.first = 0  # type: ignore[misc]
        assert not hasattr(value, "__dict__")
        assert value.first == value.last == dt.date(2017, 2, 13).toordinal()

    def test_the_fast_and_the_slow_path_give_equal_values(self) -> None:
        assert parse("2017-02-13") == parse(" 2017-02-13 ") == parse("Feb 13, 2017")

    def test_other_ten_character_iso_forms_are_not_days(self) -> None:
        assert dt.date.fromisoformat("2017-W06-1") == dt.date(2017, 2, 6)  # the C reader takes it
        with pytest.raises(ParseError, match="not a date this library can read"):
            parse("2017-W06-1")  # an ISO week date: not a form of this library

    def test_bad_days_take_the_slow_path_and_say_why(self) -> None:
        with pytest.raises(ParseError, match="February has 28 days in 2017"):
            parse("2017-02-29")
        with pytest.raises(ParseError):
            parse("2017-0a-01")
