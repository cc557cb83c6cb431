"""Local accounts: register, confirm, log in and out, reset, rate limits, in each language."""

import re

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Account, OutboxMessage
from tests.helpers import html, post_form
from tests.reader_client import declared, reader_address

PASSWORD = "tre lange ord og litt til"
ACCOUNT_PAGES = ["account/register", "account/login", "account/forgot-password", "account/check-your-email"]


def _outbox(app):
    with app.app_context():
        return [
            (m.to_address, m.subject, m.body)
            for m in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        ]


def _link(body: str) -> str:
    return re.search(r"http://localhost(/\S+)", body).group(1)


def _register(client, email="kari@example.org", password=PASSWORD, lang="nb"):
    path = f"/{lang}/account/register"
    return post_form(client, path, {"email": email, "password": password, "password_repeat": password})


def _registered_and_confirmed(app, client, email="kari@example.org", lang="nb"):
    _register(client, email, lang=lang)
    confirm = _link(_outbox(app)[-1][2])
    assert client.get(confirm).status_code == 302


def _login(client, email="kari@example.org", password=PASSWORD, lang="nb", **kwargs):
    return post_form(client, f"/{lang}/account/login", {"email": email, "password": password}, **kwargs)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("page", ACCOUNT_PAGES)
def test_account_pages_are_in_each_language(app, client, lang, page):
    shown = html(client.get(f"/{lang}/{page}"))
    assert f'<html lang="{lang}"' in shown
    for other in {"nb", "nn", "en"} - {lang}:
        assert f'hreflang="{other}" href="http://localhost{reader_address(app, f"/{other}/{page}")}"' in shown


