"""Questions and notes that fit the person the application is about: BPA asks about a child
in the family only for a child, the note on BPA after 67 comes once, the interpreter's
language only when an interpreter is needed, and a child's own phone number is not required."""

from __future__ import annotations

import pytest

from tests.helpers import SERVICE_STEPS, errors, post_form, start_application, text
from tests.identities import aged

FAMILY = {"nb": "et barn med funksjonsnedsettelse i familien din", "en": "a child with a disability in your family"}
AFTER_67 = {
    "nb": "Hadde du BPA før du fylte 67 år?",
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


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_bpa_for_an_adult_does_not_ask_about_a_child_in_the_family(apply_app, citizen, clock, lang):
    base = _bpa_until_check(citizen, lang, aged(40, clock.today()))
    assert citizen.get(f"{base}/family").status_code == 404
    assert post_form(citizen, f"{base}/attachments", {"action": "continue"}).headers["Location"].endswith("/check")
    assert FAMILY[lang] not in text(citizen.get(f"{base}/check"))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_bpa_for_someone_under_18_asks_about_the_family(apply_app, citizen, clock, lang):
    base = _bpa_until_check(citizen, lang, aged(16, clock.today()))
    assert FAMILY[lang] in text(citizen.get(f"{base}/family"))
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    assert citizen.get(f"{base}/check").headers["Location"].endswith("/family")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_note_on_bpa_after_67_comes_once_where_the_help_is_described(apply_app, citizen, clock, lang):
    base = _bpa_until_check(citizen, lang, aged(76, clock.today()))
    assert AFTER_67[lang] in text(citizen.get(f"{base}/assistance"))
    for page in ("supervisor", "attachments", "check"):
        assert AFTER_67[lang] not in text(citizen.get(f"{base}/{page}")), page
