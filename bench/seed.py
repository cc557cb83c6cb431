"""Synthetic submissions and cases for the benchmark, inserted in bulk.

Each row is a copy of a real submitted application (so the documents have the size and
shape of real ones) under a new reference and name, sent on a day in the past two years,
with a case in one of the statuses a queue holds. About two in three have been received,
with their receipt as an event; a quarter has a decision. None is linked to a person:
the people the benchmark logs in as have cases of their own, sent through the portal.

Rows get their ids here and go in by COPY on PostgreSQL and executemany on SQLite, so a
million takes minutes, not an hour; the sequences are moved past them at the end.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text

from portal.extensions import db
from portal.models import Submission

PREFIXES = {"stottekontakt": "SK", "ledsagerbevis": "LB", "bpa": "BPA"}
SERVICES = tuple(PREFIXES)
BATCH = 20_000
YEAR = 2024  # synthetic references are SK-2024-000001 and on: never the portal's own

COLUMNS = {
    "submission": (
        "id",
        "reference",
        "kind",
        "service",
        "document",
        "submitted_at",
        "intake_state",
        "channel",
        "language",
    ),
    "case_file": (
        "id",
        "reference",
        "submission_id",
        "submitted_at",
        "service",
        "status",
        "received_on",
        "reply_due",
        "answered_on",
        "appeal_due",
        "appeal_waiting",
        "created_at",
        "updated_at",
    ),
    "case_event": ("id", "case_id", "type", "occurred_on", "data", "recorded_at"),
}


def seeded() -> int:
    return db.session.scalar(select(func.count(Submission.id)).where(Submission.reference.like(f"%-{YEAR}-%")))


def _document_maker(template: dict):
    """The template as JSON text with three holes, filled per row without copying dicts."""
    document = json.loads(json.dumps(template))
    document["service"], document["submitted_at"] = "@@SERVICE@@", "@@MOMENT@@"
    person = (document.get("answers") or {}).get("person")
    if person:
        person["full_name"] = "@@NAME@@"
    shape = json.dumps(document, ensure_ascii=False)

    def make(service: str, moment: datetime, name: str) -> str:
        return shape.replace("@@SERVICE@@", service).replace("@@MOMENT@@", moment.isoformat()).replace("@@NAME@@", name)

    return make


class _Writer:
    def __init__(self):
        self.connection = db.session.connection()
        self.postgres = self.connection.dialect.name == "postgresql"
        self.raw = self.connection.connection.dbapi_connection

    def write(self, table: str, rows: list[tuple]) -> None:
        columns = COLUMNS[table]
        if self.postgres:
            with self.raw.cursor() as cursor:
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            self.raw.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                [tuple(_sqlite(v) for v in row) for row in rows],
            )

    def finish(self) -> None:
        if self.postgres:
            for table in COLUMNS:
                self.connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )
                # Statistics for the planner now, as a database that grew over years has them,
                # rather than from autovacuum in the middle of the measurement.
                self.connection.execute(text(f"ANALYZE {table}"))


def _sqlite(value):
    """As SQLAlchemy stores values in SQLite: moments as UTC text, booleans as 0 and 1."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, bool):
        return int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def grow_to(total: int, template: dict, newest: datetime) -> int:
    """Add synthetic rows until there are `total`; returns how many were added. The rows
    are spread evenly over the two years before `newest`."""
    start = seeded()
    if start >= total:
        return 0
    rng = random.Random(start)
    span = timedelta(days=730)
    first = newest - span
    step = span / max(total, 1)
    numbers = {service: (start - k + 2) // 3 + 1 for k, service in enumerate(SERVICES)}  # row n is SERVICES[n % 3]
    next_id = {table: (db.session.scalar(text(f"SELECT max(id) FROM {table}")) or 0) + 1 for table in COLUMNS}
    document = _document_maker(template)
    channel, language = template.get("channel", "online"), template.get("language", "nb")
    now = datetime.now(UTC)
    writer = _Writer()
    for low in range(start, total, BATCH):
        submissions, cases, events = [], [], []
        for n in range(low, min(low + BATCH, total)):
            service = SERVICES[n % 3]
            reference = f"{PREFIXES[service]}-{YEAR}-{numbers[service]:06d}"
            numbers[service] += 1
            moment = first + step * n
            day = moment.date()
            received, chance = rng.random() < 0.66, rng.random()
            decided = received and chance < 0.4
            answered = day + timedelta(days=20) if decided else None
            submission_id, case_id = next_id["submission"], next_id["case_file"]
            next_id["submission"] += 1
            next_id["case_file"] += 1
            submissions.append(
                (
                    submission_id,
                    reference,
                    "application",
                    service,
                    document(service, moment, f"Person {n}"),
                    moment,
                    "received" if received else "new",
                    channel,
                    language,
                )
            )
            # About a month to answer (fvl § 11 a); the deadline rules are not what is measured here.
            cases.append(
                (
                    case_id,
                    reference,
                    submission_id,
                    moment,
                    service,
                    "decided" if decided else ("received" if received else "submitted"),
                    day,
                    day + timedelta(days=30),
                    answered,
                    answered + timedelta(days=21) if answered else None,
                    False,
                    now,
                    now,
                )
            )
            if received:
                events.append(
                    (next_id["case_event"], case_id, "received", day, json.dumps({"received_on": day.isoformat()}), now)
                )
                next_id["case_event"] += 1
        writer.write("submission", submissions)
        writer.write("case_file", cases)
        writer.write("case_event", events)
    writer.finish()
    db.session.commit()
    return total - start


def middle_cursor() -> str:
    """The queue's cursor at the middle of the synthetic rows: a deep page."""
    from portal.services.intake import encode_cursor

    count = seeded()
    row = db.session.scalars(
        select(Submission).order_by(Submission.submitted_at, Submission.id).offset(count // 2).limit(1)
    ).first()
    return encode_cursor(row)
