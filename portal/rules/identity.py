"""Norwegian identity numbers (fødselsnummer and D-number), checked in one place.

`check_national_id` is the one function that says whether a typed number is a person's
identity number, and what its birth date is when the number tells it (LEGAL.md, "Identity
numbers" and "Added after the first legal review"). The check digits are python-stdnum's
(`stdnum.no.fodselsnummer`); around them this module adds what stdnum does not:

- H-numbers (month + 40), FH-numbers (first digit 8 or 9) and synthetic test numbers
  (month + 80) are refused: they are not a person's identity number. stdnum accepts
  H-numbers as if they were fødselsnummer.
- From 1 January 2032 Skatteetaten issues numbers under a new rule: the first check digit
  may take four values, and the individual number no longer tells the century
  (Skatteetaten, "Nytt fødselsnummer fra 2032", Folkeregisteret's API documentation:
  k1 = {11, 12, 13, 14} − (weighted sum mod 11), so the remainder of the control sum may be
  0, 1, 2 or 3; k2 is computed as before). stdnum refuses them.
- The birth year is given only where the number can tell it. A number that could only have
  been issued under the new rule (remainder 1, 2 or 3), or whose old reading is impossible
  once new numbers exist, gets no birth date: code that needs an age asks for it or treats
  it as unknown. A new number whose check digits happen to fit the old rule cannot be told
  from an old one by the number alone; it is read the old way unless that reading is
  impossible (a birth in the future, or before 1900).

Never derive gender from the number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer

from . import clock

# From this day Skatteetaten issues numbers under the new check-digit rule.
NEW_NUMBERS_FROM = date(2032, 1, 1)
# The remainders the first check digit may leave: the old rule allows 0 only.
OLD_REMAINDERS = frozenset({0})
NEW_REMAINDERS = frozenset({0, 1, 2, 3})

# What a typed number can be refused as. The last three are numbers with valid check
# digits that are not a person's identity number.
PROBLEMS = ("empty", "characters", "length", "invalid", "h_number", "fh_number", "synthetic")


@dataclass(frozen=True)
class NationalIdCheck:
    """The answer about one typed number: a problem, or what kind of number it is and its
    birth date (None where the number does not tell the year)."""

    problem: str | None
    kind: str | None = None  # "fodselsnummer" or "d_number" when valid
    born: date | None = None

    @property
    def valid(self) -> bool:
        return self.problem is None

    @property
    def year_unknown(self) -> bool:
        """Valid, but the number does not tell the year of birth (numbers issued from 2032)."""
        return self.valid and self.born is None


def normalise(value: str) -> str:
    """Digits only: people type spaces and dots."""
    return "".join(ch for ch in value if ch.isdigit())


def _remainder(digits: str) -> int:
    """What the control sum over the nine first digits and k1 leaves when divided by 11.
    stdnum's calc_check_digit1 gives the old rule's k1 (−sum mod 11, or 10 when there is none)."""
    return (int(digits[9]) - int(fodselsnummer.calc_check_digit1(digits))) % 11


def check_digits_fit(value: str, remainders: frozenset[int] = NEW_REMAINDERS) -> bool:
    """Whether an 11-digit number's check digits fit the old rule, or the new one (the default,
    which includes the old). Says nothing about the date in it."""
    digits = normalise(value)
    if len(digits) != 11:
        return False
    return _remainder(digits) in remainders and digits[10] == fodselsnummer.calc_check_digit2(digits)


def _day_and_month(digits: str) -> tuple[int, int]:
    day, month = int(digits[0:2]), int(digits[2:4])
    return (day - 40 if day > 40 else day), month


def _exists_in_some_year(day: int, month: int) -> bool:
    try:
        date(2000, month, day)  # a leap year: 29 February exists
    except ValueError:
        return False
    return True


def _old_reading(digits: str) -> date | None:
    """The birth date the individual number gives under the old rule, or None where it
    gives no century or no real date (stdnum's reading)."""
    try:
        return fodselsnummer.get_birth_date(digits)
    except ValidationError:
        return None


def check_national_id(value: str, today: date | None = None) -> NationalIdCheck:
    """Is this a person's fødselsnummer or D-number, on `today` (Oslo's day unless given)?"""
    today = today or clock.today()
    if not value or not value.strip():
        return NationalIdCheck("empty")
    if any(not (ch.isdigit() or ch in " .") for ch in value):
        return NationalIdCheck("characters")
    digits = normalise(value)
    if len(digits) != 11:
        return NationalIdCheck("length")
    new_numbers = today >= NEW_NUMBERS_FROM
    if not check_digits_fit(digits, NEW_REMAINDERS if new_numbers else OLD_REMAINDERS):
        return NationalIdCheck("invalid")
    if int(digits[0]) >= 8:
        return NationalIdCheck("fh_number")
    month = int(digits[2:4])
    if month >= 80:
        return NationalIdCheck("synthetic")
    if month > 40:
        return NationalIdCheck("h_number")
    day, month = _day_and_month(digits)
    if not _exists_in_some_year(day, month):
        return NationalIdCheck("invalid")
    kind = "d_number" if int(digits[0:2]) > 40 else "fodselsnummer"
    if _remainder(digits) != 0:
        return NationalIdCheck(None, kind)  # only a new number: the year is not in it
    born = _old_reading(digits)
    if born is not None and born <= today and not (new_numbers and born.year < 1900):
        return NationalIdCheck(None, kind, born)
    # Read the old way, nobody could have this number; from 2032 a new one may still have it.
    return NationalIdCheck(None, kind) if new_numbers else NationalIdCheck("invalid")


def is_valid_national_id(value: str, today: date | None = None) -> bool:
    """True for a valid fødselsnummer or D-number (with or without spaces)."""
    return check_national_id(value, today).valid


def national_id_problem(value: str, today: date | None = None) -> str | None:
    """What is wrong with a typed identity number, for a message that says how to fix it:
    one of PROBLEMS, or None."""
    return check_national_id(value, today).problem


def birth_date(value: str, today: date | None = None) -> date | None:
    """The date of birth in a valid number (a D-number's too), or None: for a number that is
    not valid, and for one that does not tell the year."""
    return check_national_id(value, today).born


def birth_date_fits(value: str, born: date, today: date | None = None) -> bool:
    """Whether a date of birth someone gives fits a valid number: the same day, month and
    two-digit year, not in the future, and the number's own birth date where it tells one."""
    checked = check_national_id(value, today)
    if not checked.valid or born > (today or clock.today()):
        return False
    if checked.born is not None:
        return born == checked.born
    digits = normalise(value)
    return _day_and_month(digits) == (born.day, born.month) and int(digits[4:6]) == born.year % 100


def mask(value: str) -> str:
    """For lists and screens that need only to recognise the number: '010190*****'."""
    digits = normalise(value)
    return digits[:6] + "*" * (len(digits) - 6) if len(digits) > 6 else "*" * len(digits)


def age_on(born: date, day: date) -> int:
    """How old someone born on `born` is on `day`: a year older on each birthday (one born on
    29 February turns a year older on 1 March in other years)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_from_number(value: str, day: date) -> int | None:
    """How old the person with this identity number is on `day`, or None for no valid number
    and for a number that does not tell the year."""
    born = birth_date(value)
    return None if born is None else age_on(born, day)
