"""Security headers, cookies, CSRF and the start-up checks."""

import re

import pytest
from flask import Blueprint

from portal import create_app
from portal.municipality import DEMO_SETTINGS
from tests.reader_client import declared


@pytest.fixture
def production_env(monkeypatch, tmp_path):
    """The environment a production portal needs to start."""
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///" + str(tmp_path / "p.sqlite3"))
    monkeypatch.setenv("PORTAL_URL", "https://portal.fjellvik.kommune.no")
    monkeypatch.setenv("PORTAL_SETTINGS", str(DEMO_SETTINGS))
    return monkeypatch


def test_every_response_has_a_strict_content_security_policy(client):
    for path in ("/nb/", "/en/appeals", "/nb/finnes-ikke", "/healthz"):
        csp = client.get(path).headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp
        assert "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_other_security_headers(client):
    headers = client.get("/nb/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client):
    html = client.get("/nb/").get_data(as_text=True)
    assert "<script" not in html
    assert "<style" not in html and " style=" not in html


def test_hsts_is_sent_outside_development(make_app):
    production = make_app(
        ENV_NAME="production", HSTS=True, SESSION_COOKIE_SECURE=True, PORTAL_SETTINGS=str(DEMO_SETTINGS)
    )
    assert "max-age=" in production.test_client().get("/nb/").headers["Strict-Transport-Security"]
    development = make_app(HSTS=False)
    assert "Strict-Transport-Security" not in development.test_client().get("/nb/").headers


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


@pytest.mark.parametrize("name", ["PORTAL_URL", "PORTAL_SETTINGS"])
def test_production_refuses_to_start_without_its_address_or_its_municipality(production_env, name):
    """Without PORTAL_URL links in e-mail would lead to localhost; without PORTAL_SETTINGS
    the portal would quietly serve the made-up demo municipality."""
    production_env.delenv(name)
    with pytest.raises(RuntimeError, match=name):
        create_app()


def test_production_defaults_are_safe(production_env):
    app = create_app()
    assert app.config["TRUSTED_HOSTS"] == ["portal.fjellvik.kommune.no"]
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["WTF_CSRF_ENABLED"] is True
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["hide_parameters"] is True
    assert app.debug is False


def test_development_runs_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///" + str(tmp_path / "d.sqlite3"))
    assert create_app().config["SECRET_KEY"]


def test_an_unknown_environment_name_is_refused(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "staging")
    with pytest.raises(RuntimeError, match="PORTAL_ENV"):
        create_app()


def test_database_url_for_postgresql_uses_psycopg(monkeypatch, tmp_path):
    from portal.config import database_url

    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db/portal")
    assert database_url(str(tmp_path)) == "postgresql+psycopg://u:p@db/portal"
    monkeypatch.delenv("DATABASE_URL")
    assert database_url(str(tmp_path)).startswith("sqlite:///")


def _app_with_form(make_app):
    app = make_app()
    forms = Blueprint("test_forms", __name__)

    @forms.route("/<lang:lang_code>/test-form", methods=["GET", "POST"])
    def form():
        from flask import request
        from flask_wtf.csrf import generate_csrf

        return "accepted" if request.method == "POST" else generate_csrf()

    app.register_blueprint(forms)
    return app


def test_a_form_post_without_a_csrf_token_is_refused_with_a_friendly_page(make_app):
    client = _app_with_form(make_app).test_client()
    response = client.post("/en/test-form", data={"name": "Kari"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "The form has expired" in html
    assert '<html lang="en"' in html


def test_a_form_post_with_a_csrf_token_is_accepted(make_app):
    client = _app_with_form(make_app).test_client()
    token = client.get("/en/test-form").get_data(as_text=True)
    assert client.post("/en/test-form", data={"csrf_token": token}).status_code == 200


def test_a_failure_gives_a_friendly_page_and_logs_no_personal_data(make_app, caplog):
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    broken = Blueprint("test_broken", __name__)

    @broken.route("/<lang:lang_code>/broken")
    def fail():
        identity_number = "010190" + "12480"  # made at run time, as user input would be
        raise ValueError(f"fødselsnummer {identity_number} in the message")

    app.register_blueprint(broken)
    response = app.test_client().get("/nb/broken")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Noe gikk galt hos oss" in html
    assert "01019012480" not in html
    assert "ValueError" in caplog.text
    assert "01019012480" not in caplog.text


def test_behind_a_proxy_links_use_the_public_host_and_https(make_app, monkeypatch):
    monkeypatch.setenv("PROXY_COUNT", "1")
    client = make_app(PORTAL_URL="https://portal.example").test_client()
    html = client.get("/nb/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "portal.example"}).get_data(
        as_text=True
    )
    assert 'hreflang="en" href="https://portal.example/en/"' in html
    assert client.get("/nb/", headers={"X-Forwarded-Host": "evil.example"}).status_code == 400


def test_without_a_proxy_forwarded_headers_are_ignored(client):
    html = client.get("/nb/", headers={"X-Forwarded-Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in html


def test_a_log_in_lasts_its_thirty_minutes_whatever_the_device_s_clock_says(app, client, clock):
    """The session cookie carries Max-Age, which browsers count from arrival (RFC 6265 § 5.3),
    so a phone set a day wrong is not logged out at once."""
    from tests.helpers import log_in, make_account

    make_account(app)
    cookie = next(c for c in log_in(client).headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Max-Age=1800" in cookie and "Expires=" in cookie
    clock.shift(minutes=31)
    assert client.get("/nb/my-page").status_code == 302  # and the server ends it all the same


ACCOUNT_FORMS = [
    ("/nb/account/forgot-password", {"email": "kari@example.org"}),
    (
        "/nb/account/register",
        {"email": "ny@example.org", "password": "fire ord er nok her", "password_repeat": "fire ord er nok her"},
    ),
]


@pytest.mark.parametrize("path,data", ACCOUNT_FORMS)
def test_a_request_for_another_host_is_refused_and_mails_nothing(make_app, path, data):
    """Host: evil.example used to put the attacker's host into a working reset link mailed to
    the victim. Requests may name only the portal's own host (TRUSTED_HOSTS)."""
    from portal.extensions import db
    from portal.models import OutboxMessage
    from tests.helpers import make_account

    app = make_app(PORTAL_URL="https://portal.fjellvik.kommune.no")
    make_account(app)
    client = app.test_client()
    assert client.get(path, base_url="https://evil.example").status_code == 400
    assert client.post(path, data=data, base_url="https://evil.example").status_code == 400
    assert client.get("/nb/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/nb/", base_url="https://portal.fjellvik.kommune.no").status_code == 200
    with app.app_context():
        assert db.session.scalars(db.select(OutboxMessage.body)).all() == []


@pytest.mark.parametrize("path,data", ACCOUNT_FORMS)
def test_links_in_e_mail_lead_to_the_portals_own_address_whatever_host_a_request_names(make_app, path, data):
    """A reset or confirmation link mailed to someone leads to the municipality's portal, even
    when the request came by another of its trusted names (portal/links.py)."""
    from portal.extensions import db
    from portal.models import OutboxMessage
    from tests.helpers import CSRF_INPUT, make_account

    app = make_app(PORTAL_URL="https://portal.fjellvik.kommune.no")
    make_account(app)
    client = app.test_client()
    page = client.get(path, base_url="http://127.0.0.1").get_data(as_text=True)
    token = next(group for group in CSRF_INPUT.search(page).groups() if group)
    response = client.post(path, data={**data, "csrf_token": token}, base_url="http://127.0.0.1")
    assert response.status_code in (200, 302)
    with app.app_context():
        body = db.session.scalars(db.select(OutboxMessage.body)).one()
    link = re.search(r"https://portal\.fjellvik\.kommune\.no(/\S+)", body)
    assert link and declared(link.group(1)).startswith("/nb/account/") and "127.0.0.1" not in body
