"""Identity numbers: fødselsnummer and D-number only (LEGAL.md "Identity numbers" and "Added after
the first legal review"; Skatteetaten's rule for numbers issued from 2032; popplyl § 12 for masking)."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, strategies as st

from portal.rules import clock
from portal.rules.identity import (
    age_from_number,
    birth_date,
    birth_date_fits,
    check_national_id,
    is_valid_national_id,
    mask,
    national_id_problem,
)
from tests.identities import (
    fh_number,
    h_number,
    issued_from_2032,
    national_id,
    synthetic_number,
    with_check_digits,
)

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


# -- Numbers that are not a person's identity number (LEGAL.md, "Added after the first legal review")

NEW_RULE_DAY = date(2032, 1, 1)  # Skatteetaten issues numbers under the new rule from this day
# Days of birth for the property tests: the numbers tell the century for 1900-2039 only.
born_days = st.dates(min_value=date(1900, 1, 1), max_value=date(2031, 12, 31))
checking_days = st.dates(min_value=date(2026, 1, 1), max_value=date(2039, 12, 31))


def test_legal_md_an_h_number_is_refused_though_stdnum_takes_it():
    """LEGAL.md: H-numbers (month + 40) are not a person's identity number. python-stdnum's
    fodselsnummer.is_valid says yes to 15419012480; the portal says what it is."""
    from stdnum.no import fodselsnummer

    assert fodselsnummer.is_valid("15419012480")
    assert national_id_problem("15419012480") == "h_number"
    assert not is_valid_national_id("15419012480") and birth_date("15419012480") is None


@given(born=born_days, start=st.integers(min_value=0, max_value=900), today=checking_days)
def test_legal_md_property_h_fh_and_synthetic_numbers_are_refused_by_name(born, start, today):
    """Whatever the date and on any day, before 2032 or after: an H-number (month + 40), an
    FH-number (first digit 8 or 9) or a synthetic number (month + 80, a D-number's too) with
    valid check digits is refused as what it is, never as a typing error."""
    assert national_id_problem(h_number(born, start), today) == "h_number"
    assert national_id_problem(synthetic_number(born, start), today) == "synthetic"
    assert national_id_problem(synthetic_number(born, start, d_number=True), today) == "synthetic"
    assert national_id_problem(fh_number(start * 97), today) == "fh_number"


@pytest.mark.parametrize("number", ["30108299920", "30108299939", "02013299997"])
def test_skatteetaten_2032_its_published_examples_are_accepted_from_1_january_2032(number):
    """Skatteetaten, "Nytt fødselsnummer fra 2032" (Folkeregisteret's API documentation): the
    first check digit is {11, 12, 13, 14} - (sum mod 11), so 30108299920 and 30108299939 are
    two people born 30.10.1982, and 02013299997 one born 2.1.2032."""
    assert is_valid_national_id(number, NEW_RULE_DAY)


def test_skatteetaten_2032_no_number_is_issued_under_the_new_rule_before_2032():
    """Before 1 January 2032 only the old rule issues numbers: one only the new rule allows
    is a typing error, and a birth date after today is too."""
    assert national_id_problem("30108299939", date(2031, 12, 31)) == "invalid"
    assert national_id_problem("02013299997", date(2031, 12, 31)) == "invalid"


def test_skatteetaten_2032_a_new_number_does_not_tell_the_century():
    """30108299939 was issued in 2032 to someone born in 1982; read the old way, individual
    number 999 with year 82 would say 1982 by luck, but the new rule's remainder 1 says the
    number is new, so no year is read from it."""
    check = check_national_id("30108299939", NEW_RULE_DAY)
    assert check.valid and check.born is None and check.year_unknown
    assert age_from_number("30108299939", date(2040, 1, 1)) is None


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2039, 12, 31)),
    start=st.integers(min_value=0, max_value=999),
    d_number=st.booleans(),
    after=st.integers(min_value=0, max_value=3000),
)
def test_skatteetaten_2032_property_a_number_only_the_new_rule_allows_never_gets_a_year(born, start, d_number, after):
    """Skatteetaten: from 2032 "individnummeret vil ikke lenger angi århundre". Every number
    whose first check digit only the new rule allows is accepted from 1 January 2032 (and
    refused before), and no birth year is ever read from it."""
    number = issued_from_2032(born, start, d_number)
    today = max(born, NEW_RULE_DAY) + timedelta(days=after)
    check = check_national_id(number, today)
    assert check.valid and check.born is None
    assert check.kind == ("d_number" if d_number else "fodselsnummer")
    assert not is_valid_national_id(number, NEW_RULE_DAY - timedelta(days=1))
    assert birth_date_fits(number, born, today)
    assert not birth_date_fits(
        number, born.replace(year=born.year - 1) if born.month != 2 else born - timedelta(days=1), today
    )


@given(
    nine=st.text(alphabet="0123456789", min_size=9, max_size=9),
    remainder=st.sampled_from((0, 1, 2, 3)),
    today=checking_days,
)
def test_legal_md_property_a_birth_date_is_never_in_the_future_nor_other_than_the_number_says(nine, remainder, today):
    """Whatever eleven digits come in, on any day: a birth date read from a number is in the
    past (or today) and has the number's own day, month and two-digit year; and only a
    fødselsnummer or a D-number is ever valid."""
    number = with_check_digits(nine, remainder)
    assume(number is not None)
    check = check_national_id(number, today)
    if check.born is not None:
        assert check.valid and check.born <= today
        day = int(number[:2]) - (40 if int(number[:2]) > 40 else 0)
        assert (check.born.day, check.born.month, check.born.year % 100) == (day, int(number[2:4]), int(number[4:6]))
    if check.valid:
        assert 1 <= int(number[2:4]) <= 12 and (1 <= int(number[:2]) <= 31 or 41 <= int(number[:2]) <= 71)
        assert check.kind in ("fodselsnummer", "d_number")


@given(born=st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)), today=checking_days)
def test_skatteetaten_2032_property_old_numbers_keep_their_birth_date_after_2032(born, today):
    """Nobody changes number: a number issued the old way is read the same before and after
    1 January 2032."""
    number = national_id(born)
    assert birth_date(number, today) == born


def test_a_given_date_of_birth_must_fit_the_number():
    """When the number tells the date, a given date must be that date; a date in the future never fits."""
    assert birth_date_fits("01019012480", date(1990, 1, 1))
    assert not birth_date_fits("01019012480", date(1991, 1, 1))
    assert not birth_date_fits("15419012480", date(1990, 1, 15))  # an H-number fits nothing
    assert not birth_date_fits("30108299939", date(2082, 10, 30), date(2033, 1, 1))
