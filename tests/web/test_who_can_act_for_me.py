"""The person's side: Who can act for me, in both languages: every authority given, asked
for or checked, its scopes and period; answering; withdrawing what is theirs to withdraw
(fvl § 12, pbrl § 4-3); and nothing of anyone else's."""

import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Authority, OutboxMessage
from tests.helpers import PDF, day, log_in, log_in_with_id, make_caseworker, pdf_file, post_form
from tests.identities import aged

PERSON_ID = aged(66, start=80)
YOUNG_ID = aged(16, start=80)


def _last_day(today: date) -> date:
    """The fullmakt's last day: 1 February four years on (a power of attorney lasts at most ten)."""
    return date(today.year + 4, 2, 1)


@pytest.fixture
def given(id_app, oidc_provider, clock):
    """Three representatives: a fullmakt asked for, a fullmakt approved, a verge's appointment."""
    today = clock.today()
    reps = [log_in_with_id(id_app.test_client(), oidc_provider, aged(40 + n, today, start=80)) for n in range(3)]
    fullmakt = {
        "person_name": "Gunn Giver",
        "person_national_id": PERSON_ID,
        "person_email": "g@example.org",
        "scopes": ["apply", "appeal"],
        "services": ["bpa", "ledsagerbevis"],
        "valid_until": day(_last_day(today)),
    }
    post_form(reps[0], "/nb/authorities/new/fullmakt", {"representative_name": "Asle Asker", **fullmakt})
    post_form(
        reps[1],
        "/nb/authorities/new/fullmakt",
        {"representative_name": "Berit Bruker", "representative_email": "berit@example.org", **fullmakt},
    )
    post_form(
        reps[2],
        "/nb/authorities/new/verge",
        {
            "representative_name": "Vera Verge",
            "person_name": "Gunn Giver",
            "person_national_id": PERSON_ID,
            "scopes": ["see_case"],
        },
    )
    with id_app.app_context():
        ids = dict(db.session.execute(select(Authority.representative_name, Authority.public_id)).all())
    person = log_in_with_id(id_app.test_client(), oidc_provider, PERSON_ID)
    post_form(person, f"/nb/authorities/requests/{ids['Berit Bruker']}", {"answer": "approve"})
    return person, ids, reps


@pytest.mark.parametrize(
    "lang,texts",
    [
        (
            "nb",
            [
                "Asle Asker",
                "ber om å få handle for deg",
                "Berit Bruker",
                "Aktiv til og med 1. februar {year}",
                "Vera Verge",
                "Klage på vedtak",
                "Ledsagerbevis",
            ],
        ),
        (
            "en",
            [
                "Asle Asker",
                "asks to act for you",
                "Berit Bruker",
                "Active until 1 February {year}",
                "Vera Verge",
                "Appeal decisions",
                "Companion card",
            ],
        ),
    ],
)
def test_the_person_sees_every_authority_with_what_it_covers(given, lang, texts, clock):
    person, ids, _ = given
    html = person.get(f"/{lang}/authorities/for-me").get_data(as_text=True)
    for text in texts:
        text = text.format(year=_last_day(clock.today()).year)
        assert text in html, text
    assert f"/{lang}/authorities/requests/{ids['Asle Asker']}" in html
    assert f"/{lang}/authorities/for-me/{ids['Berit Bruker']}/withdraw" in html
    # A guardian nobody has checked yet, the person may reject.
    assert f"/{lang}/authorities/for-me/{ids['Vera Verge']}/withdraw" in html
    assert PERSON_ID not in html


def test_the_person_sees_who_asks_by_name_and_masked_number(given, clock):
    person, ids, _ = given
    html = person.get(f"/nb/authorities/requests/{ids['Asle Asker']}").get_data(as_text=True)
    number = aged(40, clock.today(), start=80)
    assert f"Asle Asker (fødselsnummer {number[:6]}*****)" in html and number not in html


def test_my_page_tells_the_person_a_request_waits_for_an_answer(given):
    person, ids, _ = given
    html = person.get("/en/my-page").get_data(as_text=True)
    assert "Asle Asker asks to act for you" in html
    assert f"/en/authorities/requests/{ids['Asle Asker']}" in html


def test_a_checked_guardian_cannot_be_withdrawn_here_but_an_unchecked_claim_can(given, id_app):
    person, ids, reps = given
    post_form(
        reps[2],
        f"/nb/authorities/{ids['Vera Verge']}/document",
        {"file": (io.BytesIO(PDF), "a.pdf")},
        content_type="multipart/form-data",
    )
    caseworker = id_app.test_client()
    make_caseworker(id_app)
    log_in(caseworker, email="sara@fjellvik.kommune.no")
    post_form(caseworker, f"/nb/intake/authorities/{ids['Vera Verge']}", {"outcome": "verify"})
    path = f"/nb/authorities/for-me/{ids['Vera Verge']}/withdraw"
    assert person.get(path).headers["Location"].endswith("/nb/authorities/for-me")
    post_form(person, path, {}, form_page="/nb/my-page")
    assert _state(id_app, ids["Vera Verge"]) == "active"
    assert "Kontakt Statsforvalteren" in person.get("/nb/authorities/for-me").get_data(as_text=True)


