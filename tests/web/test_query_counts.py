"""The number of SQL statements a page costs does not grow with the data: no query per row
(N+1), so a page costs the same with a thousand cases or a million. Counted, not timed;
the benchmark in bench/ measures the time."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import event

from portal.extensions import db
from tests.helpers import make_token, record, register_paper, send_application

QUEUE_PAGE = 50


def _statements(app, client, path, **kwargs) -> int:
    return len(_statement_texts(app, client, path, **kwargs))


def _tables_read(app, client, path, **kwargs) -> Counter:
    """How many times the page reads each table (by the first table its SELECT names)."""
    found = (
        re.match(r"SELECT\s.*?\sFROM\s+(\w+)", text, re.S) for text in _statement_texts(app, client, path, **kwargs)
    )
    return Counter(match.group(1) for match in found if match)


def _statement_texts(app, client, path, **kwargs) -> list[str]:
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path, **kwargs)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, path
    return seen


@pytest.fixture
def grown(apply_app, citizen, caseworker, clock):
    """A citizen with a case, a caseworker, an API token; `grow()` adds other people's cases."""
    _, receipt = send_application(citizen, "en")
    reference = re.search(r"SK-\d{4}-\d{6}", receipt).group(0)
    token = make_token(apply_app)
    made = {"count": 0}

    def grow(number: int):
        register_paper(apply_app, number, clock.today(), made["count"])
        made["count"] += number

    return reference, token, grow


def test_the_case_page_and_my_cases_cost_the_same_with_more_cases_and_events(apply_app, citizen, grown, clock):
    reference, _, grow = grown
    grow(3)
    pages = [f"/en/cases/{reference}", "/en/cases/", "/en/my-page"]
    before = [_statements(apply_app, citizen, page) for page in pages]
    grow(60)
    today = clock.today()
    record(apply_app, reference, "received", received_on=today.isoformat())
    record(apply_app, reference, "assessment_started")
    record(
        apply_app,
        reference,
        "preliminary_reply",
        expected_by=(today + timedelta(days=20)).isoformat(),
        reason="Vi venter på opplysninger.",
    )
    record(
        apply_app,
        reference,
        "decision",
        outcome="granted",
        decided_on=today.isoformat(),
        notified_on=today.isoformat(),
        hours=3,
        per="week",
        summary="Innvilget.",
    )
    after = [_statements(apply_app, citizen, page) for page in pages]
    assert after == before, dict(zip(pages, zip(before, after, strict=True), strict=True))


def test_my_cases_costs_the_same_with_one_case_of_ones_own_or_three(apply_app, citizen, grown):
    # Each case's submission, person and events are read with the others', not once a case.
    before = _statements(apply_app, citizen, "/en/cases/")
    send_application(citizen, "en")
    send_application(citizen, "en")
    html = citizen.get("/en/cases/").get_data(as_text=True)
    assert len(set(re.findall(r"SK-\d{4}-\d{6}", html))) == 3
    assert _statements(apply_app, citizen, "/en/cases/") == before


def test_the_queue_costs_the_same_on_the_first_and_a_deep_page_with_more_rows(apply_app, caseworker, grown):
    _, _, grow = grown
    grow(5)
    # The first page read in English notes the language on the account (one write, once).
    caseworker.get("/en/intake/")
    first = _statements(apply_app, caseworker, "/en/intake/")
    filtered = _statements(apply_app, caseworker, "/en/intake/?state=new&service=bpa")
    grow(2 * QUEUE_PAGE + 10)
    assert _statements(apply_app, caseworker, "/en/intake/") == first
    assert _statements(apply_app, caseworker, "/en/intake/?state=new&service=bpa") == filtered
    html = caseworker.get("/en/intake/").get_data(as_text=True)
    deeper = re.search(r'href="(/en/intake/\?[^"]*after=[^"]+)"', html).group(1).replace("&amp;", "&")
    assert _statements(apply_app, caseworker, deeper) == first


def test_the_queue_reads_its_rows_and_their_flags_in_one_statement(apply_app, caseworker, grown):
    # The archive's failed deliveries and the disputed submissions are flagged beside the rows:
    # read with them, not in a statement of their own each.
    _, _, grow = grown
    grow(5)
    caseworker.get("/en/intake/")
    texts = _statement_texts(apply_app, caseworker, "/en/intake/")
    assert len(texts) == 2, texts  # the log-in, and the page with its flags
    assert all(table in texts[1] for table in ("archive_delivery", "submission_dispute", "case_file")), texts[1]


