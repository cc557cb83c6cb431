"""Free text through the forms (portal.forms, portal.rules.text): a security probe found bidi
overrides (U+202E), NUL bytes and other control characters kept in applications, appeals and
caseworkers' notes, turning text round in the PDF copy and on caseworkers' screens; and name
fields that took an identity number, which the outbox refused to e-mail (HTTP 500). Each
mistake comes back on the page with a message, and with everything else that was typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Authority, CaseEvent, Draft, OutboxMessage, Submission
from tests.helpers import (
    APPEAL,
    PERSON,
    PERSON_REST,
    REPRESENTATIVE,
    day,
    errors,
    html,
    log_in_with_id,
    make_account,
    post_form,
    start_appeal,
    start_application,
    start_for,
)
from tests.identities import aged

UNSTORABLE = {
    "nb": "Teksten hadde et tegn som ikke kan lagres, så vi har tatt det bort. Se over teksten og prøv igjen",
    "nn": "Teksten hadde eit teikn som ikkje kan lagrast, så vi har teke det bort. Sjå over teksten og prøv igjen",
    "en": "The text had a character that cannot be stored, so we have taken it out. Check the text and try again",
}
DIGITS = {
    "nb": "Et navn kan ikke inneholde tall. Skriv bare navnet her. "
    "Trenger vi et fødselsnummer, spør vi om det i et eget felt",
    "nn": "Eit namn kan ikkje innehalde tal. Skriv berre namnet her. "
    "Treng vi eit fødselsnummer, spør vi om det i eit eige felt",
    "en": "A name cannot contain digits. Write only the name here. "
    "If we need an identity number, we ask for it in its own field",
}
# What an attacker sends: "sekaf" shown as "fakes" (U+202E), an isolate, a mark, a bell,
# an escape sequence, C1's CSI, and Windows' line ending.
TYPED = "Jeg trenger \u202esekaf\u202c hjelp\u2066 ute\u2069\u200f.\u0007\u001b[2J\u009b\r\nTakk."
KEPT = "Jeg trenger sekaf hjelp ute.[2J\nTakk."


def _answers(app, step):
    with app.app_context():
        return db.session.scalar(select(Draft)).answers[step]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_an_application_answer_with_a_nul_comes_back_with_a_message_and_the_rest_kept(apply_app, citizen, lang):
    base = start_application(citizen, lang)
    post_form(citizen, f"{base}/person", PERSON)
    response = post_form(citizen, f"{base}/need", {"groups": ["social"], "description": "Jeg vil\x00 ut på tur."})
    assert response.status_code == 200 and errors(response) == [UNSTORABLE[lang]]
    page = html(response)
    assert "Jeg vil ut på tur." in page and "\x00" not in page
    assert 'value="social" checked' in page
    with apply_app.app_context():
        assert "need" not in db.session.scalar(select(Draft)).answers  # nothing stored until it is right
    response = post_form(citizen, f"{base}/need", {"groups": ["social"], "description": "Jeg vil ut på tur."})
    assert response.status_code == 302


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_an_application_answer_is_kept_without_bidi_or_control_characters(apply_app, citizen, lang):
    base = start_application(citizen, lang)
    post_form(citizen, f"{base}/person", {**PERSON, "city": "Fjell\u202evik", "full_name": "Kari\u200f Nordmann"})
    response = post_form(citizen, f"{base}/need", {"groups": ["social"], "description": TYPED})
    assert response.status_code == 302, errors(response)
    assert _answers(apply_app, "need")["description"] == KEPT
    person = _answers(apply_app, "person")
    assert (person["city"], person["full_name"]) == ("Fjellvik", "Kari Nordmann")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_name_with_an_identity_number_is_refused_with_a_way_forward(apply_app, citizen, lang):
    base = start_application(citizen, lang)
    response = post_form(citizen, f"{base}/person", {**PERSON, "full_name": "Kari Nordmann 01019012480"})
    assert response.status_code == 200 and errors(response) == [DIGITS[lang]]
    page = html(response)
    assert 'value="Kari Nordmann 01019012480"' in page and 'value="Gata 1"' in page and 'value="Fjellvik"' in page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_appeal_reasons_are_kept_without_bidi_or_control_characters(
    apply_app, citizen, submit_application, decide, clock, lang
):
    reference = submit_application(citizen, lang)
    decide(reference, decided_on=clock.today().isoformat())
    base = start_appeal(citizen, reference, lang)
    response = post_form(citizen, f"{base}/appeal", {**APPEAL, "why": "For lite.\x00", "change": TYPED})
    assert response.status_code == 200 and errors(response) == [UNSTORABLE[lang]]
    assert "For lite." in html(response) and "Jeg trenger sekaf hjelp ute." in html(response)
    response = post_form(citizen, f"{base}/appeal", {**APPEAL, "why": "For lite.", "change": TYPED})
    assert response.status_code == 302, errors(response)
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    assert post_form(citizen, f"{base}/check", {"correct": "y"}).status_code == 302
    with apply_app.app_context():
        appeal = db.session.scalar(select(Submission).where(Submission.kind == "appeal"))
        assert appeal.document["answers"]["appeal"]["change"] == KEPT


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_caseworkers_text_is_kept_without_bidi_or_control_characters(
    apply_app, citizen, caseworker, submit_application, lang, clock
):
    """The preliminary reply's reason is what the person reads on their case page."""
    reference = submit_application(citizen)
    promised = day(clock.today() + timedelta(days=14))
    path = f"/{lang}/intake/cases/{reference}/record/preliminary_reply"
    response = post_form(caseworker, path, {"reason": "Mange\x00 saker.", "expected_by": promised})
    assert response.status_code == 200 and errors(response) == [UNSTORABLE[lang]]
    assert "Mange saker." in html(response) and f'value="{promised}"' in html(response)
    response = post_form(caseworker, path, {"reason": TYPED, "expected_by": promised})
    assert response.status_code == 302, errors(response)
    with apply_app.app_context():
        event = db.session.scalar(select(CaseEvent).where(CaseEvent.type == "preliminary_reply"))
        assert event.data["reason"] == KEPT


