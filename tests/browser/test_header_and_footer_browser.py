"""The header's log-out on any page, and the footer's e-mail address on a narrow phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, violations
from tests.helpers import make_account

pytestmark = pytest.mark.browser

# For each line break inside the link: the character before it and the one after.
LINE_BREAKS = """link => {
  const text = link.textContent, range = document.createRange(), found = [];
  let node = link.firstChild, offset = 0, lastTop = null, walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
  const chars = [];
  while ((node = walker.nextNode())) for (let i = 0; i < node.length; i++) chars.push([node, i]);
  chars.forEach(([n, i], k) => {
    range.setStart(n, i); range.setEnd(n, i + 1);
    const top = range.getBoundingClientRect().top;
    if (lastTop !== null && top > lastTop + 2) found.push(text[k - 1] + text[k]);
    lastTop = top;
  });
  return found;
}"""


def test_log_out_from_the_header_of_a_guide(page, live_server, live_app):
    make_account(live_app, email="header.browser@example.org")
    log_in(page, live_server, "header.browser@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min side")
    page.goto(live_server + "/nb/")
    assert violations(page) == []
    page.get_by_role("banner").get_by_role("button", name="Logg ut", exact=True).click()
    expect(page.get_by_text("Du er logget ut")).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="Logg inn")).to_be_visible()


@pytest.mark.parametrize("width", [320])
def test_the_footer_address_wraps_only_after_the_at_or_before_a_dot(browser, live_server, width):
    context = browser.new_context(locale="nb-NO", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(live_server + "/nb/")
    link = page.locator("footer a.email-address")
    breaks = link.evaluate(LINE_BREAKS)
    assert breaks, "the address is longer than the line: it must break somewhere"
    assert all(pair[0] == "@" or pair[1] == "." for pair in breaks), breaks
    box = link.bounding_box()
    assert box["x"] + box["width"] <= width  # and nothing runs off the screen
    context.close()
