"""Nothing typed is lost on the forms beyond an application's question pages, in Chromium: the
"this was not me" comment and a timesheet with its receipt go along with the language switch,
and are kept at the idle limit and back after logging in again; axe finds nothing in any of
those states."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal import create_app
from portal.extensions import db
from portal.services import cases, submissions
from tests.browser.conftest import PageProblems, log_in, log_in_with_id, violations
from tests.conftest import base_config
from tests.helpers import (
    PDF,
    TEST_PASSWORD,
    engage_volunteer,
    log_in as log_in_client,
    make_account,
    make_caseworker,
    make_volunteer,
    reference_in,
    send_application,
)
from tests.identities import aged
from tests.reader_client import ReaderClient, reader_address

pytestmark = pytest.mark.browser

COMMENT = "Jeg kjenner ikke avsenderen."


def _sent_by_a_stranger(database_url, national_id: str) -> str:
    """Someone who logged in with e-mail only sends an application with the person's number."""
    app = create_app({**base_config(), "SQLALCHEMY_DATABASE_URI": database_url, "FEATURE_ONLINE_APPLICATIONS": True})
    app.test_client_class = ReaderClient  # the helpers name pages by their declared addresses
    make_account(app, email="fremmed.nettleser@example.org")
    stranger = app.test_client()
    log_in_client(stranger, email="fremmed.nettleser@example.org")
    _, receipt = send_application(stranger, national_id=national_id)
    with app.app_context():
        db.engine.dispose()
    return reference_in(receipt)


def _volunteer(live_app, email: str) -> str:
    """A volunteer in the register (tests.helpers.make_volunteer), with a name of their own: the
    browser tests share one database, and the volunteer journey looks for its own Vera Frivillig."""
    return make_volunteer(live_app, email, name="Tove Timer")


def test_the_not_me_comment_survives_the_language_switch_and_the_idle_limit(
    browser, live_server, live_app, identity_provider, database_url, clock
):
    person_id = aged(44, today=clock.today(), start=171)
    reference = _sent_by_a_stranger(database_url, person_id)
    page = log_in_with_id(browser, live_server, identity_provider, person_id)
    page.problems = PageProblems(page)
    page.clock.install()
    page.goto(live_server + reader_address(live_app, f"/nb/cases/{reference}"))
    comment = page.get_by_label("Noe du vil si til kommunen (valgfritt)")
    comment.fill(COMMENT)
    page.get_by_role("button", name="English").click()
    assert page.url == f"{live_server}/en/cases/{reference}"
    expect(page.get_by_label("Anything you want to tell the municipality (optional)")).to_have_value(COMMENT)
    assert violations(page) == [], "the case page in English with the comment"

    # Nobody answers the warning: the comment is kept and the log-in ends.
    page.clock.run_for("25:01")
    expect(page.get_by_role("dialog", name="You will soon be logged out")).to_be_visible()
    with page.expect_navigation():
        page.clock.run_for("04:00")
    assert "/en/account/login" in page.url
    expect(page.get_by_role("status").first).to_contain_text("What you wrote is saved.")
    assert violations(page) == [], "the log-in page after the time-out"
    assert page.problems.items == []  # the portal's pages; the stand-in for ID-porten is not ours
    page.get_by_role("link", name=re.compile("ID-porten")).click()
    page.locator("input[name=sub]").fill(person_id)
    page.get_by_role("button", name="Authorize").click()
    assert page.url == f"{live_server}/en/cases/{reference}"
    expect(page.get_by_label("Anything you want to tell the municipality (optional)")).to_have_value(COMMENT)
    expect(page.get_by_role("status").first).to_contain_text("What you wrote before your log-in ended is back")
    assert violations(page) == [], "the case page again after log-in"
    page.context.close()


def test_a_timesheet_with_its_receipt_survives_the_language_switch_and_the_idle_limit(
    browser, live_server, live_app, clock
):
    with live_app.app_context():
        reference = submissions.register_offline("paper", "stottekontakt", "Per Papir", aged(31, start=172))[
            0
        ].reference
        today = clock.today().isoformat()
        with live_app.test_request_context():
            decision = {"outcome": "granted", "decided_on": today, "notified_on": today, "hours": 3, "per": "week"}
            cases.record_event(cases.find(reference), "decision", {**decision, "summary": "Innvilget."})
        db.session.remove()
    make_account(live_app, email="tove.timer@example.org")
    make_caseworker(live_app, email="tove.worker@fjellvik.kommune.no")
    started = clock.today() - timedelta(days=45)
    volunteer = _volunteer(live_app, "tove.timer@example.org")
    assignment = engage_volunteer(live_app, volunteer, reference, started)

    page = browser.new_context(locale="nb-NO").new_page()
    page.problems = PageProblems(page)
    page.clock.install()
    log_in(page, live_server, "tove.timer@example.org")
    page.goto(live_server + reader_address(live_app, f"/nb/volunteer/timesheet/{assignment}"))
    worked = max(clock.today().replace(day=1) - timedelta(days=20), started).strftime("%d.%m.%Y")
    page.fill("[name=lines-0-day]", worked)
    page.fill("[name=lines-0-activity]", "Kino")
    page.set_input_files(
        "input[name=receipt]", files=[{"name": "kvittering.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="English").click()
    assert page.url == f"{live_server}/en/volunteer/timesheet/{assignment}"
    expect(page.locator("[name=lines-0-day]")).to_have_value(worked)
    expect(page.locator("[name=lines-0-activity]")).to_have_value("Kino")
    expect(page.locator("#receipt-kept")).to_contain_text("kvittering.pdf is kept.")
    assert violations(page) == [], "the timesheet in English with the receipt kept"

    page.clock.run_for("25:01")
    expect(page.get_by_role("dialog", name="You will soon be logged out")).to_be_visible()
    with page.expect_navigation():
        page.clock.run_for("04:00")
    assert "/en/account/login" in page.url
    assert violations(page) == [], "the log-in page after the time-out"
    page.fill("input[name=email]", "tove.timer@example.org")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("form.form button[type=submit]").click()
    assert page.url == f"{live_server}/en/volunteer/timesheet/{assignment}"
    expect(page.locator("[name=lines-0-day]")).to_have_value(worked)
    expect(page.locator("[name=lines-0-activity]")).to_have_value("Kino")
    assert violations(page) == [], "the timesheet again after log-in"
    assert page.problems.items == []
    page.context.close()
