"""Someone who registers from "Log in to apply" comes back to what they were applying for:
the `next` address goes through registration, the e-mail's link and the log-in."""

import html as html_escape
import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import OutboxMessage
from tests.helpers import TEST_PASSWORD, html, post_form
from tests.reader_client import declared

LOG_IN_TO_APPLY = {"nb": "Logg inn for å søke", "nn": "Logg inn for å søkje", "en": "Log in to apply"}
CREATE = {"nb": "Opprett en konto", "nn": "Opprett ein konto", "en": "Create an account"}


def _href(page: str, label: str) -> str:
    found = re.search(r'href="([^"]+)"[^>]*>' + re.escape(label) + "<", page)
    assert found, label
    return html_escape.unescape(found.group(1))


def _last_link(app) -> str:
    with app.app_context():
        body = db.session.scalars(select(OutboxMessage.body).order_by(OutboxMessage.id.desc())).first()
    return re.search(r"http://localhost(/\S+)", body).group(1)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_registering_from_log_in_to_apply_leads_back_to_the_volunteer_application(apply_app, lang):
    client = apply_app.test_client()
    volunteer_page = f"/{lang}/volunteer/"
    login = _href(html(client.get(volunteer_page)), LOG_IN_TO_APPLY[lang])
    register = _href(html(client.get(login)), CREATE[lang])
    sent = post_form(
        client, register, {"email": "ny@example.org", "password": TEST_PASSWORD, "password_repeat": TEST_PASSWORD}
    )
    assert sent.status_code == 302
    confirmed = client.get(_last_link(apply_app))
    assert confirmed.status_code == 302
    login_again = confirmed.headers["Location"]
    assert declared(login_again).startswith(f"/{lang}/account/login?next=")
    logged_in = post_form(client, login_again, {"email": "ny@example.org", "password": TEST_PASSWORD})
    assert logged_in.status_code == 302
    assert declared(logged_in.headers["Location"]) == volunteer_page


def test_a_next_address_elsewhere_is_not_followed_after_confirming(apply_app):
    client = apply_app.test_client()
    post_form(
        client,
        "/nb/account/register?next=//evil.example/",
        {"email": "ny@example.org", "password": TEST_PASSWORD, "password_repeat": TEST_PASSWORD},
    )
    link = _last_link(apply_app)
    assert "evil" not in link
    assert declared(client.get(link).headers["Location"]) == "/nb/account/login"
