"""Synthetic submissions and cases for the benchmark, inserted in bulk.

Each row is a copy of a real submitted application (so the documents have the size and
shape of real ones) under a new reference and name, sent on a day in the past two years,
with a case in one of the statuses a queue holds. About two in three have been received,
with their receipt as an event; one in four has a decision. None is linked to a person:
the people the benchmark logs in as have cases of their own, sent through the portal.
"""
from __future__ import annotations

import copy
import random
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, insert, select

from portal.extensions import db
from portal.models import Case, CaseEvent, Submission

PREFIXES = {"stottekontakt": "SK", "ledsagerbevis": "LB", "bpa": "BPA"}
SERVICES = tuple(PREFIXES)
BATCH = 5_000
YEAR = 2024  # synthetic references are SK-2024-000001 and on: never the portal's own


def seeded() -> int:
    return db.session.scalar(select(func.count(Submission.id)).where(Submission.reference.like(f"%-{YEAR}-%")))


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
    for low in range(start, total, BATCH):
        high = min(low + BATCH, total)
        submissions, cases, events = [], [], []
        references = []
        for n in range(low, high):
            service = SERVICES[n % 3]
            reference = f"{PREFIXES[service]}-{YEAR}-{numbers[service]:06d}"
            numbers[service] += 1
            moment = first + step * n
            document = copy.deepcopy(template)
            document["service"], document["submitted_at"] = service, moment.isoformat()
            person = (document.get("answers") or {}).get("person")
            if person:
                person["full_name"] = f"Person {n}"
            received = rng.random() < 0.66
            submissions.append(dict(reference=reference, kind="application", service=service, document=document,
                                    submitted_at=moment, intake_state="received" if received else "new"))
            references.append((reference, service, moment, received, rng.random()))
        db.session.execute(insert(Submission), submissions)
        ids = dict(db.session.execute(select(Submission.reference, Submission.id).where(
            Submission.reference.in_([r[0] for r in references]))).all())
        now = datetime.now(timezone.utc)
        for reference, service, moment, received, chance in references:
            day = moment.date()
            reply_due = day + timedelta(days=30)  # about a month (fvl § 11 a); the rules are not what is measured
            decided = received and chance < 0.4
            status = "decided" if decided else ("received" if received else "submitted")
            answered = day + timedelta(days=20) if decided else None
            cases.append(dict(reference=reference, submission_id=ids[reference], submitted_at=moment, service=service,
                              status=status,
                              received_on=day, reply_due=reply_due, answered_on=answered,
                              appeal_due=answered + timedelta(days=21) if answered else None, appeal_waiting=False,
                              created_at=now, updated_at=now))
        db.session.execute(insert(Case), cases)
        case_ids = dict(db.session.execute(select(Case.reference, Case.id).where(
            Case.reference.in_([r[0] for r in references]))).all())
        for reference, service, moment, received, chance in references:
            if received:
                events.append(dict(case_id=case_ids[reference], type="received", occurred_on=moment.date(),
                                   data={"received_on": moment.date().isoformat()}, recorded_at=now))
        if events:
            db.session.execute(insert(CaseEvent), events)
        db.session.commit()
    return total - start


def middle_cursor() -> str:
    """The queue's cursor at the middle of the synthetic rows: a deep page."""
    from portal.services.intake import encode_cursor

    count = seeded()
    row = db.session.scalars(select(Submission).order_by(Submission.submitted_at, Submission.id)
                             .offset(count // 2).limit(1)).first()
    return encode_cursor(row)
