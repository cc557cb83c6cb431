"""The access matrix: for every route that touches a person's data, a representative gets it
only with an authority that allows it now, with the right scope, for that service; a
stranger gets nothing; and a withdrawal or an end date takes effect on the very next request.
Every read by a representative is written to the access log; the person's own reads are not."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AccessLogEntry, Attachment, Authority, Draft, Submission
from portal.rules import clock as portal_clock
from tests.helpers import (
    NEED,
    PERSON_REST,
    STEPS,
    day,
    fill_for,
    html,
    log_in,
    log_in_with_id,
    make_caseworker,
    pdf_file,
    post_form,
    start_for,
)
from tests.identities import aged
from tests.reader_client import declared, reader_address

REP_ID = aged(44, start=30)
PERSON_ID = aged(72, start=30)
PDF = pdf_file(note="evidence")


@dataclass
class World:
    app: object
    rep: object  # the representative's client
    person: object  # the person's client
    authority: str
    draft: str  # a draft base URL, made by the representative for the person
    draft_file: str
    sent: str  # a receipt URL: sent by the representative
    sent_file: str
    own: str  # a receipt URL: sent by the person themselves, same service
    other_service: str  # a receipt URL: sent by the person, a service the fullmakt does not cover


def _file(app, **where) -> str:
    with app.app_context():
        query = select(Attachment.public_id)
        for name, value in where.items():
            query = query.where(getattr(Attachment, name) == value)
        return db.session.scalar(query)


def _last_day() -> date:
    """The fullmakt's last day: the end of the year four years on."""
    return date(portal_clock.today().year + 4, 12, 31)


def _send_own(client, service):
    post_form(client, "/nb/apply/", {"service": service})
    base = (
        post_form(client, f"/nb/apply/for-whom?service={service}", {"who": "self"})
        .headers["Location"]
        .rsplit("/", 1)[0]
    )
    if service == "bpa":
        steps = [
            ("person", {**STEPS[0][1], "national_id": PERSON_ID}),
            ("assistance", {"hours_per_week": "5", "areas": ["leisure"], "description": "Hjelp."}),
            ("supervisor", {"supervisor": "self"}),
        ]
    else:
        steps = [("person", {**STEPS[0][1], "national_id": PERSON_ID})] + STEPS[1:]
    for key, data in steps:
        assert post_form(client, f"{base}/{key}", data).status_code == 302, key
    post_form(client, f"{base}/attachments", {"action": "continue"})
    return post_form(client, f"{base}/check", {"correct": "y"}).headers["Location"]


@pytest.fixture
def world(id_app, oidc_provider) -> World:
    rep = log_in_with_id(id_app.test_client(), oidc_provider, REP_ID)
    person = log_in_with_id(id_app.test_client(), oidc_provider, PERSON_ID)
    post_form(
        rep,
        "/nb/authorities/new/fullmakt",
        {
            "representative_name": "Rita Representant",
            "person_name": "Gunn Giver",
            "person_national_id": PERSON_ID,
            "person_email": "gunn@example.org",
            "scopes": ["apply", "see_case"],
            "services": ["stottekontakt"],
            "valid_until": day(_last_day()),
        },
    )
    with id_app.app_context():
        public_id = db.session.scalar(select(Authority.public_id))
    post_form(person, f"/nb/authorities/requests/{public_id}", {"answer": "approve"})
    # One application sent by the representative, with a file; one draft with a file.
    base = start_for(rep, public_id)
    post_form(
        rep,
        f"{base}/attachments",
        {"file": (io.BytesIO(PDF), "a.pdf"), "kind": "supporting"},
        content_type="multipart/form-data",
    )
    fill_for(rep, base, PERSON_ID)
    sent = post_form(rep, f"{base}/check", {"correct": "y"}).headers["Location"]
    draft = start_for(rep, public_id)
    post_form(rep, f"{draft}/person", {"full_name": "Gunn Giver", "national_id": PERSON_ID, **PERSON_REST})
    post_form(
        rep,
        f"{draft}/attachments",
        {"file": (io.BytesIO(PDF), "b.pdf"), "kind": "supporting"},
        content_type="multipart/form-data",
    )
    with id_app.app_context():
        draft_id = db.session.scalar(select(Draft.id).where(Draft.public_id == draft.rsplit("/", 1)[1]))
        sent_id = db.session.scalar(select(Submission.id))
    return World(
        id_app,
        rep,
        person,
        public_id,
        draft,
        _file(id_app, draft_id=draft_id),
        sent,
        _file(id_app, submission_id=sent_id),
        _send_own(person, "stottekontakt"),
        _send_own(person, "bpa"),
    )


