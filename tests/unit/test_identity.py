"""Identity numbers: fødselsnummer and D-number (LEGAL.md "Identity numbers"; popplyl § 12 for masking)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from portal.rules import clock
from portal.rules.identity import is_valid_national_id, mask

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _with_check_digits(nine: str) -> str | None:
    """The mod-11 rule as LEGAL.md states it, to check the library against."""
    k1 = 11 - sum(int(d) * w for d, w in zip(nine, W1, strict=True)) % 11
    k1 = 0 if k1 == 11 else k1
    if k1 == 10:
        return None
    ten = nine + str(k1)
    k2 = 11 - sum(int(d) * w for d, w in zip(ten, W2, strict=True)) % 11
    k2 = 0 if k2 == 11 else k2
    return None if k2 == 10 else ten + str(k2)


def test_a_made_up_valid_fodselsnummer_is_accepted_with_or_without_spaces():
    assert is_valid_national_id("01019012480")
    assert is_valid_national_id("010190 12480")


@pytest.mark.parametrize("value", ["01019012481", "0101901248", "010190124800", "abcdefghijk", "", "32019012480"])
def test_wrong_numbers_are_refused(value):
    assert not is_valid_national_id(value)


def test_a_d_number_adds_four_to_the_first_digit():
    d_number = _with_check_digits("410190124")
    assert d_number and is_valid_national_id(d_number)


# Yesterday at the suite's moment (the tests start there), and never past 2039.
BORN_BY = min(clock.today() - timedelta(days=1), date(2039, 12, 31))


@given(st.dates(min_value=date(1900, 1, 1), max_value=BORN_BY), st.integers(min_value=0, max_value=999))
def test_every_number_built_by_the_mod_11_rule_is_accepted(day, individual):
    # The individual number tells the century (000-499 for 1900-1999, 500-999 for
    # 2000-2039), and no one is born in the future, so the dates stay in the past.
    if 1900 <= day.year <= 1999:
        individual %= 500
    else:
        individual = 500 + individual % 500
    number = _with_check_digits(day.strftime("%d%m%y") + f"{individual:03d}")
    if number:
        assert is_valid_national_id(number), number


def test_a_number_is_masked_to_its_first_six_digits():
    assert mask("01019012480") == "010190*****"
    assert mask("010190 12480") == "010190*****"
