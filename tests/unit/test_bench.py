"""The benchmark's own parts, so `make bench` does not rot: reading wrk's report, and the
synthetic rows (their references, their order in the queue, the sequences after them)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bench.run import parse_wrk

WRK_REPORT = """Running 10s test @ http://127.0.0.1:8000/nb/stottekontakt
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     7.42ms    3.10ms  61.20ms   89.99%
    Req/Sec     1.09k    99.00     1.30k    70.00%
  Latency Distribution
     50%    6.91ms
     75%    8.20ms
     90%   10.44ms
     99%    1.02s
  21712 requests in 10.01s, 170.46MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   2169.12
Transfer/sec:     17.03MB
"""


def test_the_wrk_report_is_read_with_its_units_and_every_kind_of_error():
    found = parse_wrk(WRK_REPORT)
    assert found["rps"] == 2169.12 and found["requests"] == 21712
    assert found["p50_ms"] == 6.91 and found["p99_ms"] == 1020.0  # not the "89.99%" of the thread stats
    assert found["errors"] == 7


def test_synthetic_rows_page_in_order_and_leave_the_sequences_past_them(apply_app, caseworker):
    from sqlalchemy import func, select

    from bench import seed
    from portal.extensions import db
    from portal.models import Case, CaseEvent, Submission
    from portal.services import submissions

    template = {
        "version": 1,
        "kind": "application",
        "service": "stottekontakt",
        "channel": "online",
        "answers": {"person": {"full_name": "Kari Nordmann"}},
    }
    with apply_app.app_context():
        newest = datetime(2026, 11, 1, tzinfo=UTC)
        assert seed.grow_to(40, template, newest) == 40
        assert seed.grow_to(70, template, newest) == 30 and seed.grow_to(70, template, newest) == 0
        references = db.session.scalars(
            select(Submission.reference).order_by(Submission.submitted_at, Submission.id)
        ).all()
        assert len(set(references)) == 70 and all(re.fullmatch(r"(SK|LB|BPA)-2024-\d{6}", r) for r in references)
        assert db.session.scalar(select(func.count(Case.id))) == 70
        assert 0 < db.session.scalar(select(func.count(CaseEvent.id))) < 70
        assert db.session.scalar(select(Submission.document).limit(1))["answers"]["person"]["full_name"].startswith(
            "Person "
        )
        cursor = seed.middle_cursor()
    with apply_app.test_request_context():
        paper = submissions.register_offline("paper", "bpa", "Per Papir", "01019012480")[0]  # the ids go on after them
        assert paper.id == 71
    html = caseworker.get(f"/en/intake/?after={cursor}").get_data(as_text=True)
    assert references[36] in html and references[35] not in html  # after the middle row


# -- The chaos run (bench/chaos.py, RELIABILITY.md) ---------------------------------------------


def test_only_the_portals_own_503_in_the_readers_language_with_retry_after_counts_as_friendly():
    from bench.chaos import answer_kind

    page = '<!doctype html><html lang="en"><h1 class="ds-heading">Try again in a moment</h1>'
    later = {"Retry-After": "30"}
    assert answer_kind("/en/my-page", 503, later, page) == "unavailable"
    assert answer_kind("/nb/my-page", 503, later, page) == "unfriendly"  # the wrong language
    assert answer_kind("/en/my-page", 503, {}, page) == "unfriendly"  # no Retry-After
    assert answer_kind("/en/my-page", 503, later, page + "Traceback (most recent call last)") == "unfriendly"
    assert answer_kind("/en/my-page", 500, later, page) == "unfriendly"
    assert answer_kind("/api/v1/cases/SK-2026-000001/events", 503, later, '{"error": "unavailable"}') == "unavailable"
    assert answer_kind("/api/v1/cases/SK-2026-000001/events", 503, later, page) == "unfriendly"  # HTML to a program
    assert answer_kind("/nb/apply/x/check", 302, {}, "") == "ok"
    assert answer_kind("/nb/apply/x/check", 429, {}, "") == "other"


def test_mail_is_matched_by_the_outboxs_message_id_so_a_copy_sent_twice_is_seen():
    from bench.chaos import mail_tally

    received = [
        "<outbox.7.1764480000@fjellvik.kommune.example>",
        "<outbox.8.1764480000@fjellvik.kommune.example>",
        "<outbox.8.1764480000@fjellvik.kommune.example>",
        "<outbox.3.1764480000@fjellvik.kommune.example>",  # an earlier scenario's
        None,
    ]
    assert mail_tally([7, 8, 9], received) == {"queued": 3, "delivered": 2, "mail_lost": 1, "mail_duplicated": 1}


def test_recovery_is_the_first_200_after_the_fault_and_a_bad_row_is_named():
    from bench.chaos import duplicates, recovery_seconds, table, verdict

    probes = [(9.0, 200), (10.5, 503), (11.0, None), (12.3, 503), (13.2, 200), (14.0, 200)]
    assert recovery_seconds(probes, ended=12.0) == 1.2
    assert recovery_seconds(probes[:4], ended=12.0) is None
    assert duplicates(["a", "b", "a", "a"]) == 2
    good = {"fault": "PostgreSQL stopped for 10 s", "recovery": 1.2}
    bad = {"fault": "the mail server down for 60 s", "mail_lost": 3, "unfriendly": 2, "recovery": 0.3}
    assert verdict([good]) == []
    assert verdict([good, bad]) == [
        "the mail server down for 60 s: 3 mail lost",
        "the mail server down for 60 s: 2 answers that were not the friendly 503 page",
    ]
    lines = table([good]).splitlines()
    assert lines[0].startswith("| fault | requests | 2xx/3xx | 503 |") and lines[2].endswith("| 1.2 |")


def test_each_stored_submission_reaches_the_archive_once_with_its_numbers_or_is_named():
    from bench.chaos import archive_tally, table, verdict

    arrivals = [
        ("SK-2026-000001", "SK-2026-000001"),
        ("SK-2026-000002", "SK-2026-000002"),
        ("SK-2026-000002", "SK-2026-000002"),  # sent again: the answer was lost, say
        ("SK-2026-000004", "SK-2026-000009"),  # a package whose record is another submission's
        ("SK-2026-000000", "SK-2026-000000"),  # an earlier scenario's
    ]
    deliveries = {
        "SK-2026-000001": ("confirmed", "2026/1", "2026/1-1"),
        "SK-2026-000002": ("confirmed", "2026/2", "2026/2-1"),
        "SK-2026-000003": ("failed", None, None),
        "SK-2026-000004": ("sent", None, None),  # the archive confirms over the API later
    }
    stored = ["SK-2026-000001", "SK-2026-000002", "SK-2026-000003", "SK-2026-000004"]
    found = archive_tally(stored, arrivals, deliveries)
    assert found == {
        "packages_queued": 4,
        "packages_delivered": 3,
        "packages_lost": 1,
        "packages_duplicated": 1,
        "packages_mismatched": 1,
        "archive_numbered": 3,
        "archive_unnumbered": 1,
    }
    assert archive_tally(["SK-2026-000005"], [], {"SK-2026-000005": ("confirmed", None, None)})["archive_numbered"] == 0
    row = {"fault": "the archive receiver down for 30 s", "recovery": 0.2, **found}
    assert verdict([row]) == [
        "the archive receiver down for 30 s: 1 packages lost",
        "the archive receiver down for 30 s: 1 packages duplicated",
        "the archive receiver down for 30 s: 1 packages mismatched",
        "the archive receiver down for 30 s: 1 archive unnumbered",
    ]
    header = table([row]).splitlines()[0]
    assert "| packages queued | delivered | packages lost | packages dup. | numbers stored | recovery s |" in header


def test_the_runs_archive_takes_the_portals_package_and_gives_it_the_same_numbers_again(
    apply_app, citizen, submit_application, tmp_path
):
    """The receiver the chaos run starts, fed by the portal's own HTTP transport: it reads the
    record's reference from the arkivmelding, writes down every package, and answers a package
    it has taken before (also after a restart) with the numbers it gave it."""
    import threading

    import pytest
    from sqlalchemy import select

    from bench.archive_sink import Archive, record_reference, server
    from bench.chaos import arrivals
    from portal.archive.package import package_of
    from portal.archive.transports import ArchiveRefused, HttpTransport
    from portal.extensions import db
    from portal.models import Submission

    reference = submit_application(citizen)
    with apply_app.test_request_context():
        package = package_of(db.session.scalar(select(Submission).where(Submission.reference == reference)))
    assert record_reference(package) == reference
    assert record_reference(b"not a zip") is None
    record = tmp_path / "archived.jsonl"
    for restarted in (False, True):
        http = server(0, Archive(str(record), "arkiv"))
        threading.Thread(target=http.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{http.server_port}/arkivmelding"
        try:
            answer = HttpTransport(url, "arkiv", timeout=5)(reference, package)
            assert (answer.case_number, answer.record_number) == ("2026/1", "2026/1-1")
            if restarted:
                assert HttpTransport(url, "arkiv", timeout=5)("SK-2026-999999", package).case_number == "2026/2"
            with pytest.raises(ArchiveRefused):
                HttpTransport(url, "wrong", timeout=5)(reference, package)
        finally:
            http.shutdown()
            http.server_close()
    assert arrivals(record) == [(reference, reference), (reference, reference), ("SK-2026-999999", reference)]
