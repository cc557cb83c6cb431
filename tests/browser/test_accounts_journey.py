"""Accounts in Chromium: axe on every account page with and without errors, and the
whole way from registering to logging out."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import declared_path, last_link, violations
from tests.reader_client import reader_address

pytestmark = pytest.mark.browser
PAGES = ["account/register", "account/login", "account/forgot-password", "account/check-your-email"]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_account_page_has_no_accessibility_violations(page, live_server, live_app, lang, path):
    page.goto(live_server + reader_address(live_app, f"/{lang}/{path}"))
    assert page.locator("html").get_attribute("lang") == lang
    assert violations(page) == []
    assert page.problems.items == []


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize(
    "path,button",
    [
        ("account/register", {"nb": "Opprett konto", "nn": "Opprett konto", "en": "Create account"}),
        ("account/login", {"nb": "Logg inn", "nn": "Logg inn", "en": "Log in"}),
        ("account/forgot-password", {"nb": "Send lenken", "nn": "Send lenkja", "en": "Send the link"}),
    ],
)
def test_a_form_with_errors_shown_has_no_violations_and_focuses_the_summary(
    page, live_server, live_app, lang, path, button
):
    page.goto(live_server + reader_address(live_app, f"/{lang}/{path}"))
    page.get_by_role("button", name=button[lang]).click()
    summary = page.locator(".ds-error-summary")
    expect(page).to_have_title(re.compile(r"^Error:" if lang == "en" else r"^Feil:"))
    expect(summary).to_be_visible()
    assert page.evaluate("document.activeElement.classList.contains('ds-error-summary')")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.tagName") == "INPUT"
    assert violations(page) == []


def test_register_confirm_log_in_and_log_out_in_the_browser(browser, live_server, live_app):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.goto(live_server + reader_address(live_app, "/nb/account/register"))
    page.get_by_label("E-postadresse").fill("nora@example.org")
    page.get_by_label("Passord", exact=True).fill("fire ord er nok her")
    page.get_by_label("Gjenta passordet").fill("fire ord er nok her")
    page.get_by_role("button", name="Opprett konto").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sjekk e-posten din"
    link = last_link(live_app)
    page.goto(link)
    assert "E-postadressen din er bekreftet" in page.content()
    page.get_by_label("E-postadresse").fill("nora@example.org")
    page.get_by_label("Passord").fill("fire ord er nok her")
    page.get_by_role("button", name="Logg inn").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Min side"
    assert violations(page) == []
    page.get_by_role("button", name="Logg ut", exact=True).click()
    assert page.url.endswith("/nb/")
    assert "Du er logget ut" in page.content()
    context.close()


def test_log_in_with_the_identity_provider_in_the_browser(browser, live_server, identity_provider):
    import requests

    requests.put(f"{identity_provider}/users/browser-person", json={"pid": "01019012480"}, timeout=5)
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(live_server + "/en/account/login")
    assert violations(page) == []
    page.get_by_role("link", name="Log in with ID-porten").click()
    page.locator("input[name=sub]").fill("browser-person")
    page.get_by_role("button", name="Authorize").click()
    assert declared_path(page.url) == "/en/my-page"
    assert "010190*****" in page.content()
    assert "01019012480" not in page.content()
    context.close()
