"""Acting for someone else through the test client: each basis (parent, verge, fullmakt in
the portal and on paper) in each language, with its errors; the application sent on the
authority; the municipality's check (LEGAL.md "Acting on someone else's behalf")."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Account, Authority, OutboxMessage, Submission
from portal.rules import clock as portal_clock
from tests.helpers import (
    PERSON_REST,
    REPRESENTATIVE,
    day,
    errors,
    fill_for,
    html,
    log_in,
    log_in_with_id,
    make_account,
    make_caseworker,
    pdf_file,
    post_form,
    require_tool,
    start_for,
    text as page_text,
)
from tests.identities import aged, born_for, issued_from_2032, national_id
from tests.reader_client import declared, reader_address

REP_ID = aged(45)
PDF = pdf_file(note="a signed paper")


@pytest.fixture
def rep(id_app, oidc_provider):
    """A representative logged in with electronic ID."""
    return log_in_with_id(id_app.test_client(), oidc_provider, REP_ID)


def _declare_parent(client, child_id, lang="nb", **extra):
    data = {
        "representative_name": "Rita Representant",
        "representative_email": "rita@example.org",
        "child_name": "Ola Barn",
        "child_national_id": child_id,
        "responsibility": "y",
        **extra,
    }
    return post_form(client, f"/{lang}/authorities/new/parent", data)


def _authority(app, **where) -> Authority:
    with app.app_context():
        query = select(Authority)
        for name, value in where.items():
            query = query.where(getattr(Authority, name) == value)
        authority = db.session.scalars(query.order_by(Authority.id.desc())).first()
        db.session.expunge_all()
        return authority


# -- Who needs what -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text",
    [
        ("nb", "Logg inn med elektronisk ID"),
        ("nn", "Logg inn med elektronisk ID"),
        ("en", "Log in with electronic ID"),
    ],
)
def test_acting_for_others_needs_a_verified_identity(id_app, lang, text):
    client = id_app.test_client()
    make_account(id_app)
    log_in(client, lang=lang)
    for path in ("authorities/", "authorities/new", "authorities/new/parent", "authorities/for-me"):
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 403 and text in html(response), path
    post_form(client, f"/{lang}/apply/", {"service": "stottekontakt"})
    response = post_form(client, f"/{lang}/apply/for-whom?service=stottekontakt", {"who": "other"})
    assert text in html(response)


def test_log_in_with_electronic_id_makes_the_email_account_verified_and_keeps_its_drafts(id_app, oidc_provider):
    client = id_app.test_client()
    make_account(id_app)
    log_in(client)
    base = start_for(client, "self")
    log_in_with_id(client, oidc_provider, REP_ID)
    assert client.get(f"{base}/person").status_code == 200
    with id_app.app_context():
        account = db.session.scalar(select(Account).where(Account.email == "kari@example.org"))
        assert account.national_id == REP_ID and account.identity_verified_at is not None
    assert client.get("/nb/authorities/for-me").status_code == 200  # verified in this session


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_for_whom_page_needs_an_answer(rep, lang):
    post_form(rep, f"/{lang}/apply/", {"service": "bpa"})
    response = post_form(rep, f"/{lang}/apply/for-whom?service=bpa", {})
    assert errors(response) == [
        {
            "nb": "Velg hvem søknaden gjelder",
            "nn": "Vel kven søknaden gjeld",
            "en": "Choose who the application is for",
        }[lang]
    ]
    assert re.search(r"<title>(Feil|Error): ", html(response))


def test_choosing_someone_else_leads_to_setting_up_how_and_back_to_the_application(rep):
    post_form(rep, "/nb/apply/", {"service": "bpa"})
    response = post_form(rep, "/nb/apply/for-whom?service=bpa", {"who": "other"})
    assert declared(response.headers["Location"]) == "/nb/authorities/new?service=bpa"
    response = post_form(rep, "/nb/authorities/new?service=bpa", {"basis": "parent"})
    assert declared(response.headers["Location"]) == "/nb/authorities/new/parent?service=bpa"
    child = aged(12)
    response = post_form(
        rep,
        "/nb/authorities/new/parent?service=bpa",
        {"representative_name": "Rita", "child_name": "Ola Barn", "child_national_id": child, "responsibility": "y"},
    )
    authority = _authority(rep.application)
    assert declared(response.headers["Location"]) == f"/nb/apply/for-whom?service=bpa&who={authority.public_id}"
    assert re.search(
        rf'value="{authority.public_id}" aria-describedby="[^"]+" checked', html(rep.get(response.headers["Location"]))
    )


# -- Parent ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_parent_form_says_what_is_missing_in_each_language(rep, lang):
    response = post_form(rep, f"/{lang}/authorities/new/parent", {})
    expected = {
        "nb": [
            "Skriv inn det fulle navnet ditt",
            "Skriv inn hele navnet",
            "Skriv inn fødselsnummeret eller D-nummeret",
            "Bekreft at du har foreldreansvar",
        ],
        "nn": [
            "Skriv inn det fulle namnet ditt",
            "Skriv inn heile namnet",
            "Skriv inn fødselsnummeret eller D-nummeret",
            "Stadfest at du har foreldreansvar",
        ],
        "en": [
            "Enter your full name",
            "Enter the full name",
            "Enter the identity number (fødselsnummer or D-number)",
            "Confirm that you have parental responsibility",
        ],
    }[lang]
    assert errors(response) == expected


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_parent_applies_for_a_child_of_ten_who_must_be_heard(id_app, rep, lang):
    """pbrl § 4-4: the form for a child of 7 or more asks whether and how the child was heard."""
    child = aged(10)
    assert _declare_parent(rep, child, lang).status_code == 302
    authority = _authority(id_app)
    assert authority.state == "active" and authority.basis == "parent"
    assert set(authority.scopes) == {"apply", "appeal", "see_case", "receive_letters"}
    base = start_for(rep, authority.public_id, lang=lang)
    person_page = html(rep.get(f"{base}/person"))
    assert 'value="Ola Barn"' in person_page and f'value="{child}"' in person_page  # filled in already
    assert {"nb": "Du søker for Ola Barn", "nn": "Du søkjer for Ola Barn", "en": "You are applying for Ola Barn"}[
        lang
    ] in person_page
    assert post_form(rep, f"{base}/person", {"full_name": "Ola Barn", "national_id": child, **PERSON_REST}).headers[
        "Location"
    ] == reader_address(id_app, f"{base}/representative")
    assert post_form(rep, f"{base}/representative", REPRESENTATIVE).headers["Location"] == reader_address(
        id_app, f"{base}/child_views"
    )
    response = post_form(rep, f"{base}/child_views", {"heard": "yes"})
    assert errors(response) == [
        {
            "nb": "Skriv hvordan dere snakket om det, og hva barnet mener",
            "nn": "Skriv korleis de snakka om det, og kva barnet meiner",
            "en": "Write how you talked about it, and what the child thinks",
        }[lang]
    ]
    response = post_form(rep, f"{base}/child_views", {"heard": "no"})
    assert errors(response) == [
        {
            "nb": "Skriv hvorfor du ikke har snakket med barnet",
            "nn": "Skriv kvifor du ikkje har snakka med barnet",
            "en": "Write why you have not talked with the child",
        }[lang]
    ]
    fill_for(rep, base, child, child_views={"heard": "yes", "views": "Han vil gjerne spille fotball."})
    check = html(rep.get(f"{base}/check"))
    assert {"nb": "Hvem søknaden gjelder", "nn": "Kven søknaden gjeld", "en": "Who the application is for"}[
        lang
    ] in check
    response = post_form(rep, f"{base}/check", {"correct": "y"})
    assert response.status_code == 302
    receipt = html(rep.get(response.headers["Location"]))
    assert {"nb": "Du sendte den for Ola Barn", "nn": "Du sende den for Ola Barn", "en": "You sent it for Ola Barn"}[
        lang
    ] in receipt
    with id_app.app_context():
        submission = db.session.scalar(select(Submission))
        document = submission.document
        assert submission.person.national_id == child and submission.authority_id == authority.id
        assert document["representation"]["basis"] == "parent"
        assert document["representation"]["representative"] == {
            "name": "Rita Representant",
            "national_id": REP_ID,
            "phone": "92233444",
            "email": "rita@example.org",
            "relation": "parent",
        }
        assert document["answers"]["child_views"]["views"] == "Han vil gjerne spille fotball."
        assert "_prefill" not in document["answers"]
        to = {m.to_address for m in db.session.scalars(select(OutboxMessage))}
        assert "rita@example.org" in to


def test_a_child_under_seven_is_not_asked_about(id_app, rep):
    child = aged(5)
    _declare_parent(rep, child)
    base = start_for(rep, _authority(id_app).public_id)
    post_form(rep, f"{base}/person", {"full_name": "Ola Barn", "national_id": child, **PERSON_REST})
    assert post_form(rep, f"{base}/representative", REPRESENTATIVE).headers["Location"] == reader_address(
        id_app, f"{base}/need"
    )
    assert rep.get(f"{base}/child_views").status_code == 404


def _carried_forms(page: str) -> list[dict]:
    """The forms that carry what was typed on to a fullmakt: their action and hidden fields."""
    found = []
    for action, inner in re.findall(
        r'<form method="post" action="([^"]+)" class="inline-form">(.*?)</form>', page, re.S
    ):
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', inner))
        if fields.get("carried_over") == "1":
            found.append({"action": action.replace("&amp;", "&"), "fields": fields})
    return found


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("age", [16, 17])
def test_pbrl_4_3_a_parent_of_a_sixteen_or_seventeen_year_old_asks_them_for_a_fullmakt_instead(
    id_app, oidc_provider, rep, lang, age
):
    """pbrl § 4-3: from 16 the young person decides; a parent needs their written fullmakt
    (pbrl § 7-2 last paragraph, fvl § 12), never the parent's word that they agreed. The parent
    is told why, and goes on to ask for one with what they typed carried over. The young person
    gives it themselves after logging in with electronic ID (fvl § 12 puts "adult" on the
    holder: the giver may be 16 or 17), and can withdraw it."""
    young_id = aged(age, start=30)
    response = _declare_parent(rep, young_id, lang)
    assert errors(response) == [
        {
            "nb": "Ungdommen er 16 eller 17 år og bestemmer selv, så du kan ikke handle for dem som forelder. "
            "Be dem om en fullmakt i stedet",
            "nn": "Ungdomen er 16 eller 17 år og bestemmer sjølv, så du kan ikkje handle for dei som forelder. "
            "Be dei om ei fullmakt i staden",
            "en": "The young person is 16 or 17 and decides for themselves, so you cannot act for them as a parent. "
            "Ask them for a power of attorney instead",
        }[lang]
    ]
    page = html(response)
    assert 'value="Ola Barn"' in page and f'value="{young_id}"' in page  # nothing typed is lost
    assert 'name="consent' not in page  # no box for the parent to tick on the young person's behalf
    assert _authority(id_app) is None
    carried = _carried_forms(page)
    assert [declared(c["action"]) for c in carried] == [
        f"/{lang}/authorities/new/fullmakt",
        f"/{lang}/authorities/new/paper",
    ]
    assert young_id not in "".join(c["action"] for c in carried)  # the number never goes in an address
    fields = {k: v for k, v in carried[0]["fields"].items() if k != "csrf_token"}
    assert fields["person_name"] == "Ola Barn" and fields["person_national_id"] == young_id
    assert fields["representative_name"] == "Rita Representant"
    for form in carried:
        response = post_form(rep, form["action"], {k: v for k, v in form["fields"].items() if k != "csrf_token"})
        assert response.status_code == 200 and errors(response) == []
        filled = html(response)
        assert (
            'value="Ola Barn"' in filled and f'value="{young_id}"' in filled and 'value="Rita Representant"' in filled
        )
    assert _authority(id_app) is None  # carried over, not yet asked
    fields.pop("carried_over")
    asked = {**fields, "person_email": "ola@example.org", "scopes": ["apply"], "services": ["bpa"]}
    assert (
        post_form(rep, f"/{lang}/authorities/new/fullmakt", {**asked, "valid_until": day(_last_day(1))}).status_code
        == 302
    )
    authority = _authority(id_app)
    young = log_in_with_id(id_app.test_client(), oidc_provider, young_id, lang)
    assert (
        post_form(young, f"/{lang}/authorities/requests/{authority.public_id}", {"answer": "approve"}).status_code
        == 302
    )
    assert _authority(id_app).state == "active"
    assert "Ola Barn" in html(rep.get(f"/{lang}/apply/for-whom?service=bpa"))
    post_form(young, f"/{lang}/authorities/for-me/{authority.public_id}/withdraw", {})
    assert _authority(id_app).state == "revoked"


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_parental_responsibility_ends_at_eighteen(rep, lang):
    response = _declare_parent(rep, aged(19), lang)
    assert errors(response) == [
        {
            "nb": "Personen er 18 år eller eldre, så foreldreansvaret er slutt. Be om en fullmakt i stedet",
            "nn": "Personen er 18 år eller eldre, så foreldreansvaret er slutt. Be om ei fullmakt i staden",
            "en": "The person is 18 or older, so parental responsibility has ended. Ask them for a power of attorney instead",
        }[lang]
    ]


def test_no_one_acts_for_themselves(rep):
    response = _declare_parent(rep, REP_ID)
    assert "Dette er ditt eget fødselsnummer" in errors(response)[0]


def test_the_same_child_twice_is_refused_with_a_way_forward(rep):
    child = aged(9)
    _declare_parent(rep, child)
    assert "Du handler allerede for denne personen" in errors(_declare_parent(rep, child))[0]


def test_an_application_for_oneself_is_about_oneself(id_app, rep):
    """Someone logged in with electronic ID who chooses «Me» applies with their own number."""
    base = start_for(rep, "self")
    assert f'value="{REP_ID}"' in html(rep.get(f"{base}/person"))
    response = post_form(rep, f"{base}/person", {"full_name": "Rita", "national_id": aged(30), **PERSON_REST})
    assert errors(response) == [
        "Dette må være ditt eget fødselsnummer. Vil du søke for en annen, starter du en ny "
        "søknad og velger hvem den gjelder"
    ]


def test_a_password_log_in_never_counts_as_electronic_id(id_app, oidc_provider):
    """DESIGN.md: an identity is verified only when it came from the identity provider."""
    client = id_app.test_client()
    make_account(id_app)
    log_in(client)
    log_in_with_id(client, oidc_provider, REP_ID)  # the e-mail account now has the number
    assert client.get("/nb/authorities/for-me").status_code == 200
    again = id_app.test_client()
    log_in(again)  # the same account, with its password only
    assert again.get("/nb/authorities/for-me").status_code == 403
    assert "140" not in again.get("/nb/my-page").get_data(as_text=True).split("Du er logget inn")[1][:80]


def test_a_draft_for_someone_one_can_no_longer_act_for_can_still_be_deleted(id_app, oidc_provider, rep, clock):
    """pbrl § 4-3: a parent's declaration ends when the child turns 16."""
    child = aged(15, days_past_birthday=360, start=20)  # turns 16 in a few days
    _declare_parent(rep, child)
    base = start_for(rep, _authority(id_app).public_id)
    clock.shift(days=10)
    log_in_with_id(rep, oidc_provider, REP_ID)  # ten days on, the log-in has long run out
    assert rep.get(f"{base}/person").status_code == 403
    my_page = html(rep.get("/nb/my-page"))
    assert "Stoppet: du kan ikke lenger handle for Ola Barn." in my_page
    assert reader_address(id_app, f"{base}/delete") in my_page
    assert post_form(rep, f"{base}/delete", {}, form_page="/nb/my-page").status_code == 302
    assert rep.get(f"{base}/delete").status_code == 404


