"""Verified identities from the identity provider: the `pid` claim makes an account verified."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import Account
from ..rules import clock
from ..rules.identity import is_valid_national_id, normalise
from .transaction import transaction


class IdentityRejected(ValueError):
    """The provider's answer did not carry a usable identity number."""


@transaction
def account_for_verified_identity(claims: dict, lang: str, current: Account | None = None) -> Account:
    """The account for the person the provider vouched for, made on first log-in.

    Someone already logged in with e-mail who logs in with electronic ID for the first
    time keeps their account: it becomes verified, with their drafts and applications."""
    pid = normalise(str(claims.get("pid") or ""))
    if not is_valid_national_id(pid):
        raise IdentityRejected("no valid pid claim")
    now = clock.now()
    account = db.session.scalar(select(Account).where(Account.national_id == pid))
    if account is None and current is not None and current.national_id is None:
        account = current
        account.national_id = pid
    if account is None:
        account = Account(national_id=pid, created_at=now, preferred_language=lang)
        db.session.add(account)
    if claims.get("name") and not account.full_name:
        account.full_name = str(claims["name"])[:200]
    account.identity_verified_at = now
    account.last_login_at = now
    return account
