"""Made-up identity numbers for tests: valid fødselsnummer for any birth date.

The portal itself never makes numbers; it only checks them with python-stdnum.
"""
from __future__ import annotations

from datetime import date

from stdnum.no import fodselsnummer

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check(digits: str, weights) -> int | None:
    k = 11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11
    return 0 if k == 11 else (None if k == 10 else k)


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


def aged(years: int, today: date | None = None, days_past_birthday: int = 30, start: int = 0) -> str:
    """A number for someone who is `years` old today."""
    today = today or date.today()
    from datetime import timedelta

    birthday = date(today.year - years, today.month, min(today.day, 28)) - timedelta(days=days_past_birthday)
    return national_id(birthday, start)
