"""Volunteers and the ombud in Chromium: a volunteer applies (axe on every page, with errors),
the caseworker moves them through the register and engages them for a granted case, the
volunteer hands in a timesheet; a person gives the ombud access, the ombud follows the case,
and the person sees who has looked at it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import declared_path, errors_shown, log_in, violations
from tests.helpers import PDF, make_account, make_caseworker
from tests.identities import aged
from tests.reader_client import reader_address

pytestmark = pytest.mark.browser


VOLUNTEER_PAGES = [
    (
        "about_you",
        {
            "full_name": "Vera Frivillig",
            "national_id": aged(36, start=160),
            "street_address": "Gata 3",
            "postcode": "4999",
            "city": "Fjellvik",
            "occupation": "Lærer",
            "phone": "91234567",
            "email": "vera.browser@example.org",
        },
        {"work": "part_time"},
        {},
    ),
    ("driving", {}, {"has_car": "yes", "has_licence": "yes"}, {}),
    ("experience", {"experience": "Lærer i ti år."}, {}, {}),
    ("interests", {"hobbies": "Fotball"}, {}, {"interests": ["sports", "culture"]}),
    ("availability", {}, {}, {"times": ["evening"], "groups": ["adults"]}),
    ("capacity", {"hours": "4"}, {"per": "week", "people": "1"}, {}),
    ("other", {}, {}, {"confidentiality": ["y"]}),
]


def test_a_volunteer_applies_is_engaged_and_hands_in_a_timesheet(browser, live_server, live_app, clock):
    make_account(live_app, email="vera.browser@example.org")
    make_caseworker(live_app, email="vol.worker@fjellvik.kommune.no")
    page = browser.new_context(locale="nb-NO").new_page()
    page.goto(live_server + reader_address(live_app, "/nb/volunteer/"))
    assert violations(page) == []
    log_in(page, live_server, "vera.browser@example.org")
    page.goto(live_server + reader_address(live_app, "/nb/volunteer/"))
    page.get_by_role("button", name="Start søknaden").click()
    for step, texts, radios, checks in VOLUNTEER_PAGES:
        assert violations(page) == [], step
        errors_shown(page, "Lagre og fortsett")
        for name, value in texts.items():
            page.fill(f"[name={name}]", value)
        for name, value in radios.items():
            page.check(f"input[name={name}][value='{value}']")
        for name, values in checks.items():
            for value in values:
                page.check(f"input[name={name}][value='{value}']")
        page.get_by_role("button", name="Lagre og fortsett").click()
    assert violations(page) == []  # check your answers
    page.check("input[name=correct]")
    page.get_by_role("button", name="Send søknaden").click()
    assert re.search(r"FR-\d{4}-\d{6}", page.content())
    assert violations(page) == []
    page.goto(live_server + reader_address(live_app, "/nb/volunteer/"))
    assert violations(page) == []

    worker = browser.new_context(locale="nb-NO").new_page()
    log_in(worker, live_server, "vol.worker@fjellvik.kommune.no")
    worker.goto(live_server + reader_address(live_app, "/nb/intake/volunteers?times=evening"))
    assert violations(worker) == []
    worker.get_by_role("link", name="Vera Frivillig").click()
    assert violations(worker) == []
    worker.check("input[name=to][value=interviewed]")
    worker.get_by_role("button", name="Lagre").click()

    # Asked for it after the interview, Vera uploads her police certificate.
    page.goto(live_server + reader_address(live_app, "/nb/volunteer/"))
    errors_shown(page, "Last opp")
    page.set_input_files(
        "input[name=file]", files=[{"name": "politiattest.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Last opp").click()
    assert "politiattest.pdf" in page.content() and violations(page) == []
    worker.reload()
    assert "politiattest.pdf" in worker.content()
    worker.check("input[name=to][value=certificate_received]")
    errors_shown(worker, "Lagre")
    worker.fill("input[name=certificate_issued_on]", (clock.today() - timedelta(days=7)).strftime("%d.%m.%Y"))
    worker.get_by_role("button", name="Lagre").click()
    assert "Politiattest mottatt" in worker.content() or "politiattest" in worker.content().lower()

    # A granted case, and Vera engaged for it.
    from portal.extensions import db
    from portal.services import cases, submissions

    with live_app.app_context():
        reference = submissions.register_offline("paper", "stottekontakt", "Per Papir", aged(30, start=161))[
            0
        ].reference
        today = clock.today().isoformat()
        with live_app.test_request_context():
            cases.record_event(
                cases.find(reference),
                "decision",
                {
                    "outcome": "granted",
                    "decided_on": today,
                    "notified_on": today,
                    "hours": 3,
                    "per": "week",
                    "summary": "Innvilget.",
                },
            )
        db.session.remove()
    worker.goto(live_server + reader_address(live_app, f"/nb/intake/cases/{reference}/match"))
    assert violations(worker) == []
    worker.get_by_role("button", name="Engasjer Vera Frivillig").click()
    assert "taushetserklæringen" in worker.content() and violations(worker) == []
    worker.check("input[name=signed]")
    worker.get_by_role("button", name="Engasjer Vera Frivillig").click()
    assert reference in worker.content()
    from portal.models import Account, Assignment, Volunteer

    with live_app.app_context():  # as if she started almost half a year ago
        assignment = db.session.scalars(
            db.select(Assignment)
            .join(Volunteer)
            .join(Account, Volunteer.account_id == Account.id)
            .where(Account.email == "vera.browser@example.org")
        ).one()
        assignment.started_on = clock.today() - timedelta(days=170)
        db.session.commit()
        db.session.remove()

    page.goto(live_server + reader_address(live_app, "/nb/volunteer/"))
    page.get_by_role("link", name=re.compile("^Send timelisten for")).first.click()
    assert violations(page) == []
    errors_shown(page, "Send timelisten")
    page.get_by_role("button", name="Legg til fire dager til").click()
    assert page.locator("input[name='lines-11-day']").count() == 1
    worked = (clock.today().replace(day=1) - timedelta(days=1)).replace(day=12)
    page.select_option("select[name=month]", worked.replace(day=1).isoformat())
    page.fill("input[name='lines-0-day']", worked.strftime("%d.%m.%Y"))
    page.fill("input[name='lines-0-hours']", "3")
    page.check("input[name=correct]")
    page.get_by_role("button", name="Send timelisten").click()
    assert declared_path(page.url) == "/nb/volunteer/"
    page.get_by_role("link", name=re.compile("halvårsrapporten", re.I)).click()
    assert violations(page) == []
    errors_shown(page, "Send rapporten")
    worker.goto(live_server + reader_address(live_app, "/nb/intake/volunteers"))
    worker.get_by_role("link", name="Vera Frivillig").click()
    worker.get_by_role("link", name=re.compile("^Timeliste for")).click()
    assert "3.0" in worker.content() and violations(worker) == []
    page.context.close()
    worker.context.close()


def test_the_person_gives_the_ombud_access_and_sees_the_ombud_looked(
    browser, live_server, live_app, identity_provider, clock
):
    from portal.extensions import db
    from portal.services import cases, submissions

    client_id = aged(61, start=162)
    result = live_app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--email",
            "ombud.browser@pobo.no",
            "--role",
            "ombud",
            "--name",
            "Ombudet i Rogaland",
            "--password-stdin",
        ],
        input="et langt ombudspassord\n",
    )
    assert result.exit_code == 0
    with live_app.app_context():
        reference = submissions.register_offline("paper", "bpa", "Kari Klient", client_id)[0].reference
        with live_app.test_request_context():
            cases.record_event(cases.find(reference), "received", {"case_number": "26/88"})
        db.session.remove()

    requests.put(f"{identity_provider}/users/{client_id}", json={"pid": client_id}, timeout=5)
    person = browser.new_context(locale="nb-NO").new_page()
    person.goto(live_server + reader_address(live_app, "/nb/account/login"))
    person.get_by_role("link", name=re.compile("ID-porten")).click()
    person.locator("input[name=sub]").fill(client_id)
    person.get_by_role("button", name="Authorize").click()
    person.goto(live_server + reader_address(live_app, "/nb/authorities/for-me"))
    person.get_by_role("link", name="Gi ombudet tilgang").click()
    assert violations(person) == []
    errors_shown(person, "Gi ombudet tilgang")
    person.check("input[name=office]")
    person.check("input[name=scopes][value=see_case]")
    person.check("input[name=services][value=bpa]")
    person.fill("input[name=valid_until]", (clock.today() + timedelta(days=365)).strftime("%d.%m.%Y"))
    person.get_by_role("button", name="Gi ombudet tilgang").click()
    assert "Ombudet i Rogaland" in person.content() and violations(person) == []

    ombud = browser.new_context(locale="nb-NO").new_page()
    ombud.goto(live_server + reader_address(live_app, "/nb/account/login"))
    ombud.fill("input[name=email]", "ombud.browser@pobo.no")
    ombud.fill("input[name=password]", "et langt ombudspassord")
    ombud.locator("form.form button[type=submit]").click()
    ombud.goto(live_server + reader_address(live_app, "/nb/ombud/"))
    assert reference in ombud.content() and violations(ombud) == []
    ombud.get_by_role("link", name=re.compile(reference)).first.click()
    assert "26/88" in ombud.content()

    person.goto(live_server + reader_address(live_app, f"/nb/cases/{reference}"))
    person.get_by_role("link", name="Hvem har sett saken").click()
    expect(person.get_by_role("main")).to_contain_text("Ombudet i Rogaland")
    assert "Åpnet saken" in person.content()
    assert violations(person) == []
    person.goto(live_server + reader_address(live_app, "/nb/cases/seen"))
    assert violations(person) == []
    person.context.close()
    ombud.context.close()
