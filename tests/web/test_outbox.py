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
        assert message.attempts == 0  # the server was away: not the message's fault, nor a try used up
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


def test_mail_queued_while_the_mail_server_is_down_is_delivered_once_when_it_is_back(mail_app, make_app, smtp_server):
    """The mail server away for longer than MAX_ATTEMPTS runs of send-outbox (cron every
    minute, a server down for ten): the messages waited for it, they were not given up."""
    from portal.services.outbox import MAX_ATTEMPTS

    _, inbox = smtp_server
    # The same database, sending to an address where no mail server answers (the server down).
    down = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port(), SMTP_STARTTLS=False)
    with mail_app.app_context():
        message = queue("kari@example.org", "Søknaden din er mottatt", "Vi har mottatt søknaden din.")
        db.session.commit()
        message_id = message.id
    for _ in range(MAX_ATTEMPTS + 2):
        tried = down.test_cli_runner().invoke(args=["send-outbox"])
        assert tried.exit_code == 1 and "failed 1" in tried.output
    runner = mail_app.test_cli_runner()  # the server is back
    assert "Sent 1, failed 0" in runner.invoke(args=["send-outbox"]).output
    assert "Sent 0, failed 0" in runner.invoke(args=["send-outbox"]).output
    assert [m["To"] for m in inbox.messages] == ["kari@example.org"]
    # Every try carries the same Message-ID: a copy sent twice would be seen as one.
    assert inbox.messages[0]["Message-ID"].startswith(f"<outbox.{message_id}.")
    with mail_app.app_context():
        assert db.session.get(OutboxMessage, message_id).sent_at is not None


def test_a_message_the_mail_server_took_is_not_sent_again_when_its_goodbye_fails(make_app, smtp_server, monkeypatch):
    """The server said 250 to the message and then failed the QUIT: the message is its,
    and marking it unsent would send it twice."""
    import smtplib

    controller, inbox = smtp_server
    app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port, SMTP_STARTTLS=False)
    with app.app_context():
        queue("kari@example.org", "Hei", "Tekst")
        db.session.commit()

    command = smtplib.SMTP.docmd

    def goodbye_fails(self, cmd, args=""):
        if cmd.lower() == "quit":
            raise smtplib.SMTPResponseException(451, b"going away")
        return command(self, cmd, args)

    monkeypatch.setattr(smtplib.SMTP, "docmd", goodbye_fails)
    runner = app.test_cli_runner()
    assert "Sent 1, failed 0" in runner.invoke(args=["send-outbox"]).output
    assert "Sent 0, failed 0" in runner.invoke(args=["send-outbox"]).output
    assert len(inbox.messages) == 1
