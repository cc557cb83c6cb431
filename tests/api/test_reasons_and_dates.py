"""The intake API's reasons events and its dates (DESIGN.md, "Intake API"): a decision given
without reasons (fvl § 24 second paragraph) may be followed by a demand for them inside its
appeal deadline, and the appeal deadline runs anew from the day the reasons reach the person
(fvl § 29 third paragraph); a day that cannot be right is a 422 naming the field."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.helpers import decision


class Case:
    """A case over the API: post events to it, acknowledge it, read it back."""

    def __init__(self, api, reference: str) -> None:
        self.api, self.reference = api, reference

    def post(self, kind: str, **fields):
        return self.api.post(
            f"/api/v1/cases/{self.reference}/events", json={"type": kind, **fields}, headers=self.api.auth
        )

    def receipt(self, **fields):
        return self.api.post(f"/api/v1/submissions/{self.reference}/receipt", json=fields, headers=self.api.auth)

    def get(self) -> dict:
        return self.api.get(f"/api/v1/cases/{self.reference}", headers=self.api.auth).json


@pytest.fixture
def new_case(api, register):
    """A støttekontakt application registered now (move the clock first for a fixed day)."""
    return lambda: Case(api, register(service="stottekontakt").json["reference"])


@pytest.fixture
def case(new_case):
    return new_case()


def _deadlines(case_json: dict) -> dict:
    return {d["kind"]: (d["due"], d["basis"]) for d in case_json["deadlines"]}


def test_fvl_29_third_paragraph_reasons_demanded_and_given_restart_the_appeal_deadline(new_case, clock):
    """Decided and told on Monday 7 December 2026, without reasons; the reasons demanded on the
    10th and reaching the person on Monday the 14th: four new weeks, to Monday 11 January 2027."""
    clock.move_to("2026-12-07 10:00")
    case = new_case()
    without = decision(clock.today(), with_reasons=False, valid_from=None, valid_to=None)
    assert case.post("decision", **without).status_code == 201
    assert _deadlines(case.get())["appeal"] == ("2027-01-04", "pbrl § 7-5")
    clock.move_to("2026-12-10 10:00")
    response = case.post("reasons_requested", requested_on="2026-12-10")
    assert response.status_code == 201, response.json
    waiting = response.json["case"]
    assert "appeal" not in _deadlines(waiting) and waiting["decision"]["reasons_requested_on"] == "2026-12-10"
    clock.move_to("2026-12-14 10:00")
    response = case.post("reasons_given", notified_on="2026-12-14")
    assert response.status_code == 201, response.json
    given = response.json["case"]
    assert given["decision"]["with_reasons"] is False and given["decision"]["reasons_given_on"] == "2026-12-14"
    assert _deadlines(given)["appeal"] == ("2027-01-11", "fvl § 29 tredje ledd")
    assert [e["type"] for e in given["events"]] == ["decision", "reasons_requested", "reasons_given"]


def test_fvl_24_second_paragraph_no_demand_for_reasons_after_a_reasoned_decision(case):
    """Asking to have a reasoned decision explained stops no deadline: the API refuses to
    record it as a demand for reasons."""
    case.post("decision", **decision(valid_from=None, valid_to=None))
    response = case.post("reasons_requested", requested_on=decision()["decided_on"])
    assert response.status_code == 422 and list(response.json["fields"]) == ["type"]
    assert "only follow a decision given without reasons" in response.json["fields"]["type"]
    assert "appeal" in _deadlines(case.get())


def test_fvl_29_third_paragraph_a_demand_after_the_deadline_is_refused_naming_requested_on(new_case, clock):
    clock.move_to("2026-12-07 10:00")
    case = new_case()
    case.post("decision", **decision(clock.today(), with_reasons=False))
    clock.move_to("2027-01-20 10:00")
    response = case.post("reasons_requested", requested_on="2027-01-05")
    assert response.status_code == 422
    assert response.json["fields"] == {
        "requested_on": "must not be after 2027-01-04, the last day to appeal: only a demand made inside the "
        "appeal deadline interrupts it (fvl § 29 third paragraph)"
    }
    assert case.post("reasons_requested", requested_on="2027-01-04").status_code == 201


def test_reasons_given_without_a_demand_is_refused(case):
    case.post("decision", **decision(with_reasons=False))
    response = case.post("reasons_given", notified_on=decision()["decided_on"])
    assert response.status_code == 422 and list(response.json["fields"]) == ["type"]
    assert response.json["fields"]["type"].startswith("a reasons_given event can only follow a reasons_requested")


def test_pbrl_2_1_d_the_right_to_bpa_only_in_a_bpa_case(api, case, register):
    response = case.post("decision", **decision(bpa_right=True))
    assert response.status_code == 422 and response.json["fields"] == {"bpa_right": "can be true only in a BPA case"}
    bpa = register(service="bpa").json["reference"]
    response = api.post(
        f"/api/v1/cases/{bpa}/events", json={"type": "decision", **decision(bpa_right=True)}, headers=api.auth
    )
    assert response.status_code == 201 and response.json["case"]["decision"]["bpa_right"] is True


def test_a_receipt_dated_next_year_or_in_year_1_is_refused_naming_received_on(case, clock):
    """A receipt in year 1 made the reply deadline (fvl § 11 a) vanish."""
    next_year = (clock.today() + timedelta(days=365)).isoformat()
    for received_on, start in ((next_year, "must not be in the future"), ("0001-01-01", "must not be before")):
        response = case.receipt(case_number="26/1", received_on=received_on)
        assert response.status_code == 422 and list(response.json["fields"]) == ["received_on"], received_on
        assert response.json["fields"]["received_on"].startswith(start)
        response = case.post("received", received_on=received_on)
        assert response.status_code == 422 and list(response.json["fields"]) == ["received_on"], received_on
    assert case.get()["events"] == []
    a_month_ago = (clock.today() - timedelta(days=30)).isoformat()
    assert case.receipt(case_number="26/1", received_on=a_month_ago).status_code == 200  # paper: came in earlier


def test_a_decision_in_the_future_or_before_the_application_came_in_is_refused(case, clock):
    """A day of clock skew is allowed; two days ahead is the future."""
    today = clock.today()
    in_two_days = (today + timedelta(days=2)).isoformat()
    response = case.post("decision", **decision(decided_on=in_two_days, notified_on=None))
    assert response.status_code == 422 and list(response.json["fields"]) == ["decided_on"]
    assert response.json["fields"]["decided_on"].startswith("must not be in the future")
    before = (today - timedelta(days=1)).isoformat()
    response = case.post("decision", **decision(decided_on=before))
    assert response.status_code == 422 and list(response.json["fields"]) == ["decided_on"]
    assert response.json["fields"]["decided_on"].startswith(f"must not be before {today.isoformat()}")
    response = case.post("decision", **decision(notified_on=before))
    assert response.json["fields"] == {
        "notified_on": f"must not be before {today.isoformat()}, the day of the decision"
    }
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert case.post("decision", **decision(decided_on=tomorrow, notified_on=tomorrow)).status_code == 201


def test_an_appeal_decided_before_it_was_received_is_refused(case, clock):
    today = clock.today()
    case.post("decision", **decision())
    case.post("appeal_received", received_on=today.isoformat())
    response = case.post("appeal_decided", outcome="allowed", decided_on=(today - timedelta(days=1)).isoformat())
    assert response.status_code == 422 and list(response.json["fields"]) == ["decided_on"]
    assert "the day the appeal was received" in response.json["fields"]["decided_on"]


def test_fvl_11_a_an_answer_promised_for_1999_is_refused(case):
    response = case.post("preliminary_reply", reason="Mange saker.", expected_by="1999-01-15")
    assert response.status_code == 422 and list(response.json["fields"]) == ["expected_by"]


def test_the_openapi_document_describes_the_reasons_events_and_the_yes_or_no_fields(api):
    document = api.get("/api/v1/openapi.json").json
    events = {
        schema["properties"]["type"]["enum"][0]: schema
        for schema in document["components"]["schemas"]["EventBody"]["oneOf"]
    }
    assert events["reasons_requested"]["required"] == ["type", "requested_on"]
    assert events["reasons_given"]["required"] == ["type", "notified_on"]
    with_reasons = events["decision"]["properties"]["with_reasons"]
    assert with_reasons["default"] is True and "boolean" in with_reasons["type"]
    assert document["components"]["schemas"]["Deadline"]["properties"]["basis"]["type"] == ["string", "null"]
