"""Free text and names (portal.rules.text): a security probe found bidi overrides (U+202E),
NUL bytes and other control characters kept in what people typed, turning text round in the
PDF copy and on caseworkers' screens; and a name field that took an identity number, which
the outbox then refused to put in an e-mail (HTTP 500)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, strategies as st

from portal.rules.text import BIDI_CONTROLS, clean, clean_json, has_nul, name_problem

# Letters, marks, digits, punctuation, symbols and spaces: what people write.
ORDINARY = st.characters(categories=["L", "M", "N", "P", "S", "Zs"])
C0_C1 = [chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]]
HARMFUL = st.sampled_from(sorted(BIDI_CONTROLS) + [c for c in C0_C1 if c not in "\t\n\r\x0b\x0c\x85"])


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _harmless(text: str, multiline: bool) -> bool:
    return all(
        (ch not in BIDI_CONTROLS and unicodedata.category(ch) not in ("Cc", "Cs")) or (multiline and ch in "\n\t")
        for ch in text
    )


@given(st.text(), st.booleans())
def test_cleaning_twice_changes_nothing_more(text, multiline):
    once = clean(text, multiline)
    assert clean(once, multiline) == once


@given(
    st.text(alphabet=st.one_of(st.characters(), st.sampled_from(C0_C1), st.characters(categories=["Cs"]))),
    st.booleans(),
)
def test_no_control_or_bidi_character_survives_cleaning(text, multiline):
    """U+202E (right-to-left override) and its kin, NUL, C0 and C1: none is left."""
    assert _harmless(clean(text, multiline), multiline)


@given(st.text(alphabet=ORDINARY), st.booleans())
def test_cleaning_keeps_every_letter_digit_and_ordinary_punctuation(text, multiline):
    assert clean(text, multiline) == _nfc(text)


@given(st.lists(st.tuples(st.text(alphabet=ORDINARY), HARMFUL)), st.text(alphabet=ORDINARY))
def test_cleaning_takes_out_exactly_the_controls_and_leaves_the_rest(pieces, tail):
    typed = "".join(text + harmful for text, harmful in pieces) + tail
    meant = "".join(text for text, _ in pieces) + tail
    assert clean(typed) == _nfc(meant)


def test_a_reversed_text_reads_forwards_again():
    assert clean("Jeg klager \u202eetalp\u202c og \u2066x\u2069\u200f.") == "Jeg klager etalp og x."


@pytest.mark.parametrize(
    "typed,multiline,kept",
    [
        ("Linje én\r\nLinje to\rtre", True, "Linje én\nLinje to\ntre"),
        ("Linje én\r\nLinje to", False, "Linje én Linje to"),
        ("a\tb", True, "a\tb"),
        ("a\tb", False, "a b"),
        ("Ola\u2028Nordmann", False, "Ola Nordmann"),
        ("nul\x00byte\x07bell\x1b[31mred\x7f\x9b", True, "nulbytebell[31mred"),
        ("lone \ud800 surrogate", True, "lone  surrogate"),
        ("e\u0301 A\u030a", False, "é Å"),  # NFC: one character each, as if typed on one key
        ("مرحبا עולם Kari", False, "مرحبا עולם Kari"),  # right-to-left letters are kept as they are
    ],
)
def test_line_breaks_tabs_and_composed_letters(typed, multiline, kept):
    assert clean(typed, multiline) == kept


def test_a_nul_is_found_so_it_can_be_refused():
    assert has_nul("a\x00b") and not has_nul("ab")


def test_every_string_in_a_json_body_is_cleaned_and_each_nul_named_by_its_path():
    body = {
        "type": "preliminary_reply",
        "reason": "Mange\u202e saker\r\n",
        "person": {"name": "Kari\x00", "national_id": "01019012480"},
        "hours": 3,
        "items": ["a", "b\x00", None, True],
    }
    cleaned, nul = clean_json(body)
    assert cleaned == {
        "type": "preliminary_reply",
        "reason": "Mange saker\n",
        "person": {"name": "Kari", "national_id": "01019012480"},
        "hours": 3,
        "items": ["a", "b", None, True],
    }
    assert nul == ["person.name", "items.1"]
    assert clean_json("\x00") == ("", ["body"])


# -- Names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Kari Nordmann",
        "Ærlig Øyvind Åsen",
        "Anne-Lise St. Clair",
        "Seán O'Brien",
        "Seán O’Brien",  # a phone's apostrophe
        "Kari O´Brien",  # a Norwegian keyboard's
        "Máret Ánde Gaup",
        "Nguyễn Thị Minh Khai",
        "Мария Иванова",
        "محمد العلي",
        "דוד לוי",
        "王小明",
        "Pasient- og brukerombudet i Rogaland",
        "Zoe\u0308 Ma\u0301rquez",  # combining marks, as some keyboards send them
    ],
)
def test_names_in_any_script_are_accepted(name):
    assert name_problem(name) is None


@pytest.mark.parametrize(
    "name,problem",
    [
        ("Kari 01019012480", "digits"),  # an identity number in the name field: refused, never e-mailed
        ("Rita 010190 12480", "digits"),
        ("Rep 1", "digits"),
        ("Kari ²", "digits"),
        ("kari@example.org", "characters"),
        ("Kari <b>", "characters"),
        ("Kari; Ola", "characters"),
        ("Kari\nOla", "characters"),
        ("K" * 201, "length"),
    ],
)
def test_a_name_with_digits_or_other_signs_is_refused(name, problem):
    assert name_problem(name) == problem


NAME_CHARACTERS = st.one_of(st.characters(categories=["L", "M", "Zs"]), st.sampled_from("-'’.´"))


@given(st.text(alphabet=NAME_CHARACTERS, max_size=200))
def test_every_name_of_letters_spaces_hyphens_apostrophes_and_full_stops_is_accepted(name):
    assert name_problem(name) is None


@given(st.text(alphabet=NAME_CHARACTERS, max_size=100), st.characters(categories=["Nd"]), st.text(max_size=100))
def test_a_name_with_a_digit_anywhere_is_refused_as_such(before, digit, after):
    assert name_problem(before + digit + after) == "digits"


def test_the_length_is_the_fields():
    assert name_problem("Kari", max_length=3) == "length" and name_problem("Kari", max_length=4) is None
