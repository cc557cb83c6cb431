"""Applying for støttekontakt through the test client: every page, every error, in each
language; drafts, check your answers, one submission, receipt; who may see what."""

import re

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Draft, OutboxMessage, Submission
from tests.helpers import (
    PERSON,
    STEPS,
    answer_all,
    errors,
    html,
    log_in,
    make_account,
    post_form,
    require_tool,
    send_application,
    start_application,
)
from tests.identities import aged
from tests.reader_client import declared, reader_address


def test_online_applications_can_be_switched_off(make_app):
    client = make_app(FEATURE_ONLINE_APPLICATIONS=False).test_client()
    assert client.get("/nb/apply/").status_code == 404
    page = html(client.get("/nb/stottekontakt"))
    assert "/apply" not in page and "/soknad" not in page and "Logg inn" not in page  # /soknad: Bokmål's address
    assert "Kontakt tjenestekontoret" in page


def test_when_switched_on_the_guide_leads_to_the_application(apply_app):
    page = html(apply_app.test_client().get("/nb/stottekontakt"))
    assert f'href="{reader_address(apply_app, "/nb/apply/?service=stottekontakt")}"' in page


def test_applying_needs_log_in(apply_app):
    response = apply_app.test_client().get("/nb/apply/")
    assert declared(response.headers["Location"]).startswith("/nb/account/login")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize(
    "step,nb,en,nn",
    [
        (
            "person",
            [
                "Skriv inn hele navnet",
                "Skriv inn fødselsnummeret eller D-nummeret",
                "Skriv inn gateadressen",
                "Skriv et postnummer med 4 sifre, for eksempel 0150",
                "Skriv inn poststedet",
                "Skriv et norsk telefonnummer med 8 sifre, for eksempel 912 34 567",
                "Velg et språk",
                "Svar på om du trenger tolk",
            ],
            [
                "Enter the full name",
                "Enter the identity number (fødselsnummer or D-number)",
                "Enter the street address",
                "Enter a postcode with 4 digits, like 0150",
                "Enter the town or city",
                "Enter a Norwegian phone number with 8 digits, like 912 34 567",
                "Choose a language",
                "Answer whether you need an interpreter",
            ],
            [
                "Skriv inn heile namnet",
                "Skriv inn fødselsnummeret eller D-nummeret",
                "Skriv inn gateadressa",
                "Skriv eit postnummer med 4 siffer, til dømes 0150",
                "Skriv inn poststaden",
                "Skriv eit norsk telefonnummer med 8 siffer, til dømes 912 34 567",
                "Vel eit språk",
                "Svar på om du treng tolk",
            ],
        ),
        (
            "need",
            ["Velg minst én grunn", "Beskriv hvilken hjelp du trenger"],
            ["Choose at least one reason", "Describe what help you need"],
            ["Vel minst éin grunn", "Beskriv kva hjelp du treng"],
        ),
        ("situation", ["Velg hvordan du bor"], ["Choose how you live"], ["Vel korleis du bur"]),
        (
            "network",
            ["Fortell hvem du er sammen med, eller skriv at du ikke har noen"],
            ["Tell us who you spend time with, or write that you have nobody"],
            ["Fortel kven du er saman med, eller skriv at du ikkje har nokon"],
        ),
        (
            "wishes",
            ["Velg hvordan du ønsker å få støtte", "Fortell oss hva du liker å gjøre, eller vil prøve"],
            ["Choose how you would like to get support", "Tell us what you like to do or would like to try"],
            ["Vel korleis du ønskjer å få støtte", "Fortel oss kva du likar å gjere, eller vil prøve"],
        ),
    ],
)
def test_each_page_says_what_is_missing_and_how_to_fix_it(citizen, lang, step, nb, en, nn):
    base = start_application(citizen, lang)
    response = post_form(citizen, f"{base}/{step}", {})
    assert response.status_code == 200
    assert errors(response) == {"nb": nb, "nn": nn, "en": en}[lang]
    page = html(response)
    assert re.search(r"<title>(Feil|Error): ", page)
    assert 'class="ds-error-summary"' in page


def test_the_consent_page_may_be_left_empty(citizen):
    base = start_application(citizen)
    assert post_form(citizen, f"{base}/consent", {}).status_code == 302


