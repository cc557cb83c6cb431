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
