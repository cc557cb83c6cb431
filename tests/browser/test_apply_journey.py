"""Applying for støttekontakt in Chromium: every page checked by axe with and without
errors shown, leaving and resuming, switching language, sending once, the receipt."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import ANSWERS, declared_path, fill, last_link, log_in, violations
from tests.helpers import PDF, TEST_PASSWORD, make_account
from tests.reader_client import reader_address

pytestmark = pytest.mark.browser


def _register(page, live_server, live_app, email):
    page.goto(live_server + reader_address(live_app, "/nb/account/register"))
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.fill("input[name=password_repeat]", TEST_PASSWORD)
    page.get_by_role("button", name="Opprett konto").click()
    page.goto(last_link(live_app))
    log_in(page, live_server, email)


def test_register_apply_leave_resume_switch_language_send_and_open_the_pdf(browser, live_server, live_app):
    context = browser.new_context(locale="nb-NO", accept_downloads=True)
    page = context.new_page()
    _register(page, live_server, live_app, "applicant@example.org")
    assert page.get_by_role("heading", level=1).inner_text() == "Min side"
    page.goto(live_server + "/nb/stottekontakt")
    page.get_by_role("link", name="Søk om støttekontakt").click()
    assert violations(page) == []
    page.get_by_role("button", name="Start").click()
    assert violations(page) == []  # who the application is for
    page.get_by_role("button", name="Fortsett").click()
    expect(page).to_have_title(re.compile(r"^Feil:"))
    assert violations(page) == [], "who it is for, with errors"
    page.check("input[name=who][value=self]")
    page.get_by_role("button", name="Fortsett").click()

    for number, (step, answers) in enumerate(ANSWERS.items(), start=1):
        assert f"steg {number} av 8" in page.content()
        assert violations(page) == [], step
        if step != "consent":  # every page that can have errors
            page.get_by_role("button", name="Lagre og fortsett").click()
            expect(page).to_have_title(re.compile(r"^Feil:"))
            assert violations(page) == [], f"{step} with errors"
        fill(page, answers)
        page.get_by_role("button", name="Lagre og fortsett").click()
        if step == "network":
            # Leave in the middle, come back from My page, in English this time.
            page.goto(live_server + "/en/my-page")
            page.get_by_role("link", name=re.compile("Continue")).click()
            assert page.get_by_role("heading", level=1).inner_text() == "Your wishes"
            page.get_by_role("button", name="Norsk bokmål").click()
            assert page.get_by_role("heading", level=1).inner_text() == "Ønskene dine"

    assert page.get_by_role("heading", level=1).inner_text() == "Vedlegg"
    assert "steg 7 av 8" in page.content()
    assert violations(page) == []
    page.get_by_role("button", name="Legg til filen").click()
    expect(page).to_have_title(re.compile(r"^Feil:"))
    assert violations(page) == [], "attachments with errors"
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "uttalelse.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.get_by_role("button", name="Legg til filen").click()
    assert "uttalelse.pdf" in page.content()
    assert violations(page) == []
    page.get_by_role("button", name="Fortsett").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Sjekk svarene dine"
    assert "uttalelse.pdf" in page.content()
    check_url = page.url
    assert "Kari Nordmann" in page.content() and "I gruppe sammen med andre" in page.content()
    assert violations(page) == []
    page.get_by_role("button", name="Send søknaden").click()
    expect(page).to_have_title(re.compile(r"^Feil:"))
    assert violations(page) == []
    page.check("input[name=correct]")
    page.get_by_role("button", name="Send søknaden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Søknaden er sendt"
    reference = re.search(r"SK-\d{4}-\d{6}", page.content()).group(0)
    assert violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned en kopi av søknaden (PDF)").click()
    pdf = download.value
    assert pdf.suggested_filename == f"{reference}.pdf"
    with open(pdf.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    page.goto(check_url)  # back to the check page after sending: the same receipt
    assert page.get_by_role("heading", level=1).inner_text() == "Søknaden er sendt"
    assert reference in page.content()
    page.get_by_role("banner").get_by_role("link", name="Min side").click()
    assert declared_path(page.url) == "/nb/my-page"
    assert reference in page.content()
    assert violations(page) == []
    context.close()


@pytest.mark.parametrize(
    "service,steps",
    [
        ("ledsagerbevis", ["person", "residence", "disability", "companions"]),
        ("bpa", ["person", "assistance", "supervisor", "family"]),
    ],
)
def test_every_page_of_the_other_journeys_has_no_violations_with_errors_shown(
    browser, live_server, live_app, service, steps
):
    email = f"{service}@example.org"
    make_account(live_app, email=email)
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    log_in(page, live_server, email, lang="en")
    page.goto(f"{live_server}/en/apply/?service={service}")
    page.get_by_role("button", name="Start").click()
    page.check("input[name=who][value=self]")
    page.get_by_role("button", name="Continue").click()
    base = page.url.rsplit("/", 1)[0]
    for step in steps:
        page.goto(f"{base}/{step}")
        assert violations(page) == [], step
        page.get_by_role("button", name="Save and continue").click()
        expect(page).to_have_title(re.compile(r"^Error:"))
        assert violations(page) == [], f"{step} with errors"
    page.goto(f"{base}/attachments")
    assert violations(page) == []
    page.goto(f"{base}/delete")
    assert violations(page) == []
    page.get_by_role("button", name="Delete the draft").click()
    assert page.url.endswith("/en/my-page")
    assert "The draft is deleted" in page.content()
    context.close()


# The støttekontakt journey's pages in Nynorsk: (step, heading, answers).
NYNORSK_STEPS = [
    ("person", "Om deg", ANSWERS["person"]),
    ("need", "Kvifor du treng hjelp", ANSWERS["need"]),
    ("situation", "Korleis du bur, og hjelpa du får", ANSWERS["situation"]),
    ("network", "Nettverket ditt", ANSWERS["network"]),
    ("wishes", "Ønska dine", ANSWERS["wishes"]),
    ("consent", "Opplysningar frå andre", ANSWERS["consent"]),
]


def _in_nynorsk(page, what: str) -> None:
    """The page is in Nynorsk, at a Nynorsk address, and axe finds nothing on it."""
    assert page.locator("html").get_attribute("lang") == "nn", what
    assert "/nn/" in page.url and "/nb/" not in page.url and "/en/" not in page.url, what
    assert violations(page) == [], what


def test_a_citizen_applies_for_stottekontakt_in_nynorsk_end_to_end(browser, live_server, live_app):
    """Every page of the way in Nynorsk, at its Nynorsk address, axe at 0 on each (also with
    errors shown), and the receipt and the copy of the application in Nynorsk."""
    make_account(live_app, email="nynorsk.applicant@example.org")
    context = browser.new_context(locale="nn-NO", accept_downloads=True)
    page = context.new_page()
    log_in(page, live_server, "nynorsk.applicant@example.org", lang="nn")
    assert declared_path(page.url) == "/nn/my-page"
    assert page.get_by_role("heading", level=1).inner_text() == "Min side"
    _in_nynorsk(page, "My page")
    page.goto(live_server + "/nn/stottekontakt")
    _in_nynorsk(page, "the guide")
    page.get_by_role("link", name="Søk om støttekontakt").click()
    assert declared_path(page.url).startswith("/nn/apply/")
    _in_nynorsk(page, "the start page")
    page.get_by_role("button", name="Start").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kven gjeld søknaden?"
    _in_nynorsk(page, "who it is for")
    page.get_by_role("button", name="Hald fram").click()
    expect(page).to_have_title(re.compile(r"^Feil:"))
    _in_nynorsk(page, "who it is for, with errors")
    page.check("input[name=who][value=self]")
    page.get_by_role("button", name="Hald fram").click()

    for number, (step, heading, answers) in enumerate(NYNORSK_STEPS, start=1):
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert declared_path(page.url).endswith(f"/{step}")
        assert f"steg {number} av 8" in page.content()
        _in_nynorsk(page, step)
        if step != "consent":
            page.get_by_role("button", name="Lagre og hald fram").click()
            expect(page).to_have_title(re.compile(r"^Feil:"))
            _in_nynorsk(page, f"{step} with errors")
        fill(page, answers)
        page.get_by_role("button", name="Lagre og hald fram").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Vedlegg"
    assert "steg 7 av 8" in page.content()
    _in_nynorsk(page, "attachments")
    page.get_by_role("button", name="Legg til fila").click()
    expect(page).to_have_title(re.compile(r"^Feil:"))
    _in_nynorsk(page, "attachments with errors")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "uttale.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.get_by_role("button", name="Legg til fila").click()
    assert "uttale.pdf" in page.content()
    _in_nynorsk(page, "attachments with a file")
    page.get_by_role("button", name="Hald fram").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Sjekk svara dine"
    assert declared_path(page.url).endswith("/check")
    assert "Kari Nordmann" in page.content() and "I gruppe saman med andre" in page.content()
    _in_nynorsk(page, "check")
    page.get_by_role("button", name="Send søknaden").click()
    expect(page).to_have_title(re.compile(r"^Feil:"))
    _in_nynorsk(page, "check with errors")
    page.check("input[name=correct]")
    page.get_by_role("button", name="Send søknaden").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Søknaden er sendt"
    reference = re.search(r"SK-\d{4}-\d{6}", page.content()).group(0)
    _in_nynorsk(page, "the receipt")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned ein kopi av søknaden (PDF)").click()
    assert download.value.suggested_filename == f"{reference}.pdf"
    copy = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(download.value.path()).pages)
    assert "Kvifor du treng hjelp" in copy and "I gruppe saman med andre" in copy  # the copy in Nynorsk too
    page.get_by_role("banner").get_by_role("link", name="Min side").click()
    assert declared_path(page.url) == "/nn/my-page"
    assert reference in page.content()
    _in_nynorsk(page, "My page with the application sent")
    context.close()
