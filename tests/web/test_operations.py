"""The operators' contract: db upgrade, demo-data and gunicorn, as an operator runs them."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("PORTAL_ENV", "DATABASE_URL", "FLASK_APP")}
    env.update(
        SECRET_KEY="operator-test-" + "x" * 32,
        DATABASE_URL="sqlite:///" + str(tmp_path / "portal.sqlite3"),
        PORTAL_INSTANCE_PATH=str(tmp_path),
        PORTAL_URL="http://127.0.0.1",
        PORTAL_SETTINGS=str(ROOT / "portal" / "settings" / "demo.toml"),
        **extra,
    )
    return env


def _flask(tmp_path, *args, **env):
    return subprocess.run(
        [str(BIN / "flask"), "--app", "portal", *args],
        cwd=ROOT,
        env=_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_db_upgrade_then_demo_data_on_a_new_database(tmp_path):
    upgrade = _flask(tmp_path, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    first = _flask(tmp_path, "demo-data", PORTAL_ENV="development")
    assert first.returncode == 0 and "1 new notice(s)" in first.stdout
    again = _flask(tmp_path, "db", "upgrade")
    assert again.returncode == 0
    assert "0 new notice(s)" in _flask(tmp_path, "demo-data", PORTAL_ENV="development").stdout


def test_demo_data_is_refused_in_production(tmp_path):
    """The demo accounts' password is in the README: production must never get them."""
    assert _flask(tmp_path, "db", "upgrade").returncode == 0
    refused = _flask(tmp_path, "demo-data")
    assert refused.returncode != 0 and "refused in production" in refused.stderr
    assert "demo@example.org" not in refused.stdout


def test_gunicorn_serves_the_portal_with_production_settings(tmp_path):
    assert _flask(tmp_path, "db", "upgrade").returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1", "portal:create_app()"],
        cwd=ROOT,
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not answer")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/nb/", timeout=5) as r:
            assert r.status == 200
            assert "Strict-Transport-Security" in r.headers
    finally:
        server.terminate()
        server.wait(timeout=10)
