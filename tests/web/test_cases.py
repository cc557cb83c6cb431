"""Following a case (DESIGN.md "Journeys" 4): My cases, the case page with its status in
plain words, the timeline, the decision and its scope, the letters, and each running deadline
with its legal basis (fvl § 11 a, pbrl § 7-5, fvl § 29, fvl § 31) and as a calendar file."""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AccessLogEntry
from portal.rules import deadlines
from tests.helpers import (
    APPEAL,
    day,
    decision,
    fill_for,
    html,
    log_in,
    log_in_with_id,
    make_account,
    make_token,
    post_form,
    record,
    reference_in,
    start_appeal,
    start_for,
    text,
)
from tests.reader_client import reader_address

# Some tests check calendar facts: an application sent on 19 November 2026, decided on the 20th,
# the decision reaching the person on Monday 23 November, for the first half of 2027. The case
# page shows a deadline only while it is still ahead, so those tests run on 25 November 2026 (a
# log-in does not survive a jump in time: they log in again after it).
SENT_IN_NOVEMBER = "2026-11-19 10:00"
NOVEMBER_2026 = "2026-11-25 10:00"
NOTIFIED = date(2026, 11, 23)
PERIOD = {"decided_on": "2026-11-20", "valid_from": "2027-01-01", "valid_to": "2027-06-30"}


@pytest.fixture
def sent(citizen, submit_application):
    return submit_application(citizen)


@pytest.fixture
def november(clock, login_as, submit_application):
    """An application sent on 19 November 2026; the test goes on on the 25th, logged in
    again: (the citizen's client, the reference)."""
    clock.move_to(SENT_IN_NOVEMBER)
    citizen = login_as("citizen")
    reference = submit_application(citizen)
    clock.move_to(NOVEMBER_2026)
    log_in(citizen)
    return citizen, reference


@pytest.mark.parametrize(
    "lang,status,deadline",
    [
        ("nb", "Sendt, ikke registrert av kommunen ennå", "Kommunens svar"),
        ("nn", "Sendt, ikkje registrert av kommunen enno", "Svaret frå kommunen"),
        ("en", "Sent, not yet registered by the municipality", "The municipality's answer"),
    ],
)
def test_a_sent_application_is_a_case_with_the_answer_due_in_a_month(citizen, sent, lang, status, deadline):
    """fvl § 11 a: an answer, or a preliminary reply, one month after receipt."""
    listing = text(citizen.get(f"/{lang}/cases/"))
    assert sent in listing and status in listing
    page = text(citizen.get(f"/{lang}/cases/{sent}"))
    assert status in page and deadline in page and "forvaltningsloven § 11 a" in page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_my_page_leads_to_the_case(citizen, sent, lang):
    page = html(citizen.get(f"/{lang}/my-page"))
    app = citizen.application
    case, cases = reader_address(app, f"/{lang}/cases/{sent}"), reader_address(app, f"/{lang}/cases/")
    assert case in page and cases in page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_decision_its_scope_the_letter_and_the_appeal_deadline(apply_app, november, decide, lang):
    """pbrl § 7-5: four weeks from the day the decision reached the person (23 November 2026)."""
    citizen, sent = november
    record(apply_app, sent, "received", case_number="26/4711", received_on="2026-11-19")
    decide(sent, notified=NOTIFIED, **PERIOD)
    page = text(citizen.get(f"/{lang}/cases/{sent}"))
    expected = {
        "nb": [
            "Vedtak er fattet",
            "Delvis innvilget",
            "3 timer per uke",
            "I gruppe",
            "26/4711",
            "21. desember 2026",
            "Siste dag for å klage",
            "pasient- og brukerrettighetsloven § 7-5",
            "28. mai 2027",
            "30. juni 2027",
            "Du har behov for støtte til fritid.",
            "Klag på vedtaket",
        ],
        "nn": [
            "Vedtak er fatta",
            "Delvis innvilga",
            "3 timar per veke",
            "I gruppe",
            "26/4711",
            "21. desember 2026",
            "Siste dag for å klage",
            "pasient- og brukerrettighetsloven § 7-5",
            "28. mai 2027",
            "30. juni 2027",
            "Du har behov for støtte til fritid.",
            "Klag på vedtaket",
        ],
        "en": [
            "Decided",
            "Partly granted",
            "3 hours per week",
            "In a group",
            "26/4711",
            "21 December 2026",
            "The last day to appeal",
            "pasient- og brukerrettighetsloven § 7-5",
            "28 May 2027",
            "30 June 2027",
            "Du har behov for støtte til fritid.",
            "Appeal the decision",
        ],
    }[lang]
    for words in expected:
        assert words in page, words