def _reads(w: World) -> list[str]:
    """Every page and file of the person's the representative may read."""
    return [
        f"{w.draft}/person",
        f"{w.draft}/representative",
        f"{w.draft}/need",
        f"{w.draft}/check",
        f"{w.draft}/attachments",
        f"/nb/apply/files/{w.draft_file}",
        w.sent,
        f"{w.sent}/pdf",
        f"/nb/apply/files/{w.sent_file}",
        w.own,
        f"{w.own}/pdf",
    ]


def _writes(w: World) -> list[tuple[str, dict]]:
    return [
        (f"{w.draft}/need", NEED),
        (f"{w.draft}/check", {"correct": "y"}),
        (f"{w.draft}/attachments", {"action": "continue"}),
        (f"{w.draft}/attachments/{w.draft_file}/remove", {}),
        (f"{w.draft}/delete", {}),
    ]


def _counts(app):
    with app.app_context():
        return (
            db.session.scalar(select(func.count(Submission.id))),
            db.session.scalar(select(func.count(Attachment.id))),
            db.session.scalar(select(func.count(Draft.id))),
        )


def test_with_an_active_authority_of_the_right_scope_every_read_works_and_is_logged(world):
    for path in _reads(world):
        response = world.rep.get(path)
        assert response.status_code == 200 or response.headers["Location"].startswith(world.draft), path
    with world.app.app_context():
        entries = db.session.scalars(select(AccessLogEntry)).all()
        assert len(entries) >= len(_reads(world))
        assert {e.actor_role for e in entries} == {"representative"}
        assert {e.actor_name for e in entries} == {"Rita Representant"}
        assert {"draft.view", "submission.view", "submission.pdf", "attachment.download"} <= {e.action for e in entries}


def test_the_person_reads_their_own_without_a_log_entry(world):
    with world.app.app_context():
        before = db.session.scalar(select(func.count(AccessLogEntry.id)))
    for path in (world.sent, f"{world.sent}/pdf", world.own, f"/nb/apply/files/{world.sent_file}"):
        assert world.person.get(path).status_code == 200, path
    with world.app.app_context():
        assert db.session.scalar(select(func.count(AccessLogEntry.id))) == before
    my_page = world.person.get("/nb/my-page").get_data(as_text=True)
    case_page = reader_address(world.app, declared(world.sent).replace("/apply/receipt/", "/cases/"))
    assert case_page in my_page  # sent about them by others


def test_a_scope_not_given_or_a_service_not_covered_gives_nothing(world):
    assert world.rep.get(world.other_service).status_code == 404  # bpa is not covered
    assert world.rep.get(f"{world.other_service}/pdf").status_code == 404
    with world.app.app_context():
        authority = db.session.scalar(select(Authority))
        authority.scopes = ["apply"]  # no longer "see the case"
        db.session.commit()
    assert world.rep.get(world.own).status_code == 404  # what the person sent themselves
    assert world.rep.get(world.sent).status_code == 200  # what the representative sent, still allowed to apply


def test_a_stranger_gets_nothing_by_any_address(world, oidc_provider):
    stranger = log_in_with_id(world.app.test_client(), oidc_provider, aged(30, start=30))
    for path in _reads(world) + [world.other_service]:
        assert stranger.get(path).status_code == 404, path
    for path, data in _writes(world):
        assert post_form(stranger, path, data, form_page="/nb/my-page").status_code == 404, path
    page = html(stranger.get("/nb/my-page"))
    assert "Gunn Giver" not in page and "Rita" not in page
    assert stranger.get("/nb/apply/").status_code == 200


def _withdraw(w: World):
    post_form(w.person, f"/nb/authorities/for-me/{w.authority}/withdraw", {})


