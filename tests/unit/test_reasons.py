"""Reasons demanded for a decision given without them (LEGAL.md, "Deadlines", "asking for
reasons"): only such a decision can be followed by a demand (fvl § 24 second paragraph); a
demand made inside the appeal deadline interrupts it, and a new full period runs from the day
the reasons reach the person (fvl § 29 third paragraph), moved past a day off (dl § 149).
Asking to have a reasoned decision explained stops nothing."""

from datetime import date, timedelta

from hypothesis import given, strategies as st

from portal.rules import case_status as cs
from portal.rules.case_status import Event
from portal.rules.deadlines import add_weeks, is_working_day
from portal.rules.services import SERVICES

SENT = date(2026, 11, 2)
WITHOUT_REASONS = {
    "outcome": "granted",
    "decided_on": "2026-11-20",
    "notified_on": "2026-11-23",
    "summary": "Du får støttekontakt fire timer i uka.",
    "with_reasons": False,
}


def deadlines(summary):
    return {d.kind: d for d in summary.deadlines}


def fold(service, *events):
    return cs.summarise(service, SENT, [Event("decision", date(2026, 11, 20), WITHOUT_REASONS), *events])


def test_fvl_29_third_paragraph_a_demand_in_time_interrupts_the_appeal_deadline():
    """While the reasons are awaited, no appeal deadline runs; the year of fvl § 31 still does."""
    before = fold("stottekontakt")
    assert deadlines(before)["appeal"].due == date(2026, 12, 21)  # four weeks, pbrl § 7-5
    waiting = fold("stottekontakt", Event("reasons_requested", date(2026, 12, 1), {"requested_on": "2026-12-01"}))
    assert waiting.appeal_deadline_interrupted and waiting.reasons_requested_on == date(2026, 12, 1)
    assert "appeal" not in deadlines(waiting) and "late_appeal" in deadlines(waiting)
    assert cs.appeal_deadline_of("stottekontakt", waiting) is None


def test_fvl_29_third_paragraph_a_new_full_period_runs_from_the_day_the_reasons_arrive():
    """Reasons that reached the person on Thursday 10 December 2026: four new weeks for
    støttekontakt (to Thursday 7 January 2027), three for ledsagerbevis (to 31 December, New
    Year's Eve being a working day)."""
    events = (
        Event("reasons_requested", date(2026, 12, 1), {"requested_on": "2026-12-01"}),
        Event("reasons_given", date(2026, 12, 10), {"notified_on": "2026-12-10"}),
    )
    case = fold("stottekontakt", *events)
    appeal = deadlines(case)["appeal"]
    assert not case.appeal_deadline_interrupted and case.reasons_given_on == date(2026, 12, 10)
    assert appeal.due == date(2027, 1, 7) and appeal.basis.citation == "fvl § 29 tredje ledd"
    assert deadlines(fold("ledsagerbevis", *events))["appeal"].due == date(2026, 12, 31)


def test_fvl_29_third_paragraph_and_dl_149_the_new_period_moves_past_christmas():
    """Reasons on Friday 27 November 2026: four weeks end on Christmas Day, then Boxing Day
    (a Saturday) and a Sunday, so Monday 28 December is the last day."""
    case = fold(
        "bpa",
        Event("reasons_requested", date(2026, 11, 24), {"requested_on": "2026-11-24"}),
        Event("reasons_given", date(2026, 11, 27), {"notified_on": "2026-11-27"}),
    )
    assert deadlines(case)["appeal"].due == date(2026, 12, 28)


def test_fvl_24_second_paragraph_asking_about_a_reasoned_decision_changes_no_deadline():
    """A decision given with reasons: a "demand" for reasons in its history (refused at the
    door by portal.rules.case_checks) neither stops nor restarts the appeal deadline."""
    reasoned = {**WITHOUT_REASONS, "with_reasons": True}
    case = cs.summarise(
        "stottekontakt",
        SENT,
        [
            Event("decision", date(2026, 11, 20), reasoned),
            Event("reasons_requested", date(2026, 12, 1), {"requested_on": "2026-12-01"}),
            Event("reasons_given", date(2026, 12, 10), {"notified_on": "2026-12-10"}),
        ],
    )
    assert case.reasons_requested_on is None and case.reasons_given_on is None
    assert deadlines(case)["appeal"].due == date(2026, 12, 21)


def test_fvl_33_a_new_decision_starts_afresh_without_the_old_demand():
    case = fold(
        "stottekontakt",
        Event("reasons_requested", date(2026, 12, 1), {"requested_on": "2026-12-01"}),
        Event("decision", date(2026, 12, 2), {**WITHOUT_REASONS, "decided_on": "2026-12-02", "notified_on": None}),
    )
    assert case.reasons_requested_on is None and not case.appeal_deadline_interrupted


def test_a_decision_is_given_with_reasons_unless_the_event_says_otherwise():
    """fvl § 24 first paragraph: reasons at the same time is the rule; the default is not
    stored, so a decision sent with and without "with_reasons": true is the same event."""
    clean, problems = cs.check_event("decision", {**WITHOUT_REASONS, "with_reasons": True})
    assert problems == {} and "with_reasons" not in clean
    assert cs.decision_of(clean, date(2026, 11, 20)).with_reasons
    clean, _ = cs.check_event("decision", WITHOUT_REASONS)
    assert clean["with_reasons"] is False and not cs.decision_of(clean, date(2026, 11, 20)).with_reasons
    assert cs.check_event("decision", {**WITHOUT_REASONS, "with_reasons": "false"})[1] == {"with_reasons": "not_bool"}
    assert cs.check_event("reasons_requested", {})[1] == {"requested_on": "missing"}
    assert cs.check_event("reasons_given", {"notified_on": "10.12.2026"})[1] == {"notified_on": "not_date"}


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 1)), st.sampled_from(sorted(SERVICES)))
def test_property_fvl_29_third_paragraph_the_new_period_is_full_and_ends_on_a_working_day(given_on, service):
    """However late the reasons come, the new period is the service's full one (three or four
    weeks), ending on a working day no more than a long Easter later (dl §§ 148, 149)."""
    weeks = SERVICES[service].appeal_weeks
    requested = given_on - timedelta(days=1)
    case = cs.summarise(
        service,
        date(1999, 12, 1),
        [
            Event("decision", date(1999, 12, 1), {**WITHOUT_REASONS, "decided_on": "1999-12-01", "notified_on": None}),
            Event("reasons_requested", requested, {"requested_on": requested.isoformat()}),
            Event("reasons_given", given_on, {"notified_on": given_on.isoformat()}),
        ],
    )
    due = deadlines(case)["appeal"].due
    assert is_working_day(due) and add_weeks(given_on, weeks) <= due <= add_weeks(given_on, weeks) + timedelta(days=5)
