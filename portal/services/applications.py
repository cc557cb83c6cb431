"""Drafts and submissions: save at every step, submit once.

Who may open a draft or a submission is decided by portal.services.access; the
functions here work on what that has found.
"""
from __future__ import annotations

from flask_babel import force_locale, gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Account, Attachment, Authority, Draft, ReferenceCounter, Submission
from ..rules import clock
from ..rules.clock import local_day
from ..rules.references import APPEAL_PREFIX, PREFIXES, VOLUNTEER_PREFIX, format_reference
from . import authorities, outbox, people

DOCUMENT_VERSION = 1


class CannotApplyFor(PermissionError):
    """The authority does not let the account apply for this service now."""


def start_draft(account: Account, service: str, authority: Authority | None = None, *, kind: str = "application",
                appeals_reference: str | None = None) -> Draft:
    """A new draft, for the account itself or for someone it may apply (or appeal) for."""
    scope = "appeal" if kind == "appeal" else "apply"
    if authority is not None and (authority.representative_account_id != account.id
                                  or not authorities.allows(authority, scope, service)):
        raise CannotApplyFor(service)
    now = clock.now()
    draft = Draft(account_id=account.id, service=service, kind=kind, appeals_reference=appeals_reference,
                  answers={}, created_at=now, updated_at=now, authority_id=authority.id if authority else None)
    if kind == "volunteer":
        draft.answers = {"_prefill": {"about_you": {"full_name": account.full_name, "email": account.email,
                                                    "national_id": account.national_id if account.identity_verified
                                                    else None}}}
    elif authority is None and account.identity_verified:
        draft.answers = {"_prefill": {"person": {"full_name": account.full_name, "national_id": account.national_id}}}
    if authority is not None:
        # What the portal already knows about the two of them, to save typing.
        draft.answers = {"_prefill": {
            "person": {"full_name": authority.person_name, "national_id": authority.person.national_id},
            "representative": {"full_name": authority.representative_name, "email": authority.representative_email,
                               "relation": {"parent": "parent", "verge": "guardian", "ombud": "organisation"}.get(authority.basis)}}}
    db.session.add(draft)
    db.session.commit()
    return draft


def drafts_for(account: Account) -> list[Draft]:
    query = (select(Draft).outerjoin(Submission, Submission.draft_id == Draft.id)
             .where(Draft.account_id == account.id, Submission.id.is_(None))
             .order_by(Draft.updated_at.desc()))
    return list(db.session.scalars(query))


def submissions_for(account: Account) -> list[Submission]:
    """What the account sent, for itself or for others."""
    query = select(Submission).where(Submission.account_id == account.id).order_by(Submission.submitted_at.desc())
    return list(db.session.scalars(query))


def sent_by_others_about(account: Account) -> list[Submission]:
    """What others (a representative, or the office for a paper application) sent about
    the person this verified account is."""
    person = people.self_of(account)
    if person is None:
        return []
    query = (select(Submission).where(Submission.person_id == person.id, Submission.account_id.is_distinct_from(account.id))
             .order_by(Submission.submitted_at.desc()))
    return list(db.session.scalars(query))


def pdf_of(submission: Submission) -> bytes:
    """The stored PDF copy; made now if it has not been made yet."""
    if submission.pdf is None:
        from ..documents.submission import render_submission_pdf

        submission.pdf = render_submission_pdf(submission)
        db.session.commit()
    return submission.pdf


def render_pending_pdfs(limit: int) -> int:
    """Make the PDF copies not made yet, oldest first, one commit each. Returns how many."""
    made = 0
    for submission_id in db.session.scalars(select(Submission.id).where(Submission.pdf.is_(None))
                                            .order_by(Submission.id).limit(limit)).all():
        pdf_of(db.session.get(Submission, submission_id))
        made += 1
    return made


def save_answers(draft: Draft, step_key: str, answers: dict) -> None:
    # A new dict, so SQLAlchemy sees the JSON column change.
    draft.answers = {**draft.answers, step_key: answers}
    draft.updated_at = clock.now()
    db.session.commit()


def delete_draft(draft: Draft) -> None:
    db.session.delete(draft)
    db.session.commit()


