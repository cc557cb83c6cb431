"""Delivery of every submission to the municipality's archive: the record it becomes
(portal.rules.archive), the queue filled in the transaction that stores the submission, the
runs of deliver-archive that send it through a transport, and the archive's confirmation with
its own numbers (pushed in its answer, or posted to the API by a system that pulls)."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

from ..extensions import db
from ..models import ArchiveDelivery, Attachment, Case, Submission
from ..rules import archive as rules, clock
from ..rules.files import extension_for
from . import attachments
from .transaction import transaction

# How long a runner holds a delivery while it sends it: longer than any send takes.
CLAIM = timedelta(minutes=10)
# An appeal into a case whose own record has not reached the archive waits this long.
FOLDER_WAIT = timedelta(minutes=1)
# Seconds a runner waits, again and again, for a database that went away while it had a
# delivery in hand, before it stores what happened: about two minutes in all, well inside
# the claim, so no other runner sends the package meanwhile.
DATABASE_PAUSES = (0.5, 1, 2, 4, 8, 15, 15, 15, 15, 15, 15, 15)
DATABASE_AWAY = (OperationalError, DisconnectionError, InterfaceError)


class ConfirmationConflict(ValueError):
    """The archive confirmed this submission before, with other numbers."""


# -- The queue --------------------------------------------------------------------------------


def enqueue(submission: Submission) -> ArchiveDelivery:
    """Queue the submission for the archive, in the transaction that stores it (the caller commits)."""
    now = clock.now()
    delivery = ArchiveDelivery(submission=submission, state="pending", created_at=now, attempts=0, next_attempt_at=now)
    db.session.add(delivery)
    return delivery


def delivery_of(submission: Submission) -> ArchiveDelivery | None:
    return db.session.scalar(select(ArchiveDelivery).where(ArchiveDelivery.submission_id == submission.id))


def summary(submission: Submission) -> dict:
    """The submission's way to the archive, as the API and the caseworker's page show it."""
    delivery = submission.archive_delivery
    if delivery is None:
        return {"state": "pending", "case_number": None, "record_number": None}
    return {"state": delivery.state, "case_number": delivery.case_number, "record_number": delivery.record_number}


@transaction
def confirm(submission: Submission, case_number: str, record_number: str) -> ArchiveDelivery:
    """The archive has the record, under these numbers. The same confirmation again changes
    nothing; other numbers for a confirmed record are refused."""
    delivery = delivery_of(submission) or enqueue(submission)
    if delivery.state == "confirmed":
        if (delivery.case_number, delivery.record_number) != (case_number, record_number):
            raise ConfirmationConflict(submission.reference)
        return delivery
    now = clock.now()
    delivery.state, delivery.confirmed_at = "confirmed", now
    delivery.sent_at = delivery.sent_at or now
    delivery.case_number, delivery.record_number = case_number, record_number
    delivery.last_error = None
    return delivery


# -- The record -------------------------------------------------------------------------------


def record_of(submission: Submission, pdf: bytes) -> tuple[rules.Record, dict[str, bytes]]:
    """The submission as the archive files it, and the files by their names in the package:
    the PDF copy as the main document, each attachment as an appendix."""
    files = [
        _file(
            f"{submission.reference}.pdf",
            "application/pdf",
            pdf,
            rules.public_title(submission.kind, submission.service),
            True,
            "hoveddokument.pdf",
        )
    ]
    contents = {files[0].name_in_package: pdf}
    for number, attachment in enumerate(_attachments(submission), 1):
        data = attachments.read(attachment)
        name = f"vedlegg-{number}.{extension_for(attachment.content_type)}"
        files.append(_file(attachment.filename, attachment.content_type, data, f"Vedlegg {number}", False, name))
        contents[name] = data
    case_reference, new_folder, case_number = _folder_of(submission)
    person = _person(submission)
    representation = submission.document.get("representation") or {}
    given = representation.get("representative") or {}
    sender = (
        rules.Party(
            name=given.get("name") or "",
            national_id=given.get("national_id"),
            email=given.get("email") or "",
            phone=given.get("phone") or "",
        )
        if representation
        else person
    )
    record = rules.Record(
        reference=submission.reference,
        case_reference=case_reference,
        new_folder=new_folder,
        case_number=case_number,
        kind=submission.kind,
        service=submission.service,
        channel=submission.channel,
        received_at=submission.submitted_at,
        person=person,
        sender=sender,
        files=tuple(files),
    )
    return record, contents


def _file(filename: str, content_type: str, data: bytes, title: str, main: bool, name: str) -> rules.File:
    return rules.File(
        name_in_package=name,
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        title=title,
        main=main,
    )


def _attachments(submission: Submission) -> list[Attachment]:
    return list(
        db.session.scalars(select(Attachment).where(Attachment.submission_id == submission.id).order_by(Attachment.id))
    )


def _appealed(submission: Submission) -> Case | None:
    if submission.kind != "appeal" or not submission.appeals_reference:
        return None
    return db.session.scalar(select(Case).where(Case.reference == submission.appeals_reference))


def _folder_of(submission: Submission) -> tuple[str, bool, str | None]:
    """(the folder's key, whether this record makes it, the archive's case number if known):
    an appeal of a case in the portal goes into that case's folder."""
    case = _appealed(submission)
    if case is None:
        return submission.reference, True, None
    delivered = delivery_of(case.submission)
    number = (delivered.case_number if delivered else None) or case.case_number
    return case.reference, False, number


