"""The patient and user ombud (LEGAL.md, "Patient and user ombudsman"; pbrl § 8-3): in the
portal it sees a client's cases only with the client's consent, the scopes the client chooses,
until the client withdraws it. That is the portal's rule (data minimisation, GDPR art. 5), not
the law's, and the pages say so. The ombud's page lists clients, their cases and the coming
deadlines; appeals where allowed."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import AccessLogEntry, Authority
from tests.helpers import day, errors, give_ombud_access, html, post_form, text


def test_without_consent_the_ombud_sees_nothing(id_app, ombud, client_with_case):
    _, reference = client_with_case
    assert "No one has given you access yet" in text(ombud.get("/en/ombud/"))
    for path in (f"/en/cases/{reference}", f"/en/cases/{reference}/decision.pdf", f"/en/apply/receipt/{reference}"):
        assert ombud.get(path).status_code == 404, path


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_person_gives_the_ombud_access_and_chooses_what(id_app, ombud, client_with_case, clock, lang):
    person, _ = client_with_case
    yesterday = day(clock.today() - timedelta(days=1))
    response = post_form(person, f"/{lang}/authorities/for-me/ombud", {"valid_until": yesterday})
    assert len(errors(response)) == 4
    assert give_ombud_access(id_app, person, lang=lang).status_code == 302
    page = text(person.get(f"/{lang}/authorities/for-me"))
    assert "Pasient- og brukerombudet i Rogaland" in page
    assert {"nb": "Trekk tilbake", "nn": "Trekk tilbake", "en": "Withdraw"}[lang] in page


@pytest.mark.parametrize(
    "lang,says",
    [
        ("nb", "vår regel, slik at vi ikke deler mer enn det som trengs"),
        ("nn", "regelen vår, slik at vi ikkje deler meir enn det som trengst"),
        ("en", "our rule, so that we share no more than needed"),
    ],
)
def test_legal_md_the_pages_tell_the_ombuds_access_as_the_portals_rule(id_app, ombud, client_with_case, lang, says):
    """LEGAL.md: the ombud has its own statutory access (pbrl chapter 8); that it sees a case
    in the portal only with the person's consent is the portal's rule (data minimisation, GDPR
    art. 5), and the texts say so, citing that for it, not the ombud's duty of confidentiality."""
    person, _ = client_with_case
    for path in (f"/{lang}/authorities/for-me/ombud", f"/{lang}/authorities/for-me"):
        page = html(person.get(path))
        assert says in page and "art. 5 nr. 1 bokstav c" in page and "§ 8-6" not in page, path
    give_ombud_access(id_app, person)
    own = html(ombud.get(f"/{lang}/ombud/"))
    assert {"nb": "er portalens regel", "nn": "er regelen i portalen", "en": "is the portal's rule"}[lang] in own
    assert "art. 5 nr. 1 bokstav c" in own and "kapittel 8" in own


def test_the_ombud_sees_clients_cases_and_deadlines_and_each_read_is_logged_as_the_ombud(
    id_app, ombud, client_with_case
):
    person, reference = client_with_case
    give_ombud_access(id_app, person)
    page = text(ombud.get("/en/ombud/"))
    assert reference in page and "Decided" in page and "The last day to appeal" in page
    deadlines = page.split("Coming deadlines", 1)[1].split("Clients and their cases", 1)[0]
    dates = re.findall(r"(\d{1,2} \w+ \d{4})", deadlines)
    parsed = [datetime.strptime(d, "%d %B %Y") for d in dates]
    assert parsed == sorted(parsed) and parsed  # soonest first
    assert ombud.get(f"/en/cases/{reference}").status_code == 200
    with id_app.app_context():
        roles = {(e.actor_role, e.actor_name) for e in db.session.scalars(select(AccessLogEntry))}
    assert ("ombud", "Pasient- og brukerombudet i Rogaland") in roles


def test_the_ombud_may_start_an_appeal_only_with_that_scope(id_app, ombud, client_with_case):
    person, reference = client_with_case
    give_ombud_access(id_app, person, scopes=("see_case",))
    assert f"/en/appeal/?case={reference}" not in html(ombud.get("/en/ombud/"))
    assert reference not in html(ombud.get("/en/appeal/"))
    with id_app.app_context():
        public_id = db.session.scalar(select(Authority.public_id))
    post_form(person, f"/nb/authorities/for-me/{public_id}/withdraw", {})
    give_ombud_access(id_app, person, scopes=("see_case", "appeal"))
    assert f"/en/appeal/?case={reference}" in html(ombud.get("/en/ombud/"))
    response = post_form(ombud, "/en/appeal/", {"decision": reference})
    base = response.headers["Location"].rsplit("/", 1)[0]
    assert (
        post_form(
            ombud,
            f"{base}/representative",
            {"full_name": "Ola Ombud", "phone": "51000001", "email": "rogaland@pobo.no", "relation": "organisation"},
        ).status_code
        == 302
    )
    post_form(ombud, f"{base}/appeal", {"points": ["refusal"], "change": "Innvilg.", "why": "Behovet er stort."})
    post_form(ombud, f"{base}/attachments", {"action": "continue"})
    receipt = post_form(ombud, f"{base}/check", {"correct": "y"}).headers["Location"]
    assert re.search(r"KL-\d{4}-\d{6}", receipt)
    assert "The appeal is sent, not yet registered by the municipality" in text(person.get(f"/en/cases/{reference}"))


def test_withdrawal_stops_the_ombud_at_once(id_app, ombud, client_with_case):
    person, reference = client_with_case
    give_ombud_access(id_app, person)
    assert ombud.get(f"/en/cases/{reference}").status_code == 200
    with id_app.app_context():
        public_id = db.session.scalar(select(Authority.public_id))
    post_form(person, f"/nb/authorities/for-me/{public_id}/withdraw", {})
    assert ombud.get(f"/en/cases/{reference}").status_code == 404
    assert reference not in html(ombud.get("/en/ombud/"))


def test_the_ombud_page_is_for_ombud_accounts_only(id_app, client_with_case):
    person, _ = client_with_case
    assert person.get("/nb/ombud/").status_code == 404
    assert id_app.test_client().get("/nb/ombud/").status_code == 302


def test_an_ombud_allowed_to_help_with_an_appeal_may_also_see_the_case(id_app, ombud, client_with_case):
    """An appeal is written from the decision, so the appeal scope brings seeing the case with it."""
    person, reference = client_with_case
    give_ombud_access(id_app, person, scopes=("appeal",))
    with id_app.app_context():
        assert "see_case" in db.session.scalar(select(Authority)).scopes
    assert ombud.get(f"/en/cases/{reference}").status_code == 200
