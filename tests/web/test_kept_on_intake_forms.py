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

CASEWORKER = "sara@fjellvik.kommune.no"
REASON = "Vi venter på en uttalelse fra fastlegen"
SWITCH = 'type="submit" name="action" value="language"'
BACK = {
    "nb": "Det du skrev før innloggingen din utløp, er tilbake på siden.",
    "en": "What you wrote before your log-in ended is back on the page.",
}


def _other(lang: str) -> str:
    return "en" if lang == "nb" else "nb"


def _preliminary_replies(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.type == "preliminary_reply")
        )


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_switching_language_while_recording_an_event_keeps_what_is_typed(
    apply_app, citizen, caseworker, submit_application, lang
):
    reference = submit_application(citizen)
    path = f"/{lang}/intake/cases/{reference}/record/preliminary_reply"
    page = html(caseworker.get(path))
    assert f'form="page-form" {SWITCH}' in page and 'id="page-form"' in page
    response = post_form(caseworker, path, {"reason": REASON, "action": "language"})
    there = path.replace(f"/{lang}/", f"/{_other(lang)}/", 1)
    assert response.headers["Location"] == there
    again = caseworker.get(there)
    assert f"{REASON}</textarea>" in html(again) and errors(again) == []
    assert _preliminary_replies(apply_app) == 0


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_an_event_saved_at_the_idle_limit_is_back_after_logging_in(
    apply_app, citizen, caseworker, submit_application, lang
):
    reference = submit_application(citizen)
    path = f"/{lang}/intake/cases/{reference}/record/preliminary_reply"
    assert 'data-form="page-form"' in html(caseworker.get(path))
    response = post_form(caseworker, path, {"reason": REASON, "action": "timeout"})
    assert response.headers["Location"].startswith(f"/{lang}/account/login")
    assert caseworker.get(path).status_code == 302
    log_in(caseworker, CASEWORKER, lang=lang)
    again = caseworker.get(path)
    assert f"{REASON}</textarea>" in html(again) and BACK[lang] in text(again)
    assert _preliminary_replies(apply_app) == 0


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_search_on_the_queue_goes_along_with_the_language_switch(caseworker, lang):
    path = f"/{lang}/intake/"
    page = html(caseworker.get(path))
    assert f'form="search-form" {SWITCH}' in page and 'id="search-form"' in page
    response = post_form(
        caseworker, f"/{lang}/intake/search", {"q": "SK-2026-0001", "action": "language", "shown_on": path}, path
    )
    there = f"/{_other(lang)}/intake/"
    assert response.headers["Location"] == there
    assert 'value="SK-2026-0001"' in html(caseworker.get(there))


@pytest.fixture
def volunteer_page(apply_app, citizen, caseworker, submit_application, decide, clock):
    """Vera, engaged for Kari's granted case, with a police certificate recorded: her page."""
    reference = submit_application(citizen)
    decide(reference)
    volunteer = make_volunteer(apply_app, "vera@example.org")
    engage_volunteer(apply_app, volunteer, reference, clock.today() - timedelta(days=10))
    return volunteer


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_certificate_date_sent_after_the_log_in_ended_is_back_on_the_volunteer_page(
    caseworker, volunteer_page, clock, lang
):
    page = f"/{lang}/intake/volunteers/{volunteer_page}"
    token = csrf_token(caseworker, page)
    clock.shift(minutes=31)
    written = day(clock.today() - timedelta(days=20))
    response = caseworker.post(
        f"{page}/certificate-date", data={"issued_on": written, "shown_on": page, "csrf_token": token}
    )
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]
    answer = post_form(caseworker, response.headers["Location"], {"email": CASEWORKER, "password": TEST_PASSWORD})
    assert answer.headers["Location"] == page  # the page, not the address the form posts to
    again = caseworker.get(page)
    assert again.status_code == 200 and f'value="{written}"' in html(again) and BACK[lang] in text(again)
