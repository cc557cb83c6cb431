"""Every submission reaches the municipality's archive as a Noark 5 record (Fiks Arkiv's
arkivmelding, checked against KS's schema): fetched over the API, or pushed by deliver-archive
through an HTTP endpoint or a folder, once each, and confirmed with the archive's numbers."""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import ArchiveDelivery, Submission
from tests.helpers import (
    APPEAL,
    ARKIVMELDING as N,
    JPEG,
    METADATA as M,
    PDF,
    PNG,
    arkivmelding_schema,
    decide,
    open_archive_package,
    post_form,
    reference_in,
    send_application,
    start_appeal,
)


def _package(api, reference: str):
    response = api.get(f"/api/v1/submissions/{reference}/archive-package", headers=api.auth)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    return open_archive_package(response.data)


def _texts(root, path: str) -> list[str]:
    """Texts at a path; `m:` marks the metadata catalogue's names (a code's kode, a key's noekkel)."""
    return [element.text for element in root.iterfind(path.replace("n:", N).replace("m:", M))]


def test_the_schema_is_there_and_loads():
    """CI has ../shared/fiks-arkiv beside the project: without it this fails, never skips."""
    assert arkivmelding_schema() is not None


def test_an_application_with_attachments_is_an_incoming_screened_record_in_its_own_case(apply_app, api, citizen):
    _, receipt = send_application(citizen, files=[(PDF, "legeerklæring.pdf"), (PNG, "bilde.png")])
    reference = reference_in(receipt)
    root, files = _package(api, reference)
    assert sorted(files) == ["hoveddokument.pdf", "vedlegg-1.pdf", "vedlegg-2.png"]
    assert files["vedlegg-1.pdf"] == PDF and files["vedlegg-2.png"] == PNG
    assert files["hoveddokument.pdf"].startswith(b"%PDF")
    folder = root.find(f"{N}mappe")
    assert folder.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "saksmappe"
    assert _texts(folder, "n:referanseEksternNoekkel/m:noekkel") == [reference]
    assert _texts(folder, "n:referanseEksternNoekkel/m:fagsystem") == ["stottekontakt-portal"]
    assert _texts(folder, "n:part/n:partNavn") == ["Kari Nordmann"]
    assert _texts(folder, "n:part/n:personID/n:identifikator") == ["01019012480"]
    entry = root.find(f"{N}registrering")
    assert entry.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "journalpost"
    assert _texts(entry, "n:journalposttype/m:kode") == ["I"]
    assert _texts(entry, "n:referanseForelderMappe/m:referanseEksternNoekkel/m:noekkel") == [reference]
    assert _texts(entry, "n:korrespondansepart/n:korrespondansepartNavn") == ["Kari Nordmann"]
    assert _texts(entry, "n:korrespondansepart/n:korrespondanseparttype/m:kode") == ["EA"]
    assert _texts(entry, "n:korrespondansepart/n:postadresse") == ["Gata 1"]
    assert _texts(entry, "n:dokumentbeskrivelse/n:tilknyttetRegistreringSom/m:kode") == ["H", "V", "V"]
    assert _texts(entry, "n:dokumentbeskrivelse/n:dokumentobjekt/n:filnavn") == [
        f"{reference}.pdf",
        "legeerklæring.pdf",
        "bilde.png",
    ]
    assert _texts(entry, "n:dokumentbeskrivelse/n:dokumentobjekt/n:mimeType") == [
        "application/pdf",
        "application/pdf",
        "image/png",
    ]
    assert _texts(entry, "n:antallVedlegg") == ["2"]
    # Screened as health and care information (offl. § 13 with fvl. § 13): the public titles
    # say what it is and nothing of whom.
    for screening in root.iter(f"{N}skjerming"):
        assert _texts(screening, "n:tilgangsrestriksjon/m:kode") == ["13"]
        assert _texts(screening, "n:skjermingshjemmel")[0].startswith("offl. § 13 jf. fvl. § 13")
    assert _texts(entry, "n:offentligTittel") == ["Søknad om støttekontakt"]
    assert _texts(folder, "n:offentligTittel") == ["Søknad om støttekontakt"]
    assert _texts(entry, "n:tittel") == ["Søknad om støttekontakt - Kari Nordmann"]
    assert root.find(f"{N}registrering/{N}part/{N}erSkjermet").text == "true"


