"""The caseworker's side (DESIGN.md "Journeys" 8): the queue with filters, search and cursor
pages; the full submission with its files and PDF; recording every event with clear errors;
overdue flags (fvl § 11 a; an appeal waiting); every read in the access log; nobody else in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import AccessLogEntry, Case, OutboxMessage, Submission
from portal.rules.deadlines import appeal_deadline
from tests.helpers import (
    PDF,
    csrf_token,
    day,
    decision,
    errors,
    html,
    post_form,
    record,
    reference_in,
    send_application,
    text,
)
from tests.reader_client import declared, reader_address


def _register(app, count: int, service="bpa", start=None):
    """Paper applications straight into the database, each a minute apart."""
    from portal.services import submissions

    with app.app_context():
        refs = [
            submissions.register_offline("paper", service, f"Person {n}", "01019012480")[0].reference
            for n in range(count)
        ]
        if start is not None:
            for n, reference in enumerate(refs):
                submission = db.session.scalar(select(Submission).where(Submission.reference == reference))
                submission.submitted_at = start + timedelta(minutes=n)
                db.session.scalar(
                    select(Case).where(Case.reference == reference)
                ).submitted_at = submission.submitted_at
            db.session.commit()
    return refs


@pytest.fixture
def sent(citizen):
    _, receipt = send_application(citizen)
    return re.search(r"SK-\d{4}-\d{6}", receipt).group(0)


def test_the_queue_lists_oldest_first_and_pages_by_cursor(apply_app, caseworker, clock):
    refs = _register(apply_app, 120, start=clock.now() - timedelta(days=60))
    seen, path = [], "/en/intake/"
    while path:
        page = html(caseworker.get(path))
        seen += re.findall(r">(BPA-\d{4}-\d{6})</a>", page)
        found = re.search(r'href="([^"]*after=[^"]+)">Next page', page)
        path = found.group(1).replace("&amp;", "&") if found else None
    assert seen == refs  # every one once, in order, over three pages
    assert caseworker.get("/en/intake/?after=not-a-cursor").status_code == 404


def test_the_queue_by_status_pages_by_cursor_in_the_same_order(apply_app, caseworker, clock):
    """By status the queue walks the case's own index; the order and the pages are the same."""
    refs = _register(apply_app, 70, start=clock.now() - timedelta(days=60))
    with apply_app.app_context():
        status = db.session.scalar(select(Case.status).where(Case.reference == refs[0]))
    for reference in refs[::2]:
        record(apply_app, reference, "decision", **decision())
    for state, wanted in ((status, refs[1::2]), ("decided", refs[::2])):
        seen, path = [], f"/en/intake/?state={state}"
        while path:
            page = html(caseworker.get(path))
            seen += re.findall(r">(BPA-\d{4}-\d{6})</a>", page)
            found = re.search(r'href="([^"]*after=[^"]+)">Next page', page)
            path = found.group(1).replace("&amp;", "&") if found else None
        assert seen == wanted, state


@pytest.mark.parametrize(
    "query,expected",
    [
        ("kind=appeal", []),
        ("service=stottekontakt", ["SK"]),
        ("service=bpa", ["BPA"]),
        ("state=new", ["SK", "BPA"]),
        ("state=decided", ["SK"]),
    ],
)
def test_the_queue_filters(apply_app, caseworker, sent, query, expected):
    _register(apply_app, 1)
    record(apply_app, sent, "decision", **decision())
    if query == "state=new":
        expected = ["SK", "BPA"]
    found = re.findall(r">(SK|BPA)-\d{4}-\d{6}</a>", html(caseworker.get(f"/en/intake/?{query}")))
    assert sorted(found) == sorted(expected)


def test_overdue_means_no_answer_a_month_after_receipt_or_an_appeal_waiting(apply_app, caseworker, sent, clock):
    """fvl § 11 a: an answer or preliminary reply within a month of receipt."""
    old = _register(apply_app, 1, start=clock.now() - timedelta(days=40))[0]
    with apply_app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == old))
        case.reply_due = clock.today() - timedelta(days=8)
        db.session.commit()
    page = html(caseworker.get("/en/intake/?overdue=y"))
    assert old in page and sent not in page and "No answer after a month" in page
    record(apply_app, old, "preliminary_reply", reason="Venter på legeerklæring.")
    assert old not in html(caseworker.get("/en/intake/?overdue=y"))
    record(apply_app, sent, "decision", **decision())
    record(apply_app, sent, "appeal_received")
    page = html(caseworker.get("/en/intake/?overdue=y"))
    assert sent in page and "Appeal waiting" in page


