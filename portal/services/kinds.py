"""What differs between the kinds of submission, in one table: an application for a service,
an appeal (klage) of a decision, and an application to become a støttekontakt. Drafts,
sending, access and receipts read it here instead of asking which kind they hold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import Account, Case, Submission
from ..rules import submissions as submission_rules
from ..rules.references import APPEAL_PREFIX, PREFIXES, VOLUNTEER_PREFIX
from . import cases, emails, volunteers


@dataclass(frozen=True)
class Kind:
    name: str
    # What an authority to act for someone must allow the sender (fvl § 12; LEGAL.md).
    scope: str
    # The page whose answers name the person the submission is about.
    person_page: str
    # The reference's first letters: one series per service for applications.
    prefix: Callable[[str], str]
    # The e-mail receipt: the reference only.
    receipt: Callable[[str], emails.Email]
    # What sending it sets going, in the same transaction: (the submission, the sender, the
    # case an appeal in the portal appeals).
    after_sending: Callable[[Submission, Account, Case | None], None]
    # Linked to a person only by a number the identity provider vouched for.
    verified_person_only: bool = False


def _open_case(submission: Submission, sender: Account, appealed: Case | None) -> None:
    cases.open_case(submission)


def _sent_to_its_case(submission: Submission, sender: Account, appealed: Case | None) -> None:
    """An appeal sent in the portal shows on its case at once, as sent (fvl § 30: sent
    electronically before the deadline, it is in time), until the municipality registers it
    (appeal_received); one of a decision made outside has no case."""
    if appealed is not None:
        cases.record_appeal_sent(appealed, submission, sender)


def _enter_register(submission: Submission, sender: Account, appealed: Case | None) -> None:
    volunteers.create_from(submission, sender)


APPLICATION, APPEAL, VOLUNTEER = submission_rules.KINDS
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(APPLICATION, "apply", "person", lambda service: PREFIXES[service], emails.application_receipt, _open_case),
        Kind(APPEAL, "appeal", "person", lambda service: APPEAL_PREFIX, emails.appeal_receipt, _sent_to_its_case),
        Kind(
            VOLUNTEER,
            "apply",
            "about_you",
            lambda service: VOLUNTEER_PREFIX,
            emails.volunteer_receipt,
            _enter_register,
            verified_person_only=True,
        ),
    )
}


def scope_for(kind: str) -> str:
    """What an authority must allow to write, send or read a draft of this kind."""
    return KINDS[kind].scope
