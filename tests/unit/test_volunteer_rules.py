"""Volunteers (LEGAL.md "Volunteers"): at least 18 (municipal practice); a politiattest no
older than three months when engaged (hol § 5-4); timesheets by the 15th; and matching a
volunteer to someone granted a støttekontakt, with the reasons."""

from datetime import date

import pytest
from hypothesis import given, strategies as st

from portal.rules import matching, volunteers as rules
from portal.rules.matching import Candidate, Need


def test_a_volunteer_must_be_18():
    """LEGAL.md "Volunteers": municipal practice, at least 18 years old (from the birthday on)."""
    assert rules.old_enough(date(2008, 11, 25), date(2026, 11, 25))
    assert not rules.old_enough(date(2008, 11, 26), date(2026, 11, 25))


def test_hol_5_4_the_police_certificate_is_no_older_than_three_months_when_engaged():
    issued = date(2026, 9, 1)
    assert rules.certificate_valid_for(issued, date(2026, 12, 1))
    assert not rules.certificate_valid_for(issued, date(2026, 12, 2))
    assert not rules.certificate_valid_for(issued, date(2026, 8, 31))
    assert rules.certificate_valid_until(date(2026, 11, 30)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    "state,to,allowed",
    [
        ("applied", "interviewed", True),
        ("applied", "engaged", False),
        ("interviewed", "approved", True),
        ("approved", "engaged", True),
        ("engaged", "inactive", True),
        ("inactive", "approved", True),
        ("inactive", "engaged", False),
        ("certificate_received", "engaged", True),
    ],
)
def test_the_states_of_a_volunteer_go_in_order(state, to, allowed):
    assert rules.may_move(state, to) is allowed


def test_a_months_timesheet_is_due_the_15th_of_the_next():
    """LEGAL.md "Volunteers": timesheets are handed in monthly, by the 15th."""
    assert rules.timesheet_due(date(2026, 11, 7)) == date(2026, 12, 15)
    assert rules.timesheet_due(date(2026, 12, 1)) == date(2027, 1, 15)
    assert rules.months_worked(date(2026, 9, 20), date(2026, 11, 25)) == [date(2026, 9, 1), date(2026, 10, 1)]


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
)
def test_property_engagement_needs_a_certificate_from_the_three_months_before(issued, engaged):
    """hol § 5-4: the politiattest is no older than three months when the volunteer is engaged."""
    if rules.certificate_valid_for(issued, engaged):
        assert issued <= engaged and (engaged - issued).days <= 92


def _candidate(key, **changes):
    base = dict(
        key=key,
        name=key,
        times=frozenset({"evening", "weekends"}),
        groups=frozenset({"adults"}),
        interests=frozenset({"sports"}),
        interests_text="",
        capacity=1,
        taken=0,
    )
    return Candidate(**{**base, **changes})


NEED = Need(
    age=34,
    need_groups=frozenset({"intellectual"}),
    interests_text="Jeg liker fotball og kino",
    when_text="Kveld, helst i helgene",
)


def test_the_best_fit_comes_first_with_its_reasons_and_those_who_do_not_fit_are_left_out():
    ranked = matching.rank(
        NEED,
        [
            _candidate(
                "Anne",
                interests=frozenset({"sports", "culture"}),
                groups=frozenset({"adults", "intellectual_disability"}),
                capacity=2,
            ),
            _candidate("Bjørn"),  # football, evenings and weekends, adults
            _candidate("Cato", times=frozenset({"daytime"}), interests=frozenset({"music"})),  # fits, but little shared
            _candidate("Dina", groups=frozenset({"children"})),  # wants to work with children only
            _candidate("Erik", taken=1),  # no room
        ],
    )
    assert [m.candidate.key for m in ranked] == ["Anne", "Bjørn", "Cato"]
    anne = {(r.kind, r.code) for r in ranked[0].reasons}
    assert {
        ("interest", "sports"),
        ("interest", "culture"),
        ("time", "evening"),
        ("time", "weekends"),
        ("group", "adults"),
        ("group", "intellectual_disability"),
        ("room", "2"),
    } == anne
    assert {(r.kind, r.code) for r in ranked[2].reasons} == {("group", "adults"), ("room", "1")}


def test_interests_written_by_the_volunteer_count_too():
    ranked = matching.rank(NEED, [_candidate("Frida", interests=frozenset(), interests_text="Går på kino hver uke")])
    assert ("interest", "culture") in {(r.kind, r.code) for r in ranked[0].reasons}


@pytest.mark.parametrize(
    "age,group,other",
    [
        (9, "children", "adults"),
        (15, "young_people", "elderly"),
        (40, "adults", "children"),
        (80, "elderly", "young_people"),
    ],
)
def test_a_person_is_matched_only_with_volunteers_who_named_their_age_or_named_no_age(age, group, other):
    need = Need(age=age, need_groups=frozenset(), interests_text="", when_text="")
    ranked = matching.rank(
        need,
        [
            _candidate("A", groups=frozenset({group})),
            _candidate("B", groups=frozenset({other})),
            _candidate("C", groups=frozenset({"physical_disability"})),
        ],
    )
    assert [m.candidate.key for m in ranked] == ["A", "C"]
    assert ("group", group) in {(r.kind, r.code) for r in ranked[0].reasons}
    assert ("group", group) not in {(r.kind, r.code) for r in ranked[1].reasons}


@pytest.mark.parametrize(
    "text,found",
    [
        ("Jeg liker fotballkamper", {"sports"}),
        ("Kor og korps", {"music"}),
        ("Korte turer", {"outdoors"}),
        ("Hundre ting", set()),
        ("Liker ikke fotball, men kino", {"culture"}),
        ("Not football, but cinema", {"culture"}),
        ("female art", {"arts_crafts"}),
        ("Hester og hunder", {"animals"}),
    ],
)
def test_written_interests_are_read_as_whole_words_and_a_no_is_heeded(text, found):
    assert matching._found(text, matching.INTEREST_WORDS) == found


def test_half_years_are_asked_for_from_a_month_before_each_end_and_the_last_after_an_early_end():
    """LEGAL.md "Volunteers": a half-year report on the assignment is asked for."""
    started = date(2026, 1, 10)
    assert rules.half_years(started, None, date(2026, 6, 8)) == []
    assert rules.half_years(started, None, date(2026, 6, 9)) == [date(2026, 7, 10)]
    assert rules.half_years(started, None, date(2027, 6, 1)) == [date(2026, 7, 10), date(2027, 1, 10)]
    assert rules.half_years(started, date(2026, 3, 1), date(2027, 6, 20)) == [date(2026, 7, 10)]


@given(
    st.lists(
        st.builds(
            _candidate,
            st.text(min_size=1, max_size=5),
            capacity=st.integers(0, 3),
            taken=st.integers(0, 3),
            groups=st.frozensets(st.sampled_from(rules.GROUPS)),
            times=st.frozensets(st.sampled_from(rules.TIMES)),
            interests=st.frozensets(st.sampled_from(rules.INTERESTS)),
        ),
        max_size=8,
    )
)
def test_property_nobody_full_or_unwilling_is_ever_suggested_and_the_order_is_by_score(candidates):
    ranked = matching.rank(NEED, candidates)
    assert all(m.candidate.capacity > m.candidate.taken for m in ranked)
    assert all("adults" in m.candidate.groups or not m.candidate.groups & set(matching.AGE_GROUPS) for m in ranked)
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)
