"""What differs between the kinds of submission, in one table: an application for a service,
an appeal (klage) of a decision, and an application to become a støttekontakt. Drafts,
sending, access and receipts read it here instead of asking which kind they hold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..rules import submissions as submission_rules
from ..rules.references import APPEAL_PREFIX, PREFIXES, VOLUNTEER_PREFIX
from . import emails


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
    # Only an application opens a case of its own; an appeal joins its case.
    opens_case: bool


APPLICATION, APPEAL, VOLUNTEER = submission_rules.KINDS
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(APPLICATION, "apply", "person", lambda service: PREFIXES[service], emails.application_receipt, True),
        Kind(APPEAL, "appeal", "person", lambda service: APPEAL_PREFIX, emails.appeal_receipt, False),
        Kind(VOLUNTEER, "apply", "about_you", lambda service: VOLUNTEER_PREFIX, emails.volunteer_receipt, False),
    )
}


def scope_for(kind: str) -> str:
    """What an authority must allow to write, send or read a draft of this kind."""
    return KINDS[kind].scope
