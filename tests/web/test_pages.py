"""Every public page, in both languages: status, language, the switch link and hreflang."""
import re

import pytest

from tests.pages import PAGE_URLS, PAGES


def _html(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


@pytest.mark.parametrize("name,lang,path", PAGE_URLS)
def test_page_is_in_its_language(client, name, lang, path):
    html = _html(client, path)
    assert f'<html lang="{lang}"' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert '<main id="main"' in html and 'href="#main"' in html


@pytest.mark.parametrize("name,lang,path", PAGE_URLS)
def test_page_links_to_itself_in_the_other_language(client, name, lang, path):
    other = "en" if lang == "nb" else "nb"
    other_path = dict(PAGES)[name][other]
    html = _html(client, path)
    switch = re.search(r'<a class="ds-link" href="([^"]+)" hreflang="(\w+)" lang="(\w+)">', html)
    assert switch, "no language switch link"
    assert switch.group(1).endswith(other_path)
    assert switch.group(2) == switch.group(3) == other
    for code, target in dict(PAGES)[name].items():
        assert re.search(rf'<link rel="alternate" hreflang="{code}" href="http://localhost{re.escape(target)}">', html)
    assert f'<html lang="{other}"' in _html(client, other_path)


@pytest.mark.parametrize("name,lang,path", [p for p in PAGE_URLS if p[0] != "index"])
def test_guide_ends_with_a_next_step_and_shows_when_it_was_updated(client, name, lang, path):
    html = _html(client, path)
    assert 'class="next-step' in html
    assert re.search(r'class="ds-button" data-variant="primary" href="[^"]+"', html)
    updated = "Sist oppdatert" if lang == "nb" else "Last updated"
    assert updated in html


@pytest.mark.parametrize("name,lang,path", PAGE_URLS)
def test_every_internal_link_on_the_page_works(client, name, lang, path):
    html = _html(client, path)
    for href in set(re.findall(r'href="(/[^"#]*)', html)):
        if href.startswith("/static/"):
            continue
        # Pages that need log-in lead to the log-in page, which must itself work.
        assert client.get(href, follow_redirects=True).status_code == 200, f"{path} links to {href}"


def test_pages_in_bokmal_are_translated(client):
    html = _html(client, "/nb/")
    assert "Støttekontakt, ledsagerbevis og BPA" in html
    assert "Hva vil du gjøre?" in html
    assert "Gå til hovedinnholdet" in html
    assert "English" in html


def test_pages_in_english_are_english(client):
    html = _html(client, "/en/")
    assert "Support contact, companion card and BPA" in html
    assert "What do you want to do?" in html
    assert "Norsk bokmål" in html


def test_legal_claims_cite_their_source_in_small_print(client):
    html = _html(client, "/en/support-contact")
    assert 'class="legal-source"' in html
    assert "helse- og omsorgstjenesteloven § 3-2" in html
    assert 'href="https://lovdata.no/lov/1999-07-02-63/§2-1a"' in html


def test_guides_show_the_municipality_from_the_settings(client):
    html = _html(client, "/nb/kontakt")
    assert "Tjenestekontoret for helse og omsorg" in html
    assert "+47 51 00 00 00" in html
    assert 'href="tel:+4751000000"' in html


def test_breadcrumbs_lead_back_to_the_front_page(client):
    html = _html(client, "/nb/klage")
    crumbs = re.search(r'<nav class="ds-breadcrumbs[^>]*aria-label="Du er her:">(.*?)</nav>', html, re.S)
    assert crumbs
    assert 'href="/nb/"' in crumbs.group(1)
    assert 'aria-current="page"' in crumbs.group(1)
