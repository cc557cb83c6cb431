"""What the case page and the decision letter say about reasons and dates (LEGAL.md,
"Deadlines" and "Added after the first legal review"): reasons demanded for a decision given
without them restart the appeal deadline (fvl § 24 second paragraph, § 29 third paragraph),
asking about reasoned ones does not; the late-appeal limit (fvl § 31) shows with any decision;
the day to apply again by is advice; a promised answer day that has passed is flagged; the
letter counts from the recorded day it reached the person, says "1 time", cites the right to
BPA (pbrl § 2-1 d) only when granted under it, and the appeal board by fvl § 28 second para."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import g

from portal.documents.decision import decision_html
from portal.rules.deadlines import add_months, next_working_day
from portal.services import cases, submissions
from tests.helpers import decision, log_in, record, text


def letter(app, reference: str, lang: str = "en") -> str:
    """The decision letter's words, as the PDF prints them."""
    with app.test_request_context(f"/{lang}/cases/{reference}/decision.pdf"):
        g.lang_code = lang
        case = cases.find(reference)
        page = decision_html(case, cases.summary_of(case))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def registered(app, service: str) -> str:
    """A paper application registered today, as the case-management system would."""
    with app.app_context():
        return submissions.register_offline("paper", service, "Per Papir", "01019012480")[0].reference


def long(day) -> str:
    return f"{day.day} {day:%B} {day.year}"


@pytest.fixture
def sent(citizen, submit_application):
    return submit_application(citizen)


def test_fvl_24_asking_about_a_reasoned_decision_stops_no_deadline(apply_app, citizen, sent, decide):
    """The old texts said asking for the reasons stops the deadline, which is true only for a
    decision given without reasons."""
    decide(sent)
    page = text(citizen.get(f"/en/cases/{sent}"))
    words = letter(apply_app, sent)
    for said in (page, words):
        assert "If something in the reasons is unclear, you can ask us to explain it." in said
        assert "Asking does not change the deadline to appeal." in said
        assert "the deadline then stops until you get them" not in said
    assert "forvaltningsloven § 29 tredje ledd" not in words


def test_fvl_29_third_paragraph_the_case_page_and_letter_follow_a_demand_for_reasons(
    apply_app, citizen, sent, decide, clock
):
    """Without reasons: the person is told they may demand them; once demanded, that the
    deadline has stopped; once given, the new last day, four weeks from the recorded day."""
    today = clock.today()
    decide(sent, with_reasons=False)
    page = text(citizen.get(f"/en/cases/{sent}"))
    assert "The decision in short" in page
    assert "You can ask us for the reasons until the last day to appeal." in page
    assert "you get a new deadline of 4 weeks from the day the reasons reach you" in page
    assert "forvaltningsloven § 29 tredje ledd" in page
    assert "This decision is given without reasons." in letter(apply_app, sent)

    record(apply_app, sent, "reasons_requested", requested_on=today.isoformat())
    page = text(citizen.get(f"/en/cases/{sent}"))
    assert f"You asked for them on {long(today)}, so the deadline to appeal has stopped." in page
    assert "The deadline to appeal has stopped while you wait for the reasons." in page
    assert "The last day to appeal" not in page
    assert "so the deadline has stopped" in letter(apply_app, sent)

    given_on = today + timedelta(days=1)  # a day of clock skew
    record(apply_app, sent, "reasons_given", notified_on=given_on.isoformat())
    new_due = next_working_day(given_on + timedelta(weeks=4))
    page = text(citizen.get(f"/en/cases/{sent}"))
    assert f"they reached you on {long(given_on)}. A new deadline to appeal, 4 weeks long" in page
    assert f"You can appeal until {long(new_due)}." in page
    words = letter(apply_app, sent)
    assert f"we have recorded that they reached you on {long(given_on)}" in words
    assert f"the last day to appeal is {long(new_due)}" in words
    assert "Asked for the reasons for the decision" in page  # the timeline


def test_the_letter_counts_the_deadline_from_the_recorded_day_it_reached_the_person(apply_app, sent, decide, clock):
    """fvl § 29 and pbrl § 7-5 count from the day the letter reached the person: the sentence
    said "if it reached you on the day it was sent", but the date came from the recorded day."""
    reached = clock.today() + timedelta(days=1)
    decide(sent, notified=reached, decided_on=clock.today().isoformat())
    words = letter(apply_app, sent)
    assert f"We have recorded that this letter reached you on {long(reached)}" in words
    assert "If it reached you later, the deadline counts from the day it did." in words
    assert "on the day it was sent" not in words
    nb = letter(apply_app, sent, "nb")
    assert "Vi har registrert at dette brevet kom fram til deg" in nb


def test_fvl_31_the_late_appeal_limit_shows_without_a_recorded_notification_day(citizen, sent, decide, clock):
    """A year from the decision, the same date, not moved past a weekend or holiday."""
    decide(sent, notified_on=None)
    page = text(citizen.get(f"/en/cases/{sent}"))
    assert "After this day a late appeal cannot be considered" in page and "forvaltningsloven § 31" in page
    assert long(add_months(clock.today(), 12)) in page


