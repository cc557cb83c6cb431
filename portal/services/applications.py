"""Drafts and submissions: save at every step, submit once.

Who may open a draft or a submission is decided by portal.services.access; the
functions here work on what that has found.
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask_babel import force_locale, gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Account, Attachment, Authority, Draft, ReferenceCounter, Submission
from ..rules.references import PREFIXES, format_reference
from . import authorities, outbox, people

DOCUMENT_VERSION = 1


def _now() -> datetime:
    return datetime.now(timezone.utc)


class CannotApplyFor(PermissionError):
    """The authority does not let the account apply for this service now."""


def start_draft(account: Account, service: str, authority: Authority | None = None) -> Draft:
    """A new draft, for the account itself or for someone it may apply for."""
    if authority is not None and (authority.representative_account_id != account.id
                                  or not authorities.allows(authority, "apply", service)):
        raise CannotApplyFor(service)
    now = _now()
    draft = Draft(account_id=account.id, service=service, answers={}, created_at=now, updated_at=now,
                  authority_id=authority.id if authority else None)
    if authority is None and account.identity_verified:
        draft.answers = {"_prefill": {"person": {"full_name": account.full_name, "national_id": account.national_id}}}
    if authority is not None:
        # What the portal already knows about the two of them, to save typing.
        draft.answers = {"_prefill": {
            "person": {"full_name": authority.person_name, "national_id": authority.person.national_id},
            "representative": {"full_name": authority.representative_name, "email": authority.representative_email,
                               "relation": {"parent": "parent", "verge": "guardian"}.get(authority.basis)}}}
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
    """The stored PDF copy; made now if an older submission has none."""
    if submission.pdf is None:
        from ..documents.submission import render_submission_pdf

        submission.pdf = render_submission_pdf(submission)
        db.session.commit()
    return submission.pdf


def save_answers(draft: Draft, step_key: str, answers: dict) -> None:
    # A new dict, so SQLAlchemy sees the JSON column change.
    draft.answers = {**draft.answers, step_key: answers}
    draft.updated_at = _now()
    db.session.commit()


def delete_draft(draft: Draft) -> None:
    db.session.delete(draft)
    db.session.commit()


def _receipt_addresses(account: Account, answers: dict) -> list[str]:
    """The sender, and for someone else also the person: letters go to both (fvl § 12)."""
    found = [account.email, (answers.get("representative") or {}).get("email"),
             (answers.get("person") or {}).get("email")]
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
    if draft.submission is not None:
        return draft.submission
    now = _now()
    files = list(db.session.scalars(select(Attachment).where(Attachment.draft_id == draft.id).order_by(Attachment.id)))
    answers = answers_of(draft)
    person_answers = answers.get("person") or {}
    person = (people.person_for(person_answers["national_id"], person_answers.get("full_name", ""))
              if person_answers.get("national_id") else None)
    submission = Submission(
        reference=_next_reference(PREFIXES[draft.service], now.year),
        kind="application", service=draft.service, account_id=account.id, draft_id=draft.id,
        person_id=person.id if person else None, authority_id=draft.authority_id,
        document={"version": DOCUMENT_VERSION, "kind": "application", "service": draft.service,
                  "language": lang, "submitted_at": now.isoformat(), "answers": answers,
                  # Whether the sender logged in with electronic ID: an e-mail log-in proves nothing
                  # about who they are, and the municipality should know.
                  "sender": {"identity_verified": account.identity_verified},
                  "representation": representation_of(account, draft),
                  "attachments": [{"id": a.public_id, "kind": a.kind, "filename": a.filename,
                                   "content_type": a.content_type, "size": a.size} for a in files]},
        submitted_at=now, intake_state="new",
    )
    try:
        db.session.add(submission)
        db.session.flush()  # a second request for the same draft stops here (unique draft_id)
        for attachment in files:
            attachment.submission_id = submission.id
        from ..documents.submission import render_submission_pdf

        submission.pdf = render_submission_pdf(submission)
        with force_locale(lang):
            for address in _receipt_addresses(account, answers):
                # Only the reference: no identity number and no health details in e-mail.
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
