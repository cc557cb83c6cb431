"""The random ids that stand in addresses: a draft's, an authority's, a file's, a volunteer's."""

from __future__ import annotations

import re
import uuid

# Eleven decimal digits in a row read as an identity number to the outbox's guard
# (portal.rules.privacy.contains_national_id), and an address with an id in it goes out in
# e-mail: an id that looked like one would stop the e-mail, and the request that sends it.
_ELEVEN_DIGITS = re.compile(r"\d{11}")


def new_public_id() -> str:
    """32 random hex digits (a UUID 4), never with eleven decimal digits in a row."""
    while True:
        value = uuid.uuid4().hex
        if not _ELEVEN_DIGITS.search(value):
            return value
