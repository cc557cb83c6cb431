"""The ombud's My page is their work: their clients and cases, not a citizen's drafts and
applications; and a case's deadline is told about the client, not to the reader as "you"."""

from __future__ import annotations

import pytest

from tests.helpers import give_ombud_access, text


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_ombuds_my_page_is_their_clients_and_cases(id_app, ombud, client_with_case, lang):
    person, reference = client_with_case
    give_ombud_access(id_app, person, scopes=("see_case", "appeal"))
    response = ombud.get(f"/{lang}/my-page", follow_redirects=True)
    page = text(response)
    assert reference in page
    assert {"nb": "Klienter og sakene deres", "nn": "Klientar og sakene deira", "en": "Clients and their cases"}[
        lang
    ] in page
    for citizens in (
        {"nb": "Søk om en tjeneste", "nn": "Søk om ei teneste", "en": "Apply for a service"},
        {"nb": "Utkast", "nn": "Utkast", "en": "Drafts"},
    ):
        assert citizens[lang] not in page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_ombud_reads_the_clients_deadline_in_the_third_person(id_app, ombud, client_with_case, lang):
    person, reference = client_with_case
    give_ombud_access(id_app, person, scopes=("see_case", "appeal"))
    page = text(ombud.get(f"/{lang}/cases/{reference}"))
    third_person = {
        "nb": "Fristen for klienten til å klage er",
        "nn": "Fristen for klienten til å klage er",
        "en": "The deadline for the client to appeal is",
    }
    second_person = {"nb": "Du kan klage til", "nn": "Du kan klage til", "en": "You can appeal until"}
    assert third_person[lang] in page
    assert second_person[lang] not in page
    own = text(person.get(f"/{lang}/cases/{reference}"))
    assert second_person[lang] in own
