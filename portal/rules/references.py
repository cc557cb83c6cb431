"""Human references for submissions: a prefix per kind of submission, the year and a number."""

from __future__ import annotations

import re

PREFIXES = {"stottekontakt": "SK", "ledsagerbevis": "LB", "bpa": "BPA"}
APPEAL_PREFIX = "KL"  # klage
VOLUNTEER_PREFIX = "FR"  # frivillig
PATTERN = re.compile(r"^(SK|LB|BPA|KL|FR)-(\d{4})-(\d{6})$")


def format_reference(prefix: str, year: int, number: int) -> str:
    """'SK-2026-000123'."""
    return f"{prefix}-{year}-{number:06d}"


def is_reference(value: str) -> bool:
    return bool(PATTERN.match(value.strip().upper()))
