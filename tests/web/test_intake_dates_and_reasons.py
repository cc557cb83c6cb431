"""The caseworker's forms refuse a date that cannot be right with an error on the field that
says how to fix it, keeping what was typed (DESIGN.md, "Intake API" and "Errors"); they record
a decision given without reasons and the demand for them (fvl § 24 second paragraph, § 29
third paragraph), and ask about the right to BPA (pbrl § 2-1 d) in a BPA case only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import CaseEvent, Submission
from portal.rules.deadlines import add_months
from portal.services import submissions
from tests.helpers import day, decision, errors, html, post_form, record, text

SUMMARY = "Du fyller vilkårene for støttekontakt."


@pytest.fixture
def sent(citizen, submit_application):
    return submit_application(citizen)


def long(value) -> str:
    return f"{value.day} {value:%B} {value.year}"


def _decision_form(clock, **changes) -> dict:
    today = day(clock.today())
    return {"outcome": "granted", "decided_on": today, "notified_on": today, "summary": SUMMARY, **changes}


def test_a_receipt_dated_next_year_or_before_it_was_sent_is_an_error_on_the_field(apply_app, caseworker, sent, clock):
    path = f"/en/intake/submissions/{sent}"
    next_year = day(clock.today() + timedelta(days=365))
    response = post_form(caseworker, path, {"case_number": "26/9", "received_on": next_year})
    assert errors(response) == ["The date cannot be in the future. Check the date"]
    assert f'value="{next_year}"' in html(response) and 'value="26/9"' in html(response)
    yesterday = clock.today() - timedelta(days=1)
    response = post_form(caseworker, path, {"case_number": "26/9", "received_on": day(yesterday)})
    assert errors(response) == [
        f"The date cannot be before the submission was sent on {long(clock.today())}. Check the date"
    ]
    with apply_app.app_context():
        assert db.session.scalar(select(Submission.intake_state)) == "new"
        assert db.session.scalar(select(CaseEvent.id)) is None


def test_a_paper_receipt_may_be_dated_before_registration_but_not_in_year_1(apply_app, caseworker, clock):
    """A receipt in year 1 made the reply deadline (fvl § 11 a) vanish."""
    with apply_app.app_context():
        reference = submissions.register_offline("paper", "bpa", "Per Papir", "01019012480")[0].reference
    path = f"/en/intake/submissions/{reference}"
    response = post_form(caseworker, path, {"case_number": "", "received_on": "01.01.0001"})
    assert errors(response) == [
        "A paper or phone submission can be dated as received at most a year before it was registered, "
        f"so not before {long(add_months(clock.today(), -12))}. Check the date"
    ]
    a_month_ago = clock.today() - timedelta(days=30)
    assert post_form(caseworker, path, {"received_on": day(a_month_ago)}).status_code == 302


def test_a_decision_in_the_future_or_before_the_application_is_an_error_and_nothing_typed_is_lost(
    caseworker, sent, clock
):
    path = f"/en/intake/cases/{sent}/record/decision"
    in_two_days = day(clock.today() + timedelta(days=2))
    response = post_form(caseworker, path, _decision_form(clock, decided_on=in_two_days, notified_on=""))
    assert errors(response) == ["The date cannot be in the future. Check the date"]
    assert SUMMARY in html(response) and f'value="{in_two_days}"' in html(response)
    yesterday = day(clock.today() - timedelta(days=1))
    response = post_form(caseworker, path, _decision_form(clock, decided_on=yesterday))
    assert errors(response) == [
        f"The date cannot be before the application was received on {long(clock.today())}. Check the date, "
        "or register the day a paper application came in first"
    ]
    response = post_form(caseworker, path, _decision_form(clock, notified_on=yesterday))
    assert errors(response) == [
        f"The date cannot be before the decision was made on {long(clock.today())}. Check the date"
    ]
    tomorrow = day(clock.today() + timedelta(days=1))  # a day of clock skew
    response = post_form(caseworker, path, _decision_form(clock, decided_on=tomorrow, notified_on=tomorrow))
    assert response.status_code == 302


def test_an_appeal_decided_before_it_came_in_and_an_answer_promised_for_1999_are_errors(
    apply_app, caseworker, sent, clock
):
    record(apply_app, sent, "decision", **decision())
    record(apply_app, sent, "appeal_received", received_on=clock.today().isoformat())
    response = post_form(
        caseworker,
        f"/en/intake/cases/{sent}/record/appeal_decided",
        {"outcome": "allowed", "decided_on": day(clock.today() - timedelta(days=1))},
    )
    assert errors(response) == [
        f"The date cannot be before the appeal was received on {long(clock.today())}. Check the date"
    ]
    response = post_form(
        caseworker,
        f"/en/intake/cases/{sent}/record/preliminary_reply",
        {"reason": "Mange klager.", "expected_by": "15.01.1999"},
    )
    assert errors(response) == [
        f"The date cannot be before the application was received on {long(clock.today())}. Check the date, "
        "or register the day a paper application came in first"
    ]


def test_fvl_29_third_paragraph_a_decision_without_reasons_then_the_demand_and_the_reasons(
    apply_app, caseworker, sent, clock
):
    """The submission page offers the demand only after a decision given without reasons, and
    the reasons only once they are demanded; the new appeal deadline shows when they arrive."""
    page = f"/en/intake/submissions/{sent}"
    assert "record/reasons_requested" not in html(caseworker.get(page))
    response = post_form(
        caseworker, f"/en/intake/cases/{sent}/record/decision", _decision_form(clock, with_reasons="no")
    )
    assert response.status_code == 302, errors(response)
    shown = html(caseworker.get(page))
    assert "record/reasons_requested" in shown and "record/reasons_given" not in shown
    assert "Given without reasons: the person can ask for them until the last day to appeal." in text(
        caseworker.get(page)
    )
    response = post_form(
        caseworker, f"/en/intake/cases/{sent}/record/reasons_given", {"notified_on": day(clock.today())}
    )
    assert errors(response) == ["Record first the day the person asked for the reasons"]
    response = post_form(
        caseworker, f"/en/intake/cases/{sent}/record/reasons_requested", {"requested_on": day(clock.today())}
    )
    assert response.status_code == 302, errors(response)
    assert "The appeal deadline has stopped until the reasons reach them." in text(caseworker.get(page))
    response = post_form(
        caseworker, f"/en/intake/cases/{sent}/record/reasons_given", {"notified_on": day(clock.today())}
    )
    assert response.status_code == 302, errors(response)
    shown = text(caseworker.get(page))
    assert "a new appeal deadline runs from that day" in shown and "forvaltningsloven § 29 tredje ledd" in shown


def test_fvl_24_no_demand_for_reasons_after_a_reasoned_decision_the_form_says_why(apply_app, caseworker, sent, clock):
    record(apply_app, sent, "decision", **decision())
    response = post_form(
        caseworker, f"/nb/intake/cases/{sent}/record/reasons_requested", {"requested_on": day(clock.today())}
    )
    assert errors(response) == [
        "Personen kan be om begrunnelse bare når vedtaket ble gitt uten begrunnelse. Registrer vedtaket først, "
        "eller svar på henvendelsen som et vanlig spørsmål"
    ]


def test_pbrl_2_1_d_the_right_to_bpa_is_asked_in_a_bpa_case_only(apply_app, caseworker, sent, clock):
    assert 'name="bpa_right"' not in html(caseworker.get(f"/en/intake/cases/{sent}/record/decision"))
    with apply_app.app_context():
        bpa = submissions.register_offline("paper", "bpa", "Per Papir", "01019012480")[0].reference
    path = f"/en/intake/cases/{bpa}/record/decision"
    assert 'name="bpa_right"' in html(caseworker.get(path))
    assert post_form(caseworker, path, _decision_form(clock, outcome="refused", bpa_right="yes")).status_code == 302
    with apply_app.app_context():
        assert db.session.scalars(select(CaseEvent.data)).one()["bpa_right"] is True
