"""People cases are about, found or added by identity number."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import Account, Person
from ..rules import clock
from ..rules.identity import normalise


def find(national_id: str) -> Person | None:
    return db.session.scalar(select(Person).where(Person.national_id == normalise(national_id)))


def person_for(national_id: str, name: str) -> Person:
    """The person with this identity number, added if new (the caller commits). The name
    is the first one given; pages show the name given with each authority or submission,
    so nobody's typing shows up in someone else's papers."""
    person = find(national_id)
    if person is None:
        person = Person(national_id=normalise(national_id), name=name, created_at=clock.now())
        db.session.add(person)
        db.session.flush()
    return person


def is_person(account: Account, person: Person | None) -> bool:
    """True when the account is this person, proven by a verified identity."""
    return bool(person is not None and account.identity_verified and account.national_id == person.national_id)


def self_of(account: Account) -> Person | None:
    """The person a verified account is, if anything is known about them."""
    if not account.identity_verified or account.national_id is None:
        return None
    return find(account.national_id)
