"""Acting on someone else's behalf (LEGAL.md, "Acting on someone else's behalf").

Who may act for whom, with which scopes, and when an authority stops: pure rules,
dates in and answers out. The services and routes ask these functions and nothing
else, so the law is applied the same way on every page.

- fullmakt: written, given by the person, withdrawn by them at any time (fvl § 12). The
  adult requirement is on the holder; the giver is the party, who may be 16 or 17;
- parent: parental responsibility for a child under 16 (pbrl § 4-4, barneloven). From 16
  the young person decides for themselves (pbrl § 4-3): a parent then acts for them only
  with a written fullmakt the young person gives themselves, in the portal or on paper
  (pbrl § 7-2 last paragraph, fvl § 12), never on the parent's word that they agreed;
- verge: the appointment's mandate sets the limits (vergemålsloven).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .clock import local_day
from .identity import age_on
from .sources import SOURCES, Source

# What an authority can cover. Each is asked for and shown on its own.
SCOPES = ("apply", "appeal", "see_case", "receive_letters")
BASES = ("parent", "verge", "fullmakt", "ombud")
# How it is proven: the parent's declaration, an uploaded document (the verge's
# appointment or a signed paper fullmakt), or the person's approval in the portal.
PROOFS = ("declaration", "document", "digital")

BASIS_SOURCES: dict[str, Source] = {
    "parent": SOURCES["parental_responsibility"],
    "verge": SOURCES["guardianship"],
    "fullmakt": SOURCES["power_of_attorney"],
    # Not the law: the portal's rule that the ombud sees only what the person consents to.
    "ombud": SOURCES["data_minimisation"],
}

ADULT_AGE = 18  # myndig (fvl § 12: who may hold a fullmakt); parental responsibility ends (barneloven)
HEALTH_MAJORITY_AGE = 16  # pbrl § 4-3: decides for themselves in health and care matters
HEARD_FROM_AGE = 7  # pbrl § 4-4: children are heard from 7 at the latest

# A request for a fullmakt in the portal stays open this long, then expires.
REQUEST_VALID_DAYS = 14
# Nobody is asked again and again: in the window, at most this many requests from one
# representative to one person (one open at a time), and at most this many from anyone.
REQUESTS_PER_REPRESENTATIVE = 3
REQUESTS_PER_PERSON = 6
REQUEST_WINDOW_DAYS = 30
# The longest period a fullmakt can be given for in the portal.
LONGEST_PERIOD_YEARS = 10

# Stored states. "expired" and "young_person_decides" are never stored: they follow from dates.
REQUESTED = "requested"  # digital fullmakt waiting for the person's answer
AWAITING_DOCUMENT = "awaiting_document"  # verge or paper fullmakt: the document is not uploaded yet
AWAITING_VERIFICATION = "awaiting_verification"  # document uploaded, the municipality checks it
ACTIVE = "active"
DECLINED = "declined"  # the person said no
REJECTED = "rejected"  # the municipality did not accept the document
REVOKED = "revoked"  # withdrawn by the person, or ended by the representative
EXPIRED = "expired"
# A parent's declaration once the child is 16: the young person decides (pbrl § 4-3). So
# also a declaration stored before the portal followed this, with the parent's word that
# the young person agreed: it allows nothing more; what was sent stays sent.
YOUNG_PERSON_DECIDES = "young_person_decides"

ENDED = frozenset({DECLINED, REJECTED, REVOKED, EXPIRED, YOUNG_PERSON_DECIDES})
STORED_STATES = (REQUESTED, AWAITING_DOCUMENT, AWAITING_VERIFICATION, ACTIVE, DECLINED, REJECTED, REVOKED)
# Who ended it: the person (declined or withdrew), the representative, or the municipality
# (did not accept the document).
ENDED_BY = ("person", "representative", "municipality")


@dataclass(frozen=True)
class AuthorityFacts:
    """What the rules need to know about one authority."""

    basis: str
    state: str
    scopes: tuple[str, ...]
    services: tuple[str, ...]
    valid_until: date | None = None
    request_expires_at: datetime | None = None
    person_birth_date: date | None = None


def birthday(birth_date: date, age: int) -> date:
    """The day someone turns `age` (29 February birthdays fall on 1 March)."""
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:
        return date(birth_date.year + age, 3, 1)


def parent_declaration_ends(birth_date: date) -> date:
    """The last day a parent acts on a declaration of parental responsibility: the day before
    the child turns 16 (pbrl § 4-3), though parental responsibility lasts to 18 (barneloven)."""
    return birthday(birth_date, HEALTH_MAJORITY_AGE) - timedelta(days=1)


def decides_for_themselves(age: int) -> bool:
    """pbrl § 4-3: from 16 the young person decides in health and care matters. A parent may
    not declare for them; they need the young person's own fullmakt (pbrl § 7-2, fvl § 12)."""
    return age >= HEALTH_MAJORITY_AGE


