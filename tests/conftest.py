"""Shared fixtures: one migrated database per test run, emptied after each test, and one
clock, frozen for every test at the suite's moment.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL
is set (the suite drops every table in that database: never point it at real data).

The suite's moment is now, unless PORTAL_TEST_NOW names one in Oslo time
("2027-01-31 23:30"): the whole suite then runs as if it were started then. Every test
starts at that moment, and may move it (`clock.move_to(...)`, `clock.shift(days=...)`).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from hypothesis import settings
from sqlalchemy import MetaData, create_engine, text

from portal import create_app
from portal.config import TestingConfig
from portal.extensions import db, limiter
from portal.rules import clock as portal_clock
from tests.helpers import (
    decide as _decide,
    log_in,
    make_account,
    reference_in,
    require_tool,
    send_application,
)
from tests.reader_client import ReaderClient

# -- The clock --------------------------------------------------------------------------------

MOMENT_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d")


def oslo_moment(value: str | datetime | date) -> datetime:
    """A moment written as Oslo's wall clock shows it ("2027-01-31 23:30", a trailing
    "Europe/Oslo" allowed; a day alone is 12:00), as an aware UTC datetime."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day, 12)
    else:
        written = value.strip().removesuffix("Europe/Oslo").strip()
        for pattern in MOMENT_FORMATS:
            try:
                moment = datetime.strptime(written, pattern)
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"{value!r} is not a moment like 2027-01-31 23:30")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=portal_clock.OSLO)
    return moment.astimezone(UTC)


def _suite_moment() -> datetime:
    written = os.environ.get("PORTAL_TEST_NOW", "").strip()
    return oslo_moment(written) if written else datetime.now(UTC).replace(microsecond=0)


SUITE_MOMENT = _suite_moment()

# Property tests assert rules, not speed (the benchmarks measure speed): no time limit per
# example, so a loaded machine cannot fail one.
settings.register_profile("portal", deadline=None)
settings.load_profile("portal")
_suite_travel = time_machine.travel(SUITE_MOMENT, tick=True)


def pytest_configure(config):
    # From here on, also while test modules are imported (module-level ages and dates).
    _suite_travel.start()


def pytest_unconfigure(config):
    _suite_travel.stop()


def pytest_report_header(config):
    local = SUITE_MOMENT.astimezone(portal_clock.OSLO).strftime("%Y-%m-%d %H:%M:%S")
    return [f'clock: every test starts at {local} Europe/Oslo (PORTAL_TEST_NOW="{local}" runs it again)']


class Clock:
    """The tests' hold on time; the portal reads it through `portal.rules.clock`."""

    def __init__(self, traveller):
        self._traveller = traveller

    def now(self) -> datetime:
        return portal_clock.now()

    def today(self) -> date:
        """Oslo's day, as the portal counts it."""
        return portal_clock.today()

    def move_to(self, moment: str | datetime | date) -> None:
        """Go to a moment in Oslo time ("2027-01-04 09:00"); time runs on from there."""
        self._traveller.move_to(oslo_moment(moment))

    def shift(self, **delta) -> None:
        """Move time forward (or back) by a timedelta's keywords: `clock.shift(days=15)`."""
        self._traveller.shift(timedelta(**delta))


@pytest.fixture(autouse=True)
def clock():
    """Every test starts at the suite's moment, whatever else ran before it."""
    with time_machine.travel(SUITE_MOMENT, tick=True) as traveller:
        yield Clock(traveller)


# -- The database and the app -----------------------------------------------------------------


