"""Nothing typed is lost on the forms outside an application's question pages either (DESIGN.md,
"Accessibility"): the language switch takes what is typed along, the save at the idle limit
keeps it through the log-in that ends there, and a form sent after the log-in had ended comes
back after logging in again, on the page the form was on."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import SubmissionDispute, VolunteerReport
from tests.helpers import (
    PDF,
    csrf_token,
    engaged_volunteer_with_a_line,
    errors,
    html,
    log_in,
    log_in_with_id,
    make_account,
    post_form,
    reference_in,
    send_application,
    text,
)
from tests.identities import aged
from tests.reader_client import declared, reader_address

STRANGER = "kjetil.fremmed@example.org"
COMMENT = "Jeg kjenner ikke avsenderen"
BACK = {
    "nb": "Det du skrev før innloggingen din utløp, er tilbake på siden.",
    "nn": "Det du skreiv før innlogginga di gjekk ut, er tilbake på sida.",
    "en": "What you wrote before your log-in ended is back on the page.",
}
LOGGED_OUT = {
    "nb": "Du ble logget ut fordi det ikke skjedde noe på lenge. Det du har skrevet, er lagret.",
    "nn": "Du vart logga ut fordi det ikkje skjedde noko på lenge. Det du har skrive, er lagra.",
    "en": "You were logged out because nothing happened for a long time. What you wrote is saved.",
}
# From each language to each other one: the switch names the language it goes to.
SWITCHES = [("nb", "en"), ("en", "nb"), ("nb", "nn"), ("nn", "nb"), ("nn", "en"), ("en", "nn")]


def _switch(other: str) -> str:
    """The header's button to `other`, a button of the page's form."""
    return f'form="page-form" type="submit" name="action" value="language-{other}"'


def _switched(lang: str, other: str, path: str) -> str:
    """The page `path` (named by its declared address) in the language `other`."""
    return path.replace(f"/{lang}/", f"/{other}/", 1)


def _disputes(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SubmissionDispute))


# -- "This was not me" ------------------------------------------------------------------------


@pytest.fixture
def person_id(clock) -> str:
    return aged(40, today=clock.today(), start=160)


@pytest.fixture
def disputable(id_app, oidc_provider, person_id):
    """A stranger with an e-mail account sent an application with the person's number; the
    person, logged in with electronic ID: (their client, the reference)."""
    stranger = id_app.test_client()
    make_account(id_app, email=STRANGER)
    log_in(stranger, email=STRANGER)
    _, receipt = send_application(stranger, national_id=person_id)
    return log_in_with_id(id_app.test_client(), oidc_provider, person_id), reference_in(receipt)


@pytest.mark.parametrize("lang,other", SWITCHES)
def test_switching_language_on_the_case_page_keeps_the_not_me_comment(id_app, disputable, lang, other):
    person, reference = disputable
    case_page = f"/{lang}/cases/{reference}"
    page = html(person.get(case_page))
    assert _switch(other) in page and 'id="page-form"' in page
    response = post_form(
        person,
        f"/{lang}/cases/{reference}/not-me",
        {"comment": COMMENT, "action": f"language-{other}", "shown_on": reader_address(id_app, case_page)},
    )
    there = _switched(lang, other, case_page)
    assert response.status_code == 302 and declared(response.headers["Location"]) == there
    again = person.get(there)
    assert f"{COMMENT}</textarea>" in html(again)
    assert _disputes(id_app) == 0  # switching sends nothing
    assert f"{COMMENT}</textarea>" not in html(person.get(there))  # once


@pytest.mark.parametrize("lang,other", SWITCHES)
def test_switching_language_on_the_not_me_page_keeps_the_comment(id_app, disputable, lang, other):
    person, reference = disputable
    path = f"/{lang}/cases/{reference}/not-me"
    assert _switch(other) in html(person.get(path))
    response = post_form(person, path, {"comment": COMMENT, "action": f"language-{other}"})
    assert declared(response.headers["Location"]) == _switched(lang, other, path)
    again = person.get(_switched(lang, other, path))
    assert f"{COMMENT}</textarea>" in html(again) and errors(again) == []
    assert _disputes(id_app) == 0


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_not_me_comment_sent_after_the_log_in_ended_is_back_on_the_case_page(
    id_app, oidc_provider, disputable, person_id, clock, lang
):
    person, reference = disputable
    case_page = f"/{lang}/cases/{reference}"
    token = csrf_token(person, case_page)
    clock.shift(minutes=31)
    response = person.post(
        f"/{lang}/cases/{reference}/not-me",
        data={"comment": COMMENT, "shown_on": reader_address(id_app, case_page), "csrf_token": token},
    )
    assert response.status_code == 302 and "/account/login" in declared(response.headers["Location"])
    log_in_with_id(person, oidc_provider, person_id, lang=lang)
    again = person.get(case_page)
    assert f"{COMMENT}</textarea>" in html(again) and BACK[lang] in text(again)
    assert _disputes(id_app) == 0  # back on the page to send, not sent behind the person's back


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_not_me_comment_saved_at_the_idle_limit_is_back_after_logging_in(
    id_app, oidc_provider, disputable, person_id, lang
):
    person, reference = disputable
    case_page = f"/{lang}/cases/{reference}"
    response = post_form(
        person,
        f"/{lang}/cases/{reference}/not-me",
        {"comment": COMMENT, "action": "timeout", "shown_on": reader_address(id_app, case_page)},
        case_page,
    )
    assert response.status_code == 302
    login = response.headers["Location"]
    assert declared(login).startswith(f"/{lang}/account/login")
    assert LOGGED_OUT[lang] in text(person.get(login))
    assert person.get(case_page).status_code == 302  # logged out on the server too
    log_in_with_id(person, oidc_provider, person_id, lang=lang)
    again = person.get(case_page)
    assert f"{COMMENT}</textarea>" in html(again) and BACK[lang] in text(again)
    assert _disputes(id_app) == 0


# -- The timesheet's receipt ------------------------------------------------------------------


@pytest.fixture
def timesheet(apply_app, citizen, caseworker, submit_application, decide, clock):
    """Vera's client, the timesheet's id and a line for last month."""
    vera, assignment, line = engaged_volunteer_with_a_line(apply_app, citizen, submit_application, decide, clock)
    return vera, assignment, line


KEPT_FILE = {
    "nb": "kvittering.pdf er tatt vare på.",
    "nn": "kvittering.pdf er teken vare på.",
    "en": "kvittering.pdf is kept.",
}


@pytest.mark.parametrize("lang,other", SWITCHES)
def test_a_receipt_chosen_on_the_timesheet_stays_chosen_in_the_other_language(apply_app, timesheet, lang, other):
    vera, assignment, data = timesheet
    path = f"/{lang}/volunteer/timesheet/{assignment}"
    response = post_form(
        vera,
        path,
        {**data, "receipt": (io.BytesIO(PDF), "kvittering.pdf"), "action": f"language-{other}"},
        content_type="multipart/form-data",
    )
    there = f"/{other}/volunteer/timesheet/{assignment}"
    assert declared(response.headers["Location"]) == there
    page = vera.get(there)
    assert KEPT_FILE[other] in text(page) and errors(page) == []
    # Sent from the other language, the receipt goes with it.
    response = post_form(vera, there, {**data, "correct": "y"}, content_type="multipart/form-data")
    assert response.status_code == 302, errors(response)
    with apply_app.app_context():
        assert db.session.scalar(select(VolunteerReport)).document["receipt"]["filename"] == "kvittering.pdf"


@pytest.mark.parametrize(
    "lang,other,said",
    [  # said on the page in the other language
        ("en", "nb", "Filen notat.txt ble ikke tatt vare på: Filen må være PDF, JPG eller PNG."),
        ("nb", "en", "The file notat.txt was not kept: The file must be a PDF, JPG or PNG."),
        ("nb", "nn", "Fila notat.txt vart ikkje teken vare på: Fila må vere PDF, JPG eller PNG."),
    ],
)
def test_a_receipt_the_portal_refuses_is_not_kept_on_a_switch_and_the_page_says_so(timesheet, lang, other, said):
    vera, assignment, data = timesheet
    path = f"/{lang}/volunteer/timesheet/{assignment}"
    response = post_form(
        vera,
        path,
        {**data, "receipt": (io.BytesIO(b"hello"), "notat.txt"), "action": f"language-{other}"},
        content_type="multipart/form-data",
    )
    assert declared(response.headers["Location"]) == f"/{other}/volunteer/timesheet/{assignment}"
    page = text(vera.get(response.headers["Location"]))
    kept = ("notat.txt er tatt vare på", "notat.txt er teken vare på", "notat.txt is kept")
    assert said in page and not any(words in page for words in kept)


# -- The save at the idle limit on every form ---------------------------------------------------


def _saved_at_the_limit_and_back(client, path: str, data: dict, log_in_again, lang: str):
    """The idle script posts the page's form at the limit: the log-in ends, and after logging
    in again the page opens filled in as it was. Returns that page."""
    page = html(client.get(path))
    assert 'data-form="page-form"' in page and 'id="page-form"' in page  # the form the script sends
    response = post_form(client, path, {**data, "action": "timeout"})
    assert response.status_code == 302
    login = response.headers["Location"]
    assert declared(login).startswith(f"/{lang}/account/login")
    assert LOGGED_OUT[lang] in text(client.get(login))
    assert client.get(path).status_code == 302  # logged out on the server too
    log_in_again(client)
    again = client.get(path)
    assert BACK[lang] in text(again) and errors(again) == []
    return html(again)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_timesheet_saved_at_the_idle_limit_is_back_after_logging_in(apply_app, timesheet, lang):
    vera, assignment, data = timesheet
    path = f"/{lang}/volunteer/timesheet/{assignment}"
    page = _saved_at_the_limit_and_back(
        vera, path, {**data, "lines-0-activity": "Kino"}, lambda c: log_in(c, "vera@example.org", lang=lang), lang
    )
    assert f'value="{data["lines-0-day"]}"' in page and 'value="Kino"' in page
    with apply_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VolunteerReport)) == 0  # nothing sent


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_half_year_report_saved_at_the_idle_limit_is_back_after_logging_in(apply_app, timesheet, clock, lang):
    from portal.models import Assignment

    vera, assignment, _data = timesheet
    with apply_app.app_context():  # five and a half months in: the report is asked for
        row = db.session.scalar(select(Assignment))
        row.started_on = clock.today() - timedelta(days=170)
        db.session.commit()
    path = f"/{lang}/volunteer/report/{assignment}"
    answers = {"activities": "Vi har gått på kino og fotball."}
    page = _saved_at_the_limit_and_back(vera, path, answers, lambda c: log_in(c, "vera@example.org", lang=lang), lang)
    assert "Vi har gått på kino og fotball.</textarea>" in page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_ombud_consent_form_saved_at_the_idle_limit_is_back_after_logging_in(
    id_app, oidc_provider, ombud, disputable, person_id, lang
):
    person, _reference = disputable
    path = f"/{lang}/authorities/for-me/ombud"
    page = _saved_at_the_limit_and_back(
        person,
        path,
        {"valid_until": "31.12.2030", "scopes": ["see_case"]},
        lambda c: log_in_with_id(c, oidc_provider, person_id, lang=lang),
        lang,
    )
    assert 'value="31.12.2030"' in page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_appeal_choice_saved_at_the_idle_limit_is_back_after_logging_in(
    client_with_case, oidc_provider, ombud_client_id, lang
):
    person, reference = client_with_case
    path = f"/{lang}/appeal/"
    page = _saved_at_the_limit_and_back(
        person,
        path,
        {"decision": "outside"},
        lambda c: log_in_with_id(c, oidc_provider, ombud_client_id, lang=lang),
        lang,
    )
    assert re.search(r'value="outside"[^>]* checked', page)


# -- The language switch on the other citizen and ombud forms -----------------------------------


@pytest.mark.parametrize("lang,other", SWITCHES)
def test_the_ombud_switching_language_on_an_appeal_keeps_the_choice(id_app, ombud, client_with_case, lang, other):
    from tests.helpers import give_ombud_access

    person, reference = client_with_case
    assert give_ombud_access(id_app, person).status_code == 302
    path = f"/{lang}/appeal/"
    assert _switch(other) in html(ombud.get(path))
    response = post_form(ombud, path, {"decision": reference, "action": f"language-{other}"})
    assert declared(response.headers["Location"]) == _switched(lang, other, path)
    again = html(ombud.get(_switched(lang, other, path)))
    assert re.search(rf'value="{reference}"[^>]* checked', again)


@pytest.mark.parametrize("lang,other", SWITCHES)
def test_switching_language_on_the_ombud_consent_form_keeps_what_is_typed(id_app, ombud, disputable, lang, other):
    person, _reference = disputable
    path = f"/{lang}/authorities/for-me/ombud"
    assert _switch(other) in html(person.get(path))
    response = post_form(person, path, {"valid_until": "31.12.2030", "action": f"language-{other}"})
    assert declared(response.headers["Location"]) == _switched(lang, other, path)
    again = person.get(_switched(lang, other, path))
    assert 'value="31.12.2030"' in html(again) and errors(again) == []
