"""The municipality's queue of submissions: filtered, searched, paged by cursor so that a
page costs the same with a thousand rows or a million (an index walk, never an OFFSET)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import ArchiveDelivery, Case, Submission, SubmissionDispute
from ..rules import case_status, submissions
from ..rules.clock import today

PAGE_SIZE = 50
KINDS = submissions.KINDS


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    service: str | None = None
    state: str | None = None  # "new", or a case status
    intake_state: str | None = None  # "new" or "received" (the intake API's filter)
    overdue: bool = False


# What a list shows of a submission and its case: columns, not whole objects, so a page of
# fifty builds no ORM objects (the documents, the largest column, stay in the database).
LISTED = (
    Submission.id,
    Submission.reference,
    Submission.kind,
    Submission.service,
    Submission.channel,
    Submission.intake_state,
    Submission.submitted_at,
    Submission.appeals_reference,
)
CASE_LISTED = (
    Case.id.label("case_id"),
    Case.status.label("case_status"),
    Case.answered_on.label("case_answered_on"),
    Case.reply_due.label("case_reply_due"),
    Case.appeal_waiting.label("case_appeal_waiting"),
)
# What the caseworker's queue flags beside a row, read in the page's own statement (an index
# look-up for each row shown) rather than in one statement more for each flag.
FLAGGED = (
    exists()
    .where(ArchiveDelivery.submission_id == Submission.id, ArchiveDelivery.state == "failed")
    .label("archive_failed"),
    exists().where(SubmissionDispute.submission_id == Submission.id).label("disputed"),
)


@dataclass(frozen=True)
class ListedCase:
    status: str


@dataclass(frozen=True)
class Row:
    submission: Any  # the LISTED columns by name: reference, kind, service, submitted_at, ...
    case: ListedCase | None
    reply_overdue: bool
    appeal_waiting: bool
    archive_failed: bool = False  # its delivery failed so often that a person must look
    disputed: bool = False  # the person said they did not send it


def _row(found, day: date, flagged: bool) -> Row:
    flags = (bool(found.archive_failed), bool(found.disputed)) if flagged else (False, False)
    if found.case_id is None:
        return Row(found, None, False, False, *flags)
    overdue = (
        found.case_answered_on is None and found.case_reply_due < day and found.case_status not in case_status.FINISHED
    )
    return Row(found, ListedCase(found.case_status), overdue, bool(found.case_appeal_waiting), *flags)


def encode_cursor(submission: Any) -> str:
    """The place after a submission (anything with its submitted_at and id)."""
    raw = f"{submission.submitted_at.isoformat()}|{submission.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    """The place a cursor points after, or None when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, number = raw.rsplit("|", 1)
        return datetime.fromisoformat(moment), int(number)
    except (ValueError, UnicodeDecodeError):
        return None


class BadCursor(ValueError):
    """The cursor was not made by this portal."""


def _after(query, cursor: str | None, moment_column, id_column):
    if not cursor:
        return query
    place = decode_cursor(cursor)
    if place is None:
        raise BadCursor(cursor)
    moment, number = place
    # The first condition lets the database start the index walk at the cursor; the second
    # only steps past the rows with the same moment (an OR alone makes SQLite read from the start).
    return query.where(moment_column >= moment, or_(moment_column > moment, id_column > number))


def page(
    filters: Filters, cursor: str | None = None, limit: int = PAGE_SIZE, flagged: bool = False
) -> tuple[list[Row], str | None]:
    """Oldest first, so intake works in order. Returns the rows and the next page's cursor;
    `flagged` reads the queue's flags (FLAGGED) too."""
    day = today()
    # The documents stay in the database: a list reads the channel from its own column.
    columns = (*LISTED, *CASE_LISTED, *(FLAGGED if flagged else ()))
    query = select(*columns).outerjoin(Case, Case.submission_id == Submission.id)
    if filters.kind:
        query = query.where(Submission.kind == filters.kind)
    if filters.service:
        query = query.where(Submission.service == filters.service)
    if filters.intake_state:
        query = query.where(Submission.intake_state == filters.intake_state)
    # The same order either way (a case keeps its submission's moment); by status, the walk
    # is along the case's own index, so a rare status is found without reading the rest.
    moment, number = Submission.submitted_at, Submission.id
    if filters.state == "new":
        query = query.where(Submission.intake_state == "new")
    elif filters.state:
        query = query.where(Case.status == filters.state)
        moment, number = Case.submitted_at, Case.submission_id
    if filters.overdue:
        query = query.where(
            or_(
                and_(Case.answered_on.is_(None), Case.reply_due < day, Case.status.not_in(case_status.FINISHED)),
                Case.appeal_waiting.is_(True),
            )
        )
    query = _after(query, cursor, moment, number).order_by(moment, number).limit(limit + 1)
    found = db.session.execute(query).all()
    rows = [_row(f, day, flagged) for f in found[:limit]]
    following = encode_cursor(found[limit - 1]) if len(found) > limit else None
    return rows, following


def search(text: str) -> Submission | None:
    """A submission by its reference, or by the municipality's case number."""
    wanted = text.strip()
    if not wanted:
        return None
    found = db.session.scalar(select(Submission).where(Submission.reference == wanted.upper()))
    if found is None:
        case = db.session.scalar(select(Case).where(Case.case_number == wanted))
        found = case.submission if case is not None else None
    return found


def find(reference: str) -> Submission | None:
    """The submission, with its person, its way to the archive and any dispute read in the
    same statement: the caseworker's page and the API's answer show them all."""
    return db.session.scalar(
        select(Submission)
        .where(Submission.reference == reference)
        .options(
            joinedload(Submission.person),
            joinedload(Submission.archive_delivery),
            joinedload(Submission.dispute),
        )
    )
