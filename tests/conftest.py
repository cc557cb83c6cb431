"""Shared fixtures: one migrated database per test run, emptied after each test.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL
is set (the suite drops every table in that database: never point it at real data).
"""
from __future__ import annotations

import os
import re

import pytest
from sqlalchemy import MetaData, create_engine, text

from portal import create_app
from portal.config import TestingConfig
from portal.extensions import db, limiter


def _normalise(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
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
    app = create_app({**_base_config(), "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    return url


def _base_config() -> dict:
    return {k: getattr(TestingConfig, k) for k in dir(TestingConfig) if k.isupper()}


def empty_tables(app) -> None:
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.engine.dispose()


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app with config overrides on an empty database (emptied again after)."""
    apps = []

    def factory(**overrides):
        config = {**_base_config(), "SQLALCHEMY_DATABASE_URI": database_url, **overrides}
        app = create_app(config)
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


CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(client, path: str) -> str:
    """The CSRF token from the form on a page, as a browser would send it back."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF_INPUT.search(html)
    assert match, f"no CSRF token in the form on {path}"
    return match.group(1) or match.group(2)


def post_form(client, path: str, data: dict, form_page: str | None = None, **kwargs):
    """Post a form the way a browser does: fetch the page first for its CSRF token."""
    token = csrf_token(client, form_page or path)
    return client.post(path, data={**data, "csrf_token": token}, **kwargs)


TEST_PASSWORD = "tre lange ord og litt til"


def make_account(app, email="kari@example.org", password=TEST_PASSWORD):
    """A confirmed local account, made through the service as registration would."""
    from datetime import datetime, timezone

    from portal.models import Account
    from portal.services.accounts import _hasher

    with app.app_context():
        account = Account(email=email, password_hash=_hasher.hash(password),
                          created_at=datetime.now(timezone.utc), email_confirmed_at=datetime.now(timezone.utc))
        db.session.add(account)
        db.session.commit()
        return account.id


def log_in(client, email="kari@example.org", password=TEST_PASSWORD, lang="nb"):
    response = post_form(client, f"/{lang}/account/login", {"email": email, "password": password})
    assert response.status_code == 302, "log-in failed"
    return response


@pytest.fixture
def apply_app(make_app):
    return make_app(FEATURE_ONLINE_APPLICATIONS=True)


@pytest.fixture
def citizen(apply_app):
    """A logged-in citizen's test client on the app with online applications."""
    client = apply_app.test_client()
    make_account(apply_app)
    log_in(client)
    return client


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider on loopback, standing in for ID-porten."""
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def id_app(make_app, oidc_provider):
    """The app with online applications and log-in with electronic ID."""
    return make_app(FEATURE_ONLINE_APPLICATIONS=True, OIDC_ISSUER=oidc_provider, OIDC_CLIENT_ID="portal",
                    OIDC_CLIENT_SECRET="secret")


def log_in_with_id(client, provider: str, national_id: str, lang: str = "nb", name: str | None = None):
    """Log in through the identity provider as the person with this number (verified)."""
    from urllib.parse import urlsplit

    import requests

    claims = {"pid": national_id, **({"name": name} if name else {})}
    assert requests.put(f"{provider}/users/{national_id}", json=claims, timeout=5).status_code == 204
    start = client.get(f"/{lang}/account/login/idporten")
    answer = requests.post(start.headers["Location"], data={"sub": national_id}, allow_redirects=False, timeout=5)
    callback = urlsplit(answer.headers["Location"])
    response = client.get(f"{callback.path}?{callback.query}")
    assert response.status_code == 302, "log-in with electronic ID failed"
    return client


def make_caseworker(app, email="sara@fjellvik.kommune.no", password=TEST_PASSWORD) -> int:
    from portal.models import Account

    account_id = make_account(app, email=email, password=password)
    with app.app_context():
        account = db.session.get(Account, account_id)
        account.role = "caseworker"
        account.full_name = "Sara Saksbehandler"
        db.session.commit()
    return account_id


def make_token(app, name="sak", rights=("read", "write")) -> str:
    """An intake API token, made as the create-api-token command makes it."""
    from portal.services import api_tokens

    with app.app_context():
        return api_tokens.create(name, rights)[1]


def record(app, reference: str, kind: str, **data):
    """Record a case event as the municipality would, through the service."""
    from portal.services import cases

    with app.test_request_context():
        return cases.record_event(cases.find(reference), kind, data)[0].id


DECISION = dict(outcome="partly_granted", decided_on="2026-11-20", notified_on="2026-11-23", hours=3, per="week",
                form="group", valid_from="2027-01-01", valid_to="2027-06-30",
                summary="Du har behov for støtte til fritid.\nVi gir tre timer i uka i gruppe.")


@pytest.fixture
def caseworker(apply_app):
    """A logged-in caseworker's test client."""
    client = apply_app.test_client()
    make_caseworker(apply_app)
    log_in(client, email="sara@fjellvik.kommune.no")
    return client
