"""Nynorsk beside Bokmål and English, and the municipality's own language form first: a
municipality decides the language form it writes in (its administrative language; its language
decision under språklova § 11), so a Nynorsk municipality's settings make the portal open in
Nynorsk, and what the portal sends a person comes in the language they read it in."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from portal import municipality
from portal.extensions import db
from portal.i18n import long_date
from portal.models import Account, OutboxMessage
from portal.municipality import SettingsError
from tests.helpers import (
    PERSON,
    answer_all,
    html,
    log_in,
    make_account,
    post_form,
    record,
    reference_in,
    start_application,
    text,
)

DEMO = municipality.DEMO_SETTINGS.read_text(encoding="utf-8")
NYNORSK_ONLY = DEMO.replace('offered = ["nb", "nn", "en"]', 'offered = ["nn", "en"]').replace(
    'default = "nb"', 'default = "nn"'
)


@pytest.fixture
def nynorsk_app(make_app, tmp_path, monkeypatch):
    settings = tmp_path / "nynorsk.toml"
    settings.write_text(NYNORSK_ONLY, encoding="utf-8")
    monkeypatch.setenv("PORTAL_SETTINGS", str(settings))
    return make_app(FEATURE_ONLINE_APPLICATIONS=True)


@pytest.mark.parametrize("accept", [None, "nb-NO,nb;q=0.9", "no", "nn", "de-DE"])
def test_a_nynorsk_municipality_opens_in_nynorsk_for_every_norwegian_and_unknown_reader(nynorsk_app, accept):
    client = nynorsk_app.test_client()
    response = client.get("/", headers={"Accept-Language": accept} if accept else {})
    assert response.headers["Location"].endswith("/nn/")


def test_a_nynorsk_municipality_offers_what_its_settings_say_and_nothing_else(nynorsk_app):
    client = nynorsk_app.test_client()
    assert client.get("/", headers={"Accept-Language": "en"}).headers["Location"].endswith("/en/")
    assert client.get("/nb/").status_code == 404
    assert client.get("/nb/stottekontakt").status_code == 404
    page = html(client.get("/nn/stottekontakt"))
    assert '<html lang="nn"' in page
    assert re.findall(r'hreflang="(\w+)" lang=', page) == ["en"]
    assert 'hreflang="nb"' not in page
    assert 'hreflang="x-default" href="http://localhost/nn/stottekontakt"' in page
    assert "Pasient- og brukarombodet i Rogaland" in text(client.get("/nn/kontakt"))


def test_the_demo_is_bokmal_first_with_all_three_offered(client):
    assert client.get("/").headers["Location"].endswith("/nb/")
    assert client.get("/", headers={"Accept-Language": "nn-NO"}).headers["Location"].endswith("/nn/")
    page = html(client.get("/nb/"))
    assert re.findall(r'hreflang="(\w+)" lang=', page) == ["nn", "en"]


@pytest.mark.parametrize(
    "change,named",
    [
        (('offered = ["nb", "nn", "en"]', 'offered = ["nb", "se"]'), "languages.offered"),
        (('offered = ["nb", "nn", "en"]', "offered = []"), "languages.offered"),
        (('default = "nb"', 'default = "sv"'), "languages.default"),
        (('nn = "Fjellvik kommune", ', ""), r"municipality\.name\.nn"),
    ],
)
def test_settings_with_a_language_the_portal_lacks_or_a_text_missing_are_refused(tmp_path, change, named):
    broken = tmp_path / "broken.toml"
    broken.write_text(DEMO.replace(*change, 1), encoding="utf-8")
    with pytest.raises(SettingsError, match=named):
        municipality.load(broken)


def test_a_settings_file_without_languages_offers_bokmal_and_english_as_before(tmp_path):
    old = tmp_path / "old.toml"
    without = re.sub(r"\[languages\].*?default = \"nb\"\n", "", DEMO, flags=re.S)
    old.write_text(re.sub(r'nn = "[^"]*", ', "", without), encoding="utf-8")
    settings = municipality.load(old)
    assert settings.languages == ("nb", "en") and settings.default_language == "nb"


def test_dates_are_written_in_nynorsk(app):
    with app.test_request_context("/nn/"):
        assert long_date(date(2026, 11, 30), "nn") == "30. november 2026"
        assert long_date(date(2027, 1, 1), "en") == "1 January 2027"


def test_a_person_who_reads_in_nynorsk_gets_their_news_in_nynorsk(apply_app, clock):
    client = apply_app.test_client()
    make_account(apply_app)
    log_in(client, lang="nn")
    base = start_application(client, "nb")
    answer_all(client, base)
    post_form(client, f"{base}/person", {**PERSON, "email": ""})
    reference = reference_in(post_form(client, f"{base}/check", {"correct": "y"}).headers["Location"])
    # The application was written in Bokmål; the person has since read the portal in Nynorsk.
    assert client.get("/nn/mi-side").status_code == 200
    with apply_app.app_context():
        account = db.session.scalar(select(Account).where(Account.email == "kari@example.org"))
        assert account.preferred_language == "nn"
    record(apply_app, reference, "preliminary_reply", reason="Vi ventar på legen.")
    with apply_app.app_context():
        message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert message.subject == "Det er nytt i saka di"
    assert f"/nn/saker/{reference}" in message.body


def test_the_calendar_file_of_a_case_read_in_nynorsk_is_in_nynorsk(citizen, submit_application, decide, clock):
    from icalendar import Calendar

    sent = submit_application(citizen)
    decide(sent, notified=clock.today())
    response = citizen.get(f"/nn/saker/{sent}/fristar.ics", as_written=True)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    summaries = [str(e["summary"]) for e in Calendar.from_ical(response.data).walk("VEVENT")]
    assert f"Siste dag for å klage ({sent})" in summaries
    page = text(citizen.get(f"/nn/saker/{sent}", as_written=True))
    assert "Vedtak er fatta" in page and "Fristar som gjeld no" in page and "Klag på vedtaket" in page


def test_error_pages_speak_nynorsk(client):
    response = client.get("/nn/finst-ikkje")
    assert response.status_code == 404
    assert "Fann ikkje sida" in text(response)