def test_the_timeline_tells_what_happened_in_order(apply_app, november):
    """fvl § 11 a: a preliminary reply, with the reason and when the answer is expected,
    answers the month the municipality has."""
    citizen, sent = november
    record(apply_app, sent, "received", case_number="26/4711", received_on="2026-11-20")
    record(apply_app, sent, "assessment_started")
    record(
        apply_app,
        sent,
        "preliminary_reply",
        reason="Vi venter på en uttalelse fra fastlegen.",
        expected_by="2027-01-15",
    )
    page = text(citizen.get(f"/en/cases/{sent}"))
    assert "The municipality has sent a preliminary reply" in page
    assert "Vi venter på en uttalelse fra fastlegen." in page and "15 January 2027" in page
    timeline = page.split("What has happened", 1)[1]
    assert (
        timeline.index("Received by the municipality")
        < timeline.index("Assessment started")
        < timeline.index("Preliminary reply sent")
    )
    assert "The municipality's answer" not in page  # fvl § 11 a is met by the preliminary reply


def test_the_deadlines_as_a_calendar_file_name_no_one(november, decide):
    """pbrl § 7-5: the first of the deadlines still ahead is the last day to appeal, four weeks
    after the decision reached the person on 23 November 2026."""
    from icalendar import Calendar

    citizen, sent = november
    decide(sent, notified=NOTIFIED, **PERIOD)
    response = citizen.get(f"/nb/cases/{sent}/deadlines.ics")
    assert response.mimetype == "text/calendar" and "attachment" in response.headers["Content-Disposition"]
    calendar = Calendar.from_ical(response.data)
    events = {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
    assert any(s.startswith("Siste dag for å klage") for s in events)
    assert str(min(events.values())) == "2026-12-21"
    assert "Kari" not in response.data.decode() and "01019012480" not in response.data.decode()


@pytest.mark.parametrize(
    "lang,texts",
    [
        (
            "nb",
            [
                "Vedtak: Støttekontakt",
                "Delvis innvilget",
                "3 timer per uke",
                "21. desember 2026",
                "Statsforvalteren i Rogaland",
                "Du har rett til å klage",
                "forvaltningsloven § 27",
            ],
        ),
        (
            "nn",
            [
                "Vedtak: Støttekontakt",
                "Delvis innvilga",
                "3 timar per veke",
                "21. desember 2026",
                "Statsforvaltaren i Rogaland",
                "Du har rett til å klage",
                "forvaltningsloven § 27",
            ],
        ),
        (
            "en",
            [
                "Partly granted",
                "3 hours per week",
                "21 December 2026",
                "Rogaland",
                "Your right to appeal",
                "forvaltningsloven § 27",
            ],
        ),
    ],
)
def test_the_decision_letter_states_the_reasons_and_the_right_to_appeal(
    november, decide, lang, texts, tmp_path, pdftotext
):
    """fvl § 27 third paragraph: the right to appeal, the deadline, the appeal body, how."""
    citizen, sent = november
    decide(sent, notified=NOTIFIED, **PERIOD)
    response = citizen.get(f"/{lang}/cases/{sent}/decision.pdf")
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
    (tmp_path / "d.pdf").write_bytes(response.data)
    words = subprocess.run([pdftotext, str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    words = re.sub(r"\s+", " ", words)
    for expected in texts + ["Du har behov for støtte til fritid.", sent, "Kari Nordmann"]:
        assert expected in words, expected


def test_no_decision_no_letter(citizen, sent):
    assert citizen.get(f"/nb/cases/{sent}/decision.pdf").status_code == 404


def test_another_account_gets_nothing_of_the_case(apply_app, citizen, sent, decide):
    decide(sent)
    other = apply_app.test_client()
    make_account(apply_app, email="ola@example.org")
    log_in(other, email="ola@example.org")
    for path in (f"/nb/cases/{sent}", f"/nb/cases/{sent}/deadlines.ics", f"/nb/cases/{sent}/decision.pdf"):
        assert other.get(path).status_code == 404, path
    assert sent not in html(other.get("/nb/cases/"))


def test_the_person_follows_a_case_a_representative_sent_and_the_representative_is_logged(id_app, oidc_provider, clock):
    from tests.identities import aged

    person_id, rep_id = aged(70, start=90), aged(45, start=90)
    rep = log_in_with_id(id_app.test_client(), oidc_provider, rep_id)
    person = log_in_with_id(id_app.test_client(), oidc_provider, person_id)
    post_form(
        rep,
        "/nb/authorities/new/fullmakt",
        {
            "representative_name": "Rita",
            "person_name": "Gunn Giver",
            "person_national_id": person_id,
            "person_email": "gunn@example.org",
            "scopes": ["apply", "see_case"],
            "services": ["bpa", "stottekontakt"],
            "valid_until": day(clock.today() + timedelta(days=365)),
        },
    )
    from portal.models import Authority

    with id_app.app_context():
        public_id = db.session.scalar(select(Authority.public_id))
    post_form(person, f"/nb/authorities/requests/{public_id}", {"answer": "approve"})
    base = start_for(rep, public_id)
    fill_for(rep, base, person_id)
    reference = reference_in(post_form(rep, f"{base}/check", {"correct": "y"}).headers["Location"])
    record(id_app, reference, "decision", **decision())
    listing = text(rep.get("/en/cases/"))
    assert "For Ola Barn" in listing and reference in listing  # the name as given in the application
    assert "For Ola Barn" in text(rep.get(f"/en/cases/{reference}"))
    assert person.get(f"/en/cases/{reference}").status_code == 200
    assert "For Ola Barn" not in text(person.get(f"/en/cases/{reference}"))  # it is their own
    with id_app.app_context():
        actions = set(
            db.session.scalars(select(AccessLogEntry.action).where(AccessLogEntry.actor_role == "representative"))
        )
    assert {"case.list", "case.view"} <= actions


def test_a_paper_application_registered_by_the_municipality_shows_once_the_person_logs_in_with_id(
    id_app, oidc_provider
):
    token = make_token(id_app)
    client = id_app.test_client()
    response = client.post(
        "/api/v1/submissions",
        headers={"Authorization": f"Bearer {token}"},
        json={
            "channel": "paper",
            "kind": "application",
            "service": "ledsagerbevis",
            "person": {"name": "Per Papir", "national_id": "01019012480"},
        },
    )
    reference = response.json["reference"]
    person = log_in_with_id(id_app.test_client(), oidc_provider, "01019012480")
    assert reference in text(person.get("/en/cases/"))
    page = text(person.get(f"/en/cases/{reference}"))
    assert "The application came in on paper or by phone" in page


def test_reading_ones_own_case_writes_no_access_log(apply_app, citizen, sent):
    citizen.get(f"/nb/cases/{sent}")
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(AccessLogEntry.id))) == 0


NEXT_DATE = {"nb": "Neste dato", "nn": "Neste dato", "en": "Next date"}
LATE = {
    "nb": "Kommunens svar er forsinket: det skulle komme innen {date}.",
    "nn": "Svaret frå kommunen er forseinka: det skulle kome innan {date}.",
    "en": "The municipality's answer is late: it was due by {date}.",
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_my_cases_shows_no_passed_date_as_next_and_says_plainly_that_an_answer_is_late(
    apply_app, citizen, sent, clock, lang
):
    """fvl § 11 a: an answer or a preliminary reply a month after receipt. Once that day has
    passed with no answer, it is not the next date: the list says the answer is late."""
    from portal.i18n import long_date

    with apply_app.app_context():
        from portal.services import cases

        due = next(d.due for d in cases.summary_of(cases.find(sent)).deadlines if d.kind == "reply")
        due_text = long_date(due, lang)
    page = text(citizen.get(f"/{lang}/cases/"))
    assert NEXT_DATE[lang] in page and due_text in page
    assert LATE[lang].format(date=due_text) not in page
    clock.move_to(due + timedelta(days=1))
    log_in(citizen)
    page = text(citizen.get(f"/{lang}/cases/"))
    assert NEXT_DATE[lang] not in page
    assert LATE[lang].format(date=due_text) in page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_next_date_in_my_cases_is_today_or_later(apply_app, citizen, submit_application, decide, clock, lang):
    """A decision for the half-year from next month: once the day to apply again by has passed,
    the next date is the decision's last day, not the passed one."""
    from portal.i18n import long_date

    reference = submit_application(citizen)
    fields = decide(reference)
    valid_to = date.fromisoformat(fields["valid_to"])
    clock.move_to(valid_to - timedelta(days=3))
    log_in(citizen)
    page = text(citizen.get(f"/{lang}/cases/"))
    what = {
        "nb": "Den siste dagen vedtaket gjelder",
        "nn": "Den siste dagen vedtaket gjeld",
        "en": "The last day the decision covers",
    }[lang]
    assert re.search(re.escape(long_date(valid_to, lang)) + r" – " + what, page)
    assert {"nb": "Søk på nytt innen", "nn": "Søk på nytt innan", "en": "apply again by"}[lang] not in page


STATUS_SENT = {
    "nb": "Klagen er sendt, men ikke registrert av kommunen ennå",
    "nn": "Klagen er sendt, men ikkje registrert av kommunen enno",
    "en": "The appeal is sent, not yet registered by the municipality",
}
STATUS_REGISTERED = {
    "nb": "Klagen er registrert av kommunen",
    "nn": "Klagen er registrert av kommunen",
    "en": "The appeal is registered by the municipality",
}
APPEAL_REPLY = {
    "nb": "Kommunens svar på klagen, eller et foreløpig svar som sier når du kan vente svar",
    "nn": "Svaret frå kommunen på klagen, eller eit førebels svar som seier når du kan vente svar",
    "en": "The municipality's answer to the appeal, or a preliminary reply saying when to expect one",
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_an_appeal_reads_sent_until_the_municipality_registers_it_and_its_answer_date_shows(
    apply_app, citizen, submit_application, decide, clock, lang
):
    """Sent in the portal, the appeal is in time (fvl § 30) but not yet registered: the case
    says so, and the day an answer or a preliminary reply is due (fvl § 11 a) runs from the day
    it was sent. Once the municipality registers it, the status says so; once it promises an
    answer by a day, that day is shown instead."""
    from portal.i18n import long_date

    reference = submit_application(citizen)
    decide(reference)
    base = start_appeal(citizen, reference)
    post_form(citizen, f"{base}/appeal", APPEAL)
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    assert post_form(citizen, f"{base}/check", {"correct": "y"}).status_code == 302
    answer_due = long_date(deadlines.reply_deadline(clock.today()).due, lang)
    page = text(citizen.get(f"/{lang}/cases/{reference}"))
    assert STATUS_SENT[lang] in page and STATUS_REGISTERED[lang] not in page
    assert APPEAL_REPLY[lang] in page and answer_due in page and "forvaltningsloven § 11 a" in page
    record(apply_app, reference, "appeal_received", received_on=clock.today().isoformat())
    page = text(citizen.get(f"/{lang}/cases/{reference}"))
    assert STATUS_REGISTERED[lang] in page and STATUS_SENT[lang] not in page
    assert APPEAL_REPLY[lang] in page and answer_due in page
    promised = clock.today() + timedelta(days=50)
    record(
        apply_app, reference, "preliminary_reply", reason="Vi venter på en uttalelse.", expected_by=promised.isoformat()
    )
    page = text(citizen.get(f"/{lang}/cases/{reference}"))
    assert APPEAL_REPLY[lang] not in page
    assert {
        "nb": "Dagen kommunen har sagt at den svarer på klagen innen",
        "nn": "Dagen kommunen har sagt at den svarar på klagen innan",
        "en": "The day the municipality has said it will answer the appeal by",
    }[lang] in page
    assert long_date(promised, lang) in page


def test_taking_in_an_appeal_registers_it_on_the_case_it_appeals(apply_app, citizen, submit_application, decide, clock):
    """The municipality's receipt of the appeal (the intake API or the caseworker's form) is
    its registering the appeal on the case."""
    reference = submit_application(citizen)
    decide(reference)
    base = start_appeal(citizen, reference)
    post_form(citizen, f"{base}/appeal", APPEAL)
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    appeal = reference_in(post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"])
    with apply_app.test_request_context():
        from portal.models import Submission
        from portal.services import cases

        assert cases.summary_of(cases.find(reference)).status == "appeal_sent"
        cases.receive(
            db.session.scalar(select(Submission).where(Submission.reference == appeal)), "2026/77", clock.today()
        )
        summary = cases.summary_of(cases.find(reference))
        assert summary.status == "appeal_received" and summary.appeal_received_on == clock.today()
