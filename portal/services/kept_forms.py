"""Forms posted after their log-in had ended, kept on the server for a little while so that
nothing typed is lost to a time-out (DESIGN.md, "Accessibility"). Who may have them back, and
where they go, is decided when the person logs in again (portal.kept_forms)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from ..extensions import db
from ..models import Account, KeptForm
from ..rules import clock
from ..rules.retention import FORM_KEPT_AFTER_LOG_IN
from .transaction import transaction


@dataclass(frozen=True)
class Posted:
    """A kept form taken back: the page it was posted to and each field's values."""

    path: str
    fields: dict[str, list[str]]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction
def keep(account_id: int, path: str, fields: dict[str, list[str]], replacing: str | None = None) -> str:
    """Keep what was posted to `path`; the token to keep in the session cookie. A form kept
    before under `replacing` goes: one browser keeps one form, the last one sent."""
    if replacing:
        db.session.execute(delete(KeptForm).where(KeptForm.token_hash == _hash(replacing)))
    token = secrets.token_urlsafe(32)
    db.session.add(
        KeptForm(token_hash=_hash(token), account_id=account_id, path=path, fields=fields, created_at=clock.now())
    )
    return token


def find(token: str | None, account: Account) -> Posted | None:
    """The form kept under the token, if the account sent it and its time is not up (someone
    else logging in on the same computer gets nothing)."""
    if not token:
        return None
    row = db.session.scalar(
        select(KeptForm).where(
            KeptForm.token_hash == _hash(token),
            KeptForm.account_id == account.id,
            KeptForm.created_at > clock.now() - FORM_KEPT_AFTER_LOG_IN,
        )
    )
    return Posted(row.path, dict(row.fields)) if row is not None else None


@transaction
def forget(token: str | None) -> None:
    """The form is back on its page, or cannot be: it is kept no longer."""
    if token:
        db.session.execute(delete(KeptForm).where(KeptForm.token_hash == _hash(token)))


def purge(kept_before: datetime) -> int:
    """Forms kept since before the cutoff (a helper of portal.services.retention.purge)."""
    result = db.session.execute(delete(KeptForm).where(KeptForm.created_at < kept_before))
    return result.rowcount or 0  # type: ignore[attr-defined]