def test_an_application_without_attachments_has_its_pdf_alone(apply_app, api, citizen, submit_application):
    reference = submit_application(citizen, "en")
    root, files = _package(api, reference)
    assert list(files) == ["hoveddokument.pdf"]
    # The archive's journal is in Bokmål whatever language the person used.
    assert _texts(root, "n:registrering/n:offentligTittel") == ["Søknad om støttekontakt"]
    assert _texts(root, "n:registrering/n:antallVedlegg") == ["0"]


def test_a_paper_registration_is_archived_as_received_on_paper(apply_app, api, register):
    reference = register().json["reference"]
    root, files = _package(api, reference)
    assert list(files) == ["hoveddokument.pdf"]
    assert _texts(root, "n:registrering/n:offentligTittel") == ["Søknad om brukerstyrt personlig assistanse (BPA)"]
    assert _texts(root, "n:registrering/n:dokumentmedium/m:kode") == ["B"]
    assert _texts(root, "n:registrering/n:korrespondansepart/n:korrespondansepartNavn") == ["Per Papir"]
    assert _texts(root, "n:registrering/n:korrespondansepart/n:epostadresse") == ["per@example.org"]


def test_an_appeal_is_a_record_in_its_case_folder(apply_app, api, citizen, submit_application, clock):
    reference = submit_application(citizen)
    assert (
        api.post(
            f"/api/v1/submissions/{reference}/archived",
            json={"case_number": "2026/417", "record_number": "2026/417-1"},
            headers=api.auth,
        ).status_code
        == 200
    )
    decide(apply_app, reference, decided_on=clock.today().isoformat())
    base = start_appeal(citizen, reference)
    post_form(citizen, f"{base}/appeal", APPEAL)
    post_form(
        citizen,
        f"{base}/attachments",
        {"file": (io.BytesIO(JPEG), "skann.jpg"), "kind": "supporting"},
        content_type="multipart/form-data",
    )
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    appeal = reference_in(post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"])
    root, files = _package(api, appeal)
    assert root.find(f"{N}mappe") is None  # no new folder: it goes into the case's
    parent = f"{N}registrering/{N}referanseForelderMappe"
    assert _texts(root, f"{parent}/{M}referanseEksternNoekkel/{M}noekkel") == [reference]
    assert _texts(root, f"{parent}/{M}saksnummer/{M}saksaar") == ["2026"]
    assert _texts(root, f"{parent}/{M}saksnummer/{M}sakssekvensnummer") == ["417"]
    assert _texts(root, "n:registrering/n:offentligTittel") == ["Klage på vedtak om støttekontakt"]
    assert _texts(root, "n:registrering/n:dokumentbeskrivelse/n:dokumenttype/m:kode") == ["KLAGE", "VEDLEGG"]
    assert _texts(root, "n:registrering/n:part/n:partNavn") == ["Kari Nordmann"]
    assert sorted(files) == ["hoveddokument.pdf", "vedlegg-1.jpg"]


def test_sent_by_a_representative_the_sender_is_them_and_the_person_the_party(apply_app, api, clock):
    """The representative as avsender, the person as part (the document names both)."""
    from portal.services import archive

    with apply_app.test_request_context():
        submission = Submission(
            reference="SK-2026-000901",
            kind="application",
            service="stottekontakt",
            channel="online",
            language="nb",
            intake_state="new",
            submitted_at=clock.now(),
            document={
                "answers": {"person": {"full_name": "Ola Barn", "national_id": "01019012480", "city": "Fjellvik"}},
                "representation": {
                    "basis": "parent",
                    "representative": {
                        "name": "Rita Representant",
                        "national_id": "02029012345",
                        "email": "rita@example.org",
                    },
                },
                "attachments": [],
            },
        )
        db.session.add(submission)
        archive.enqueue(submission)
        db.session.commit()
    root, _ = _package(api, "SK-2026-000901")
    assert _texts(root, "n:registrering/n:korrespondansepart/n:korrespondansepartNavn") == ["Rita Representant"]
    assert _texts(root, "n:registrering/n:korrespondansepart/n:personid") == ["02029012345"]
    assert _texts(root, "n:registrering/n:part/n:partNavn") == ["Ola Barn"]
    assert _texts(root, "n:mappe/n:part/n:personID/n:identifikator") == ["01019012480"]
    assert _texts(root, "n:registrering/n:tittel") == ["Søknad om støttekontakt - Ola Barn"]


VOLUNTEER_STEPS = [
    (
        "about_you",
        {
            "full_name": "Vera Frivillig",
            "national_id": "01019012480",
            "street_address": "Fjellveien 2",
            "postcode": "4999",
            "city": "Fjellvik",
            "occupation": "Lærer",
            "work": "part_time",
            "phone": "912 34 567",
            "email": "vera@example.org",
        },
    ),
    ("driving", {"has_car": "yes", "has_licence": "yes"}),
    ("experience", {"experience": "Lærer i ti år."}),
    ("interests", {"interests": ["sports"], "hobbies": "Fotball"}),
    ("availability", {"times": ["evening"], "groups": ["adults"]}),
    ("capacity", {"hours": "4", "per": "week", "people": "2"}),
    ("other", {"other": "", "confidentiality": "y"}),
]


def test_a_volunteers_application_is_archived_too(apply_app, api, citizen):
    base = post_form(citizen, "/nb/volunteer/start", {}, form_page="/nb/volunteer/").headers["Location"]
    base = base.rsplit("/", 1)[0]
    for key, data in VOLUNTEER_STEPS:
        assert post_form(citizen, f"{base}/{key}", data).status_code == 302, key
    reference = reference_in(post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"])
    root, files = _package(api, reference)
    assert list(files) == ["hoveddokument.pdf"]
    assert _texts(root, "n:registrering/n:offentligTittel") == ["Søknad om å bli støttekontakt"]
    assert _texts(root, "n:registrering/n:korrespondansepart/n:korrespondansepartNavn") == ["Vera Frivillig"]
    assert _texts(root, "n:registrering/n:korrespondansepart/n:poststed") == ["Fjellvik"]


# -- Confirmation over the API -----------------------------------------------------------------


def test_the_archive_confirms_once_and_the_submission_shows_its_numbers(apply_app, api, citizen, submit_application):
    reference = submit_application(citizen)
    assert api.get(f"/api/v1/submissions/{reference}", headers=api.auth).json["archive"] == {
        "state": "pending",
        "case_number": None,
        "record_number": None,
    }
    body = {"case_number": "2026/12", "record_number": "2026/12-1"}
    first = api.post(f"/api/v1/submissions/{reference}/archived", json=body, headers=api.auth)
    again = api.post(f"/api/v1/submissions/{reference}/archived", json=body, headers=api.auth)
    assert first.status_code == again.status_code == 200
    assert again.json["archive"] == {"state": "confirmed", **body}
    assert api.get(f"/api/v1/submissions/{reference}", headers=api.auth).json["archive"]["state"] == "confirmed"
    other = api.post(f"/api/v1/submissions/{reference}/archived", json={**body, "record_number": "9"}, headers=api.auth)
    assert other.status_code == 409
    missing = api.post(f"/api/v1/submissions/{reference}/archived", json={"case_number": "1"}, headers=api.auth)
    assert missing.status_code == 422 and "record_number" in missing.json["fields"]
    assert api.post("/api/v1/submissions/SK-2000-000001/archived", json=body, headers=api.auth).status_code == 404


def test_the_openapi_document_describes_the_archive(api):
    paths = api.get("/api/v1/openapi.json").json["paths"]
    assert "/api/v1/submissions/{reference}/archive-package" in paths
    assert "/api/v1/submissions/{reference}/archived" in paths


# -- Delivery ---------------------------------------------------------------------------------


class Receiver:
    """A local archive over HTTP that fails the first `failures` packages, then takes each and
    answers with its numbers."""

    def __init__(self, failures: int):
        self.failures, self.received, self.headers = failures, [], []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.failures:
                    receiver.failures -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                receiver.received.append(body)
                receiver.headers.append(dict(self.headers))
                number = len(receiver.received)
                answer = json.dumps({"case_number": f"2026/{number}", "record_number": f"2026/{number}-1"}).encode()
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/arkiv"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def make(failures=0):
        made.append(Receiver(failures))
        return made[-1]

    yield make
    for one in made:
        one.close()


def _deliver(app):
    return app.test_cli_runner().invoke(args=["deliver-archive"])


def _deliveries(app) -> dict[str, tuple]:
    with app.app_context():
        rows = db.session.execute(
            select(
                Submission.reference, ArchiveDelivery.state, ArchiveDelivery.attempts, ArchiveDelivery.case_number
            ).join(ArchiveDelivery, ArchiveDelivery.submission_id == Submission.id)
        )
        return {row[0]: tuple(row[1:]) for row in rows}


def test_deliver_archive_tries_again_later_and_each_package_arrives_once(
    make_app, login_as, receiver, submit_application, clock
):
    archive = receiver(failures=3)
    app = make_app(FEATURE_ONLINE_APPLICATIONS=True, ARCHIVE_URL=archive.url, ARCHIVE_TOKEN="arkiv-hemmelig")
    citizen = app.test_client()
    from tests.helpers import log_in, make_account

    make_account(app)
    log_in(citizen)
    first, _ = send_application(citizen)
    second, _ = send_application(citizen)
    references = sorted(_deliveries(app))
    result = _deliver(app)
    assert result.exit_code == 1 and "Delivered 0, failed 2" in result.output
    assert _deliver(app).output.strip() == "Delivered 0, failed 0."  # not due yet
    clock.shift(minutes=2)
    result = _deliver(app)
    assert "Delivered 1, failed 1" in result.output  # the third failure, then the archive is back
    clock.shift(minutes=10)
    assert "Delivered 1, failed 0" in _deliver(app).output
    clock.shift(hours=7)
    assert "Delivered 0, failed 0" in _deliver(app).output
    assert len(archive.received) == 2
    for body, headers in zip(archive.received, archive.headers, strict=True):
        open_archive_package(body)
        assert headers["Authorization"] == "Bearer arkiv-hemmelig"
        assert headers["Content-Type"] == "application/zip"
    assert sorted(h["Idempotency-Key"] for h in archive.headers) == references
    states = _deliveries(app)
    assert {state for state, *_ in states.values()} == {"confirmed"}
    assert sorted(number for *_, number in states.values()) == ["2026/1", "2026/2"]


def test_after_five_failures_the_caseworkers_queue_flags_it(make_app, receiver, clock):
    archive = receiver(failures=100)
    app = make_app(FEATURE_ONLINE_APPLICATIONS=True, ARCHIVE_URL=archive.url)
    api = app.test_client()
    from tests.helpers import make_token

    auth = {"Authorization": f"Bearer {make_token(app)}"}
    reference = api.post(
        "/api/v1/submissions",
        json={
            "channel": "phone",
            "service": "stottekontakt",
            "person": {"name": "Per Papir", "national_id": "01019012480"},
        },
        headers=auth,
    ).json["reference"]
    for _ in range(5):
        assert _deliver(app).exit_code == 1
        clock.shift(hours=7)
    assert _deliveries(app)[reference][:2] == ("failed", 5)
    assert api.get(f"/api/v1/submissions/{reference}", headers=auth).json["archive"]["state"] == "failed"
    archive.failures = 0
    assert "Delivered 1" in _deliver(app).output  # still tried, and the flag goes with success
    assert _deliveries(app)[reference][0] == "confirmed"


def test_a_second_runner_never_sends_a_package_the_first_is_sending(apply_app, api, register):
    """The first runner holds the delivery while it sends: a second one started meanwhile
    finds nothing to send."""
    from portal.archive.package import package_of
    from portal.rules.archive import Answer
    from portal.services import archive

    reference = register().json["reference"]
    sent, during = [], []

    def transport(ref, package):
        with apply_app.app_context():
            during.append(archive.deliver_pending(lambda r, p: sent.append(r) or Answer(), package_of))
        sent.append(ref)
        return Answer()

    with apply_app.test_request_context():
        result = archive.deliver_pending(transport, package_of)
    assert result.sent == 1 and sent == [reference] and during[0].sent == 0


def test_the_folder_transport_writes_each_package_whole_once(make_app, register, tmp_path, api):
    folder = tmp_path / "arkiv"
    app = make_app(FEATURE_ONLINE_APPLICATIONS=True, ARCHIVE_FOLDER=str(folder))
    client = app.test_client()
    from tests.helpers import make_token

    auth = {"Authorization": f"Bearer {make_token(app, 'mappe')}"}
    body = {
        "channel": "paper",
        "service": "ledsagerbevis",
        "person": {"name": "Per Papir", "national_id": "01019012480"},
    }
    reference = client.post("/api/v1/submissions", json=body, headers=auth).json["reference"]
    assert "Delivered 1, failed 0" in _deliver(app).output
    assert "Delivered 0, failed 0" in _deliver(app).output
    assert sorted(p.name for p in folder.iterdir()) == [f"{reference}.zip"]  # nothing half-written beside it
    open_archive_package((folder / f"{reference}.zip").read_bytes())
    assert _deliveries(app)[reference][0] == "sent"  # the archive confirms over the API
    numbers = {"case_number": "26/5", "record_number": "26/5-1"}
    client.post(f"/api/v1/submissions/{reference}/archived", json=numbers, headers=auth)
    assert _deliveries(app)[reference] == ("confirmed", 0, "26/5")


def test_without_a_transport_deliver_archive_says_the_archive_pulls(apply_app):
    result = _deliver(apply_app)
    assert result.exit_code != 0 and "ARCHIVE_URL" in result.output


def _paper_submission(app) -> str:
    from tests.helpers import make_token

    body = {
        "channel": "paper",
        "service": "ledsagerbevis",
        "person": {"name": "Per Papir", "national_id": "01019012480"},
    }
    auth = {"Authorization": f"Bearer {make_token(app)}"}
    return app.test_client().post("/api/v1/submissions", json=body, headers=auth).json["reference"]


def _database_away_at_first(monkeypatch, name: str, times: int) -> list[float]:
    """The service's `name` meets a database that is away the first `times` calls; the pauses
    the runner makes while it waits are written down instead of slept."""
    from types import SimpleNamespace

    from sqlalchemy.exc import OperationalError

    from portal.services import archive

    real, calls, pauses = getattr(archive, name), [], []

    def away_at_first(*args):
        calls.append(args)
        if len(calls) <= times:
            raise OperationalError("UPDATE archive_delivery", {}, ConnectionError("server closed the connection"))
        return real(*args)

    monkeypatch.setattr(archive, name, away_at_first)
    monkeypatch.setattr(archive, "time", SimpleNamespace(sleep=pauses.append), raising=False)
    return pauses


def test_the_database_away_after_the_archive_took_a_package_it_is_not_sent_again(
    make_app, receiver, clock, monkeypatch
):
    """The chaos run stops PostgreSQL while deliver-archive runs: what the archive answered is
    stored once the database is back, so its numbers are there and the package never goes twice."""
    archive = receiver()
    app = make_app(FEATURE_ONLINE_APPLICATIONS=True, ARCHIVE_URL=archive.url)
    reference = _paper_submission(app)
    pauses = _database_away_at_first(monkeypatch, "_sent", times=2)
    assert "Delivered 1, failed 0" in _deliver(app).output
    assert pauses == [0.5, 1]
    assert _deliveries(app)[reference] == ("confirmed", 0, "2026/1")
    clock.shift(minutes=11)  # past the runner's claim
    assert "Delivered 0, failed 0" in _deliver(app).output
    assert [h["Idempotency-Key"] for h in archive.headers] == [reference]


def test_the_database_away_before_a_package_went_the_next_run_sends_it(make_app, receiver, monkeypatch):
    archive = receiver()
    app = make_app(FEATURE_ONLINE_APPLICATIONS=True, ARCHIVE_URL=archive.url)
    reference = _paper_submission(app)
    _database_away_at_first(monkeypatch, "_waits_for_its_folder", times=1)
    assert _deliver(app).exit_code != 0 and archive.received == []
    assert "Delivered 1, failed 0" in _deliver(app).output  # not held until the claim runs out
    assert _deliveries(app)[reference] == ("confirmed", 0, "2026/1")
