"""Drafts and submissions: save at every step, submit once, find only one's own.

Every function takes the acting account and checks that it owns what it touches;
another account's draft or submission is simply not found.
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask_babel import force_locale, gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Account, Attachment, Draft, ReferenceCounter, Submission
from ..rules.references import PREFIXES, format_reference
from . import outbox

DOCUMENT_VERSION = 1


def _now() -> datetime:
    return datetime.now(timezone.utc)


def start_draft(account: Account, service: str) -> Draft:
    now = _now()
    draft = Draft(account_id=account.id, service=service, answers={}, created_at=now, updated_at=now)
    db.session.add(draft)
    db.session.commit()
    return draft


def find_draft(account: Account, public_id: str) -> Draft | None:
    """The account's own draft that has not been sent, or None."""
    return db.session.scalar(
        select(Draft).where(Draft.public_id == public_id, Draft.account_id == account.id)
    )


def drafts_for(account: Account) -> list[Draft]:
    query = (select(Draft).outerjoin(Submission, Submission.draft_id == Draft.id)
             .where(Draft.account_id == account.id, Submission.id.is_(None))
             .order_by(Draft.updated_at.desc()))
    return list(db.session.scalars(query))


def submissions_for(account: Account) -> list[Submission]:
    query = select(Submission).where(Submission.account_id == account.id).order_by(Submission.submitted_at.desc())
    return list(db.session.scalars(query))


def pdf_of(submission: Submission) -> bytes:
    """The stored PDF copy; made now if an older submission has none."""
    if submission.pdf is None:
        from ..documents.submission import render_submission_pdf

        submission.pdf = render_submission_pdf(submission)
        db.session.commit()
    return submission.pdf


def find_submission(account: Account, reference: str) -> Submission | None:
    return db.session.scalar(
        select(Submission).where(Submission.reference == reference, Submission.account_id == account.id)
    )


def save_answers(draft: Draft, step_key: str, answers: dict) -> None:
    # A new dict, so SQLAlchemy sees the JSON column change.
    draft.answers = {**draft.answers, step_key: answers}
    draft.updated_at = _now()
    db.session.commit()


def delete_draft(draft: Draft) -> None:
    db.session.delete(draft)
    db.session.commit()


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


def submit(account: Account, draft: Draft, lang: str) -> Submission:
    """Send the draft. Sending the same draft again returns the first submission."""
    if draft.submission is not None:
        return draft.submission
    now = _now()
    files = list(db.session.scalars(select(Attachment).where(Attachment.draft_id == draft.id).order_by(Attachment.id)))
    submission = Submission(
        reference=_next_reference(PREFIXES[draft.service], now.year),
        kind="application", service=draft.service, account_id=account.id, draft_id=draft.id,
        document={"version": DOCUMENT_VERSION, "kind": "application", "service": draft.service,
                  "language": lang, "submitted_at": now.isoformat(), "answers": draft.answers,
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
        if account.email:
            with force_locale(lang):
                # Only the reference: no identity number and no health details in e-mail.
                outbox.queue(account.email, _("We have received your application"), _(
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
