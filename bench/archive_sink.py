"""The municipality's archive for the chaos run (RELIABILITY.md): an HTTP receiver on loopback
that takes each package deliver-archive posts (portal/archive/transports.py), writes down its
Idempotency-Key and the reference its arkivmelding gives the record, one JSON line each, on
disk before it answers 201 with the archive's numbers. A package whose key it has taken before
gets the same numbers again, as an archive that files each record once does, and is written
down again, so the run sees every package that came twice. The chaos run stops and starts it
to take the archive away.

    python -m bench.archive_sink PORT FILE TOKEN
"""

from __future__ import annotations

import io
import json
import os
import signal
import sys
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.etree import ElementTree

from portal.documents.arkivmelding import MESSAGE_NAME, METADATA as _METADATA, NAMESPACE

NOARK, METADATA = f"{{{NAMESPACE}}}", f"{{{_METADATA}}}"


def record_reference(package: bytes) -> str | None:
    """The portal's reference for the record (the journalpost's external key), or None when
    the package is not a readable arkivmelding."""
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            root = ElementTree.fromstring(archive.read(MESSAGE_NAME))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return None
    key = root.find(f"{NOARK}registrering/{NOARK}referanseEksternNoekkel/{METADATA}noekkel")
    return key.text if key is not None else None


class Archive:
    """What the archive has taken: its record numbers by key, kept in the file across restarts."""

    def __init__(self, path: str, token: str):
        self.path, self.token, self.lock = path, token, threading.Lock()
        self.numbers: dict[str, int] = {}
        if os.path.exists(path):
            with open(path) as record:
                for line in record:
                    if line.strip():
                        key = json.loads(line)["key"]
                        self.numbers.setdefault(key, len(self.numbers) + 1)

    def take(self, key: str, reference: str | None) -> int:
        with self.lock:
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            with open(self.path, "a") as record:
                record.write(json.dumps({"key": key, "reference": reference}) + "\n")
                record.flush()
                os.fsync(record.fileno())
            return number


def server(port: int, archive: Archive) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's hook name
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            key = self.headers.get("Idempotency-Key") or ""
            if self.headers.get("Authorization") != f"Bearer {archive.token}":
                return self._answer(401, {"error": "unauthorised"})
            reference = record_reference(body)
            if not key or reference is None:
                return self._answer(400, {"error": "not an arkivmelding with an Idempotency-Key"})
            number = archive.take(key, reference)
            self._answer(201, {"case_number": f"2026/{number}", "record_number": f"2026/{number}-1"})

        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer.allow_reuse_address = True
    made = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    made.daemon_threads = False  # a package being taken when the run stops it is answered first
    return made


def main(port: int, path: str, token: str) -> None:
    stopping = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stopping)  # the server's threads must not take them
    http = server(port, Archive(path, token))
    threading.Thread(target=http.serve_forever, daemon=True).start()
    signal.sigwait(stopping)
    http.shutdown()
    http.server_close()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])
