"""What the privacy statement promises not to keep is deleted by `flask --app portal purge`:
drafts not saved for 90 days with their files, fullmakt requests nobody answered 90 days after
they ran out, and log-ins 30 days after they ended. What was sent stays."""

import io
import os
from datetime import date, timedelta

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Attachment, Authority, Draft, LoginSession, Person, Submission
from portal.services import retention
from tests.helpers import (
    PDF,
    PERSON,
    answer_all,
    log_in,
    make_account,
    post_form,
    send_application,
    start_application,
    text,
)
from tests.identities import national_id


def _attach(client, base) -> None:
    response = post_form(
        client,
        f"{base}/attachments",
        {"file": (io.BytesIO(PDF), "legeerklaering.pdf"), "kind": "supporting"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302


def _stored_files(app) -> dict[str, str]:
    """Each attachment's owner ("draft" or "submission") by the path of its file."""
    with app.app_context():
        rows = db.session.execute(select(Attachment.storage_name, Attachment.draft_id)).all()
        return {
            os.path.join(app.instance_path, "uploads", name): "draft" if draft else "submission" for name, draft in rows
        }


def _purge(app) -> str:
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_draft_not_saved_for_90_days_goes_with_its_files_and_what_was_sent_stays(apply_app, citizen, clock):
    send_application(citizen, files=[(PDF, "sendt.pdf")])
    old = start_application(citizen)
    answer_all(citizen, old, upto="attachments")
    _attach(citizen, old)
    files = _stored_files(apply_app)
    draft_file = next(path for path, owner in files.items() if owner == "draft")
    sent_file = next(path for path, owner in files.items() if owner == "submission")

    clock.shift(days=60)
    log_in(citizen)  # the log-in of 60 days ago has long run out
    recent = start_application(citizen)
    post_form(citizen, f"{recent}/person", PERSON)

    # Nobody loses a draft without being told: My page says when drafts go.
    assert "Et utkast som ikke er endret på 90 dager, blir slettet" in text(citizen.get("/nb/my-page"))

    clock.shift(days=29)  # 89 days since the old draft was saved: not yet
    assert "Deleted 0 draft(s)" in _purge(apply_app)
    assert os.path.exists(draft_file)

    clock.shift(days=2)
    assert "Deleted 1 draft(s) with 1 file(s)" in _purge(apply_app)
    assert not os.path.exists(draft_file)
    assert os.path.exists(sent_file)
    with apply_app.app_context():
        kept = {d.public_id for d in db.session.scalars(select(Draft))}
        assert old.rsplit("/", 1)[1] not in kept
        assert recent.rsplit("/", 1)[1] in kept
        assert db.session.scalar(select(func.count(Submission.id))) == 1
        assert db.session.scalar(select(func.count(Attachment.id))) == 1


def _request(person: Person, expired_at, state="requested") -> Authority:
    authority = Authority(
        basis="fullmakt",
        proof="digital",
        person_id=person.id,
        person_name=person.name,
        representative_name="Rita Representant",
        scopes=["apply"],
        services=["stottekontakt"],
        valid_from=date(2026, 1, 1),
        valid_until=date(2030, 1, 1),
        state=state,
        person_email="person@example.org",
        request_expires_at=expired_at,
        created_at=expired_at - timedelta(days=14),
    )
    db.session.add(authority)
    return authority


def test_a_fullmakt_request_nobody_answered_goes_90_days_after_it_ran_out(app, clock):
    now = clock.now()
    with app.app_context():
        asked_once = Person(national_id=national_id(date(1990, 1, 1)), name="Gunn Spurt", created_at=now)
        asked_twice = Person(national_id=national_id(date(1965, 7, 15)), name="Per Spurt", created_at=now)
        db.session.add_all([asked_once, asked_twice])
        db.session.flush()
        _request(asked_once, now - timedelta(days=91))
        _request(asked_twice, now - timedelta(days=91))
        _request(asked_twice, now - timedelta(days=89))
        _request(asked_twice, now - timedelta(days=400), state="active")  # answered: not a request
        db.session.commit()

        result = retention.purge()

        assert (result.requests, result.people) == (1 + 1, 1)
        left = sorted((a.person.name, a.state) for a in db.session.scalars(select(Authority)))
        assert left == [("Per Spurt", "active"), ("Per Spurt", "requested")]
        # The person asked once is known for nothing else: the identity number goes too.
        assert db.session.scalar(select(Person.name).where(Person.name == "Gunn Spurt")) is None


def test_a_log_in_goes_30_days_after_it_ended(app, clock):
    now = clock.now()
    rows = {
        "logged out 31 days ago": (now - timedelta(days=40), now - timedelta(days=31)),
        "logged out 29 days ago": (now - timedelta(days=40), now - timedelta(days=29)),
        "ran out 31 days ago": (now - timedelta(days=31, hours=12), None),
        "ran out 29 days ago": (now - timedelta(days=29, hours=12), None),
        "open": (now, None),
    }
    account_id = make_account(app)
    with app.app_context():
        for n, (created, ended) in enumerate(rows.values()):
            db.session.add(
                LoginSession(
                    account_id=account_id, token_hash=f"{n:064d}", method="password", created_at=created, ended_at=ended
                )
            )
        db.session.commit()
        by_hash = {f"{n:064d}": name for n, name in enumerate(rows)}

        assert retention.purge().logins == 2
        left = sorted(by_hash[h] for h in db.session.scalars(select(LoginSession.token_hash)))
        assert left == ["logged out 29 days ago", "open", "ran out 29 days ago"]


def test_a_file_kept_for_a_page_never_sent_goes_a_day_later_and_files_in_use_stay(make_app, clock, tmp_path):
    uploads = tmp_path / "uploads"  # its own folder: the sweep looks at every file in it
    app = make_app(FEATURE_ONLINE_APPLICATIONS=True, UPLOAD_FOLDER=str(uploads))
    citizen = app.test_client()
    make_account(app)
    log_in(citizen)
    send_application(citizen, files=[(PDF, "sendt.pdf")])
    base = start_application(citizen)
    _attach(citizen, base)
    in_use = set(os.listdir(uploads))
    assert len(in_use) == 2
    # A file chosen with its kind missing is kept for the page; the page is then left.
    response = post_form(
        citizen, f"{base}/attachments", {"file": (io.BytesIO(PDF), "glemt.pdf")}, content_type="multipart/form-data"
    )
    assert "glemt.pdf" in text(response)
    kept = set(os.listdir(uploads)) - in_use
    assert len(kept) == 1

    clock.shift(hours=23)
    assert "0 kept file(s) never sent" in _purge(app)
    assert set(os.listdir(uploads)) == in_use | kept

    clock.shift(hours=2)
    assert "1 kept file(s) never sent" in _purge(app)
    assert set(os.listdir(uploads)) == in_use
