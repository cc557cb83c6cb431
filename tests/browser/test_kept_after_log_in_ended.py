"""Without JavaScript nothing saves a page before the idle limit: a question page sent after the
log-in has ended is kept on the server, and comes back as typed once the person logs in again.
axe finds nothing on the log-in page that says so, nor on the page that comes back."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, declared_path, log_in, violations
from tests.helpers import TEST_PASSWORD, make_account
from tests.reader_client import reader_address

pytestmark = pytest.mark.browser


def _violations(browser, page) -> list[str]:
    """axe needs JavaScript to run: the page exactly as the browser without it got it is
    served again, at its own address, to one with it, and checked there."""
    shown = page.content()
    context = browser.new_context(locale="nb-NO")
    checker = context.new_page()
    checker.route(
        page.url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=shown)
    )
    checker.goto(page.url)
    found = violations(checker)
    context.close()
    return found


def test_a_page_sent_after_the_log_in_ended_comes_back_without_javascript(browser, live_server, live_app):
    make_account(live_app, email="utenjs@example.org")
    context = browser.new_context(locale="nb-NO", java_script_enabled=False)
    page = context.new_page()
    page.problems = PageProblems(page)
    log_in(page, live_server, "utenjs@example.org")
    page.goto(live_server + reader_address(live_app, "/nb/apply/?service=stottekontakt"))
    page.get_by_role("button", name="Start").click()
    page.check("input[name=who][value=self]")
    page.get_by_role("button", name="Fortsett").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Om deg"
    question_page = page.url
    page.fill("[name=full_name]", "Kari Nordmann")
    page.fill("[name=street_address]", "Gata 1")

    # Half an hour without a click: the browser drops the session cookie when its Max-Age runs out.
    context.clear_cookies()
    page.locator("#page-form button[type=submit]:not([name=action])").click()
    assert declared_path(page.url).startswith("/nb/account/login")
    expect(page.get_by_role("status").first).to_contain_text("Det du skrev, blir tatt vare på i 2 timer")
    assert _violations(browser, page) == [], "the log-in page after the log-in ended"

    page.fill("input[name=email]", "utenjs@example.org")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("form.form button[type=submit]").click()
    assert page.url == question_page
    assert page.get_by_role("heading", level=1).inner_text() == "Om deg"
    expect(page.locator("[name=full_name]")).to_have_value("Kari Nordmann")
    expect(page.locator("[name=street_address]")).to_have_value("Gata 1")
    expect(page.get_by_role("status").first).to_contain_text("er tilbake på siden")
    assert "Feil:" not in page.title()
    assert _violations(browser, page) == [], "the page again after log-in"
    assert page.problems.items == []
    context.close()
