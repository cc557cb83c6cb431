"""A form sent after its log-in has ended is not lost (DESIGN.md: nothing typed is ever lost).
Without JavaScript nothing saves the page before the idle limit, and a tab asleep past it wakes
too late: what was sent is kept on the server, and comes back on its page once the same person
has logged in again. Nobody else gets it, and it is not kept for long."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import KeptForm
from portal.services import retention
from tests.helpers import (
    TEST_PASSWORD,
    answer_all,
    csrf_token,
    engaged_volunteer_with_a_line,
    errors,
    html,
    log_in,
    make_account,
    post_form,
    start_application,
    text,
)
from tests.reader_client import declared, reader_address

HALF_DONE = {"interests": "Fotball og kino", "hours": "to", "when": "Kveld"}

KEPT = {
    "nb": "Innloggingen din var utløpt, så siden ble ikke lagret. Det du skrev, blir tatt vare på i 2 timer",
    "nn": "Innlogginga di hadde gått ut, så sida vart ikkje lagra. Det du skreiv, blir teke vare på i 2 timar",
    "en": "Your log-in had ended, so the page was not saved. What you wrote is kept for 2 hours",
}
BACK = {
    "nb": "Det du skrev før innloggingen din utløp, er tilbake på siden.",
    "nn": "Det du skreiv før innlogginga di gjekk ut, er tilbake på sida.",
    "en": "What you wrote before your log-in ended is back on the page.",
}


def _kept_forms(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(KeptForm))


def _send_after_the_log_in_ended(client, clock, path: str, data: dict):
    """The page was opened, then left for 31 minutes (the log-in lasts 30), then sent."""
    token = csrf_token(client, path)
    clock.shift(minutes=31)
    return client.post(path, data={**data, "csrf_token": token})


def _wishes(client, lang="nb") -> str:
    base = start_application(client, lang)
    answer_all(client, base, upto="wishes")
    return f"{base}/wishes"


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_question_page_sent_after_the_log_in_ended_comes_back_after_logging_in(apply_app, citizen, clock, lang):
    path = _wishes(citizen, lang)
    response = _send_after_the_log_in_ended(citizen, clock, path, HALF_DONE)
    assert response.status_code == 302
    login = response.headers["Location"]
    assert declared(login).startswith(f"/{lang}/account/login") and unquote(login).endswith(
        f"next={reader_address(apply_app, path)}"
    )
    page = text(citizen.get(login))
    assert KEPT[lang] in page
    assert _kept_forms(apply_app) == 1
    answer = post_form(citizen, login, {"email": "kari@example.org", "password": TEST_PASSWORD})
    assert declared(answer.headers["Location"]) == declared(path)
    again = citizen.get(path)
    assert (
        "Fotball og kino</textarea>" in html(again) and 'value="to"' in html(again) and 'value="Kveld"' in html(again)
    )
    assert BACK[lang] in text(again)
    assert errors(again) == []
    assert _kept_forms(apply_app) == 0  # in the draft now, not kept beside it


def test_someone_else_logging_in_on_the_same_computer_gets_nothing(apply_app, citizen, clock):
    path = _wishes(citizen)
    login = _send_after_the_log_in_ended(citizen, clock, path, HALF_DONE).headers["Location"]
    make_account(apply_app, email="ola@example.org")
    post_form(citizen, login, {"email": "ola@example.org", "password": TEST_PASSWORD})
    assert "Fotball og kino" not in text(citizen.get("/nb/my-page"))
    assert citizen.get(path).status_code == 404  # not Ola's draft
    # Kari's draft has nothing of it either; the kept form waits its time out, then goes.
    kari = apply_app.test_client()
    log_in(kari)
    assert "Fotball og kino" not in html(kari.get(path))


def test_a_form_sent_without_a_log_in_of_this_portal_is_not_kept(apply_app, citizen, clock):
    path = _wishes(citizen)
    stranger = apply_app.test_client()
    token = csrf_token(stranger, "/nb/account/login")  # a token, but from no log-in
    response = stranger.post(path, data={**HALF_DONE, "csrf_token": token})
    assert response.status_code == 302
    assert "kunne ikke tas vare på" in text(stranger.get(response.headers["Location"]))
    assert _kept_forms(apply_app) == 0
    # Nor one sent from another site, whose page made the browser post it.
    token = csrf_token(citizen, path)
    clock.shift(minutes=31)
    citizen.post(path, data={**HALF_DONE, "csrf_token": token}, headers={"Origin": "https://evil.example"})
    assert _kept_forms(apply_app) == 0


def test_a_kept_form_is_deleted_by_purge_after_two_hours(apply_app, citizen, clock):
    path = _wishes(citizen)
    _send_after_the_log_in_ended(citizen, clock, path, HALF_DONE)
    with apply_app.app_context():
        assert retention.purge().forms == 0
    clock.shift(hours=2, minutes=1)
    with apply_app.app_context():
        assert retention.purge().forms == 1
    assert _kept_forms(apply_app) == 0


def _timesheet(apply_app, citizen, submit_application, decide, clock, lang):
    """Vera's client, her timesheet page and a line for last month."""
    vera, assignment, line = engaged_volunteer_with_a_line(apply_app, citizen, submit_application, decide, clock)
    return vera, f"/{lang}/volunteer/timesheet/{assignment}", line


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_another_form_sent_after_the_log_in_ended_is_filled_in_again(
    apply_app, citizen, caseworker, submit_application, decide, clock, lang
):
    vera, path, data = _timesheet(apply_app, citizen, submit_application, decide, clock, lang)
    login = _send_after_the_log_in_ended(vera, clock, path, data).headers["Location"]
    assert KEPT[lang] in text(vera.get(login))
    answer = post_form(vera, login, {"email": "vera@example.org", "password": TEST_PASSWORD})
    assert declared(answer.headers["Location"]) == path
    again = vera.get(path)
    assert f'value="{data["lines-0-day"]}"' in html(again) and 'value="3"' in html(again)
    assert BACK[lang] in text(again)
    # Once: the page opened again is as it always was.
    assert BACK[lang] not in text(vera.get(path))


# -- The language switch on other forms -------------------------------------------------------


@pytest.mark.parametrize(
    "lang,other", [("nb", "en"), ("en", "nb"), ("nb", "nn"), ("nn", "nb"), ("nn", "en"), ("en", "nn")]
)
def test_switching_language_on_the_timesheet_keeps_what_is_typed_and_sends_nothing(
    apply_app, citizen, caseworker, submit_application, decide, clock, lang, other
):
    from portal.models import VolunteerReport

    vera, path, data = _timesheet(apply_app, citizen, submit_application, decide, clock, lang)
    page = html(vera.get(path))
    switch = f'form="page-form" type="submit" name="action" value="language-{other}"'
    assert switch in page and 'id="page-form"' in page
    response = post_form(vera, path, {**data, "lines-0-hours": "to", "action": f"language-{other}"})
    there = path.replace(f"/{lang}/", f"/{other}/", 1)
    assert response.status_code == 302 and declared(response.headers["Location"]) == there
    again = vera.get(there)
    assert f'<html lang="{other}"' in html(again)
    assert f'value="{data["lines-0-day"]}"' in html(again) and 'value="to"' in html(again)
    assert errors(again) == []  # nothing is checked until the reader sends it
    with apply_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VolunteerReport)) == 0
    assert 'value="to"' not in html(vera.get(there))  # filled in once, not for ever
