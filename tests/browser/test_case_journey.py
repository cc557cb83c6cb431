"""From sending to a decision to an appeal, in Chromium with two accounts: the citizen sends
an application, the caseworker takes it in and records a decision in the portal, the citizen
reads it with its deadlines and appeals. axe on every page of the way, also with errors."""

from __future__ import annotations

import re

import pytest
from babel.dates import format_date
from playwright.sync_api import expect

from portal.rules.deadlines import appeal_deadline
from tests.browser.conftest import ANSWERS, errors_shown, fill, log_in, violations
from tests.helpers import day, make_account, make_caseworker
from tests.reader_client import reader_address

pytestmark = pytest.mark.browser


def _send_application(page, live_server, live_app):
    page.goto(live_server + reader_address(live_app, "/nb/apply/?service=stottekontakt"))
    page.get_by_role("button", name="Start").click()
    page.check("input[name=who][value=self]")
    page.get_by_role("button", name="Fortsett").click()
    for answers in ANSWERS.values():
        fill(page, answers)
        page.get_by_role("button", name="Lagre og fortsett").click()
    page.get_by_role("button", name="Fortsett").click()
    page.check("input[name=correct]")
    page.get_by_role("button", name="Send søknaden").click()
    return re.search(r"SK-\d{4}-\d{6}", page.content()).group(0)


def test_send_take_in_decide_read_and_appeal(browser, live_server, live_app, clock):
    make_account(live_app, email="case.citizen@example.org")
    make_caseworker(live_app, email="case.worker@fjellvik.kommune.no")
    citizen = browser.new_context(locale="nb-NO", accept_downloads=True).new_page()
    log_in(citizen, live_server, "case.citizen@example.org")
    reference = _send_application(citizen, live_server, live_app)
    citizen.goto(live_server + reader_address(live_app, "/nb/cases/"))
    assert reference in citizen.content() and violations(citizen) == []
    citizen.get_by_role("link", name=re.compile(reference)).click()
    assert "Sendt, ikke registrert av kommunen ennå" in citizen.content()
    assert violations(citizen) == []

    worker = browser.new_context(locale="nb-NO").new_page()
    log_in(worker, live_server, "case.worker@fjellvik.kommune.no")
    worker.goto(live_server + reader_address(live_app, "/nb/intake/"))
    assert violations(worker) == []
    worker.get_by_label("Referansenummer eller saksnummer").fill("SK-1999-000001")
    worker.get_by_role("button", name="Finn").click()
    expect(worker).to_have_title(re.compile(r"^Feil:"))
    assert violations(worker) == []
    worker.get_by_label("Referansenummer eller saksnummer").fill(reference)
    worker.get_by_role("button", name="Finn").click()
    assert reference in worker.get_by_role("heading", level=1).inner_text()
    assert violations(worker) == []
    worker.get_by_label("Kommunens saksnummer (valgfritt)").fill("26/4711")
    worker.get_by_role("button", name="Registrer som mottatt").click()
    assert "26/4711" in worker.content()
    worker.get_by_role("link", name="Vedtak er fattet").click()
    assert violations(worker) == []
    errors_shown(worker, "Registrer")
    worker.check("input[name=outcome][value=partly_granted]")
    # Today: a decision is never dated before the application it answers was sent.
    worker.get_by_label("Vedtaksdato").fill(day(clock.today()))
    worker.get_by_label("Dagen vedtaket kom fram til personen (valgfritt)").fill(day(clock.today()))
    worker.get_by_label("Timer (valgfritt)").fill("3")
    worker.check("input[name=per][value=week]")
    worker.locator("textarea[name=summary]").fill("Du har behov for støtte. Vi gir tre timer i uka.")
    worker.get_by_role("button", name="Registrer").click()
    assert "Registrert" in worker.content()

    citizen.reload()
    appeal_by = appeal_deadline("stottekontakt", clock.today()).due  # pbrl § 7-5
    assert (
        "Delvis innvilget" in citizen.content() and format_date(appeal_by, "long", locale="nb_NO") in citizen.content()
    )
    assert violations(citizen) == []
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="Les vedtaksbrevet (PDF)").click()
    with open(download.value.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="Legg fristene i kalenderen din (.ics)").click()
    with open(download.value.path(), "rb") as f:
        assert f.read(15) == b"BEGIN:VCALENDAR"

    citizen.get_by_role("link", name="Klag på vedtaket").click()
    assert violations(citizen) == []
    citizen.get_by_role("button", name="Fortsett").click()
    errors_shown(citizen, "Lagre og fortsett")
    citizen.check("input[name=points][value=hours]")
    citizen.fill("textarea[name=change]", "Seks timer i uka.")
    citizen.fill("textarea[name=why]", "Tre timer er for lite.")
    citizen.get_by_role("button", name="Lagre og fortsett").click()
    if "Hvorfor klagen kommer for sent" in citizen.get_by_role("heading", level=1).inner_text():
        errors_shown(citizen, "Lagre og fortsett")
        citizen.fill("textarea[name=why_late]", "Jeg var syk.")
        citizen.get_by_role("button", name="Lagre og fortsett").click()
    assert violations(citizen) == []  # attachments
    citizen.get_by_role("button", name="Fortsett").click()
    assert violations(citizen) == []  # check
    errors_shown(citizen, "Send klagen")
    citizen.check("input[name=correct]")
    citizen.get_by_role("button", name="Send klagen").click()
    assert citizen.get_by_role("heading", level=1).inner_text() == "Klagen er sendt"
    assert violations(citizen) == []
    citizen.get_by_role("link", name=re.compile(f"Følg saken {reference}")).click()
    assert "Klagen er sendt, men ikke registrert av kommunen ennå" in citizen.content()
    citizen.context.close()
    worker.context.close()


