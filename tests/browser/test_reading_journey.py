"""A reader finds their way through the guides: by mouse, by keyboard, and without JavaScript."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_the_front_page_to_the_appeal_guide_and_switches_language(browser, live_server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(live_server + "/")
    assert page.url.endswith("/en/")
    page.get_by_role("link", name="Appeal a decision").click()
    assert page.url.endswith("/en/appeals")
    assert page.get_by_role("heading", level=1).inner_text() == "Appealing a decision"
    page.get_by_role("link", name="Norsk bokmål").click()
    assert page.url.endswith("/nb/klage")
    assert page.get_by_role("heading", level=1).inner_text() == "Klage på vedtak"
    assert page.locator("html").get_attribute("lang") == "nb"
    page.get_by_role("link", name="Norsk nynorsk").click()
    assert page.url.endswith("/nn/klage")
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.get_by_role("navigation", name="Du er her:").get_by_role("link", name="Framsida").is_visible()
    page.get_by_role("link", name="Norsk bokmål").click()
    assert page.url.endswith("/nb/klage")
    page.get_by_role("navigation", name="Du er her:").get_by_role("link", name="Forsiden").click()
    assert page.url.endswith("/nb/")
    context.close()


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches_and_moves_focus_to_the_content(page, live_server):
    page.goto(live_server + "/nb/stottekontakt")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Gå til hovedinnholdet"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main"


def test_every_guide_can_be_reached_and_read_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="nb-NO")
    page = context.new_page()
    page.goto(live_server + "/nb/")
    page.get_by_role("link", name="Bli støttekontakt").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bli støttekontakt"
    page.get_by_role("link", name="Tilgjengelighetserklæring").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tilgjengelighetserklæring"
    context.close()


def test_the_design_system_styles_and_font_load(page, live_server):
    page.goto(live_server + "/en/")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith("Inter")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Inter')")
    button_like = page.locator(".ds-card").first
    assert button_like.evaluate("e => getComputedStyle(e).borderRadius") != "0px"
    assert page.problems.items == []


def test_printing_leaves_out_navigation(page, live_server):
    page.goto(live_server + "/nb/klage")
    page.emulate_media(media="print")
    assert not page.locator(".site-header__links").is_visible()
    assert not page.locator(".site-breadcrumbs").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
    assert re.search(r"Klage", page.title())
