"""A newcomer running the portal without a mail server: register, read the e-mail in the
development mailbox, click its link, and log in."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import violations
from tests.reader_client import reader_address

pytestmark = pytest.mark.browser


def test_a_new_account_is_confirmed_from_the_development_mailbox(browser, live_server, live_app):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.goto(live_server + reader_address(live_app, "/nb/account/register"))
    page.get_by_label("E-postadresse").fill("vilde@example.org")
    page.get_by_label("Passord", exact=True).fill("fire ord er nok her")
    page.get_by_label("Gjenta passordet").fill("fire ord er nok her")
    page.get_by_role("button", name="Opprett konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sjekk e-posten din")

    page.goto(live_server + "/dev/mail")
    mail = page.locator("article", has_text="vilde@example.org").first
    expect(mail).to_be_visible()
    assert violations(page) == []
    mail.locator("a[href*='/nb/konto/bekreft/']").click()  # the address in the reader's language

    assert "E-postadressen din er bekreftet" in page.content()
    page.get_by_label("E-postadresse").fill("vilde@example.org")
    page.get_by_label("Passord").fill("fire ord er nok her")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min side")
    context.close()
