"""The paper fullmakt says where letters go as its scope says (fvl § 12: letters go to the
representative only when the fullmakt covers them), and counts are said with plural forms."""

from __future__ import annotations

from datetime import date

import pytest

from portal.rules import clock as portal_clock
from tests.helpers import day, errors, log_in_with_id, pdf_words, post_form
from tests.identities import aged

TO_HOLDER = {
    "nb": "Brev i sakene mine går til den som har fullmakten",
    "nn": "Brev i sakene mine går til den som har fullmakta",
    "en": "Letters in my cases go to the person with the power of attorney",
}
TO_ME = {
    "nb": "Brev i sakene mine går fortsatt til meg",
    "nn": "Brev i sakene mine går framleis til meg",
    "en": "Letters in my cases still go to me",
}


def _paper_fullmakt(client, lang: str, scopes: list[str], giver: str) -> bytes:
    data = {
        "representative_name": "Rita Representant",
        "person_name": "Gunn Giver",
        "person_national_id": giver,
        "scopes": scopes,
        "services": ["stottekontakt"],
        "valid_until": day(date(portal_clock.today().year + 2, 12, 31)),
    }
    response = post_form(client, f"/{lang}/authorities/new/paper", data)
    assert response.status_code == 302, errors(response)
    public_id = response.headers["Location"].rstrip("/").split("/")[-2]
    return client.get(f"/{lang}/authorities/{public_id}/fullmakt.pdf").data


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_paper_fullmakt_sends_letters_to_the_holder_only_when_it_covers_letters(
    id_app, oidc_provider, lang, tmp_path, pdftotext
):
    rep = log_in_with_id(id_app.test_client(), oidc_provider, aged(45, start=70))
    words = pdf_words(pdftotext, _paper_fullmakt(rep, lang, ["apply", "appeal"], aged(50, start=60)), tmp_path)
    assert TO_ME[lang] in words and TO_HOLDER[lang] not in words
    words = pdf_words(pdftotext, _paper_fullmakt(rep, lang, ["apply", "receive_letters"], aged(51, start=60)), tmp_path)
    assert TO_HOLDER[lang] in words and TO_ME[lang] not in words
