"""Browser tests: the portal served on loopback, driven by Playwright in Debian's Chromium.

Where Chromium is missing they are skipped on a developer's machine, but never in CI
(CI=true), where a missing browser fails the run.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from portal import create_app
from portal.extensions import db
from portal.services.notices import load_demo_notices

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if _in_ci():
            pytest.fail(message + " (browser tests must run in CI)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_app(database_url):
    """The app object on the live server's database, for reading what the server stored."""
    from tests.conftest import _base_config, empty_tables

    app = create_app({**_base_config(), "SQLALCHEMY_DATABASE_URI": database_url})
    empty_tables(app)
    with app.app_context():
        load_demo_notices(date.today())
        db.engine.dispose()
    return app


@pytest.fixture(scope="session")
def identity_provider():
    """A real OpenID Connect provider on loopback, standing in for ID-porten."""
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="session")
def live_server(live_app, database_url, identity_provider, tmp_path_factory):
    """The portal under gunicorn in its own process, as it runs in production."""
    from tests.conftest import empty_tables

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PORTAL_ENV": "testing", "DATABASE_URL": database_url,
           "PORTAL_INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
           "OIDC_ISSUER": identity_provider, "OIDC_CLIENT_ID": "portal", "OIDC_CLIENT_SECRET": "secret",
           "FEATURE_ONLINE_APPLICATIONS": "true", "PORTAL_RATE_LIMITS": "off"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--threads", "4", "portal:create_app()"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the portal did not start under gunicorn")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        empty_tables(live_app)


class PageProblems:
    """Collects what a real browser complains about: CSP violations, failed loads, errors."""

    def __init__(self, page):
        self.items: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.items.append(f"page error: {error}"))
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.items.append(f"console: {message.text}")

    def _response(self, response):
        if response.status >= 400 and "/does-not-exist" not in response.url:
            self.items.append(f"{response.status} {response.url}")


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.problems = PageProblems(page)
    yield page
    context.close()
