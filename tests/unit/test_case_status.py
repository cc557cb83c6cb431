"""A case's status comes from its events, never from an edit; its deadlines follow from
them: fvl § 11 a (answer or preliminary reply in a month), pbrl § 7-5 and fvl § 29 (appeal),
fvl § 31 (late appeal), and the decision's own end date."""

from datetime import date

from hypothesis import given, strategies as st

from portal.rules import case_status as cs
from portal.rules.case_status import Event
from portal.rules.deadlines import is_working_day

SENT = date(2026, 11, 2)
DECISION = {
    "outcome": "granted",
    "decided_on": "2026-11-20",
    "notified_on": "2026-11-23",
    "hours": 4,
    "per": "week",
    "form": "individual",
    "valid_from": "2027-01-01",
    "valid_to": "2027-12-31",
    "summary": "Du har rett til støttekontakt.",
}


def kinds(summary):
    return {d.kind: d for d in summary.deadlines}


def test_a_new_case_is_submitted_and_the_answer_is_due_in_a_month():
    """fvl § 11 a: an answer, or a preliminary reply, one month after receipt."""
    case = cs.summarise("stottekontakt", SENT, [])
    assert case.status == cs.SUBMITTED
    assert kinds(case)["reply"].due == date(2026, 12, 2) and kinds(case)["reply"].basis.citation == "fvl § 11 a"


def test_fvl_11_a_the_month_counts_from_receipt_the_earliest_known_day():
    """An online application is received when it is sent, whenever it is registered; a paper
    one when the letter arrived, whenever it was registered in the portal."""
    online = cs.summarise(
        "bpa", SENT, [Event("received", date(2026, 11, 5), {"case_number": "26/1234", "received_on": "2026-11-05"})]
    )
    assert online.status == cs.RECEIVED and online.case_number == "26/1234"
    assert kinds(online)["reply"].due == date(2026, 12, 2)
    paper = cs.summarise(
        "bpa", date(2026, 11, 10), [Event("received", date(2026, 11, 10), {"received_on": "2026-11-05"})]
    )
    assert kinds(paper)["reply"].due == date(2026, 12, 7)  # 5 December is a Saturday


def test_events_fold_in_the_order_recorded_not_the_day_they_name():
    """A decision dated 30 November, recorded after a preliminary reply of 1 December, is the latest news."""
    case = cs.summarise(
        "stottekontakt",
        SENT,
        [
            Event("preliminary_reply", date(2026, 12, 1), {"reason": "Mange saker."}),
            Event(
                "decision", date(2026, 11, 30), {**DECISION, "decided_on": "2026-11-30", "notified_on": "2026-12-02"}
            ),
        ],
    )
    assert case.status == cs.DECIDED


def test_a_preliminary_reply_or_assessment_during_an_appeal_keeps_the_appeal_waiting():
    base = [Event("decision", date(2026, 11, 20), DECISION), Event("appeal_received", date(2026, 12, 1), {})]
    for extra in (
        [Event("preliminary_reply", date(2026, 12, 20), {"reason": "Mange klager."})],
        [
            Event("assessment_started", date(2026, 12, 2), {}),
            Event("preliminary_reply", date(2026, 12, 20), {"reason": "Mange klager."}),
        ],
    ):
        case = cs.summarise("stottekontakt", SENT, base + extra)
        assert case.status in (cs.APPEAL_RECEIVED, cs.APPEAL_UNDER_REVIEW) and cs.is_appeal_waiting(case)
    forwarded = base + [
        Event("appeal_forwarded", date(2026, 12, 10), {"forwarded_on": "2026-12-10"}),
        Event("assessment_started", date(2026, 12, 11), {}),
    ]
    assert cs.summarise("stottekontakt", SENT, forwarded).status == cs.APPEAL_FORWARDED


def test_event_fields_are_checked_strictly():
    _, problems = cs.check_event("decision", {**DECISION, "valid_to": "2026-12-31"})
    assert problems == {"valid_to": "before"}
    _, problems = cs.check_event("decision", {**DECISION, "summary": "   "})
    assert problems == {"summary": "missing"}
    for written in ("20261120", "2026-W47-5", "2026-11-20T10:00"):
        assert cs.check_event("appeal_forwarded", {"forwarded_on": written})[1] == {"forwarded_on": "not_date"}


def test_fvl_11_a_a_preliminary_reply_answers_the_month():
    case = cs.summarise(
        "bpa",
        SENT,
        [
            Event(
                "preliminary_reply",
                date(2026, 11, 25),
                {"reason": "Vi venter på legeerklæring", "expected_by": "2027-01-15"},
            )
        ],
    )
    assert case.status == cs.PRELIMINARY_REPLY and case.expected_by == date(2027, 1, 15)
    assert "reply" not in kinds(case)
    assert not cs.is_reply_overdue(case, date(2027, 6, 1))


