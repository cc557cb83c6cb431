"""What was sent: a draft sent once (its reference, its case or volunteer record, the
receipt), a paper or phone submission registered by the municipality, and the PDF copy kept
with it. Who may read a submission is decided by portal.services.access."""

from __future__ import annotations

import hashlib
import json

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Account, ApiRegistration, ApiToken, Attachment, Draft, ReferenceCounter, Submission
from ..rules import clock
from ..rules.clock import local_day
from ..rules.references import PREFIXES, format_reference
from . import appeals, archive, authorities, cases, outbox, people
from .drafts import answers_of
from .kinds import KINDS
from .transaction import transaction

DOCUMENT_VERSION = 1


class RegistrationConflict(ValueError):
    """The Idempotency-Key was used before for a different registration."""


# -- Sending a draft ----------------------------------------------------------------------------


@transaction
def submit(account: Account, draft: Draft, lang: str) -> Submission:
    """Send the draft. Sending the same draft again returns the first submission."""
    if draft.submission is not None:
        return draft.submission
    kind = KINDS[draft.kind]
    now = clock.now()
    appealed = appeals.check_still_open(draft) if draft.kind == "appeal" else None
    files = list(db.session.scalars(select(Attachment).where(Attachment.draft_id == draft.id).order_by(Attachment.id)))
    answers = answers_of(draft)
    person = appealed.person if appealed is not None else _person_named(account, draft, answers)
    document = _document(account, draft, answers, files, lang, now)
    if draft.kind == "appeal":
        document["appeals"] = appeals.details(draft, appealed, now)
    submission = Submission(
        reference=next_reference(kind.prefix(draft.service), local_day(now).year),
        kind=draft.kind,
        service=draft.service,
        account_id=account.id,
        draft_id=draft.id,
        person_id=person.id if person else None,
        authority_id=draft.authority_id,
        # Only an appeal started from a case in the portal names it: a number typed for a
        # decision made outside the portal stays in the document and links to nothing.
        appeals_reference=draft.appeals_reference if draft.kind == "appeal" else None,
        document=document,
        submitted_at=now,
        intake_state="new",
        channel="online",
        language=lang,
    )
    try:
        db.session.add(submission)
        db.session.flush()  # a second request for the same draft stops here (unique draft_id)
    except IntegrityError:
        # Another request sent the same draft a moment ago: use that submission.
        db.session.rollback()
        existing = db.session.scalar(select(Submission).where(Submission.draft_id == draft.id))
        if existing is None:
            raise
        return existing
    for attachment in files:
        # Sent: the file is the submission's now, and no longer the draft's (one owner each).
        attachment.submission_id = submission.id
        attachment.draft_id = None
    kind.after_sending(submission, account, appealed)
    archive.enqueue(submission)
    # The PDF copy is drawn from the stored document outside this request (render-pdfs), or
    # when first asked for (portal/copies.py): sending stays quick, and the copy is the same.
    with force_locale(lang):
        for address in _receipt_addresses(account, answers):
            outbox.queue(address, *kind.receipt(submission.reference))
    return submission


def _person_named(account: Account, draft: Draft, answers: dict):
    """The person the submission is about. A volunteer's application is linked only to a
    number the identity provider vouched for (the account's own)."""
    if KINDS[draft.kind].verified_person_only and not account.identity_verified:
        return None
    given = answers.get(KINDS[draft.kind].person_page) or {}
    return people.person_for(given["national_id"], given.get("full_name", "")) if given.get("national_id") else None


def _document(account: Account, draft: Draft, answers: dict, files: list[Attachment], lang: str, now) -> dict:
    """What was sent, as it is kept, archived and handed to the case-management system."""
    return {
        "version": DOCUMENT_VERSION,
        "kind": draft.kind,
        "service": draft.service,
        "channel": "online",
        "language": lang,
        "submitted_at": now.isoformat(),
        "answers": answers,
        # Whether the sender logged in with electronic ID: an e-mail log-in proves nothing
        # about who they are, and the municipality should know.
        "sender": {"identity_verified": account.identity_verified},
        "representation": representation_of(account, draft),
        "attachments": [
            {"id": a.public_id, "kind": a.kind, "filename": a.filename, "content_type": a.content_type, "size": a.size}
            for a in files
        ],
    }


def representation_of(account: Account, draft: Draft) -> dict | None:
    """For the document: on what basis the account applied for someone else, and who it is."""
    authority = draft.authority
    if authority is None:
        return None
    given = draft.answers.get("representative") or {}
    return {
        "basis": authority.basis,
        "proof": authority.proof,
        "authority": authority.public_id,
        "state": authorities.state_of(authority),
        "scopes": list(authority.scopes),
        "valid_until": authority.valid_until.isoformat() if authority.valid_until else None,
        "young_person_consent": (
            {"name": authority.young_person_consent_name, "confirmed_at": authority.young_person_consent_at.isoformat()}
            if authority.young_person_consent_at
            else None
        ),
        "representative": {
            "name": given.get("full_name"),
            "national_id": account.national_id,
            "phone": given.get("phone"),
            "email": given.get("email"),
            "relation": given.get("relation"),
        },
    }


