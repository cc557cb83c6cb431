"""Made-up identity numbers for tests: valid fødselsnummer for any birth date, numbers issued
under Skatteetaten's rule from 2032, and numbers that are not a person's (H-, FH- and test
numbers), each built here by the rules' own arithmetic so the tests check the portal against
something it did not compute itself.

The portal itself never makes numbers; it only checks them (portal/rules/identity.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from stdnum.no import fodselsnummer

from portal.rules import clock

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check(digits: str, weights) -> int | None:
    k = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if k == 11 else (None if k == 10 else k)


def with_check_digits(nine: str, remainder: int = 0) -> str | None:
    """Nine digits with the two check digits: the first so that the control sum leaves
    `remainder` (0 under the old rule; 0, 1, 2 or 3 under Skatteetaten's rule from 2032:
    k1 = {11, 12, 13, 14} - (sum mod 11)), the second as before. None where a check digit
    would be 10: no number is issued then."""
    k1 = (remainder - sum(int(d) * w for d, w in zip(nine, _W1, strict=True))) % 11
    if k1 == 10:
        return None
    k2 = _check(nine + str(k1), _W2)
    return None if k2 is None else nine + str(k1) + str(k2)


def issued_from_2032(born: date, start: int = 0, d_number: bool = False) -> str:
    """A number only Skatteetaten's rule from 2032 allows (the first check digit leaves 1, 2
    or 3): valid from 1 January 2032, and it does not tell the century of `born`."""
    day = born.day + (40 if d_number else 0)
    for individual in range(999 - start, -1, -1):
        for remainder in (1, 2, 3):
            number = with_check_digits(f"{day:02d}{born:%m%y}{individual:03d}", remainder)
            if number:
                return number
    raise ValueError(f"no number for {born}")


def _first_valid(date_part: str, start: int = 0) -> str:
    for individual in range(start, 1000):
        number = with_check_digits(f"{date_part}{individual:03d}")
        if number:
            return number
    raise ValueError(f"no number for {date_part}")


def h_number(born: date, start: int = 0) -> str:
    """An H-number (the month + 40): a temporary number from the health service."""
    return _first_valid(f"{born.day:02d}{born.month + 40:02d}{born:%y}", start)


def synthetic_number(born: date, start: int = 0, d_number: bool = False) -> str:
    """A synthetic test number (the month + 80), as Skatteetaten makes for test data."""
    day = born.day + (40 if d_number else 0)
    return _first_valid(f"{day:02d}{born.month + 80:02d}{born:%y}", start)


def fh_number(start: int = 0) -> str:
    """An FH-number: the first digit 8 or 9, no date in it."""
    return _first_valid(f"8{start % 100000:05d}")


def national_id(born: date, start: int = 0) -> str:
    """A valid fødselsnummer for someone born on `born` (the first from `start` up)."""
    low, high = (500, 999) if born.year >= 2000 else (0, 499)
    for individual in range(max(low, low + start), high + 1):
        base = born.strftime("%d%m%y") + f"{individual:03d}"
        k1 = _check(base, _W1)
        if k1 is None:
            continue
        k2 = _check(base + str(k1), _W2)
        if k2 is None:
            continue
        number = base + str(k1) + str(k2)
        if fodselsnummer.is_valid(number) and fodselsnummer.get_birth_date(number) == born:
            return number
    raise ValueError(f"no number for {born}")


def born_for(years: int, on: date, passed: bool = True) -> date:
    """The birth date of someone whose `years`th birthday (the portal's rule,
    `portal.rules.authority.birthday`: 29 February birthdays fall on 1 March in common
    years) is the day `on`. When `on` is 29 February and the birth year had none, nobody
    turns `years` that day: then they turn it the day before (`passed`) or the day after."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February, and the year `years` before it had none
        return date(on.year - years, 2, 28) if passed else date(on.year - years, 3, 1)


def aged(years: int, today: date | None = None, days_past_birthday: int = 30, start: int = 0) -> str:
    """A number for someone whose `years`th birthday was `days_past_birthday` days before
    `today` (Oslo's day, `portal.rules.clock.today()`, unless given): `years` old today, or
    with a negative count, turning `years` that many days from now."""
    today = today or clock.today()
    born = born_for(years, today - timedelta(days=days_past_birthday), passed=days_past_birthday >= 0)
    return national_id(born, start)
