"""Writing the access log: who read what about whom, and when.

Every read of a person's draft, submission, case or authority papers by anyone but the
person is written here, in the same transaction as the read is answered (the sector
norm, Normen; LEGAL.md "Personal data"). Nothing in the portal changes or deletes a row.
"""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import AccessLogEntry, Account, Authority, Draft, Person, Submission
from ..models.access_log import ACTOR_ROLES as ROLES
from ..rules import clock


def actor_name(account: Account) -> str:
    return account.full_name or account.email or "?"


def _reader_name(account: Account | None, name: str | None) -> str:
    if name:
        return name
    if account is None:
        raise ValueError("a read by no account (the case-management system) must be named")
    return actor_name(account)


def record(
    account: Account | None,
    person: Person,
    role: str,
    action: str,
    *,
    name: str | None = None,
    submission: Submission | None = None,
    draft: Draft | None = None,
    authority: Authority | None = None,
) -> None:
    """Add an entry, in the transaction of the read it records (the caller's service commits)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    db.session.add(
        AccessLogEntry(
            at=clock.now(),
            person_id=person.id,
            account_id=account.id if account else None,
            actor_role=role,
            actor_name=_reader_name(account, name)[:200],
            action=action,
            submission_id=submission.id if submission else None,
            draft_id=draft.id if draft else None,
            authority_id=authority.id if authority else None,
        )
    )


def about(person: Person, submission_ids: list[int] | None = None) -> list[AccessLogEntry]:
    """What is logged about the person, newest first; with submission_ids, only about those."""
    query = select(AccessLogEntry).where(AccessLogEntry.person_id == person.id)
    if submission_ids is not None:
        query = query.where(AccessLogEntry.submission_id.in_(submission_ids))
    return list(db.session.scalars(query.order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())))