def _end(w: World):
    post_form(w.rep, f"/nb/authorities/{w.authority}/end", {})


@pytest.mark.parametrize("stop,reason", [(_withdraw, "trakk den tilbake"), (_end, "Du avsluttet den")])
def test_withdrawal_takes_effect_on_the_next_request_and_the_representative_sees_why(world, stop, reason):
    assert world.rep.get(world.sent).status_code == 200
    stop(world)
    before = _counts(world.app)
    for path in _reads(world):
        response = world.rep.get(path)
        assert response.status_code in (403, 404), path
        if response.status_code == 403:
            assert reason in response.get_data(as_text=True), path
            assert "Trenger noen å gå på tur med" not in response.get_data(as_text=True)
    for path, data in _writes(world)[:-1]:
        assert post_form(world.rep, path, data, form_page="/nb/my-page").status_code in (403, 404), path
    assert _counts(world.app) == before  # nothing sent, removed or deleted
    assert world.rep.get(world.sent).status_code == 403
    # The stopped draft, emptied when the authority ended, can only be deleted.
    assert post_form(world.rep, f"{world.draft}/delete", {}, form_page="/nb/my-page").status_code == 302
    assert _counts(world.app)[2] == before[2] - 1
    assert "Gunn Giver" not in world.rep.get("/nb/apply/for-whom?service=stottekontakt").get_data(as_text=True)


def test_after_the_last_day_the_authority_gives_nothing(world, oidc_provider, clock):
    """fvl § 12: a fullmakt lasts to and with its last day, and not a day more."""
    with world.app.app_context():
        last_day = db.session.scalar(select(Authority.valid_until))
    assert last_day == _last_day()
    clock.move_to(f"{last_day + timedelta(days=1)} 12:00")
    log_in_with_id(world.rep, oidc_provider, REP_ID)  # a log-in lasts half an hour, not years
    for path in _reads(world):
        assert world.rep.get(path).status_code in (403, 404), path
    assert "varte til og med" in world.rep.get(world.sent).get_data(as_text=True)
    # The draft can still be deleted: that page shows nothing of the person's.
    delete_page = world.rep.get(f"{world.draft}/delete").get_data(as_text=True)
    assert "Gunn Giver" not in delete_page and PERSON_ID not in delete_page


def test_a_parent_loses_access_the_day_the_child_turns_sixteen_until_the_young_person_gives_a_fullmakt(
    id_app, oidc_provider, clock
):
    """pbrl § 4-3: a 16- or 17-year-old's case is not visible to a parent on a declaration; the
    young person's own written fullmakt (pbrl § 7-2, fvl § 12) lets the parent follow it again."""
    today = clock.today()
    almost = aged(16, days_past_birthday=-2, start=40)  # turns 16 in two days
    parent = log_in_with_id(id_app.test_client(), oidc_provider, REP_ID)
    post_form(
        parent,
        "/nb/authorities/new/parent",
        {"representative_name": "Rita", "child_name": "Ola Barn", "child_national_id": almost, "responsibility": "y"},
    )
    with id_app.app_context():
        public_id = db.session.scalar(select(Authority.public_id))
    base = start_for(parent, public_id)
    fill_for(parent, base, almost, child_views={"heard": "yes", "views": "Vil gjerne."})
    receipt = post_form(parent, f"{base}/check", {"correct": "y"}).headers["Location"]
    assert parent.get(receipt).status_code == 200
    clock.move_to(f"{today + timedelta(days=3)} 12:00")
    log_in_with_id(parent, oidc_provider, REP_ID)  # three days on, the log-in has run out
    response = parent.get(receipt)
    assert response.status_code == 403 and "16 år eller eldre" in response.get_data(as_text=True)
    assert parent.get(f"{receipt}/pdf").status_code == 403
    # Declaring again is refused, also with the parent's word that the young person agrees
    # (the fields an earlier form had): only the young person's own fullmakt lets them go on.
    post_form(
        parent,
        "/nb/authorities/new/parent",
        {
            "representative_name": "Rita",
            "child_name": "Ola Barn",
            "child_national_id": almost,
            "responsibility": "y",
            "consent_name": "Ola Barn",
            "consent": "y",
        },
    )
    assert parent.get(receipt).status_code == 403
    post_form(
        parent,
        "/nb/authorities/new/fullmakt",
        {
            "representative_name": "Rita",
            "person_name": "Ola Barn",
            "person_national_id": almost,
            "person_email": "ola@example.org",
            "scopes": ["apply", "see_case"],
            "services": ["stottekontakt"],
            "valid_until": day(clock.today() + timedelta(days=365)),
        },
    )
    with id_app.app_context():
        request_id = db.session.scalar(select(Authority.public_id).where(Authority.basis == "fullmakt"))
    young = log_in_with_id(id_app.test_client(), oidc_provider, almost)
    post_form(young, f"/nb/authorities/requests/{request_id}", {"answer": "approve"})
    assert parent.get(receipt).status_code == 200


