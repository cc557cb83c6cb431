"""The intake API, exactly the contract in DESIGN.md ("Intake API"): bearer tokens, cursor
pages oldest first, JSON errors that name the field (401, 403, 404, 422, 409), events once
per Idempotency-Key, paper registrations the person can follow; and the OpenAPI document
checked against the running endpoints by schemathesis."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AccessLogEntry, CaseEvent, OutboxMessage, Submission
from tests.helpers import (
    APPEAL,
    PNG,
    decision,
    make_token,
    post_form,
    reference_in,
    send_application,
    start_appeal,
)

# -- Tokens ------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer skp_not-a-token", "Basic dXNlcjpwYXNz"])
def test_without_a_valid_token_there_is_nothing(api, header):
    headers = {"Authorization": header} if header else {}
    for method, path in (
        ("get", "/api/v1/submissions"),
        ("get", "/api/v1/submissions/SK-2026-000001"),
        ("post", "/api/v1/submissions"),
        ("get", "/api/v1/cases/SK-2026-000001"),
    ):
        response = getattr(api, method)(path, headers=headers, json={})
        assert response.status_code == 401, path
        assert response.json["error"] == "unauthorized" and "Bearer" in response.headers["WWW-Authenticate"]


def test_a_token_without_the_right_gets_nothing(apply_app, api):
    reader = {"Authorization": f"Bearer {make_token(apply_app, 'lese', ('read',))}"}
    nothing = {"Authorization": f"Bearer {make_token(apply_app, 'ingen', ())}"}
    assert api.get("/api/v1/submissions", headers=reader).status_code == 200
    assert api.post("/api/v1/submissions", json={}, headers=reader).status_code == 403
    assert api.get("/api/v1/submissions", headers=nothing).json["error"] == "forbidden"


def test_a_revoked_token_stops_at_once(apply_app, api):
    assert api.get("/api/v1/submissions", headers=api.auth).status_code == 200
    result = apply_app.test_cli_runner().invoke(args=["revoke-api-token", "--name", "sak"])
    assert "Revoked 1" in result.output
    assert api.get("/api/v1/submissions", headers=api.auth).status_code == 401


def test_create_api_token_prints_the_token_alone_on_the_last_line_and_stores_a_hash(apply_app):
    from portal.models import ApiToken

    result = apply_app.test_cli_runner().invoke(args=["create-api-token", "--name", "Sak/arkiv"])
    token = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"skp_[A-Za-z0-9_-]{40,}", token)
    with apply_app.app_context():
        stored = db.session.scalar(select(ApiToken))
        assert stored.name == "Sak/arkiv" and token not in stored.token_hash and stored.rights == ["read", "write"]
    client = apply_app.test_client()
    assert client.get("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"}).status_code == 200


# -- Submissions -------------------------------------------------------------------------------


def test_the_list_is_oldest_first_by_cursor_and_filters_by_state(apply_app, api, clock, register):
    refs = [register().json["reference"] for _ in range(5)]
    first_sent = clock.now() - timedelta(days=30)
    with apply_app.app_context():
        for n, submission in enumerate(db.session.scalars(select(Submission).order_by(Submission.id))):
            submission.submitted_at = first_sent + timedelta(hours=n)
        db.session.commit()
    seen, after = [], None
    while True:
        page = api.get(
            "/api/v1/submissions", query_string={"limit": 2, **({"after": after} if after else {})}, headers=api.auth
        ).json
        seen += [item["reference"] for item in page["items"]]
        after = page["next"]
        if after is None:
            break
    assert seen == refs
    api.post(
        f"/api/v1/submissions/{refs[0]}/receipt",
        headers=api.auth,
        json={"case_number": "26/1", "received_on": (first_sent + timedelta(days=1)).date().isoformat()},
    )
    new = [i["reference"] for i in api.get("/api/v1/submissions?state=new", headers=api.auth).json["items"]]
    assert new == refs[1:]
    received = api.get("/api/v1/submissions?state=received", headers=api.auth).json["items"]
    assert [i["reference"] for i in received] == refs[:1] and received[0]["state"] == "received"


@pytest.mark.parametrize(
    "query,field",
    [
        ("state=old", "state"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("after=nonsense", "after"),
    ],
)
def test_a_bad_query_names_the_field(api, query, field):
    response = api.get(f"/api/v1/submissions?{query}", headers=api.auth)
    assert response.status_code == 422 and field in response.json["fields"]


def test_the_full_submission_its_pdf_and_attachment_and_each_read_logged(apply_app, citizen, api):
    reference = reference_in(send_application(citizen, files=[(PNG, "bilde.png")])[1])
    listed = api.get("/api/v1/submissions", headers=api.auth).json["items"][0]
    assert "person" not in listed and listed["links"]["self"] == f"/api/v1/submissions/{reference}"
    full = api.get(listed["links"]["self"], headers=api.auth).json
    assert full["person"] == {"name": "Kari Nordmann", "national_id": "01019012480"}
    assert full["document"]["answers"]["need"]["description"] == "Jeg vil gjerne komme meg ut."
    file = full["attachments"][0]
    assert file["filename"] == "bilde.png" and file["content_type"] == "image/png"
    assert api.get(file["href"], headers=api.auth).data == PNG
    pdf = api.get(listed["links"]["pdf"], headers=api.auth)
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF-")
    with apply_app.app_context():
        entries = db.session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id)).all()
    assert [e.action for e in entries] == ["submission.view", "attachment.download", "submission.pdf"]
    assert {(e.actor_role, e.actor_name) for e in entries} == {("system", "sak")}


def test_unknown_references_are_404_in_json(api):
    for path in (
        "/api/v1/submissions/SK-2026-999999",
        "/api/v1/submissions/SK-2026-999999/pdf",
        "/api/v1/submissions/SK-2026-999999/attachments/abc",
        "/api/v1/cases/SK-2026-999999",
    ):
        response = api.get(path, headers=api.auth)
        assert response.status_code == 404 and response.json["error"] == "not_found", path
        assert "SK-2026-999999" in response.json["message"]
    assert api.get("/api/v1/nowhere", headers=api.auth).json["error"] == "not_found"
    assert api.delete("/api/v1/submissions", headers=api.auth).json["error"] == "method_not_allowed"


def test_a_paper_application_is_registered_with_a_case(apply_app, api, register):
    response = register()
    assert response.status_code == 201 and re.fullmatch(r"BPA-\d{4}-\d{6}", response.json["reference"])
    assert response.headers["Location"] == f"/api/v1/submissions/{response.json['reference']}"
    case = api.get(response.json["links"]["case"], headers=api.auth).json
    assert case["status"] == "submitted" and case["deadlines"][0] == {
        "kind": "reply",
        "due": case["deadlines"][0]["due"],
        "basis": "fvl § 11 a",
    }
    assert api.get(response.json["links"]["pdf"], headers=api.auth).data.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "changes,fields",
    [
        ({"channel": "fax"}, ["channel"]),
        ({"service": "taxi"}, ["service"]),
        ({"kind": "appeal"}, ["kind"]),
        ({"person": {"name": "", "national_id": "01019012481"}}, ["person.name", "person.national_id"]),
        (
            {"person": {"name": "Per", "national_id": "0101901248", "email": "per(at)example.org"}},
            ["person.national_id", "person.email"],
        ),
        ({"person": "Per"}, ["person"]),  # not an object: nothing inside it to name
    ],
)
def test_a_bad_registration_names_each_field(api, changes, fields, register):
    response = register(**changes)
    assert response.status_code == 422 and sorted(response.json["fields"]) == sorted(fields)


@pytest.mark.parametrize(
    "number,says",
    [
        ("15419012480", "is an H-number; only a fødselsnummer or D-number is accepted"),
        ("01819000049", "is a synthetic test number; only a fødselsnummer or D-number is accepted"),
    ],
)
def test_a_registration_with_an_h_number_or_a_test_number_is_422_saying_what_it_is(api, register, number, says):
    """LEGAL.md ("Added after the first legal review"): only fødselsnummer and D-number."""
    response = register(person={"name": "Per", "national_id": number})
    assert response.status_code == 422 and response.json["fields"] == {"person.national_id": says}


def test_a_body_that_is_not_a_json_object_is_422(api):
    for body in ("[1, 2]", "not json", '"text"'):
        response = api.post("/api/v1/submissions", data=body, headers={**api.auth, "Content-Type": "application/json"})
        assert response.status_code == 422 and "body" in response.json["fields"]


def test_receipt_marks_received_with_the_case_number_once(apply_app, api, clock, register):
    reference = register().json["reference"]
    response = api.post(f"/api/v1/submissions/{reference}/receipt", json={"received_on": "5 March"}, headers=api.auth)
    assert response.status_code == 422 and set(response.json["fields"]) == {"case_number", "received_on"}
    received_on = clock.today().isoformat()
    body = {"case_number": "26/4711", "received_on": received_on}
    for _ in range(2):
        response = api.post(f"/api/v1/submissions/{reference}/receipt", json=body, headers=api.auth)
        assert response.status_code == 200 and response.json["state"] == "received"
    case = api.get(f"/api/v1/cases/{reference}", headers=api.auth).json
    assert case["case_number"] == "26/4711" and case["received_on"] == received_on
    assert [e["type"] for e in case["events"]] == ["received"]


# -- Events ------------------------------------------------------------------------------------


def test_a_decision_over_the_api_gives_the_deadlines_with_their_basis(api, clock, register):
    """Fixed days: a paper application that came in on 19 November 2026, registered on the 25th,
    decided on Friday the 20th, the decision reaching the person on Monday the 23rd. The
    late-appeal limit, a year on a Saturday, stays there (fvl § 31); the day to apply again by,
    a Sunday, moves back to Friday and is advice with no legal basis."""
    clock.move_to("2026-11-25 10:00")
    reference = register(service="stottekontakt").json["reference"]
    receipt = {"case_number": "26/4711", "received_on": "2026-11-19"}
    assert api.post(f"/api/v1/submissions/{reference}/receipt", json=receipt, headers=api.auth).status_code == 200
    fields = decision(date(2026, 11, 23), decided_on="2026-11-20", valid_from="2027-01-01", valid_to="2027-06-30")
    response = api.post(f"/api/v1/cases/{reference}/events", json={"type": "decision", **fields}, headers=api.auth)
    assert response.status_code == 201
    case = response.json["case"]
    assert case["status"] == "decided" and case["decision"]["hours"] == 3
    assert case["decision"]["with_reasons"] is True and case["decision"]["bpa_right"] is False
    assert {d["kind"]: (d["due"], d["basis"]) for d in case["deadlines"]} == {
        "appeal": ("2026-12-21", "pbrl § 7-5"),
        "late_appeal": ("2027-11-20", "fvl § 31"),
        "reapply": ("2027-05-28", None),
        "decision_end": ("2027-06-30", "fvl § 2 første ledd bokstav b"),
    }


@pytest.mark.parametrize(
    "body,fields",
    [
        ({"type": "sent_to_moon"}, ["type"]),
        (
            {"type": "decision", "outcome": "maybe", "decided_on": "2026-02-30", "summary": 7},
            ["outcome", "decided_on", "summary"],
        ),
        ({"type": "decision", "outcome": "granted", "decided_on": "2026-11-20", "summary": "Ja", "hours": 3}, ["per"]),
        (
            {
                "type": "decision",
                "outcome": "granted",
                "decided_on": "2026-11-20",
                "summary": "Ja",
                "valid_from": "2027-01-01",
                "valid_to": "2026-01-01",
            },
            ["valid_to"],
        ),
        ({"type": "appeal_forwarded"}, ["forwarded_on"]),
        ({"type": "closed", "reason": "no"}, ["reason"]),
    ],
)
def test_a_bad_event_names_the_field(api, body, fields, register):
    reference = register().json["reference"]
    response = api.post(f"/api/v1/cases/{reference}/events", json=body, headers=api.auth)
    assert response.status_code == 422 and sorted(response.json["fields"]) == sorted(fields), response.json


def test_an_event_sent_twice_with_one_idempotency_key_counts_once(apply_app, api, register, clock):
    reference = register().json["reference"]
    promised = (clock.today() + timedelta(days=14)).isoformat()
    body = {"type": "preliminary_reply", "reason": "Vi venter på legeerklæring.", "expected_by": promised}
    headers = {**api.auth, "Idempotency-Key": "f3a1c0de-1"}
    first = api.post(f"/api/v1/cases/{reference}/events", json=body, headers=headers)
    again = api.post(f"/api/v1/cases/{reference}/events", json=body, headers=headers)
    assert first.status_code == 201 and again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true" and again.json["event"] == first.json["event"]
    other = api.post(f"/api/v1/cases/{reference}/events", json={**body, "reason": "Noe annet."}, headers=headers)
    assert other.status_code == 409 and other.json["error"] == "conflict"
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(CaseEvent.id))) == 1
        messages = db.session.scalar(select(func.count(OutboxMessage.id)))
    assert messages == 1  # the person told once


def test_an_appeal_sent_in_the_portal_is_listed_naming_the_case_it_appeals(apply_app, citizen, api, clock):
    _, receipt = send_application(citizen)
    reference = re.search(r"SK-\d{4}-\d{6}", receipt).group(0)
    today = clock.today().isoformat()
    api.post(
        f"/api/v1/cases/{reference}/events",
        headers=api.auth,
        json={"type": "decision", **decision(), "decided_on": today, "notified_on": today},
    )
    base = start_appeal(citizen, reference)
    post_form(citizen, f"{base}/appeal", APPEAL)
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    post_form(citizen, f"{base}/check", {"correct": "y"})
    items = api.get("/api/v1/submissions", headers=api.auth).json["items"]
    appeal = next(i for i in items if i["kind"] == "appeal")
    assert appeal["appeals"] == reference and appeal["links"]["case"] is None
    case = api.get(f"/api/v1/cases/{reference}", headers=api.auth).json
    assert case["status"] == "appeal_sent" and case["appeal"]["sent_on"] == today
    assert case["appeal"]["received_on"] is None  # until the municipality registers it
    api.post(f"/api/v1/cases/{reference}/events", json={"type": "appeal_received"}, headers=api.auth)
    case = api.get(f"/api/v1/cases/{reference}", headers=api.auth).json
    assert case["status"] == "appeal_received" and case["appeal"]["received_on"] == today
    assert "appeal" not in {d["kind"] for d in case["deadlines"]}
    for kind, extra in (
        ("assessment_started", {}),
        ("appeal_forwarded", {"forwarded_on": today}),
        ("appeal_decided", {"outcome": "not_allowed", "decided_on": today}),
    ):
        api.post(f"/api/v1/cases/{reference}/events", json={"type": kind, **extra}, headers=api.auth)
    case = api.get(f"/api/v1/cases/{reference}", headers=api.auth).json
    assert case["status"] == "appeal_decided" and case["appeal"]["outcome"] == "not_allowed"


def test_the_openapi_document_describes_every_endpoint(api):
    document = api.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    paths = set(document["paths"])
    assert paths == {
        "/api/v1/submissions",
        "/api/v1/submissions/{reference}",
        "/api/v1/submissions/{reference}/pdf",
        "/api/v1/submissions/{reference}/attachments/{id}",
        "/api/v1/submissions/{reference}/receipt",
        "/api/v1/submissions/{reference}/archive-package",
        "/api/v1/submissions/{reference}/archived",
        "/api/v1/cases/{reference}",
        "/api/v1/cases/{reference}/events",
    }


# -- Schemathesis: the document against the endpoints ------------------------------------------

OPERATIONS = [
    "GET /api/v1/submissions",
    "POST /api/v1/submissions",
    "GET /api/v1/submissions/{reference}",
    "GET /api/v1/submissions/{reference}/pdf",
    "GET /api/v1/submissions/{reference}/attachments/{id}",
    "POST /api/v1/submissions/{reference}/receipt",
    "GET /api/v1/submissions/{reference}/archive-package",
    "POST /api/v1/submissions/{reference}/archived",
    "GET /api/v1/cases/{reference}",
    "POST /api/v1/cases/{reference}/events",
]


@pytest.mark.parametrize("label", OPERATIONS)
def test_every_endpoint_answers_as_its_document_says(apply_app, label):
    """Generated calls, good and bad, to every operation: no 5xx, and every answer (status,
    content type, body) as the OpenAPI document says."""
    from hypothesis import given

    token = make_token(apply_app)
    with apply_app.app_context():
        from portal.services import submissions

        submissions.register_offline("paper", "stottekontakt", "Sara Schema", "01019012480")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", apply_app)
    operation = schema.find_operation_by_label(label)

    from schemathesis.specs.openapi.checks import positive_data_acceptance

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        # Left out: "a request the schema allows is accepted". The API rightly refuses some of
        # those with 404 or 422 for reasons no schema can say: an identity number's check digits,
        # a cursor it did not give out, a reference that does not exist.
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance])

    check()


def test_state_received_lists_what_was_received_whatever_happened_since(api, clock, register):
    reference = register().json["reference"]
    api.post(
        f"/api/v1/submissions/{reference}/receipt",
        json={"case_number": "26/1", "received_on": clock.today().isoformat()},
        headers=api.auth,
    )
    api.post(f"/api/v1/cases/{reference}/events", json={"type": "assessment_started"}, headers=api.auth)
    received = api.get("/api/v1/submissions?state=received", headers=api.auth).json["items"]
    assert [i["reference"] for i in received] == [reference]


def test_a_received_event_marks_the_submission_received(api, register):
    reference = register().json["reference"]
    api.post(f"/api/v1/cases/{reference}/events", json={"type": "received", "case_number": "26/2"}, headers=api.auth)
    assert api.get(f"/api/v1/submissions/{reference}", headers=api.auth).json["state"] == "received"
    assert api.get("/api/v1/submissions?state=new", headers=api.auth).json["items"] == []


def test_a_registration_sent_twice_with_one_idempotency_key_registers_once(apply_app, api):
    headers = {**api.auth, "Idempotency-Key": "brev-2026-11-25-17"}
    body = {"channel": "phone", "service": "ledsagerbevis", "person": {"name": "Per", "national_id": "01019012480"}}
    first = api.post("/api/v1/submissions", json=body, headers=headers)
    again = api.post("/api/v1/submissions", json=body, headers=headers)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json["reference"] == first.json["reference"] and again.headers["Idempotent-Replayed"] == "true"
    other = api.post("/api/v1/submissions", json={**body, "service": "bpa"}, headers=headers)
    assert other.status_code == 409
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(Submission.id))) == 1


def test_recording_an_event_over_the_api_is_logged_as_the_system_reading_the_case(apply_app, api, register):
    reference = register().json["reference"]
    api.post(f"/api/v1/cases/{reference}/events", json={"type": "decision", **decision()}, headers=api.auth)
    with apply_app.app_context():
        entry = db.session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc())).first()
    assert (entry.actor_role, entry.action, entry.actor_name) == ("system", "case.event", "sak")