def test_the_person_rejects_a_guardian_claim_nobody_has_checked(given):
    person, ids, _ = given
    post_form(person, f"/nb/authorities/for-me/{ids['Vera Verge']}/withdraw", {})
    assert _state(person.application, ids["Vera Verge"]) == "revoked"


def _state(app, public_id):
    with app.app_context():
        return db.session.scalar(select(Authority.state).where(Authority.public_id == public_id))


def test_withdrawing_a_fullmakt_tells_the_representative_without_names(given):
    from portal.models import OutboxMessage

    person, ids, _ = given
    response = post_form(person, f"/nb/authorities/for-me/{ids['Berit Bruker']}/withdraw", {})
    assert response.headers["Location"].endswith("/nb/authorities/for-me")
    assert _state(person.application, ids["Berit Bruker"]) == "revoked"
    assert "Du trakk den tilbake" in person.get("/nb/authorities/for-me").get_data(as_text=True)
    with person.application.app_context():
        message = db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.to_address == "berit@example.org")
            .order_by(OutboxMessage.id.desc())
        ).first()
    assert message.subject == "Du kan ikke lenger handle for en person"
    assert "Gunn" not in message.body and PERSON_ID not in message.body


def test_a_sixteen_year_old_sees_the_parent_and_may_withdraw_their_consent(id_app, oidc_provider, clock):
    parent = log_in_with_id(id_app.test_client(), oidc_provider, aged(45, clock.today(), start=80))
    post_form(
        parent,
        "/nb/authorities/new/parent",
        {
            "representative_name": "Pål Forelder",
            "child_name": "Unn Ung",
            "child_national_id": YOUNG_ID,
            "responsibility": "y",
            "consent_name": "Unn Ung",
            "consent": "y",
        },
    )
    young = log_in_with_id(id_app.test_client(), oidc_provider, YOUNG_ID)
    html = young.get("/nb/authorities/for-me").get_data(as_text=True)
    assert "Pål Forelder" in html and "Forelder" in html
    with id_app.app_context():
        public_id = db.session.scalar(select(Authority.public_id))
    post_form(young, f"/nb/authorities/for-me/{public_id}/withdraw", {})
    assert _state(id_app, public_id) == "revoked"
    assert parent.get("/nb/apply/for-whom?service=bpa").get_data(as_text=True).count("Unn Ung") == 0


def test_nobody_else_sees_or_answers_the_persons_authorities(given, id_app, oidc_provider, clock):
    _, ids, reps = given
    stranger = log_in_with_id(id_app.test_client(), oidc_provider, aged(29, clock.today(), start=80))
    assert "Gunn Giver" not in stranger.get("/nb/authorities/for-me").get_data(as_text=True)
    for public_id in ids.values():
        assert stranger.get(f"/nb/authorities/requests/{public_id}").status_code == 404
        assert stranger.get(f"/nb/authorities/for-me/{public_id}/withdraw").status_code == 404
    # A representative cannot answer or withdraw on the person's side either.
    assert reps[0].get(f"/nb/authorities/requests/{ids['Asle Asker']}").status_code == 404
    assert reps[1].get(f"/nb/authorities/for-me/{ids['Berit Bruker']}/withdraw").status_code == 404


def test_an_uploaded_document_can_be_replaced_while_it_waits(given):
    _, ids, reps = given
    verge = reps[2]
    path = f"/nb/authorities/{ids['Vera Verge']}/document"
    for name in ("first.pdf", "second.pdf"):
        post_form(verge, path, {"file": (io.BytesIO(pdf_file(note=name)), name)}, content_type="multipart/form-data")
    html = verge.get(f"/nb/authorities/{ids['Vera Verge']}").get_data(as_text=True)
    assert "second.pdf" in html and "first.pdf" not in html


def test_the_fullmakt_request_e_mail_carries_nothing_the_asker_typed(id_app, oidc_provider, clock):
    """The request goes to an address the asker types. A representative name with line breaks
    and a link used to be put into it verbatim: phishing from the municipality's own sender."""
    rep = log_in_with_id(id_app.test_client(), oidc_provider, aged(45, start=70))
    typed = "Kommunen ber deg logge inn her"
    response = post_form(
        rep,
        "/nb/authorities/new/fullmakt",
        {
            "representative_name": typed,
            "representative_email": "rep@example.org",
            "person_name": "Gunn Bruker",
            "person_national_id": aged(80, start=70),
            "person_email": "gunn@example.org",
            "scopes": ["apply", "see_case"],
            "services": ["stottekontakt"],
            "valid_until": day(clock.today() + timedelta(days=365)),
        },
    )
    assert response.status_code == 302
    with id_app.app_context():
        message = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == "gunn@example.org")).one()
    assert typed not in message.body and "Gunn Bruker" not in message.body
    assert "Noen ber om fullmakt" in message.body or "ber om fullmakt" in message.body
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1 and links[0].startswith("http://localhost/nb/authorities/requests/")
