"""A submission about a person, sent by someone who logged in with e-mail only: shown to the
person as such, and their word that it was not theirs ("this was not me"), kept beside it for
the municipality to look into. Nothing is deleted or hidden: the person keeps seeing the case."""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import AnonymousUserMixin
from sqlalchemy import select

from ..extensions import db
from ..models import Account, Submission, SubmissionDispute
from ..rules import clock
from ..rules.clock import local_day
from ..rules.privacy import masked_email
from . import access_log, intake, people
from .access import NotFound
from .transaction import transaction


@dataclass(frozen=True)
class UnverifiedSender:
    """What the person is told about who sent it: the sender's e-mail address masked (never in
    full: it may be a stranger's), or None when the account is gone; and what they said."""

    email: str | None
    dispute: SubmissionDispute | None


def sent_unverified(submission: Submission) -> bool:
    """Sent in the portal by an account whose identity no identity provider vouched for."""
    sender = (submission.document or {}).get("sender") or {}
    return submission.channel == "online" and sender.get("identity_verified") is False


def may_dispute(account: Account, submission: Submission) -> bool:
    """Only the person it is about, by a verified identity, and not the account that sent it
    (nor anyone acting for the person: it is the person's word)."""
    return (
        submission.kind != "volunteer"
        and sent_unverified(submission)
        and submission.account_id != account.id
        and people.is_person(account, submission.person)
    )


def of(submission: Submission) -> SubmissionDispute | None:
    return db.session.scalar(select(SubmissionDispute).where(SubmissionDispute.submission_id == submission.id))


def summary(submission: Submission) -> dict | None:
    """For the API and the caseworker: {"on": day, "comment": text or None}, or None."""
    found = submission.dispute
    if found is None:
        return None
    return {"on": local_day(found.disputed_at).isoformat(), "comment": found.comment}


def unverified_sender(account: Account, submission: Submission) -> UnverifiedSender | None:
    """For the person's pages: who sent it, when an unverified account sent it about them."""
    if not may_dispute(account, submission):
        return None
    sender = db.session.get(Account, submission.account_id) if submission.account_id is not None else None
    return UnverifiedSender(
        email=masked_email(sender.email) if sender is not None and sender.email else None,
        dispute=of(submission),
    )


def unverified_senders(account: Account, found: list[Submission]) -> dict[int, UnverifiedSender]:
    """The same, by submission id, for those of a list sent by unverified accounts about the person."""
    shown = {}
    for submission in found:
        sender = unverified_sender(account, submission)
        if sender is not None:
            shown[submission.id] = sender
    return shown


def to_dispute(actor, reference: str) -> Submission:
    """The submission, for the person it is about to say it was not theirs; NotFound for
    anyone else (the sender, a representative, a stranger): they learn nothing."""
    if actor is None or isinstance(actor, AnonymousUserMixin) or not actor.is_authenticated:
        raise NotFound()
    submission = intake.find(reference)
    if submission is None or not may_dispute(actor, submission):
        raise NotFound()
    return submission


@transaction
def dispute(actor, reference: str, comment: str | None) -> SubmissionDispute:
    """The person says they did not send it. Saying it again keeps the first word. Written to
    the access log, so the municipality can trace who said it and when."""
    submission = to_dispute(actor, reference)
    found = of(submission)
    if found is not None:
        return found
    found = SubmissionDispute(
        submission_id=submission.id,
        account_id=actor.id,
        disputed_at=clock.now(),
        comment=(comment or "").strip() or None,
    )
    db.session.add(found)
    assert submission.person is not None  # may_dispute: the person it is about
    access_log.record(actor, submission.person, "person", "submission.dispute", submission=submission)
    db.session.flush()
    return found
