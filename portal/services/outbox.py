"""The outbox: e-mail is queued in the caller's transaction and sent later by a worker.

A message is never lost with a failed request, and never sent for something that
was rolled back. Nothing in an e-mail may identify a person's health or identity
number; queue() refuses a message that contains an identity number.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import select

from ..extensions import db
from ..mail import Transport, TransportUnavailable
from ..models import OutboxMessage
from ..rules import clock
from ..rules.privacy import contains_national_id, has_control_characters
from .transaction import transaction

MAX_ATTEMPTS = 5


class UnsafeMessage(ValueError):
    """The message holds something that must never be e-mailed."""


def queue(to_address: str, subject: str, body: str) -> OutboxMessage:
    """Add a message to the outbox in the current transaction (the caller commits)."""
    if contains_national_id(subject) or contains_national_id(body):
        raise UnsafeMessage("an e-mail must never contain an identity number")
    if has_control_characters(to_address) or has_control_characters(subject) or has_control_characters(body, "\n"):
        # A line break in an address or subject would add a header; bidi controls would make
        # a link read as something else.
        raise UnsafeMessage("an e-mail must never contain control characters")
    message = OutboxMessage(
        created_at=clock.now(),
        to_address=to_address,
        subject=subject,
        body=body,
        attempts=0,
    )
    db.session.add(message)
    return message


def newest(limit: int = 50) -> list[OutboxMessage]:
    """The latest messages, sent or not, newest first: for the development mailbox."""
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)))


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0


def send_pending(transport: Transport, sender: str, limit: int = 100) -> SendResult:
    """Send what is waiting, oldest first, one message per transaction: the row is
    locked while it is sent, so two workers never send the same message (PostgreSQL;
    SQLite serialises writers anyway), and a failure halfway keeps what was sent marked.
    When the mail server is away the run stops: the next run tries again."""
    result = SendResult()
    last_id = 0
    while result.sent + result.failed < limit:
        outcome = send_next(transport, sender, last_id)
        if outcome is None:
            break
        last_id, state = outcome
        if state == SENT:
            result.sent += 1
        else:
            result.failed += 1
        if state == SERVER_AWAY:
            break
    return result


SENT, FAILED, SERVER_AWAY = "sent", "failed", "server away"


@transaction
def send_next(transport: Transport, sender: str, after_id: int = 0) -> tuple[int, str] | None:
    """Send the oldest message waiting after `after_id`, in a transaction of its own:
    (its id, SENT, FAILED or SERVER_AWAY), or None when nothing waits.

    At least once: the message is marked sent in the transaction that sent it, after the
    server took it. Should that commit be lost (the database gone at that moment), the
    message goes again on the next run, with the same Message-ID."""
    message = db.session.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < MAX_ATTEMPTS, OutboxMessage.id > after_id)
        .order_by(OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if message is None:
        return None
    try:
        transport.send(_email(message, sender))
    except TransportUnavailable as error:
        # The server is away, not the message at fault: it waits for the server however long
        # that takes, without using up its attempts (a mail server down for an hour must not
        # lose an hour's receipts).
        message.last_error = str(error)[:100]
        return message.id, SERVER_AWAY
    except Exception as error:  # the server refused this message: try it again, a few times
        message.attempts += 1
        message.last_error = type(error).__name__
        return message.id, FAILED
    message.attempts += 1
    message.sent_at = clock.now()
    message.last_error = None
    return message.id, SENT


def message_id(message: OutboxMessage, sender: str) -> str:
    """The same on every try at sending one message: should a message go twice (the mail
    server took it, and the mark that it went was lost with the database), the copies carry
    one Message-ID, and mail programs and the chaos run (bench/chaos.py) see them as one."""
    domain = sender.rpartition("@")[2] or "localhost"
    return f"<outbox.{message.id}.{int(message.created_at.timestamp())}@{domain}>"


def _email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["Message-ID"] = message_id(message, sender)
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email.set_content(message.body)
    return email
