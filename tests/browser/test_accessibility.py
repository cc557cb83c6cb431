"""axe-core in Chromium: zero violations on every page in Bokmål, Nynorsk and English (WCAG 2.1 AA)."""

import pytest

from tests.browser.conftest import violations
from tests.pages import PAGE_URLS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name,lang,path", PAGE_URLS)
def test_page_has_no_accessibility_violations(page, live_server, name, lang, path):
    page.goto(live_server + path)
    assert page.locator("html").get_attribute("lang") == lang
    assert violations(page) == []
    assert page.problems.items == [], "the browser reported problems (CSP, missing files, errors)"


@pytest.mark.parametrize("path", ["/nb/finnes-ikke", "/nn/finst-ikkje", "/en/does-not-exist"])
def test_not_found_page_has_no_accessibility_violations(page, live_server, path):
    page.goto(live_server + path)
    assert page.locator("html").get_attribute("lang") == path.split("/")[1]
    assert violations(page) == []


@pytest.mark.parametrize("name,lang,path", PAGE_URLS)
def test_page_reflows_on_a_narrow_phone_without_sideways_scrolling(browser, live_server, name, lang, path):
    """WCAG 1.4.10: content fits 320 CSS pixels wide."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