@pytest.mark.parametrize(
    "value,message",
    [
        ("0101901248", "Fødselsnummeret må ha 11 sifre"),
        ("010190-12480", "Fødselsnummeret kan bare ha sifre"),
        ("01019012481", "Dette er ikke et gyldig fødselsnummer. Sjekk hvert siffer"),
        # LEGAL.md ("Added after the first legal review"): only fødselsnummer and D-number.
        (
            "15419012480",
            "Dette er et H-nummer, et midlertidig nummer fra helsetjenesten. "
            "Skriv inn fødselsnummeret eller D-nummeret i stedet",
        ),
        (
            "80000000098",
            "Dette er et FH-nummer, et midlertidig nummer fra helsetjenesten. "
            "Skriv inn fødselsnummeret eller D-nummeret i stedet",
        ),
        (
            "01819000049",
            "Dette er et testnummer, ikke nummeret til en virkelig person. Skriv inn fødselsnummeret eller D-nummeret",
        ),
    ],
)
def test_identity_number_errors_say_what_is_wrong(citizen, value, message):
    base = start_application(citizen)
    response = post_form(citizen, f"{base}/person", {**PERSON, "national_id": value})
    assert errors(response) == [message]
    assert f'value="{value}"' in html(response)  # what was typed is kept


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"interpreter": "yes"}, "Skriv hvilket språk tolken skal snakke"),
        ({"postcode": "49999"}, "Skriv et postnummer med 4 sifre, for eksempel 0150"),
        ({"phone": "12345"}, "Skriv et norsk telefonnummer med 8 sifre, for eksempel 912 34 567"),
        ({"email": "kari(at)example.org"}, "Skriv e-postadressen i riktig format, for eksempel navn@eksempel.no"),
    ],
)
def test_person_page_checks_each_answer(citizen, changes, message):
    base = start_application(citizen)
    response = post_form(citizen, f"{base}/person", {**PERSON, **changes})
    assert errors(response) == [message]


def test_hours_need_week_or_month(citizen):
    base = start_application(citizen)
    data = {**dict(STEPS)["wishes"], "per": ""}
    assert errors(post_form(citizen, f"{base}/wishes", data)) == ["Velg om timene gjelder per uke eller per måned"]


def test_the_draft_is_saved_at_every_step_and_kept_when_the_language_changes(apply_app, citizen):
    base = start_application(citizen)
    post_form(citizen, f"{base}/person", PERSON)
    english = html(citizen.get(declared(base).replace("/nb/", "/en/") + "/person"))
    assert 'value="Kari Nordmann"' in english and 'value="01019012480"' in english
    assert "About you" in english
    with apply_app.app_context():
        draft = db.session.scalar(select(Draft))
        assert draft.answers["person"]["phone"] == "91234567"


def test_a_draft_can_be_resumed_after_logging_out(apply_app, citizen):
    base = start_application(citizen)
    post_form(citizen, f"{base}/person", PERSON)
    post_form(citizen, "/nb/account/logout", {}, form_page="/nb/my-page")
    log_in(citizen)
    my_page = html(citizen.get("/nb/my-page"))
    assert f'href="{reader_address(apply_app, f"{base}/need")}"' in my_page  # continue where it stopped


def test_check_your_answers_shows_every_answer_with_a_change_link_back_to_the_check(apply_app, citizen):
    base = start_application(citizen)
    answer_all(citizen, base)
    page = html(citizen.get(f"{base}/check"))
    for text in (
        "Kari Nordmann",
        "01019012480",
        "Psykiske helseproblemer, Ensomhet, isolasjon eller en vanskelig livssituasjon",
        "Jeg bor alene",
        "Individuelt: én støttekontakt for meg",
        "Fastlegen min",
        "Ikke besvart",
    ):
        assert text in page
    assert "steg 8 av 8" in page
    change = f"{base}/network?from=check"
    assert reader_address(apply_app, change) in page
    response = post_form(citizen, change, {"network": "Bare mora mi."})
    assert declared(response.headers["Location"]) == declared(f"{base}/check")
    assert "Bare mora mi." in html(citizen.get(f"{base}/check"))


def test_the_check_page_sends_unanswered_pages_back(citizen):
    base = start_application(citizen)
    answer_all(citizen, base, upto="network")
    assert declared(citizen.get(f"{base}/check").headers["Location"]) == declared(f"{base}/network")


