"""Attachments: judged by content not name, at most 10 MB and 10 files, stored outside
static/, given only to their owner, listed in the submission and its PDF."""

import os
import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Attachment, Submission
from tests.helpers import (
    PDF,
    PNG,
    answer_all,
    csrf_token,
    errors,
    html,
    log_in,
    make_account,
    post_form,
    require_tool,
    start_application,
)
from tests.reader_client import declared


def _address(page: str, attribute: str, pattern: str) -> str:
    """The first address in an `href` or `action` of the page whose route, in its declared
    (English) words, matches `pattern`: the address as the page gives it, in its language."""
    found = [a for a in re.findall(rf'{attribute}="(/[^"]+)"', page) if re.fullmatch(pattern, declared(a))]
    assert found, pattern
    return found[0]


def _upload(client, base, content, name="legeerklaering.pdf", kind="supporting"):
    """A multipart post built by hand, as a browser sends it (the test client's own
    encoder leaves a temporary file open for large bodies)."""
    token = csrf_token(client, f"{base}/attachments")
    boundary = "----portal-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in (("csrf_token", token), ("kind", kind))
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return client.post(f"{base}/attachments", data=body, content_type=f"multipart/form-data; boundary={boundary}")


@pytest.fixture
def draft_base(citizen):
    base = start_application(citizen)
    answer_all(citizen, base, upto="attachments")
    return base


def test_a_pdf_is_added_listed_and_given_back_to_its_owner(apply_app, citizen, draft_base):
    response = _upload(citizen, draft_base, PDF)
    assert response.status_code == 302
    page = html(citizen.get(f"{draft_base}/attachments"))
    assert "legeerklaering.pdf" in page and "Filen er lagt til" in page
    link = _address(page, "href", r"/nb/apply/files/\w+")
    download = citizen.get(link)
    assert download.data == PDF and download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["Content-Disposition"].endswith('.pdf"')
    with apply_app.app_context():
        stored = db.session.scalar(select(Attachment))
        assert stored.storage_name not in "legeerklaering.pdf"
        path = os.path.join(apply_app.instance_path, "uploads", stored.storage_name)
        assert os.path.isfile(path) and "static" not in path


@pytest.mark.parametrize(
    "content,name,message",
    [
        (
            b"MZ\x90\x00 not a pdf at all",
            "virus.pdf",
            "Filen må være PDF, JPG eller PNG. Lagre den som en av disse og prøv igjen",
        ),
        (b"", "tom.pdf", None),
        (
            b"%PDF-" + b"0" * (10 * 1024 * 1024),
            "stor.pdf",
            "Filen er større enn 10 MB. Velg en mindre fil, eller send den i posten",
        ),
    ],
)
def test_a_bad_file_gets_a_clear_message(citizen, draft_base, content, name, message):
    response = _upload(citizen, draft_base, content, name)
    assert response.status_code == 200
    shown = errors(response)
    assert len(shown) == 1
    if message:
        assert shown == [message]
    assert 'aria-invalid="true"' in html(response)


def test_a_png_is_recognised_by_its_content_whatever_its_name(apply_app, citizen, draft_base):
    _upload(citizen, draft_base, PNG, "bilde.pdf")
    with apply_app.app_context():
        assert db.session.scalar(select(Attachment.content_type)) == "image/png"


def test_a_request_over_the_limit_gets_a_friendly_page(citizen, draft_base):
    response = _upload(citizen, draft_base, b"%PDF-" + b"0" * (12 * 1024 * 1024))
    assert response.status_code == 413
    assert "Filen er for stor" in html(response)


def test_at_most_ten_files(citizen, draft_base):
    for i in range(10):
        assert _upload(citizen, draft_base, PDF, f"fil{i}.pdf").status_code == 302
    assert errors(_upload(citizen, draft_base, PDF, "fil11.pdf")) == [
        "Du kan legge til høyst 10 filer. Fjern en for å legge til en ny"
    ]


def test_a_file_can_be_removed(apply_app, citizen, draft_base):
    _upload(citizen, draft_base, PDF)
    page = html(citizen.get(f"{draft_base}/attachments"))
    remove = _address(page, "action", r"/nb/apply/\w+/attachments/\w+/remove")
    assert post_form(citizen, remove, {}, form_page=f"{draft_base}/attachments").status_code == 302
    with apply_app.app_context():
        assert db.session.scalars(select(Attachment)).all() == []


def test_another_account_cannot_get_or_remove_the_file(apply_app, citizen, draft_base):
    _upload(citizen, draft_base, PDF)
    page = html(citizen.get(f"{draft_base}/attachments"))
    link = _address(page, "href", r"/nb/apply/files/\w+")
    remove = _address(page, "action", r"/nb/apply/\w+/attachments/\w+/remove")
    other = apply_app.test_client()
    make_account(apply_app, email="ola@example.org")
    log_in(other, email="ola@example.org")
    assert other.get(link).status_code == 404
    assert other.get(f"{draft_base}/attachments").status_code == 404
    assert post_form(other, remove, {}, form_page="/nb/my-page").status_code == 404


def test_files_go_with_the_submission_into_its_document_and_pdf(apply_app, citizen, draft_base, tmp_path):
    import subprocess

    _upload(citizen, draft_base, PDF)
    post_form(citizen, f"{draft_base}/attachments", {"action": "continue"})
    assert "legeerklaering.pdf" in html(citizen.get(f"{draft_base}/check"))
    receipt = post_form(citizen, f"{draft_base}/check", {"correct": "y"}).headers["Location"]
    with apply_app.app_context():
        submission = db.session.scalar(select(Submission))
        [entry] = submission.document["attachments"]
        assert entry["filename"] == "legeerklaering.pdf" and entry["content_type"] == "application/pdf"
        # The submission's alone now: a file has one owner.
        assert tuple(db.session.execute(select(Attachment.submission_id, Attachment.draft_id)).one()) == (
            submission.id,
            None,
        )
    pdftotext = require_tool("pdftotext", "apt-get install poppler-utils")
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(citizen.get(f"{receipt}/pdf").data)
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "legeerklaering.pdf" in text


def test_deleting_a_draft_deletes_its_files(apply_app, citizen, draft_base):
    _upload(citizen, draft_base, PDF)
    with apply_app.app_context():
        path = os.path.join(apply_app.instance_path, "uploads", db.session.scalar(select(Attachment.storage_name)))
    post_form(citizen, f"{draft_base}/delete", {}, form_page=f"{draft_base}/delete")
    assert not os.path.exists(path)
