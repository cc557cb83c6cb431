"""Bearer tokens for the intake API: made by an administrator's command, shown once, kept
only as a SHA-256 hash (a token is long and random, so a plain hash is enough)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import ApiToken
from ..rules import clock
from .transaction import transaction

RIGHTS = ("read", "write")
PREFIX = "skp_"  # so a leaked token is easy to recognise in a log or a repository


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction
def create(name: str, rights=RIGHTS) -> tuple[ApiToken, str]:
    unknown = set(rights) - set(RIGHTS)
    if unknown:
        raise ValueError(f"unknown rights: {', '.join(sorted(unknown))}")
    token = PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(
        name=name, token_hash=_hash(token), rights=[r for r in RIGHTS if r in rights], created_at=clock.now()
    )
    db.session.add(record)
    return record, token


def find(token: str) -> ApiToken | None:
    """The token's record if it is one of ours and not revoked; its last use noted (once a
    minute). Only noting it is a change: the other requests read the token and no more, so
    what they have loaded stays loaded."""
    if not token:
        return None
    record = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == _hash(token), ApiToken.revoked_at.is_(None))
    )
    if record is not None:
        now = clock.now()
        last = record.last_used_at
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=UTC)
        if last is None or now - last > timedelta(minutes=1):
            _used(record, now)
    return record


@transaction
def _used(record: ApiToken, now) -> None:
    record.last_used_at = now


@transaction
def revoke(name: str) -> int:
    now = clock.now()
    found = db.session.scalars(select(ApiToken).where(ApiToken.name == name, ApiToken.revoked_at.is_(None))).all()
    for record in found:
        record.revoked_at = now
    return len(found)
