"""Nothing a person types is lost (DESIGN.md, "Accessibility" and "Errors"): not by taking a
break, switching language, an idle log-in ending, a number written in words, or another
field's error on a page with a file."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from babel.dates import format_date

from tests.helpers import (
    PDF,
    STEPS,
    TEST_PASSWORD,
    answer_all,
    day,
    engage_volunteer,
    errors,
    html,
    log_in,
    make_account,
    make_volunteer,
    post_form,
    start_application,
    text,
)
from tests.reader_client import declared, reader_address

HALF_DONE = {"interests": "Fotball og kino", "hours": "to", "when": "Kveld"}


def _wishes(client, lang="nb"):
    base = start_application(client, lang)
    answer_all(client, base, upto="wishes")
    return base, f"{base}/wishes"


@pytest.mark.parametrize(
    "lang,saved",
    [
        ("nb", "Det du har skrevet, er lagret. Utkastet blir tatt vare på til"),
        ("nn", "Det du har skrive, er lagra. Utkastet blir teke vare på til"),
        ("en", "What you wrote is saved."),
    ],
)
def test_a_break_keeps_what_is_typed_on_the_page_even_when_it_is_not_finished(citizen, clock, lang, saved):
    base, path = _wishes(citizen, lang)
    page = html(citizen.get(path))
    assert 'name="action" value="break"' in page and "Stop and continue later" not in page
    response = post_form(citizen, path, {**HALF_DONE, "action": "break"})
    assert response.status_code == 302 and declared(response.headers["Location"]) == f"/{lang}/my-page"
    landing = text(citizen.get(response.headers["Location"]))
    assert saved in landing
    # Kept for 90 days from now (portal.rules.retention).
    until = format_date(
        clock.today() + timedelta(days=90), "long", locale={"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}[lang]
    )
    assert until in landing
    # My page leads back to the half-typed page, and it comes back as typed, without errors.
    assert f'href="{reader_address(citizen.application, path)}"' in html(citizen.get(f"/{lang}/my-page"))
    again = citizen.get(path)
    assert 'value="Fotball og kino"' not in html(again)  # a textarea holds its text inside
    assert "Fotball og kino</textarea>" in html(again)
    assert 'value="to"' in html(again) and 'value="Kveld"' in html(again)
    assert errors(again) == []
    # Nothing half-typed is an answer: the check page is not reached past the page.
    assert declared(citizen.get(f"{base}/check").headers["Location"]).endswith("/wishes")


def test_a_break_on_a_finished_page_saves_the_answers(citizen):
    base, path = _wishes(citizen)
    wishes = dict(STEPS)["wishes"]
    assert post_form(citizen, path, {**wishes, "action": "break"}).status_code == 302
    # Saved as an answer: the draft goes on at the next page.
    assert f'href="{reader_address(citizen.application, f"{base}/consent")}"' in html(citizen.get("/nb/my-page"))


@pytest.mark.parametrize(
    "lang,other", [("nb", "en"), ("en", "nb"), ("nb", "nn"), ("nn", "nb"), ("nn", "en"), ("en", "nn")]
)
def test_switching_language_keeps_what_is_typed(citizen, lang, other):
    _base, path = _wishes(citizen, lang)
    page = html(citizen.get(path))
    # The switch is a button of the page's form; Enter in a field still saves and goes on.
    assert re.search(
        rf'<button class="ds-link link-button" form="page-form" type="submit" name="action" value="language-{other}"',
        page,
    )
    assert page.index('form="page-form" type="submit" tabindex="-1"') < page.index('value="language-')
    response = post_form(citizen, path, {**HALF_DONE, "action": f"language-{other}"})
    assert response.status_code == 302
    there = declared(path).replace(f"/{lang}/", f"/{other}/", 1)
    assert declared(response.headers["Location"]).endswith(there)
    again = citizen.get(there)
    assert f'<html lang="{other}"' in html(again)
    assert "Fotball og kino</textarea>" in html(again) and 'value="to"' in html(again)
    assert errors(again) == []


@pytest.mark.parametrize("other", ["en", "nn"])
def test_a_change_from_the_check_page_stays_one_in_the_other_language(citizen, other):
    base = start_application(citizen)
    answer_all(citizen, base)
    path = f"{base}/wishes?from=check"
    response = post_form(citizen, path, {**HALF_DONE, "action": f"language-{other}"})
    assert declared(response.headers["Location"]).endswith(declared(path).replace("/nb/", f"/{other}/", 1))


@pytest.mark.parametrize(
    "lang,said",
    [
        ("nb", "logget ut etter 30 minutter uten aktivitet"),
        ("nn", "logga ut etter 30 minutt utan aktivitet"),
        ("en", "logged out after 30 minutes without any activity"),
    ],
)
def test_each_question_page_says_how_long_a_log_in_lasts_and_warns_with_a_script(citizen, lang, said):
    _base, path = _wishes(citizen, lang)
    page = html(citizen.get(path))
    assert said in text(citizen.get(path))
    assert '<dialog class="idle-warning"' in page and re.search(r'<script src="/static/js/idle\.[^"]*js" defer>', page)
    assert 'data-warn-after="1500"' in page and 'data-save-after="1740"' in page


def test_stay_logged_in_renews_the_log_in_with_one_request(citizen, client):
    token = re.search(r'data-csrf="([^"]+)"', html(citizen.get("/nb/my-page"))).group(1)
    response = citizen.post("/nb/account/keep-alive", headers={"X-CSRFToken": token})
    assert response.status_code == 204
    assert "Max-Age=1800" in response.headers["Set-Cookie"]
    # Without the token it is refused, and nobody logged out is kept in.
    assert citizen.post("/nb/account/keep-alive").status_code == 400
    assert client.post("/nb/account/keep-alive").status_code in (302, 400)
    assert "idle-warning" not in html(client.get("/nb/"))


def test_the_form_posted_at_the_idle_limit_is_kept_and_comes_back_after_log_in(citizen):
    _base, path = _wishes(citizen)
    response = post_form(citizen, path, {**HALF_DONE, "action": "timeout"})
    assert response.status_code == 302
    login = response.headers["Location"]
    assert declared(login).startswith("/nb/account/login?next=")
    assert "Det du har skrevet, er lagret" in text(citizen.get(login))
    # Logged out on the server too.
    assert citizen.get(path).status_code == 302
    answer = post_form(citizen, login, {"email": "kari@example.org", "password": TEST_PASSWORD})
    assert declared(answer.headers["Location"]) == declared(path)
    assert "Fotball og kino</textarea>" in html(citizen.get(path))


@pytest.mark.parametrize(
    "lang,message",
    [
        ("nb", "Skriv antall timer med tall, for eksempel 4"),
        ("nn", "Skriv talet på timar med siffer, til dømes 4"),
        ("en", "Write the number of hours as digits, for example 4"),
    ],
)
def test_hours_in_words_get_a_plain_message_and_stay_on_the_page(citizen, lang, message):
    _base, path = _wishes(citizen, lang)
    response = post_form(citizen, path, {**dict(STEPS)["wishes"], "hours": "to"})
    assert response.status_code == 200
    assert errors(response) == [message]
    assert f'<a class="ds-link" href="#hours">{message}</a>' in html(response)
    assert 'value="to"' in html(response)
    assert "Not a valid integer value" not in html(response)


@pytest.mark.parametrize(
    "form_class",
    [
        "portal.apply.forms.WishesForm",
        "portal.apply.forms.AssistanceForm",
        "portal.apply.volunteer_forms.CapacityForm",
        "portal.intake.forms.DecisionForm",
    ],
)
def test_every_number_of_hours_asked_says_how_to_write_it(apply_app, form_class):
    from importlib import import_module

    from werkzeug.datastructures import MultiDict

    module, name = form_class.rsplit(".", 1)
    form_type = getattr(import_module(module), name)
    with apply_app.test_request_context("/en/"):
        form = form_type(formdata=MultiDict({"hours": "to", "hours_per_week": "to"}), meta={"csrf": False})
        form.validate()
        found = [f.errors[0] for f in form if f.type == "HoursField"]
    assert found == ["Write the number of hours as digits, for example 4"]


# -- Files chosen on a page with another error ------------------------------------------------


@pytest.mark.parametrize(
    "lang,note",
    [
        ("nb", "legeerklaering.pdf er tatt vare på."),
        ("nn", "legeerklaering.pdf er teken vare på."),
        ("en", "legeerklaering.pdf is kept."),
    ],
)
def test_a_file_chosen_stays_when_its_kind_is_missing(apply_app, citizen, lang, note):
    from portal.extensions import db
    from portal.models import Attachment

    base = start_application(citizen, lang, service="ledsagerbevis")
    path = f"{base}/attachments"
    response = post_form(
        citizen, path, {"file": (io.BytesIO(PDF), "legeerklaering.pdf")}, content_type="multipart/form-data"
    )
    assert response.status_code == 200
    assert len(errors(response)) == 1  # only the kind: the file was fine
    assert note in text(response)
    # Choosing the kind is all that is left: the file is added.
    response = post_form(citizen, path, {"kind": "doctor_statement"}, content_type="multipart/form-data")
    assert response.status_code == 302, errors(response)
    with apply_app.app_context():
        added = db.session.scalars(db.select(Attachment)).all()
        assert [(a.filename, a.kind) for a in added] == [("legeerklaering.pdf", "doctor_statement")]
    assert note not in text(citizen.get(path))


def test_a_file_the_portal_refuses_is_not_kept(citizen):
    base = start_application(citizen, service="ledsagerbevis")
    path = f"{base}/attachments"
    response = post_form(
        citizen, path, {"file": (io.BytesIO(b"hello"), "notat.txt")}, content_type="multipart/form-data"
    )
    assert "The file must be a PDF" in " ".join(errors(response)) or "PDF, JPG eller PNG" in " ".join(errors(response))
    assert "notat.txt" not in text(response)


@pytest.fixture
def timesheet(apply_app, citizen, caseworker, submit_application, decide, clock):
    """Vera, engaged a month and a half ago for Kari's granted case: her timesheet page."""
    reference = submit_application(citizen)
    decide(reference)
    vera = apply_app.test_client()
    make_account(apply_app, email="vera@example.org")
    log_in(vera, email="vera@example.org")
    volunteer = make_volunteer(apply_app, "vera@example.org")
    started = clock.today() - timedelta(days=45)
    assignment = engage_volunteer(apply_app, volunteer, reference, started)
    last = clock.today().replace(day=1) - timedelta(days=1)
    return vera, assignment, last.replace(day=1), max(last.replace(day=12), started)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_timesheet_lists_each_wrong_line_as_a_plain_message_linked_to_its_field(timesheet, lang):
    vera, assignment, month, worked = timesheet
    path = f"/{lang}/volunteer/timesheet/{assignment}"
    response = post_form(
        vera, path, {"month": month.isoformat(), "lines-0-day": day(worked), "lines-0-hours": "to", "correct": "y"}
    )
    page = html(response)
    summary = page[page.index("ds-error-summary") : page.index("</ul>", page.index("ds-error-summary"))]
    assert "{" not in summary and "[" not in summary
    assert re.search(r'<a class="ds-link" href="#lines-0-hours">[^<]+</a>', summary)
    assert 'value="to"' in page


