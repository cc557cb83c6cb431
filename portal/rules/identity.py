"""Norwegian identity numbers (fødselsnummer and D-number), validated in one place.

Validation is python-stdnum's, not hand-rolled: from 2032 new numbers drop the
gender digit and the check-digit rule changes, and only this module will need to
follow. Never derive gender or anything else from the number.
"""

from __future__ import annotations

from datetime import date

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer


def normalise(value: str) -> str:
    """Digits only: people type spaces and dots."""
    return "".join(ch for ch in value if ch.isdigit())


def is_valid_national_id(value: str) -> bool:
    """True for a valid fødselsnummer or D-number (with or without spaces)."""
    try:
        fodselsnummer.validate(normalise(value))
    except ValidationError:
        return False
    return True


def mask(value: str) -> str:
    """For lists and screens that need only to recognise the number: '010190*****'."""
    digits = normalise(value)
    return digits[:6] + "*" * (len(digits) - 6) if len(digits) > 6 else "*" * len(digits)


def national_id_problem(value: str) -> str | None:
    """What is wrong with a typed identity number, for a message that says how to fix it:
    'empty', 'characters' (other than digits and spaces), 'length', 'invalid', or None."""
    if not value or not value.strip():
        return "empty"
    if any(not (ch.isdigit() or ch in " .") for ch in value):
        return "characters"
    if len(normalise(value)) != 11:
        return "length"
    return None if is_valid_national_id(value) else "invalid"


def birth_date(value: str) -> date | None:
    """The date of birth in a valid number (a D-number's too), or None."""
    if not is_valid_national_id(value):
        return None
    try:
        return fodselsnummer.get_birth_date(normalise(value))
    except ValidationError:
        return None


def age_on(born: date, day: date) -> int:
    """How old someone born on `born` is on `day`: a year older on each birthday (one born on
    29 February turns a year older on 1 March in other years)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_from_number(value: str, day: date) -> int | None:
    """How old the person with this identity number is on `day`, or None for no valid number."""
    born = birth_date(value)
    return None if born is None else age_on(born, day)