def test_the_representatives_document_is_theirs_only_while_the_authority_lasts(id_app, oidc_provider):
    rep = log_in_with_id(id_app.test_client(), oidc_provider, REP_ID)
    post_form(
        rep,
        "/nb/authorities/new/verge",
        {"representative_name": "Rita", "person_name": "Per", "person_national_id": PERSON_ID, "scopes": ["apply"]},
    )
    with id_app.app_context():
        public_id = db.session.scalar(select(Authority.public_id))
    post_form(
        rep,
        f"/nb/authorities/{public_id}/document",
        {"file": (io.BytesIO(PDF), "a.pdf")},
        content_type="multipart/form-data",
    )
    assert rep.get(f"/nb/authorities/{public_id}/document/file").data == PDF
    file_id = _file(id_app, kind="verge_appointment")
    assert rep.get(f"/nb/apply/files/{file_id}").data == PDF
    stranger = log_in_with_id(id_app.test_client(), oidc_provider, aged(30, start=30))
    assert stranger.get(f"/nb/apply/files/{file_id}").status_code == 404
    post_form(rep, f"/nb/authorities/{public_id}/end", {})
    assert rep.get(f"/nb/authorities/{public_id}/document/file").status_code == 403
    assert rep.get(f"/nb/apply/files/{file_id}").status_code == 403
    assert re.search("Du avsluttet den", rep.get(f"/nb/authorities/{public_id}").get_data(as_text=True))


def test_a_parents_declaration_opens_other_submissions_about_the_child_only_once_checked(id_app, oidc_provider):
    """A declaration is a claim: until the municipality has checked it, the declarer sees what
    they sent themselves and nothing else about the child."""
    child = aged(9, start=30)
    real = log_in_with_id(id_app.test_client(), oidc_provider, REP_ID)
    post_form(
        real,
        "/nb/authorities/new/parent",
        {"representative_name": "Rita", "child_name": "Ola Barn", "child_national_id": child, "responsibility": "y"},
    )
    with id_app.app_context():
        real_authority = db.session.scalar(select(Authority.public_id))
    base = start_for(real, real_authority)
    fill_for(real, base, child, child_views={"heard": "yes", "views": "Ja."})
    receipt = post_form(real, f"{base}/check", {"correct": "y"}).headers["Location"]
    claimant = log_in_with_id(id_app.test_client(), oidc_provider, aged(50, start=30))
    post_form(
        claimant,
        "/nb/authorities/new/parent",
        {"representative_name": "Ukjent", "child_name": "Ola", "child_national_id": child, "responsibility": "y"},
    )
    assert claimant.get(receipt).status_code == 404
    assert claimant.get(f"{receipt}/pdf").status_code == 404
    caseworker = id_app.test_client()
    make_caseworker(id_app)
    log_in(caseworker, email="sara@fjellvik.kommune.no")
    assert real_authority in caseworker.get("/nb/intake/authorities").get_data(as_text=True)
    post_form(caseworker, f"/nb/intake/authorities/{real_authority}", {"outcome": "verify"})
    assert real.get(receipt).status_code == 200
    with id_app.app_context():
        claim = db.session.scalar(select(Authority.public_id).where(Authority.representative_name == "Ukjent"))
    post_form(caseworker, f"/nb/intake/authorities/{claim}", {"outcome": "reject", "reason": "Ikke forelder."})
    assert claimant.get(receipt).status_code == 404
