"""Drafts: started for oneself or for someone one may act for, saved at every step, deleted
with their files. Who may open a draft is decided by portal.services.access; the functions
here work on what that has found."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..extensions import db
from ..models import Account, Authority, Draft, Submission
from ..rules import clock
from ..rules.retention import draft_kept_until
from . import attachments, authorities
from .kinds import scope_for
from .transaction import transaction

# Where a draft keeps what was typed on a page but not yet saved as an answer: the page was
# left half done or with a mistake ("Take a break", the language switch, a time-out). It is
# the portal's own note, not an answer: nothing in it is sent, and the page shows it again.
TYPED = "_typed"

# What a representative is called in the application, from the basis they act on.
RELATIONS = {"parent": "parent", "verge": "guardian", "ombud": "organisation"}


class CannotApplyFor(PermissionError):
    """The authority does not let the account apply (or appeal) for this service now."""


@transaction
def start(
    account: Account,
    service: str,
    authority: Authority | None = None,
    *,
    kind: str = "application",
    appeals_reference: str | None = None,
) -> Draft:
    """A new draft, for the account itself or for someone it may apply (or appeal) for."""
    if authority is not None and (
        authority.representative_account_id != account.id or not authorities.allows(authority, scope_for(kind), service)
    ):
        raise CannotApplyFor(service)
    now = clock.now()
    known = _known(account, kind, authority)
    draft = Draft(
        account_id=account.id,
        service=service,
        kind=kind,
        appeals_reference=appeals_reference,
        answers={"_prefill": known} if known else {},
        created_at=now,
        updated_at=now,
        authority_id=authority.id if authority else None,
    )
    db.session.add(draft)
    return draft


def _known(account: Account, kind: str, authority: Authority | None) -> dict:
    """What the portal already knows, to save typing: the pages it fills in beforehand."""
    if authority is not None:
        return {
            "person": {"full_name": authority.person_name, "national_id": authority.person.national_id},
            "representative": {
                "full_name": authority.representative_name,
                "email": authority.representative_email,
                "relation": RELATIONS.get(authority.basis),
            },
        }
    verified_number = account.national_id if account.identity_verified else None
    if kind == "volunteer":
        return {"about_you": {"full_name": account.full_name, "email": account.email, "national_id": verified_number}}
    if verified_number:
        return {"person": {"full_name": account.full_name, "national_id": verified_number}}
    return {}


def unsent(account: Account) -> list[Draft]:
    """The account's drafts not yet sent, the last changed first."""
    query = (
        select(Draft)
        .outerjoin(Submission, Submission.draft_id == Draft.id)
        .where(Draft.account_id == account.id, Submission.id.is_(None))
        .order_by(Draft.updated_at.desc())
    )
    return list(db.session.scalars(query))


@transaction
def save_answers(draft: Draft, step_key: str, answers: dict) -> None:
    # A new dict, so SQLAlchemy sees the JSON column change; what was typed on the page before
    # is now the answer.
    typed = {key: value for key, value in (draft.answers.get(TYPED) or {}).items() if key != step_key}
    draft.answers = {**{k: v for k, v in draft.answers.items() if k != TYPED}, step_key: answers}
    if typed:
        draft.answers = {**draft.answers, TYPED: typed}
    draft.updated_at = clock.now()


@transaction
def keep_typed(draft: Draft, step_key: str, typed: dict[str, list[str]]) -> None:
    """Keep what was typed on a page as it was typed (each field's values as text), however
    incomplete or wrong, until the page is saved: the page shows it again, without errors."""
    draft.answers = {**draft.answers, TYPED: {**(draft.answers.get(TYPED) or {}), step_key: typed}}
    draft.updated_at = clock.now()


def typed_on_page(draft: Draft, step_key: str) -> dict[str, list[str]] | None:
    """What was typed on the page and kept without being saved, if anything."""
    return (draft.answers.get(TYPED) or {}).get(step_key)


def kept_until(draft: Draft) -> date:
    """The last day the draft is kept if nobody changes it (portal.rules.retention)."""
    return draft_kept_until(clock.local_day(draft.updated_at))


@transaction
def delete(draft: Draft) -> int:
    """The draft and the files added to it, in one transaction; how many files went."""
    files = attachments.for_draft(draft)
    for attachment in files:
        attachments.discard(attachment)
    db.session.delete(draft)
    return len(files)


def answers_of(draft: Draft) -> dict:
    """The answers the person gave, without the portal's own notes."""
    return {key: value for key, value in draft.answers.items() if not key.startswith("_")}


def answers_for_page(draft: Draft, step_key: str) -> dict | None:
    """What a page shows: what was saved, or else what the portal knows already."""
    return draft.answers.get(step_key) or (draft.answers.get("_prefill") or {}).get(step_key)


def may_go_on(draft: Draft) -> bool:
    """A draft for someone the account can no longer act for can only be deleted."""
    return draft.authority is None or authorities.allows(draft.authority, scope_for(draft.kind), draft.service)
