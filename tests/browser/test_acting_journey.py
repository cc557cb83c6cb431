"""Acting for someone else in Chromium with two accounts, both logged in with electronic ID:
a fullmakt asked for and approved in the portal, used to apply, then withdrawn; a fullmakt
on paper, downloaded, uploaded and checked by the municipality. axe on every new page,
also with errors shown."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from babel.dates import format_date
from playwright.sync_api import expect

from tests.browser.conftest import errors_shown, fill, last_message, log_in, log_in_with_id, violations
from tests.helpers import day, make_caseworker, pdf_file
from tests.identities import aged
from tests.reader_client import reader_address

pytestmark = pytest.mark.browser

REP = aged(41, start=60)
PERSON = aged(77, start=60)


def test_a_fullmakt_asked_for_approved_used_and_withdrawn(browser, live_server, live_app, identity_provider, clock):
    rep = log_in_with_id(browser, live_server, identity_provider, REP)
    rep.get_by_role("link", name="Hvem jeg handler for").click()
    assert violations(rep) == []
    rep.get_by_role("link", name="Handle for en ny person").click()
    assert violations(rep) == []
    errors_shown(rep, "Fortsett")
    rep.check("input[name=basis][value=fullmakt]")
    rep.get_by_role("button", name="Fortsett").click()
    assert violations(rep) == []
    errors_shown(rep, "Send forespørselen")
    rep.fill("input[name=representative_name]", "Rita Representant")
    rep.fill("input[name=representative_email]", "rita.browser@example.org")
    rep.fill("input[name=person_name]", "Gunn Giver")
    rep.fill("input[name=person_national_id]", PERSON)
    rep.fill("input[name=person_email]", "gunn.browser@example.org")
    rep.check("input[name=scopes][value=apply]")
    rep.check("input[name=scopes][value=see_case]")
    rep.check("input[name=services][value=stottekontakt]")
    rep.fill("input[name=valid_until]", day(clock.today() + timedelta(days=2 * 365)))
    rep.get_by_role("button", name="Send forespørselen").click()
    assert rep.get_by_role("heading", level=1).inner_text() == "Gunn Giver"
    assert "Venter på at Gunn Giver svarer" in rep.content()
    assert violations(rep) == []

    # The person: the link in the e-mail, log-in with electronic ID, the request, approve.
    link = re.search(r"https?://\S+", last_message(live_app, "gunn.browser@example.org").body).group(0)
    person = log_in_with_id(browser, live_server, identity_provider, PERSON, start=link)
    assert person.url == link  # after log-in, straight back to the request
    assert "Rita Representant" in person.content() and "Søke om tjenester" in person.content()
    assert violations(person) == []
    errors_shown(person, "Send svaret")
    person.check("input[name=answer][value=approve]")
    person.get_by_role("button", name="Send svaret").click()
    assert person.get_by_role("heading", level=1).inner_text() == "Hvem kan handle for meg"
    assert violations(person) == []

    # The representative applies for the person.
    rep.goto(live_server + reader_address(live_app, "/nb/apply/?service=stottekontakt"))
    rep.get_by_role("button", name="Start").click()
    assert violations(rep) == []
    rep.get_by_label("Gunn Giver").check()
    rep.get_by_role("button", name="Fortsett").click()
    assert rep.get_by_role("heading", level=1).inner_text() == "Om personen du søker for"
    assert violations(rep) == []
    fill(
        rep,
        {
            "street_address": "Gata 2",
            "postcode": "4999",
            "city": "Fjellvik",
            "phone": "91234567",
            "radios": {"preferred_language": "nb", "interpreter": "no"},
        },
    )
    rep.get_by_role("button", name="Lagre og fortsett").click()
    assert violations(rep) == []
    errors_shown(rep, "Lagre og fortsett")
    fill(rep, {"phone": "92233444", "radios": {"relation": "family"}})
    rep.get_by_role("button", name="Lagre og fortsett").click()
    for answers in (
        {"description": "Vil gjerne ut.", "checks": {"groups": ["social"]}},
        {"radios": {"living": "alone"}},
        {"network": "Datteren min."},
        {"interests": "Turer", "radios": {"form_of_support": "individual"}},
        {},
    ):
        fill(rep, answers)
        rep.get_by_role("button", name="Lagre og fortsett").click()
    rep.get_by_role("button", name="Fortsett").click()
    assert "Gunn Giver" in rep.content() and violations(rep) == []
    rep.check("input[name=correct]")
    rep.get_by_role("button", name="Send søknaden").click()
    assert rep.get_by_role("heading", level=1).inner_text() == "Søknaden er sendt"
    receipt = rep.url
    assert violations(rep) == []

    # The person withdraws; the next request the representative makes shows why it stopped.
    person.get_by_role("link", name=re.compile("^Trekk tilbake")).click()
    assert violations(person) == []
    person.get_by_role("button", name=re.compile("^Ja")).click()
    assert "Du trakk den tilbake" in person.content()
    rep.goto(receipt)
    assert rep.get_by_role("heading", level=1).inner_text() == "Du kan ikke lenger handle for Gunn Giver"
    assert violations(rep) == []
    rep.context.close()
    person.context.close()


def test_a_paper_fullmakt_downloaded_signed_uploaded_and_checked(
    browser, live_server, live_app, identity_provider, clock
):
    rep = log_in_with_id(browser, live_server, identity_provider, aged(42, start=60))
    rep.goto(live_server + reader_address(live_app, "/nb/authorities/new"))
    rep.check("input[name=basis][value=paper]")
    rep.get_by_role("button", name="Fortsett").click()
    assert violations(rep) == []
    errors_shown(rep, "Fortsett")
    rep.fill("input[name=representative_name]", "Per Papir")
    rep.fill("input[name=person_name]", "Siri Signatur")
    rep.fill("input[name=person_national_id]", aged(80, start=60))
    rep.check("input[name=scopes][value=apply]")
    rep.check("input[name=services][value=bpa]")
    rep.fill("input[name=valid_until]", day(clock.today() + timedelta(days=365)))
    rep.get_by_role("button", name="Fortsett").click()
    assert rep.get_by_role("heading", level=1).inner_text() == "Last opp fullmakten som er signert"
    assert violations(rep) == []
    with rep.expect_download() as download:
        rep.get_by_role("link", name="Last ned fullmakten (PDF)").click()
    with open(download.value.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    errors_shown(rep, "Last opp")
    rep.set_input_files(
        "input[type=file]",
        files=[{"name": "signert.pdf", "mimeType": "application/pdf", "buffer": pdf_file(note="signed")}],
    )
    rep.get_by_role("button", name="Last opp").click()
    assert "Kommunen sjekker dokumentet" in rep.content()
    assert violations(rep) == []
    authority_url = rep.url

    make_caseworker(live_app, email="sara.browser@fjellvik.kommune.no")
    context = browser.new_context(locale="nb-NO")
    caseworker = context.new_page()
    log_in(caseworker, live_server, "sara.browser@fjellvik.kommune.no")
    caseworker.goto(live_server + reader_address(live_app, "/nb/intake/authorities"))
    assert violations(caseworker) == []
    caseworker.get_by_role("link", name="Siri Signatur").click()
    assert violations(caseworker) == []
    errors_shown(caseworker, "Lagre kontrollen")
    caseworker.check("input[name=outcome][value=reject]")
    errors_shown(caseworker, "Lagre kontrollen")
    caseworker.check("input[name=outcome][value=verify]")
    caseworker.get_by_role("button", name="Lagre kontrollen").click()
    assert "Siri Signatur" not in caseworker.content()  # checked, so off the list
    rep.goto(authority_url)
    until = format_date(clock.today() + timedelta(days=365), "long", locale="nb_NO")
    assert f"Aktiv til og med {until}" in rep.content()
    context.close()
    rep.context.close()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("basis", ["parent", "verge"])
def test_the_parent_and_verge_forms_have_no_violations_with_errors_shown(
    browser, live_server, live_app, identity_provider, lang, basis
):
    page = log_in_with_id(browser, live_server, identity_provider, aged(43, start=60), lang)
    page.goto(live_server + reader_address(live_app, f"/{lang}/authorities/new/{basis}"))
    assert page.locator("html").get_attribute("lang") == lang
    assert violations(page) == []
    errors_shown(
        page,
        {
            "nb": {"parent": "Bekreft", "verge": "Fortsett"},
            "nn": {"parent": "Stadfest", "verge": "Hald fram"},
            "en": {"parent": "Confirm", "verge": "Continue"},
        }[lang][basis],
    )
    page.goto(live_server + reader_address(live_app, f"/{lang}/authorities/for-me"))
    assert violations(page) == []
    page.context.close()


def test_a_parent_in_english_the_child_views_page_and_stopping(browser, live_server, identity_provider):
    page = log_in_with_id(browser, live_server, identity_provider, aged(38, start=60), "en")
    page.goto(f"{live_server}/en/apply/?service=stottekontakt")
    page.get_by_role("button", name="Start").click()
    page.check("input[name=who][value=other]")
    page.get_by_role("button", name="Continue").click()
    page.check("input[name=basis][value=parent]")
    page.get_by_role("button", name="Continue").click()
    page.fill("input[name=representative_name]", "Pål Parent")
    page.fill("input[name=child_name]", "Lise Child")
    page.fill("input[name=child_national_id]", aged(11, start=60))
    page.check("input[name=responsibility]")
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Who is the application for?"
    assert page.locator("input[name=who]:checked").get_attribute("value") not in ("self", "other")
    assert violations(page) == []
    page.get_by_role("button", name="Continue").click()
    base = page.url.rsplit("/", 1)[0]
    page.goto(f"{base}/child_views")
    assert page.get_by_role("heading", level=1).inner_text() == "What the child thinks"
    assert "You are applying for Lise Child" in page.content()
    assert violations(page) == []
    errors_shown(page, "Save and continue")
    page.goto(f"{live_server}/en/authorities/")
    page.get_by_role("link", name=re.compile("See details")).click()
    assert violations(page) == []
    page.get_by_role("link", name="Stop acting for Lise Child").click()
    assert violations(page) == []
    page.get_by_role("button", name=re.compile("^Yes")).click()
    assert "You no longer act for them" in page.content()
    page.goto(base + "/need")
    # The unsent draft is stopped, not gone: its page says why, and that it can only be deleted.
    assert page.get_by_role("heading", level=1).inner_text() == "You can no longer act for Lise Child"
    assert violations(page) == []
    page.context.close()


def test_a_parent_of_a_sixteen_year_old_goes_on_to_ask_for_a_fullmakt(
    browser, live_server, live_app, identity_provider
):
    """pbrl § 4-3: from 16 the young person decides. The parent is told why and goes on to ask
    them for a fullmakt with what they typed carried over; axe on both pages."""
    page = log_in_with_id(browser, live_server, identity_provider, aged(44, start=60))
    page.goto(live_server + reader_address(live_app, "/nb/authorities/new/parent"))
    page.fill("input[name=representative_name]", "Pål Forelder")
    page.fill("input[name=child_name]", "Unn Ung")
    young = aged(16, start=60)
    page.fill("input[name=child_national_id]", young)
    page.check("input[name=responsibility]")
    page.get_by_role("button", name="Bekreft").click()
    expect(page).to_have_title(re.compile(r"^Feil:"))
    assert "Fra 16 år bestemmer Unn Ung selv" in page.content()
    assert violations(page) == []
    page.get_by_role("button", name="Spør dem i portalen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Be om fullmakt"
    assert page.input_value("input[name=person_name]") == "Unn Ung"
    assert page.input_value("input[name=person_national_id]") == young
    assert page.input_value("input[name=representative_name]") == "Pål Forelder"
    assert young not in page.url
    assert violations(page) == []
    page.context.close()


def test_the_page_asking_for_electronic_id_has_no_violations(browser, live_server, live_app):
    from tests.helpers import make_account

    make_account(live_app, email="unverified.browser@example.org")
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    log_in(page, live_server, "unverified.browser@example.org")
    page.goto(live_server + reader_address(live_app, "/nb/authorities/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Logg inn med elektronisk ID"
    assert violations(page) == []
    context.close()
