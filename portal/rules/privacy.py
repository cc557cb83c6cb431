"""Checks that keep identity numbers out of places they must never be (popplyl § 12)."""

from __future__ import annotations

import re
import unicodedata

from .identity import check_digits_fit

# Eleven digits, possibly written 6 + 5 with a space, not part of a longer number.
_CANDIDATE = re.compile(r"(?<!\d)(\d{6})\s?(\d{5})(?!\d)")


def contains_national_id(text: str) -> bool:
    """True when the text holds eleven digits whose check digits fit an identity number's, under
    the old rule or the one from 2032: a fødselsnummer or D-number, and also an H-, FH- or test
    number, which point at a person just as well. A wide net: nothing is sent that it catches."""
    return any(check_digits_fit(a + b) for a, b in _CANDIDATE.findall(text))


def has_control_characters(text: str, allowed: str = "") -> bool:
    """True when the text holds a control or format character (line breaks, NUL, bidi
    overrides, zero-width characters) other than those in `allowed`."""
    return any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in allowed for ch in text)


def masked_email(address: str) -> str:
    """An e-mail address shown to someone who must not learn it in full, as k***@example.org:
    the first character and the domain, enough to recognise one's own, not to write to a
    stranger. Something without an @ shows as ***."""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        return "***"
    return f"{local[0]}***@{domain}"
