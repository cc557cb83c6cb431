"""Commands for operators: demo-data, send-outbox, render-pdfs, deliver-archive, send-reminders, purge,
create-user, create-api-token and revoke-api-token (db upgrade comes from Flask-Migrate)."""

import sys

import click
from flask import Flask, current_app

from . import copies
from .archive.package import package_of
from .archive.transports import transport_for as archive_transport_for
from .mail import transport_for
from .rules.clock import today
from .services import api_tokens, archive, retention
from .services.accounts import (
    DEMO_CASEWORKER_EMAIL,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    create_staff_account,
    load_demo_account,
)
from .services.cases import send_appeal_reminders
from .services.notices import load_demo_notices
from .services.outbox import send_pending


def init_app(app: Flask) -> None:
    @app.cli.command("demo-data")
    def demo_data() -> None:
        """Load the demo content. Safe to run again: nothing is added twice. Refused in
        production: the demo accounts' password is printed here and in the README."""
        if current_app.config["ENV_NAME"] == "production":
            raise click.UsageError(
                "demo-data adds accounts with a public password and is refused in production. "
                "Run it with PORTAL_ENV=development."
            )
        notices = load_demo_notices(today())
        accounts = load_demo_account()
        click.echo(f"Demo data loaded: {notices} new notice(s), {accounts} new account(s).")
        click.echo(f"Log in to try applying: {DEMO_EMAIL} / {DEMO_PASSWORD}")
        click.echo(f"Log in as a caseworker: {DEMO_CASEWORKER_EMAIL} / {DEMO_PASSWORD}")

    @app.cli.command("send-outbox")
    @click.option("--limit", default=100, show_default=True, help="Most messages to send in this run.")
    def send_outbox(limit: int) -> None:
        """Send the e-mail waiting in the outbox. Exits 1 if any message failed."""
        result = send_pending(transport_for(current_app), current_app.config["MAIL_FROM"], limit)
        click.echo(f"Sent {result.sent}, failed {result.failed}.")
        if result.failed:
            sys.exit(1)

    @app.cli.command("render-pdfs")
    @click.option("--limit", default=500, show_default=True, help="Most copies to make in this run.")
    def render_pdfs(limit: int) -> None:
        """Make the PDF copies of submissions sent since the last run. Run every minute or so;
        a copy asked for before that is made when asked for."""
        # Drawn as for a request to the portal's public address, as a page would be.
        with current_app.test_request_context(base_url=current_app.config["PORTAL_URL"]):
            click.echo(f"PDF copies made: {copies.render_pending(limit)}.")

    @app.cli.command("deliver-archive")
    @click.option("--limit", default=100, show_default=True, help="Most packages to send in this run.")
    def deliver_archive(limit: int) -> None:
        """Send the submissions waiting for the archive through ARCHIVE_URL or ARCHIVE_FOLDER.
        Run every minute; a package that failed is tried again later. Exits 1 if any failed."""
        transport = archive_transport_for(current_app)
        if transport is None:
            raise click.UsageError(
                "Neither ARCHIVE_URL nor ARCHIVE_FOLDER is set: the archive fetches each package over the API."
            )
        # The PDF copies are drawn as for a request to the portal's public address.
        with current_app.test_request_context(base_url=current_app.config["PORTAL_URL"]):
            result = archive.deliver_pending(transport, package_of, limit)
        click.echo(f"Delivered {result.sent}, failed {result.failed}.")
        if result.failed:
            sys.exit(1)

    @app.cli.command("create-user")
    @click.option("--email", required=True, help="The address the person logs in with.")
    @click.option("--role", required=True, type=click.Choice(["caseworker", "admin", "ombud"]))
    @click.option("--name", default=None, help="The person's name, or the ombud's office.")
    @click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
    def create_user(email: str, role: str, name: str | None, password_stdin: bool) -> None:
        """Create a staff account (or give an existing one this role and a new password)."""
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        try:
            account = create_staff_account(email, password, role, name)
        except ValueError as error:
            raise click.UsageError(str(error)) from None
        click.echo(f"Account {account.email} has the role {account.role}.")

    @app.cli.command("create-api-token")
    @click.option("--name", required=True, help="Who uses it, like the case-management system's name.")
    @click.option(
        "--right",
        "rights",
        multiple=True,
        type=click.Choice(["read", "write"]),
        help="What it may do; both when not given.",
    )
    def create_api_token(name: str, rights: tuple[str, ...]) -> None:
        """Create a bearer token for the intake API. It is shown once, alone on the last line."""
        record, token = api_tokens.create(name, rights or api_tokens.RIGHTS)
        click.echo(
            f"Token {record.name!r} with the rights {', '.join(record.rights)}. Keep it secret; "
            "only its hash is stored."
        )
        click.echo(token)

    @app.cli.command("revoke-api-token")
    @click.option("--name", required=True)
    def revoke_api_token(name: str) -> None:
        """Revoke every token with this name, at once."""
        click.echo(f"Revoked {api_tokens.revoke(name)} token(s).")

    @app.cli.command("send-reminders")
    def send_reminders() -> None:
        """Queue the reminders due today (an appeal deadline a week away). Run daily, then send-outbox."""
        click.echo(f"Reminders queued for {send_appeal_reminders()} case(s).")

    @app.cli.command("purge")
    def purge() -> None:
        """Delete what the privacy statement says is not kept: drafts not saved for 90 days with
        their files, fullmakt requests 90 days after they ran out unanswered, log-ins 30 days
        after they ended, forms kept after a log-in ended after 2 hours, and files kept for a page
        never sent after a day. Run daily."""
        result = retention.purge()
        click.echo(
            f"Deleted {result.drafts} draft(s) with {result.files} file(s), {result.requests} unanswered "
            f"fullmakt request(s) ({result.people} person(s) nothing else is about), {result.logins} "
            f"ended log-in(s), {result.forms} form(s) kept after a log-in ended and {result.kept_files} "
            "kept file(s) never sent."
        )
