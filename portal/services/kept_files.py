"""Files chosen on a page that came back with an error elsewhere on it. A browser cannot fill
in a file input again, so the file is checked and kept on the server, outside static/ under a
random name, until the page is sent (the file then goes to its owner) or another replaces it.
The record of a kept file is small enough for the session cookie, which is signed. A file kept
for a page nobody sent is swept away by `purge` a day later (portal.services.retention)."""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from ..rules import clock
from . import attachments


@dataclass(frozen=True)
class KeptFile:
    """A kept file read back, shaped like an upload (.stream, .filename) for the services."""

    stream: io.BytesIO
    filename: str


def keep(stream, filename: str) -> dict:
    """Check the file (AttachmentRejected if the portal would not take it) and keep it."""
    data, content_type = attachments.checked(stream)
    storage_name = uuid.uuid4().hex
    path = attachments.folder() / storage_name
    path.write_bytes(data)
    # Its age by the portal's clock, which the sweep below reads.
    moment = clock.now().timestamp()
    os.utime(path, (moment, moment))
    return {"storage": storage_name, "filename": attachments.display_name(filename), "content_type": content_type}


def read(record: dict) -> KeptFile | None:
    """The kept file, or None if it is gone (a record from an old cookie)."""
    path = attachments.folder() / _name(record)
    if not path.is_file():
        return None
    return KeptFile(io.BytesIO(path.read_bytes()), record["filename"])


def discard(record: dict | None) -> None:
    if record:
        (attachments.folder() / _name(record)).unlink(missing_ok=True)


def _name(record: dict) -> str:
    # Only names this module made: 32 hex digits, never a path.
    name = str(record.get("storage", ""))
    return name if len(name) == 32 and all(c in "0123456789abcdef" for c in name) else "missing"


def sweep(kept_before: datetime, in_use: Collection[str]) -> int:
    """Delete the files this module kept before the cutoff that nothing uses (`in_use`: the
    names of every attachment's file); how many went. A file written since is left alone: its
    attachment may not be committed yet."""
    swept = 0
    for path in attachments.folder().iterdir():
        if path.name != _name({"storage": path.name}) or path.name in in_use or not path.is_file():
            continue
        if path.stat().st_mtime < kept_before.timestamp():
            path.unlink(missing_ok=True)
            swept += 1
    return swept