def _receipt_addresses(account: Account, answers: dict) -> list[str]:
    """The sender, and for someone else also the person: letters go to both (fvl § 12)."""
    found = [account.email, (answers.get("representative") or {}).get("email"),
             (answers.get("person") or {}).get("email"), (answers.get("about_you") or {}).get("email")]
    return list(dict.fromkeys(a.strip().lower() for a in found if a))


def _next_reference(prefix: str, year: int) -> str:
    counter = db.session.scalar(
        select(ReferenceCounter).where(ReferenceCounter.prefix == prefix, ReferenceCounter.year == year)
        .with_for_update()
    )
    if counter is None:
        counter = ReferenceCounter(prefix=prefix, year=year, last=0)
        db.session.add(counter)
    counter.last += 1
    return format_reference(prefix, year, counter.last)


def answers_of(draft: Draft) -> dict:
    """The answers the person gave, without the portal's own notes."""
    return {key: value for key, value in draft.answers.items() if not key.startswith("_")}


def answers_for_page(draft: Draft, step_key: str) -> dict | None:
    """What a page shows: what was saved, or else what the portal knows already."""
    return draft.answers.get(step_key) or (draft.answers.get("_prefill") or {}).get(step_key)


def representation_of(account: Account, draft: Draft) -> dict | None:
    """For the document: on what basis the account applied for someone else, and who it is."""
    authority = draft.authority
    if authority is None:
        return None
    given = draft.answers.get("representative") or {}
    return {
        "basis": authority.basis, "proof": authority.proof, "authority": authority.public_id,
        "state": authorities.state_of(authority), "scopes": list(authority.scopes),
        "valid_until": authority.valid_until.isoformat() if authority.valid_until else None,
        "young_person_consent": ({"name": authority.young_person_consent_name,
                                  "confirmed_at": authority.young_person_consent_at.isoformat()}
                                 if authority.young_person_consent_at else None),
        "representative": {"name": given.get("full_name"), "national_id": account.national_id,
                           "phone": given.get("phone"), "email": given.get("email"),
                           "relation": given.get("relation")},
    }


def submit(account: Account, draft: Draft, lang: str) -> Submission:
    """Send the draft. Sending the same draft again returns the first submission."""
    from . import appeals, cases

    if draft.submission is not None:
        return draft.submission
    now = clock.now()
    files = list(db.session.scalars(select(Attachment).where(Attachment.draft_id == draft.id).order_by(Attachment.id)))
    answers = answers_of(draft)
    appealed = appeals.check_still_open(draft) if draft.kind == "appeal" else None
    if appealed is not None:
        person = appealed.person
    elif draft.kind == "volunteer":
        # Linked only to a number the identity provider vouched for (it is the account's own).
        person = _person_in(answers, "about_you") if account.identity_verified else None
    else:
        person = _person_in(answers)
    prefix = {"appeal": APPEAL_PREFIX, "volunteer": VOLUNTEER_PREFIX}.get(draft.kind) or PREFIXES[draft.service]
    document = {"version": DOCUMENT_VERSION, "kind": draft.kind, "service": draft.service, "channel": "online",
                "language": lang, "submitted_at": now.isoformat(), "answers": answers,
                # Whether the sender logged in with electronic ID: an e-mail log-in proves nothing
                # about who they are, and the municipality should know.
                "sender": {"identity_verified": account.identity_verified},
                "representation": representation_of(account, draft),
                "attachments": [{"id": a.public_id, "kind": a.kind, "filename": a.filename,
                                 "content_type": a.content_type, "size": a.size} for a in files]}
    if draft.kind == "appeal":
        document["appeals"] = appeals.details(draft, appealed, now)
    submission = Submission(
        reference=_next_reference(prefix, local_day(now).year), kind=draft.kind, service=draft.service,
        account_id=account.id, draft_id=draft.id, person_id=person.id if person else None,
        authority_id=draft.authority_id,
        # Only an appeal started from a case in the portal names it: a number typed for a
        # decision made outside the portal stays in the document and links to nothing.
        appeals_reference=draft.appeals_reference if draft.kind == "appeal" else None,
        document=document, submitted_at=now, intake_state="new",
    )
    try:
        db.session.add(submission)
        db.session.flush()  # a second request for the same draft stops here (unique draft_id)
        for attachment in files:
            attachment.submission_id = submission.id
        if draft.kind == "appeal":
            if appealed is not None:
                # Sent electronically to the municipality: received now (fvl § 30).
                cases.record_event(appealed, "appeal_received", {"received_on": local_day(now).isoformat()},
                                   account=account, commit=False)
        elif draft.kind == "volunteer":
            from . import volunteers

            volunteers.create_from(submission, account)
        else:
            cases.open_case(submission)
        # The PDF copy is made from the stored document outside this request (render-pdfs),
        # or when first asked for: sending stays quick, and the copy is the same either way.
        with force_locale(lang):
            for address in _receipt_addresses(account, answers):
                # Only the reference: no identity number and no health details in e-mail.
                if draft.kind == "volunteer":
                    outbox.queue(address, _("We have received your application to become a support contact"), _(
                        "Thank you for wanting to be a support contact. Your reference is %(reference)s.\n\n"
                        "We will contact you about an interview.", reference=submission.reference))
                elif draft.kind == "appeal":
                    outbox.queue(address, _("We have received your appeal"), _(
                        "We have received your appeal. Its reference is %(reference)s.\n\n"
                        "Log in to see what you sent and what happens next.", reference=submission.reference))
                else:
                    outbox.queue(address, _("We have received your application"), _(
                        "We have received your application. Its reference is %(reference)s.\n\n"
                        "Log in to see what you sent and what happens next.", reference=submission.reference))
        db.session.commit()
    except IntegrityError:
        # Another request sent the same draft a moment ago: use that submission.
        db.session.rollback()
        existing = db.session.scalar(select(Submission).where(Submission.draft_id == draft.id))
        if existing is None:
            raise
        return existing
    return submission