BUTTONS = {
    "nb": {"continue": "Fortsett", "save": "Lagre og fortsett", "record": "Registrer"},
    "nn": {"continue": "Hald fram", "save": "Lagre og hald fram", "record": "Registrer"},
    "en": {"continue": "Continue", "save": "Save and continue", "record": "Record"},
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_other_intake_and_appeal_pages_have_no_violations(browser, live_server, live_app, lang):
    make_caseworker(live_app, email=f"pages.worker.{lang}@fjellvik.kommune.no")
    make_account(live_app, email=f"pages.citizen.{lang}@example.org")
    page = browser.new_context(locale="en-GB").new_page()
    log_in(page, live_server, f"pages.citizen.{lang}@example.org", lang=lang)
    assert page.locator("html").get_attribute("lang") == lang
    page.goto(live_server + reader_address(live_app, f"/{lang}/appeal/"))
    assert violations(page) == []
    errors_shown(page, BUTTONS[lang]["continue"])
    page.goto(live_server + reader_address(live_app, f"/{lang}/appeal/outside"))
    assert violations(page) == []
    errors_shown(page, BUTTONS[lang]["continue"])
    page.check("input[name=who][value=self]")
    page.check("input[name=service][value=bpa]")
    page.get_by_role("button", name=BUTTONS[lang]["continue"]).click()
    assert violations(page) == []  # the decision page of an outside appeal
    errors_shown(page, BUTTONS[lang]["save"])
    page.goto(live_server + reader_address(live_app, f"/{lang}/cases/"))
    assert violations(page) == []
    page.context.close()
    worker = browser.new_context(locale="en-GB").new_page()
    log_in(worker, live_server, f"pages.worker.{lang}@fjellvik.kommune.no", lang=lang)
    worker.goto(live_server + reader_address(live_app, f"/{lang}/intake/?overdue=y&kind=application"))
    assert violations(worker) == []
    worker.goto(live_server + reader_address(live_app, f"/{lang}/intake/authorities"))
    assert violations(worker) == []
    with live_app.app_context():
        from portal.extensions import db
        from portal.services import submissions

        reference = submissions.register_offline("paper", "bpa", "Per Papir", "01019012480")[0].reference
        db.session.remove()
    worker.goto(live_server + reader_address(live_app, f"/{lang}/intake/submissions/{reference}"))
    assert violations(worker) == []
    for kind in (
        "received",
        "assessment_started",
        "preliminary_reply",
        "appeal_received",
        "appeal_forwarded",
        "appeal_decided",
        "withdrawn",
        "closed",
    ):
        worker.goto(live_server + reader_address(live_app, f"/{lang}/intake/cases/{reference}/record/{kind}"))
        assert violations(worker) == [], kind
        if kind in ("preliminary_reply", "appeal_forwarded", "appeal_decided"):
            errors_shown(worker, BUTTONS[lang]["record"])
    worker.context.close()


def test_the_queue_reflows_on_a_narrow_phone(browser, live_server, live_app):
    """WCAG 1.4.10: the caseworker's table stacks at 320 CSS pixels."""
    make_caseworker(live_app, email="narrow.worker@fjellvik.kommune.no")
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    log_in(page, live_server, "narrow.worker@fjellvik.kommune.no")
    page.goto(live_server + reader_address(live_app, "/nb/intake/"))
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()
