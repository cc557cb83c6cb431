"""Rules for acting on someone else's behalf (LEGAL.md): fvl § 12 (fullmakt), pbrl § 4-3
(16-year-olds decide for themselves; a parent then needs their own fullmakt, pbrl § 7-2),
pbrl § 4-4 (parents; children heard from 7), vergemålsloven (the appointment sets the limits)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, strategies as st

from portal.rules import authority as rules
from portal.rules.authority import AuthorityFacts
from portal.rules.identity import age_on

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ALL = ("stottekontakt", "ledsagerbevis", "bpa")


def facts(**changes) -> AuthorityFacts:
    base = dict(basis="fullmakt", state=rules.ACTIVE, scopes=rules.SCOPES, services=ALL, valid_until=date(2027, 12, 31))
    return AuthorityFacts(**{**base, **changes})


def test_fvl_12_an_active_fullmakt_allows_what_it_covers_and_nothing_more():
    f = facts(scopes=("apply", "see_case"), services=("bpa",))
    assert rules.allows(f, "apply", "bpa", NOW)
    assert rules.allows(f, "see_case", "bpa", NOW)
    assert not rules.allows(f, "appeal", "bpa", NOW)
    assert not rules.allows(f, "apply", "stottekontakt", NOW)


def test_fvl_12_a_fullmakt_ends_after_its_last_day():
    f = facts(valid_until=date(2026, 11, 24))
    assert rules.effective_state(f, NOW) == rules.EXPIRED
    assert not rules.allows(f, "apply", "bpa", NOW)
    assert rules.effective_state(facts(valid_until=date(2026, 11, 25)), NOW) == rules.ACTIVE  # the last day counts


def test_a_request_expires_after_fourteen_days():
    """fvl § 12 asks for a written fullmakt; that a request in the portal stays open fourteen
    days is the portal's rule (REQUEST_VALID_DAYS), not the law's."""
    asked = NOW - timedelta(days=14)
    f = facts(state=rules.REQUESTED, request_expires_at=rules.request_expires(asked))
    assert rules.effective_state(f, NOW) == rules.EXPIRED
    f = facts(state=rules.REQUESTED, request_expires_at=rules.request_expires(asked + timedelta(minutes=1)))
    assert rules.effective_state(f, NOW) == rules.REQUESTED


def test_while_the_municipality_checks_a_document_only_applying_is_allowed():
    f = facts(basis="verge", state=rules.AWAITING_VERIFICATION)
    assert rules.allows(f, "apply", "bpa", NOW)
    for scope in ("appeal", "see_case", "receive_letters"):
        assert not rules.allows(f, scope, "bpa", NOW)


def test_pbrl_4_3_a_parents_declaration_for_a_sixteen_year_old_allows_nothing():
    """From 16 the young person decides; a parent acts only with the young person's own
    written fullmakt (pbrl § 7-2 last paragraph, fvl § 12). A declaration stored before, which
    lasts to the 18th birthday, allows nothing once the child is 16."""
    born = date(2010, 11, 1)  # 16 on NOW
    stored_before = facts(basis="parent", person_birth_date=born, valid_until=date(2028, 10, 31))
    assert rules.effective_state(stored_before, NOW) == rules.YOUNG_PERSON_DECIDES
    assert rules.YOUNG_PERSON_DECIDES in rules.ENDED
    for scope in rules.SCOPES:
        assert not rules.allows(stored_before, scope, "bpa", NOW)


def test_pbrl_4_3_a_parents_declaration_lasts_to_the_day_before_the_sixteenth_birthday():
    born = date(2010, 11, 25)
    assert rules.parent_declaration_ends(born) == date(2026, 11, 24)
    f = facts(basis="parent", person_birth_date=born, valid_until=rules.parent_declaration_ends(born))
    assert rules.effective_state(f, NOW - timedelta(days=1)) == rules.ACTIVE
    assert rules.effective_state(f, NOW) == rules.YOUNG_PERSON_DECIDES


def test_pbrl_4_3_without_a_birth_date_the_declarations_last_day_ends_it():
    """Where the number does not tell the year and no date is known, the last day stored
    (the day before the 16th birthday, from the date the parent gave) ends it."""
    f = facts(basis="parent", person_birth_date=None, valid_until=date(2026, 11, 24))
    assert rules.effective_state(f, NOW) == rules.EXPIRED


def test_a_leap_day_birthday_counts_from_the_first_of_march():
    """Barneloven (18) and pbrl § 4-3 (16) count from the birthday; in a common year someone
    born on 29 February has it on 1 March (the portal's rule, `birthday`)."""
    assert rules.birthday(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert rules.parent_declaration_ends(date(2012, 2, 29)) == date(2028, 2, 28)  # 16 on 29 February 2028
    assert rules.parent_declaration_ends(date(2011, 2, 28)) == date(2027, 2, 27)


@pytest.mark.parametrize("age,heard", [(6, False), (7, True), (12, True), (15, True), (16, False), (17, False)])
def test_pbrl_4_4_children_from_seven_are_heard_and_pbrl_4_3_from_sixteen_they_decide(age, heard):
    assert rules.child_must_be_heard(age) is heard
    assert rules.decides_for_themselves(age) is (age >= 16)


@pytest.mark.parametrize(
    "basis,checked,may",
    [
        ("fullmakt", True, True),
        ("ombud", True, True),
        ("parent", False, False),
        ("parent", True, False),
        ("verge", True, False),
        ("verge", False, True),
    ],
)
def test_who_the_person_may_withdraw(basis, checked, may):
    """fvl § 12: a fullmakt is withdrawn at will, by a 16- or 17-year-old too; a verge is
    appointed by the Statsforvalteren, but a claim nobody has checked yet the person may
    reject; a parent's declaration is for a child under 16 and stops by itself at 16 (pbrl § 4-3)."""
    assert rules.person_may_withdraw(basis, checked) is may


@pytest.mark.parametrize(
    "for_person,from_rep,open_,may",
    [(0, 0, 0, True), (5, 2, 0, True), (6, 0, 0, False), (3, 3, 0, False), (1, 1, 1, False)],
)
def test_nobody_is_asked_again_and_again(for_person, from_rep, open_, may):
    assert rules.may_ask_again(for_person, from_rep, open_) is may


def test_days_are_norwegian_days():
    """fvl § 12, a fullmakt's last day, counted in Norwegian days (portal/rules/clock.py).
    At 23:30 UTC on 24 November it is already 25 November in Oslo: a last day of the 24th has passed."""
    late = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    assert rules.effective_state(facts(valid_until=date(2026, 11, 24)), late) == rules.EXPIRED


@pytest.mark.parametrize(
    "until,problem",
    [
        (None, "empty"),
        (date(2026, 11, 24), "past"),
        (date(2026, 11, 25), None),
        (date(2036, 11, 25), None),
        (date(2036, 11, 26), "too_long"),
    ],
)
def test_the_period_of_a_fullmakt(until, problem):
    """fvl § 12: a fullmakt lasts as long as it says; the portal gives one for at most 10 years
    (LONGEST_PERIOD_YEARS, the portal's rule), never ending in the past."""
    assert rules.period_problem(until, date(2026, 11, 25)) == problem


def test_an_unknown_scope_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.allows(facts(), "delete_everything", "bpa", NOW)


states = st.sampled_from(
    [
        rules.REQUESTED,
        rules.AWAITING_DOCUMENT,
        rules.AWAITING_VERIFICATION,
        rules.ACTIVE,
        rules.DECLINED,
        rules.REJECTED,
        rules.REVOKED,
    ]
)
scope_sets = st.sets(st.sampled_from(rules.SCOPES)).map(tuple)
service_sets = st.sets(st.sampled_from(ALL)).map(tuple)
days = st.dates(min_value=date(1920, 1, 1), max_value=date(2060, 12, 31))


@given(
    basis=st.sampled_from(rules.BASES),
    state=states,
    scopes=scope_sets,
    services=service_sets,
    until=st.none() | days,
    born=st.none() | days,
    scope=st.sampled_from(rules.SCOPES),
    service=st.sampled_from(ALL),
    today=days,
)
def test_property_an_authority_never_allows_more_than_it_covers_or_after_it_ended(
    basis, state, scopes, services, until, born, scope, service, today
):
    """pbrl § 4-3: a parent's declaration never allows anything once the child is 16."""
    f = AuthorityFacts(basis, state, scopes, services, until, None, born)
    now = datetime(today.year, today.month, today.day, 12, tzinfo=UTC)
    allowed = rules.allows(f, scope, service, now)
    if allowed:
        assert scope in scopes and service in services
        assert state in (rules.ACTIVE, rules.AWAITING_VERIFICATION)
        assert until is None or today <= until
        if basis == "parent" and born is not None:
            assert age_on(born, today) < 16
    if state in (rules.DECLINED, rules.REJECTED, rules.REVOKED):
        assert not allowed
