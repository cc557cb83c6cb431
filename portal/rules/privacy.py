"""Checks that keep identity numbers out of places they must never be (popplyl § 12)."""

from __future__ import annotations

import re
import unicodedata

from .identity import is_valid_national_id

# Eleven digits, possibly written 6 + 5 with a space, not part of a longer number.
_CANDIDATE = re.compile(r"(?<!\d)(\d{6})\s?(\d{5})(?!\d)")


def contains_national_id(text: str) -> bool:
    """True when the text holds something that is a valid fødselsnummer or D-number."""
    return any(is_valid_national_id(a + b) for a, b in _CANDIDATE.findall(text))


def has_control_characters(text: str, allowed: str = "") -> bool:
    """True when the text holds a control or format character (line breaks, NUL, bidi
    overrides, zero-width characters) other than those in `allowed`."""
    return any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in allowed for ch in text)
