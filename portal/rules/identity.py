"""Norwegian identity numbers (fødselsnummer and D-number), validated in one place.

Validation is python-stdnum's, not hand-rolled: from 2032 new numbers drop the
gender digit and the check-digit rule changes, and only this module will need to
follow. Never derive gender or anything else from the number.
"""
from __future__ import annotations

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