def _person(submission: Submission) -> rules.Party:
    answers = submission.document.get("answers") or {}
    given = answers.get("about_you" if submission.kind == "volunteer" else "person") or {}
    case = _appealed(submission)
    if not given and case is not None:
        # An appeal from a case in the portal asks nothing about the person: the case knows.
        given = (case.submission.document.get("answers") or {}).get("person") or {}
    known = submission.person
    return rules.Party(
        name=given.get("full_name") or submission.person_name or (known.name if known else "") or "Ukjent",
        national_id=(known.national_id if known else None) or (given.get("national_id") or "").replace(" ", "") or None,
        street_address=given.get("street_address") or "",
        postcode=given.get("postcode") or "",
        city=given.get("city") or "",
        email=given.get("email") or "",
        phone=given.get("phone") or "",
    )


# -- Sending ----------------------------------------------------------------------------------


@dataclass
class DeliveryResult:
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


Transport = Callable[[str, bytes], rules.Answer]


def deliver_pending(
    transport: Transport, package_of: Callable[[Submission], bytes], limit: int = 100
) -> DeliveryResult:
    """Send what is due, oldest first, each delivery claimed before it is sent so a second
    runner leaves it alone, and its outcome stored in a transaction of its own."""
    result = DeliveryResult()
    after = 0
    while result.sent + result.failed < limit:
        claimed = _claim_next(after)
        if claimed is None:
            break
        after = claimed
        try:
            prepared = _prepared(claimed, package_of)
        except DATABASE_AWAY:
            # Nothing went to the archive: free it for the next run once the database is back,
            # rather than leave it held for the whole claim.
            _when_the_database_is_back(_release, claimed)
            raise
        except Exception as error:  # the package could not be made: tried again later
            _when_the_database_is_back(_failed, claimed, type(error).__name__)
            result.failed += 1
            result.errors.append(type(error).__name__)
            continue
        if prepared is None:
            continue
        try:
            answer = transport(*prepared)
        except Exception as error:  # the archive refused it or was away: tried again later
            _when_the_database_is_back(_failed, claimed, type(error).__name__)
            result.failed += 1
            result.errors.append(type(error).__name__)
            continue
        # The archive has it: what it answered must be stored, or the package would go again
        # once the claim ran out (and the numbers would wait until then).
        _when_the_database_is_back(_sent, claimed, answer)
        result.sent += 1
    return result


def _prepared(delivery_id: int, package_of: Callable[[Submission], bytes]) -> tuple[str, bytes] | None:
    """(reference, package) of a claimed delivery, or None when it must wait for its folder."""
    delivery = db.session.get_one(ArchiveDelivery, delivery_id)
    if _waits_for_its_folder(delivery):
        _postpone(delivery_id)
        return None
    return delivery.submission.reference, package_of(delivery.submission)


def _when_the_database_is_back(store: Callable[..., None], *args) -> None:
    """Store an outcome, waiting for the database should it be away (a restart, a fail-over)."""
    for pause in (*DATABASE_PAUSES, None):
        try:
            store(*args)
            return
        except DATABASE_AWAY:
            db.session.rollback()
            if pause is None:
                raise
            time.sleep(pause)


@transaction
def _claim_next(after_id: int) -> int | None:
    """Take the oldest delivery that is due: an UPDATE that only one runner can win (the row
    locked until this commits, on PostgreSQL and SQLite alike)."""
    now = clock.now()
    free = or_(ArchiveDelivery.claimed_until.is_(None), ArchiveDelivery.claimed_until < now)
    due = (ArchiveDelivery.state.in_(("pending", "failed")), ArchiveDelivery.next_attempt_at <= now, free)
    candidates = db.session.scalars(
        select(ArchiveDelivery.id).where(ArchiveDelivery.id > after_id, *due).order_by(ArchiveDelivery.id).limit(20)
    ).all()
    for candidate in candidates:
        taken = db.session.execute(
            update(ArchiveDelivery).where(ArchiveDelivery.id == candidate, *due).values(claimed_until=now + CLAIM)
        )
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            return candidate
    return None


def _waits_for_its_folder(delivery: ArchiveDelivery) -> bool:
    case = _appealed(delivery.submission)
    if case is None:
        return False
    folder = delivery_of(case.submission)
    return folder is not None and folder.state in ("pending", "failed")


@transaction
def _release(delivery_id: int) -> None:
    db.session.get_one(ArchiveDelivery, delivery_id).claimed_until = None


@transaction
def _postpone(delivery_id: int) -> None:
    delivery = db.session.get_one(ArchiveDelivery, delivery_id)
    delivery.claimed_until, delivery.next_attempt_at = None, clock.now() + FOLDER_WAIT


@transaction
def _sent(delivery_id: int, answer: rules.Answer) -> None:
    delivery = db.session.get_one(ArchiveDelivery, delivery_id)
    now = clock.now()
    delivery.claimed_until, delivery.last_error, delivery.sent_at = None, None, now
    if delivery.state == "confirmed":
        return  # confirmed over the API while it was on its way
    if answer.case_number and answer.record_number:
        delivery.state, delivery.confirmed_at = "confirmed", now
        delivery.case_number, delivery.record_number = answer.case_number, answer.record_number
    else:
        delivery.state = "sent"


@transaction
def _failed(delivery_id: int, error: str) -> None:
    delivery = db.session.get_one(ArchiveDelivery, delivery_id)
    delivery.claimed_until = None
    if delivery.state == "confirmed":
        return  # confirmed over the API meanwhile: nothing more to send
    delivery.attempts += 1
    delivery.claimed_until, delivery.last_error = None, error[:100]
    delivery.next_attempt_at = rules.next_attempt(delivery.attempts, clock.now())
    delivery.state = rules.state_after_failure(delivery.attempts)
