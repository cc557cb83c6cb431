"""What tests share: reading pages, posting forms as a browser does, accounts and log-in,
and the journeys many tests start from (an application sent, a case decided).

Fixtures that wrap these live in `tests/conftest.py`; a test module never imports another
test module.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

from portal.extensions import db
from portal.rules import clock
from tests.reader_client import declared

TEST_PASSWORD = "tre lange ord og litt til"
REFERENCE = re.compile(r"(?:SK|LB|BPA|KL|FR)-\d{4}-\d{6}")


# -- Tools a test needs -------------------------------------------------------------------------


def require_tool(name: str, why: str) -> str:
    """The path of a program a test needs. Missing, the test is skipped on a developer's
    machine and fails in CI (CI=true), where everything must run."""
    path = shutil.which(name) or (name if os.path.isabs(name) and os.path.exists(name) else None)
    if path:
        return path
    message = f"{name} is not installed ({why})"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + "; CI must run every test")
    pytest.skip(message)


# -- Reading pages ----------------------------------------------------------------------------


def html(response) -> str:
    return response.get_data(as_text=True)


def text(response) -> str:
    """The page's words without tags, spaces folded: what a reader sees."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html(response)))


def errors(response) -> list[str]:
    """The error messages shown beside the fields."""
    return re.findall(r'class="ds-validation-message"[^>]*>([^<]*)', html(response))


def reference_in(value: str) -> str:
    """The first case reference (SK-2026-000001) in a page or a link."""
    return REFERENCE.search(value).group(0)


def day(value: date) -> str:
    """A day as Norwegians type it into a form (31.12.2027)."""
    return value.strftime("%d.%m.%Y")


# -- Forms ------------------------------------------------------------------------------------

CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(client, path: str) -> str:
    """The CSRF token from the form on a page, as a browser would send it back."""
    page = client.get(path).get_data(as_text=True)
    match = CSRF_INPUT.search(page)
    assert match, f"no CSRF token in the form on {path}"
    return match.group(1) or match.group(2)


def post_form(client, path: str, data: dict, form_page: str | None = None, **kwargs):
    """Post a form the way a browser does: fetch the page first for its CSRF token."""
    token = csrf_token(client, form_page or path)
    return client.post(path, data={**data, "csrf_token": token}, **kwargs)


# -- Accounts and log-in ----------------------------------------------------------------------


def make_account(app, email="kari@example.org", password=TEST_PASSWORD, role="citizen", name=None) -> int:
    """A confirmed local account, made as registration (or create-user for staff) would."""
    from portal.models import Account
    from portal.services.accounts import _hasher

    with app.app_context():
        account = Account(
            email=email,
            password_hash=_hasher.hash(password),
            created_at=clock.now(),
            email_confirmed_at=clock.now(),
            role=role,
            full_name=name,
        )
        db.session.add(account)
        db.session.commit()
        return account.id


def log_in(client, email="kari@example.org", password=TEST_PASSWORD, lang="nb"):
    response = post_form(client, f"/{lang}/account/login", {"email": email, "password": password})
    assert response.status_code == 302, "log-in failed"
    return response


def make_caseworker(app, email="sara@fjellvik.kommune.no", password=TEST_PASSWORD) -> int:
    return make_account(app, email=email, password=password, role="caseworker", name="Sara Saksbehandler")


def log_in_with_id(client, provider: str, national_id: str, lang: str = "nb", name: str | None = None):
    """Log in through the identity provider as the person with this number (verified)."""
    from urllib.parse import urlsplit

    import requests

    claims = {"pid": national_id, **({"name": name} if name else {})}
    assert requests.put(f"{provider}/users/{national_id}", json=claims, timeout=5).status_code == 204
    start = client.get(f"/{lang}/account/login/idporten")
    answer = requests.post(start.headers["Location"], data={"sub": national_id}, allow_redirects=False, timeout=5)
    callback = urlsplit(answer.headers["Location"])
    response = client.get(f"{callback.path}?{callback.query}")
    assert response.status_code == 302, "log-in with electronic ID failed"
    return client


