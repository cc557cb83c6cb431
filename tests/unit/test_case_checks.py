"""Dates that cannot be wrong (DESIGN.md, "Intake API": every date an event or receipt names
is checked), a demand for reasons only where fvl § 24 second paragraph gives one and inside
the appeal deadline (fvl § 29 third paragraph), and the right to BPA (pbrl § 2-1 d) only in a
BPA case that grants it."""

from datetime import date, timedelta

from hypothesis import given, strategies as st

from portal.rules import case_checks as checks, case_status as cs
from portal.rules.case_checks import CaseFacts, Problem
from portal.rules.case_status import Event

TODAY = date(2026, 11, 30)
SENT = date(2026, 11, 10)
DECISION = {
    "outcome": "granted",
    "decided_on": "2026-11-20",
    "notified_on": "2026-11-23",
    "summary": "Du får støttekontakt.",
}


def facts(events=(), service="stottekontakt", channel="online", submitted_on=SENT) -> CaseFacts:
    return CaseFacts(service, channel, submitted_on, cs.summarise(service, submitted_on, list(events)))


def problems(kind, data, case=None, today=TODAY):
    clean, codes = cs.check_event(kind, data)
    assert codes == {}, codes
    return checks.event_problems(kind, clean, case or facts(), today)


DECIDED = [Event("decision", date(2026, 11, 20), DECISION)]
WITHOUT_REASONS = [Event("decision", date(2026, 11, 20), {**DECISION, "with_reasons": False})]


def test_nothing_done_is_dated_in_the_future_but_a_day_of_clock_skew_is_allowed():
    """A decision, its notice, an appeal received or sent on: each is done on a day that has
    come (the other system's clock may be a day ahead)."""
    tomorrow, after = (TODAY + timedelta(days=1)).isoformat(), (TODAY + timedelta(days=2)).isoformat()
    assert problems("decision", {**DECISION, "decided_on": tomorrow, "notified_on": tomorrow}) == {}
    assert problems("decision", {**DECISION, "decided_on": after, "notified_on": None}) == {
        "decided_on": Problem("in_future", TODAY)
    }
    assert problems("decision", {**DECISION, "notified_on": after}) == {"notified_on": Problem("in_future", TODAY)}
    for kind, name in (("appeal_forwarded", "forwarded_on"), ("appeal_received", "received_on")):
        assert problems(kind, {name: "2027-11-30"}, facts(DECIDED)) == {name: Problem("in_future", TODAY)}


def test_a_receipt_dated_next_year_or_in_year_1_is_refused():
    """A receipt in year 1 made the reply deadline vanish (fvl § 11 a counts from receipt)."""
    assert checks.receipt_problems(date(2027, 11, 30), "paper", SENT, TODAY) == {
        "received_on": Problem("in_future", TODAY)
    }
    assert checks.receipt_problems(date(1, 1, 1), "paper", SENT, TODAY) == {
        "received_on": Problem("too_early", date(2025, 11, 10))
    }
    assert problems("received", {"received_on": "0001-01-01"}, facts(channel="paper")) == {
        "received_on": Problem("too_early", date(2025, 11, 10))
    }


def test_an_online_application_is_not_received_before_it_was_sent_a_paper_one_up_to_a_year_before():
    """A paper or phone application may be registered in the portal after it came in."""
    assert checks.receipt_problems(date(2026, 11, 9), "online", SENT, TODAY) == {
        "received_on": Problem("before_sent", SENT)
    }
    assert checks.receipt_problems(SENT, "online", SENT, TODAY) == {}
    for channel in ("paper", "phone"):
        assert checks.receipt_problems(date(2025, 11, 10), channel, SENT, TODAY) == {}
        assert checks.receipt_problems(date(2025, 11, 9), channel, SENT, TODAY) != {}


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), st.sampled_from(["online", "paper", "phone"]))
def test_property_a_receipt_is_taken_exactly_from_the_earliest_day_to_tomorrow(received_on, channel):
    """fvl § 11 a counts from receipt: any day outside the window is refused, any inside taken."""
    earliest = checks.earliest_receipt(channel, SENT)
    taken = checks.receipt_problems(received_on, channel, SENT, TODAY) == {}
    assert taken == (earliest <= received_on <= TODAY + timedelta(days=1))


def test_a_decision_is_not_dated_before_the_application_was_received():
    """A decision answers the application, so it comes after it. Received is the earliest day known: the day it was sent, or an earlier paper receipt."""
    early = {**DECISION, "decided_on": "2026-11-09", "notified_on": None}
    assert problems("decision", early) == {"decided_on": Problem("before_received", SENT)}
    paper = facts([Event("received", SENT, {"received_on": "2026-11-02"})], channel="paper")
    assert problems("decision", early, paper) == {}
    assert problems("decision", {**DECISION, "notified_on": "2026-11-19"}) == {
        "notified_on": Problem("before_decision", date(2026, 11, 20))
    }


