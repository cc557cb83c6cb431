"""Local accounts: register, confirm the e-mail address, log in, reset a forgotten password.

The answer to register and reset is the same whether or not an address is known, so
the portal never tells a stranger who has an account. Passwords are hashed with
Argon2id. Links in e-mail carry signed, time-limited tokens; a reset token stops
working once the password has changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import force_locale
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from ..extensions import db
from ..models import Account
from ..roles import ROLES
from ..rules import clock, text
from . import emails, login_sessions, outbox
from .transaction import transaction

CONFIRM_MAX_AGE = 3 * 24 * 3600  # three days
RESET_MAX_AGE = 3600  # one hour


class _Hasher:
    """Argon2id with the parameters the app is configured with (one of OWASP's settings, 12 MiB, in
    production; cheaper ones only in the test configuration, to keep the suite quick),
    and a dummy hash to spend the same time on unknown addresses. A hash made with other
    settings is made anew at the next log-in."""

    def _get(self) -> tuple[PasswordHasher, str]:
        found = current_app.extensions.get("password_hasher")
        if found is None:
            params = current_app.config.get("ARGON2_PARAMETERS") or {}
            hasher = PasswordHasher(**params)
            found = current_app.extensions["password_hasher"] = (hasher, hasher.hash("no account has this password"))
        return found

    def hash(self, password: str) -> str:
        return self._get()[0].hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        return self._get()[0].verify(password_hash, password)

    def check_needs_rehash(self, password_hash: str) -> bool:
        return self._get()[0].check_needs_rehash(password_hash)

    @property
    def dummy(self) -> str:
        return self._get()[1]


_hasher = _Hasher()

Link = Callable[[str], str]  # token -> absolute URL


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> Account | None:
    return db.session.scalar(select(Account).where(Account.email == normalise_email(email)))


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    secret = current_app.secret_key
    if secret is None:  # create_app refuses to start without one
        raise RuntimeError("SECRET_KEY is not set")
    return URLSafeTimedSerializer(secret, salt=f"account-{purpose}")


@transaction
def register(email: str, password: str, lang: str, confirm_link: Link, login_link: str) -> None:
    """Create an unconfirmed account and e-mail a confirmation link. If the address
    already has an account, e-mail its owner instead; the caller answers the same, and in the
    same time: the password is hashed either way (the hash is nearly all of the work), so
    how long the answer takes does not tell who has an account either."""
    email = normalise_email(email)
    password_hash = _hasher.hash(password)
    account = find_by_email(email)
    if account is None:
        account = Account(email=email, password_hash=password_hash, created_at=clock.now(), preferred_language=lang)
        db.session.add(account)
        db.session.flush()
        _send_confirmation(account, email, confirm_link)
    elif account.email_confirmed_at is None:
        _send_confirmation(account, email, confirm_link)
    else:
        with force_locale(account.preferred_language):
            outbox.queue(email, *emails.already_registered(login_link))


def _send_confirmation(account: Account, email: str, confirm_link: Link) -> None:
    """`email`: the account's address, which it was found by or made with."""
    token = _serializer("confirm").dumps({"a": account.id, "e": email})
    with force_locale(account.preferred_language):
        outbox.queue(email, *emails.confirm_address(confirm_link(token)))


@transaction
def confirm_email(token: str) -> Account | None:
    """Confirm the address the token was made for; None if the token is bad or old."""
    try:
        data = _serializer("confirm").loads(token, max_age=CONFIRM_MAX_AGE)
    except BadSignature:
        return None
    account = db.session.get(Account, data.get("a"))
    if account is None or account.email != data.get("e"):
        return None
    if account.email_confirmed_at is None:
        account.email_confirmed_at = clock.now()
    return account


@dataclass(frozen=True)
class LoginResult:
    account: Account | None
    unconfirmed: bool = False


