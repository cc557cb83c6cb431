"""Identity numbers must never be e-mailed or logged (popplyl § 12): the detector. And a
stranger's e-mail address shown only masked."""

import pytest
from hypothesis import given, strategies as st

from portal.rules.privacy import contains_national_id, masked_email


@pytest.mark.parametrize("text", ["01019012480", "fnr: 010190 12480.", "a01019012480b"])
def test_a_valid_identity_number_is_found(text):
    assert contains_national_id(text)


def test_numbers_issued_from_2032_and_h_numbers_are_found_too():
    """A number issued under Skatteetaten's rule from 2032 is a person's number on any day the
    text is checked; an H-number is refused as an identity number in forms (LEGAL.md), but it
    still points at a patient. Neither may be e-mailed (popplyl § 12)."""
    assert contains_national_id("nytt nummer 30108299939")
    assert contains_national_id("H-nummer 15419012480")


@pytest.mark.parametrize("text", ["Sak SK-2026-000123", "01019012481", "Ring 51000000", "010190124801234"])
def test_other_numbers_are_not_mistaken_for_one(text):
    assert not contains_national_id(text)


@pytest.mark.parametrize(
    "address, shown",
    [("kari.nordmann@example.org", "k***@example.org"), (" Ola@Post.no ", "O***@Post.no"), ("uten-krøllalfa", "***")],
)
def test_a_strangers_address_shows_only_its_first_letter_and_domain(address, shown):
    assert masked_email(address) == shown


@given(local=st.text(st.characters(categories=["L", "N"]), min_size=2, max_size=30))
def test_a_masked_address_never_holds_the_whole_name_before_the_at(local):
    """Someone shown who sent in their name must not be handed a stranger's address (GDPR art. 5(1)(c))."""
    shown = masked_email(f"{local}@example.org")
    assert local not in shown and shown.endswith("@example.org")
