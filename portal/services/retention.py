"""Deleting what the portal has promised not to keep (the periods are in rules/retention.py,
the promise in the privacy statement): drafts nobody uses, with their files; requests for a
fullmakt nobody answered; ended log-ins; forms kept after a log-in ended; files kept
for a page that was never sent. `flask --app portal purge` runs it daily."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, exists, or_, select

from ..extensions import db
from ..models import AccessLogEntry, Attachment, Authority, Case, Draft, LoginSession, Person, Submission
from ..rules import authority as authority_rules, clock
from ..rules.retention import cutoffs
from . import attachments, drafts, kept_files, kept_forms
from .login_sessions import MAX_AGE
from .transaction import transaction


@dataclass(frozen=True)
class Purged:
    drafts: int
    files: int
    requests: int
    people: int
    logins: int
    forms: int = 0
    kept_files: int = 0


@transaction
def purge() -> Purged:
    """Delete everything whose time is up, in one transaction (a file goes from the disk at
    once, as when a person deletes a draft: better a row that points at nothing than
    personal data left behind)."""
    limits = cutoffs(clock.now())
    draft_count, file_count = _unused_drafts(limits.draft_saved_before)
    request_count, people_count = _unanswered_requests(limits.request_expired_before)
    return Purged(
        draft_count,
        file_count,
        request_count,
        people_count,
        _ended_logins(limits.login_ended_before),
        kept_forms.purge(limits.form_kept_before),
        kept_files.sweep(limits.kept_file_before, set(db.session.scalars(select(Attachment.storage_name)))),
    )


def _unused_drafts(saved_before: datetime) -> tuple[int, int]:
    """Drafts never sent and not saved since the cutoff, with the files added to them."""
    unsent = (
        select(Draft)
        .outerjoin(Submission, Submission.draft_id == Draft.id)
        .where(Submission.id.is_(None), Draft.updated_at < saved_before)
    )
    draft_count = file_count = 0
    for draft in list(db.session.scalars(unsent)):
        file_count += drafts.delete(draft)
        draft_count += 1
    return draft_count, file_count


def _unanswered_requests(expired_before: datetime) -> tuple[int, int]:
    """Requests for a fullmakt nobody answered, ran out before the cutoff and never used;
    and the people asked, when nothing else in the portal is about them."""
    stale = select(Authority).where(
        Authority.state == authority_rules.REQUESTED,
        Authority.request_expires_at < expired_before,
        ~exists().where(Draft.authority_id == Authority.id),
        ~exists().where(Submission.authority_id == Authority.id),
    )
    people = set()
    request_count = 0
    for request in list(db.session.scalars(stale)):
        for attachment in list(db.session.scalars(select(Attachment).where(Attachment.authority_id == request.id))):
            attachments.discard(attachment)
        people.add(request.person_id)
        db.session.delete(request)
        request_count += 1
    db.session.flush()
    gone = [person_id for person_id in people if not _anything_about(person_id)]
    if gone:
        db.session.execute(delete(Person).where(Person.id.in_(gone)))
    return request_count, len(gone)


def _anything_about(person_id: int) -> bool:
    return any(
        db.session.scalar(select(exists().where(column == person_id)))
        for column in (Authority.person_id, Submission.person_id, Case.person_id, AccessLogEntry.person_id)
    )


def _ended_logins(ended_before: datetime) -> int:
    """Log-ins ended before the cutoff: logged out, or run out after MAX_AGE."""
    result = db.session.execute(
        delete(LoginSession).where(
            or_(
                LoginSession.ended_at < ended_before,
                and_(LoginSession.ended_at.is_(None), LoginSession.created_at < ended_before - MAX_AGE),
            )
        )
    )
    return result.rowcount or 0  # type: ignore[attr-defined]
