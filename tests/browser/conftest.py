"""Browser tests: the portal served on loopback, driven by Playwright in Debian's Chromium,
and the helpers they share.

Where Chromium is missing they are skipped on a developer's machine, but never in CI
(CI=true), where a missing browser fails the run. The served portal keeps the tests' clock.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal import create_app
from portal.extensions import db
from portal.models import OutboxMessage
from portal.rules import clock
from portal.services.notices import load_demo_notices
from tests.conftest import base_config, empty_tables
from tests.helpers import TEST_PASSWORD, require_tool
from tests.reader_client import declared

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


_page_content = Page.content


def _settled_content(page: Page) -> str:
    """The page's HTML once the document a click navigated to has loaded: read while it is
    still arriving, a page is empty (seen on a busy machine), and a test would fail for that."""
    page.wait_for_load_state()
    return _page_content(page)


Page.content = _settled_content


@pytest.fixture(scope="session")
def browser():
    chromium = require_tool(CHROMIUM, "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_app(database_url):
    """The app object on the live server's database, for reading what the server stored."""
    app = create_app({**base_config(), "SQLALCHEMY_DATABASE_URI": database_url})
    empty_tables(app)
    with app.app_context():
        load_demo_notices(clock.today())
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
    """The portal under gunicorn in its own process, as it runs in production, on the
    tests' clock (tests/browser/gunicorn_clock.py)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "PORTAL_ENV": "testing",
        "DATABASE_URL": database_url,
        "PORTAL_INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
        "OIDC_ISSUER": identity_provider,
        "OIDC_CLIENT_ID": "portal",
        "OIDC_CLIENT_SECRET": "secret",
        "FEATURE_ONLINE_APPLICATIONS": "true",
        "PORTAL_RATE_LIMITS": "off",
        "PORTAL_DEV_MAIL": "on",  # the development mailbox, for the test that reads e-mail there
        "PORTAL_CLOCK_START": str(clock.now().timestamp()),
        # Links in e-mail lead to the portal's configured address: here, this server.
        "PORTAL_URL": f"http://127.0.0.1:{port}",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            str(Path(__file__).with_name("gunicorn_clock.py")),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "portal:create_app()",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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


# -- Helpers the journeys share -----------------------------------------------------------------

AXE = Axe()
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}
}


def violations(page) -> list[str]:
    """What axe-core finds against WCAG 2.2 AA (and its best practices) on the page as it is."""
    result = AXE.run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
    ]


def errors_shown(page, button) -> None:
    """Press a button on an empty or wrong form: the page must say so, without violations."""
    page.get_by_role("button", name=button).click()
    expect(page).to_have_title(re.compile(r"^(Feil|Error):"))
    assert violations(page) == [], f"{page.url} with errors"


def fill(page, answers: dict) -> None:
    """Type answers: field name -> text, with "radios" and "checks" for choices."""
    for name, value in answers.items():
        if name == "radios":
            for field, choice in value.items():
                page.check(f"input[name={field}][value={choice}]")
        elif name == "checks":
            for field, choices in value.items():
                for choice in choices:
                    page.check(f"input[name={field}][value={choice}]")
        else:
            page.fill(f"[name={name}]", value)


def declared_path(url: str) -> str:
    """A full address the browser is at, as the path its route declares (in English words, see
    tests.reader_client.declared): http://…/nb/soknad/x/se-over → /nb/apply/x/check."""
    parts = urlsplit(url)
    return declared(parts.path + (f"?{parts.query}" if parts.query else ""))


# The log-in page's address in each language, as the portal links to it.
LOG_IN = {"nb": "/nb/konto/logg-inn", "nn": "/nn/konto/logg-inn", "en": "/en/account/login"}
LOCALES = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}


def log_in(page, live_server, email, lang="nb") -> None:
    page.goto(live_server + LOG_IN[lang])
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("form.form button[type=submit]").click()


def log_in_with_id(browser, live_server, provider, national_id, lang="nb", start=None):
    """A new browser, logged in with electronic ID; from `start` (a link someone got) if given."""
    import requests

    requests.put(f"{provider}/users/{national_id}", json={"pid": national_id}, timeout=5)
    context = browser.new_context(locale=LOCALES[lang], accept_downloads=True)
    page = context.new_page()
    page.goto(start or live_server + LOG_IN[lang])
    page.get_by_role("link", name=re.compile("ID-porten")).click()
    page.locator("input[name=sub]").fill(national_id)
    page.get_by_role("button", name="Authorize").click()
    if start is None:
        assert declared_path(page.url) == f"/{lang}/my-page"
    return page


def last_message(live_app, to: str | None = None):
    """The newest e-mail in the outbox (to this address, if given)."""
    with live_app.app_context():
        query = select(OutboxMessage).order_by(OutboxMessage.id.desc())
        if to:
            query = query.where(OutboxMessage.to_address == to)
        message = db.session.scalars(query).first()
        db.session.remove()
    return message


def last_link(live_app) -> str:
    """The link in the newest e-mail, as the reader would click it."""
    return re.search(r"https?://\S+", last_message(live_app).body).group(0)


ANSWERS = {
    "person": {
        "full_name": "Kari Nordmann",
        "national_id": "01019012480",
        "street_address": "Gata 1",
        "postcode": "4999",
        "city": "Fjellvik",
        "phone": "91234567",
        "radios": {"preferred_language": "nb", "interpreter": "no"},
    },
    "need": {"description": "Jeg vil gjerne komme meg ut.", "checks": {"groups": ["social"]}},
    "situation": {"radios": {"living": "alone"}},
    "network": {"network": "Mora mi."},
    "wishes": {"interests": "Fotball", "radios": {"form_of_support": "group"}},
    "consent": {"checks": {"sources": ["gp"]}},
}
