"""Deadlines (LEGAL.md "Deadlines"): weeks and months counted by dl § 148, moved past
weekends and public holidays by dl § 149, appeal periods by pbrl § 7-5 and fvl § 29."""

from datetime import date, timedelta

from hypothesis import given, strategies as st

from portal.rules.deadlines import (
    add_months,
    appeal_deadline,
    decision_end,
    is_public_holiday,
    is_working_day,
    late_appeal_limit,
    next_working_day,
    reapply_reminder,
    reply_deadline,
)


def test_norwegian_public_holidays_2027_include_easter_ascension_whitsun_and_17_may():
    """dl § 149 first paragraph: a deadline that ends on a Saturday, a public holiday
    (helgedag) or a day the law treats as one (1 and 17 May) moves to the next working day."""
    for day in (
        date(2027, 1, 1),
        date(2027, 3, 25),
        date(2027, 3, 26),
        date(2027, 3, 28),
        date(2027, 3, 29),
        date(2027, 5, 1),
        date(2027, 5, 6),
        date(2027, 5, 16),
        date(2027, 5, 17),
        date(2027, 12, 25),
        date(2027, 12, 26),
    ):
        assert is_public_holiday(day), day


def test_christmas_eve_and_new_years_eve_are_not_public_holidays():
    """dl § 149 moves a deadline past Saturdays, public holidays and days the law treats as
    holidays; Christmas Eve and New Year's Eve are none of these."""
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


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["stottekontakt", "bpa", "ledsagerbevis"]),
)
def test_no_appeal_deadline_is_ever_a_weekend_or_public_holiday(notified_on, service):
    """pbrl § 7-5 (four weeks) and fvl § 29 (three weeks), moved past days off by dl § 149."""
    due = appeal_deadline(service, notified_on).due
    assert due.weekday() < 5 and not is_public_holiday(due)
    assert due >= notified_on + timedelta(weeks=3)
    assert due - notified_on <= timedelta(weeks=4, days=6)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_next_working_day_is_the_first_working_day_on_or_after(day):
    """dl § 149: a deadline on a day off is extended to the next working day."""
    result = next_working_day(day)
    assert is_working_day(result)
    assert all(not is_working_day(day + timedelta(days=i)) for i in range((result - day).days))


def test_fvl_31_a_late_appeal_is_never_heard_more_than_a_year_after_the_decision():
    deadline = late_appeal_limit(date(2026, 5, 12))
    assert deadline.due == date(2027, 5, 12)
    assert deadline.basis.citation == "fvl § 31"


def test_fvl_31_the_late_appeal_limit_is_not_moved_past_a_holiday_or_weekend():
    """LEGAL.md, added after the first legal review: the year in fvl § 31 is a limit on the
    body, not a party's deadline, so dl § 149 does not move it. 17 May 2027 is a Monday and a
    holiday, 20 November 2027 a Saturday: the limit stays on each."""
    assert late_appeal_limit(date(2026, 5, 17)).due == date(2027, 5, 17)
    assert late_appeal_limit(date(2026, 11, 20)).due == date(2027, 11, 20)


def test_reapply_a_month_before_a_time_limited_decision_ends_moved_earlier_past_christmas():
    """LEGAL.md "Decisions": tell the user to reapply before the end date."""
    decided = date(2026, 11, 2)
    assert reapply_reminder(date(2027, 1, 26), decided).due == date(2026, 12, 24)  # 26 Dec is Boxing Day (Saturday)
    assert reapply_reminder(date(2027, 6, 30), decided).due == date(2027, 5, 28)  # 30 May is a Sunday
    assert decision_end(date(2027, 6, 30)).due == date(2027, 6, 30)


def test_the_reapply_day_is_advice_with_no_legal_basis_and_never_before_the_decision():
    """LEGAL.md, added after the first legal review: the day a month before a time-limited
    decision ends is the portal's advice, not a legal deadline, so no basis is shown (it cited
    fvl § 2, which sets no such day). A decision made with less than a month to run is not
    told to apply again before it was made."""
    assert reapply_reminder(date(2027, 6, 30), date(2026, 11, 2)).basis is None
    assert reapply_reminder(date(2027, 6, 30), date(2027, 6, 10)).due == date(2027, 6, 10)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(min_value=0, max_value=800))
def test_property_the_reapply_day_is_never_before_the_decision_nor_after_the_end(decided, days):
    """The portal's advice: on or after the decision, and no later than a month before the end
    unless the decision itself is later; no legal basis."""
    valid_to = decided + timedelta(days=days)
    advice = reapply_reminder(valid_to, decided)
    assert advice.basis is None and decided <= advice.due <= max(decided, add_months(valid_to, -1))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_property_fvl_31_the_late_appeal_limit_is_the_same_date_a_year_later_never_moved(decided):
    """dl § 148 counts the year (29 February to 28 February); dl § 149 does not move it."""
    due = late_appeal_limit(decided).due
    assert due == add_months(decided, 12) and 365 <= (due - decided).days <= 366


def test_dl_149_new_years_eve_is_a_working_day_but_new_years_day_is_not():
    assert reply_deadline(date(2026, 11, 30)).due == date(2026, 12, 30)
    assert reply_deadline(date(2026, 12, 1)).due == date(2027, 1, 4)  # 1 Jan Friday, then the weekend
    assert reply_deadline(date(2026, 11, 29)).due == date(2026, 12, 29)


def test_dl_149_whitsun_moves_a_deadline_from_whit_monday():
    # Whit Monday 2028 is 5 June.
    assert appeal_deadline("ledsagerbevis", date(2028, 5, 15)).due == date(2028, 6, 6)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["stottekontakt", "bpa", "ledsagerbevis"]),
)
def test_property_no_computed_deadline_is_ever_a_weekend_or_public_holiday(day, service):
    """dl § 149 by analogy: every deadline a party must meet lands on a working day. (A
    decision's own end date is the decision's; the late-appeal limit is a limit on the body,
    and the day to apply again by is advice: neither is moved.)"""
    for deadline in (appeal_deadline(service, day), reply_deadline(day)):
        assert is_working_day(deadline.due), deadline
