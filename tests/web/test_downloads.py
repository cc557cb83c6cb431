"""Every file the portal sends (an upload, a PDF copy, a decision letter, an authority's
document, a calendar) is saved, not shown; and should a browser show it anyway, it runs
sandboxed (Content-Security-Policy: sandbox), so an uploaded file made to look like a page
cannot run script with the portal's cookies, whoever opens it: the citizen, a representative,
a caseworker, the ombud or the case-management system."""

from __future__ import annotations

import inspect
import io

import pytest
from sqlalchemy import select

from portal.downloads import private_file
from portal.extensions import db
from portal.models import Attachment
from portal.rules import clock
from tests.helpers import (
    PDF,
    PNG,
    give_ombud_access,
    log_in,
    log_in_with_id,
    make_caseworker,
    make_token,
    make_volunteer,
    pdf_file,
    post_form,
    prepare_paper_fullmakt,
    reference_in,
    send_application,
)
from tests.identities import aged

# Each view that sends a file, and the test below that fetches it.
SENDS_FILES = {
    "apply.receipt_pdf": "citizen",
    "apply.attachment_file": "citizen",
    "cases.decision_letter": "citizen, ombud",
    "cases.calendar": "citizen",
    "intake.submission_pdf": "caseworker",
    "intake.submission_file": "caseworker",
    "intake.authority_document": "authority",
    "intake.volunteer_certificate": "volunteer",
    "authorities.paper_form": "authority",
    "authorities.document_file": "authority",
    "api.submission_pdf": "api",
    "api.attachment": "api",
    "api.archive_package": "api",
}


def assert_saved_and_sandboxed(response, mimetype: str) -> None:
    assert response.status_code == 200 and response.mimetype == mimetype
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")


def test_an_uploaded_page_is_sent_sandboxed_and_every_view_that_sends_files_does_so_through_it(apply_app):
    """An "image" that is really a page with a script gets no origin and runs nothing; every
    view that sends a file goes through `private_file` and is fetched by a test below (a new
    download route must be added to SENDS_FILES, and so tested)."""
    with apply_app.test_request_context():
        response = private_file(b"<script>fetch('/nb/my-page')</script>", "image/png", "bilde.png")
    assert response.headers["Content-Security-Policy"] == "sandbox"
    sending = {
        endpoint
        for endpoint, view in apply_app.view_functions.items()
        if "private_file(" in inspect.getsource(inspect.unwrap(view))
    }
    assert sending == set(SENDS_FILES)


@pytest.fixture
def decided_with_file(apply_app, citizen, decide):
    """An application sent with a picture, and decided: (its reference, the picture's id)."""
    reference = reference_in(send_application(citizen, files=[(PNG, "bilde.png")])[1])
    decide(reference)
    with apply_app.app_context():
        return reference, db.session.scalar(select(Attachment.public_id))


def test_the_citizens_downloads_are_sandboxed(citizen, decided_with_file):
    reference, file_id = decided_with_file
    assert_saved_and_sandboxed(citizen.get(f"/nb/apply/receipt/{reference}/pdf"), "application/pdf")
    assert_saved_and_sandboxed(citizen.get(f"/nb/apply/files/{file_id}"), "image/png")
    assert_saved_and_sandboxed(citizen.get(f"/nb/cases/{reference}/decision.pdf"), "application/pdf")
    assert_saved_and_sandboxed(citizen.get(f"/nb/cases/{reference}/deadlines.ics"), "text/calendar")


def test_the_caseworkers_downloads_are_sandboxed(caseworker, decided_with_file):
    reference, file_id = decided_with_file
    assert_saved_and_sandboxed(caseworker.get(f"/nb/intake/submissions/{reference}/pdf"), "application/pdf")
    assert_saved_and_sandboxed(caseworker.get(f"/nb/intake/submissions/{reference}/files/{file_id}"), "image/png")


def test_the_case_management_systems_downloads_are_sandboxed(apply_app, decided_with_file):
    reference, file_id = decided_with_file
    api, auth = apply_app.test_client(), {"Authorization": f"Bearer {make_token(apply_app)}"}
    assert_saved_and_sandboxed(api.get(f"/api/v1/submissions/{reference}/pdf", headers=auth), "application/pdf")
    assert_saved_and_sandboxed(
        api.get(f"/api/v1/submissions/{reference}/attachments/{file_id}", headers=auth), "image/png"
    )
    assert_saved_and_sandboxed(
        api.get(f"/api/v1/submissions/{reference}/archive-package", headers=auth), "application/zip"
    )


def test_the_ombuds_download_of_a_decision_letter_is_sandboxed(id_app, ombud, client_with_case):
    person, reference = client_with_case
    give_ombud_access(id_app, person)
    assert_saved_and_sandboxed(ombud.get(f"/nb/cases/{reference}/decision.pdf"), "application/pdf")


def test_a_fullmakt_and_its_signed_copy_are_sandboxed_for_the_representative_and_the_caseworker(id_app, oidc_provider):
    representative = log_in_with_id(id_app.test_client(), oidc_provider, aged(45, start=40))
    public_id = prepare_paper_fullmakt(representative, aged(70, start=40), clock.today().replace(month=12, day=31))
    assert_saved_and_sandboxed(representative.get(f"/nb/authorities/{public_id}/fullmakt.pdf"), "application/pdf")
    post_form(
        representative,
        f"/nb/authorities/{public_id}/document",
        {"file": (io.BytesIO(PDF), "signert.pdf")},
        content_type="multipart/form-data",
    )
    assert_saved_and_sandboxed(representative.get(f"/nb/authorities/{public_id}/document/file"), "application/pdf")
    caseworker = id_app.test_client()
    make_caseworker(id_app)
    log_in(caseworker, email="sara@fjellvik.kommune.no")
    assert_saved_and_sandboxed(caseworker.get(f"/nb/intake/authorities/{public_id}/document"), "application/pdf")


def test_a_volunteers_police_certificate_is_sandboxed_for_the_caseworker(apply_app, citizen, caseworker):
    public_id = make_volunteer(apply_app, "kari@example.org")
    post_form(
        citizen,
        "/nb/volunteer/certificate",
        {"file": (io.BytesIO(pdf_file(note="politiattest")), "politiattest.pdf")},
        form_page="/nb/volunteer/",
        content_type="multipart/form-data",
    )
    assert_saved_and_sandboxed(caseworker.get(f"/nb/intake/volunteers/{public_id}/certificate"), "application/pdf")
