"""Sending e-mail: over SMTP when SMTP_HOST is set, else printed (development)."""

from __future__ import annotations

import smtplib
import ssl
import sys
from contextlib import suppress
from email.message import EmailMessage
from typing import Protocol

from flask import Flask


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class TransportUnavailable(Exception):
    """The mail server could not be reached, or went away before it took the message: the
    message is not at fault, and nothing was handed over."""


class SMTPTransport:
    def __init__(
        self, host: str, port: int, username: str | None, password: str | None, starttls: bool, timeout: float = 20
    ) -> None:
        self.host, self.port = host, port
        self.username, self.password = username, password
        self.starttls, self.timeout = starttls, timeout

    def send(self, message: EmailMessage) -> None:
        try:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        except OSError as error:  # refused, timed out, no route: the server is away
            raise TransportUnavailable(type(error).__name__) from error
        try:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)
        except (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError) as error:
            smtp.close()
            raise TransportUnavailable(type(error).__name__) from error
        except BaseException:
            smtp.close()
            raise
        # The server said 250: the message is its now. A goodbye that fails must not make it
        # count as unsent, or the next run would send it again.
        with suppress(smtplib.SMTPException, OSError):
            smtp.quit()
        smtp.close()


class ConsoleTransport:
    """For development: show the message instead of sending it."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stdout

    def send(self, message: EmailMessage) -> None:
        print(f"--- e-mail to {message['To']}: {message['Subject']}\n{message.get_content()}---", file=self.stream)


def transport_for(app: Flask) -> Transport:
    config = app.config
    if config.get("SMTP_HOST"):
        return SMTPTransport(
            config["SMTP_HOST"],
            int(config.get("SMTP_PORT") or 25),
            config.get("SMTP_USERNAME"),
            config.get("SMTP_PASSWORD"),
            bool(config.get("SMTP_STARTTLS")),
        )
    if config["ENV_NAME"] == "production":
        raise RuntimeError("SMTP_HOST is not set: production cannot send e-mail")
    return ConsoleTransport()