def _search(client, q, lang="nb"):
    return post_form(client, f"/{lang}/intake/search", {"q": q})


def test_search_by_reference_or_case_number(apply_app, caseworker, sent):
    assert declared(_search(caseworker, sent.lower()).headers["Location"]) == f"/nb/intake/submissions/{sent}"
    record(apply_app, sent, "received", case_number="26/4711")
    assert _search(caseworker, "26/4711").headers["Location"].endswith(sent)
    response = _search(caseworker, "SK-1999-000001", "en")
    assert errors(response) == ["No submission has this reference or case number. Check it and try again"]
    assert 'value="SK-1999-000001"' in html(response)  # kept, to correct
    assert errors(_search(caseworker, "", "en")) == ["Enter a reference like SK-2026-000123, or the case number"]


def test_the_search_is_posted_so_what_is_typed_stays_out_of_addresses_and_logs(apply_app, caseworker, sent):
    """A caseworker who typed an identity number into the search put it in the URL, the
    browser's history and the server's access log (GET). The search form posts, with CSRF."""
    page = html(caseworker.get("/nb/intake/"))
    assert f'<form method="post" action="{reader_address(apply_app, "/nb/intake/search")}"' in page
    assert caseworker.get("/nb/intake/search?q=" + sent).status_code == 200  # the form, not a search
    assert caseworker.post("/nb/intake/search", data={"q": sent}).status_code == 400  # no CSRF token


def test_the_full_submission_with_files_pdf_and_every_read_logged(apply_app, citizen, caseworker):
    reference = reference_in(send_application(citizen, files=[(PDF, "uttalelse.pdf")])[1])
    page = text(caseworker.get(f"/en/intake/submissions/{reference}"))
    for words in (
        "Kari Nordmann, 01019012480",
        "Not verified: logged in with e-mail only",
        "uttalelse.pdf",
        "Jeg vil gjerne komme meg ut.",
        "Register it as received",
    ):
        assert words in page, words
    assert caseworker.get(f"/en/intake/submissions/{reference}/pdf").data.startswith(b"%PDF-")
    with apply_app.app_context():
        file_id = db.session.scalar(select(Submission)).document["attachments"][0]["id"]
    assert caseworker.get(f"/en/intake/submissions/{reference}/files/{file_id}").data == PDF
    with apply_app.app_context():
        actions = [e.action for e in db.session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id))]
        roles = set(db.session.scalars(select(AccessLogEntry.actor_role)))
    assert actions == ["submission.view", "submission.pdf", "attachment.download"] and roles == {"caseworker"}


def test_register_as_received_with_the_case_number(apply_app, caseworker, citizen, sent):
    response = post_form(caseworker, f"/en/intake/submissions/{sent}", {"case_number": "26/9", "received_on": "31/12"})
    assert errors(response) == ["Write the date as day, month and year, like 31.12.2027"]
    post_form(caseworker, f"/en/intake/submissions/{sent}", {"case_number": "26/9", "received_on": ""})
    with apply_app.app_context():
        assert db.session.scalar(select(Submission.intake_state)) == "received"
    assert "case number 26/9" in text(citizen.get(f"/en/cases/{sent}"))


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_decision_recorded_in_the_portal_with_its_errors_and_the_person_told(
    apply_app, caseworker, sent, lang, clock
):
    path = f"/{lang}/intake/cases/{sent}/record/decision"
    response = post_form(caseworker, path, {"hours": "3", "valid_from": "01.07.2027", "valid_to": "01.01.2027"})
    assert (
        errors(response)
        == {
            "nb": [
                "Velg resultatet",
                "Skriv inn datoen",
                "Velg om timene gjelder per uke eller per måned",
                "Den siste dagen kan ikke være før den første. Sjekk datoene",
                "Skriv begrunnelsen for vedtaket",
            ],
            "nn": [
                "Vel resultatet",
                "Skriv inn datoen",
                "Vel om timane gjeld per veke eller per månad",
                "Den siste dagen kan ikkje vere før den første. Sjekk datoane",
                "Skriv grunngivinga for vedtaket",
            ],
            "en": [
                "Choose the outcome",
                "Enter the date",
                "Choose whether the hours are per week or per month",
                "The last day cannot be before the first day. Check the dates",
                "Write the reasons for the decision",
            ],
        }[lang]
    )
    assert 'value="01.07.2027"' in html(response)
    notified = clock.today()
    response = post_form(
        caseworker,
        path,
        {
            "outcome": "granted",
            "decided_on": day(notified),
            "notified_on": day(notified),
            "hours": "4",
            "per": "month",
            "form": "individual",
            "summary": "Du fyller vilkårene.",
        },
    )
    assert declared(response.headers["Location"]) == f"/{lang}/intake/submissions/{sent}"
    page = text(caseworker.get(f"/en/intake/submissions/{sent}"))
    due = appeal_deadline("stottekontakt", notified).due  # four weeks, or the next working day
    assert "Decided" in page and f"{due.day} {due:%B} {due.year}" in page
    with apply_app.app_context():
        message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert message.to_address == "kari@example.org"
    assert sent in message.body and "Du fyller" not in message.body and "01019012480" not in message.body