def test_sending_needs_the_declaration(citizen):
    base = start_application(citizen)
    answer_all(citizen, base)
    response = post_form(citizen, f"{base}/check", {})
    assert errors(response) == ["Bekreft at opplysningene er riktige før du sender"]
    assert "Ensomhet, isolasjon" in html(response)  # the answers are still shown


def test_sending_twice_makes_one_submission_and_the_same_receipt(apply_app, citizen):
    base, receipt = send_application(citizen)
    again = post_form(citizen, f"{base}/check", {"correct": "y"}, form_page="/nb/my-page")
    assert again.headers["Location"] == receipt
    assert citizen.get(f"{base}/person").headers["Location"] == receipt
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(Submission.id))) == 1


def test_two_first_sends_of_the_year_at_the_same_moment_both_get_a_receipt(apply_app, citizen, clock):
    """Found by the chaos run (RELIABILITY.md): the year's first applications, sent at once,
    each made the year's reference counter, and all but one got a 500. Here someone else's
    send makes the counter (and takes number 1) just before this one makes it."""
    from sqlalchemy import create_engine, event, insert

    if not apply_app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("SQLite lets one writer in at a time, so the race needs PostgreSQL (TEST_DATABASE_URL)")

    from portal.models import ReferenceCounter

    rival = create_engine(apply_app.config["SQLALCHEMY_DATABASE_URI"])
    first: list[bool] = []

    def someone_else_was_quicker(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO REFERENCE_COUNTER") and not first:
            first.append(True)
            with rival.begin() as other:
                other.execute(insert(ReferenceCounter).values(prefix="SK", year=clock.today().year, last=1))

    with apply_app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", someone_else_was_quicker)
    try:
        _, receipt = send_application(citizen)
    finally:
        event.remove(engine, "before_cursor_execute", someone_else_was_quicker)
        rival.dispose()
    assert first and receipt.endswith(f"/SK-{clock.today().year}-000002")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_receipt_gives_the_reference_and_when_an_answer_is_due(apply_app, citizen, lang):
    _, receipt = send_application(citizen, lang)
    page = html(citizen.get(receipt))
    reference = re.search(r"SK-\d{4}-\d{6}", receipt).group(0)
    assert reference in page
    assert {"nb": "senest", "nn": "seinast", "en": "at the latest"}[lang] in page
    assert "forvaltningsloven § 11 a" in page
    with apply_app.app_context():
        submission = db.session.scalar(select(Submission))
        assert submission.intake_state == "new"
        assert submission.document["version"] == 1
        assert submission.document["answers"]["person"]["national_id"] == "01019012480"


def test_the_receipt_email_names_the_reference_and_nothing_sensitive(apply_app, citizen):
    send_application(citizen)
    with apply_app.app_context():
        message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert message.to_address == "kari@example.org"
    assert re.search(r"SK-\d{4}-\d{6}", message.body)
    assert "01019012480" not in message.body and "Psykiske" not in message.body


def test_references_count_up_within_the_year(citizen):
    _, first = send_application(citizen)
    _, second = send_application(citizen)
    a, b = (int(re.search(r"-(\d{6})$", url).group(1)) for url in (first, second))
    assert b == a + 1


def test_my_page_lists_what_was_sent_and_no_longer_the_draft(apply_app, citizen):
    base, receipt = send_application(citizen)
    page = html(citizen.get("/nb/my-page"))
    case = declared(receipt).replace("/apply/receipt/", "/cases/")
    assert f'href="{reader_address(apply_app, case)}"' in page  # the case, to follow
    assert f"{base}/" not in page


def test_a_draft_can_be_deleted(apply_app, citizen):
    base = start_application(citizen)
    assert "Vil du slette utkastet?" in html(citizen.get(f"{base}/delete"))
    response = post_form(citizen, f"{base}/delete", {}, form_page=f"{base}/delete")
    assert declared(response.headers["Location"]) == "/nb/my-page"
    assert citizen.get(f"{base}/person").status_code == 404
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(Draft.id))) == 0


def test_a_child_under_ten_sees_guidance_but_can_still_apply(citizen, clock):
    base = start_application(citizen)
    # Six years old on the day the test runs.
    post_form(citizen, f"{base}/person", {**PERSON, "national_id": aged(6, clock.today())})
    page = html(citizen.get(f"{base}/need"))
    assert "Barn under 10 år får sjelden støttekontakt" in page
    assert post_form(citizen, f"{base}/need", dict(STEPS)["need"]).status_code == 302


