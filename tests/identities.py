"""Made-up identity numbers for tests: valid fødselsnummer for any birth date.

The portal itself never makes numbers; it only checks them with python-stdnum.
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
