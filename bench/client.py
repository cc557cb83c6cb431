"""HTTP as a browser does it, for the benchmark: log in, fill in an application page by
page with the CSRF token, send it. Cookies are kept by hand because production cookies are
Secure and the benchmark talks plain HTTP on loopback."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import requests
from stdnum.no import fodselsnummer

from bench.addresses import APPLY, LOGIN, RECEIPT, application_page

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
USER_AGENT = "portal-benchmark/1"


def made_up_number(n: int) -> str:
    """A valid, made-up fødselsnummer for someone born 30 to 80 years ago (checked by python-stdnum)."""
    born = date(1950, 1, 1) + timedelta(days=(n * 37) % (365 * 45))
    for individual in range(n % 400, 500):
        base = born.strftime("%d%m%y") + f"{individual:03d}"
        for k1 in range(10):
            for k2 in range(10):
                number = f"{base}{k1}{k2}"
                if fodselsnummer.is_valid(number):
                    return number
    raise ValueError(n)


def letters(n: int) -> str:
    """A number written in letters (120 -> "Bca"), for names: a name cannot hold digits."""
    return "".join("abcdefghij"[int(d)] for d in str(n)).capitalize()


def steps(n: int) -> list[tuple[str, dict]]:
    person = dict(
        full_name=f"Bench Person {letters(n)}",
        national_id=made_up_number(n),
        street_address="Gata 1",
        postcode="4999",
        city="Fjellvik",
        phone="+47 912 34 567",
        email="",
        preferred_language="nb",
        interpreter="no",
        interpreter_language="",
    )
    return [
        ("person", person),
        ("need", {"groups": ["mental_health", "social"], "description": "Jeg vil gjerne komme meg mer ut."}),
        ("situation", {"living": "alone", "current_services": ""}),
        ("network", {"network": "Mora mi og en venn."}),
        (
            "wishes",
            {
                "form_of_support": "individual",
                "interests": "Fotball og kino",
                "when": "Kveld",
                "preferences": "",
                "hours": "3",
                "per": "week",
            },
        ),
        ("consent", {"sources": ["gp"], "other_source": ""}),
    ]


class Browser:
    """One person at one address (X-Forwarded-For, the portal runs behind a proxy)."""

    def __init__(self, base: str, address: str, timeout: float = 30):
        self.base, self.address, self.timeout = base, address, timeout
        self.http = requests.Session()
        self.cookies: dict[str, str] = {}

    def headers(self) -> dict[str, str]:
        found = {"User-Agent": USER_AGENT, "X-Forwarded-For": self.address}
        if self.cookies:
            found["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return found

    def _keep(self, response):
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, path: str) -> requests.Response:
        return self._keep(
            self.http.get(self.base + path, headers=self.headers(), allow_redirects=False, timeout=self.timeout)
        )

    def post(self, path: str, data: dict, token: str) -> requests.Response:
        return self._keep(
            self.http.post(
                self.base + path,
                data={**data, "csrf_token": token},
                headers=self.headers(),
                allow_redirects=False,
                timeout=self.timeout,
            )
        )

    def token(self, path: str) -> str:
        response = self.get(path)
        match = CSRF.search(response.text)
        if not match:
            raise RuntimeError(f"no form on {path} ({response.status_code})")
        return match.group(1) or match.group(2)

    def log_in(self, email: str, password: str) -> None:
        response = self.post(LOGIN, {"email": email, "password": password}, self.token(LOGIN))
        if response.status_code != 302:
            raise RuntimeError(f"log-in as {email} failed ({response.status_code})")

    def cookie_header(self) -> str:
        return self.headers()["Cookie"]

    def start_application(self) -> tuple[str, str]:
        """A new støttekontakt draft for oneself: (its address without the page, the CSRF token)."""
        token = self.token(APPLY)
        where = self.post(APPLY, {"service": "stottekontakt"}, token).headers["Location"]
        response = self.post(where, {"who": "self"}, token)
        if response.status_code != 302:
            raise RuntimeError(f"could not start an application ({response.status_code})")
        return response.headers["Location"].rsplit("/", 1)[0], token

    def send(self, base: str, token: str) -> requests.Response:
        """The final post: check your answers, confirm, send."""
        return self.post(application_page(base, "check"), {"correct": "y"}, token)

    def apply(self, n: int) -> tuple[str, float]:
        """Fill in a støttekontakt application page by page; send it. Returns the receipt's
        address and the seconds the sending itself took."""
        base, token = self.start_application()
        for key, data in steps(n):
            response = self.post(application_page(base, key), data, token)
            if response.status_code != 302:
                raise RuntimeError(f"the {key} page did not take the answers ({response.status_code})")
        self.post(application_page(base, "attachments"), {"action": "continue"}, token)
        started = time.perf_counter()
        response = self.send(base, token)
        took = time.perf_counter() - started
        if response.status_code != 302 or RECEIPT not in response.headers.get("Location", ""):
            raise RuntimeError(f"sending failed ({response.status_code})")
        return response.headers["Location"], took
