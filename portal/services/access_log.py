"""Writing the access log: who read what about whom, and when.

Every read of a person's draft, submission, case or authority papers by anyone but the
person is written here, in the same transaction as the read is answered (the sector
norm, Normen; LEGAL.md "Personal data"). Nothing in the portal changes or deletes a row.
One look is one row: the same read by the same reader again within a few minutes (the page
shown again after a form on it was sent, a reload) is the look already written
(portal.rules.access_looks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, select

from ..extensions import db
from ..models import AccessLogEntry, Account, Authority, Draft, Person, Submission
from ..models.access_log import ACTOR_ROLES as ROLES
from ..rules import clock
from ..rules.access_looks import LOOK_WINDOW, Read, looks


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
    entry = AccessLogEntry(
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
    if not _already_in_this_look(entry):
        db.session.add(entry)


def _already_in_this_look(entry: AccessLogEntry) -> bool:
    """The same reader read the same thing the same way a moment ago: that row is this look."""
    values = {name: getattr(entry, name) for name in _SUBJECT}
    query = _same_look(tuple(value is None for value in values.values()))
    found = db.session.execute(
        query,
        {
            "person_id": entry.person_id,
            "since": entry.at - LOOK_WINDOW,
            "actor_role": entry.actor_role,
            "actor_name": entry.actor_name,
            "action": entry.action,
            **{name: value for name, value in values.items() if value is not None},
        },
    ).first()
    return found is not None


# Who read and what: matched as equal, or as NULL where the entry has none.
_SUBJECT = ("account_id", "submission_id", "draft_id", "authority_id")


@cache
def _same_look(empty: tuple[bool, ...]):
    """The statement for one pattern of empty columns, built once: every staff read asks it."""
    same = [
        getattr(AccessLogEntry, name).is_(None) if none else getattr(AccessLogEntry, name) == bindparam(name)
        for name, none in zip(_SUBJECT, empty, strict=True)
    ]
    return (
        select(AccessLogEntry.id)
        .where(
            AccessLogEntry.person_id == bindparam("person_id"),
            AccessLogEntry.at >= bindparam("since"),
            AccessLogEntry.actor_role == bindparam("actor_role"),
            AccessLogEntry.actor_name == bindparam("actor_name"),
            AccessLogEntry.action == bindparam("action"),
            *same,
        )
        .limit(1)
    )


def about(person: Person, submission_ids: list[int] | None = None) -> list[AccessLogEntry]:
    """What others did, as logged about the person, newest first; with submission_ids, only
    about those. What the person did themselves (role "person") is for the municipality's trace."""
    query = select(AccessLogEntry).where(AccessLogEntry.person_id == person.id, AccessLogEntry.actor_role != "person")
    if submission_ids is not None:
        query = query.where(AccessLogEntry.submission_id.in_(submission_ids))
    return list(db.session.scalars(query.order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())))


@dataclass(frozen=True)
class SeenLook:
    """One look at the person's case or papers, for them to read: when, who, at what (the
    reference of the application or appeal; else what kind of thing), and what they did."""

    at: datetime
    actor_role: str
    actor_name: str
    subject_kind: str  # submission, draft, authority
    reference: str | None
    actions: tuple[str, ...]


def looks_about(person: Person, submission_ids: list[int] | None = None) -> list[SeenLook]:
    """The access log about the person as looks, newest first (portal.rules.access_looks)."""
    entries = about(person, submission_ids)
    ids = {e.submission_id for e in entries if e.submission_id is not None}
    references = (
        {
            row.id: row.reference
            for row in db.session.execute(select(Submission.id, Submission.reference).where(Submission.id.in_(ids)))
        }
        if ids
        else {}
    )
    reads = [
        Read(
            at=e.at,
            reader=(e.actor_role, e.actor_name, e.account_id),
            subject=_subject_of(e),
            action=e.action,
        )
        for e in entries
    ]
    return [
        SeenLook(
            at=look.at,
            actor_role=look.reader[0],
            actor_name=look.reader[1],
            subject_kind=look.subject[0],
            reference=references.get(look.subject[1]) if look.subject[0] == "submission" else None,
            actions=tuple(look.actions),
        )
        for look in looks(reads)
    ]


def _subject_of(entry: AccessLogEntry) -> tuple:
    if entry.submission_id is not None:
        return ("submission", entry.submission_id)
    if entry.draft_id is not None:
        return ("draft", entry.draft_id)
    return ("authority", entry.authority_id)