def test_an_appeal_is_neither_received_before_the_decision_nor_decided_before_it_was_received():
    """An appeal is of a decision already made (fvl § 28), and is decided after it came in."""
    appealed = [*DECIDED, Event("appeal_received", date(2026, 11, 25), {"received_on": "2026-11-25"})]
    assert problems("appeal_received", {"received_on": "2026-11-19"}, facts(DECIDED)) == {
        "received_on": Problem("before_decision", date(2026, 11, 20))
    }
    assert problems("appeal_decided", {"outcome": "allowed", "decided_on": "2026-11-24"}, facts(appealed)) == {
        "decided_on": Problem("before_appeal", date(2026, 11, 25))
    }
    assert problems("appeal_forwarded", {"forwarded_on": "2026-11-24"}, facts(appealed)) == {
        "forwarded_on": Problem("before_appeal", date(2026, 11, 25))
    }
    forwarded = [*appealed, Event("appeal_forwarded", date(2026, 11, 27), {"forwarded_on": "2026-11-27"})]
    assert problems("appeal_decided", {"outcome": "allowed", "decided_on": "2026-11-26"}, facts(forwarded)) == {
        "decided_on": Problem("before_forwarded", date(2026, 11, 27))
    }
    assert problems("appeal_decided", {"outcome": "allowed", "decided_on": "2026-11-27"}, facts(forwarded)) == {}


def test_fvl_11_a_an_answer_is_not_promised_for_1999_nor_years_ahead():
    reply = {"reason": "Mange saker."}
    assert problems("preliminary_reply", {**reply, "expected_by": "1999-01-15"}) == {
        "expected_by": Problem("before_received", SENT)
    }
    assert problems("preliminary_reply", {**reply, "expected_by": "2028-12-01"}) == {
        "expected_by": Problem("too_far", date(2028, 11, 30))
    }
    assert problems("preliminary_reply", {**reply, "expected_by": "2027-01-15"}) == {}


def test_fvl_24_second_paragraph_reasons_are_demanded_only_after_a_decision_without_them():
    requested = {"requested_on": "2026-11-25"}
    assert problems("reasons_requested", requested) == {"type": Problem("no_decision_without_reasons")}
    assert problems("reasons_requested", requested, facts(DECIDED)) == {"type": Problem("no_decision_without_reasons")}
    assert problems("reasons_requested", requested, facts(WITHOUT_REASONS)) == {}
    asked = [*WITHOUT_REASONS, Event("reasons_requested", date(2026, 11, 25), requested)]
    assert problems("reasons_requested", requested, facts(asked)) == {
        "type": Problem("already_requested", date(2026, 11, 25))
    }
    assert problems("reasons_requested", {"requested_on": "2026-11-19"}, facts(WITHOUT_REASONS)) == {
        "requested_on": Problem("before_decision", date(2026, 11, 20))
    }


def test_fvl_29_third_paragraph_only_a_demand_inside_the_appeal_deadline_interrupts_it():
    """Notified Monday 23 November 2026: four weeks to Monday 21 December, that day included."""
    late_day = date(2027, 1, 4)
    without = facts(WITHOUT_REASONS)
    assert problems("reasons_requested", {"requested_on": "2026-12-21"}, without, late_day) == {}
    assert problems("reasons_requested", {"requested_on": "2026-12-22"}, without, late_day) == {
        "requested_on": Problem("after_deadline", date(2026, 12, 21))
    }
    # Not known when the decision reached the person: no deadline is known to have run out.
    unknown = facts([Event("decision", date(2026, 11, 20), {**DECISION, "with_reasons": False, "notified_on": None})])
    assert problems("reasons_requested", {"requested_on": "2026-12-22"}, unknown, late_day) == {}


def test_fvl_29_third_paragraph_reasons_are_given_after_they_were_demanded():
    given_on = {"notified_on": "2026-11-27"}
    assert problems("reasons_given", given_on, facts(WITHOUT_REASONS)) == {"type": Problem("not_requested")}
    asked = facts([*WITHOUT_REASONS, Event("reasons_requested", date(2026, 11, 25), {"requested_on": "2026-11-25"})])
    assert problems("reasons_given", given_on, asked) == {}
    assert problems("reasons_given", {"notified_on": "2026-11-24"}, asked) == {
        "notified_on": Problem("before_request", date(2026, 11, 25))
    }


def test_pbrl_2_1_d_the_right_to_bpa_assessed_in_a_bpa_case_only_granted_or_refused():
    """fvl § 25: a decision that refuses BPA under the right names the right too."""
    right = {**DECISION, "bpa_right": True}
    assert problems("decision", right, facts(service="bpa")) == {}
    assert problems("decision", right) == {"bpa_right": Problem("not_bpa")}
    assert problems("decision", {**right, "outcome": "refused"}, facts(service="bpa")) == {}


def test_the_caseworker_is_offered_the_reasons_events_only_where_they_can_be_recorded():
    def offered(events):
        return set(checks.offered(facts(events).summary))

    assert not {"reasons_requested", "reasons_given"} & offered(DECIDED)
    assert "reasons_requested" in offered(WITHOUT_REASONS) and "reasons_given" not in offered(WITHOUT_REASONS)
    asked = [*WITHOUT_REASONS, Event("reasons_requested", date(2026, 11, 25), {"requested_on": "2026-11-25"})]
    assert "reasons_given" in offered(asked) and "reasons_requested" not in offered(asked)