def test_the_submission_view_costs_the_same_with_more_cases(apply_app, caseworker, grown):
    reference, _, grow = grown
    grow(3)
    # Read once first: a read again within a few minutes is the same look and writes no row
    # (portal.services.access_log), so both counts are of such a read.
    caseworker.get(f"/en/intake/submissions/{reference}")
    before = _statements(apply_app, caseworker, f"/en/intake/submissions/{reference}")
    grow(40)
    assert _statements(apply_app, caseworker, f"/en/intake/submissions/{reference}") == before


@pytest.mark.parametrize("again", [False, True], ids=["first look", "looked again"])
def test_the_submission_view_reads_the_submission_its_case_and_the_caseworker_once(apply_app, caseworker, grown, again):
    # Writing the read to the access log ends a transaction; what the page had read before it
    # is still what it shows, so it is not read again.
    reference, _, _ = grown
    caseworker.get("/en/intake/")  # the caseworker's language, remembered (a change of its own)
    if again:
        caseworker.get(f"/en/intake/submissions/{reference}")
    read = _tables_read(apply_app, caseworker, f"/en/intake/submissions/{reference}")
    # The person, the archive delivery and any dispute are read in the submission's statement.
    assert (read["account"], read["submission"], read["person"], read["case_file"]) == (1, 1, 0, 1), read
    assert (read["case_event"], read["archive_delivery"], read["submission_dispute"]) == (1, 0, 0), read


def test_the_case_page_reads_the_case_its_submission_and_the_reader_once(apply_app, citizen, grown):
    reference, _, _ = grown
    citizen.get("/en/cases/")
    texts = _statement_texts(apply_app, citizen, f"/en/cases/{reference}")
    read = _tables_read(apply_app, citizen, f"/en/cases/{reference}")
    # The case with its submission and person in one statement; then its events, and the
    # appeals that point at it.
    assert (read["account"], read["case_file"], read["person"], read["case_event"]) == (1, 1, 0, 1), read
    assert read["submission"] == 1, read
    assert len(texts) == 4, texts
    case_statement = next(t for t in texts if re.match(r"SELECT\s.*?\sFROM\s+case_file", t, re.S))
    assert "JOIN submission" in case_statement and "JOIN person" in case_statement, case_statement


def test_the_api_reads_its_token_once_and_notes_its_last_use_once_a_minute(apply_app, grown, clock):
    from portal.models import ApiToken

    reference, token, _ = grown
    client = apply_app.test_client()
    auth = {"Authorization": f"Bearer {token}"}

    def last_used():
        with apply_app.app_context():
            return db.session.scalar(db.select(ApiToken.last_used_at))

    client.get(f"/api/v1/submissions/{reference}", headers=auth)
    noted = last_used()
    assert noted is not None
    clock.shift(seconds=30)
    read = _tables_read(apply_app, client, f"/api/v1/submissions/{reference}", headers=auth)
    assert read["api_token"] == 1, read
    # The submission with its person, archive delivery and dispute; the access log's check.
    assert read == {"api_token": 1, "submission": 1, "access_log": 1}, read
    assert last_used() == noted
    clock.shift(minutes=2)
    client.get(f"/api/v1/submissions/{reference}", headers=auth)
    assert last_used() > noted


def test_the_api_list_and_one_submission_cost_the_same_with_more_rows(apply_app, grown):
    reference, token, grow = grown
    client = apply_app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    grow(5)
    client.get("/api/v1/submissions", headers=auth)  # the token's last use is written at most now and then
    listing = _statements(apply_app, client, "/api/v1/submissions?limit=100", headers=auth)
    client.get(f"/api/v1/submissions/{reference}", headers=auth)  # the look written: see above
    one = _statements(apply_app, client, f"/api/v1/submissions/{reference}", headers=auth)
    grow(120)
    assert _statements(apply_app, client, "/api/v1/submissions?limit=100", headers=auth) == listing
    after = client.get("/api/v1/submissions?limit=100", headers=auth).json["next"]
    assert _statements(apply_app, client, f"/api/v1/submissions?limit=100&after={after}", headers=auth) == listing
    assert _statements(apply_app, client, f"/api/v1/submissions/{reference}", headers=auth) == one


def test_guide_pages_ask_the_database_nothing_and_the_front_page_once_a_minute(app):
    client = app.test_client()
    assert _statements(app, client, "/nb/stottekontakt") == 0
    assert _statements(app, client, "/en/support-contact") == 0
    assert _statements(app, client, "/nb/") == 1  # the notices
    assert _statements(app, client, "/en/") == 0  # kept by the worker for a minute