def test_a_pasted_address_is_cleaned_but_a_password_is_taken_exactly_as_typed(apply_app):
    """An e-mail address pasted with a right-to-left mark still logs in; cleaning never changes
    a password, so one with a tab and the same mark still matches."""
    password = "tre lange\tord \u200fog litt til"
    make_account(apply_app, password=password)
    client = apply_app.test_client()
    response = post_form(client, "/nb/account/login", {"email": "\u200fkari@example.org\u202c", "password": password})
    assert response.status_code == 302, errors(response)


# -- A representative's name with an identity number was a 500 ---------------------------------

PERSON_ID = aged(70)
CHILD_ID = aged(10)


@pytest.fixture
def rep(id_app, oidc_provider):
    """A representative logged in with electronic ID."""
    return log_in_with_id(id_app.test_client(), oidc_provider, aged(45))


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_representatives_name_with_an_identity_number_is_a_field_error_not_a_500(id_app, rep, lang, clock):
    """The fullmakt request e-mails the person the representative's name; the outbox refuses an
    identity number in an e-mail, so the page answered HTTP 500 and lost what was typed."""
    valid_until = clock.today().replace(year=clock.today().year + 2).strftime("%d.%m.%Y")
    data = {
        "representative_name": f"Rita Representant {PERSON_ID}",
        "representative_email": "rita@example.org",
        "person_name": "Gunn Giver",
        "person_national_id": PERSON_ID,
        "person_email": "gunn@example.org",
        "scopes": ["apply", "see_case"],
        "services": ["stottekontakt"],
        "valid_until": valid_until,
    }
    response = post_form(rep, f"/{lang}/authorities/new/fullmakt", data)
    assert response.status_code == 200 and errors(response) == [DIGITS[lang]]
    page = html(response)
    for typed in (data["representative_name"], "rita@example.org", "Gunn Giver", PERSON_ID, "gunn@example.org"):
        assert f'value="{typed}"' in page, typed
    assert valid_until in page
    assert page.count("checked") >= 3  # two scopes and the service
    with id_app.app_context():
        assert db.session.scalar(select(Authority)) is None
        assert db.session.scalar(select(OutboxMessage)) is None


def _declare_parent(rep, child_name="Ola Barn", lang="en"):
    data = {
        "representative_name": "Rita Representant",
        "representative_email": "rita@example.org",
        "child_name": child_name,
        "child_national_id": CHILD_ID,
        "responsibility": "y",
    }
    return post_form(rep, f"/{lang}/authorities/new/parent", data)


def test_a_parents_childs_name_refuses_digits_too(rep):
    response = _declare_parent(rep, child_name="Ola 2")
    assert response.status_code == 200 and errors(response) == [DIGITS["en"]]
    assert 'value="Ola 2"' in html(response) and f'value="{CHILD_ID}"' in html(response)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_representatives_name_on_an_application_refuses_an_identity_number(id_app, rep, lang):
    """Applying for someone else: the representative's own name, on the application's page."""
    assert _declare_parent(rep).status_code == 302
    with id_app.app_context():
        public_id = db.session.scalar(select(Authority.public_id))
    base = start_for(rep, public_id, lang=lang)
    post_form(rep, f"{base}/person", {"full_name": "Ola Barn", "national_id": CHILD_ID, **PERSON_REST})
    response = post_form(rep, f"{base}/representative", {**REPRESENTATIVE, "full_name": f"Rita {aged(45)}"})
    assert response.status_code == 200 and errors(response) == [DIGITS[lang]]
    page = html(response)
    assert 'value="rita@example.org"' in page and 'value="92233444"' in page and 'value="parent" checked' in page