@transaction
def authenticate(email: str, password: str) -> LoginResult:
    """Check a password. Unknown addresses take as long as known ones."""
    account = find_by_email(email)
    if account is None or not account.password_hash:
        _verify(_hasher.dummy, password)
        return LoginResult(None)
    if not _verify(account.password_hash, password):
        return LoginResult(None)
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    if account.email_confirmed_at is None:
        return LoginResult(None, unconfirmed=True)
    account.last_login_at = clock.now()
    return LoginResult(account)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@transaction
def request_password_reset(email: str, reset_link: Link) -> None:
    """E-mail a reset link if the address has an account; the caller answers the same."""
    account = find_by_email(email)
    if account is None or account.email is None or not account.password_hash:
        return
    token = _serializer("reset").dumps({"a": account.id, "h": account.password_hash[-16:]})
    with force_locale(account.preferred_language):
        outbox.queue(account.email, *emails.reset_password(reset_link(token)))


def account_for_reset(token: str) -> Account | None:
    try:
        data = _serializer("reset").loads(token, max_age=RESET_MAX_AGE)
    except BadSignature:
        return None
    account = db.session.get(Account, data.get("a"))
    if account is None or not account.password_hash or account.password_hash[-16:] != data.get("h"):
        return None
    return account


@transaction
def reset_password(token: str, new_password: str) -> Account | None:
    account = account_for_reset(token)
    if account is None:
        return None
    account.password_hash = _hasher.hash(new_password)
    # Following the link proves the address, so an unconfirmed account is confirmed too.
    account.email_confirmed_at = account.email_confirmed_at or clock.now()
    # Whoever knew the old password is logged out wherever they are.
    login_sessions.end_all(account)
    return account


def remember_language(account: Account, lang: str) -> None:
    """The language the person last read the portal in, for what is sent to them later."""
    if account.preferred_language != lang:
        account.preferred_language = lang
        db.session.commit()


@transaction
def create_staff_account(email: str, password: str, role: str, name: str | None = None) -> Account:
    """An account made by an administrator (caseworker, admin or ombud), confirmed at once.
    An existing account with the address gets the role and the new password."""

    if role not in ROLES:
        raise ValueError(f"the role must be one of {', '.join(ROLES)}")
    if len(password) < 12:
        raise ValueError("the password must have at least 12 characters")
    name = text.clean(name).strip() if name else name
    if name and text.name_problem(name):
        raise ValueError(
            "the name can have only letters, spaces, hyphens, apostrophes and full stops (no digits), "
            f"and at most {text.NAME_MAX_LENGTH} characters"
        )
    account = find_by_email(email)
    if account is None:
        account = Account(
            email=normalise_email(email),
            created_at=clock.now(),
            preferred_language=current_app.config["DEFAULT_LANGUAGE"],
        )
        db.session.add(account)
    else:
        login_sessions.end_all(account)  # a new password, and maybe a new role: log in anew
    account.password_hash = _hasher.hash(password)
    account.email_confirmed_at = account.email_confirmed_at or clock.now()
    account.role = role
    if name:
        account.full_name = name
    return account


DEMO_EMAIL = "demo@example.org"
DEMO_CASEWORKER_EMAIL = "saksbehandler@example.org"
DEMO_PASSWORD = "demo demo demo demo"


@transaction
def load_demo_account() -> int:
    """Confirmed accounts to try the portal with (demo deployments only): a citizen and
    a caseworker. Returns how many were added."""
    added = 0
    for email, role, name in (
        (DEMO_EMAIL, "citizen", None),
        (DEMO_CASEWORKER_EMAIL, "caseworker", "Sara Saksbehandler"),
    ):
        if find_by_email(email):
            continue
        db.session.add(
            Account(
                email=email,
                password_hash=_hasher.hash(DEMO_PASSWORD),
                created_at=clock.now(),
                email_confirmed_at=clock.now(),
                preferred_language=current_app.config["DEFAULT_LANGUAGE"],
                role=role,
                full_name=name,
            )
        )
        added += 1
    return added
