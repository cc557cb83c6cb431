"""The benchmark: the portal under gunicorn with production settings on loopback, on SQLite
and PostgreSQL, at 1,000, 100,000 and 1,000,000 submissions with cases, against a bare
Flask baseline in the same run. See BENCHMARKS.md.

    python -m bench.run [--sizes 1000,100000,1000000] [--databases sqlite,postgresql]
                        [--duration 10] [--soak 60] [--out bench/results]

Every figure is a ratio taken in one run on one machine: absolute times say little on a
small shared machine, ratios say what the portal costs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests

from bench.addresses import GUIDE, filled
from bench.client import Browser

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKERS = 2 * (os.cpu_count() or 1)
CONNECTIONS = 16
SOAK_CONNECTIONS = 64
SOAK_PEOPLE = 8  # sending applications during the soak, each from an address of their own
PASSWORD = "benchmark passord som er langt nok"
SECRET = "benchmark-only-secret-key-not-for-production"


# -- Processes ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    url: str

    def workers(self) -> list[int]:
        """The master's children, from /proc (no procps needed)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def peak_rss_mb(self) -> float:
        """The largest peak resident memory (VmHWM) among the workers."""
        peaks = []
        for pid in self.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return max(peaks, default=0.0)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def gunicorn(name: str, app: str, env: dict[str, str], check_path: str = "/", port: int | None = None) -> Server:
    """gunicorn as production runs it: sync workers, two per core, no access log."""
    port = port or free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--backlog",
            "2048",
            "--worker-tmp-dir",
            "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir(),
            app,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(env["BENCH_LOGS"]) / f"{name}.log", "ab"),
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(url + check_path, timeout=10).status_code < 500:
                return Server(name, process, url)
        except requests.RequestException:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{name} did not start; see {env['BENCH_LOGS']}/{name}.log")


@dataclass
class Cluster:
    """A throwaway PostgreSQL cluster (as in RECIPES: works as root or not), which the chaos
    run stops and starts again."""

    pgbin: Path
    data: str
    port: int
    run_as: list[str]
    options: str = "-c shared_buffers=256MB -c max_connections=200"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://portal:portal@127.0.0.1:{self.port}/portal"

    def start(self) -> None:
        subprocess.run(
            self.run_as
            + [
                str(self.pgbin / "pg_ctl"),
                "-D",
                self.data,
                "-l",
                f"{self.data}/server.log",
                "-w",
                "-t",
                "30",
                "-o",
                f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 {self.options}",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        """As an operator stops it: sessions ended, transactions in flight rolled back."""
        subprocess.run(
            self.run_as + [str(self.pgbin / "pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"],
            stdout=subprocess.DEVNULL,
        )


@contextmanager
def postgres_cluster(options: str | None = None):
    """A new cluster in a temporary folder with the database `portal`; removed afterwards."""
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in p.parent.name.split(".")]
    )
    if not versions:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql), or set BENCH_DATABASE_URL")
    data = tempfile.mkdtemp(prefix="benchpg.")
    run_as = []
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    cluster = Cluster(versions[-1], data, free_port(), run_as)
    if options is not None:
        cluster.options = options
    subprocess.run(
        run_as
        + [
            str(cluster.pgbin / "initdb"),
            "-D",
            data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    cluster.start()
    try:
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(cluster.port),
                "-U",
                "postgres",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                "CREATE ROLE portal LOGIN PASSWORD 'portal'",
                "-c",
                "CREATE DATABASE portal OWNER portal",
            ],
            check=True,
        )
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(data, ignore_errors=True)


@contextmanager
def throwaway_postgres():
    """The database URL of a throwaway cluster, or BENCH_DATABASE_URL when given."""
    given = os.environ.get("BENCH_DATABASE_URL")
    if given:
        yield given
        return
    with postgres_cluster() as cluster:
        yield cluster.url


# -- wrk ----------------------------------------------------------------------------------------------


@dataclass
class Result:
    database: str
    size: int
    page: str
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    rss_mb: float = 0.0
    note: str = ""


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str] | None = None) -> dict:
    args = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    return parse_wrk(subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout)


def parse_wrk(out: str) -> dict:
    """Requests per second, p50 and p99, and errors (socket errors and answers that are not 2xx or 3xx)."""
    found = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "errors": 0,
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
    }
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        found["errors"] += sum(int(x) for x in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        found["errors"] += int(non_2xx.group(1))
    return found


# -- The run ------------------------------------------------------------------------------------------


@dataclass
class Setup:
    citizen: Browser
    caseworker: Browser
    token: str
    reference: str
    accounts: list[str] = field(default_factory=list)


def portal_env(database_url: str, instance: str, logs: str, port: int) -> dict[str, str]:
    """The environment of the portal under test (production settings), served at `port`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "DATABASE_URL", "OIDC_"))}
    env.update(
        PORTAL_ENV="production",
        PORTAL_URL=f"http://127.0.0.1:{port}",
        PORTAL_SETTINGS=str(ROOT / "portal" / "settings" / "demo.toml"),
        SECRET_KEY=SECRET,
        DATABASE_URL=database_url,
        PORTAL_INSTANCE_PATH=instance,
        PROXY_COUNT="1",
        BENCH_LOGS=logs,
        PYTHONPATH=str(ROOT),
    )
    return env


