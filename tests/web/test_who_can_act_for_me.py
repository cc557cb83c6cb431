"""The person's side: Who can act for me, in each language: every authority given, asked
for or checked, its scopes and period; answering; withdrawing what is theirs to withdraw
(fvl § 12, pbrl § 4-3); and nothing of anyone else's."""

import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Authority, OutboxMessage
from tests.helpers import PDF, csrf_token, day, log_in, log_in_with_id, make_caseworker, pdf_file, post_form
from tests.identities import aged
from tests.reader_client import declared, reader_address

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
            "nn",
            [
                "Asle Asker",
                "ber om å få handle for deg",
                "Berit Bruker",
                "Aktiv til og med 1. februar {year}",
                "Vera Verge",
                "Klage på vedtak",
                "Ledsagarbevis",
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
    app = person.application
    assert reader_address(app, f"/{lang}/authorities/requests/{ids['Asle Asker']}") in html
    assert reader_address(app, f"/{lang}/authorities/for-me/{ids['Berit Bruker']}/withdraw") in html
    # A guardian nobody has checked yet, the person may reject.
    assert reader_address(app, f"/{lang}/authorities/for-me/{ids['Vera Verge']}/withdraw") in html
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
    assert declared(person.get(path).headers["Location"]) == "/nb/authorities/for-me"
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
    assert declared(response.headers["Location"]) == "/nb/authorities/for-me"
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


def _stored_before(app, parent_id: str, young_id: str) -> str:
    """A parent's declaration for a 16-year-old as the portal stored it before it followed
    pbrl § 4-3 as LEGAL.md states it: with the parent's word that the young person agreed."""
    from portal.models import Account, Person
    from portal.rules import clock as portal_clock

    with app.app_context():
        parent = db.session.scalar(select(Account).where(Account.national_id == parent_id))
        person = Person(national_id=young_id, name="Unn Ung", created_at=portal_clock.now())
        authority = Authority(
            basis="parent",
            proof="declaration",
            person=person,
            person_name="Unn Ung",
            representative_account_id=parent.id,
            representative_name="Pål Forelder",
            representative_email="pal@example.org",
            scopes=["apply", "appeal", "see_case", "receive_letters"],
            services=["stottekontakt", "ledsagerbevis", "bpa"],
            valid_from=portal_clock.today() - timedelta(days=60),
            valid_until=portal_clock.today() + timedelta(days=600),
            state="active",
            young_person_consent_name="Unn Ung",
            young_person_consent_at=portal_clock.now(),
            created_at=portal_clock.now(),
        )
        db.session.add_all([person, authority])
        db.session.commit()
        return authority.public_id


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_pbrl_4_3_a_declaration_for_a_sixteen_year_old_stored_before_allows_nothing_more(
    id_app, oidc_provider, clock, lang
):
    """LEGAL.md: a parent acts for a 16- or 17-year-old only with the young person's own written
    fullmakt, "never the parent's statement that the young person agreed". A declaration stored
    with that statement stops: the parent may not apply, appeal or see anything on it, and is
    told why and how to ask for a fullmakt; the young person is told they decide."""
    parent_id = aged(45, clock.today(), start=80)
    parent = log_in_with_id(id_app.test_client(), oidc_provider, parent_id)
    public_id = _stored_before(id_app, parent_id, YOUNG_ID)
    assert "Unn Ung" not in parent.get(f"/{lang}/apply/for-whom?service=bpa").get_data(as_text=True)
    page = parent.get(f"/{lang}/authorities/{public_id}").get_data(as_text=True)
    assert {
        "nb": "Unn Ung er 16 år eller eldre og bestemmer selv, så du kan ikke lenger handle for dem som forelder",
        "nn": "Unn Ung er 16 år eller eldre og bestemmer sjølv, så du kan ikkje lenger handle for dei som forelder",
        "en": "Unn Ung is 16 or older and decides for themselves, so you can no longer act for them as a parent",
    }[lang] in page
    assert reader_address(id_app, f"/{lang}/authorities/{public_id}/end") not in page  # nothing left to end
    # Asking for a fullmakt instead: the form comes filled in from the declaration, whose
    # number is not put in the page that offers it; nobody else can use it that way.
    assert f'action="{reader_address(id_app, f"/{lang}/authorities/new/fullmakt")}"' in page and YOUNG_ID not in page
    carry = {"carried_over": "1", "from_authority": public_id}
    filled = parent.post(
        f"/{lang}/authorities/new/fullmakt", data={**carry, "csrf_token": csrf_token(parent, f"/{lang}/my-page")}
    )
    assert f'value="{YOUNG_ID}"' in filled.get_data(as_text=True) and 'value="Unn Ung"' in filled.get_data(as_text=True)
    stranger = log_in_with_id(id_app.test_client(), oidc_provider, aged(50, clock.today(), start=80))
    assert post_form(stranger, f"/{lang}/authorities/new/fullmakt", carry).status_code == 404
    young = log_in_with_id(id_app.test_client(), oidc_provider, YOUNG_ID, lang)
    mine = young.get(f"/{lang}/authorities/for-me").get_data(as_text=True)
    assert {
        "nb": "Du er 16 år eller eldre og bestemmer selv, så Pål Forelder kan ikke lenger handle for deg som forelder",
        "nn": "Du er 16 år eller eldre og bestemmer sjølv, så Pål Forelder kan ikkje lenger handle for deg som forelder",
        "en": "You are 16 or older and decide for yourself, so Pål Forelder can no longer act for you as a parent",
    }[lang] in mine
    assert reader_address(id_app, f"/{lang}/authorities/for-me/{public_id}/withdraw") not in mine


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
    assert len(links) == 1 and links[0].startswith("http://localhost/")
    assert declared(links[0]).startswith("http://localhost/nb/authorities/requests/")
