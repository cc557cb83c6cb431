"""Attachments: checked by content and size, stored under random names outside static/.
Who may download one is decided by portal.services.access, from what it belongs to."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..models import Account, Attachment, Authority, Draft, Volunteer, VolunteerReport
from ..rules import clock
from ..rules.files import MAX_BYTES, MAX_FILES, sniff
from . import file_checks
from .transaction import transaction


class AttachmentRejected(ValueError):
    """Why a file was not accepted: 'empty', 'too_large', 'wrong_type', 'too_many', or what
    portal.services.file_checks found when it read the file (portal.fields.FILE_MESSAGES)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def folder() -> Path:
    path = Path(current_app.config.get("UPLOAD_FOLDER") or os.path.join(current_app.instance_path, "uploads"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def for_draft(draft: Draft) -> list[Attachment]:
    return list(db.session.scalars(select(Attachment).where(Attachment.draft_id == draft.id).order_by(Attachment.id)))


@transaction
def add(account: Account, draft: Draft, stream, filename: str, kind: str) -> Attachment:
    count = db.session.execute(select(func.count(Attachment.id)).where(Attachment.draft_id == draft.id)).scalar_one()
    if count >= MAX_FILES:
        raise AttachmentRejected("too_many")
    attachment = store(account, stream, filename, kind, draft=draft)
    draft.updated_at = clock.now()  # adding a file is using the draft (rules/retention.py)
    return attachment


def store(
    account: Account,
    stream,
    filename: str,
    kind: str,
    *,
    draft: Draft | None = None,
    authority: Authority | None = None,
    volunteer: Volunteer | None = None,
    report: VolunteerReport | None = None,
) -> Attachment:
    """Check the file and keep it for exactly one owner: a draft, an authority (its document),
    a volunteer (the police certificate) or a volunteer's report (a receipt). The caller commits."""
    if sum(owner is not None for owner in (draft, authority, volunteer, report)) != 1:
        raise ValueError("a file belongs to exactly one owner")
    data, content_type = checked(stream)
    storage_name = uuid.uuid4().hex
    (folder() / storage_name).write_bytes(data)
    attachment = Attachment(
        account_id=account.id,
        draft_id=draft.id if draft else None,
        authority_id=authority.id if authority else None,
        volunteer_id=volunteer.id if volunteer else None,
        volunteer_report_id=report.id if report else None,
        kind=kind,
        filename=display_name(filename),
        content_type=content_type,
        size=len(data),
        storage_name=storage_name,
        created_at=clock.now(),
    )
    db.session.add(attachment)
    db.session.flush()
    return attachment


def checked(stream) -> tuple[bytes, str]:
    """The file's bytes and content type, if the portal takes it (else AttachmentRejected)."""
    data = stream.read(MAX_BYTES + 1)
    if not data:
        raise AttachmentRejected("empty")
    if len(data) > MAX_BYTES:
        raise AttachmentRejected("too_large")
    kind_of_content = sniff(data[:16])
    if kind_of_content is None:
        raise AttachmentRejected("wrong_type")
    content_type, _extension = kind_of_content
    problem = file_checks.problem_with(data, content_type)
    if problem is not None:
        raise AttachmentRejected(problem)
    return data, content_type


def display_name(filename: str) -> str:
    name = os.path.basename((filename or "").replace("\\", "/")).strip()
    return "".join(ch for ch in name if ch.isprintable())[:200] or "file"


def find(public_id: str) -> Attachment | None:
    return db.session.scalar(select(Attachment).where(Attachment.public_id == public_id))


def read(attachment: Attachment) -> bytes:
    return (folder() / attachment.storage_name).read_bytes()


@transaction
def remove(attachment: Attachment) -> None:
    discard(attachment)


def discard(attachment: Attachment) -> None:
    """Delete the file and its row (the caller commits). The file goes at once: should the
    transaction fail, a row pointing at nothing is better than personal data left on disk."""
    (folder() / attachment.storage_name).unlink(missing_ok=True)
    db.session.delete(attachment)