def test_pbrl_7_5_a_decision_gives_four_weeks_to_appeal_from_notice_and_the_end_dates():
    case = cs.summarise("stottekontakt", SENT, [Event("decision", date(2026, 11, 20), DECISION)])
    assert case.status == cs.DECIDED and case.decision.hours == 4
    found = kinds(case)
    assert found["appeal"].due == date(2026, 12, 21) and found["appeal"].basis.citation == "pbrl § 7-5"
    # fvl § 31: a year after the decision, on Saturday 20 November 2027, not moved to Monday.
    assert found["late_appeal"].due == date(2027, 11, 20) and found["late_appeal"].basis.citation == "fvl § 31"
    assert found["decision_end"].due == date(2027, 12, 31)
    assert found["reapply"].due == date(2027, 11, 30) and found["reapply"].basis is None
    assert "reply" not in found


def test_fvl_29_ledsagerbevis_gives_three_weeks():
    case = cs.summarise("ledsagerbevis", SENT, [Event("decision", date(2026, 11, 20), {**DECISION, "valid_to": None})])
    assert kinds(case)["appeal"].due == date(2026, 12, 14)


def test_an_appeal_runs_its_course_and_review_after_an_appeal_is_the_municipalitys_review():
    events = [
        Event("decision", date(2026, 11, 20), DECISION),
        Event("appeal_received", date(2026, 12, 1), {}),
        Event("assessment_started", date(2026, 12, 2), {}),
    ]
    case = cs.summarise("stottekontakt", SENT, events)
    assert case.status == cs.APPEAL_UNDER_REVIEW and cs.is_appeal_waiting(case)
    assert "appeal" not in kinds(case)  # appealed already
    events += [Event("appeal_forwarded", date(2026, 12, 20), {"forwarded_on": "2026-12-20"})]
    assert cs.summarise("stottekontakt", SENT, events).status == cs.APPEAL_FORWARDED
    events += [Event("appeal_decided", date(2027, 2, 1), {"outcome": "not_allowed", "decided_on": "2027-02-01"})]
    case = cs.summarise("stottekontakt", SENT, events)
    assert case.status == cs.APPEAL_DECIDED and case.appeal_outcome == "not_allowed"
    assert not cs.is_appeal_waiting(case)


def test_fvl_33_a_new_decision_on_review_opens_a_new_appeal_period():
    events = [
        Event("decision", date(2026, 11, 20), DECISION),
        Event("appeal_received", date(2026, 12, 1), {}),
        Event(
            "decision",
            date(2026, 12, 10),
            {**DECISION, "decided_on": "2026-12-10", "notified_on": "2026-12-11", "hours": 6},
        ),
    ]
    case = cs.summarise("stottekontakt", SENT, events)
    assert case.status == cs.DECIDED and case.decision.hours == 6
    assert kinds(case)["appeal"].due == date(2027, 1, 8)


def test_a_withdrawn_or_closed_case_has_no_running_deadlines():
    for kind in ("withdrawn", "closed"):
        case = cs.summarise("bpa", SENT, [Event(kind, date(2026, 11, 10), {})])
        assert case.deadlines == ()
        assert not cs.is_reply_overdue(case, date(2027, 1, 1))


def test_fvl_11_a_no_answer_a_month_after_receipt_is_overdue():
    case = cs.summarise("bpa", SENT, [])
    assert not cs.is_reply_overdue(case, date(2026, 12, 2))
    assert cs.is_reply_overdue(case, date(2026, 12, 3))


events = st.lists(
    st.builds(
        Event,
        st.sampled_from(cs.EVENT_TYPES),
        st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
        st.just(DECISION),
    ),
    max_size=8,
)


@given(events, st.sampled_from(["stottekontakt", "bpa", "ledsagerbevis"]))
def test_property_any_history_gives_a_known_status_and_deadlines_on_working_days(history, service):
    """dl § 149 by analogy: every deadline a party must meet lands on a working day. Left as
    they are: a decision's own end date (the decision's), the late-appeal limit (fvl § 31, a
    limit on the body), and the day to apply again by (the portal's advice, never before the
    decision)."""
    case = cs.summarise(service, SENT, history)
    assert case.status in cs.STATUSES
    for deadline in case.deadlines:
        if deadline.kind in ("reply", "appeal"):
            assert is_working_day(deadline.due), deadline
        if deadline.kind == "reapply":
            assert deadline.basis is None and deadline.due >= case.decision.decided_on
    if history:
        last_changing = history[-1].type
        if last_changing in ("withdrawn", "closed"):
            assert case.status == last_changing and case.deadlines == ()
