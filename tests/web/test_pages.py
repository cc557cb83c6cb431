"""Every public page, in every language: status, language, the switch links and hreflang."""

import re

import pytest

from tests.helpers import html
from tests.pages import LANGUAGES, PAGE_URLS, PAGES


def _page(client, path):
    """The page's HTML, which must be there."""
    response = client.get(path)
    assert response.status_code == 200, path
    return html(response)


@pytest.mark.parametrize("name,lang,path", PAGE_URLS)
def test_page_is_in_its_language(client, name, lang, path):
    page = _page(client, path)
    assert f'<html lang="{lang}"' in page
    assert len(re.findall(r"<h1[ >]", page)) == 1
    assert '<main id="main"' in page and 'href="#main"' in page


@pytest.mark.parametrize("name,lang,path", PAGE_URLS)
def test_page_links_to_itself_in_the_other_languages(client, name, lang, path):
    page = _page(client, path)
    switches = re.findall(r'<a class="ds-link" href="([^"]+)" hreflang="(\w+)" lang="(\w+)">', page)
    others = [code for code in LANGUAGES if code != lang]
    assert [(hreflang, attr) for _, hreflang, attr in switches] == [(code, code) for code in others]
    for (href, other, _), code in zip(switches, others, strict=True):
        other_path = dict(PAGES)[name][code]
        assert href.endswith(other_path)
        assert f'<html lang="{other}"' in _page(client, other_path)
    for code, target in dict(PAGES)[name].items():
        assert re.search(rf'<link rel="alternate" hreflang="{code}" href="http://localhost{re.escape(target)}">', page)


@pytest.mark.parametrize("name,lang,path", [p for p in PAGE_URLS if p[0] != "index"])
def test_guide_ends_with_a_next_step_and_shows_when_it_was_updated(client, name, lang, path):
    page = _page(client, path)
    assert 'class="next-step' in page
    assert re.search(r'class="ds-button" data-variant="primary" href="[^"]+"', page)
    updated = {"nb": "Sist oppdatert", "nn": "Sist oppdatert", "en": "Last updated"}[lang]
    assert updated in page


@pytest.mark.parametrize("name,lang,path", PAGE_URLS)
def test_every_internal_link_on_the_page_works(client, name, lang, path):
    page = _page(client, path)
    for href in set(re.findall(r'href="(/[^"#]*)', page)):
        if href.startswith("/static/"):
            continue
        # Pages that need log-in lead to the log-in page, which must itself work.
        assert client.get(href, follow_redirects=True).status_code == 200, f"{path} links to {href}"


def test_pages_in_bokmal_are_translated(client):
    page = _page(client, "/nb/")
    assert "Støttekontakt, ledsagerbevis og BPA" in page
    assert "Hva vil du gjøre?" in page
    assert "Gå til hovedinnholdet" in page
    assert "English" in page


def test_pages_in_nynorsk_are_nynorsk(client):
    page = _page(client, "/nn/")
    assert "Støttekontakt, ledsagarbevis og BPA" in page
    assert "Kva vil du gjere?" in page
    assert "Gå til hovudinnhaldet" in page
    assert "Norsk bokmål" in page and "English" in page


def test_pages_in_english_are_english(client):
    page = _page(client, "/en/")
    assert "Support contact, companion card and BPA" in page
    assert "What do you want to do?" in page
    assert "Norsk bokmål" in page


def test_legal_claims_cite_their_source_in_small_print(client):
    page = _page(client, "/en/support-contact")
    assert 'class="legal-source"' in page
    assert "helse- og omsorgstjenesteloven § 3-2" in page
    assert 'href="https://lovdata.no/lov/1999-07-02-63/§2-1a"' in page


def test_guides_show_the_municipality_from_the_settings(client):
    page = _page(client, "/nb/kontakt")
    assert "Tjenestekontoret for helse og omsorg" in page
    assert "+47 51 00 00 00" in page
    assert 'href="tel:+4751000000"' in page


def test_breadcrumbs_lead_back_to_the_front_page(client):
    page = _page(client, "/nb/klage")
    crumbs = re.search(r'<nav class="ds-breadcrumbs[^>]*aria-label="Du er her:">(.*?)</nav>', page, re.S)
    assert crumbs
    assert 'href="/nb/"' in crumbs.group(1)
    assert 'aria-current="page"' in crumbs.group(1)


@pytest.mark.parametrize(
    "lang,path,texts",
    [
        (
            "nb",
            "/nb/soke-for-andre",
            [
                "Foreldre med foreldreansvar kan søke for barnet sitt under 16 år",
                "En forelder kan bare søke for dem med en fullmakt som ungdommen gir selv",
                "Det er ikke nok at forelderen sier at ungdommen er enig",
                "også når personen er 16 eller 17 år. Den som får fullmakten, må være voksen",
                "pasient- og brukerrettighetsloven § 7-2 siste ledd",
            ],
        ),
        (
            "en",
            "/en/applying-for-someone-else",
            [
                "Parents with parental responsibility can apply for their child under 16",
                "A parent can apply for them only with a power of attorney that the young person gives themselves",
                "It is not enough that the parent says the young person agrees",
                "also when they are 16 or 17. The one who gets it must be an adult",
                "pasient- og brukerrettighetsloven § 7-2 siste ledd",
            ],
        ),
    ],
)
def test_pbrl_4_3_and_fvl_12_the_guide_on_acting_for_someone_else(client, lang, path, texts):
    """LEGAL.md: from 16 the young person decides and gives a parent a written fullmakt
    themselves (pbrl § 4-3, § 7-2 last paragraph); fvl § 12 puts "adult" on the holder."""
    page = _page(client, path)
    for text in texts:
        assert text in page, text


@pytest.mark.parametrize(
    "path,text,link",
    [
        (
            "/nb/stottekontakt",
            "Noen du stoler på, kan også søke for deg hvis du gir dem fullmakt.",
            "/nb/soke-for-andre",
        ),
        (
            "/en/companion-card",
            "Someone you trust can also apply for you, if you give them a power of attorney.",
            "/en/applying-for-someone-else",
        ),
    ],
)
def test_fvl_12_someone_you_trust_applies_for_you_with_a_power_of_attorney(client, path, text, link):
    page = _page(client, path)
    assert text in page
    assert f'href="{link}#power-of-attorney"' in page


@pytest.mark.parametrize(
    "path,text",
    [
        ("/nb/rettigheter-og-hjelp", "Det er vår regel, slik at vi ikke deler mer enn det som trengs."),
        ("/en/your-rights-and-help", "That is our rule, so that we share no more than needed."),
    ],
)
def test_the_ombuds_access_in_the_portal_is_told_as_the_portals_rule(client, path, text):
    """LEGAL.md, "Patient and user ombudsman": the ombud has its own statutory access (pbrl
    chapter 8); that it sees a case in the portal only with consent is the portal's rule (data
    minimisation, GDPR art. 5), and the guide says so."""
    page = _page(client, path)
    assert text in page
    assert "pasient- og brukerrettighetsloven kapittel 8" in page and "art. 5 nr. 1 bokstav c" in page
