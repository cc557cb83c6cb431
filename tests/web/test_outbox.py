"""E-mail through the outbox, delivered to a real SMTP server (aiosmtpd) on loopback."""

import pytest

from portal.extensions import db
from portal.models import OutboxMessage
from portal.services.outbox import UnsafeMessage, queue
from tests.helpers import free_port


def test_queued_mail_is_delivered_by_send_outbox_and_only_once(mail_app, smtp_server):
    _, inbox = smtp_server
    with mail_app.app_context():
        queue("kari@example.org", "Søknaden din er mottatt", "Vi har mottatt søknaden din.")
        queue("ola@example.org", "Bekreft e-postadressen din", "Trykk på lenken.")
        db.session.commit()
    runner = mail_app.test_cli_runner()
    first = runner.invoke(args=["send-outbox"])
    assert first.exit_code == 0, first.output
    assert "Sent 2, failed 0" in first.output
    assert sorted(m["To"] for m in inbox.messages) == ["kari@example.org", "ola@example.org"]
    received = next(m for m in inbox.messages if m["To"] == "kari@example.org")
    assert received["From"] == "tjenestekontoret@fjellvik.kommune.example"
    assert "mottatt" in received.get_payload(decode=True).decode("utf-8")
    again = runner.invoke(args=["send-outbox"])
    assert "Sent 0, failed 0" in again.output
    assert len(inbox.messages) == 2


def test_mail_is_only_sent_when_the_transaction_that_queued_it_commits(mail_app, smtp_server):
    _, inbox = smtp_server
    with mail_app.app_context():
        queue("kari@example.org", "Rolled back", "Never sent.")
        db.session.rollback()
    assert "Sent 0" in mail_app.test_cli_runner().invoke(args=["send-outbox"]).output
    assert inbox.messages == []


def test_a_failed_delivery_is_kept_and_counted_without_its_message(make_app):
    app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port(), SMTP_STARTTLS=False)
    with app.app_context():
        queue("kari@example.org", "Hei", "Tekst")
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-outbox"])
    assert result.exit_code == 1
    assert "failed 1" in result.output
    with app.app_context():
        message = db.session.scalar(db.select(OutboxMessage))
        assert message.sent_at is None
        assert message.attempts == 1
        assert message.last_error == "ConnectionRefusedError"


@pytest.mark.parametrize("body", ["Fødselsnummer 01019012480", "Nummer: 010190 12480"])
def test_an_email_with_an_identity_number_is_refused(app, body):
    with app.app_context():
        with pytest.raises(UnsafeMessage):
            queue("kari@example.org", "Søknad", body)


def test_development_prints_mail_instead_of_sending(make_app, capsys):
    app = make_app(SMTP_HOST=None)
    with app.app_context():
        queue("kari@example.org", "Hei", "Tekst til Kari")
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-outbox"])
    assert "Sent 1" in result.output
    assert "Tekst til Kari" in result.output + capsys.readouterr().out
