"""The ways a package reaches the archive. A transport is one call, (reference, package) →
the archive's answer, raising when the archive did not take it; deliver-archive does the
rest (the queue, the retries, the numbers). Built: an HTTP endpoint and a folder. Not built:
Fiks IO (AMQP, the package as ASiC-E, Maskinporten tokens), which would be a third transport
beside these, with the package and the record unchanged."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flask import Flask

from ..rules.archive import Answer


class ArchiveRefused(RuntimeError):
    """The archive answered, but did not take the package."""


class HttpTransport:
    """POST the zip to ARCHIVE_URL with a bearer token; the archive answers 2xx with
    {"case_number", "record_number"} (or with nothing, and confirms over the API later).
    The reference goes as the Idempotency-Key, so an archive that gets a package twice (the
    answer lost on the way back) can tell."""

    def __init__(self, url: str, token: str | None, timeout: float = 60):
        self.url, self.token, self.timeout = url, token, timeout

    def __call__(self, reference: str, package: bytes) -> Answer:
        headers = {"Content-Type": "application/zip", "Idempotency-Key": reference}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        # Lazy: requests adds some 4 MB to every worker, and only deliver-archive posts.
        import requests

        response = requests.post(self.url, data=package, headers=headers, timeout=self.timeout)
        if not 200 <= response.status_code < 300:
            raise ArchiveRefused(f"HTTP {response.status_code}")
        try:
            body = response.json() if response.content else {}
        except ValueError:
            body = {}
        body = body if isinstance(body, dict) else {}
        return Answer(_number(body.get("case_number")), _number(body.get("record_number")))


def _number(value) -> str | None:
    return str(value)[:40] if isinstance(value, str | int) and str(value).strip() else None


class FolderTransport:
    """Write the zip into ARCHIVE_FOLDER as <reference>.zip, whole or not at all: written
    beside it under a name the archive ignores, then renamed (atomic on one file system)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def __call__(self, reference: str, package: bytes) -> Answer:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".part", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(package)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.folder / f"{reference}.zip")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return Answer()


def transport_for(app: Flask):
    """The transport the settings name, or None when the archive pulls over the API."""
    if app.config.get("ARCHIVE_URL"):
        return HttpTransport(app.config["ARCHIVE_URL"], app.config.get("ARCHIVE_TOKEN"))
    if app.config.get("ARCHIVE_FOLDER"):
        return FolderTransport(app.config["ARCHIVE_FOLDER"])
    return None
