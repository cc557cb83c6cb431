"""Questions and notes that fit the person the application is about: BPA asks about a child
in the family only for a child, the note on BPA after 67 comes once, the interpreter's
language only when an interpreter is needed, and a child's own phone number is not required."""

from __future__ import annotations

import pytest

from tests.helpers import PERSON, SERVICE_STEPS, STEPS, errors, html, pdf_words, post_form, start_application, text
from tests.identities import aged
from tests.reader_client import declared

FAMILY = {
    "nb": "et barn med funksjonsnedsettelse i familien din",
    "nn": "eit barn med funksjonsnedsetjing i familien din",
    "en": "a child with a disability in your family",
}
AFTER_67 = {
    "nb": "Hadde du BPA før du fylte 67 år?",
    "nn": "Hadde du BPA før du fylte 67 år?",
    "en": "Did you have BPA before you turned 67?",
}


def _bpa_until_check(client, lang: str, national_id: str) -> str:
    base = start_application(client, lang, "bpa")
    for key, data in SERVICE_STEPS["bpa"]:
        if key == "person":
            data = {**data, "national_id": national_id}
        response = post_form(client, f"{base}/{key}", data)
        assert response.status_code == 302, (key, errors(response))
    return base


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_bpa_asks_about_a_child_in_the_family_only_for_someone_under_18(apply_app, citizen, clock, lang):
    base = _bpa_until_check(citizen, lang, aged(40, clock.today()))
    assert citizen.get(f"{base}/family").status_code == 404
    response = post_form(citizen, f"{base}/attachments", {"action": "continue"})
    assert declared(response.headers["Location"]) == declared(f"{base}/check")
    assert FAMILY[lang] not in text(citizen.get(f"{base}/check"))
    # For someone under 18 it is asked.
    base = _bpa_until_check(citizen, lang, aged(16, clock.today()))
    assert FAMILY[lang] in text(citizen.get(f"{base}/family"))
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    assert declared(citizen.get(f"{base}/check").headers["Location"]) == declared(f"{base}/family")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_note_on_bpa_after_67_comes_once_where_the_help_is_described(apply_app, citizen, clock, lang):
    base = _bpa_until_check(citizen, lang, aged(76, clock.today()))
    assert AFTER_67[lang] in text(citizen.get(f"{base}/assistance"))
    for page in ("supervisor", "attachments", "check"):
        assert AFTER_67[lang] not in text(citizen.get(f"{base}/{page}")), page


def _answer_the_rest(client, base: str) -> None:
    for key, data in STEPS[1:]:
        assert post_form(client, f"{base}/{key}", data).status_code == 302, key
    post_form(client, f"{base}/attachments", {"action": "continue"})


INTERPRETER_LANGUAGE = {
    "nb": "Hvilket språk skal tolken snakke?",
    "nn": "Kva språk skal tolken snakke?",
    "en": "Which language should the interpreter speak?",
}
NEED_INTERPRETER = {"nb": "Trenger du tolk?", "nn": "Treng du tolk?", "en": "Do you need an interpreter?"}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_interpreters_language_is_asked_and_shown_only_when_an_interpreter_is_needed(
    apply_app, citizen, lang, tmp_path, pdftotext
):
    base = start_application(citizen, lang)
    response = post_form(citizen, f"{base}/person", {**PERSON, "interpreter": "no", "interpreter_language": ""})
    assert response.status_code == 302, errors(response)
    for key, data in STEPS[1:]:
        assert post_form(citizen, f"{base}/{key}", data).status_code == 302, key
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    page = text(citizen.get(f"{base}/check"))
    assert INTERPRETER_LANGUAGE[lang] not in page
    assert NEED_INTERPRETER[lang] in page
    receipt = post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]
    words = pdf_words(pdftotext, citizen.get(f"{receipt}/pdf").data, tmp_path)
    assert NEED_INTERPRETER[lang] in words
    assert INTERPRETER_LANGUAGE[lang] not in words
    # With an interpreter, the language is asked for and shown.
    base = start_application(citizen, lang)
    response = post_form(citizen, f"{base}/person", {**PERSON, "interpreter": "yes", "interpreter_language": ""})
    assert errors(response) == [
        {
            "nb": "Skriv hvilket språk tolken skal snakke",
            "nn": "Skriv kva språk tolken skal snakke",
            "en": "Enter the language the interpreter should speak",
        }[lang]
    ]
    post_form(citizen, f"{base}/person", {**PERSON, "interpreter": "yes", "interpreter_language": "Tigrinja"})
    _answer_the_rest(citizen, base)
    page = text(citizen.get(f"{base}/check"))
    assert INTERPRETER_LANGUAGE[lang] in page and "Tigrinja" in page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_another_language_asks_which(apply_app, citizen, lang):
    base = start_application(citizen, lang)
    assert 'name="other_language"' in html(citizen.get(f"{base}/person"))
    response = post_form(citizen, f"{base}/person", {**PERSON, "preferred_language": "other"})
    assert errors(response) == [
        {
            "nb": "Skriv hvilket språk du foretrekker",
            "nn": "Skriv kva språk du føretrekkjer",
            "en": "Enter the language you prefer",
        }[lang]
    ]
    post_form(citizen, f"{base}/person", {**PERSON, "preferred_language": "other", "other_language": "Somali"})
    _answer_the_rest(citizen, base)
    assert "Somali" in text(citizen.get(f"{base}/check"))
    post_form(citizen, f"{base}/person", {**PERSON, "preferred_language": "nb", "other_language": "Somali"})
    assert "Somali" not in text(citizen.get(f"{base}/check"))


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_child_need_not_give_a_phone_number_of_their_own(apply_app, citizen, clock, lang):
    base = start_application(citizen, lang)
    child = {**PERSON, "national_id": aged(10, clock.today()), "phone": ""}
    page = text(citizen.get(f"{base}/person"))
    assert {
        "nb": "holder det med nummeret til en forelder",
        "nn": "held det med nummeret til ein forelder",
        "en": "a parent's number will do",
    }[lang] in page
    response = post_form(citizen, f"{base}/person", child)
    assert response.status_code == 302, errors(response)
    adult = {**PERSON, "phone": ""}
    assert errors(post_form(citizen, f"{base}/person", adult)) == [
        {
            "nb": "Skriv et norsk telefonnummer med 8 sifre, for eksempel 912 34 567",
            "nn": "Skriv eit norsk telefonnummer med 8 siffer, til dømes 912 34 567",
            "en": "Enter a Norwegian phone number with 8 digits, like 912 34 567",
        }[lang]
    ]
