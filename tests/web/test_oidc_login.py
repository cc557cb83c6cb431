"""Log-in with an ID-porten style provider: the real flow against a local OpenID
Connect provider (oidc-provider-mock), authorisation code with PKCE."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import select

from portal.extensions import db
from portal.models import Account
from tests.reader_client import declared, reader_address

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")


@pytest.fixture
def provider(oidc_provider):
    return oidc_provider


@pytest.fixture
def oidc_app(make_app, provider):
    return make_app(OIDC_ISSUER=provider, OIDC_CLIENT_ID="portal", OIDC_CLIENT_SECRET="secret")


def _person(provider, sub, claims):
    assert requests.put(f"{provider}/users/{sub}", json=claims, timeout=5).status_code == 204


def _log_in(client, provider, sub, lang="nb"):
    start = client.get(f"/{lang}/account/login/idporten")
    assert start.status_code == 302
    authorize_url = start.headers["Location"]
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["redirect_uri"] == ["http://localhost/account/oidc/callback"]
    answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    callback = urlsplit(answer.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_pid_claim_gives_a_verified_identity(oidc_app, provider, lang):
    _person(provider, "person-1", {"pid": "01019012480", "name": "Kari Nordmann"})
    client = oidc_app.test_client()
    response = _log_in(client, provider, "person-1", lang)
    assert response.status_code == 302
    assert declared(response.headers["Location"]) == f"/{lang}/my-page"
    html = client.get(f"/{lang}/my-page").get_data(as_text=True)
    assert "010190*****" in html
    assert "01019012480" not in html
    with oidc_app.app_context():
        account = db.session.scalar(select(Account))
        assert account.national_id == "01019012480"
        assert account.identity_verified


def test_the_same_person_gets_the_same_account_next_time(oidc_app, provider):
    _person(provider, "person-2", {"pid": "01019012480"})
    _log_in(oidc_app.test_client(), provider, "person-2")
    _log_in(oidc_app.test_client(), provider, "person-2")
    with oidc_app.app_context():
        assert len(db.session.scalars(select(Account)).all()) == 1


def test_an_answer_without_a_valid_pid_is_refused(oidc_app, provider):
    _person(provider, "person-3", {"pid": "12345678901"})
    response = _log_in(oidc_app.test_client(), provider, "person-3")
    assert response.status_code == 400
    assert "Innloggingen ble ikke fullført" in response.get_data(as_text=True)
    with oidc_app.app_context():
        assert db.session.scalars(select(Account)).all() == []


def test_a_callback_that_was_not_started_here_is_refused(oidc_app):
    response = oidc_app.test_client().get("/account/oidc/callback?code=forged&state=forged")
    assert response.status_code == 400


def test_the_login_page_offers_the_provider_only_when_configured(oidc_app, client):
    assert "Logg inn med ID-porten" in oidc_app.test_client().get("/nb/account/login").get_data(as_text=True)
    assert "ID-porten" not in client.get("/nb/account/login").get_data(as_text=True)
    assert client.get("/nb/account/login/idporten").status_code == 404


@pytest.mark.parametrize(
    "next_path,lands",
    [
        ("/nb/authorities/for-me", "/nb/authorities/for-me"),
        ("https://evil.example/", "/nb/my-page"),
        ("//evil.example/", "/nb/my-page"),
    ],
)
def test_after_log_in_the_reader_comes_back_to_the_page_they_came_from(oidc_app, provider, next_path, lands):
    from urllib.parse import quote

    _person(provider, "person-3", {"pid": "01019012480"})
    client = oidc_app.test_client()
    start = client.get(f"/nb/account/login/idporten?next={quote(next_path, safe='')}")
    answer = requests.post(start.headers["Location"], data={"sub": "person-3"}, allow_redirects=False, timeout=5)
    callback = urlsplit(answer.headers["Location"])
    response = client.get(f"{callback.path}?{callback.query}")
    assert declared(response.headers["Location"]) == lands


def test_the_log_in_page_keeps_where_the_reader_was_going(oidc_app):
    html = oidc_app.test_client().get("/nb/account/login?next=/nb/authorities/for-me").get_data(as_text=True)
    assert reader_address(oidc_app, "/nb/account/login/idporten?next=/nb/authorities/for-me") in html
