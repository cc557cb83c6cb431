"""Who has seen my case (LEGAL.md "Personal data": the sector norm's access log, shown to the
person it is about): every kind of reader, with role and name, when and what; to the person
and nobody else; and no way to change it from the portal."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AccessLogEntry
from tests.helpers import (
    day,
    give_ombud_access,
    html,
    log_in,
    log_in_with_id,
    make_caseworker,
    make_token,
    post_form,
    record,
    text,
)
from tests.identities import aged


def test_the_person_sees_every_kind_of_reader_and_what_they_did(
    id_app, oidc_provider, ombud, client_with_case, ombud_client_id, clock
):
    person, reference = client_with_case
    # The ombud, with consent.
    give_ombud_access(id_app, person)
    ombud.get(f"/en/cases/{reference}")
    # A caseworker.
    worker = id_app.test_client()
    make_caseworker(id_app)
    log_in(worker, email="sara@fjellvik.kommune.no")
    worker.get(f"/en/intake/submissions/{reference}")
    # The case-management system.
    token = make_token(id_app, "Arkivsystemet")
    id_app.test_client().get(f"/api/v1/cases/{reference}", headers={"Authorization": f"Bearer {token}"})
    # A representative with a fullmakt.
    rep = log_in_with_id(id_app.test_client(), oidc_provider, aged(44, start=150))
    post_form(
        rep,
        "/nb/authorities/new/fullmakt",
        {
            "representative_name": "Rita Representant",
            "person_name": "Kari",
            "person_national_id": ombud_client_id,
            "person_email": "kari@example.org",
            "scopes": ["see_case"],
            "services": ["stottekontakt"],
            "valid_until": day(clock.today() + timedelta(days=365)),
        },
    )
    from portal.models import Authority

    with id_app.app_context():
        request_id = db.session.scalar(select(Authority.public_id).where(Authority.basis == "fullmakt"))
    post_form(person, f"/nb/authorities/requests/{request_id}", {"answer": "approve"})
    rep.get(f"/en/cases/{reference}/decision.pdf")

    page = text(person.get(f"/en/cases/{reference}/seen"))
    for expected in (
        "The patient and user ombud: Pasient- og brukerombudet i Rogaland",
        "Opened the case",
        "A caseworker at the municipality: Sara Saksbehandler",
        "Opened an application or appeal",
        "The municipality's case-management system: Arkivsystemet",
        "Someone who acts for you: Rita Representant",
        "Opened the decision letter",
    ):
        assert expected in page, expected
    assert re.search(r"\d{1,2} \w+ \d{4} \d{2}:\d{2}", page)  # when, to the minute
    assert "Who has seen this case" in text(person.get(f"/en/cases/{reference}"))
    assert "Rita Representant" in text(person.get("/en/cases/seen"))


def test_only_the_person_sees_it(id_app, oidc_provider, ombud, client_with_case):
    person, reference = client_with_case
    give_ombud_access(id_app, person)
    ombud.get(f"/en/cases/{reference}")
    worker = id_app.test_client()
    make_caseworker(id_app)
    log_in(worker, email="sara@fjellvik.kommune.no")
    stranger = log_in_with_id(id_app.test_client(), oidc_provider, aged(33, start=150))
    for reader in (ombud, worker, stranger):
        assert reader.get(f"/en/cases/{reference}/seen").status_code == 404
    assert "Pasient- og brukerombudet" not in text(stranger.get("/en/cases/seen"))
    assert "Who has seen this case" not in text(ombud.get(f"/en/cases/{reference}"))


def test_the_log_cannot_be_changed_from_the_portal(id_app, client_with_case, ombud):
    person, reference = client_with_case
    give_ombud_access(id_app, person)
    ombud.get(f"/en/cases/{reference}")
    with id_app.app_context():
        before = db.session.scalar(select(func.count(AccessLogEntry.id)))
    for lang in ("nb", "nn", "en"):
        for method in ("post", "put", "delete"):
            assert getattr(person, method)(f"/{lang}/cases/{reference}/seen").status_code in (400, 405)
    with id_app.app_context():
        assert db.session.scalar(select(func.count(AccessLogEntry.id))) == before
    # The log's pages under every address they have, the Norwegian ones included.
    endpoints = {r.endpoint for r in id_app.url_map.iter_rules() if "seen" in r.rule}
    rules = [r for r in id_app.url_map.iter_rules() if r.endpoint in endpoints]
    assert endpoints and len(rules) > len(endpoints)
    assert all({"POST", "PUT", "DELETE", "PATCH"}.isdisjoint(r.methods) for r in rules)


def test_a_person_whom_nobody_has_looked_at_is_told_so(id_app, client_with_case):
    person, reference = client_with_case
    record(id_app, reference, "received")
    assert "Nobody but you has seen it." in text(person.get(f"/en/cases/{reference}/seen"))


def test_asking_for_someone_elses_log_leaves_no_entry(id_app, client_with_case, ombud):
    """The check comes before anything is read, so a refused look is not logged as a read."""
    person, reference = client_with_case
    give_ombud_access(id_app, person)
    with id_app.app_context():
        before = db.session.scalar(select(func.count(AccessLogEntry.id)))
    assert ombud.get(f"/en/cases/{reference}/seen").status_code == 404
    with id_app.app_context():
        assert db.session.scalar(select(func.count(AccessLogEntry.id))) == before


def _rows(page: str) -> list[str]:
    """The table's rows, each as its text."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("<tr>")[1:]]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_each_look_is_one_row_with_the_case_reference_newest_first(id_app, ombud, client_with_case, clock, lang):
    """Normen: every read is logged, and the person can read the log. The ombud's two views of
    its list and two of the case within a few minutes are one look: one row, naming the case by
    its reference and saying what was done; a look later on is a row of its own, on top. Reading
    the same page again a moment later writes no second, identical row."""
    person, reference = client_with_case
    give_ombud_access(id_app, person)
    for _ in range(2):
        ombud.get("/en/ombud/")
        ombud.get(f"/en/cases/{reference}")
    with id_app.app_context():
        rows = db.session.scalars(select(AccessLogEntry.action).order_by(AccessLogEntry.id)).all()
    assert sorted(rows) == ["case.list", "case.view"]  # each read once, however often repeated
    page = html(person.get(f"/{lang}/cases/{reference}/seen"))
    looks = _rows(page)
    assert len(looks) == 1, looks
    assert reference in looks[0] and "Pasient- og brukerombudet i Rogaland" in looks[0]
    for action in {
        "nb": ("Så saken i en liste", "Åpnet saken"),
        "nn": ("Såg saka i ei liste", "Opna saka"),
        "en": ("Saw the case in a list", "Opened the case"),
    }[lang]:
        assert action in looks[0]
    clock.shift(minutes=20)
    ombud.get(f"/en/cases/{reference}/decision.pdf")
    looks = _rows(html(person.get(f"/{lang}/cases/{reference}/seen")))
    assert len(looks) == 2
    opened_the_case = {"nb": "Åpnet saken", "nn": "Opna saka", "en": "Opened the case"}[lang]
    assert {"nb": "Åpnet vedtaksbrevet", "nn": "Opna vedtaksbrevet", "en": "Opened the decision letter"}[lang] in looks[
        0
    ]
    assert opened_the_case in looks[1]
    assert opened_the_case not in looks[0]
    assert reference in _rows(html(person.get(f"/{lang}/cases/seen")))[0]
