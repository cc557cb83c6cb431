"""The intake API's endpoints: thin, over portal.services; errors are JSON that name the field."""

from __future__ import annotations

from functools import wraps

from flask import abort, g, jsonify, request
from werkzeug.exceptions import BadRequest

from .. import copies
from ..archive.package import filename_of, package_of
from ..downloads import private_file
from ..extensions import csrf
from ..rules import text
from ..rules.files import extension_for
from ..services import access, api_tokens, archive, attachments, cases, intake, submissions as sent
from . import bp, schemas
from .openapi import document

csrf.exempt(bp)


def error(status: int, code: str, message: str, fields: dict | None = None, headers: dict | None = None):
    body = {"error": code, "message": message}
    if fields:
        body["fields"] = fields
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def requires(right: str):
    """A valid bearer token with the right (read or write); 401 without one, 403 without the right."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            header = request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            record = api_tokens.find(token.strip()) if scheme.lower() == "bearer" else None
            if record is None:
                return error(
                    401,
                    "unauthorized",
                    "Send a valid API token: Authorization: Bearer <token>.",
                    headers={"WWW-Authenticate": 'Bearer realm="intake"'},
                )
            if right not in record.rights:
                return error(403, "forbidden", f"This token does not have the right to {right}.")
            g.api_token = record
            return view(*args, **kwargs)

        return wrapper

    return decorator


NUL_PROBLEM = "contains a NUL character, which cannot be stored; remove it"
NAME_PROBLEMS = {
    "digits": "must not contain digits: a name has letters, spaces, hyphens, apostrophes and full stops, "
    "and the identity number goes in national_id",
    "characters": "may have only letters, spaces, hyphens, apostrophes and full stops",
    "length": f"can be at most {text.NAME_MAX_LENGTH} characters",
}


def _body():
    """The JSON body with every string in it cleaned (portal.rules.text); a NUL anywhere is
    refused (schemas.Invalid, answered 422 by each endpoint) naming where it is."""
    try:
        body = request.get_json(force=True, silent=False)
    except BadRequest:
        return None
    body, unstorable = text.clean_json(body)
    if unstorable:
        raise schemas.Invalid(dict.fromkeys(unstorable, NUL_PROBLEM))
    return body


def _person_name(name: str) -> None:
    problem = text.name_problem(name)
    if problem:
        raise schemas.Invalid({"person.name": NAME_PROBLEMS[problem]})


def _submission_or_404(reference: str, action: str | None = None):
    """The submission (its read logged when `action` names one), or a JSON 404 that ends the request."""
    found = intake.find(reference) if action is None else access.submission_for_staff(g.api_token, reference, action)
    if found is None:
        abort(_not_found("submission", reference))
    return found


def _not_found(what: str, reference: str):
    return error(404, "not_found", f"No {what} has the reference {reference}.")


@bp.route("/openapi.json")
def openapi():
    return jsonify(document())


@bp.route("/submissions")
@requires("read")
def submissions():
    fields = {}
    state = request.args.get("state")
    if state not in (None, "new", "received"):
        fields["state"] = 'must be "new" or "received"'
    try:
        limit = int(request.args.get("limit", intake.PAGE_SIZE))
        if not 1 <= limit <= 100:
            raise ValueError
    except ValueError:
        fields["limit"] = "must be a whole number from 1 to 100"
    if fields:
        return error(422, "invalid", "The query is not valid.", fields)
    try:
        rows, following = intake.page(intake.Filters(intake_state=state), request.args.get("after"), limit)
    except intake.BadCursor:
        return error(422, "invalid", "The query is not valid.", {"after": "is not a cursor this API gave out"})
    links = schemas.summary_links()
    return jsonify({"items": [schemas.submission_summary(r.submission, links) for r in rows], "next": following})


@bp.route("/submissions", methods=["POST"])
@requires("write")
def register():
    try:
        data = schemas.registration(_body())
        _person_name(data["person"]["name"])
    except schemas.Invalid as invalid:
        return error(422, "invalid", "The submission is not valid.", invalid.fields)
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 1 <= len(key) <= 200:
        return error(
            422,
            "invalid",
            "The Idempotency-Key header is not valid.",
            {"Idempotency-Key": "must be 1 to 200 characters"},
        )
    person = data["person"]
    try:
        submission, created = sent.register_offline(
            data["channel"],
            data["service"],
            person["name"],
            person["national_id"],
            person["email"],
            token=g.api_token,
            idempotency_key=key,
        )
    except sent.RegistrationConflict:
        return error(409, "conflict", "This Idempotency-Key was used before for a different submission.")
    response = jsonify({"reference": submission.reference, **schemas.submission_summary(submission)})
    response.status_code = 201 if created else 200
    response.headers["Location"] = schemas.submission_summary(submission)["links"]["self"]
    if not created:
        response.headers["Idempotent-Replayed"] = "true"
    return response


@bp.route("/submissions/<reference>")
@requires("read")
def submission(reference: str):
    found = _submission_or_404(reference, "submission.view")
    return jsonify(schemas.submission_full(found))


@bp.route("/submissions/<reference>/pdf")
@requires("read")
def submission_pdf(reference: str):
    found = _submission_or_404(reference, "submission.pdf")
    return private_file(copies.pdf_of(found), "application/pdf", f"{found.reference}.pdf")


@bp.route("/submissions/<reference>/attachments/<attachment_id>")
@requires("read")
def attachment(reference: str, attachment_id: str):
    found = intake.find(reference)
    file = attachments.find(attachment_id)
    if found is None or file is None or file.submission_id != found.id:
        return error(404, "not_found", f"Submission {reference} has no attachment {attachment_id}.")
    access.submission_read_by_staff(g.api_token, found, "attachment.download")
    return private_file(
        attachments.read(file), file.content_type, f"{file.public_id}.{extension_for(file.content_type)}"
    )


@bp.route("/submissions/<reference>/archive-package")
@requires("read")
def archive_package(reference: str):
    found = _submission_or_404(reference, "submission.archive_package")
    return private_file(package_of(found), "application/zip", filename_of(found))


@bp.route("/submissions/<reference>/archived", methods=["POST"])
@requires("write")
def archived(reference: str):
    found = _submission_or_404(reference)
    try:
        case_number, record_number = schemas.archived(_body())
    except schemas.Invalid as invalid:
        return error(422, "invalid", "The confirmation is not valid.", invalid.fields)
    try:
        archive.confirm(found, case_number, record_number)
    except archive.ConfirmationConflict:
        return error(409, "conflict", "The archive confirmed this submission before with other numbers; they are kept.")
    return jsonify({"reference": found.reference, "archive": archive.summary(found)})


@bp.route("/submissions/<reference>/receipt", methods=["POST"])
@requires("write")
def receipt(reference: str):
    found = _submission_or_404(reference)
    try:
        number, received_on = schemas.receipt(_body())
    except schemas.Invalid as invalid:
        return error(422, "invalid", "The receipt is not valid.", invalid.fields)
    try:
        cases.check_receipt(found, received_on)
    except cases.EventInvalid as invalid:
        return error(422, "invalid", "The receipt is not valid.", schemas.event_problems(invalid.problems))
    case = cases.find(found.reference)
    if not (found.intake_state == "received" and (case is None or case.case_number == number)):
        cases.receive(found, number, received_on, token=g.api_token)
    return jsonify(schemas.submission_summary(found))


@bp.route("/cases/<reference>")
@requires("read")
def case(reference: str):
    found = cases.find(reference)
    if found is None:
        return _not_found("case", reference)
    access.case_read_by_staff(g.api_token, found)
    events = cases.events_of(found)
    return jsonify(schemas.case_json(found, cases.summary_of(found, events), events))


@bp.route("/cases/<reference>/events", methods=["POST"])
@requires("write")
def record_event(reference: str):
    found = cases.find(reference)
    if found is None:
        return _not_found("case", reference)
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 1 <= len(key) <= 200:
        return error(
            422,
            "invalid",
            "The Idempotency-Key header is not valid.",
            {"Idempotency-Key": "must be 1 to 200 characters"},
        )
    try:
        kind, data = schemas.event(_body())
        event, created = cases.record_event(found, kind, data, token=g.api_token, idempotency_key=key)
    except schemas.Invalid as invalid:
        return error(422, "invalid", "The event is not valid.", invalid.fields)
    except cases.EventInvalid as invalid:
        return error(422, "invalid", "The event is not valid.", schemas.event_problems(invalid.problems))
    except cases.IdempotencyConflict:
        return error(409, "conflict", "This Idempotency-Key was used before for a different event.")
    access.case_read_by_staff(g.api_token, found, "case.event")
    events = cases.events_of(found)
    response = jsonify(
        {"event": schemas.event_json(event), "case": schemas.case_json(found, cases.summary_of(found, events), events)}
    )
    response.status_code = 201 if created else 200
    if not created:
        response.headers["Idempotent-Replayed"] = "true"
    return response
