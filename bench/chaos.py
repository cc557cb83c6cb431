"""Faults, measured (RELIABILITY.md): the portal under gunicorn with production settings on
PostgreSQL, Redis for the rate limits and a mail server of its own, while citizens send
applications and the case-management system records events; one fault at a time:

  kill      a gunicorn worker killed (SIGKILL) every few seconds
  postgres  PostgreSQL stopped for 10 s (pg_ctl stop -m fast, then start)
  smtp      the mail server down for a minute, then back
  redis     Redis, the rate-limit store, down for 10 s
  archive   the municipality's archive (an HTTP receiver) down for 30 s

After each: every receipt shown is a stored submission, nothing is stored twice, every
e-mail queued is delivered exactly once, every submission stored reaches the archive exactly
once and has the archive's numbers, the portal's answers while a part was away are
counted by status (a 503 must be the portal's own page, in the reader's language, with
Retry-After), and the seconds until the first 200 after the fault.

    python -u -m bench.chaos [--only kill,postgres,smtp,redis,archive] [--out bench/results]

Everything runs on 127.0.0.1; every process it starts is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import requests

from bench.addresses import MY_PAGES, RECEIPT, application_page
from bench.client import Browser, steps
from bench.run import BIN, PASSWORD, ROOT, Server, free_port, gunicorn, in_app, portal_env, postgres_cluster

CITIZENS = 6
# Seconds between one citizen's applications: under the portal's limit of ten sends a minute
# from one address, with room for the retries a fault brings.
PACE = 8.0
OUTBOX_EVERY = 3.0  # seconds between runs of send-outbox, as cron would run it (every minute) made quick
ARCHIVE_EVERY = 3.0  # the same for deliver-archive
BEFORE, AFTER = 5.0, 15.0  # seconds of load before a fault begins and after it ends
GIVE_UP = 120.0  # seconds one citizen keeps trying to send one application
DRAIN = 90.0  # seconds the outbox may take to empty after the load
# Seconds the archive queue may take to empty after the load: a package that failed waits a
# minute before its next try (portal.rules.archive.RETRY_DELAYS), however quick the cron.
ARCHIVE_DRAIN = 150.0
ARCHIVE_TOKEN = "chaos-arkiv"
TIMEOUT = 10.0  # seconds a request may take before the client counts it as unanswered
MAIL_FROM = "tjenestekontoret@fjellvik.kommune.example"
REFERENCE = re.compile(r"\bSK-\d{4}-\d{6}\b")
# The Message-ID the outbox gives each message (portal/services/outbox.py): its row's id.
OUTBOX_ID = re.compile(r"<outbox\.(\d+)\.")


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    seconds: float  # how long the fault lasts


SCENARIOS = (
    Scenario("kill", "a gunicorn worker killed every 3 s", 36.0),
    Scenario("postgres", "PostgreSQL stopped for 10 s", 10.0),
    Scenario("smtp", "the mail server down for 60 s", 60.0),
    Scenario("redis", "Redis (rate limits) down for 10 s", 10.0),
    Scenario("archive", "the archive receiver down for 30 s", 30.0),
)


# -- Reading answers and counting (pure; tests/unit/test_bench.py) ---------------------------------


def friendly_503(path: str, headers: dict[str, str], body: str) -> bool:
    """The portal's own 503: Retry-After, no traceback; JSON for the API, else the error page
    in the language of the address (nb where the address names none)."""
    if "Retry-After" not in headers or "Traceback" in body:
        return False
    if path.startswith("/api/"):
        try:
            return json.loads(body).get("error") == "unavailable"
        except ValueError:
            return False
    first = path.strip("/").split("/", 1)[0]
    lang = first if first in ("nb", "nn", "en") else "nb"
    return f'<html lang="{lang}"' in body and 'class="ds-heading"' in body


def answer_kind(path: str, status: int, headers: dict[str, str], body: str) -> str:
    """ok (2xx, 3xx), unavailable (the portal's friendly 503), unfriendly (any other 5xx, or
    a 503 that is not the friendly page) or other (4xx)."""
    if status < 400:
        return "ok"
    if status == 503:
        return "unavailable" if friendly_503(path, headers, body) else "unfriendly"
    if status >= 500:
        return "unfriendly"
    return "other"


def duplicates(values: Iterable[Any]) -> int:
    """How many more times than once the values occur, in all."""
    return sum(count - 1 for count in Counter(values).values())


def mail_tally(queued: Iterable[int], received_ids: Iterable[str | None]) -> dict[str, int]:
    """The outbox rows queued against the Message-IDs the mail server received."""
    wanted = set(queued)
    got = [int(m.group(1)) for m in (OUTBOX_ID.search(r or "") for r in received_ids) if m]
    mine = [n for n in got if n in wanted]
    return {
        "queued": len(wanted),
        "delivered": len(set(mine)),
        "mail_lost": len(wanted - set(mine)),
        "mail_duplicated": duplicates(mine),
    }


def archive_tally(
    stored: Iterable[str], arrivals: Iterable[tuple[str, str | None]], deliveries: dict[str, tuple]
) -> dict[str, int]:
    """The submissions stored against the packages the archive took, (Idempotency-Key, the
    arkivmelding's reference) each, and what the portal stored of the delivery by reference:
    (state, case number, record number). A package arrived when its key and its record are
    that submission; numbered when the portal has the archive's numbers (confirmed) or was
    told it arrived without them (sent)."""
    wanted = set(stored)
    mine = [key for key, reference in arrivals if key in wanted]
    mismatched = sum(1 for key, reference in arrivals if key in wanted and reference != key)
    numbered = sum(1 for reference in wanted if _numbered(deliveries.get(reference)))
    return {
        "packages_queued": len(wanted),
        "packages_delivered": len(set(mine)),
        "packages_lost": len(wanted - set(mine)),
        "packages_duplicated": duplicates(mine),
        "packages_mismatched": mismatched,
        "archive_numbered": numbered,
        "archive_unnumbered": len(wanted) - numbered,
    }


def _numbered(delivery: tuple | None) -> bool:
    state, case_number, record_number = delivery or (None, None, None)
    return state == "sent" or (state == "confirmed" and bool(case_number and record_number))


def recovery_seconds(probes: list[tuple[float, int | None]], ended: float) -> float | None:
    """Seconds from the end of the fault to the first 200 the probe got after it."""
    for moment, status in probes:
        if moment >= ended and status == 200:
            return round(moment - ended, 1)
    return None


COLUMNS = (
    ("fault", "fault"),
    ("requests", "requests"),
    ("ok", "2xx/3xx"),
    ("unavailable", "503"),
    ("other", "4xx"),
    ("unfriendly", "other 5xx"),
    ("no_answer", "no answer"),
    ("receipts", "receipts"),
    ("stored", "stored"),
    ("lost", "lost"),
    ("duplicated", "duplicated"),
    ("events", "events"),
    ("events_lost", "events lost"),
    ("events_duplicated", "events dup."),
    ("queued", "e-mails queued"),
    ("delivered", "delivered"),
    ("mail_lost", "e-mails lost"),
    ("mail_duplicated", "e-mails dup."),
    ("packages_queued", "packages queued"),
    ("packages_delivered", "delivered"),
    ("packages_lost", "packages lost"),
    ("packages_duplicated", "packages dup."),
    ("archive_numbered", "numbers stored"),
    ("recovery", "recovery s"),
)


def table(rows: list[dict]) -> str:
    def cell(value):
        return "-" if value is None else str(value)

    lines = [
        "| " + " | ".join(title for _, title in COLUMNS) + " |",
        "|---|" + "---:|" * (len(COLUMNS) - 1),
    ]
    lines += ["| " + " | ".join(cell(row.get(key)) for key, _ in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def verdict(rows: list[dict]) -> list[str]:
    """What went wrong, in words; empty when nothing was lost, doubled or answered badly."""
    problems = []
    for row in rows:
        for key in (
            "lost",
            "duplicated",
            "events_lost",
            "events_duplicated",
            "mail_lost",
            "mail_duplicated",
            "packages_lost",
            "packages_duplicated",
            "packages_mismatched",
            "archive_unnumbered",
        ):
            if row.get(key):
                problems.append(f"{row['fault']}: {row[key]} {key.replace('_', ' ')}")
        if row.get("unfriendly"):
            problems.append(f"{row['fault']}: {row['unfriendly']} answers that were not the friendly 503 page")
        if row.get("gave_up"):
            problems.append(f"{row['fault']}: {row['gave_up']} applications given up after {GIVE_UP:.0f} s")
        if row.get("recovery") is None:
            problems.append(f"{row['fault']}: no 200 after the fault ended")
    return problems


# -- Counting what the load gets ------------------------------------------------------------------


class Tally:
    """The answers one scenario's load got, by kind; a few examples of the bad ones."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.kinds: Counter[str] = Counter()
        self.examples: list[str] = []

    def answer(self, path: str, response: requests.Response) -> None:
        kind = answer_kind(path, response.status_code, dict(response.headers), response.text)
        with self.lock:
            self.kinds[kind] += 1
            if kind == "unfriendly" and len(self.examples) < 5:
                self.examples.append(f"{response.status_code} {path}: {response.text[:200]!r}")

    def no_answer(self, path: str, problem: Exception) -> None:
        with self.lock:
            self.kinds["no_answer"] += 1


class Load:
    """What every thread of the load shares: the tally of the scenario running, and when to stop."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.tally = Tally()
        self.stopping = threading.Event()


class CountingBrowser(Browser):
    def __init__(self, load: Load, address: str):
        super().__init__(load.url, address, timeout=TIMEOUT)
        self.load = load

    def _counted(self, path: str, call: Callable[[], requests.Response]) -> requests.Response:
        try:
            response = call()
        except requests.RequestException as problem:
            self.load.tally.no_answer(path, problem)
            raise
        self.load.tally.answer(path, response)
        return response

    def get(self, path: str) -> requests.Response:
        return self._counted(path, lambda: Browser.get(self, path))

    def post(self, path: str, data: dict, token: str) -> requests.Response:
        return self._counted(path, lambda: Browser.post(self, path, data, token))


class TryAgain(Exception):
    def __init__(self, response: requests.Response | None = None):
        super().__init__(response.status_code if response is not None else "")
        self.response = response


class GaveUp(Exception):
    pass


def patiently(call: Callable[[], Any], deadline: float, stopping: threading.Event | None = None) -> Any:
    """Call until it gives what is wanted, as a patient person would: again after an error or
    no answer, after Retry-After when the portal gives one (at most 5 s), else half a second."""
    while True:
        try:
            return call()
        except (requests.RequestException, TryAgain, RuntimeError, KeyError) as problem:
            if time.monotonic() > deadline:
                raise GaveUp(str(problem)) from problem
            wait = 0.5
            response = getattr(problem, "response", None)
            if isinstance(problem, TryAgain) and response is not None:
                retry_after = response.headers.get("Retry-After", "")
                wait = min(5.0, float(retry_after)) if retry_after.isdigit() else wait
            time.sleep(wait)


def redirected(response: requests.Response, to: str = "") -> str:
    if response.status_code != 302 or to not in response.headers.get("Location", ""):
        raise TryAgain(response)
    return response.headers["Location"]


# -- The load -------------------------------------------------------------------------------------


@dataclass
class Sent:
    """What the citizens and the case-management system were told in one scenario."""

    names: list[str] = field(default_factory=list)  # every application filled in (its person's name)
    receipts: list[str] = field(default_factory=list)  # references read from receipt pages
    events: list[tuple[str, str]] = field(default_factory=list)  # (reference, type) acknowledged
    gave_up: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def send_application(browser: CountingBrowser, n: int) -> str:
    """One application, page by page; every post tried again until it is taken. Returns the
    reference read from the receipt page."""
    deadline = time.monotonic() + GIVE_UP
    base, token = patiently(browser.start_application, deadline)
    for key, data in steps(n):
        patiently(
            lambda key=key, data=data: redirected(browser.post(application_page(base, key), data, token)), deadline
        )
    patiently(
        lambda: redirected(browser.post(application_page(base, "attachments"), {"action": "continue"}, token)), deadline
    )
    # The final post, again and again until a receipt: a retry of the same draft must land on
    # the same receipt, whether the first was stored or not.
    receipt = patiently(lambda: redirected(browser.send(base, token), RECEIPT), deadline)

    def read_receipt() -> str:
        page = browser.get(receipt)
        found = REFERENCE.search(page.text) if page.status_code == 200 else None
        if found is None:
            raise TryAgain(page)
        return found.group(0)

    return patiently(read_receipt, deadline)


def citizen(browser: CountingBrowser, first: int, sent: Sent, references: queue.Queue) -> None:
    n = first
    while not browser.load.stopping.is_set():
        started = time.monotonic()
        name = steps(n)[0][1]["full_name"]
        with sent.lock:
            sent.names.append(name)
        try:
            reference = send_application(browser, n)
        except GaveUp:
            with sent.lock:
                sent.gave_up += 1
        else:
            with sent.lock:
                sent.receipts.append(reference)
            references.put(reference)
        n += 1
        browser.load.stopping.wait(max(0.0, PACE - (time.monotonic() - started)))


def case_system(load: Load, token: str, sent: Sent, references: queue.Queue, done: threading.Event) -> None:
    """The case-management system: for every new submission, "received" and a preliminary
    reply (which e-mails the person), each with an Idempotency-Key and tried until stored."""
    http = requests.Session()
    today = datetime.now(UTC).date()
    while True:
        try:
            reference = references.get(timeout=0.5)
        except queue.Empty:
            if done.is_set():
                return
            continue
        deadline = time.monotonic() + GIVE_UP
        for kind, data in (
            ("received", {"case_number": f"26/{reference[-6:]}", "received_on": today.isoformat()}),
            ("preliminary_reply", {"reason": "Vi venter på opplysninger.", "expected_by": str(today + timedelta(30))}),
        ):
            path = f"/api/v1/cases/{reference}/events"

            def post(kind=kind, data=data, path=path, reference=reference) -> None:
                try:
                    response = http.post(
                        load.url + path,
                        json={"type": kind, **data},
                        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": f"{reference}/{kind}"},
                        timeout=TIMEOUT,
                    )
                except requests.RequestException as problem:
                    load.tally.no_answer(path, problem)
                    raise
                load.tally.answer(path, response)
                if response.status_code not in (200, 201):
                    raise TryAgain(response)

            try:
                patiently(post, deadline)
            except GaveUp:
                with sent.lock:
                    sent.gave_up += 1
                break
            with sent.lock:
                sent.events.append((reference, kind))


def probe(browser: CountingBrowser, found: list[tuple[float, int | None]]) -> None:
    """A logged-in person's My page, in Bokmål and English by turns, four times a second."""
    turn = 0
    while not browser.load.stopping.is_set():
        path = MY_PAGES[turn % 2]
        turn += 1
        try:
            status: int | None = browser.get(path).status_code
        except requests.RequestException:
            status = None
        found.append((time.monotonic(), status))
        browser.load.stopping.wait(0.25)


# -- The parts that fail --------------------------------------------------------------------------


@dataclass
class Service:
    """A server the chaos run starts, stops and starts again on the same port."""

    name: str
    command: list[str]
    port: int
    log: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(self.log, "ab"), start_new_session=True
        )
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not start; see {self.log}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Cron(threading.Thread):
    """flask --app portal <command> (send-outbox, deliver-archive), run again a few seconds
    after each run ends."""

    def __init__(self, env: dict[str, str], log: Path, command: str, every: float):
        super().__init__(daemon=True)
        self.env, self.log, self.stopping, self.runs = env, log, threading.Event(), Counter()
        self.command, self.every = command, every

    def run(self) -> None:
        while not self.stopping.wait(self.every):
            try:
                done = subprocess.run(
                    [str(BIN / "flask"), "--app", "portal", self.command],
                    cwd=ROOT,
                    env=self.env,
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
                self.runs["ok" if done.returncode == 0 else f"exit {done.returncode}"] += 1
                with open(self.log, "a") as log:
                    log.write(done.stdout + done.stderr[-2000:])
            except subprocess.TimeoutExpired:
                self.runs["timed out"] += 1


def kill_workers(server: Server, seconds: float, rng: random.Random) -> int:
    killed = 0
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        workers = server.workers()
        if workers:
            os.kill(rng.choice(workers), signal.SIGKILL)
            killed += 1
        time.sleep(3.0)
    return killed


# -- What was stored ------------------------------------------------------------------------------


def arrivals(archive_file: Path) -> list[tuple[str, str | None]]:
    """What the archive receiver took: (Idempotency-Key, the arkivmelding's reference) each."""
    lines = archive_file.read_text().splitlines() if archive_file.exists() else []
    return [(found["key"], found["reference"]) for found in map(json.loads, filter(str.strip, lines))]


def stored(dsn: str, sent: Sent, outbox_from: int, sink_file: Path, archive_file: Path) -> dict:
    with psycopg.connect(dsn) as connection:
        rows = connection.execute(
            "SELECT reference, document->'answers'->'person'->>'full_name' FROM submission"
            " WHERE document->'answers'->'person'->>'full_name' = ANY(%s)",
            (sent.names,),
        ).fetchall()
        events = connection.execute(
            "SELECT c.reference, e.type FROM case_event e JOIN case_file c ON c.id = e.case_id"
            " WHERE c.reference = ANY(%s)",
            ([reference for reference, _ in rows],),
        ).fetchall()
        outbox = [row[0] for row in connection.execute("SELECT id FROM outbox_message WHERE id > %s", (outbox_from,))]
        deliveries = {
            reference: (state, case_number, record_number)
            for reference, state, case_number, record_number in connection.execute(
                "SELECT s.reference, d.state, d.case_number, d.record_number FROM archive_delivery d"
                " JOIN submission s ON s.id = d.submission_id WHERE s.reference = ANY(%s)",
                ([reference for reference, _ in rows],),
            )
        }
    references = {reference for reference, _ in rows}
    received = [json.loads(line)["message_id"] for line in sink_file.read_text().splitlines() if line.strip()]
    return {
        "receipts": len(sent.receipts),
        "stored": len(references & set(sent.receipts)),
        "lost": len(set(sent.receipts) - references),
        "duplicated": duplicates(name for _, name in rows),
        "stored_without_receipt": len(references - set(sent.receipts)),
        "events": len(sent.events),
        "events_lost": len(set(sent.events) - set(events)),
        "events_duplicated": duplicates(events),
        **mail_tally(outbox, received),
        **archive_tally(references, arrivals(archive_file), deliveries),
    }


def waiting_mail(dsn: str) -> int:
    try:
        with psycopg.connect(dsn, connect_timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM outbox_message WHERE sent_at IS NULL").fetchone()[0]
    except psycopg.OperationalError:
        return -1


def waiting_packages(dsn: str) -> int:
    try:
        with psycopg.connect(dsn, connect_timeout=5) as connection:
            return connection.execute(
                "SELECT count(*) FROM archive_delivery WHERE state IN ('pending', 'failed')"
            ).fetchone()[0]
    except psycopg.OperationalError:
        return -1


def last_outbox_id(dsn: str) -> int:
    with psycopg.connect(dsn) as connection:
        return connection.execute("SELECT coalesce(max(id), 0) FROM outbox_message").fetchone()[0]


# -- The run --------------------------------------------------------------------------------------


@dataclass
class Parts:
    server: Server
    cluster: Any
    redis: Service
    smtp: Service
    sink_file: Path
    archive: Service
    archive_file: Path
    dsn: str
    token: str
    citizens: list[CountingBrowser]
    prober: CountingBrowser
    load: Load


def run_scenario(scenario: Scenario, index: int, parts: Parts, rng: random.Random) -> dict:
    load = parts.load
    load.tally, load.stopping = Tally(), threading.Event()
    sent, references, done = Sent(), queue.Queue(), threading.Event()
    outbox_from = last_outbox_id(parts.dsn)
    probes: list[tuple[float, int | None]] = []
    threads = [
        threading.Thread(target=citizen, args=(browser, (index + 1) * 100_000 + k * 1000, sent, references))
        for k, browser in enumerate(parts.citizens)
    ]
    threads.append(threading.Thread(target=probe, args=(parts.prober, probes)))
    system = threading.Thread(target=case_system, args=(load, parts.token, sent, references, done))
    for thread in [*threads, system]:
        thread.start()
    began = time.monotonic()
    time.sleep(BEFORE)
    print(f"  {scenario.key}: {scenario.label}", flush=True)
    note = ""
    if scenario.key == "kill":
        note = f"{kill_workers(parts.server, scenario.seconds, rng)} workers killed"
    elif scenario.key == "postgres":
        parts.cluster.stop()
        time.sleep(scenario.seconds)
        parts.cluster.start()
    elif scenario.key == "smtp":
        parts.smtp.stop()
        time.sleep(scenario.seconds)
        parts.smtp.start()
    elif scenario.key == "redis":
        parts.redis.stop()
        time.sleep(scenario.seconds)
        parts.redis.start()
    elif scenario.key == "archive":
        parts.archive.stop()
        time.sleep(scenario.seconds)
        parts.archive.start()
    ended = time.monotonic()
    time.sleep(AFTER)
    load.stopping.set()
    for thread in threads:
        thread.join()
    done.set()
    system.join()
    drained_at = time.monotonic() + DRAIN
    while waiting_mail(parts.dsn) != 0 and time.monotonic() < drained_at:
        time.sleep(1.0)
    drained_at += ARCHIVE_DRAIN - DRAIN
    while waiting_packages(parts.dsn) != 0 and time.monotonic() < drained_at:
        time.sleep(1.0)
    found = stored(parts.dsn, sent, outbox_from, parts.sink_file, parts.archive_file)
    kinds = load.tally.kinds
    row = {
        "fault": scenario.label,
        "key": scenario.key,
        "seconds": round(ended - began + AFTER, 1),
        "requests": sum(kinds.values()),
        "ok": kinds["ok"],
        "unavailable": kinds["unavailable"],
        "other": kinds["other"],
        "unfriendly": kinds["unfriendly"],
        "no_answer": kinds["no_answer"],
        **found,
        "gave_up": sent.gave_up,
        "recovery": recovery_seconds(probes, ended),
        "note": note,
        "unfriendly_examples": load.tally.examples,
    }
    print(
        f"    {row['requests']} requests: {row['ok']} ok, {row['unavailable']} friendly 503, "
        f"{row['other']} 4xx, {row['unfriendly']} other 5xx, {row['no_answer']} unanswered; "
        f"{row['receipts']} receipts, {row['stored']} stored, {row['lost']} lost, {row['duplicated']} doubled; "
        f"{row['events']} events, {row['events_lost']} lost, {row['events_duplicated']} doubled; "
        f"{row['queued']} e-mails queued, {row['delivered']} delivered, {row['mail_lost']} lost, "
        f"{row['mail_duplicated']} doubled; {row['packages_queued']} packages queued, "
        f"{row['packages_delivered']} delivered, {row['packages_lost']} lost, {row['packages_duplicated']} doubled, "
        f"{row['archive_numbered']} with the archive's numbers; back {row['recovery']} s after the fault"
        + (f"; {note}" if note else ""),
        flush=True,
    )
    for example in load.tally.examples:
        print(f"      {example}", flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=os.environ.get("CHAOS_FAULTS", ",".join(s.key for s in SCENARIOS)))
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args(argv)
    chosen = [s for s in SCENARIOS if s.key in args.only.split(",")]
    redis_server = shutil.which("redis-server")
    if not redis_server:
        print("redis-server is missing: apt-get install redis-server", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="chaos."))
    logs = workdir / "logs"
    logs.mkdir()
    rows: list[dict] = []
    print(f"Chaos: {len(chosen)} faults, {CITIZENS} citizens and a case-management system, on 127.0.0.1", flush=True)
    with postgres_cluster("-c max_connections=100 -c shared_buffers=32MB") as cluster:
        redis_port, smtp_port, archive_port, port = free_port(), free_port(), free_port(), free_port()
        redis = Service(
            "redis",
            [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            redis_port,
            logs / "redis.log",
        )
        sink_file = workdir / "received.jsonl"
        sink_file.touch()
        smtp = Service(
            "smtp",
            [str(BIN / "python"), "-m", "bench.smtp_sink", str(smtp_port), str(sink_file)],
            smtp_port,
            logs / "smtp.log",
        )
        archive_file = workdir / "archived.jsonl"
        archive = Service(
            "archive",
            [str(BIN / "python"), "-m", "bench.archive_sink", str(archive_port), str(archive_file), ARCHIVE_TOKEN],
            archive_port,
            logs / "archive.log",
        )
        env = portal_env(cluster.url, str(workdir / "instance"), str(logs), port)
        env.update(
            REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(smtp_port),
            SMTP_STARTTLS="false",
            MAIL_FROM=MAIL_FROM,
            ARCHIVE_URL=f"http://127.0.0.1:{archive_port}/arkivmelding",
            ARCHIVE_TOKEN=ARCHIVE_TOKEN,
        )
        server: Server | None = None
        cron = Cron(env, logs / "send-outbox.log", "send-outbox", OUTBOX_EVERY)
        deliverer = Cron(env, logs / "deliver-archive.log", "deliver-archive", ARCHIVE_EVERY)
        try:
            redis.start()
            smtp.start()
            archive.start()
            migrated = subprocess.run(
                [str(BIN / "flask"), "--app", "portal", "db", "upgrade"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if migrated.returncode != 0:
                raise RuntimeError(f"flask db upgrade failed:\n{migrated.stderr[-3000:]}")
            server = gunicorn("portal-chaos", "portal:create_app()", env, "/healthz", port)
            info = json.loads(in_app(env, "accounts", str(CITIZENS + 1), PASSWORD))
            load = Load(server.url)
            browsers = [CountingBrowser(load, f"10.9.{k}.1") for k in range(CITIZENS + 1)]
            for browser, email in zip(browsers, info["citizens"], strict=True):
                browser.log_in(email, PASSWORD)
            parts = Parts(
                server,
                cluster,
                redis,
                smtp,
                sink_file,
                archive,
                archive_file,
                cluster.url.replace("+psycopg", ""),
                info["token"],
                browsers[:-1],
                browsers[-1],
                load,
            )
            cron.start()
            deliverer.start()
            rng = random.Random(14)
            for index, scenario in enumerate(chosen):
                rows.append(run_scenario(scenario, index, parts, rng))
        except BaseException:
            for log in logs.glob("*.log"):  # what the servers said, before the folder goes
                print(f"--- {log.name}\n" + log.read_text(errors="replace")[-4000:], file=sys.stderr)
            raise
        finally:
            for runner in (cron, deliverer):
                runner.stopping.set()
            for runner in (cron, deliverer):
                runner.join(timeout=130)
            taken = arrivals(archive_file)
            if server is not None:
                server.stop()
            smtp.stop()
            archive.stop()
            redis.stop()
            server_log = logs / "portal-chaos.log"
            logged = server_log.read_text(errors="replace") if server_log.exists() else ""
            errors = len(re.findall(r"Exception \w+ on [A-Z]+ ", logged))
            kept = Path(args.out) / f"chaos-logs-{datetime.now(UTC):%Y-%m-%dT%H%MZ}"
            shutil.copytree(logs, kept, dirs_exist_ok=True)  # the servers' own words, for a closer look
            shutil.rmtree(workdir, ignore_errors=True)
    problems = verdict(rows)
    # A package of one scenario sent again during a later one is outside that scenario's count.
    twice = duplicates(key for key, _ in taken)
    if twice:
        problems.append(f"the whole run: {twice} packages taken by the archive more than once")
    text = table(rows)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%MZ")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    summary = "\n".join(f"- {p}" for p in problems) or "Nothing lost, nothing doubled, every 5xx the friendly 503."
    (out / f"chaos-{stamp}.md").write_text(f"# Chaos {stamp}\n\n{text}\n\n{summary}\n")
    (out / f"chaos-{stamp}.json").write_text(
        json.dumps(
            {
                "rows": rows,
                "outbox_runs": dict(cron.runs),
                "archive_runs": dict(deliverer.runs),
                "packages_taken": len(taken),
                "exceptions_logged": errors,
            },
            indent=1,
        )
    )
    print(
        f"\n{text}\n\n{summary}\nsend-outbox runs: {dict(cron.runs)}; deliver-archive runs: {dict(deliverer.runs)}"
        f" (exit 1: some package failed); packages the archive took in the whole run: {len(taken)}, "
        f"{twice} more than once; exceptions in the portal's log: {errors}"
    )
    print(f"Written to {out / f'chaos-{stamp}.md'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