def make_token(app, name="sak", rights=("read", "write")) -> str:
    """An intake API token, made as the create-api-token command makes it."""
    from portal.services import api_tokens

    with app.app_context():
        return api_tokens.create(name, rights)[1]


# -- The archive package --------------------------------------------------------------------

# KS's published schemas beside the project, as CI has them (../shared/fiks-arkiv).
ARKIVMELDING_SCHEMA = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "fiks-arkiv"
    / "schema"
    / "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd"
)
ARKIVMELDING = "{https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1}"
METADATA = "{https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1}"


@cache
def arkivmelding_schema():
    """Fiks Arkiv's arkivmelding schema. Never skipped: without it no package is checked, and
    the test that needs it fails saying where it looked."""
    from lxml import etree

    if not ARKIVMELDING_SCHEMA.is_file():
        pytest.fail(f"The Fiks Arkiv schema is not at {ARKIVMELDING_SCHEMA}: put shared/fiks-arkiv beside the project")
    return etree.XMLSchema(etree.parse(str(ARKIVMELDING_SCHEMA)))


def open_archive_package(data: bytes):
    """The package's arkivmelding, checked: valid against the schema, antallFiler the files in
    the zip, and each file the size and SHA-256 checksum the XML gives it. Gives (the XML's
    root, {name in the zip: bytes})."""
    import hashlib
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names[0] == "arkivmelding.xml"
        files = {name: archive.read(name) for name in names[1:]}
        root = etree.fromstring(archive.read("arkivmelding.xml"))
    schema = arkivmelding_schema()
    assert schema.validate(root), schema.error_log
    assert int(root.findtext(f"{ARKIVMELDING}antallFiler")) == len(files)
    listed = {}
    for item in root.iter(f"{ARKIVMELDING}dokumentobjekt"):
        name = item.findtext(f"{ARKIVMELDING}referanseDokumentfil")
        listed[name] = (int(item.findtext(f"{ARKIVMELDING}filstoerrelse")), item.findtext(f"{ARKIVMELDING}sjekksum"))
        assert item.findtext(f"{ARKIVMELDING}sjekksumAlgoritme") == "SHA-256"
    assert listed == {name: (len(content), hashlib.sha256(content).hexdigest()) for name, content in files.items()}
    return root, files


# -- Files as people upload them --------------------------------------------------------------


