"""Deadlines (LEGAL.md "Deadlines"): weeks and months counted by dl § 148, moved past
weekends and public holidays by dl § 149, appeal periods by pbrl § 7-5 and fvl § 29."""
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from portal.rules.deadlines import (
    add_months, appeal_deadline, is_public_holiday, is_working_day, next_working_day, reply_deadline,
)


def test_norwegian_public_holidays_2027_include_easter_ascension_whitsun_and_17_may():
    for day in (date(2027, 1, 1), date(2027, 3, 25), date(2027, 3, 26), date(2027, 3, 28),
                date(2027, 3, 29), date(2027, 5, 1), date(2027, 5, 6), date(2027, 5, 16),
                date(2027, 5, 17), date(2027, 12, 25), date(2027, 12, 26)):
        assert is_public_holiday(day), day


def test_christmas_eve_and_new_years_eve_are_not_public_holidays():
    assert not is_public_holiday(date(2026, 12, 24))
    assert not is_public_holiday(date(2026, 12, 31))
    assert is_working_day(date(2026, 12, 24))


def test_pbrl_7_5_stottekontakt_four_weeks_end_on_the_same_weekday():
    deadline = appeal_deadline("stottekontakt", date(2026, 11, 24))
    assert deadline.due == date(2026, 12, 22)
    assert deadline.basis.citation == "pbrl § 7-5"


def test_fvl_29_ledsagerbevis_three_weeks():
    deadline = appeal_deadline("ledsagerbevis", date(2026, 11, 24))
    assert deadline.due == date(2026, 12, 15)
    assert deadline.basis.citation == "fvl § 29"


def test_dl_149_a_deadline_on_maundy_thursday_moves_past_easter_to_tuesday():
    # Thursday 25 March 2027 is Maundy Thursday; Friday, the weekend and Monday are holidays too.
    assert appeal_deadline("bpa", date(2027, 2, 25)).due == date(2027, 3, 30)


def test_dl_149_a_deadline_on_ascension_day_moves_to_friday():
    assert appeal_deadline("ledsagerbevis", date(2027, 4, 15)).due == date(2027, 5, 7)


def test_dl_149_a_deadline_on_17_may_whit_monday_2027_moves_to_tuesday():
    assert appeal_deadline("stottekontakt", date(2027, 4, 19)).due == date(2027, 5, 18)


def test_dl_149_a_deadline_on_boxing_day_saturday_moves_to_monday():
    # 26 December 2026 is a Saturday.
    assert appeal_deadline("ledsagerbevis", date(2026, 12, 5)).due == date(2026, 12, 28)


def test_dl_149_a_deadline_on_new_years_day_moves_to_the_next_working_day():
    # Friday 1 January 2027 -> Monday 4 January.
    assert appeal_deadline("stottekontakt", date(2026, 12, 4)).due == date(2027, 1, 4)


def test_dl_148_months_end_on_the_same_date_or_the_last_day_of_the_month():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 24), 1) == date(2026, 12, 24)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_fvl_11_a_an_answer_or_preliminary_reply_is_due_one_month_after_receipt():
    deadline = reply_deadline(date(2026, 11, 25))
    assert deadline.due == date(2026, 12, 28)  # 25 December is Christmas Day, then a weekend
    assert deadline.basis.citation == "fvl § 11 a"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["stottekontakt", "bpa", "ledsagerbevis"]))
def test_no_appeal_deadline_is_ever_a_weekend_or_public_holiday(notified_on, service):
    due = appeal_deadline(service, notified_on).due
    assert due.weekday() < 5 and not is_public_holiday(due)
    assert due >= notified_on + timedelta(weeks=3)
    assert due - notified_on <= timedelta(weeks=4, days=6)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_next_working_day_is_the_first_working_day_on_or_after(day):
    result = next_working_day(day)
    assert is_working_day(result)
    assert all(not is_working_day(day + timedelta(days=i)) for i in range((result - day).days))
