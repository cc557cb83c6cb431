"""A case's deadlines as a calendar file (.ics) to put in one's own calendar.

Each deadline is an all-day event named by what it is and the case's reference: no names
and nothing about health, since calendars are often shared.
"""

from __future__ import annotations

from datetime import timedelta

from flask import request

from ..labels import DEADLINES
from ..models import Case
from ..rules import clock
from ..rules.case_status import Summary


def deadlines_calendar(case: Case, summary: Summary) -> bytes:
    # Lazy: icalendar adds some 3 MB to every worker, for a file few people ask for.
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//stottekontakt-portal//deadlines//NO")
    calendar.add("version", "2.0")
    stamp = clock.now()

    for deadline in (d for d in summary.deadlines if d.due >= clock.today()):
        event = Event()
        event.add("uid", f"{case.reference}-{deadline.kind}@{request.host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + timedelta(days=1))
        event.add("summary", f"{DEADLINES[deadline.kind]} ({case.reference})")
        if deadline.basis is not None:  # the day to apply again by is advice, set by no law
            event.add("description", f"{deadline.basis.full_citation}: {deadline.basis.url}")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