def _receipt_addresses(account: Account, answers: dict) -> list[str]:
    """The sender, and for someone else also the person: letters go to both (fvl § 12)."""
    found = [
        account.email,
        (answers.get("representative") or {}).get("email"),
        (answers.get("person") or {}).get("email"),
        (answers.get("about_you") or {}).get("email"),
    ]
    return list(dict.fromkeys(a.strip().lower() for a in found if a))


def next_reference(prefix: str, year: int) -> str:
    """The next number in the year's series, the counter's row locked until the sending
    commits, so two sends never take one number."""
    counter = _counter(prefix, year)
    if counter is None:
        # The year's first: made by whichever send comes first. One made at the same moment
        # by another is waited for and used, rather than failing this send (ON CONFLICT).
        insert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        db.session.execute(insert(ReferenceCounter).values(prefix=prefix, year=year, last=0).on_conflict_do_nothing())
        counter = _counter(prefix, year)
    if counter is None:
        raise RuntimeError(f"the reference counter {prefix} {year} could not be made")
    counter.last += 1
    return format_reference(prefix, year, counter.last)


def _counter(prefix: str, year: int) -> ReferenceCounter | None:
    return db.session.scalar(
        select(ReferenceCounter)
        .where(ReferenceCounter.prefix == prefix, ReferenceCounter.year == year)
        .with_for_update()
    )


# -- Paper and phone ----------------------------------------------------------------------------


@transaction
def register_offline(
    channel: str,
    service: str,
    name: str,
    national_id: str,
    email: str = "",
    *,
    token: ApiToken | None = None,
    idempotency_key: str | None = None,
) -> tuple[Submission, bool]:
    """A submission that came on paper or by phone, registered by the case-management
    system: it gets a reference and a case, and the person can follow it once they log in
    with electronic ID. With an Idempotency-Key, a repeat gives back the first (and False)."""
    fingerprint = hashlib.sha256(json.dumps([channel, service, name, national_id, email]).encode()).hexdigest()
    if idempotency_key and token is not None:
        earlier = db.session.scalar(
            select(ApiRegistration).where(
                ApiRegistration.token_id == token.id, ApiRegistration.idempotency_key == idempotency_key
            )
        )
        if earlier is not None:
            if earlier.request_hash != fingerprint:
                raise RegistrationConflict(idempotency_key)
            return db.session.get_one(Submission, earlier.submission_id), False
    now = clock.now()
    person = people.person_for(national_id, name)
    submission = Submission(
        reference=next_reference(PREFIXES[service], local_day(now).year),
        kind="application",
        service=service,
        person_id=person.id,
        submitted_at=now,
        intake_state="new",
        channel=channel,
        language=current_app.config["DEFAULT_LANGUAGE"],
        document={
            "version": DOCUMENT_VERSION,
            "kind": "application",
            "service": service,
            "channel": channel,
            "language": current_app.config["DEFAULT_LANGUAGE"],
            "submitted_at": now.isoformat(),
            "answers": {"person": {"full_name": name, "national_id": person.national_id, "email": email}},
            "attachments": [],
        },
    )
    db.session.add(submission)
    db.session.flush()
    cases.open_case(submission)
    archive.enqueue(submission)
    if idempotency_key and token is not None:
        db.session.add(
            ApiRegistration(
                token_id=token.id,
                idempotency_key=idempotency_key,
                request_hash=fingerprint,
                submission_id=submission.id,
                created_at=now,
            )
        )
        try:
            db.session.flush()
        except IntegrityError:
            # The same key a moment ago in another request: answer as a repeat of that one.
            db.session.rollback()
            return register_offline(
                channel, service, name, national_id, email, token=token, idempotency_key=idempotency_key
            )
    return submission, True


# -- Lists, and the PDF copy ------------------------------------------------------------------------


def sent_by(account: Account) -> list[Submission]:
    """What the account sent, for itself or for others, newest first."""
    query = select(Submission).where(Submission.account_id == account.id).order_by(Submission.submitted_at.desc())
    return list(db.session.scalars(query))


def sent_by_others_about(account: Account) -> list[Submission]:
    """What others (a representative, or the office for a paper application) sent about
    the person this verified account is."""
    person = people.self_of(account)
    if person is None:
        return []
    query = (
        select(Submission)
        .where(Submission.person_id == person.id, Submission.account_id.is_distinct_from(account.id))
        .order_by(Submission.submitted_at.desc())
    )
    return list(db.session.scalars(query))


@transaction
def store_pdf(submission: Submission, pdf: bytes) -> None:
    """Keep the PDF copy drawn of the submission (portal/copies.py draws it)."""
    submission.pdf = pdf


def without_pdf(limit: int) -> list[Submission]:
    """Submissions whose PDF copy is not made yet, oldest first."""
    return list(
        db.session.scalars(select(Submission).where(Submission.pdf.is_(None)).order_by(Submission.id).limit(limit))
    )
