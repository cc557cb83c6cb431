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
from tests.helpers import (
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
    start_for,
    text,
)

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
        ("en", "Sent, not yet registered by the municipality", "The municipality's answer"),
    ],
)
def test_a_sent_application_is_a_case_with_the_answer_due_in_a_month(citizen, sent, lang, status, deadline):
    """fvl § 11 a: an answer, or a preliminary reply, one month after receipt."""
    listing = text(citizen.get(f"/{lang}/cases/"))
    assert sent in listing and status in listing
    page = text(citizen.get(f"/{lang}/cases/{sent}"))
    assert status in page and deadline in page and "forvaltningsloven § 11 a" in page


def test_my_page_leads_to_the_case(citizen, sent):
    page = html(citizen.get("/nb/my-page"))
    assert f"/nb/cases/{sent}" in page and "/nb/cases/" in page


@pytest.mark.parametrize("lang", ["nb", "en"])
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
