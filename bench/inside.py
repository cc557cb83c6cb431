"""Steps of the benchmark that run inside the app, in a process of their own with the
portal's settings (the database the server under test uses)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime


def main(command: str, *args: str) -> None:
    from portal import create_app
    from portal.extensions import db

    app = create_app()
    with app.app_context():
        if command == "accounts":
            from portal.models import Account
            from portal.services import api_tokens
            from portal.services.accounts import _hasher

            count, password = int(args[0]), args[1]
            hashed, now = _hasher.hash(password), datetime.now(UTC)
            citizens = [f"bench{n}@example.org" for n in range(count)]
            for email in citizens:
                db.session.add(Account(email=email, password_hash=hashed, created_at=now, email_confirmed_at=now))
            db.session.add(
                Account(
                    email="bench.worker@example.org",
                    password_hash=hashed,
                    created_at=now,
                    email_confirmed_at=now,
                    role="caseworker",
                    full_name="Bench Worker",
                )
            )
            db.session.commit()
            token = api_tokens.create("benchmark", ("read", "write"))[1]
            print(json.dumps({"citizens": citizens, "caseworker": "bench.worker@example.org", "token": token}))
        elif command == "decide":
            from portal.services import cases

            today = date.today().isoformat()
            with app.test_request_context():
                case = cases.find(args[0])
                cases.record_event(case, "received", {"received_on": today, "case_number": "26/100"})
                cases.record_event(
                    case,
                    "decision",
                    {
                        "outcome": "granted",
                        "decided_on": today,
                        "notified_on": today,
                        "hours": 3,
                        "per": "week",
                        "summary": "Innvilget.",
                    },
                )
            print("ok")
        elif command == "grow":
            from sqlalchemy import select

            from bench import seed
            from portal.models import Submission

            newest = db.session.scalars(
                select(Submission).where(Submission.reference.not_like(f"%-{seed.YEAR}-%")).order_by(Submission.id)
            ).first()
            print(seed.grow_to(int(args[0]), newest.document, newest.submitted_at))
        elif command == "cursor":
            from bench import seed

            print(seed.middle_cursor())
        elif command == "count":
            from sqlalchemy import func, select

            from portal.models import Submission

            print(db.session.scalar(select(func.count(Submission.id)).where(Submission.reference.in_(args))))
        else:
            raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(*sys.argv[1:])
