"""Texts that fit the service and the kind of submission: what happens after an application
for each service, what an appeal can be about, and which body an appeal goes on to
(pbrl § 7-2 for støttekontakt and BPA, fvl § 28 second paragraph for the companion card)."""

from __future__ import annotations

import pytest

from tests.helpers import (
    PERSON,
    day,
    html,
    post_form,
    reference_in,
    send_for_service,
    start_appeal,
    text,
)

NEXT = {
    "stottekontakt": {
        "nb": "Hvis du får støttekontakt, ser vi etter en som passer for deg.",
        "nn": "Viss du får støttekontakt, ser vi etter ein som passar for deg.",
        "en": "If you get a support contact, we look for someone who suits you.",
    },
    "bpa": {
        "nb": "hvem som skal være arbeidsleder",
        "nn": "kven som skal vere arbeidsleiar",
        "en": "who will be work supervisor",
    },
    "ledsagerbevis": {
        "nb": "Hvis du får ledsagerbevis, lager vi beviset med bildet ditt og forteller deg hvordan du får det.",
        "nn": "Viss du får ledsagarbevis, lagar vi beviset med biletet ditt og fortel deg korleis du får det.",
        "en": "If you get a companion card, we make the card with your photo and tell you how to get it.",
    },
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("service", ["stottekontakt", "bpa", "ledsagerbevis"])
def test_the_receipt_says_what_happens_next_for_the_service(apply_app, citizen, service, lang):
    page = text(citizen.get(send_for_service(citizen, service, lang)))
    assert NEXT[service][lang] in page
    for other, texts in NEXT.items():
        if other != service:
            assert texts[lang] not in page
    assert {
        "nb": "snakke om behovene og ønskene dine",
        "nn": "snakke om behova og ønska dine",
        "en": "talk about your needs and wishes",
    }[lang] not in page


BOARD = {
    "nb": "Klagenemnda i Fjellvik kommune",
    "nn": "Klagenemnda i Fjellvik kommune",
    "en": "The Appeals Board of Fjellvik Municipality",
}
STATE = {
    "nb": "Statsforvalteren i Rogaland",
    "nn": "Statsforvaltaren i Rogaland",
    "en": "The County Governor of Rogaland",
}
HOURS = {"nb": "Antall timer", "nn": "Talet på timar", "en": "The number of hours"}


def _appeal(citizen, decide, service: str, lang: str, points: list[str]) -> tuple[str, str]:
    """Apply for `service`, have it decided, and start an appeal: (the appeal's address, the
    appeal page as text)."""
    reference = reference_in(send_for_service(citizen, service, lang))
    decide(reference)
    base = start_appeal(citizen, reference, lang)
    return base, text(citizen.get(f"{base}/appeal"))


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_companion_card_appeal_asks_no_hours_and_goes_to_the_municipal_appeal_board(apply_app, citizen, decide, lang):
    base, page = _appeal(citizen, decide, "ledsagerbevis", lang, ["refusal"])
    assert HOURS[lang] not in page
    assert {"nb": "tjenesten er organisert", "nn": "tenesta er organisert", "en": "form of the service"}[
        lang
    ] not in page
    assert {
        "nb": "Hvor mange ledsagere beviset gjelder for",
        "nn": "Kor mange ledsagarar beviset gjeld for",
        "en": "How many companions the card covers",
    }[lang] in page
    assert 'value="hours"' not in html(citizen.get(f"{base}/appeal"))
    appeal = {"points": ["companions"], "change": "To ledsagere.", "why": "Jeg trenger to."}
    assert post_form(citizen, f"{base}/appeal", {**appeal, "points": ["hours"]}).status_code == 200
    assert post_form(citizen, f"{base}/appeal", appeal).status_code == 302
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    receipt = text(citizen.get(post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]))
    assert BOARD[lang] in receipt and STATE[lang] not in receipt
    assert "forvaltningsloven § 28 andre ledd" in receipt


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("service", ["stottekontakt", "bpa"])
def test_a_health_service_appeal_asks_about_hours_and_goes_to_the_state_administrator(
    apply_app, citizen, decide, service, lang
):
    base, page = _appeal(citizen, decide, service, lang, ["hours"])
    assert HOURS[lang] in page
    group = {
        "nb": "gruppe i stedet for individuelt",
        "nn": "gruppe i staden for individuelt",
        "en": "a group instead of one to one",
    }[lang]
    assert (group in page) == (service == "stottekontakt")
    appeal = {"points": ["hours"], "change": "Flere timer.", "why": "For lite."}
    assert post_form(citizen, f"{base}/appeal", appeal).status_code == 302
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    receipt = text(citizen.get(post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]))
    assert STATE[lang] in receipt and BOARD[lang] not in receipt
    assert "pasient- og brukerrettighetsloven § 7-2" in receipt


def test_an_outside_companion_card_appeal_names_only_the_board(apply_app, citizen, clock):
    response = post_form(citizen, "/en/appeal/outside", {"who": "self", "service": "ledsagerbevis"})
    base = response.headers["Location"].rsplit("/", 1)[0]
    recent = day(clock.today())
    post_form(citizen, f"{base}/decision", {"case_number": "26/1234", "decided_on": recent})
    post_form(citizen, f"{base}/person", PERSON)
    appeal = {"points": ["refusal"], "change": "Et ledsagerbevis.", "why": "Jeg trenger det."}
    assert post_form(citizen, f"{base}/appeal", appeal).status_code == 302
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    receipt = text(citizen.get(post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]))
    assert BOARD["en"] in receipt and STATE["en"] not in receipt