@pytest.mark.parametrize(
    "data,field,nb,nn,en",
    [
        (
            {"email": "", "password": PASSWORD, "password_repeat": PASSWORD},
            "email",
            "Skriv inn e-postadressen din",
            "Skriv inn e-postadressa di",
            "Enter your e-mail address",
        ),
        (
            {"email": "kari(at)example.org", "password": PASSWORD, "password_repeat": PASSWORD},
            "email",
            "Skriv e-postadressen i riktig format, for eksempel navn@eksempel.no",
            "Skriv e-postadressa i rett format, til dømes namn@eksempel.no",
            "Enter an e-mail address in the right format",
        ),
        (
            {"email": "kari@example.org", "password": "kort", "password_repeat": "kort"},
            "password",
            "Passordet må ha mellom 12 og 128 tegn",
            "Passordet må ha mellom 12 og 128 teikn",
            "The password must be between 12 and 128 characters",
        ),
        (
            {"email": "kari@example.org", "password": PASSWORD, "password_repeat": PASSWORD + "x"},
            "password_repeat",
            "De to passordene er ikke like",
            "Dei to passorda er ikkje like",
            "The two passwords are not the same",
        ),
        (
            {
                "email": "kari.nordmann@example.org",
                "password": "kari.nordmann@example.org",
                "password_repeat": "kari.nordmann@example.org",
            },
            "password",
            "Passordet kan ikke være e-postadressen din",
            "Passordet kan ikkje vere e-postadressa di",
            "The password cannot be your e-mail address",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_register_explains_each_error_and_keeps_what_was_typed(app, client, data, field, nb, nn, en, lang):
    response = post_form(client, f"/{lang}/account/register", data)
    page = html(response)
    assert response.status_code == 200
    assert {"nb": nb, "nn": nn, "en": en}[lang] in page
    assert re.search(r"<title>(Feil|Error): ", page)
    assert f'<a class="ds-link" href="#{field}">' in page  # the summary links to the field
    assert re.search(rf'id="{field}"[^>]*aria-invalid="true"', page)
    if data["email"]:
        assert f'value="{data["email"]}"' in page
    assert PASSWORD not in page  # passwords are never sent back
    with app.app_context():
        assert db.session.scalar(select(func.count(Account.id))) == 0


def test_register_confirm_log_in_and_out(app, client):
    response = _register(client)
    assert response.status_code == 302 and declared(response.headers["Location"]) == "/nb/account/check-your-email"
    assert "kari@example.org" in html(client.get("/nb/account/check-your-email"))
    [(to, subject, body)] = _outbox(app)
    assert to == "kari@example.org" and subject == "Bekreft e-postadressen din"
    assert _login(client).status_code == 200  # not confirmed yet: refused with a message
    confirmed = client.get(_link(body))
    assert declared(confirmed.headers["Location"]) == "/nb/account/login"
    assert "E-postadressen din er bekreftet" in html(client.get("/nb/account/login"))
    logged_in = _login(client)
    assert logged_in.status_code == 302 and declared(logged_in.headers["Location"]) == "/nb/my-page"
    assert "Du er logget inn som kari@example.org" in html(client.get("/nb/my-page"))
    logged_out = post_form(client, "/nb/account/logout", {}, form_page="/nb/my-page")
    assert logged_out.headers["Location"].endswith("/nb/")
    assert client.get("/nb/my-page").status_code == 302


def test_an_unconfirmed_account_is_told_to_confirm_first(app, client):
    _register(client)
    page = html(_login(client))
    assert "Bekreft e-postadressen din først" in page


def test_registering_a_known_address_answers_the_same_and_mails_the_owner(app, client):
    _registered_and_confirmed(app, client)
    response = _register(client, password="et helt annet passord")
    assert declared(response.headers["Location"]) == "/nb/account/check-your-email"
    to, subject, body = _outbox(app)[-1]
    assert subject == "Du har allerede en konto"
    with app.app_context():
        assert db.session.scalar(select(func.count(Account.id))) == 1
    assert _login(client, password="et helt annet passord").status_code == 200  # not changed


@pytest.mark.parametrize("email,password", [("kari@example.org", "feil passord her"), ("ukjent@example.org", PASSWORD)])
def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(app, client, email, password):
    _registered_and_confirmed(app, client)
    page = html(_login(client, email=email, password=password))
    assert "E-postadressen eller passordet er feil" in page
    assert re.search(r"<title>Feil: ", page)


def test_log_in_is_case_insensitive_on_the_address(app, client):
    _registered_and_confirmed(app, client)
    assert _login(client, email="  Kari@Example.ORG ").status_code == 302


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"]
)
def test_after_log_in_only_a_path_on_this_site_is_followed(app, client, target):
    _registered_and_confirmed(app, client)
    response = _login(client, query_string={"next": target})
    assert declared(response.headers["Location"]) == "/nb/my-page"


def test_my_page_asks_for_log_in_and_comes_back(app, client):
    response = client.get("/en/my-page")
    assert response.headers["Location"].endswith("/en/account/login?next=%2Fen%2Fmy-page")
    _registered_and_confirmed(app, client, lang="en")
    back = post_form(
        client, "/en/account/login?next=%2Fen%2Fmy-page", {"email": "kari@example.org", "password": PASSWORD}
    )
    assert back.headers["Location"].endswith("/en/my-page")


def test_the_session_ends_after_thirty_minutes_without_use(app, client):
    _registered_and_confirmed(app, client)
    response = _login(client)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie
    assert app.permanent_session_lifetime.total_seconds() == 30 * 60


def test_password_reset_works_once_and_changes_the_password(app, client):
    _registered_and_confirmed(app, client)
    sent = post_form(client, "/nb/account/forgot-password", {"email": "kari@example.org"})
    assert "Hvis adressen har en konto hos oss" in html(sent)
    to, subject, body = _outbox(app)[-1]
    assert subject == "Tilbakestill passordet ditt"
    reset_path = _link(body)
    new_password = "et nytt og langt passord"
    done = post_form(client, reset_path, {"password": new_password, "password_repeat": new_password})
    assert declared(done.headers["Location"]) == "/nb/account/login"
    assert client.get(reset_path).status_code == 400  # used once, then dead
    assert _login(client).status_code == 200  # old password refused
    assert _login(client, password=new_password).status_code == 302


def test_password_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(app, client):
    page = html(post_form(client, "/nb/account/forgot-password", {"email": "ukjent@example.org"}))
    assert "Hvis adressen har en konto hos oss" in page
    assert _outbox(app) == []


def test_a_forged_or_broken_link_gets_a_clear_page(client):
    for path in ("/nb/account/confirm/abc.def", "/en/account/reset-password/abc.def"):
        response = client.get(path)
        assert response.status_code == 400
        assert "Lenken virker ikke" in html(response) or "The link does not work" in html(response)


def test_registration_is_rate_limited_with_a_friendly_page(client):
    for i in range(5):
        assert _register(client, email=f"person{i}@example.org").status_code == 302
    blocked = _register(client, email="person9@example.org")
    assert blocked.status_code == 429
    assert "For mange forsøk" in html(blocked)


def test_log_in_is_rate_limited(app, client):
    _registered_and_confirmed(app, client)
    for _ in range(10):
        assert _login(client, password="feil passord her").status_code == 200
    assert _login(client).status_code == 429


def test_passwords_are_stored_as_argon2id_hashes(app, client):
    _register(client)
    with app.app_context():
        account = db.session.scalar(select(Account))
        assert account.password_hash.startswith("$argon2id$")
        assert PASSWORD not in account.password_hash


def test_a_stranger_with_many_addresses_cannot_lock_the_owner_out(app):
    """20 wrong passwords for an address, from 20 addresses, used to give the owner 429 for
    an hour with the right password: the limit counts failures per account and address."""
    client = app.test_client()
    _registered_and_confirmed(app, client)
    for n in range(25):
        stranger = app.test_client()
        stranger.environ_base["REMOTE_ADDR"] = f"203.0.113.{n + 1}"
        assert _login(stranger, password="feil passord her").status_code == 200
    owner = app.test_client()
    owner.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert _login(owner).status_code == 302


def test_failed_log_ins_for_one_account_from_one_address_run_out(app, clock):
    """The per-address limit (10 in 5 minutes) stays; beside it, 20 failures an hour for one
    account from one address, however slowly they come. Log-ins that work are not counted."""
    client = app.test_client()
    _registered_and_confirmed(app, client)
    for n in range(20):
        clock.shift(minutes=2)
        assert _login(client, password="feil passord her").status_code == 200, n
    clock.shift(minutes=2)
    assert _login(client).status_code == 429
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert _login(elsewhere).status_code == 302


def test_registration_does_the_same_work_whether_or_not_the_address_is_known(app, client, monkeypatch):
    """Registering a known address took 8 ms, a new one 35–240 ms: the time told who has an
    account. The password is now hashed either way, and the hash is nearly all of the work."""
    from portal.services import accounts

    _registered_and_confirmed(app, client)
    hashed = []
    real = accounts._hasher.hash
    monkeypatch.setattr(accounts._hasher, "hash", lambda password: hashed.append(password) or real(password))
    for email in ("kari@example.org", "ny.person@example.org"):
        hashed.clear()
        assert _register(app.test_client(), email=email).status_code == 302
        assert len(hashed) == 1, email


def test_the_page_that_shows_the_address_just_typed_is_never_stored(client):
    response = _register(client, email="ny.person@example.org")
    page = client.get(response.headers["Location"])
    assert "ny.person@example.org" in html(page)
    assert "no-store" in page.headers["Cache-Control"]
