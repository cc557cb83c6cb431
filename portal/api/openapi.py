"""The OpenAPI document of the intake API, served at /api/v1/openapi.json. The tests run
schemathesis against it, so it must say exactly what the endpoints do: the request bodies are
described by the same fields that read them (schemas.py)."""

from __future__ import annotations

from ..rules import archive as archive_rules, case_status
from ..rules.services import SERVICES
from . import schemas

DATE = {"type": "string", "format": "date"}
MOMENT = {"type": "string", "format": "date-time"}
TEXT = {"type": "string"}
NULLABLE_TEXT = {"type": ["string", "null"]}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
REFERENCE = {
    "name": "reference",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "maxLength": 40},
    "description": "A submission's or case's reference, like SK-2026-000123.",
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "401": _json(_ref("Error"), "No valid token."),
    "403": _json(_ref("Error"), "The token lacks the right for this."),
}
NOT_FOUND = {"404": _json(_ref("Error"), "Nothing has that reference.")}
INVALID = {"422": _json(_ref("Error"), "The request is not valid; `fields` names each field and what is wrong.")}
ZIP = {
    "description": "The archive package: a zip with `arkivmelding.xml` (Fiks Arkiv V1, "
    "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett) and the files it names.",
    "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
}
PDF = {"description": "The PDF.", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Støttekontakt portal: intake API",
            "version": "1.0.0",
            "description": "For the municipality's case-management system: pull new submissions with their PDF "
            "and attachments, register paper and phone submissions, acknowledge intake and record "
            "what happens in each case. Lists are oldest first and paged by cursor.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/submissions": {
                "get": {
                    "operationId": "listSubmissions",
                    "summary": "List submissions, oldest first",
                    "parameters": [
                        {"name": "state", "in": "query", "schema": {"enum": ["new", "received"]}},
                        {
                            "name": "after",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "The `next` cursor of the previous page.",
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50},
                        },
                    ],
                    "responses": {"200": _json(_ref("SubmissionPage"), "A page of submissions."), **ERRORS, **INVALID},
                },
                "post": {
                    "operationId": "registerSubmission",
                    "summary": "Register a submission that came on paper or by phone",
                    "description": "With an `Idempotency-Key` header, the same key from the same token registers "
                    "once: a repeat answers 200 with the first submission and "
                    "`Idempotent-Replayed: true`; the key with different details answers 409.",
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "schema": {"type": "string", "minLength": 1, "maxLength": 200},
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("Registration")}},
                    },
                    "responses": {
                        "201": _json(
                            _ref("Registered"),
                            "Registered; the person can follow it once they log in with electronic ID.",
                        ),
                        "200": _json(_ref("Registered"), "Registered before with this Idempotency-Key."),
                        "409": _json(_ref("Error"), "The Idempotency-Key was used for different details."),
                        **ERRORS,
                        **INVALID,
                    },
                },
            },
            "/api/v1/submissions/{reference}": {
                "get": {
                    "operationId": "getSubmission",
                    "summary": "The full submission document",
                    "parameters": [REFERENCE],
                    "responses": {"200": _json(_ref("Submission"), "The submission."), **ERRORS, **NOT_FOUND},
                },
            },
            "/api/v1/submissions/{reference}/pdf": {
                "get": {
                    "operationId": "getSubmissionPdf",
                    "summary": "The PDF rendering",
                    "parameters": [REFERENCE],
                    "responses": {"200": PDF, **ERRORS, **NOT_FOUND},
                },
            },
            "/api/v1/submissions/{reference}/attachments/{id}": {
                "get": {
                    "operationId": "getAttachment",
                    "summary": "One attachment",
                    "parameters": [
                        REFERENCE,
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 40}},
                    ],
                    "responses": {
                        "200": {
                            "description": "The file, as PDF, JPEG or PNG.",
                            "content": {
                                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                                "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                                "image/png": {"schema": {"type": "string", "format": "binary"}},
                            },
                        },
                        **ERRORS,
                        **NOT_FOUND,
                    },
                },
            },
            "/api/v1/submissions/{reference}/archive-package": {
                "get": {
                    "operationId": "getArchivePackage",
                    "summary": "The submission as a Noark 5 record for the archive",
                    "description": "A zip: `arkivmelding.xml` (a `saksmappe` per case with the person as `part`; "
                    "a `journalpost` of type I with the sender as `korrespondansepart`; the PDF copy as main "
                    "document and each attachment as an appendix, each with its SHA-256 checksum and size; "
                    "screened with access code 13, offl. § 13 with fvl. § 13) and the files it names. An "
                    "appeal of a case in the portal is a record in that case's folder.",
                    "parameters": [REFERENCE],
                    "responses": {"200": ZIP, **ERRORS, **NOT_FOUND},
                },
            },
            "/api/v1/submissions/{reference}/archived": {
                "post": {
                    "operationId": "confirmArchived",
                    "summary": "The archive confirms it has the record",
                    "description": "The archive's case and record numbers, stored and shown with the "
                    "submission. The same confirmation again answers 200 and changes nothing; other numbers "
                    "for a confirmed submission answer 409.",
                    "parameters": [REFERENCE],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("Archived")}}},
                    "responses": {
                        "200": _json(_ref("ArchiveConfirmed"), "Confirmed."),
                        "409": _json(_ref("Error"), "Confirmed before with other numbers."),
                        **ERRORS,
                        **NOT_FOUND,
                        **INVALID,
                    },
                },
            },
            "/api/v1/submissions/{reference}/receipt": {
                "post": {
                    "operationId": "acknowledgeSubmission",
                    "summary": "Acknowledge intake",
                    "description": "`received_on` must not be in the future (a day ahead is allowed for clock "
                    "skew) nor before the submission was sent; a paper or phone submission may be dated up to "
                    "a year before it was registered.",
                    "parameters": [REFERENCE],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("Receipt")}}},
                    "responses": {
                        "200": _json(_ref("SubmissionSummary"), "Marked as received."),
                        **ERRORS,
                        **NOT_FOUND,
                        **INVALID,
                    },
                },
            },
            "/api/v1/cases/{reference}": {
                "get": {
                    "operationId": "getCase",
                    "summary": "Status, events, decision and the deadlines that run",
                    "parameters": [REFERENCE],
                    "responses": {"200": _json(_ref("Case"), "The case."), **ERRORS, **NOT_FOUND},
                },
            },
            "/api/v1/cases/{reference}/events": {
                "post": {
                    "operationId": "recordEvent",
                    "summary": "Record what happened in a case",
                    "description": "With an `Idempotency-Key` header, the same key for the same case records the "
                    "event once: a repeat answers 200 with the first event and "
                    "`Idempotent-Replayed: true`; the key with a different event answers 409.\n\n"
                    "Every day is checked against the case, and a wrong one is a 422 naming the field: a day "
                    "something was done is not in the future (a day ahead is allowed for clock skew); a "
                    "decision is not before the application was received; an appeal is not received before "
                    "the decision, nor sent on or decided before it was received; `expected_by` is not "
                    "before receipt nor more than two years ahead.\n\n"
                    "A decision given without reasons (`with_reasons: false`, fvl § 24 second paragraph) "
                    "can be followed by `reasons_requested` (the person demanded them, on or before the "
                    "last day to appeal), which interrupts the appeal deadline, then `reasons_given` (the "
                    "day the reasons reached the person): a new appeal deadline of the service's full "
                    "period runs from that day (fvl § 29 third paragraph). `bpa_right: true` records that "
                    "the decision assesses the right to BPA (pbrl § 2-1 d), granted or refused, in a BPA case "
                    "only.",
                    "parameters": [
                        REFERENCE,
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "schema": {"type": "string", "minLength": 1, "maxLength": 200},
                        },
                    ],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("EventBody")}}},
                    "responses": {
                        "201": _json(_ref("Recorded"), "Recorded."),
                        "200": _json(_ref("Recorded"), "Recorded before with this Idempotency-Key."),
                        "409": _json(_ref("Error"), "The Idempotency-Key was used for a different event."),
                        **ERRORS,
                        **NOT_FOUND,
                        **INVALID,
                    },
                },
            },
        },
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "flask --app portal create-api-token --name NAME",
                }
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "message"],
                    "properties": {
                        "error": TEXT,
                        "message": TEXT,
                        "fields": {"type": "object", "additionalProperties": TEXT},
                    },
                },
                "SubmissionSummary": {
                    "type": "object",
                    "required": [
                        "reference",
                        "kind",
                        "service",
                        "channel",
                        "state",
                        "submitted_at",
                        "appeals",
                        "links",
                    ],
                    "properties": {
                        "reference": TEXT,
                        "kind": {"enum": ["application", "appeal", "volunteer"]},
                        "service": {"enum": list(SERVICES)},
                        "channel": {"enum": ["online", "paper", "phone"]},
                        "state": {"enum": ["new", "received"]},
                        "submitted_at": MOMENT,
                        "appeals": {**NULLABLE_TEXT, "description": "For an appeal: the reference it appeals."},
                        "links": {
                            "type": "object",
                            "required": ["self", "pdf", "archive_package", "case"],
                            "properties": {
                                "self": TEXT,
                                "pdf": TEXT,
                                "archive_package": TEXT,
                                "case": NULLABLE_TEXT,
                            },
                        },
                    },
                },
                "SubmissionPage": {
                    "type": "object",
                    "required": ["items", "next"],
                    "properties": {
                        "items": {"type": "array", "items": _ref("SubmissionSummary")},
                        "next": {
                            **NULLABLE_TEXT,
                            "description": "Pass as `after` for the next page; null on the last.",
                        },
                    },
                },
                "Submission": {
                    "allOf": [
                        _ref("SubmissionSummary"),
                        {
                            "type": "object",
                            "required": ["person", "document", "archive", "disputed", "attachments"],
                            "properties": {
                                "archive": _ref("ArchiveState"),
                                "disputed": _ref("Disputed"),
                                "person": {
                                    "type": ["object", "null"],
                                    "properties": {"name": NULLABLE_TEXT, "national_id": NULLABLE_TEXT},
                                },
                                "document": {"type": "object", "description": "The versioned document as it was sent."},
                                "attachments": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["id", "filename", "content_type", "size", "href"],
                                        "properties": {
                                            "id": TEXT,
                                            "kind": TEXT,
                                            "filename": TEXT,
                                            "content_type": TEXT,
                                            "size": {"type": "integer"},
                                            "href": TEXT,
                                        },
                                    },
                                },
                            },
                        },
                    ]
                },
                "ArchiveState": {
                    "type": "object",
                    "required": ["state", "case_number", "record_number"],
                    "properties": {
                        "state": {
                            "enum": list(archive_rules.STATES),
                            "description": "pending: waiting to go; sent: the archive took it; confirmed: the "
                            "archive gave its numbers; failed: five or more failures in a row (still tried).",
                        },
                        "case_number": NULLABLE_TEXT,
                        "record_number": NULLABLE_TEXT,
                    },
                },
                "Disputed": {
                    "type": ["object", "null"],
                    "required": ["on", "comment"],
                    "properties": {"on": DATE, "comment": NULLABLE_TEXT},
                    "description": "Sent by someone who logged in with e-mail only (document.sender."
                    "identity_verified false), and the person it is about, logged in with electronic ID, "
                    "said on this day that they did not send it, with what they wrote (or null). The "
                    "submission stands: the municipality must find out who sent it. Null when not disputed.",
                },
                "Archived": schemas.ARCHIVED.schema(),
                "ArchiveConfirmed": {
                    "type": "object",
                    "required": ["reference", "archive"],
                    "properties": {"reference": TEXT, "archive": _ref("ArchiveState")},
                },
                "Registration": schemas.REGISTRATION.schema(),
                "Registered": {"allOf": [_ref("SubmissionSummary")]},
                "Receipt": schemas.RECEIPT.schema(),
                "EventBody": schemas.EVENT.schema(),
                "Event": {
                    "type": "object",
                    "required": ["id", "type", "occurred_on", "recorded_at"],
                    "properties": {
                        "id": {"type": "integer"},
                        "type": {"enum": list(case_status.STORED_EVENT_TYPES)},
                        "occurred_on": DATE,
                        "recorded_at": MOMENT,
                    },
                },
                "Deadline": {
                    "type": "object",
                    "required": ["kind", "due", "basis"],
                    "properties": {
                        "kind": {
                            "enum": [
                                "reply",
                                "appeal",
                                "late_appeal",
                                "decision_end",
                                "reapply",
                                "appeal_reply",
                                "appeal_expected",
                            ]
                        },
                        "due": DATE,
                        "basis": {
                            **NULLABLE_TEXT,
                            "description": 'The legal source, like "pbrl § 7-5"; null for `reapply`, the '
                            "portal's advice to apply again a month before a time-limited decision ends, "
                            "which no law sets.",
                        },
                    },
                },
                "Case": {
                    "type": "object",
                    "required": [
                        "reference",
                        "service",
                        "case_number",
                        "status",
                        "disputed",
                        "received_on",
                        "events",
                        "decision",
                        "appeal",
                        "deadlines",
                    ],
                    "properties": {
                        "reference": TEXT,
                        "service": {"enum": list(SERVICES)},
                        "case_number": NULLABLE_TEXT,
                        "status": {"enum": list(case_status.STATUSES)},
                        "disputed": _ref("Disputed"),
                        "received_on": DATE,
                        "events": {"type": "array", "items": _ref("Event")},
                        "decision": {
                            "type": ["object", "null"],
                            "properties": {
                                "outcome": {"enum": list(case_status.OUTCOMES)},
                                "decided_on": DATE,
                                "notified_on": NULLABLE_DATE,
                                "hours": {"type": ["integer", "null"]},
                                "per": {"enum": [*case_status.PER, None]},
                                "form": {"enum": [*case_status.FORMS, None]},
                                "valid_from": NULLABLE_DATE,
                                "valid_to": NULLABLE_DATE,
                                "summary": TEXT,
                                "with_reasons": {"type": "boolean"},
                                "bpa_right": {"type": "boolean"},
                                "reasons_requested_on": NULLABLE_DATE,
                                "reasons_given_on": NULLABLE_DATE,
                            },
                        },
                        "appeal": {
                            "type": ["object", "null"],
                            "properties": {
                                "sent_on": {
                                    **NULLABLE_DATE,
                                    "description": "The day the appeal was sent in the portal; received_on stays "
                                    "null until the municipality registers it (appeal_received).",
                                },
                                "received_on": NULLABLE_DATE,
                                "forwarded_on": NULLABLE_DATE,
                                "outcome": {"enum": [*case_status.APPEAL_OUTCOMES, None]},
                            },
                        },
                        "deadlines": {"type": "array", "items": _ref("Deadline")},
                    },
                },
                "Recorded": {
                    "type": "object",
                    "required": ["event", "case"],
                    "properties": {"event": _ref("Event"), "case": _ref("Case")},
                },
            },
        },
    }