def test_a_care_home_resident_sees_guidance_on_the_check_page(citizen):
    base = start_application(citizen)
    answer_all(citizen, base)
    post_form(citizen, f"{base}/situation?from=check", {"living": "care_home"})
    assert "bolig med personale hele døgnet, får sjelden støttekontakt" in html(citizen.get(f"{base}/check"))


def test_another_account_reaches_nothing_of_it_by_any_url(apply_app, citizen):
    base, receipt = send_application(citizen)
    draft_base = start_application(citizen)
    post_form(citizen, f"{draft_base}/person", PERSON)
    other = apply_app.test_client()
    make_account(apply_app, email="ola@example.org")
    log_in(other, email="ola@example.org")
    for path in (f"{draft_base}/person", f"{draft_base}/check", f"{draft_base}/delete", f"{base}/person", receipt):
        assert other.get(path).status_code == 404, path
    for path in (f"{draft_base}/person", f"{draft_base}/check", f"{draft_base}/delete"):
        assert post_form(other, path, {"full_name": "Ola"}, form_page="/nb/my-page").status_code == 404, path
    assert "Kari" not in html(other.get("/nb/my-page"))


def test_an_unknown_page_of_a_draft_is_not_found(citizen):
    base = start_application(citizen)
    assert citizen.get(f"{base}/nothing").status_code == 404


def test_the_start_page_offers_every_service_and_preselects_the_one_asked_for(citizen):
    page = html(citizen.get("/nb/apply/?service=bpa"))
    for service in ("stottekontakt", "ledsagerbevis", "bpa"):
        assert f'value="{service}"' in page
    assert re.search(r'value="bpa" checked', page)


@pytest.mark.parametrize(
    "lang,heading,choice",
    [
        ("nb", "Søk om støttekontakt", "Ensomhet, isolasjon"),
        ("nn", "Søk om støttekontakt", "Einsemd, isolasjon"),
        ("en", "Apply for a support contact", "Loneliness, isolation"),
    ],
)
def test_the_pdf_copy_opens_and_holds_the_answers_in_the_language_sent(
    apply_app, citizen, lang, heading, choice, tmp_path
):
    import subprocess

    _, receipt = send_application(citizen, lang)
    reference = re.search(r"SK-\d{4}-\d{6}", receipt).group(0)
    assert f"{receipt}/pdf" in html(citizen.get(receipt))
    response = citizen.get(f"/nb/apply/receipt/{reference}/pdf")  # read in another language: same copy
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert f'filename="{reference}.pdf"' in response.headers["Content-Disposition"]
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(response.data)
    pdftotext = require_tool("pdftotext", "apt-get install poppler-utils")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert heading in text and reference in text and "Kari Nordmann" in text and "01019012480" in text
    # Choices made with checkboxes too (the copy is made from the stored document).
    assert choice in text
    with apply_app.app_context():
        assert db.session.scalar(select(Submission.pdf)).startswith(b"%PDF-")


def test_the_pdf_copy_is_made_outside_the_sending_by_render_pdfs(apply_app, citizen):
    """Sending stays quick: the copy is made afterwards from the stored document, the same copy."""
    _, receipt = send_application(citizen, "en")
    with apply_app.app_context():
        assert db.session.scalar(select(Submission.pdf)) is None
    result = apply_app.test_cli_runner().invoke(args=["render-pdfs"])
    assert result.exit_code == 0 and "PDF copies made: 1." in result.output
    with apply_app.app_context():
        made = db.session.scalar(select(Submission.pdf))
    assert made.startswith(b"%PDF-")
    assert "PDF copies made: 0." in apply_app.test_cli_runner().invoke(args=["render-pdfs"]).output
    reference = receipt.rsplit("/", 1)[1]
    assert citizen.get(f"/en/apply/receipt/{reference}/pdf").data == made


def test_another_account_cannot_get_the_pdf(apply_app, citizen):
    _, receipt = send_application(citizen)
    other = apply_app.test_client()
    make_account(apply_app, email="ola@example.org")
    log_in(other, email="ola@example.org")
    assert other.get(f"{receipt}/pdf").status_code == 404
