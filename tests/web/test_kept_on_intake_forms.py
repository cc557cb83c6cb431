"""The caseworker's forms keep what is typed too (DESIGN.md: nothing typed is ever lost): the
language switch takes it along, the save at the idle limit keeps it through the log-in that ends
there, and a form sent after the log-in had ended comes back on the page it was on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import CaseEvent
from tests.helpers import (
    TEST_PASSWORD,
    csrf_token,
    day,
    engage_volunteer,
    errors,
    html,
    log_in,
    make_volunteer,
    post_form,
    text,
)
from tests.reader_client import declared, reader_address

CASEWORKER = "sara@fjellvik.kommune.no"
REASON = "Vi venter på en uttalelse fra fastlegen"
BACK = {
    "nb": "Det du skrev før innloggingen din utløp, er tilbake på siden.",
    "nn": "Det du skreiv før innlogginga di gjekk ut, er tilbake på sida.",
    "en": "What you wrote before your log-in ended is back on the page.",
}
# Each language, and each it can be switched to.
SWITCHES = [(lang, to) for lang in ("nb", "nn", "en") for to in ("nb", "nn", "en") if to != lang]


def _switch(form: str, to: str) -> str:
    """The language switch's button for `to`, a button of the form `form`."""
    return f'form="{form}" type="submit" name="action" value="language-{to}"'


def _preliminary_replies(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.type == "preliminary_reply")
        )


@pytest.mark.parametrize("lang,to", SWITCHES)
def test_switching_language_while_recording_an_event_keeps_what_is_typed(
    apply_app, citizen, caseworker, submit_application, lang, to
):
    reference = submit_application(citizen)
    path = f"/{lang}/intake/cases/{reference}/record/preliminary_reply"
    page = html(caseworker.get(path))
    assert _switch("page-form", to) in page and 'id="page-form"' in page
    response = post_form(caseworker, path, {"reason": REASON, "action": f"language-{to}"})
    there = path.replace(f"/{lang}/", f"/{to}/", 1)
    assert declared(response.headers["Location"]) == there
    again = caseworker.get(there)
    assert f"{REASON}</textarea>" in html(again) and errors(again) == []
    assert _preliminary_replies(apply_app) == 0


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_an_event_saved_at_the_idle_limit_is_back_after_logging_in(
    apply_app, citizen, caseworker, submit_application, lang
):
    reference = submit_application(citizen)
    path = f"/{lang}/intake/cases/{reference}/record/preliminary_reply"
    assert 'data-form="page-form"' in html(caseworker.get(path))
    response = post_form(caseworker, path, {"reason": REASON, "action": "timeout"})
    assert declared(response.headers["Location"]).startswith(f"/{lang}/account/login")
    assert caseworker.get(path).status_code == 302
    log_in(caseworker, CASEWORKER, lang=lang)
    again = caseworker.get(path)
    assert f"{REASON}</textarea>" in html(again) and BACK[lang] in text(again)
    assert _preliminary_replies(apply_app) == 0


@pytest.mark.parametrize("lang,to", SWITCHES)
def test_the_search_on_the_queue_goes_along_with_the_language_switch(apply_app, caseworker, lang, to):
    path = f"/{lang}/intake/"
    page = html(caseworker.get(path))
    assert _switch("search-form", to) in page and 'id="search-form"' in page
    shown_on = reader_address(apply_app, path)  # the queue's own address, as the form names it
    assert f'name="shown_on" value="{shown_on}"' in page
    typed = {"q": "SK-2026-0001", "action": f"language-{to}", "shown_on": shown_on}
    response = post_form(caseworker, f"/{lang}/intake/search", typed, path)
    there = f"/{to}/intake/"
    assert declared(response.headers["Location"]) == there
    assert 'value="SK-2026-0001"' in html(caseworker.get(there))


@pytest.fixture
def volunteer_page(apply_app, citizen, caseworker, submit_application, decide, clock):
    """Vera, engaged for Kari's granted case, with a police certificate recorded: her page."""
    reference = submit_application(citizen)
    decide(reference)
    volunteer = make_volunteer(apply_app, "vera@example.org")
    engage_volunteer(apply_app, volunteer, reference, clock.today() - timedelta(days=10))
    return volunteer


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_certificate_date_sent_after_the_log_in_ended_is_back_on_the_volunteer_page(
    apply_app, caseworker, volunteer_page, clock, lang
):
    page = f"/{lang}/intake/volunteers/{volunteer_page}"
    token = csrf_token(caseworker, page)
    clock.shift(minutes=31)
    written = day(clock.today() - timedelta(days=20))
    shown_on = reader_address(apply_app, page)  # the page's own address, as the form names it
    response = caseworker.post(
        f"{page}/certificate-date", data={"issued_on": written, "shown_on": shown_on, "csrf_token": token}
    )
    assert response.status_code == 302 and declared(response.headers["Location"]).startswith(f"/{lang}/account/login")
    answer = post_form(caseworker, response.headers["Location"], {"email": CASEWORKER, "password": TEST_PASSWORD})
    assert declared(answer.headers["Location"]) == page  # the page, not the address the form posts to
    again = caseworker.get(page)
    assert again.status_code == 200 and f'value="{written}"' in html(again) and BACK[lang] in text(again)
