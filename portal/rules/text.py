"""Free text that cannot hurt: what people type, cleaned before it is kept, shown, printed or
sent on; and what a person's name may hold. Pure: strings in, strings and answers out.

Cleaning removes what no reader sees but every screen obeys: control characters (C0, DEL and
C1) and Unicode's bidirectional controls, which can make text read backwards on a
caseworker's screen or in the PDF copy. It then normalises to NFC, so the same word is stored
the same way however it was typed. A NUL is refused rather than quietly dropped: the
database cannot store it, and text that holds one was likely not typed at all.
"""

from __future__ import annotations

import unicodedata
from typing import Any

NUL = "\x00"

# The characters with Unicode's Bidi_Control property (UAX #9, table 1): the arabic letter
# mark, the left-to-right and right-to-left marks, embeddings, overrides and isolates.
#
# They are removed, not wrapped in isolates: an override kept inside an isolate still turns
# that field's text round (the "Trojan Source" trick), and the text also goes where no isolate
# can follow it (the PDF copy, the case-management system, the archive). Nothing a reader needs
# is lost: names and sentences in Arabic or Hebrew come out in the right order from the
# letters' own direction, without any control characters.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Ways of ending a line besides "\n": Windows' and old Macs' (what browsers send from a
# textarea is "\r\n"), the vertical tab and form feed, NEL, and Unicode's line and paragraph
# separators. In one line of text each becomes a space, so words stay apart.
_LINE_BREAKS = ("\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029")


def has_nul(text: str) -> bool:
    """True when the text holds a NUL, which is refused (with a message) rather than kept."""
    return NUL in text


def _kept(ch: str, multiline: bool) -> bool:
    if ch in BIDI_CONTROLS:
        return False
    category = unicodedata.category(ch)
    if category == "Cc":  # C0 controls, DEL and C1 controls
        return multiline and ch in "\n\t"
    # A lone surrogate (JSON can carry one, "\ud800") cannot be written as UTF-8 at all.
    return category != "Cs"


def clean(text: str, multiline: bool = False) -> str:
    """The text without control characters or bidirectional controls, in NFC. Multi-line
    text keeps its line breaks (as "\\n") and tabs; in one line they become spaces. A NUL is
    removed too: callers that refuse it check `has_nul` first."""
    for line_break in _LINE_BREAKS:
        text = text.replace(line_break, "\n")
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return unicodedata.normalize("NFC", "".join(ch for ch in text if _kept(ch, multiline)))


def clean_json(value: Any, path: str = "") -> tuple[Any, list[str]]:
    """Every string in a parsed JSON value cleaned as multi-line text (an API body does not
    say which of its strings are lines), with the dotted paths of the strings that held a NUL
    ("person.name", "items.0"). Keys are kept as they are: they are matched against the
    fields a body may have, never stored as text."""
    if isinstance(value, str):
        return clean(value, multiline=True), [path or "body"] if has_nul(value) else []
    if isinstance(value, dict):
        cleaned_dict, found = {}, []
        for key, item in value.items():
            cleaned_dict[key], problems = clean_json(item, f"{path}.{key}" if path else str(key))
            found += problems
        return cleaned_dict, found
    if isinstance(value, list):
        cleaned_list, found = [], []
        for index, item in enumerate(value):
            cleaned, problems = clean_json(item, f"{path}.{index}" if path else str(index))
            cleaned_list.append(cleaned)
            found += problems
        return cleaned_list, found
    return value, []


# -- Names ------------------------------------------------------------------------------------

NAME_MAX_LENGTH = 200

# Besides letters in any script and their combining marks: spaces, hyphens (the ASCII one and
# Unicode's own), apostrophes as phones and Norwegian keyboards type them (', ’, ‘, ´, `) and
# full stops. The zero-width joiner and non-joiner belong to how some scripts (Persian, many
# Indian ones) write a name.
_NAME_PUNCTUATION = frozenset("-\u2010\u2011'\u2019\u2018\u00b4`.\u200c\u200d")


def _in_a_name(ch: str) -> bool:
    return ch.isalpha() or ch in _NAME_PUNCTUATION or unicodedata.category(ch) in ("Mn", "Mc", "Me", "Zs")


def name_problem(name: str, max_length: int = NAME_MAX_LENGTH) -> str | None:
    """What is wrong with a person's name, for a message that says how to fix it: 'digits'
    (often an identity number typed in the wrong field, which must then never reach an
    e-mail), 'characters' (other than letters, spaces, hyphens, apostrophes and full stops),
    'length', or None. An empty name is for the field's own required check."""
    if any(ch.isdigit() for ch in name):
        return "digits"
    if not all(_in_a_name(ch) for ch in name):
        return "characters"
    if len(name) > max_length:
        return "length"
    return None
