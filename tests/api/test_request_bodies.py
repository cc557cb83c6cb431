"""Request bodies of the intake API are read the same way on every endpoint: a field of the
wrong JSON type, an unknown field at any level of nesting, or a date not written exactly
YYYY-MM-DD is a 422 that names the field and what is wrong. Never a 500 (a probe sent
`"service": ["bpa"]` and got one), and never a field quietly ignored."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from tests.helpers import decision

REGISTRATION = {
    "channel": "paper",
    "kind": "application",
    "service": "bpa",
    "person": {"name": "Per Papir", "national_id": "01019012480", "email": "per@example.org"},
}
RECEIPT = {"case_number": "26/4711"}  # received_on: today, added by `send`

# What JSON type each field takes, by endpoint; and values of every other JSON type.
FIELDS = {
    "registration": {
        "channel": "string",
        "kind": "string",
        "service": "string",
        "person": "object",
        "person.name": "string",
        "person.national_id": "string",
        "person.email": "string",
    },
    "receipt": {"case_number": "string", "received_on": "date"},
    "event": {
        "type": "string",
        "outcome": "string",
        "decided_on": "date",
        "notified_on": "date",
        "hours": "whole number",
        "per": "string",
        "form": "string",
        "valid_from": "date",
        "valid_to": "date",
        "summary": "string",
        "with_reasons": "true or false",
        "bpa_right": "true or false",
    },
}
WRONG = {
    "string": [["bpa"], {"a": 1}, 7, 2.5, True, False],
    "date": [20260105, 2026.0105, True, ["2026-01-05"], {"year": 2026}],
    "whole number": ["3", 2.5, True, False, [3], {"hours": 3}],
    "object": ["Per Papir", ["Per Papir"], 7, True],
    "true or false": ["true", "false", 1, 0, [True], {"yes": True}],
}
MESSAGE = {
    "string": "must be a string",
    "date": "must be a string",
    "whole number": "must be a whole number",
    "object": "must be an object",
    "true or false": "must be true or false",
}


GONE = object()


def _changed(body: dict, path: str, value=GONE) -> dict:
    """The body with the field at a dotted path set to value (or left out)."""
    body = copy.deepcopy(body)
    *parents, name = path.split(".")
    inner = body
    for parent in parents:
        inner = inner[parent]
    if value is GONE:
        del inner[name]
    else:
        inner[name] = value
    return body


@pytest.fixture
def send(api, register, clock):
    """Post a body to one of the three endpoints that take one (on a paper registration)."""
    reference = register().json["reference"]
    paths = {
        "registration": "/api/v1/submissions",
        "receipt": f"/api/v1/submissions/{reference}/receipt",
        "event": f"/api/v1/cases/{reference}/events",
    }
    receipt = {**RECEIPT, "received_on": clock.today().isoformat()}
    valid = {"registration": REGISTRATION, "receipt": receipt, "event": {"type": "decision", **decision()}}

    def post(endpoint: str, body: dict | None = None, **changes):
        body = copy.deepcopy(valid[endpoint] if body is None else body)
        for path, value in changes.items():
            body = _changed(body, path.replace("__", "."), value)
        return api.post(paths[endpoint], json=body, headers=api.auth)

    post.valid = valid
    return post


@pytest.mark.parametrize("service", [["bpa"], {"a": 1}, [], {}])
def test_a_list_or_an_object_as_the_service_is_422_naming_service_not_a_500(register, service):
    """The probe's finding: an unhashable value looked up in the table of services crashed."""
    response = register(service=service)
    assert response.status_code == 422, response.data
    assert list(response.json["fields"]) == ["service"]
    assert response.json["fields"]["service"].startswith("must be a string")


def test_every_field_of_every_body_given_a_wrong_json_type_is_422_naming_that_field_and_the_type(send):
    """A wrong type is said as such ("must be a string"), never as "is required", and only the
    field at fault is named."""
    for endpoint, fields in FIELDS.items():
        for path, kind in fields.items():
            for value in WRONG[kind]:
                response = send(endpoint, _changed(send.valid[endpoint], path, value))
                assert response.status_code == 422, (endpoint, path, value, response.data)
                problems = response.json["fields"]
                assert list(problems) == [path], (endpoint, path, value, problems)
                assert problems[path].startswith(MESSAGE[kind]), (endpoint, path, value, problems)


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("person.name", 7, "must be a string"),
        ("person.national_id", 1019012480, "must be a string"),
        ("person", "Per Papir", "must be an object"),
    ],
)
def test_a_wrong_type_in_a_registration_is_named_as_a_wrong_type_not_as_missing(send, field, value, message):
    """Before, a number for the name was answered "is required", which sends the integrator
    looking for a field they did send."""
    response = send("registration", _changed(send.valid["registration"], field, value))
    assert response.status_code == 422 and list(response.json["fields"]) == [field]
    assert response.json["fields"][field].startswith(message)


def test_a_case_number_that_is_a_number_is_named_as_a_wrong_type_not_as_missing(send):
    response = send("receipt", case_number=4711)
    assert response.status_code == 422 and response.json["fields"]["case_number"].startswith("must be a string")


