"""Telling people there is news (issue on case handling, "Notifications"): when a decision,
a preliminary reply or an appeal's outcome is recorded, and a week before an appeal deadline,
the person and those who receive letters for them (fvl § 12) get an e-mail through the outbox:
"there is news in your case", with a link and nothing personal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import OutboxMessage
from tests.helpers import (
    PERSON,
    answer_all,
    back_then,
    day,
    decision,
    fill_for,
    log_in,
    log_in_with_id,
    make_account,
    post_form,
    record,
    reference_in,
    start_application,
    start_for,
)
from tests.identities import aged
from tests.reader_client import reader_address


def _messages(app, since_id=0):
    with app.app_context():
        return db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.id > since_id).order_by(OutboxMessage.id)
        ).all()


def _last_id(app):
    found = _messages(app)
    return found[-1].id if found else 0


def _send_own(app, lang="nb", email="kari@example.org", person_email=""):
    client = app.test_client()
    make_account(app, email=email)
    log_in(client, email=email)
    base = start_application(client, lang)
    answer_all(client, base)
    post_form(client, f"{base}/person", {**PERSON, "email": person_email})
    receipt = post_form(client, f"{base}/check", {"correct": "y"}).headers["Location"]
    return reference_in(receipt)


# What each kind of news says, made when the test runs: its dates count from the test's day.
NEWS = {
    "decision": lambda today: decision(today),
    "preliminary_reply": lambda today: {"reason": "Vi venter på legen."},
    "appeal_decided": lambda today: {"outcome": "allowed", "decided_on": today.isoformat()},
}


@pytest.mark.parametrize("kind", NEWS)
def test_news_in_a_case_is_told_to_the_person_with_a_link_and_nothing_else(apply_app, clock, kind):
    reference = _send_own(apply_app, person_email="kari.privat@example.org")
    before = _last_id(apply_app)
    record(apply_app, reference, kind, **NEWS[kind](clock.today()))
    messages = _messages(apply_app, before)
    assert sorted(m.to_address for m in messages) == ["kari.privat@example.org", "kari@example.org"]
    case_page = "http://localhost" + reader_address(apply_app, f"/nb/cases/{reference}")
    for message in messages:
        assert message.subject == "Det er nytt i saken din"
        assert case_page in message.body and reference in message.body
        assert "01019012480" not in message.body and "Kari" not in message.body and "venter" not in message.body


def test_events_that_are_not_news_send_nothing(apply_app):
    reference = _send_own(apply_app)
    before = _last_id(apply_app)
    for kind in ("received", "assessment_started", "appeal_received", "withdrawn", "closed"):
        record(apply_app, reference, kind)
    assert _messages(apply_app, before) == []


def test_a_representative_receives_letters_only_with_that_scope(id_app, oidc_provider, clock):
    """fvl § 12: letters go to the representative who may receive them."""
    from portal.models import Authority

    person_id = aged(71, start=95)
    person = log_in_with_id(id_app.test_client(), oidc_provider, person_id)
    reps = []
    for n, scopes in enumerate((["apply", "see_case", "receive_letters"], ["apply", "see_case"])):
        rep = log_in_with_id(id_app.test_client(), oidc_provider, aged(40 + n, start=95))
        post_form(
            rep,
            "/nb/authorities/new/fullmakt",
            {
                "representative_name": ("Rita Rep", "Roar Rep")[n],
                "representative_email": f"rep{n}@example.org",
                "person_name": "Gunn",
                "person_national_id": person_id,
                "person_email": "gunn@example.org",
                "scopes": scopes,
                "services": ["stottekontakt"],
                "valid_until": day(clock.today() + timedelta(days=365)),
            },
        )
        reps.append(rep)
    with id_app.app_context():
        ids = db.session.scalars(select(Authority.public_id).order_by(Authority.id)).all()
    for public_id in ids:
        post_form(person, f"/nb/authorities/requests/{public_id}", {"answer": "approve"})
    base = start_for(reps[1], ids[1])
    fill_for(reps[1], base, person_id)
    reference = reference_in(post_form(reps[1], f"{base}/check", {"correct": "y"}).headers["Location"])
    before = _last_id(id_app)
    record(id_app, reference, "decision", **decision())
    assert {m.to_address for m in _messages(id_app, before)} == {"rep0@example.org"}


def test_a_week_before_the_appeal_deadline_a_reminder_once(apply_app, clock):
    """pbrl § 7-5: four weeks to appeal from the day the decision reached the person (moved
    past days off, dl § 149); everyone who gets letters in the case (fvl § 12) is reminded
    once, a week before the last day."""
    from portal.rules.deadlines import appeal_deadline
    from portal.services import cases

    # A decision that reached the person so long ago that the deadline is at most a week away.
    today = clock.today()
    notified = next(
        reached
        for reached in (today - timedelta(days=n) for n in range(21, 28))
        if appeal_deadline("stottekontakt", reached).due - timedelta(weeks=1) <= today
    )
    with back_then(clock, notified):
        reference = _send_own(apply_app, lang="en")
    record(apply_app, reference, "decision", **decision(notified, decided_on=notified.isoformat()))
    with apply_app.app_context():
        due = cases.find(reference).appeal_due
    before = _last_id(apply_app)
    runner = apply_app.test_cli_runner()
    with apply_app.test_request_context():
        assert cases.send_appeal_reminders(due - timedelta(days=8)) == 0  # not yet
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0 and "Reminders queued for 1 case(s)" in result.output
    messages = _messages(apply_app, before)
    assert len(messages) == 1 and messages[0].subject == "The deadline to appeal is soon"
    assert reference in messages[0].body and "http://localhost/en/cases/" in messages[0].body
    assert "Reminders queued for 0 case(s)" in runner.invoke(args=["send-reminders"]).output


def test_no_reminder_once_appealed(apply_app, clock):
    """Once the decision is appealed, the appeal deadline (pbrl § 7-5) no longer runs, and
    nobody is reminded of it."""
    from portal.services import cases

    notified = clock.today() - timedelta(weeks=3)
    with back_then(clock, notified):
        reference = _send_own(apply_app)
    record(apply_app, reference, "decision", **decision(notified, decided_on=notified.isoformat()))
    record(apply_app, reference, "appeal_received")
    with apply_app.test_request_context():
        assert cases.send_appeal_reminders() == 0


def test_the_news_reaches_a_real_mail_server(mail_app, smtp_server):
    _, inbox = smtp_server
    mail_app.config["FEATURE_ONLINE_APPLICATIONS"] = True
    from portal.services import submissions

    with mail_app.app_context():
        reference = submissions.register_offline("paper", "bpa", "Per Papir", "01019012480", "per@example.org")[
            0
        ].reference
    record(mail_app, reference, "decision", **decision())
    result = mail_app.test_cli_runner().invoke(args=["send-outbox"])
    assert result.exit_code == 0 and "Sent 1, failed 0" in result.output
    message = inbox.messages[0]
    assert message["To"] == "per@example.org" and message["Subject"] == "Det er nytt i saken din"
    assert reference in message.get_payload(decode=True).decode("utf-8")


def test_news_goes_only_to_a_representative_who_may_see_the_case(id_app, oidc_provider, clock):
    """Anyone could declare parental responsibility for any child's number and was then
    e-mailed whenever the child's case moved, though the declaration let them open nothing.
    News now goes only to those whose authority lets them see the case: a declaration the
    municipality has not checked does not."""
    from portal.models import Account, Authority
    from portal.services import authorities, submissions

    child = aged(12, start=60)
    with id_app.app_context():
        submission, _ = submissions.register_offline("paper", "stottekontakt", "Ola Barn", child)
        reference = submission.reference
    stranger = log_in_with_id(id_app.test_client(), oidc_provider, aged(41, start=60))
    post_form(
        stranger,
        "/nb/authorities/new/parent",
        {
            "representative_name": "Rita Representant",
            "representative_email": "rita@example.org",
            "child_name": "Ola Barn",
            "child_national_id": child,
            "responsibility": "y",
        },
    )
    before = _last_id(id_app)
    record(id_app, reference, "preliminary_reply", reason="Vi venter på legen.")
    assert "rita@example.org" not in {m.to_address for m in _messages(id_app, before)}
    assert stranger.get(f"/nb/cases/{reference}").status_code == 404

    # Once the municipality has checked the declaration, the parent sees the case and is told.
    make_account(id_app, email="sara@fjellvik.kommune.no", role="caseworker")
    with id_app.app_context():
        caseworker = db.session.scalar(select(Account).where(Account.role == "caseworker"))
        authorities.verify(caseworker, db.session.scalar(select(Authority)))
    assert stranger.get(f"/nb/cases/{reference}").status_code == 200
    before = _last_id(id_app)
    record(id_app, reference, "decision", **decision())
    assert "rita@example.org" in {m.to_address for m in _messages(id_app, before)}
