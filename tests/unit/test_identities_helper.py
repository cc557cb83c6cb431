"""The tests' made-up identity numbers (tests/identities.py): `aged(n, today)` is someone
exactly n years old on `today` by the portal's own rule of age (portal.rules.authority:
`age_on`, and `birthday`, where 29 February birthdays fall on 1 March in common years),
whatever the day, also 29 February and the end of a month."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import time_machine
from hypothesis import assume, example, given, strategies as st

from portal.rules import clock as portal_clock
from portal.rules.authority import birthday
from portal.rules.identity import age_from_number as age_of_number, age_on, birth_date, is_valid_national_id
from tests.identities import aged

# Numbers from python-stdnum tell the century for births 1900–2039 only.
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2039, 12, 31))


def _on(day: date):
    """Make `day` the day it is in Oslo (noon), so nobody in the test is born in the future."""
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=portal_clock.OSLO), tick=False)


@given(today=days, years=st.integers(min_value=0, max_value=89), past=st.integers(min_value=0, max_value=300))
@example(today=date(2028, 2, 29), years=16, past=0)
@example(today=date(2028, 2, 29), years=17, past=0)
@example(today=date(2027, 3, 1), years=19, past=0)  # born 1 March 2008, as is who was born 29 February
@example(today=date(2027, 1, 31), years=16, past=30)
@example(today=date(2027, 1, 30), years=16, past=0)
@example(today=date(2026, 12, 31), years=45, past=30)
@example(today=date(2028, 3, 30), years=17, past=30)  # 30 days after 29 February
def test_property_aged_is_exactly_that_old_on_the_day(today, years, past):
    """Also the days after the 28th, when the old helper's birthdays slipped."""
    assume(years > 0 or past == 0)
    with _on(today):
        number = aged(years, today, days_past_birthday=past)
        born = birth_date(number)
        assert is_valid_national_id(number) and born is not None
        assert age_on(born, today) == years == age_of_number(number, today)
        turned = today - timedelta(days=past)
        if (turned.month, turned.day) == (2, 29) and (born.month, born.day) == (2, 28):
            assert birthday(born, years) == turned - timedelta(days=1)  # no 29 February in the birth year
        else:
            assert birthday(born, years) == turned


@given(today=days, years=st.integers(min_value=1, max_value=89), ahead=st.integers(min_value=1, max_value=300))
@example(today=date(2027, 1, 30), years=16, ahead=2)  # turns 16 on 1 February, 15 today
@example(today=date(2027, 1, 31), years=16, ahead=2)
@example(today=date(2028, 2, 27), years=17, ahead=2)  # 29 February 2028, no 29 February in 2011
@example(today=date(2028, 2, 27), years=16, ahead=2)  # born 29 February 2012
@example(today=date(2026, 12, 29), years=18, ahead=5)
def test_property_aged_with_a_birthday_ahead_is_not_that_old_yet(today, years, ahead):
    """`days_past_birthday` below nought: the birthday is that many days away."""
    with _on(today):
        number = aged(years, today, days_past_birthday=-ahead)
        born = birth_date(number)
        assert is_valid_national_id(number)
        assert age_on(born, today) == years - 1 == age_of_number(number, today)
        coming = today + timedelta(days=ahead)
        assert birthday(born, years) in (coming, coming + timedelta(days=1))  # the day after: 29 February
        assert age_on(born, birthday(born, years)) == years
        assert age_on(born, birthday(born, years) - timedelta(days=1)) == years - 1


def test_a_leap_day_birth_turns_a_year_older_on_the_first_of_march(clock):
    """The portal's rule (`portal.rules.authority.birthday`): in a common year, who was born
    on 29 February turns a year older on 1 March, not on 28 February."""
    clock.move_to("2028-02-29 09:00")
    number = aged(16, days_past_birthday=0)
    born = birth_date(number)
    assert born == date(2012, 2, 29) and age_of_number(number, date(2028, 2, 29)) == 16
    clock.move_to("2029-03-01 09:00")
    assert birthday(born, 17) == date(2029, 3, 1)
    assert age_of_number(number, date(2029, 2, 28)) == 16 and age_of_number(number, date(2029, 3, 1)) == 17
    assert birth_date(aged(17, days_past_birthday=0)) == date(2012, 3, 1)


def test_the_day_is_oslos_day_when_none_is_given(clock):
    """The default day is `portal.rules.clock.today()`: at 00:30 on 1 February in Oslo, it is
    still 31 January in UTC, but a birthday on 1 February has come."""
    clock.move_to("2027-02-01 00:30")
    assert birth_date(aged(16, days_past_birthday=0)) == date(2011, 2, 1)
    assert birth_date(aged(16)) == date(2011, 1, 2)
    clock.move_to("2027-01-30 12:00")
    assert birth_date(aged(16, days_past_birthday=-2)) == date(2011, 2, 1)