def test_the_person_acted_for_is_a_guardians_child_of_seven_to_fifteen_asked_about_too(id_app, rep):
    child = aged(12, start=20)
    _verge(rep, child)
    authority = _authority(id_app)
    post_form(
        rep,
        f"/nb/authorities/{authority.public_id}/document",
        {"file": (io.BytesIO(PDF), "a.pdf")},
        content_type="multipart/form-data",
    )
    base = start_for(rep, authority.public_id, service="bpa")
    post_form(rep, f"{base}/person", {"full_name": "Per Voksen", "national_id": child, **PERSON_REST})
    assert post_form(rep, f"{base}/representative", REPRESENTATIVE).headers["Location"] == reader_address(
        id_app, f"{base}/child_views"
    )


def test_the_person_page_keeps_to_the_person_acted_for(id_app, rep):
    child = aged(9)
    _declare_parent(rep, child)
    base = start_for(rep, _authority(id_app).public_id)
    response = post_form(rep, f"{base}/person", {"full_name": "Ola Barn", "national_id": aged(8), **PERSON_REST})
    assert errors(response) == [
        "Dette må være fødselsnummeret til personen du handler for. Vil du søke for en annen, starter du en ny søknad"
    ]


# -- Verge ---------------------------------------------------------------------------------


def _verge(client, person_id, lang="nb", **extra):
    data = {
        "representative_name": "Rita Representant",
        "person_name": "Per Voksen",
        "person_national_id": person_id,
        "scopes": ["apply", "see_case", "receive_letters"],
        "valid_until": "",
        **extra,
    }
    return post_form(client, f"/{lang}/authorities/new/verge", data)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_verge_uploads_the_appointment_and_may_apply_while_it_is_checked(id_app, rep, lang, clock):
    person = aged(50)
    response = _verge(rep, person, lang, valid_until=day(clock.today() - timedelta(days=1)))
    assert errors(response) == [
        {
            "nb": "Den siste dagen har passert. Sjekk datoen i oppnevningen",
            "nn": "Den siste dagen har passert. Sjekk datoen i oppnemninga",
            "en": "The last day has passed. Check the date in the appointment",
        }[lang]
    ]
    last_day = _last_day(years=70)
    response = _verge(rep, person, lang, valid_until=day(last_day))
    authority = _authority(id_app)
    assert authority.state == "awaiting_document" and authority.valid_until == last_day
    assert declared(response.headers["Location"]) == f"/{lang}/authorities/{authority.public_id}/document"
    # Not usable until the document is there.
    post_form(rep, f"/{lang}/apply/", {"service": "bpa"})
    assert authority.public_id not in html(rep.get(f"/{lang}/apply/for-whom?service=bpa"))
    response = post_form(
        rep,
        f"/{lang}/authorities/{authority.public_id}/document",
        {"file": (io.BytesIO(b"not a pdf"), "oppnevning.txt")},
        content_type="multipart/form-data",
    )
    assert errors(response) == [
        {
            "nb": "Filen må være PDF, JPG eller PNG. Lagre den som en av disse og prøv igjen",
            "nn": "Fila må vere PDF, JPG eller PNG. Lagre den som ein av desse og prøv igjen",
            "en": "The file must be a PDF, JPG or PNG. Save it as one of these and try again",
        }[lang]
    ]
    response = post_form(
        rep,
        f"/{lang}/authorities/{authority.public_id}/document",
        {"file": (io.BytesIO(PDF), "oppnevning.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert _authority(id_app).state == "awaiting_verification"
    base = start_for(rep, authority.public_id, service="bpa", lang=lang)
    assert {
        "nb": "Kommunen har ennå ikke sjekket",
        "nn": "Kommunen har enno ikkje sjekka",
        "en": "The municipality has not yet checked",
    }[lang] in html(rep.get(f"{base}/person"))


def test_a_verge_cannot_see_cases_until_the_document_is_checked(id_app, rep):
    from portal.services import authorities

    _verge(rep, aged(50))
    authority = _authority(id_app)
    post_form(
        rep,
        f"/nb/authorities/{authority.public_id}/document",
        {"file": (io.BytesIO(PDF), "a.pdf")},
        content_type="multipart/form-data",
    )
    with id_app.app_context():
        authority = db.session.get(Authority, authority.id)
        assert authorities.allows(authority, "apply", "bpa")
        assert not authorities.allows(authority, "see_case", "bpa")


@pytest.mark.parametrize("outcome", ["verify", "reject"])
def test_the_municipality_checks_the_document_and_the_representative_sees_the_result(id_app, rep, outcome):
    _verge(rep, aged(50), representative_email="rita@example.org")
    public_id = _authority(id_app).public_id
    post_form(
        rep,
        f"/nb/authorities/{public_id}/document",
        {"file": (io.BytesIO(PDF), "a.pdf")},
        content_type="multipart/form-data",
    )
    caseworker = id_app.test_client()
    make_caseworker(id_app)
    log_in(caseworker, email="sara@fjellvik.kommune.no")
    queue = html(caseworker.get("/nb/intake/authorities"))
    assert "Per Voksen" in queue and "Rita Representant" in queue
    page = html(caseworker.get(f"/nb/intake/authorities/{public_id}"))
    assert _authority(id_app).person.national_id in page  # the caseworker compares the full numbers
    assert REP_ID in page
    assert caseworker.get(f"/nb/intake/authorities/{public_id}/document").data == PDF
    if outcome == "reject":
        response = post_form(caseworker, f"/nb/intake/authorities/{public_id}", {"outcome": "reject"})
        assert errors(response) == ["Skriv hvorfor den ikke er i orden"]
        post_form(
            caseworker,
            f"/nb/intake/authorities/{public_id}",
            {"outcome": "reject", "reason": "Oppnevningen gjelder en annen person."},
        )
        assert _authority(id_app).state == "rejected"
        assert "Oppnevningen gjelder en annen person." in html(rep.get(f"/nb/authorities/{public_id}"))
    else:
        post_form(caseworker, f"/nb/intake/authorities/{public_id}", {"outcome": "verify"})
        assert _authority(id_app).state == "active"
        assert "Aktiv" in html(rep.get(f"/nb/authorities/{public_id}"))
    with id_app.app_context():
        message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
        assert message.to_address == "rita@example.org" and "Per Voksen" not in message.body


def test_the_intake_pages_are_for_caseworkers_only(id_app, rep):
    _verge(rep, aged(50))
    public_id = _authority(id_app).public_id
    for path in (
        "/nb/intake/authorities",
        f"/nb/intake/authorities/{public_id}",
        f"/nb/intake/authorities/{public_id}/document",
    ):
        assert rep.get(path).status_code == 404, path
        assert id_app.test_client().get(path).status_code == 302, path  # to log-in


# -- Fullmakt in the portal ------------------------------------------------------------------

PERSON_ID = aged(70)


def _last_day(years: int) -> date:
    """A fullmakt's or an appointment's last day: 31 December, `years` years from this year."""
    return date(portal_clock.today().year + years, 12, 31)


def _request(client, lang="nb", person_id=PERSON_ID, **extra):
    data = {
        "representative_name": "Rita Representant",
        "representative_email": "rita@example.org",
        "person_name": "Gunn Giver",
        "person_national_id": person_id,
        "person_email": "gunn@example.org",
        "scopes": ["apply", "see_case"],
        "services": ["stottekontakt"],
        "valid_until": day(_last_day(4)),
        **extra,
    }
    return post_form(client, f"/{lang}/authorities/new/fullmakt", data)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_fullmakt_form_errors_in_each_language(rep, lang, clock):
    """fvl § 12; the portal gives a fullmakt for at most 10 years, and not in the past."""
    today = clock.today()
    slashed = _last_day(4).strftime("%d/%m/%Y")
    response = post_form(rep, f"/{lang}/authorities/new/fullmakt", {"valid_until": slashed})
    expected = {
        "nb": [
            "Skriv inn det fulle navnet ditt",
            "Skriv inn hele navnet",
            "Skriv inn fødselsnummeret eller D-nummeret",
            "Skriv inn e-postadressen deres",
            "Velg minst én ting",
            "Velg minst én tjeneste",
            "Skriv datoen som dag, måned og år, for eksempel 31.12.2027",
        ],
        "nn": [
            "Skriv inn det fulle namnet ditt",
            "Skriv inn heile namnet",
            "Skriv inn fødselsnummeret eller D-nummeret",
            "Skriv inn e-postadressa deira",
            "Vel minst éin ting",
            "Vel minst éi teneste",
            "Skriv datoen som dag, månad og år, til dømes 31.12.2027",
        ],
        "en": [
            "Enter your full name",
            "Enter the full name",
            "Enter the identity number (fødselsnummer or D-number)",
            "Enter their e-mail address",
            "Choose at least one thing",
            "Choose at least one service",
            "Write the date as day, month and year, like 31.12.2027",
        ],
    }[lang]
    assert errors(response) == expected
    assert f'value="{slashed}"' in html(response)
    assert errors(_request(rep, lang, valid_until=day(today - timedelta(days=1)))) == [
        {
            "nb": "Den siste dagen kan ikke være tilbake i tid. Velg en senere dato",
            "nn": "Den siste dagen kan ikkje vere tilbake i tid. Vel ein seinare dato",
            "en": "The last day cannot be in the past. Choose a later date",
        }[lang]
    ]
    assert errors(_request(rep, lang, valid_until=day(_last_day(11)))) == [
        {
            "nb": "En fullmakt kan vare i høyst 10 år. Velg en tidligere dato",
            "nn": "Ei fullmakt kan vare i høgst 10 år. Vel ein tidlegare dato",
            "en": "A power of attorney can last at most 10 years. Choose an earlier date",
        }[lang]
    ]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_person_gets_a_link_sees_exactly_what_is_asked_and_approves(id_app, oidc_provider, rep, lang):
    assert _request(rep, lang).status_code == 302
    authority = _authority(id_app)
    assert authority.state == "requested"
    with id_app.app_context():
        message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert message.to_address == "gunn@example.org"
    assert PERSON_ID not in message.body and "støttekontakt" not in message.body.lower()
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link == "http://localhost" + reader_address(id_app, f"/{lang}/authorities/requests/{authority.public_id}")
    path = link.split("localhost", 1)[1]
    person = log_in_with_id(id_app.test_client(), oidc_provider, PERSON_ID, lang)
    page = html(person.get(path))
    year = _last_day(4).year
    for text in {
        "nb": ["Rita Representant", "Søke om tjenester", "Se sakene", "Støttekontakt", f"31. desember {year}"],
        "nn": ["Rita Representant", "Søkje om tenester", "Sjå sakene", "Støttekontakt", f"31. desember {year}"],
        "en": ["Rita Representant", "Apply for services", "See the cases", "Support contact", f"31 December {year}"],
    }[lang]:
        assert text in page, text
    assert "Klage på vedtak" not in page and "Appeal decisions" not in page  # not asked for
    assert errors(post_form(person, path, {})) == [
        {"nb": "Velg ja eller nei", "nn": "Vel ja eller nei", "en": "Choose yes or no"}[lang]
    ]
    assert post_form(person, path, {"answer": "approve"}).status_code == 302
    assert _authority(id_app).state == "active"
    assert "Gunn Giver" in html(rep.get(f"/{lang}/apply/for-whom?service=stottekontakt"))
    assert "Gunn Giver" not in html(rep.get(f"/{lang}/apply/for-whom?service=bpa"))  # not that service


def test_the_person_may_decline_and_the_representative_sees_it(id_app, oidc_provider, rep):
    _request(rep)
    authority = _authority(id_app)
    person = log_in_with_id(id_app.test_client(), oidc_provider, PERSON_ID)
    post_form(person, f"/nb/authorities/requests/{authority.public_id}", {"answer": "decline"})
    assert _authority(id_app).state == "declined"
    assert "Gunn Giver avslo forespørselen" in html(rep.get(f"/nb/authorities/{authority.public_id}"))


def test_only_the_person_asked_can_open_the_request(id_app, oidc_provider, rep):
    _request(rep)
    path = f"/nb/authorities/requests/{_authority(id_app).public_id}"
    stranger = log_in_with_id(id_app.test_client(), oidc_provider, aged(33))
    assert stranger.get(path).status_code == 404
    assert post_form(stranger, path, {"answer": "approve"}, form_page="/nb/my-page").status_code == 404
    assert rep.get(path).status_code == 404
    assert _authority(id_app).state == "requested"


def test_a_request_expires_after_fourteen_days(id_app, oidc_provider, rep, clock):
    _request(rep)
    authority = _authority(id_app)
    clock.shift(days=15)
    person = log_in_with_id(id_app.test_client(), oidc_provider, PERSON_ID)
    page = html(person.get(f"/nb/authorities/requests/{authority.public_id}"))
    assert "Forespørselen gikk ut" in page and 'name="answer"' not in page
    post_form(person, f"/nb/authorities/requests/{authority.public_id}", {"answer": "approve"}, form_page="/nb/my-page")
    assert _authority(id_app).state == "requested"  # stored as asked; counts as expired


def test_the_same_person_cannot_be_asked_again_and_again(id_app, oidc_provider, rep):
    _request(rep)
    assert errors(_request(rep)) == [
        "Du har allerede spurt denne personen. Vent på svaret, eller avslutt den forespørselen først"
    ]
    # One representative: three requests in 30 days, even when each is ended.
    for _ in range(2):
        post_form(rep, f"/nb/authorities/{_authority(id_app).public_id}/end", {})
        assert _request(rep).status_code == 302
    post_form(rep, f"/nb/authorities/{_authority(id_app).public_id}/end", {})
    neutral = "Det kan ikke sendes flere forespørsler til denne personen akkurat nå"
    assert neutral in errors(_request(rep))[0]
    # Others can still ask, up to six requests for the person from everyone together.
    for n in range(3):
        other = log_in_with_id(id_app.test_client(), oidc_provider, aged(46 + n, start=20))
        assert _request(other).status_code == 302, n
    last = log_in_with_id(id_app.test_client(), oidc_provider, aged(50, start=20))
    assert errors(_request(last)) == [neutral + ". Prøv igjen om noen uker, eller kontakt tjenestekontoret"]


def test_someone_under_eighteen_cannot_hold_a_fullmakt_or_be_a_guardian(id_app, oidc_provider):
    """LEGAL.md: a fullmakt is given to an adult ("myndig") person."""
    young = log_in_with_id(id_app.test_client(), oidc_provider, aged(17, start=20))
    assert errors(_request(young)) == [
        "Du må være 18 år eller eldre for å handle for en annen som verge eller med fullmakt"
    ]
    assert "18 år eller eldre" in errors(_verge(young, aged(50)))[0]


def test_skatteetaten_2032_a_parent_gives_the_birth_date_the_childs_number_does_not_tell(id_app, oidc_provider, clock):
    """Skatteetaten: a number issued from 2032 does not tell the century. The portal does not
    guess: it asks the parent for the child's date of birth, which must fit the number, and
    counts the 16th birthday (pbrl § 4-3) and whether the child is heard (pbrl § 4-4) from it."""
    clock.move_to("2033-05-10 12:00")
    rep = log_in_with_id(id_app.test_client(), oidc_provider, REP_ID)
    assert 'name="child_birth_date"' not in html(rep.get("/nb/authorities/new/parent"))
    child = issued_from_2032(date(2021, 3, 15))
    response = _declare_parent(rep, child)
    assert errors(response) == ["Skriv inn fødselsdatoen. Vi kan ikke se fødselsåret av fødselsnummeret"]
    assert 'name="child_birth_date"' in html(response) and f'value="{child}"' in html(response)
    response = _declare_parent(rep, child, child_birth_date="15.03.2020")
    assert errors(response) == ["Fødselsdatoen passer ikke med fødselsnummeret. Sjekk begge"]
    assert _declare_parent(rep, child, child_birth_date="15.03.2021").status_code == 302
    authority = _authority(id_app)
    assert authority.person_birth_date == date(2021, 3, 15) and authority.valid_until == date(2037, 3, 14)
    base = start_for(rep, authority.public_id)
    post_form(rep, f"{base}/person", {"full_name": "Ola Barn", "national_id": child, **PERSON_REST})
    assert post_form(rep, f"{base}/representative", REPRESENTATIVE).headers["Location"] == reader_address(
        id_app, f"{base}/child_views"
    )
    # A young person of 16 by the date given is theirs to decide for, as with any number.
    older = issued_from_2032(date(2017, 1, 20))
    assert "bestemmer selv" in errors(_declare_parent(rep, older, child_birth_date="20.01.2017"))[0]


def test_fvl_12_a_representative_whose_number_does_not_tell_the_year_gives_their_date_of_birth(
    id_app, oidc_provider, clock
):
    """fvl § 12: the holder of a fullmakt is an adult. Where the representative's own number
    (issued from 2032) does not tell their age, they give their date of birth; an unknown age
    never lets a minor hold one."""
    clock.move_to("2033-05-10 12:00")
    assert 'name="representative_birth_date"' not in html(
        log_in_with_id(id_app.test_client(), oidc_provider, REP_ID).get("/nb/authorities/new/fullmakt")
    )
    young_id = issued_from_2032(date(2016, 6, 1), start=5)
    young = log_in_with_id(id_app.test_client(), oidc_provider, young_id)
    assert 'name="representative_birth_date"' in html(young.get("/nb/authorities/new/fullmakt"))
    assert errors(_request(young)) == ["Skriv inn fødselsdatoen din. Vi kan ikke se alderen din av fødselsnummeret"]
    assert errors(_request(young, representative_birth_date="01.06.2016")) == [
        "Du må være 18 år eller eldre for å handle for en annen som verge eller med fullmakt"
    ]
    assert _authority(id_app) is None
    adult = log_in_with_id(id_app.test_client(), oidc_provider, issued_from_2032(date(1980, 6, 1), start=5))
    assert errors(_request(adult, representative_birth_date="01.06.1981")) == [
        "Fødselsdatoen passer ikke med fødselsnummeret ditt. Sjekk den"
    ]
    assert _request(adult, representative_birth_date="01.06.1980").status_code == 302


def test_a_parents_declaration_lasts_to_the_day_before_the_sixteenth_birthday(id_app, rep, clock):
    """pbrl § 4-3: the period the parent and the child see is the one that counts."""
    twelfth_birthday = clock.today() - timedelta(days=30)
    _declare_parent(rep, national_id(born_for(12, twelfth_birthday), start=20))
    sixteenth_birthday = born_for(-4, twelfth_birthday)  # four years on from the twelfth
    assert _authority(id_app).valid_until == sixteenth_birthday - timedelta(days=1)


def test_a_name_typed_by_one_representative_never_shows_in_anothers_papers(id_app, oidc_provider, rep):
    child = aged(8, start=20)
    _declare_parent(rep, child)
    other = log_in_with_id(id_app.test_client(), oidc_provider, aged(39, start=20))
    post_form(
        other,
        "/nb/authorities/new/parent",
        {"representative_name": "Ole", "child_name": "Feil Navn", "child_national_id": child, "responsibility": "y"},
    )
    page = html(rep.get("/nb/authorities/"))
    assert "Ola Barn" in page and "Feil Navn" not in page


# -- Fullmakt on paper -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,title,scope",
    [
        ("nb", "Fullmakt", "Søke om tjenester"),
        ("nn", "Fullmakt", "Søkje om tenester"),
        ("en", "Power of attorney", "Apply for services"),
    ],
)
def test_the_paper_fullmakt_opens_with_both_names_and_the_scopes(id_app, rep, lang, title, scope, tmp_path):
    last_day = _last_day(2)
    data = {
        "representative_name": "Rita Representant",
        "person_name": "Gunn Giver",
        "person_national_id": PERSON_ID,
        "scopes": ["apply", "appeal"],
        "services": ["bpa"],
        "valid_until": day(last_day),
    }
    response = post_form(rep, f"/{lang}/authorities/new/paper", data)
    authority = _authority(id_app)
    assert authority.state == "awaiting_document" and authority.proof == "document"
    assert declared(response.headers["Location"]) == f"/{lang}/authorities/{authority.public_id}/document"
    pdf_address = reader_address(id_app, f"/{lang}/authorities/{authority.public_id}/fullmakt.pdf")
    assert pdf_address in html(rep.get(response.headers["Location"]))
    pdf = rep.get(f"/{lang}/authorities/{authority.public_id}/fullmakt.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF-")
    assert "attachment" in pdf.headers["Content-Disposition"] and PERSON_ID not in pdf.headers["Content-Disposition"]
    pdftotext = require_tool("pdftotext", "apt-get install poppler-utils")
    (tmp_path / "f.pdf").write_bytes(pdf.data)
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "f.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        title,
        "Gunn Giver",
        PERSON_ID,
        "Rita Representant",
        REP_ID,
        scope,
        "☒",
        "☐",
        {
            "nb": f"31. desember {last_day.year}",
            "nn": f"31. desember {last_day.year}",
            "en": f"31 December {last_day.year}",
        }[lang],
    ):
        assert expected in text, expected
    post_form(
        rep,
        f"/{lang}/authorities/{authority.public_id}/document",
        {"file": (io.BytesIO(PDF), "signert.pdf")},
        content_type="multipart/form-data",
    )
    assert _authority(id_app).state == "awaiting_verification"


def test_another_account_gets_nothing_of_the_paper_form(id_app, oidc_provider, rep):
    data = {
        "representative_name": "Rita",
        "person_name": "Gunn Giver",
        "person_national_id": PERSON_ID,
        "scopes": ["apply"],
        "services": ["bpa"],
        "valid_until": day(_last_day(2)),
    }
    post_form(rep, "/nb/authorities/new/paper", data)
    public_id = _authority(id_app).public_id
    other = log_in_with_id(id_app.test_client(), oidc_provider, aged(33))
    for path in (
        f"/nb/authorities/{public_id}",
        f"/nb/authorities/{public_id}/fullmakt.pdf",
        f"/nb/authorities/{public_id}/document",
        f"/nb/authorities/{public_id}/end",
    ):
        assert other.get(path).status_code == 404, path


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_draft_on_a_withdrawn_fullmakt_shows_as_stopped_and_opening_it_explains(id_app, oidc_provider, rep, lang):
    """fvl § 12: the person may withdraw a fullmakt at any time. The representative's open
    draft for them then stops: My page shows it as stopped, says why, and offers only to delete
    it; opening it explains with a 403 instead of a bare «not found»."""
    _request(rep, lang)
    authority = _authority(id_app)
    person = log_in_with_id(id_app.test_client(), oidc_provider, PERSON_ID, lang)
    post_form(person, f"/{lang}/authorities/requests/{authority.public_id}", {"answer": "approve"})
    base = start_for(rep, authority.public_id, lang=lang)
    post_form(person, f"/{lang}/authorities/for-me/{authority.public_id}/withdraw", {})
    assert _authority(id_app).state == "revoked"
    my_page = page_text(rep.get(f"/{lang}/my-page"))
    assert {
        "nb": "Stoppet: du kan ikke lenger handle for Gunn Giver. Gunn Giver trakk den tilbake",
        "nn": "Stoppa: du kan ikkje lenger handle for Gunn Giver. Gunn Giver trekte den tilbake",
        "en": "Stopped: you can no longer act for Gunn Giver. Gunn Giver withdrew it on",
    }[lang] in my_page
    assert {
        "nb": "Du kan ikke fortsette med utkastet, bare slette det.",
        "nn": "Du kan ikkje halde fram med utkastet, berre slette det.",
        "en": "You cannot go on with the draft, only delete it.",
    }[lang] in my_page
    page = html(rep.get(f"/{lang}/my-page"))
    assert reader_address(id_app, f"{base}/delete") in page
    assert reader_address(id_app, f"{base}/person") not in page
    response = rep.get(f"{base}/person")
    assert response.status_code == 403
    assert {
        "nb": "Et utkast du har begynt på for dem, kan bare slettes. Du finner det på Min side.",
        "nn": "Eit utkast du har byrja på for dei, kan berre slettast. Du finn det på Min side.",
        "en": "A draft you started for them can only be deleted. You find it on My page.",
    }[lang] in page_text(response)
    with id_app.app_context():
        from portal.models import Draft

        assert db.session.scalar(select(Draft)).answers == {}  # nothing of the person is kept
    assert post_form(rep, f"{base}/delete", {}, form_page=f"/{lang}/my-page").status_code == 302
    assert rep.get(f"{base}/delete").status_code == 404
