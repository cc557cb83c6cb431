"""Addresses in one language per prefix: /nb/ and /nn/ pages have Norwegian addresses, /en/ ones
English; the English address of a Norwegian page (a bookmark, an old e-mail) leads to its own.

These tests send addresses as written (the test client otherwise goes where the portal's links
go: tests/reader_client.py).
"""

import re

import pytest

from portal.addresses import BASES, STEPS, WORDS, PortalRule
from tests.helpers import post_form, start_application

# The words that differ between English and Norwegian addresses.
NORWEGIAN_WORDS = {word for pair in WORDS.values() for word in pair} - set(WORDS)
ENGLISH_WORDS = set(WORDS) - {word for pair in WORDS.values() for word in pair}


def _sample(rule):
    values = {"lang_code": "nb"}
    for name in rule.arguments - {"lang_code"}:
        values[name] = {"step_key": "need", "basis": "verge", "kind": "decision"}.get(name, "x1")
    return values


def test_every_page_of_a_norwegian_language_is_built_and_found_at_its_own_address(apply_app):
    adapter = apply_app.url_map.bind("localhost")
    checked = 0
    for rule in list(apply_app.url_map.iter_rules()):
        if not isinstance(rule, PortalRule) or not rule.rule.startswith("/<lang:lang_code>/"):
            continue
        for lang in ("nb", "nn", "en"):
            values = {**_sample(rule), "lang_code": lang}
            path = adapter.build(rule.endpoint, values)
            words = set(path.split("/")[2:])
            other = NORWEGIAN_WORDS if lang == "en" else ENGLISH_WORDS
            assert not words & other, f"{path} mixes languages"
            method = "GET" if "GET" in rule.methods else "POST"
            endpoint, found = adapter.match(path, method=method)
            assert endpoint == rule.endpoint and found == values, path
            checked += 1
    assert checked > 150


@pytest.mark.parametrize(
    "old,new",
    [
        ("/nb/my-page", "/nb/min-side"),
        ("/nn/my-page", "/nn/mi-side"),
        ("/nb/apply/?service=bpa", "/nb/soknad/?service=bpa"),
        ("/nb/cases/SK-2026-000001/deadlines.ics", "/nb/saker/SK-2026-000001/frister.ics"),
        ("/nn/authorities/new/verge", "/nn/fullmakter/ny/verje"),
        ("/nb/account/login?next=/nb/min-side", "/nb/konto/logg-inn?next=/nb/min-side"),
    ],
)
def test_an_english_address_under_a_norwegian_prefix_leads_to_the_norwegian_one(client, old, new):
    response = client.get(old, as_written=True)
    assert response.status_code == 308
    assert response.headers["Location"] == new


def test_a_form_posted_to_the_old_address_is_posted_again_to_the_new_one(citizen):
    token = re.search(r'name="csrf_token" value="([^"]+)"', citizen.get("/nb/soknad/").get_data(as_text=True))[1]
    response = citizen.post("/nb/apply/", data={"service": "bpa", "csrf_token": token}, as_written=True)
    # 308 keeps the method and the body: the browser sends the same form to /nb/soknad/.
    assert response.status_code == 308 and response.headers["Location"] == "/nb/soknad/"
    response = citizen.post("/nb/soknad/", data={"service": "bpa", "csrf_token": token}, as_written=True)
    assert response.status_code == 302 and response.headers["Location"].startswith("/nb/soknad/for-hvem")


@pytest.mark.parametrize("path", ["/en/min-side", "/en/soknad/", "/nb/mi-side", "/nn/min-side", "/en/saker/"])
def test_a_norwegian_address_in_another_language_is_not_found(client, path):
    assert client.get(path, as_written=True).status_code == 404


def test_an_applications_pages_have_their_steps_in_the_readers_language(citizen):
    base = start_application(citizen, "nb")
    assert re.fullmatch(r"/nb/soknad/\w+", base)
    page = citizen.get(f"{base}/{STEPS['person'][0]}", as_written=True)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    links = re.findall(r'href="(/nb/[^"]*)"', html)
    assert links and all(not (set(link.split("?")[0].split("/")) & ENGLISH_WORDS) for link in links), links
    # The same draft in English and Nynorsk, by the language switch's links.
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w\w)" href="http://localhost([^"]+)"', html))
    public_id = base.rsplit("/", 1)[1]
    assert alternates == {
        "nb": f"/nb/soknad/{public_id}/om-personen",
        "nn": f"/nn/soknad/{public_id}/om-personen",
        "en": f"/en/apply/{public_id}/person",
    }


def test_the_word_tables_give_each_word_one_meaning():
    for table in (WORDS, STEPS, BASES):
        for column in (0, 1):
            words = [pair[column] for pair in table.values()]
            assert len(words) == len(set(words)), table


def test_a_page_posted_in_a_form_keeps_its_address_when_the_form_has_errors(citizen):
    base = start_application(citizen, "nn")
    response = post_form(citizen, f"{base}/om-personen", {"full_name": ""})
    assert response.status_code == 200
    assert f'action="{base}/om-personen"' in response.get_data(as_text=True)


def test_every_page_of_every_journey_and_every_basis_has_norwegian_words():
    from portal.apply.journeys import APPEALS, JOURNEYS, VOLUNTEER
    from portal.authorities.routes import BASIS_FORMS

    keys = {step.key for journey in (*JOURNEYS.values(), *APPEALS.values(), VOLUNTEER) for step in journey.steps}
    assert keys <= set(STEPS), keys - set(STEPS)
    assert set(BASIS_FORMS) <= set(BASES)


@pytest.mark.parametrize("word", ["person", "om-personen-x", "om-personen"])
def test_a_step_in_another_language_or_unknown_is_not_found(citizen, word):
    base = start_application(citizen, "nn")
    status = citizen.get(f"{base}/{word}", as_written=True).status_code
    assert status == (200 if word == "om-personen" else 404)
