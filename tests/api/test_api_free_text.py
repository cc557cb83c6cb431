"""Free text over the intake API (portal.rules.text, cleaned where the body is read): a
security probe found bidi overrides (U+202E), NUL bytes and other control characters kept,
turning text round on caseworkers' screens and in the PDF copy; and a person's name that took
an identity number. Errors keep the API's 422 shape, naming the field."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import CaseEvent, Submission


def test_a_nul_anywhere_in_a_body_is_422_naming_where_it_is(apply_app, api, register, clock):
    """A NUL cannot be stored (PostgreSQL refuses it in text): refused, never a 500 or a half-kept case."""
    response = register(person={"name": "Per\x00 Papir", "national_id": "01019012480"})
    assert response.status_code == 422 and response.json["error"] == "invalid"
    assert list(response.json["fields"]) == ["person.name"] and "NUL" in response.json["fields"]["person.name"]
    reference = register().json["reference"]
    promised = (clock.today() + timedelta(days=14)).isoformat()
    event = {"type": "preliminary_reply", "reason": "Mange saker\x00", "expected_by": promised}
    response = api.post(f"/api/v1/cases/{reference}/events", json=event, headers=api.auth)
    assert response.status_code == 422 and list(response.json["fields"]) == ["reason"]
    receipt = {"case_number": "26/\x001", "received_on": clock.today().isoformat()}
    response = api.post(f"/api/v1/submissions/{reference}/receipt", json=receipt, headers=api.auth)
    assert response.status_code == 422 and list(response.json["fields"]) == ["case_number"]
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(Submission.id))) == 1
        assert db.session.scalar(select(func.count(CaseEvent.id))) == 0


def test_bidi_overrides_and_control_characters_are_taken_out_of_what_the_api_keeps(api, register, clock):
    """U+202E would show the name and the reason backwards to the caseworker and in the PDF."""
    person = {"name": "Per \u202eripaP\u202c Papir\u0007", "national_id": "01019012480"}
    reference = register(person=person).json["reference"]
    full = api.get(f"/api/v1/submissions/{reference}", headers=api.auth).json
    assert full["person"]["name"] == "Per ripaP Papir"
    event = {
        "type": "preliminary_reply",
        "reason": "Vi venter\u2067 på\x1b svar.\r\nHilsen",
        "expected_by": (clock.today() + timedelta(days=14)).isoformat(),
    }
    response = api.post(f"/api/v1/cases/{reference}/events", json=event, headers=api.auth)
    assert response.status_code == 201 and response.json["event"]["reason"] == "Vi venter på svar.\nHilsen"


@pytest.mark.parametrize("name", ["Per Papir 01019012480", "Per <Papir>"])
def test_a_name_with_an_identity_number_or_other_signs_is_422_naming_the_field(apply_app, api, register, name):
    """A name is letters: an identity number typed there would go wherever the name goes (popplyl § 12)."""
    response = register(person={"name": name, "national_id": "01019012480", "email": "per@example.org"})
    assert response.status_code == 422 and list(response.json["fields"]) == ["person.name"]
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(Submission.id))) == 0