def _person_in(answers: dict, key: str = "person"):
    given = answers.get(key) or {}
    return people.person_for(given["national_id"], given.get("full_name", "")) if given.get("national_id") else None


class RegistrationConflict(ValueError):
    """The Idempotency-Key was used before for a different registration."""


def register(channel: str, service: str, name: str, national_id: str, email: str = "", *,
             token=None, idempotency_key: str | None = None) -> tuple[Submission, bool]:
    """A submission that came on paper or by phone, registered by the case-management
    system: it gets a reference and a case, and the person can follow it once they log in
    with electronic ID. With an Idempotency-Key, a repeat gives back the first (and False)."""
    import hashlib
    import json

    from ..models import ApiRegistration
    from . import cases

    fingerprint = hashlib.sha256(json.dumps([channel, service, name, national_id, email]).encode()).hexdigest()
    if idempotency_key and token is not None:
        earlier = db.session.scalar(select(ApiRegistration).where(
            ApiRegistration.token_id == token.id, ApiRegistration.idempotency_key == idempotency_key))
        if earlier is not None:
            if earlier.request_hash != fingerprint:
                raise RegistrationConflict(idempotency_key)
            return db.session.get(Submission, earlier.submission_id), False
    now = clock.now()
    person = people.person_for(national_id, name)
    submission = Submission(
        reference=_next_reference(PREFIXES[service], local_day(now).year), kind="application", service=service,
        person_id=person.id, submitted_at=now, intake_state="new",
        document={"version": DOCUMENT_VERSION, "kind": "application", "service": service, "channel": channel,
                  "language": "nb", "submitted_at": now.isoformat(),
                  "answers": {"person": {"full_name": name, "national_id": person.national_id, "email": email}},
                  "attachments": []})
    db.session.add(submission)
    db.session.flush()
    cases.open_case(submission)
    if idempotency_key and token is not None:
        db.session.add(ApiRegistration(token_id=token.id, idempotency_key=idempotency_key, request_hash=fingerprint,
                                       submission_id=submission.id, created_at=now))
    try:
        db.session.commit()
    except IntegrityError:
        # The same key a moment ago in another request: answer as a repeat of that one.
        db.session.rollback()
        return register(channel, service, name, national_id, email, token=token, idempotency_key=idempotency_key)
    return submission, True