@pytest.mark.parametrize(
    "kind,data",
    [
        ("received", {"case_number": "26/1"}),
        ("assessment_started", {}),
        ("preliminary_reply", {"reason": "Mange saker.", "expected_by": "IN_SIX_WEEKS"}),
        ("appeal_received", {}),
        ("appeal_forwarded", {"forwarded_on": "TODAY"}),
        ("appeal_decided", {"outcome": "not_allowed", "decided_on": "TODAY"}),
        ("withdrawn", {}),
        ("closed", {}),
    ],
)
def test_every_event_can_be_recorded_in_the_portal(apply_app, caseworker, sent, kind, data, clock):
    days = {"TODAY": day(clock.today()), "IN_SIX_WEEKS": day(clock.today() + timedelta(weeks=6))}
    data = {name: days.get(value, value) for name, value in data.items()}
    response = post_form(caseworker, f"/en/intake/cases/{sent}/record/{kind}", data)
    assert response.status_code == 302, errors(response)
    with apply_app.app_context():
        assert db.session.scalar(select(Case.status)) != "submitted" or kind == "assessment_started"


def test_required_event_fields_say_what_is_missing(caseworker, sent):
    assert errors(post_form(caseworker, f"/en/intake/cases/{sent}/record/preliminary_reply", {})) == [
        "Write why the case takes longer"
    ]
    assert errors(post_form(caseworker, f"/en/intake/cases/{sent}/record/appeal_forwarded", {})) == ["Enter the date"]
    assert errors(post_form(caseworker, f"/en/intake/cases/{sent}/record/appeal_decided", {})) == [
        "Choose the outcome",
        "Enter the date",
    ]


def test_the_intake_is_for_caseworkers_only(apply_app, citizen, sent):
    for path in (
        "/nb/intake/",
        "/nb/intake/search",
        f"/nb/intake/submissions/{sent}",
        f"/nb/intake/submissions/{sent}/pdf",
        f"/nb/intake/cases/{sent}/record/decision",
    ):
        assert citizen.get(path).status_code == 404, path
        assert apply_app.test_client().get(path).status_code == 302, path
    assert post_form(citizen, f"/nb/intake/cases/{sent}/record/closed", {}, form_page="/nb/my-page").status_code == 404


def test_received_recorded_from_the_case_marks_the_submission_received(apply_app, caseworker, sent):
    post_form(caseworker, f"/en/intake/cases/{sent}/record/received", {"case_number": "26/5"})
    with apply_app.app_context():
        assert db.session.scalar(select(Submission.intake_state)) == "received"
    assert sent not in html(caseworker.get("/en/intake/?state=new"))


def test_a_record_form_sent_twice_records_its_event_once(apply_app, caseworker, sent):
    """A caseworker who sends the form again after an error or a lost answer (or clicks twice)
    stored the event twice: the form carries a key made when it was shown."""
    from portal.models import Case, CaseEvent

    path = f"/nb/intake/cases/{sent}/record/preliminary_reply"
    page = html(caseworker.get(path))
    once = re.search(r'name="once" type="hidden" value="([0-9a-f]{32})"', page) or re.search(
        r'type="hidden" name="once" value="([0-9a-f]{32})"', page
    )
    assert once, "the form carries its key"
    data = {"reason": "Vi venter på legen.", "once": once.group(1), "csrf_token": csrf_token(caseworker, path)}
    for _ in range(2):
        assert caseworker.post(path, data=data).status_code == 302
    changed = {**data, "reason": "Noe annet."}
    response = caseworker.post(path.replace("/nb/", "/en/"), data=changed)
    assert response.status_code == 302
    assert "This form was sent already" in html(caseworker.get(response.headers["Location"]))
    with apply_app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == sent))
        events = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
        assert [e.type for e in events].count("preliminary_reply") == 1
    other = html(caseworker.get(path))
    assert once.group(1) not in other  # a new form, a new key
