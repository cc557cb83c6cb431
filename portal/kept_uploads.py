"""A file chosen on a page whose form came back with errors, or that switched language, stays
chosen: the page keeps it (portal.services.kept_files), remembered in the session for that page
alone (in either language), and says so."""

from __future__ import annotations

from flask import request, session

from .services import kept_files


def _key() -> str:
    # The page in any language (its view and its arguments, not its address, which differs by
    # language): the file stays chosen when the reader switches.
    arguments = ",".join(f"{name}={value}" for name, value in sorted((request.view_args or {}).items()))
    return f"kept_file:{request.endpoint}:{arguments}"


def kept() -> dict | None:
    """The file kept for this page, if any: {"filename": ...} for the page to name it."""
    return session.get(_key())


def keep(upload) -> dict | None:
    """A newly chosen file replaces the one kept; AttachmentRejected if it is not taken."""
    if not upload or not upload.filename:
        return kept()
    record = kept_files.keep(upload.stream, upload.filename)
    kept_files.discard(session.get(_key()))
    session[_key()] = record
    return record


def take():
    """The kept file to send with the page (.stream, .filename), or None."""
    record = kept()
    return kept_files.read(record) if record else None


def forget() -> None:
    """The page is sent: its kept file is not needed any more."""
    kept_files.discard(session.pop(_key(), None))