def in_app(env: dict[str, str], code: str, *args: str) -> str:
    """Run a piece of bench code inside the app (its own process, the portal's settings)."""
    result = subprocess.run(
        [str(BIN / "python"), "-m", "bench.inside", code, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench.inside {code} failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def prepare(env: dict[str, str], server: Server, users: int) -> Setup:
    info = json.loads(in_app(env, "accounts", str(users), PASSWORD))
    citizen = Browser(server.url, "10.1.0.1")
    citizen.log_in(info["citizens"][0], PASSWORD)
    receipt, _ = citizen.apply(0)
    reference = receipt.rsplit("/", 1)[1]
    in_app(env, "decide", reference)
    caseworker = Browser(server.url, "10.2.0.1")
    caseworker.log_in(info["caseworker"], PASSWORD)
    return Setup(citizen, caseworker, info["token"], reference, info["citizens"])


def check_page(url: str, headers: dict[str, str], expect: str) -> None:
    response = requests.get(url, headers=headers, allow_redirects=False, timeout=30)
    if response.status_code != 200 or expect not in response.text:
        raise RuntimeError(
            f"{url} gave {response.status_code} without {expect!r}: the load would measure the wrong page"
        )


def pages(server: Server, setup: Setup, deep_cursor: str) -> list[tuple[str, str, dict[str, str], str]]:
    """The addresses of bench/addresses.py with the headers of whoever asks for them."""
    headers = {
        "visitor": {},
        "citizen": {"Cookie": setup.citizen.cookie_header(), **setup.citizen.headers()},
        "caseworker": {"Cookie": setup.caseworker.cookie_header(), **setup.caseworker.headers()},
        "api": {"Authorization": f"Bearer {setup.token}"},
    }
    return [(page.label, page.path, headers[page.who], page.expect) for page in filled(setup.reference, deep_cursor)]


def submit_cost(server: Server, setup: Setup, count: int, first: int) -> tuple[float, float, float]:
    """Median seconds, one request at a time, of sending a whole application; of a guide page
    as a visitor gets it (kept); and of the same guide built for someone logged in."""
    sends, kept, built = [], [], []
    for n in range(count):
        person = Browser(server.url, f"10.3.{(first + n) // 200}.{(first + n) % 200 + 1}")
        person.log_in(setup.accounts[1 + (first + n) % (len(setup.accounts) - 1)], PASSWORD)
        sends.append(person.apply(first + n)[1])
        started = time.perf_counter()
        requests.get(server.url + GUIDE, timeout=30)
        kept.append(time.perf_counter() - started)
        started = time.perf_counter()
        person.get(GUIDE)
        built.append(time.perf_counter() - started)

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    return median(sends), median(kept), median(built)


def soak(server: Server, setup: Setup, env: dict[str, str], seconds: int, first: int) -> dict:
    """64 connections on the guide page for `seconds`, while eight people send applications;
    then every receipt given must be a submission stored."""
    sent, failures, stop = [], [], threading.Event()

    def person(k: int):
        n = first + k * 1000
        browser = Browser(server.url, f"10.4.{k}.1")
        try:
            browser.log_in(setup.accounts[1 + k % (len(setup.accounts) - 1)], PASSWORD)
        except Exception as problem:  # noqa: BLE001 - counted, shown in the table
            failures.append(str(problem))
            return
        while not stop.is_set():
            # One application every 6.5 seconds from each address: under the portal's limit of
            # ten a minute (a 429 here would be the limit working, not a failure).
            started = time.monotonic()
            try:
                sent.append(browser.apply(n)[0].rsplit("/", 1)[1])
            except Exception as problem:  # noqa: BLE001
                failures.append(str(problem))
            n += 1
            stop.wait(max(0.0, 6.5 - (time.monotonic() - started)))

    threads = [threading.Thread(target=person, args=(k,)) for k in range(SOAK_PEOPLE)]
    for thread in threads:
        thread.start()
    load = wrk(server.url + GUIDE, seconds, SOAK_CONNECTIONS)
    stop.set()
    for thread in threads:
        thread.join()
    stored = int(in_app(env, "count", *sent)) if sent else 0
    return {
        **load,
        "sent": len(sent),
        "stored": stored,
        "send_failures": len(failures),
        "failure_examples": failures[:3],
    }


def run_database(
    name: str, database_url: str | None, sizes: list[int], args, results: list[Result], notes: dict
) -> None:
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{name}."))
    logs = workdir / "logs"
    logs.mkdir()
    database_url = database_url or f"sqlite:///{workdir}/portal.sqlite3"
    port = free_port()
    env = portal_env(database_url, str(workdir / "instance"), str(logs), port)
    migrated = subprocess.run(
        [str(BIN / "flask"), "--app", "portal", "db", "upgrade"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if migrated.returncode != 0:
        raise RuntimeError(f"flask db upgrade failed on {name}:\n{migrated.stderr[-3000:]}")
    server = gunicorn(f"portal-{name}", "portal:create_app()", env, "/healthz", port)
    try:
        setup = prepare(env, server, users=SOAK_PEOPLE + 4)
        sent_so_far = 1
        for size in sizes:
            started = time.perf_counter()
            added = int(in_app(env, "grow", str(size)))
            seeding = time.perf_counter() - started
            notes.setdefault("seeding", []).append(
                {"database": name, "size": size, "added": added, "seconds": round(seeding, 1)}
            )
            print(f"  {name} {size:>9,}: seeded {added:,} rows in {seeding:.1f} s", flush=True)
            cursor = in_app(env, "cursor")
            for label, path, headers, expect in pages(server, setup, cursor):
                check_page(server.url + path, headers, expect)
                found = wrk(server.url + path, args.duration, CONNECTIONS, headers)
                results.append(
                    Result(
                        name,
                        size,
                        label,
                        found["rps"],
                        found["p50_ms"],
                        found["p99_ms"],
                        found["errors"],
                        server.peak_rss_mb(),
                    )
                )
                print(
                    f"  {name} {size:>9,} {label:<20} {found['rps']:>8.0f} req/s  p50 {found['p50_ms']:7.2f} ms  "
                    f"p99 {found['p99_ms']:7.2f} ms  errors {found['errors']}",
                    flush=True,
                )
            send, kept, built = submit_cost(server, setup, args.submits, sent_so_far)
            sent_so_far += args.submits
            note = (
                f"{send / built:.1f}× a guide page built ({built * 1000:.1f} ms), "
                f"{send / kept:.0f}× one kept ({kept * 1000:.1f} ms); one at a time"
            )
            results.append(
                Result(
                    name, size, "submit (whole application post)", 0.0, send * 1000, 0.0, 0, server.peak_rss_mb(), note
                )
            )
            print(f"  {name} {size:>9,} submit: {send * 1000:.1f} ms; {note}", flush=True)
        if args.soak:
            found = soak(server, setup, env, args.soak, 10_000)
            notes.setdefault("soak", []).append(
                {"database": name, "size": sizes[-1], **found, "rss_mb": round(server.peak_rss_mb(), 1)}
            )
            print(
                f"  {name} soak: {found['requests']:,} requests, {found['errors']} errors, "
                f"{found['sent']} applications sent, {found['stored']} stored, "
                f"{found['send_failures']} failed",
                flush=True,
            )
    except Exception:
        server.stop()
        for log in logs.glob("*.log"):  # what the server said, before the folder goes
            print(f"--- {log.name}\n" + log.read_text()[-4000:], file=sys.stderr)
        raise
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def run_baseline(args, size_bytes: int) -> tuple[Result, float]:
    logs = Path(tempfile.mkdtemp(prefix="bench-baseline."))
    env = {**os.environ, "BASELINE_BYTES": str(size_bytes), "BENCH_LOGS": str(logs), "PYTHONPATH": str(ROOT)}
    server = gunicorn("baseline", "bench.baseline:create_app()", env)
    try:
        found = wrk(server.url + "/", args.duration, CONNECTIONS)
        page = len(requests.get(server.url + "/", timeout=10).content)
        return Result(
            "-",
            0,
            "baseline (bare Flask)",
            found["rps"],
            found["p50_ms"],
            found["p99_ms"],
            found["errors"],
            server.peak_rss_mb(),
            f"{page:,} bytes",
        ), found["rps"]
    finally:
        server.stop()
        shutil.rmtree(logs, ignore_errors=True)


def guide_size() -> int:
    os.environ.setdefault("SECRET_KEY", SECRET)
    from portal import create_app

    # Production settings, as the portal under test has (portal_env); the address is only
    # checked against the request's host, the test client's.
    settings = str(ROOT / "portal" / "settings" / "demo.toml")
    app = create_app({"SECRET_KEY": SECRET, "PORTAL_URL": "http://localhost", "PORTAL_SETTINGS": settings})
    return len(app.test_client().get(GUIDE).data)


# -- The table --------------------------------------------------------------------------------------


def table(results: list[Result], baseline_rps: float, sizes: list[int], notes: dict) -> str:
    lines = [
        "| database | rows | page | req/s | × baseline | p50 ms | p99 ms | errors | peak RSS/worker MB | note |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        ratio = f"{r.rps / baseline_rps:.2f}" if r.rps and baseline_rps else ""
        lines.append(
            f"| {r.database} | {r.size:,} | {r.page} | {r.rps:,.0f} | {ratio} | {r.p50_ms:.2f} | "
            f"{r.p99_ms:.2f} | {r.errors} | {r.rss_mb:.0f} | {r.note} |"
        )
    lines += [
        "",
        "p50 at each size against the smallest (target: at most 1.3 for the case page, the queue and the API list):",
        "",
        "| database | page | " + " | ".join(f"{s:,}" for s in sizes) + " |",
        "|---|---|" + "---:|" * len(sizes),
    ]
    for database in dict.fromkeys(r.database for r in results if r.database != "-"):
        for page in dict.fromkeys(r.page for r in results if r.database == database):
            row = {r.size: r.p50_ms for r in results if r.database == database and r.page == page}
            smallest = row.get(sizes[0]) or 0
            lines.append(
                f"| {database} | {page} | "
                + " | ".join(f"{row[s] / smallest:.2f}" if smallest and s in row else "" for s in sizes)
                + " |"
            )
    for entry in notes.get("seeding", []):
        lines.append("") if entry is notes["seeding"][0] else None
        lines.append(
            f"- seeding {entry['database']} to {entry['size']:,}: {entry['added']:,} added in {entry['seconds']} s"
        )
    for entry in notes.get("soak", []):
        lines.append(
            f"- {SOAK_CONNECTIONS} connections for the soak on {entry['database']} at {entry['size']:,} rows: "
            f"{entry['requests']:,} requests, {entry['errors']} errors; {entry['sent']} applications sent, "
            f"{entry['stored']} stored, {entry['send_failures']} failed; peak RSS {entry['rss_mb']} MB"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,100000,1000000"))
    parser.add_argument("--databases", default=os.environ.get("BENCH_DATABASES", "sqlite,postgresql"))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", "10")))
    parser.add_argument("--soak", type=int, default=int(os.environ.get("BENCH_SOAK", "60")))
    parser.add_argument("--submits", type=int, default=int(os.environ.get("BENCH_SUBMITS", "15")))
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    sizes = sorted(int(s) for s in args.sizes.split(","))
    results: list[Result] = []
    notes: dict = {}
    print(
        f"Benchmark: gunicorn with {WORKERS} sync workers, {CONNECTIONS} connections, {args.duration} s per page",
        flush=True,
    )
    base, baseline_rps = run_baseline(args, guide_size())
    print(f"  baseline {baseline_rps:.0f} req/s", flush=True)
    for name in args.databases.split(","):
        if name == "sqlite":
            run_database(name, None, sizes, args, results, notes)
        elif name == "postgresql":
            with throwaway_postgres() as url:
                run_database(name, url, sizes, args, results, notes)
        else:
            raise SystemExit(f"unknown database {name}")
    results.insert(0, base)
    text = table(results, baseline_rps, sizes, notes)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%MZ")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stamp}.md").write_text(f"# Benchmark {stamp}\n\n{text}\n")
    (out / f"{stamp}.json").write_text(
        json.dumps(
            {"results": [asdict(r) for r in results], "notes": notes, "workers": WORKERS, "cpus": os.cpu_count()},
            indent=1,
        )
    )
    print("\n" + text + f"\n\nWritten to {out / (stamp + '.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