def test_an_unknown_field_is_refused_on_every_endpoint_that_takes_a_body(send):
    """Two endpoints ignored a misspelt field (so a value the integrator meant to send was lost
    without a word) while the third refused it: now all three refuse it and name it."""
    for endpoint in ("registration", "receipt", "event"):
        response = send(endpoint, {**send.valid[endpoint], "shoe_size": 44})
        assert response.status_code == 422, (endpoint, response.data)
        assert list(response.json["fields"]) == ["shoe_size"]
        assert response.json["fields"]["shoe_size"].startswith("is not a field of"), endpoint


def test_an_unknown_field_inside_person_is_refused_naming_its_path(send):
    response = send("registration", person__shoe_size=44)
    assert response.status_code == 422
    assert list(response.json["fields"]) == ["person.shoe_size"]
    assert response.json["fields"]["person.shoe_size"] == "is not a field of person"


def test_a_date_is_only_a_string_written_yyyy_mm_dd(send, clock):
    """A JSON integer was taken as a date (20260105 read as 5 January 2026), and so were other
    forms Python's date parser knows; the contract says YYYY-MM-DD and nothing else."""
    not_dates = [
        20260105,
        True,
        False,
        "2026-1-5",
        "20260105",
        "2026-01-05T00:00:00",
        "2026-01-05 00:00",
        "2026-W02-1",
        " 2026-01-05",
        "٢٠٢٦-٠١-٠٥",  # Arabic-Indic digits: a regular expression's \d takes them
        "2026-02-30",
        "",
    ]
    for value in not_dates:
        for endpoint, field in (("receipt", "received_on"), ("event", "decided_on"), ("event", "valid_from")):
            response = send(endpoint, **{field: value})
            assert response.status_code == 422, (endpoint, field, value, response.data)
            assert list(response.json["fields"]) == [field], (endpoint, field, value, response.json)
            message = response.json["fields"][field]
            if not isinstance(value, str):
                assert message.startswith("must be a string"), (value, message)
    assert send("receipt", received_on=clock.today().isoformat()).status_code == 200


def test_a_missing_field_still_says_is_required_and_so_does_null_for_a_required_one(send):
    """Missing and null both mean "no value": a required field says "is required"; an optional
    one is simply left out."""
    for endpoint, path in (
        ("registration", "channel"),
        ("registration", "service"),
        ("registration", "person"),
        ("registration", "person.name"),
        ("registration", "person.national_id"),
        ("receipt", "case_number"),
        ("receipt", "received_on"),
        ("event", "type"),
        ("event", "outcome"),
        ("event", "decided_on"),
        ("event", "summary"),
    ):
        for body in (_changed(send.valid[endpoint], path), _changed(send.valid[endpoint], path, None)):
            response = send(endpoint, body)
            assert response.status_code == 422, (endpoint, path, body)
            assert response.json["fields"] == {path: "is required"}, (endpoint, path, response.json)
    assert send("registration", person__email=None).status_code == 201
    assert send("event", notified_on=None, valid_from=None, valid_to=None).status_code == 201


def test_an_empty_registration_names_each_required_field_as_required(send):
    response = send("registration", {})
    assert response.status_code == 422
    assert response.json["fields"] == {"channel": "is required", "service": "is required", "person": "is required"}


SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
ANY_VALUE = st.lists(JSON, max_size=2) | st.dictionaries(st.text(max_size=8), JSON, max_size=2) | SCALARS


@st.composite
def _bodies(draw) -> tuple[str, dict]:
    """An endpoint, and up to three of its fields (or one it does not have) set to any JSON."""
    endpoint = draw(st.sampled_from(sorted(FIELDS)))
    paths = draw(st.lists(st.sampled_from([*FIELDS[endpoint], "extra"]), min_size=1, max_size=3, unique=True))
    return endpoint, {path: draw(ANY_VALUE) for path in paths}


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@example(sent=("registration", {"service": ["bpa"]}))  # the probe's own
@given(sent=_bodies())
def test_any_json_in_any_field_of_any_body_is_answered_never_with_a_500(send, sent):
    endpoint, changes = sent
    body = send.valid[endpoint]
    for path, value in changes.items():
        if path.startswith("person.") and not isinstance(body.get("person"), dict):
            continue
        body = _changed(body, path, value)
    response = send(endpoint, body)
    assert response.status_code in (200, 201, 422), (endpoint, body, response.data)
    if response.status_code == 422:
        assert response.json["error"] == "invalid" and response.json["fields"]


def _request_schemas(document: dict) -> list[dict]:
    """Every object schema a request body may hold, $refs and oneOf followed."""
    found, waiting = (
        [],
        [
            operation["requestBody"]["content"]["application/json"]["schema"]
            for path in document["paths"].values()
            for operation in path.values()
            if "requestBody" in operation
        ],
    )
    while waiting:
        schema = waiting.pop()
        if "$ref" in schema:
            schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        waiting += schema.get("oneOf", []) + schema.get("allOf", [])
        if "properties" in schema:
            found.append(schema)
            waiting += list(schema["properties"].values())
    return found


def test_the_openapi_document_says_unknown_fields_are_refused_and_how_a_date_is_written(api):
    objects = _request_schemas(api.get("/api/v1/openapi.json").json)
    assert len(objects) >= 3  # the registration, its person, the receipt, the events
    for schema in objects:
        assert schema.get("additionalProperties") is False, schema
        for name, field in schema["properties"].items():
            if field.get("format") == "date":
                assert field["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", name
