"""Group a timeline by fiscal year, under any fiscal calendar.

    python examples/fiscal_years.py [events.yaml]

An event whose dates straddle a fiscal-year boundary is listed as *possible*
in every year it may fall in, never silently assigned to one.
"""

from __future__ import annotations

import sys

import timeline


def main(argv: list[str]) -> int:
    # The events certainly between 2016 and 2018, grouped by two fiscal calendars.
    t = timeline.load(argv[0]) if argv else timeline.sample()
    t = t.between("2016", "2018", certain=True)
    for calendar in (timeline.FiscalCalendar.US_FEDERAL, timeline.FiscalCalendar.NEW_YORK_CITY):
        print(f"Fiscal years of {calendar.name}:")
        for label, group in t.group_by("fiscal-year", calendar=calendar).items():
            maybe = len(group.uncertain)
            print(f"  {label!s:<28} {len(group.certain):>3} certain, {maybe:>3} possible")
        print()
    day = timeline.parse("2017-09-27")
    print(f"{day} is in {timeline.fiscal_year_of(day)} (US federal)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