def pdf_file(catalog: str = "", *objects: str, page: str = "", note: str = "") -> bytes:
    """A small, real one-page PDF, written out by hand with a correct cross-reference table.
    `catalog` and `page` add entries to the document's catalog and its one page; `objects` are
    more objects, numbered from 4 on; `note` is a comment that makes one file differ from another."""
    bodies = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog}>>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {page}>>",
        *objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + (f"% {note}\n".encode() if note else b""))
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(bodies) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(bodies) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def image_file(kind: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    """A small, real picture: "PNG" or "JPEG", as a phone or a scanner saves it."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, kind)
    return buffer.getvalue()


PDF = pdf_file()
PNG = image_file("PNG")
JPEG = image_file("JPEG")


def pdf_words(pdftotext: str, data: bytes, folder) -> str:
    """The words of a PDF, as pdftotext reads them, on one line."""
    assert data.startswith(b"%PDF-")
    path = folder / "copy.pdf"
    path.write_bytes(data)
    found = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", found)


# -- Applying ---------------------------------------------------------------------------------

PERSON = dict(
    full_name="Kari Nordmann",
    national_id="010190 12480",
    street_address="Gata 1",
    postcode="4999",
    city="Fjellvik",
    phone="+47 912 34 567",
    email="",
    preferred_language="nb",
    interpreter="no",
    interpreter_language="",
)
STEPS = [
    ("person", PERSON),
    ("need", {"groups": ["mental_health", "social"], "description": "Jeg vil gjerne komme meg ut."}),
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


def start_application(client, lang="nb", service="stottekontakt", who="self") -> str:
    """Start a draft the way a reader does: the service, then who it is for. Gives the
    draft's address (/lang/apply/<public id>)."""
    response = post_form(client, f"/{lang}/apply/", {"service": service})
    assert response.status_code == 302
    for_whom = response.headers["Location"]
    assert declared(for_whom) == f"/{lang}/apply/for-whom?service={service}"
    response = post_form(client, for_whom, {"who": who})
    assert response.status_code == 302, errors(response)
    return response.headers["Location"].rsplit("/", 1)[0]


def answer_all(client, base, upto=None, national_id=None) -> None:
    """Answer every step of a støttekontakt application (up to the step `upto`)."""
    for key, data in STEPS:
        if key == upto:
            return
        if key == "person" and national_id:
            data = {**data, "national_id": national_id}
        response = post_form(client, f"{base}/{key}", data)
        assert response.status_code == 302, (key, errors(response))
    if upto != "attachments":
        assert post_form(client, f"{base}/attachments", {"action": "continue"}).status_code == 302


def send_application(client, lang="nb", national_id=None, files=()) -> tuple[str, str]:
    """Start, answer and send a støttekontakt application, with `files` ((content, name), ...)
    attached first: (the draft's address, the receipt's)."""
    base = start_application(client, lang)
    for content, name in files:
        post_form(
            client,
            f"{base}/attachments",
            {"file": (io.BytesIO(content), name), "kind": "supporting"},
            content_type="multipart/form-data",
        )
    answer_all(client, base, national_id=national_id)
    response = post_form(client, f"{base}/check", {"correct": "y"})
    assert response.status_code == 302
    return base, response.headers["Location"]


# The answers to every page of the other services' applications, in order.
SERVICE_STEPS = {
    "ledsagerbevis": [
        ("person", PERSON),
        ("residence", {"lives_here": "yes"}),
        ("disability", {"description": "Jeg ser dårlig.", "lasting": "yes"}),
        ("companions", {"companions": "", "why": "Finne fram på konserter."}),
    ],
    "bpa": [
        ("person", PERSON),
        (
            "assistance",
            {"hours_per_week": "30", "areas": ["personal_care", "practical"], "description": "Stell morgen og kveld."},
        ),
        ("supervisor", {"supervisor": "self", "supervisor_name": "", "supervisor_relation": ""}),
    ],
}


def send_for_service(client, service: str, lang: str = "nb") -> str:
    """Start, answer and send an application for `service` (støttekontakt, ledsagerbevis or
    BPA) for oneself; gives the receipt's address."""
    base = start_application(client, lang, service)
    for key, data in STEPS if service == "stottekontakt" else SERVICE_STEPS[service]:
        response = post_form(client, f"{base}/{key}", data)
        assert response.status_code == 302, (key, errors(response))
    assert post_form(client, f"{base}/attachments", {"action": "continue"}).status_code == 302
    response = post_form(client, f"{base}/check", {"correct": "y"})
    assert response.status_code == 302, errors(response)
    return response.headers["Location"]


# -- Acting for someone else ------------------------------------------------------------------

PERSON_REST = dict(
    street_address="Gata 1",
    postcode="4999",
    city="Fjellvik",
    phone="912 34 567",
    email="",
    preferred_language="nb",
    interpreter="no",
    interpreter_language="",
)
REPRESENTATIVE = dict(full_name="Rita Representant", phone="922 33 444", email="rita@example.org", relation="parent")
NEED = {"groups": ["social"], "description": "Trenger noen å gå på tur med."}


def start_for(client, who, service="stottekontakt", lang="nb") -> str:
    """Start a draft for someone else ("parent", "guardian", "fullmakt", or an authority's id)."""
    post_form(client, f"/{lang}/apply/", {"service": service})
    response = post_form(client, f"/{lang}/apply/for-whom?service={service}", {"who": who})
    assert response.status_code == 302, errors(response)
    return response.headers["Location"].rsplit("/", 1)[0]


def fill_for(client, base, national_id, child_views=None) -> None:
    """Answer every step of an application made for someone else."""
    assert (
        post_form(
            client, f"{base}/person", {"full_name": "Ola Barn", "national_id": national_id, **PERSON_REST}
        ).status_code
        == 302
    )
    assert post_form(client, f"{base}/representative", REPRESENTATIVE).status_code == 302
    if child_views:
        assert post_form(client, f"{base}/child_views", child_views).status_code == 302
    for key, data in [
        ("need", NEED),
        ("situation", {"living": "family"}),
        ("network", {"network": "Familien."}),
        ("wishes", {"form_of_support": "group", "interests": "Fotball"}),
        ("consent", {}),
    ]:
        response = post_form(client, f"{base}/{key}", data)
        assert response.status_code == 302, (key, errors(response))
    assert post_form(client, f"{base}/attachments", {"action": "continue"}).status_code == 302


def prepare_paper_fullmakt(client, person_id: str, valid_until: date) -> str:
    """A representative prepares a paper fullmakt for BPA applications; its public id."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Authority

    post_form(
        client,
        "/nb/authorities/new/paper",
        {
            "representative_name": "Rita Representant",
            "person_name": "Gunn Giver",
            "person_national_id": person_id,
            "scopes": ["apply"],
            "services": ["bpa"],
            "valid_until": day(valid_until),
        },
    )
    with client.application.app_context():
        return db.session.scalar(select(Authority.public_id).order_by(Authority.id.desc()))


# -- The municipality's side ------------------------------------------------------------------


def record(app, reference: str, kind: str, **data):
    """Record a case event as the municipality would, through the service."""
    from portal.services import cases

    with app.test_request_context():
        return cases.record_event(cases.find(reference), kind, data)[0].id


def decision(notified: date | None = None, **overrides) -> dict:
    """A decision partly granting three hours a week in a group, for the half-year that starts
    next month: decided on the day it reached the person (`notified`, today unless given), so
    its deadlines run from the day the test runs. (A decision is never dated before the
    application came in: a test with a decision in the past sends the application before it.)"""
    notified = notified or clock.today()
    starts = (notified.replace(day=1) + timedelta(days=32)).replace(day=1)
    ends = (starts + timedelta(days=31 * 6)).replace(day=1) - timedelta(days=1)
    return {
        "outcome": "partly_granted",
        "decided_on": notified.isoformat(),
        "notified_on": notified.isoformat(),
        "hours": 3,
        "per": "week",
        "form": "group",
        "valid_from": starts.isoformat(),
        "valid_to": ends.isoformat(),
        "summary": "Du har behov for støtte til fritid.\nVi gir tre timer i uka i gruppe.",
        **overrides,
    }


@contextmanager
def back_then(clock, day: date):
    """The `clock` fixture at noon on an earlier `day`, then back at the moment it was: for an
    application sent before a decision a test dates in the past. A log-in does not survive
    the jump either way (the session cookie is signed with its moment): log in again."""
    moment = clock.now()
    clock.move_to(day)
    try:
        yield
    finally:
        clock.move_to(moment)


def decide(app, reference: str, notified: date | None = None, **overrides) -> dict:
    """Record a decision in the case (see `decision`) and give what was recorded."""
    fields = decision(notified, **overrides)
    record(app, reference, "decision", **fields)
    return fields


APPEAL = {"points": ["hours"], "change": "Jeg vil ha seks timer i uka.", "why": "Tre timer er for lite til å delta."}


def start_appeal(client, reference, lang="nb") -> str:
    """Start an appeal of the decision in this case; gives the draft's address."""
    response = post_form(client, f"/{lang}/appeal/", {"decision": reference})
    assert response.status_code == 302, errors(response)
    return response.headers["Location"].rsplit("/", 1)[0]


# -- Volunteers -------------------------------------------------------------------------------


def make_volunteer(app, email: str, state: str = "interviewed", name: str = "Vera Frivillig") -> str:
    """A volunteer in the register for the account with this e-mail, as if their application
    had been handled (its answers are not needed); gives the volunteer's public id. The
    application's reference is taken from the year's counter, as a send takes it."""
    from sqlalchemy import select

    from portal.models import Account, Submission, Volunteer
    from portal.rules.references import VOLUNTEER_PREFIX
    from portal.services.submissions import next_reference

    with app.app_context():
        submission = Submission(
            reference=next_reference(VOLUNTEER_PREFIX, clock.today().year),
            kind="volunteer",
            service="stottekontakt",
            document={"answers": {}},
            submitted_at=clock.now(),
            intake_state="new",
            channel="online",
            language="nb",
        )
        db.session.add(submission)
        db.session.flush()
        volunteer = Volunteer(
            name=name,
            state=state,
            times=["evening"],
            groups=["adults"],
            interests=["sports"],
            account_id=db.session.scalar(select(Account.id).where(Account.email == email)),
            submission_id=submission.id,
            created_at=clock.now(),
            updated_at=clock.now(),
        )
        db.session.add(volunteer)
        db.session.commit()
        return volunteer.public_id


def engage_volunteer(app, volunteer: str, reference: str, started_on: date) -> str:
    """The volunteer engaged for the decided case `reference` since `started_on` (their police
    certificate issued a fortnight before) by the caseworker (an account there must be, as the
    `caseworker` fixture makes); gives the assignment's id."""
    from sqlalchemy import select

    from portal.models import Account, Volunteer
    from portal.services import cases, volunteers

    with app.app_context():
        found = db.session.scalar(select(Volunteer).where(Volunteer.public_id == volunteer))
        found.state, found.certificate_issued_on = "approved", started_on - timedelta(days=14)
        db.session.commit()
        worker = db.session.scalar(select(Account).where(Account.role == "caseworker"))
        return volunteers.engage(worker, found, cases.find(reference), signed=True, on=started_on).public_id


# -- Mail and the patient and user ombud ------------------------------------------------------


def free_port() -> int:
    """A TCP port on loopback that nothing listens on (as far as anyone knows right now)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ombud_office_id(app) -> str:
    """The ombud office's account, as the form that gives the ombud access names it."""
    from sqlalchemy import select

    from portal.models import Account

    with app.app_context():
        return str(db.session.scalar(select(Account.id).where(Account.role == "ombud")))


def give_ombud_access(app, person, scopes=("see_case", "appeal"), lang="nb", valid_until: date | None = None):
    """The person gives the ombud office access to their støttekontakt and BPA cases (pbrl
    § 8-6: only with consent), until `valid_until` (a year from today unless given)."""
    valid_until = valid_until or clock.today() + timedelta(days=365)
    return post_form(
        person,
        f"/{lang}/authorities/for-me/ombud",
        {
            "office": ombud_office_id(app),
            "scopes": list(scopes),
            "services": ["stottekontakt", "bpa"],
            "valid_until": day(valid_until),
        },
    )


def register_paper(app, number: int, today: date, start: int = 0) -> list[str]:
    """Submissions registered by the case-management system (paper), a third of them received:
    their references."""
    from portal.services import submissions
    from tests.identities import aged

    references = []
    with app.test_request_context():
        for n in range(start, start + number):
            service = ("stottekontakt", "bpa", "ledsagerbevis")[n % 3]
            born = aged(20 + n % 60, today, start=n // 60 * 7)
            references.append(submissions.register_offline("paper", service, f"Person {n}", born)[0].reference)
    for reference in references[::3]:
        record(app, reference, "received", received_on=today.isoformat())
    return references


def engaged_volunteer_with_a_line(app, citizen, submit_application, decide, clock):
    """Vera, engaged a month and a half ago for Kari's granted case: her logged-in client, the
    assignment's id and a timesheet line for last month."""
    reference = submit_application(citizen)
    decide(reference)
    vera = app.test_client()
    make_account(app, email="vera@example.org")
    log_in(vera, email="vera@example.org")
    started = clock.today() - timedelta(days=45)
    assignment = engage_volunteer(app, make_volunteer(app, "vera@example.org"), reference, started)
    last = clock.today().replace(day=1) - timedelta(days=1)
    worked = max(last.replace(day=12), started)
    line = {"month": last.replace(day=1).isoformat(), "lines-0-day": day(worked), "lines-0-hours": "3"}
    return vera, assignment, line