@pytest.mark.parametrize(
    "lang,note",
    [
        ("nb", "kvittering.pdf er tatt vare på."),
        ("nn", "kvittering.pdf er teken vare på."),
        ("en", "kvittering.pdf is kept."),
    ],
)
def test_the_receipt_stays_when_the_timesheet_has_an_error_and_is_sent_with_it(apply_app, timesheet, lang, note):
    from portal.extensions import db
    from portal.models import VolunteerReport

    vera, assignment, month, worked = timesheet
    path = f"/{lang}/volunteer/timesheet/{assignment}"
    data = {"month": month.isoformat(), "lines-0-day": day(worked), "lines-0-hours": "3"}
    response = post_form(
        vera, path, {**data, "receipt": (io.BytesIO(PDF), "kvittering.pdf")}, content_type="multipart/form-data"
    )
    assert response.status_code == 200 and len(errors(response)) == 1  # the confirmation
    assert note in text(response)
    response = post_form(vera, path, {**data, "correct": "y"}, content_type="multipart/form-data")
    assert response.status_code == 302, errors(response)
    with apply_app.app_context():
        report = db.session.scalar(db.select(VolunteerReport))
        assert report.document["receipt"]["filename"] == "kvittering.pdf"
        receipt_id = report.document["receipt"]["id"]
    assert vera.get(f"/{lang}/apply/files/{receipt_id}").data == PDF