def _normalise(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = _normalise(url)
        engine = create_engine(url)
        meta = MetaData()
        meta.reflect(engine)
        with engine.begin() as conn:
            meta.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
    else:
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "portal.sqlite3")
    app = create_app({**base_config(), "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    return url


def base_config() -> dict:
    return {k: getattr(TestingConfig, k) for k in dir(TestingConfig) if k.isupper()}


def empty_tables(app) -> None:
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.engine.dispose()


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app with config overrides on an empty database (emptied again after), and an
    instance folder of the test's own: uploads and other files never land in the project's
    instance folder, nor in another test's or another run's."""
    apps = []

    def factory(**overrides):
        config = {**base_config(), "SQLALCHEMY_DATABASE_URI": database_url, **overrides}
        # Only while the app is made (it keeps the folder): a test's own monkeypatch fixture
        # is undone before this fixture empties the tables, and must stay so.
        with mock.patch.dict(os.environ, {"PORTAL_INSTANCE_PATH": str(tmp_path / "instance")}):
            app = create_app(config)
        app.test_client_class = ReaderClient
        with app.app_context():
            limiter.reset()  # counters live in memory, shared by every app in this process
        if not apps and config["SQLALCHEMY_DATABASE_URI"] == database_url:
            empty_tables(app)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        if app.config["SQLALCHEMY_DATABASE_URI"] == database_url:
            empty_tables(app)


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def apply_app(make_app):
    return make_app(FEATURE_ONLINE_APPLICATIONS=True)


@pytest.fixture
def citizen(login_as):
    """A logged-in citizen's test client on the app with online applications."""
    return login_as("citizen")


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider on loopback, standing in for ID-porten."""
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def id_app(make_app, oidc_provider):
    """The app with online applications and log-in with electronic ID."""
    return make_app(
        FEATURE_ONLINE_APPLICATIONS=True,
        OIDC_ISSUER=oidc_provider,
        OIDC_CLIENT_ID="portal",
        OIDC_CLIENT_SECRET="secret",
    )


@pytest.fixture
def caseworker(login_as):
    """A logged-in caseworker's test client."""
    return login_as("caseworker")


# -- Shared factories -------------------------------------------------------------------------

STAFF = {
    "caseworker": ("sara@fjellvik.kommune.no", "Sara Saksbehandler"),
    "ombud": ("ombud@example.org", "Pasient- og brukerombudet"),
    "admin": ("admin@fjellvik.kommune.no", "Ada Admin"),
}


@pytest.fixture
def login_as(apply_app):
    """A logged-in test client for a role: "citizen" (kari@example.org), "caseworker",
    "ombud" or "admin"; another e-mail address makes another account of that role."""

    def login(role: str = "citizen", email: str | None = None):
        default_email, name = STAFF.get(role, ("kari@example.org", None))
        client = apply_app.test_client()
        make_account(apply_app, email=email or default_email, role=role, name=name)
        log_in(client, email=email or default_email)
        return client

    return login


@pytest.fixture
def submit_application(apply_app):
    """Send a støttekontakt application from a logged-in client; gives its reference."""

    def submit(client, lang: str = "nb", national_id: str | None = None) -> str:
        _, receipt = send_application(client, lang, national_id=national_id)
        return reference_in(receipt)

    return submit


@pytest.fixture
def decide(apply_app):
    """Record a decision in a case (`tests.helpers.decision`: notified today unless `notified`
    is given), as the municipality would; gives the fields recorded."""

    def record_decision(reference: str, notified: date | None = None, **overrides) -> dict:
        return _decide(apply_app, reference, notified, **overrides)

    return record_decision


@pytest.fixture
def pdftotext() -> str:
    return require_tool("pdftotext", "apt-get install poppler-utils")


# -- Mail and the patient and user ombud ------------------------------------------------------


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on loopback: (its controller, the inbox it fills)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    from tests.helpers import free_port

    class Inbox(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def mail_app(make_app, smtp_server):
    """The app, sending its e-mail to `smtp_server`."""
    controller, _ = smtp_server
    return make_app(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=controller.port,
        SMTP_STARTTLS=False,
        MAIL_FROM="tjenestekontoret@fjellvik.kommune.example",
    )


@pytest.fixture
def ombud(id_app):
    """The patient and user ombud in Rogaland (an account made with create-user), logged in."""
    result = id_app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--email",
            "rogaland@pobo.no",
            "--role",
            "ombud",
            "--name",
            "Pasient- og brukerombudet i Rogaland",
            "--password-stdin",
        ],
        input="et langt ombudspassord\n",
    )
    assert result.exit_code == 0, result.output
    client = id_app.test_client()
    log_in(client, email="rogaland@pobo.no", password="et langt ombudspassord")
    return client


@pytest.fixture
def ombud_client_id(clock) -> str:
    """The identity number of the ombud's client in `client_with_case`: 58 years old today."""
    from tests.identities import aged

    return aged(58, today=clock.today(), start=140)


@pytest.fixture
def client_with_case(id_app, oidc_provider, ombud_client_id, clock):
    """A person logged in with electronic ID, with a støttekontakt case decided (and told)
    today: (their client, the case's reference)."""
    from tests.helpers import decision, log_in_with_id, record

    person = log_in_with_id(id_app.test_client(), oidc_provider, ombud_client_id)
    _, receipt = send_application(person, national_id=ombud_client_id)
    reference = reference_in(receipt)
    record(id_app, reference, "decision", **decision(decided_on=clock.today().isoformat()))
    return person, reference
