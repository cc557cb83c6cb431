"""The pages behind log-in, profiled in one process: the yardstick for making them faster.

    python -m bench.profile [--size 1000] [--requests 200] [--top 25] [--page "queue, first page"]
    make profile

Builds the portal with production settings on a new SQLite database, sends a real
application through a local server as the benchmark does (bench/run.py), adds synthetic
rows up to --size, then asks for each logged-in page of bench/addresses.py --requests
times through Flask's test client, with the same cookies and headers. It prints the
CPU milliseconds per page (process time, the median of five rounds: steadier than the
wall clock when others share the machine), set against a bare Flask page (bench/baseline.py)
in the same process, and then for each page the functions that took the most time under
cProfile: cumulatively (with what they called), and on their own. Times in one process, without
wrk, gunicorn or the network: steadier than the benchmark on a shared machine, and what
the app itself costs. Unless --page is given, three probe pages added to this app only (PROBES)
measure the floor every page behind log-in stands on: a visitor's page, a logged-in page
with no template, and one that renders only the layout.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

from bench.addresses import filled
from bench.run import BIN, ROOT, free_port, in_app, portal_env, prepare

ROUNDS = 5


def build(workdir: Path, size: int):
    """The app on a seeded database, and the headers each kind of reader sends."""
    port = free_port()
    env = portal_env(f"sqlite:///{workdir}/portal.sqlite3", str(workdir / "instance"), str(workdir), port)
    migrated = subprocess.run(
        [str(BIN / "flask"), "--app", "portal", "db", "upgrade"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if migrated.returncode != 0:
        raise RuntimeError(f"flask db upgrade failed:\n{migrated.stderr[-3000:]}")
    os.environ.update(env)
    from werkzeug.serving import WSGIRequestHandler, make_server

    from portal import create_app

    app = create_app()
    _add_probes(app)

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs) -> None:
            pass

    server = make_server("127.0.0.1", port, app, threaded=True, request_handler=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        setup = prepare(env, SimpleNamespace(url=f"http://127.0.0.1:{port}"), users=2)
        in_app(env, "grow", str(size))
        cursor = in_app(env, "cursor")
    finally:
        server.shutdown()
    headers = {
        "visitor": {},
        "citizen": {"Cookie": setup.citizen.cookie_header(), **setup.citizen.headers()},
        "caseworker": {"Cookie": setup.caseworker.cookie_header(), **setup.caseworker.headers()},
        "api": {"Authorization": f"Bearer {setup.token}"},
    }
    return app, port, headers, filled(setup.reference, cursor)


# What every page behind log-in pays before it shows anything of its own: three pages added to
# the profile's app only (never to the portal), measured beside the portal's own.
PROBES = (
    ("floor: a visitor, no template", "/nb/probe-plain", "visitor", "ok"),
    ("floor: logged in, no template", "/nb/probe-logged-in", "citizen", "ok"),
    ("floor: logged in, the layout only", "/nb/probe-layout", "citizen", "</html>"),
)


def _add_probes(app) -> None:
    from flask import render_template
    from flask_login import current_user, login_required

    app.add_url_rule("/nb/probe-plain", "probe_plain", lambda: "ok")
    app.add_url_rule("/nb/probe-logged-in", "probe_logged_in", login_required(lambda: f"ok {current_user.id}"))
    app.add_url_rule("/nb/probe-layout", "probe_layout", login_required(lambda: render_template("auth/_layout.html")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=int(os.environ.get("PROFILE_SIZE", "1000")))
    parser.add_argument("--requests", type=int, default=int(os.environ.get("PROFILE_REQUESTS", "200")))
    parser.add_argument("--top", type=int, default=int(os.environ.get("PROFILE_TOP", "25")))
    parser.add_argument("--page", action="append", help="only this page (its label in bench/addresses.py)")
    parser.add_argument("--no-profile", action="store_true", help="the times only")
    parser.add_argument("--json", help="also write the times (ms per page) to this file")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="bench-profile."))
    try:
        app, port, headers, pages = build(workdir, args.size)
        pages = [p for p in pages if p.logged_in and (not args.page or p.label in args.page)]
        probes = []
        if not args.page:
            probes = [
                SimpleNamespace(label=label, path=path, who=who, expect=expect) for label, path, who, expect in PROBES
            ]
            pages = probes + pages
        client = app.test_client(use_cookies=False)
        base = f"http://127.0.0.1:{port}"

        def get(page):
            response = client.get(page.path, base_url=base, headers=headers[page.who])
            if response.status_code != 200 or page.expect not in response.get_data(as_text=True):
                raise RuntimeError(f"{page.path} gave {response.status_code} without {page.expect!r}")
            return response

        times, sizes = {}, {}
        from bench.baseline import create_app as bare

        os.environ["BASELINE_BYTES"] = str(len(client.get("/nb/stottekontakt", base_url=base).data))
        bare_client = bare().test_client()
        for _ in range(50):
            bare_client.get("/")
        started = time.process_time()
        for _ in range(args.requests):
            bare_client.get("/")
        times["baseline (bare Flask)"] = (time.process_time() - started) / args.requests * 1000
        for page in pages:
            sizes[page.label] = len(get(page).data)
            for _ in range(10):
                get(page)
        for page in pages:
            rounds = []
            for _ in range(ROUNDS):
                started = time.process_time()
                for _ in range(args.requests // ROUNDS or 1):
                    get(page)
                rounds.append((time.process_time() - started) / (args.requests // ROUNDS or 1))
            times[page.label] = sorted(rounds)[ROUNDS // 2] * 1000
        print(f"In-process, SQLite, {args.size:,} rows, median of {ROUNDS} rounds of {args.requests // ROUNDS}:\n")
        print("| page | CPU ms per request | × the bare page's time | bytes |\n|---|---:|---:|---:|")
        bare_ms = times["baseline (bare Flask)"]
        print(f"| baseline (bare Flask) | {bare_ms:.2f} | 1.0 | {os.environ['BASELINE_BYTES']} |")
        for page in pages:
            ms = times[page.label]
            print(f"| {page.label} | {ms:.2f} | {ms / bare_ms:.1f} | {sizes[page.label]:,} |")
        if args.json:
            Path(args.json).write_text(json.dumps(times, indent=1))
        if not args.no_profile:
            for page in (p for p in pages if p not in probes):
                profile = cProfile.Profile()
                profile.enable()
                for _ in range(args.requests):
                    get(page)
                profile.disable()
                out = io.StringIO()
                stats = pstats.Stats(profile, stream=out)
                stats.sort_stats("cumulative").print_stats(args.top)
                stats.sort_stats("tottime").print_stats(args.top)
                print(f"\n## {page.label}: {page.path}\n")
                print(out.getvalue().replace(str(ROOT) + "/", "").replace(sys.prefix + "/", ""))
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