def test_the_reapply_day_is_advice_with_no_legal_basis_and_no_must(apply_app, citizen, sent, decide):
    """LEGAL.md, added after the first legal review: no legal basis, no "må"."""
    decide(sent)
    page = text(citizen.get(f"/nb/cases/{sent}"))
    row = (
        "Vårt råd: Søk på nytt innen denne dagen, så hjelpen kan fortsette uten opphold Ingen: Dette er et råd fra oss"
    )
    assert row in page and page.count("forvaltningsloven § 2 ") == 1  # the end date's basis, not the advice's
    words = letter(apply_app, sent, "nb")
    assert "anbefaler vi at du søker på nytt innen" in words and "må du søke" not in words
    english = text(citizen.get(f"/en/cases/{sent}"))
    assert "Our advice: apply again by this day" in english and "None: this is our advice" in english


@pytest.mark.parametrize("lang,scope", [("nb", "1 time per uke"), ("nn", "1 time per veke"), ("en", "1 hour per week")])
def test_one_hour_is_singular_on_the_page_and_in_the_letter(apply_app, citizen, sent, decide, lang, scope):
    decide(sent, hours=1)
    assert scope in text(citizen.get(f"/{lang}/cases/{sent}"))
    assert scope in letter(apply_app, sent, lang)
    decide(sent, hours=2)
    assert {"nb": "2 timer per uke", "nn": "2 timar per veke", "en": "2 hours per week"}[lang] in letter(
        apply_app, sent, lang
    )


def test_pbrl_2_1_d_the_bpa_letter_cites_the_right_whenever_the_decision_assesses_it(apply_app):
    """fvl § 25 first paragraph: the reasons name the rules the decision rests on, so a refusal
    under the right to BPA cites the right as a grant under it does."""
    reference = registered(apply_app, "bpa")
    record(apply_app, reference, "decision", **decision())
    words = letter(apply_app, reference)
    assert "helse- og omsorgstjenesteloven § 3-8" in words and "§ 2-1 d" not in words
    for outcome in ("granted", "refused"):
        record(apply_app, reference, "decision", **decision(bpa_right=True, outcome=outcome))
        assert "helse- og omsorgstjenesteloven § 3-8 and pasient- og brukerrettighetsloven § 2-1 d" in letter(
            apply_app, reference
        ), outcome


def test_pbrl_8_2_the_ombud_is_offered_for_health_and_care_services_not_the_companion_card(apply_app, client):
    """The ombud works on health and care services (pbrl §§ 8-1, 8-2): a companion card letter
    does not send people there; a support contact letter and the appeals guide say when it helps."""
    card, contact = registered(apply_app, "ledsagerbevis"), registered(apply_app, "stottekontakt")
    record(apply_app, card, "decision", **decision(valid_to=None, valid_from=None))
    record(apply_app, contact, "decision", **decision())
    assert "ombud" not in letter(apply_app, card).lower()
    assert "ombud" in letter(apply_app, contact).lower()
    guide = text(client.get("/en/appeals"))
    assert "If the appeal is about support contact or BPA" in guide and "does not handle companion cards" in guide


def test_fvl_28_second_paragraph_the_companion_card_letter_names_the_appeal_board_by_its_paragraph(apply_app):
    reference = registered(apply_app, "ledsagerbevis")
    record(apply_app, reference, "decision", **decision(valid_to=None, valid_from=None))
    assert "forvaltningsloven § 28 andre ledd" in letter(apply_app, reference)


def test_fvl_11_a_a_preliminary_reply_is_not_after_a_month_and_a_passed_promise_is_flagged(
    apply_app, citizen, sent, clock, login_as
):
    """The reply comes as soon as the municipality sees the month will not hold. When the day
    it promised has passed without an answer, the person and the caseworker are told."""
    promised = clock.today() + timedelta(days=5)
    record(apply_app, sent, "preliminary_reply", reason="Vi venter på legen.", expected_by=promised.isoformat())
    page = text(citizen.get(f"/en/cases/{sent}"))
    assert "The municipality cannot answer within a month of receiving the application." in page
    assert "takes longer than a month" not in page and "that day has passed" not in page
    clock.shift(days=6)
    log_in(citizen)
    page = text(citizen.get(f"/en/cases/{sent}"))
    assert f"The municipality expected to answer by {long(promised)}, and that day has passed." in page
    caseworker = login_as("caseworker")
    assert "That day has passed: send the answer" in text(caseworker.get(f"/en/intake/submissions/{sent}"))
    record(apply_app, sent, "decision", **decision())
    assert "that day has passed" not in text(citizen.get(f"/en/cases/{sent}"))


def test_the_guides_say_when_reasons_stop_the_deadline_and_when_a_preliminary_reply_comes(client):
    appeals = text(client.get("/en/appeals"))
    assert "If yours was given without reasons, you can ask us for them before the deadline runs out." in appeals
    assert "you get a new, full deadline from the day the reasons reach you" in appeals
    assert "Asking does not change the deadline, so appeal in time." in appeals
    assert "If you need to know more about why we decided as we did" not in appeals
    assert "forvaltningsloven § 29 tredje ledd" in appeals
    handling = text(client.get("/en/how-your-case-is-handled"))
    assert "As soon as we see that we cannot answer within one month" in handling
