"""Nothing typed is lost, in Chromium: a half-typed page survives a break, the language switch,
and the idle limit (the warning, "Stay logged in", and the save just before the log-in ends);
axe finds nothing in any of those states."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, declared_path, log_in, violations
from tests.helpers import TEST_PASSWORD, make_account
from tests.reader_client import reader_address

pytestmark = pytest.mark.browser


def _person_page(browser, live_server, live_app, email):
    """A new browser on the first question page of a støttekontakt application, its clock
    under the test's control (the idle warning counts on it)."""
    make_account(live_app, email=email)
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.problems = PageProblems(page)  # the script must run under the strict CSP
    page.clock.install()
    log_in(page, live_server, email)
    page.goto(live_server + reader_address(live_app, "/nb/apply/?service=stottekontakt"))
    page.get_by_role("button", name="Start").click()
    page.check("input[name=who][value=self]")
    page.get_by_role("button", name="Fortsett").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Om deg"
    return page


def test_a_break_and_the_language_switch_keep_a_half_typed_page(browser, live_server, live_app):
    page = _person_page(browser, live_server, live_app, "pause@example.org")
    page.fill("[name=full_name]", "Kari Nordmann")
    page.fill("[name=street_address]", "Gata 1")
    page.get_by_role("button", name="Ta en pause og fortsett senere").click()
    assert declared_path(page.url) == "/nb/my-page"
    expect(page.get_by_role("status").first).to_contain_text("Det du har skrevet, er lagret.")
    assert violations(page) == [], "My page after a break"

    page.get_by_role("link", name=re.compile("Fortsett")).click()
    expect(page.locator("[name=full_name]")).to_have_value("Kari Nordmann")
    expect(page.locator("[name=street_address]")).to_have_value("Gata 1")
    assert "Feil:" not in page.title()
    assert violations(page) == [], "the kept page"

    page.fill("[name=city]", "Fjellvik")
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", level=1).inner_text() == "About you"
    assert page.url.startswith(live_server + "/en/apply/")
    expect(page.locator("[name=full_name]")).to_have_value("Kari Nordmann")
    expect(page.locator("[name=city]")).to_have_value("Fjellvik")
    assert violations(page) == [], "the page in the other language"

    # Enter in a field saves and goes on, as before: here the page is not finished.
    page.locator("[name=city]").press("Enter")
    expect(page).to_have_title(re.compile(r"^Error:"))
    assert page.get_by_role("heading", level=1).inner_text() == "About you"
    expect(page.locator("[name=city]")).to_have_value("Fjellvik")
    assert violations(page) == [], "the page with errors"
    assert page.problems.items == []
    page.context.close()


def test_the_idle_warning_keeps_the_log_in_and_then_the_page_at_the_limit(browser, live_server, live_app):
    page = _person_page(browser, live_server, live_app, "idle@example.org")
    page.fill("[name=full_name]", "Kari Nordmann")
    page.fill("[name=street_address]", "Gata 1")
    warning = page.get_by_role("dialog", name="Du blir snart logget ut")
    expect(warning).to_be_hidden()
    page.clock.run_for("25:01")
    expect(warning).to_be_visible()
    expect(warning.get_by_role("button", name="Fortsett å være logget inn")).to_be_focused()
    assert violations(page) == [], "the warning"

    warning.get_by_role("button", name="Fortsett å være logget inn").click()
    expect(warning).to_be_hidden()
    expect(page.locator("#idle-status")).to_have_text("Du er fortsatt logget inn.")
    expect(page.locator("[name=full_name]")).to_have_value("Kari Nordmann")
    assert violations(page) == [], "after staying logged in"

    # Nobody answers the next warning: just before the end, the page is kept and the log-in ends.
    page.fill("[name=city]", "Fjellvik")
    page.clock.run_for("25:01")
    expect(warning).to_be_visible()
    with page.expect_navigation():
        page.clock.run_for("04:00")
    assert declared_path(page.url).startswith("/nb/account/login")
    expect(page.get_by_role("status").first).to_contain_text("Det du har skrevet, er lagret.")
    assert violations(page) == [], "the log-in page after the time-out"
    page.fill("input[name=email]", "idle@example.org")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("form.form button[type=submit]").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Om deg"
    expect(page.locator("[name=full_name]")).to_have_value("Kari Nordmann")
    expect(page.locator("[name=city]")).to_have_value("Fjellvik")
    assert violations(page) == [], "the page again after log-in"
    assert page.problems.items == []
    page.context.close()


def _switch(page) -> list[tuple[str, str, str]]:
    """The header's language switch on a page with a form: (value, lang, name) of each button."""
    buttons = page.get_by_role("banner").locator(".site-header__language button")
    return [(b.get_attribute("value"), b.get_attribute("lang"), b.inner_text()) for b in buttons.all()]


def test_the_language_switch_offers_the_two_other_languages_and_keeps_what_is_typed_in_nynorsk(
    browser, live_server, live_app
):
    page = _person_page(browser, live_server, live_app, "nynorsk.switch@example.org")
    assert _switch(page) == [("language-nn", "nn", "Norsk nynorsk"), ("language-en", "en", "English")]
    page.fill("[name=full_name]", "Kari Nordmann")
    page.fill("[name=street_address]", "Gata 1")
    page.fill("[name=city]", "Fjellvik")

    page.get_by_role("button", name="Norsk nynorsk").click()
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.get_by_role("heading", level=1).inner_text() == "Om deg"
    assert "/nn/soknad/" in page.url and declared_path(page.url).endswith("/person")
    expect(page.get_by_role("button", name="Lagre og hald fram")).to_be_visible()
    expect(page.locator("[name=full_name]")).to_have_value("Kari Nordmann")
    expect(page.locator("[name=street_address]")).to_have_value("Gata 1")
    expect(page.locator("[name=city]")).to_have_value("Fjellvik")
    assert "Feil:" not in page.title()
    assert _switch(page) == [("language-nb", "nb", "Norsk bokmål"), ("language-en", "en", "English")]
    assert violations(page) == [], "the page in Nynorsk"

    # Saving in Nynorsk checks the page, in Nynorsk, and keeps what was typed.
    page.get_by_role("button", name="Lagre og hald fram").click()
    expect(page).to_have_title(re.compile(r"^Feil:"))
    assert page.locator("html").get_attribute("lang") == "nn"
    expect(page.locator("[name=city]")).to_have_value("Fjellvik")
    assert violations(page) == [], "the page in Nynorsk with errors"

    # And back to Bokmål, still filled in.
    page.fill("[name=postcode]", "4999")
    page.get_by_role("button", name="Norsk bokmål").click()
    assert page.locator("html").get_attribute("lang") == "nb"
    assert "/nb/soknad/" in page.url
    expect(page.get_by_role("button", name="Lagre og fortsett")).to_be_visible()
    expect(page.locator("[name=full_name]")).to_have_value("Kari Nordmann")
    expect(page.locator("[name=postcode]")).to_have_value("4999")
    assert violations(page) == [], "the page in Bokmål again"
    assert page.problems.items == []
    page.context.close()