def child_must_be_heard(age: int) -> bool:
    """pbrl § 4-4: a child of 7 or more is heard before a decision (from 16 they decide)."""
    return HEARD_FROM_AGE <= age < HEALTH_MAJORITY_AGE


def effective_state(facts: AuthorityFacts, now: datetime) -> str:
    """The state that counts now: a stored state, unless time has ended it. Days are
    Norwegian days: an authority ends, and a child turns 16, at midnight in Oslo."""
    today = local_day(now)
    if facts.state in ENDED:
        return facts.state
    if facts.state == REQUESTED:
        if facts.request_expires_at is not None and now >= facts.request_expires_at:
            return EXPIRED
        return REQUESTED
    if (
        facts.basis == "parent"
        and facts.person_birth_date is not None
        and decides_for_themselves(age_on(facts.person_birth_date, today))
    ):
        return YOUNG_PERSON_DECIDES
    if facts.valid_until is not None and today > facts.valid_until:
        return EXPIRED
    return facts.state


def allows(facts: AuthorityFacts, scope: str, service: str, now: datetime) -> bool:
    """Whether the authority lets its holder do `scope` for `service` right now.

    While a document waits for the municipality's check, the representative may apply
    (the submission says the authority is unverified); everything else needs an active one.
    """
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    if scope not in facts.scopes or service not in facts.services:
        return False
    state = effective_state(facts, now)
    if state == ACTIVE:
        return True
    return state == AWAITING_VERIFICATION and scope == "apply"


def request_expires(requested_at: datetime) -> datetime:
    return requested_at + timedelta(days=REQUEST_VALID_DAYS)


def may_ask_again(for_person: int, from_representative: int, open_from_representative: int) -> bool:
    """Nobody is asked again and again (counts within REQUEST_WINDOW_DAYS): one open request
    per representative, a few from each, and a cap from everyone together, so that one
    account asking and asking cannot block the person's real helpers for long either."""
    return (
        open_from_representative == 0
        and from_representative < REQUESTS_PER_REPRESENTATIVE
        and for_person < REQUESTS_PER_PERSON
    )


def person_may_withdraw(basis: str, checked: bool) -> bool:
    """A fullmakt or the ombud's access is the person's to withdraw at any time (fvl § 12),
    also when they are 16 or 17. A claim to be their guardian the municipality has not yet
    checked, the person may reject. Parental responsibility for a child under 16 and a
    checked appointment are not the person's to end in the portal (the Statsforvalteren
    appoints guardians); a parent's declaration stops by itself when the child turns 16."""
    if basis in ("fullmakt", "ombud"):
        return True
    if basis == "verge":
        return not checked
    return False


def period_problem(valid_until: date | None, today: date) -> str | None:
    """What is wrong with the last day of a fullmakt: 'empty', 'past', 'too_long', or None."""
    if valid_until is None:
        return "empty"
    if valid_until < today:
        return "past"
    if valid_until > birthday(today, LONGEST_PERIOD_YEARS):
        return "too_long"
    return None
