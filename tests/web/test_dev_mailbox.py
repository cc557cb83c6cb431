"""The development mailbox (/dev/mail): the outbox shown with its links to click, so an
e-mail account can be confirmed without a mail server; never there in production."""

import re

import pytest

from portal.config import PROJECT_ROOT, DevelopmentConfig, ProductionConfig
from tests.helpers import TEST_PASSWORD, html, post_form, text
from tests.reader_client import declared, reader_address

SETTINGS = PROJECT_ROOT / "portal" / "settings" / "demo.toml"


def _register(client, email="nora@example.org", lang="nb"):
    return post_form(
        client,
        f"/{lang}/account/register",
        {"email": email, "password": TEST_PASSWORD, "password_repeat": TEST_PASSWORD},
    )


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_development_mailbox_shows_the_confirmation_with_a_link_that_works(make_app, lang):
    app = make_app(DEV_MAIL_PAGE=True)
    client = app.test_client()
    assert _register(client, lang=lang).status_code == 302
    page = client.get("/dev/mail", headers={"Accept-Language": lang})
    assert page.status_code == 200
    assert "nora@example.org" in text(page)
    links = re.findall(r'<a class="ds-link" href="http://localhost(/' + lang + r'/[^"]+)"', html(page))
    # The link in the e-mail is in the reader's language, its words too.
    link = next((a for a in links if declared(a).startswith(f"/{lang}/account/confirm/")), None)
    assert link, "the confirmation link is clickable"
    assert link == reader_address(app, declared(link))
    confirmed = client.get(link, as_written=True)
    assert confirmed.status_code == 302
    assert declared(confirmed.headers["Location"]).endswith(f"/{lang}/account/login")


def _config(config_class) -> dict:
    return {k: getattr(config_class, k) for k in dir(config_class) if k.isupper()}


def test_the_mailbox_is_there_in_development(make_app):
    app = make_app(**_config(DevelopmentConfig))
    assert app.test_client().get("/dev/mail").status_code == 200


def test_the_mailbox_is_never_there_in_production_nor_in_tests_that_do_not_ask(make_app):
    settings = {"SECRET_KEY": "x" * 32, "PORTAL_URL": "http://localhost", "PORTAL_SETTINGS": str(SETTINGS)}
    production = make_app(**{**_config(ProductionConfig), **settings, "DEV_MAIL_PAGE": True})
    assert production.test_client().get("/dev/mail").status_code == 404
    assert make_app().test_client().get("/dev/mail").status_code == 404
