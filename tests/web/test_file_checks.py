"""Files that cannot hurt whoever opens them. An upload is read in full before it is kept: a
PDF that runs JavaScript, launches a program or carries other files, and a file that only
starts like a PDF or a picture, is refused on every upload page with a message that says
what to do, and nothing else typed on the page is lost. Real, harmless files still pass."""

from __future__ import annotations

import io
import re
import zlib
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Attachment, Authority, VolunteerReport
from portal.rules import clock as portal_clock
from tests.helpers import (
    APPEAL,
    JPEG,
    PDF,
    PNG,
    answer_all,
    day,
    engage_volunteer,
    errors,
    html,
    image_file,
    log_in_with_id,
    make_volunteer,
    pdf_file,
    post_form,
    prepare_paper_fullmakt,
    start_appeal,
    start_application,
)
from tests.identities import aged
from tests.reader_client import declared

MESSAGES = {
    "active_pdf": {
        "nb": "PDF-en inneholder skript eller andre filer, og det kan vi ikke ta imot av sikkerhetshensyn. "
        "Skriv den ut til en ny PDF (velg Lagre som PDF), eller ta et bilde av papiret, og last den opp igjen",
        "nn": "PDF-en inneheld skript eller andre filer, og det kan vi ikkje ta imot av omsyn til tryggleiken. "
        "Skriv den ut til ein ny PDF (vel Lagre som PDF), eller ta eit bilete av papiret, og last den opp igjen",
        "en": "The PDF contains scripts or other files, which we cannot accept for safety reasons. "
        "Print it to a new PDF (choose Save as PDF), or take a photo of the paper, and upload it again",
    },
    "unreadable_pdf": {
        "nb": "Vi klarte ikke å lese filen som PDF. Lagre den som PDF på nytt, eller ta et bilde av papiret, "
        "og last den opp igjen",
        "nn": "Vi klarte ikkje å lese fila som PDF. Lagre den som PDF på nytt, eller ta eit bilete av papiret, "
        "og last den opp igjen",
        "en": "The file could not be read as a PDF. Save it again as PDF, or take a photo of the paper, "
        "and upload it again",
    },
    "locked_pdf": {
        "nb": "PDF-en er låst med passord. Lagre den på nytt uten passord, eller ta et bilde av papiret, "
        "og last den opp igjen",
        "nn": "PDF-en er låst med passord. Lagre den på nytt utan passord, eller ta eit bilete av papiret, "
        "og last den opp igjen",
        "en": "The PDF is locked with a password. Save it again without a password, or take a photo of the paper, "
        "and upload it again",
    },
    "unreadable_image": {
        "nb": "Vi klarte ikke å lese bildet. Lagre det som JPG eller PNG på nytt, eller ta et nytt bilde, "
        "og last det opp igjen",
        "nn": "Vi klarte ikkje å lese biletet. Lagre det som JPG eller PNG på nytt, eller ta eit nytt bilete, "
        "og last det opp igjen",
        "en": "The picture could not be read. Save it again as JPG or PNG, or take a new photo, and upload it again",
    },
    "image_too_large": {
        "nb": "Bildet har for mange piksler til at vi kan åpne det. Lagre det i en mindre størrelse, "
        "eller ta et nytt bilde, og last det opp igjen",
        "nn": "Biletet har for mange pikslar til at vi kan opne det. Lagre det i ein mindre storleik, "
        "eller ta eit nytt bilete, og last det opp igjen",
        "en": "The picture has too many pixels to open. Save it in a smaller size, or take a new photo, "
        "and upload it again",
    },
}
ALERT = "<< /S /JavaScript /JS (app.alert(1)) >>"


def pdf_with_object_stream(hidden: str) -> bytes:
    """A PDF that opens with object 4, kept compressed inside an object stream and found only
    through a cross-reference stream (PDF 1.5): what a search of the file's bytes misses."""
    head = b"4 0 "
    packed = zlib.compress(head + hidden.encode())
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number, body in (
        (1, b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
        (
            5,
            f"<< /Type /ObjStm /N 1 /First {len(head)} /Filter /FlateDecode /Length {len(packed)} >>\nstream\n".encode()
            + packed
            + b"\nendstream",
        ),
    ):
        offsets[number] = len(out)
        out.extend(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    offsets[6] = len(out)

    def row(kind: int, field: int, second: int) -> bytes:
        return bytes([kind]) + field.to_bytes(4, "big") + second.to_bytes(2, "big")

    table = b"".join(
        [row(0, 0, 65535), row(1, offsets[1], 0), row(1, offsets[2], 0), row(1, offsets[3], 0)]
        + [row(2, 5, 0), row(1, offsets[5], 0), row(1, offsets[6], 0)]  # object 4: the first in stream 5
    )
    out.extend(
        f"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length {len(table)} >>\nstream\n".encode()
        + table
        + f"\nendstream\nendobj\nstartxref\n{offsets[6]}\n%%EOF\n".encode()
    )
    return bytes(out)


def weasyprint_pdf(**options) -> bytes:
    """A PDF as an office program makes one: text, a link to a web page, compressed objects."""
    from weasyprint import HTML

    page = '<h1>Legeerklæring</h1><p>Se <a href="https://www.helsenorge.no/">helsenorge.no</a>.</p>'
    return HTML(string=page).write_pdf(**options)


def encrypted_pdf(password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    writer.encrypt(user_password=password, owner_password="eier", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def photo() -> bytes:
    """A JPEG with detail in it, as a camera takes one (a plain colour compresses to nothing)."""
    from PIL import Image

    noise = bytes((x * 7 + y * 13 + (x * y) % 251) % 256 for y in range(240) for x in range(320))
    buffer = io.BytesIO()
    Image.frombytes("L", (320, 240), noise).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


HOSTILE = {
    "javascript-when-it-opens": pdf_file(f"/OpenAction {ALERT}"),
    "the-documents-scripts": pdf_file("/Names << /JavaScript 4 0 R >>", "<< /Names [(a) 5 0 R] >>", ALERT),
    "a-pages-actions": pdf_file(page=f"/AA << /O {ALERT} >>"),
    "a-fields-actions": pdf_file(
        "/AcroForm << /Fields [4 0 R] >>",
        f"<< /FT /Tx /T (navn) /Rect [0 0 10 10] /AA << /K {ALERT} >> >>",
    ),
    "a-program-launched": pdf_file("/OpenAction << /S /Launch /F (cmd.exe) >>"),
    "an-action-named-by-reference": pdf_file("/OpenAction << /S 4 0 R /F (cmd.exe) >>", "/Launch"),
    "names-written-in-escapes": pdf_file("/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"),
    "a-script-in-a-compressed-object-stream": pdf_with_object_stream(ALERT),
    "a-script-no-page-refers-to": pdf_file("", ALERT),
    "files-inside-the-file": pdf_file(
        "/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /F (a.exe) /EF << /F 4 0 R >> >>] >> >>",
        "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
    ),
    "a-file-attached-by-an-office-program": weasyprint_pdf(attachments=["pyproject.toml"]),
    "a-link-to-a-windows-share": pdf_file(
        page="/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (file://evil/s) >> >>]"
    ),
}


@pytest.fixture
def draft(citizen):
    """A støttekontakt application with every page before the attachments answered."""
    base = start_application(citizen)
    answer_all(citizen, base, upto="attachments")
    return base


def upload(client, base, content: bytes, name: str = "legeerklaering.pdf", kind: str = "supporting", lang="nb"):
    """The file sent from the draft's attachments page, in the language `lang`."""
    return post_form(
        client,
        declared(f"{base}/attachments").replace("/nb/", f"/{lang}/"),
        {"file": (io.BytesIO(content), name), "kind": kind},
        content_type="multipart/form-data",
    )


def kept(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Attachment.id)))


def uploaded_files(app) -> set[str]:
    import os

    folder = app.config.get("UPLOAD_FOLDER") or os.path.join(app.instance_path, "uploads")
    return set(os.listdir(folder)) if os.path.isdir(folder) else set()


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_pdf_that_runs_launches_or_carries_something_is_refused(apply_app, citizen, draft, content):
    """The attack: a PDF a caseworker opens runs JavaScript, starts a program, sends their
    Windows log-in to a share, or drops the file it carries. None of it is kept."""
    assert PDF[:5] == content[:5]  # each starts as a PDF should
    before = uploaded_files(apply_app)
    response = upload(citizen, draft, content)
    assert response.status_code == 200
    assert errors(response) == [MESSAGES["active_pdf"]["nb"]]
    assert kept(apply_app) == 0 and uploaded_files(apply_app) == before


def test_a_script_where_a_search_of_the_bytes_cannot_see_it_is_refused(apply_app, citizen, draft):
    """Why the file is read with a PDF parser: compressed, the script's names are not in the
    file's bytes at all."""
    hidden = HOSTILE["a-script-in-a-compressed-object-stream"]
    assert b"JavaScript" not in hidden and b"/JS" not in hidden
    assert errors(upload(citizen, draft, hidden)) == [MESSAGES["active_pdf"]["nb"]]


@pytest.mark.parametrize(
    "content,name,reason",
    [
        (b"%PDF-1.7\n<html><script>alert(document.cookie)</script></html>", "brev.pdf", "unreadable_pdf"),
        (b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "tom.pdf", "unreadable_pdf"),
        (PDF.replace(b"/Kids [3 0 R] /Count 1", b"/Kids [] /Count 0"), "ingen-sider.pdf", "unreadable_pdf"),
        (encrypted_pdf("hemmelig"), "laast.pdf", "locked_pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "bilde.png", "unreadable_image"),
        (b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>", "bilde.png", "unreadable_image"),
        (b"\xff\xd8\xff\xe0<html><script>alert(1)</script>", "bilde.jpg", "unreadable_image"),
        (PNG[:-20], "avbrutt.png", "unreadable_image"),
        (photo()[:-400], "avbrutt.jpg", "unreadable_image"),
        (b"\x89PNG\r\n\x1a\n" + JPEG, "blanding.png", "unreadable_image"),
        (image_file("PNG", (8000, 8000)), "enorm.png", "image_too_large"),
    ],
    ids=[
        "html-behind-a-pdf-header",
        "a-pdf-header-and-nothing",
        "a-pdf-without-pages",
        "a-pdf-locked-with-a-password",
        "a-png-signature-then-zeros",
        "a-png-signature-then-html",
        "a-jpeg-signature-then-html",
        "a-png-cut-off",
        "a-jpeg-cut-off",
        "a-png-signature-before-a-jpeg",
        "a-png-of-64-megapixels",
    ],
)
@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_file_that_is_not_what_its_first_bytes_say_is_refused_with_what_to_do(
    apply_app, citizen, draft, content, name, reason, lang
):
    """A file is judged by reading it, not by its first bytes: a page dressed as a PDF or a
    picture, or a file that arrived in part, is refused, and the message says how to fix it."""
    response = upload(citizen, draft, content, name, lang=lang)
    assert errors(response) == [MESSAGES[reason][lang]]
    assert kept(apply_app) == 0


@pytest.mark.parametrize(
    "content,content_type",
    [
        (PDF, "application/pdf"),
        (weasyprint_pdf(), "application/pdf"),
        (encrypted_pdf(""), "application/pdf"),  # locked against copying only: opens without a password
        (PDF.replace(b"%PDF-1.7\n", b"%PDF-1.7\n\n\n"), "application/pdf"),  # every offset a little off
        (pdf_file("/OpenAction [3 0 R /Fit]"), "application/pdf"),  # opens at page one, fitted
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (photo(), "image/jpeg"),
    ],
    ids=[
        "pdf",
        "pdf-from-an-office-program",
        "pdf-with-an-empty-password",
        "pdf-a-little-broken",
        "pdf-opening-at-page-one",
        "png",
        "jpeg",
        "photo",
    ],
)
def test_a_real_harmless_file_is_kept(apply_app, citizen, draft, content, content_type):
    response = upload(citizen, draft, content)
    assert response.status_code == 302, errors(response)
    with apply_app.app_context():
        assert db.session.scalar(select(Attachment.content_type)) == content_type


def test_the_kind_of_file_chosen_stays_chosen_when_the_file_is_refused(apply_app, citizen):
    """Nothing typed is lost: the reader chose "Photo for the card"; it is still chosen."""
    base = start_application(citizen, service="ledsagerbevis")
    response = upload(citizen, base, b"\xff\xd8\xff\xe0 not a photo", "bilde.jpg", kind="photo")
    assert errors(response) == [MESSAGES["unreadable_image"]["nb"]]
    assert re.search(r'value="photo"[^>]*checked', html(response))


# -- Every upload page ------------------------------------------------------------------------


def test_an_appeals_attachment_is_checked(apply_app, citizen, submit_application, decide):
    reference = submit_application(citizen)
    decide(reference)
    base = start_appeal(citizen, reference, "en")
    assert post_form(citizen, f"{base}/appeal", APPEAL).status_code == 302
    response = upload(citizen, base, HOSTILE["javascript-when-it-opens"], lang="en")
    assert errors(response) == [MESSAGES["active_pdf"]["en"]]
    assert kept(apply_app) == 0


def test_the_document_for_an_authority_is_checked(id_app, oidc_provider, clock):
    """The verge's appointment or the signed fullmakt, which a caseworker opens to verify."""
    representative = log_in_with_id(id_app.test_client(), oidc_provider, aged(45, start=50))
    public_id = prepare_paper_fullmakt(representative, aged(70, start=50), clock.today().replace(month=12, day=31))
    response = post_form(
        representative,
        f"/nb/authorities/{public_id}/document",
        {"file": (io.BytesIO(HOSTILE["a-program-launched"]), "signert.pdf")},
        content_type="multipart/form-data",
    )
    assert errors(response) == [MESSAGES["active_pdf"]["nb"]]
    with id_app.app_context():
        assert db.session.scalar(select(Authority.state)) == "awaiting_document"
    assert kept(id_app) == 0


def test_the_police_certificate_is_checked(apply_app, citizen):
    make_volunteer(apply_app, "kari@example.org")
    response = post_form(
        citizen,
        "/en/volunteer/certificate",
        {"file": (io.BytesIO(HOSTILE["files-inside-the-file"]), "politiattest.pdf")},
        form_page="/en/volunteer/",
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and errors(response) == [MESSAGES["active_pdf"]["en"]]
    assert kept(apply_app) == 0


def test_a_timesheets_receipt_is_checked_and_the_timesheet_typed_stays(
    apply_app, citizen, caseworker, login_as, submit_application, decide
):
    """The receipt is refused; the hours and the expense typed on the page are all still
    there to send again with another file, and nothing was handed in meanwhile."""
    volunteer = make_volunteer(apply_app, "kari@example.org")
    applicant = login_as("citizen", email="ola@example.org")
    reference = submit_application(applicant)
    decide(reference)
    started = portal_clock.today() - timedelta(days=45)
    assignment = engage_volunteer(apply_app, volunteer, reference, started)
    last = (portal_clock.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    worked = max(last.replace(day=12), started)
    response = post_form(
        citizen,
        f"/nb/volunteer/timesheet/{assignment}",
        {
            "month": last.isoformat(),
            "lines-0-day": day(worked),
            "lines-0-hours": "3",
            "lines-0-activity": "Kino på Fjellvik kulturhus",
            "expenses-0-amount": "149.50",
            "expenses-0-what": "Kinobilletter til to",
            "correct": "y",
            "receipt": (io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"<svg onload=alert(1)>"), "kvittering.png"),
        },
        content_type="multipart/form-data",
    )
    assert errors(response) == [MESSAGES["unreadable_image"]["nb"]]
    page = html(response)
    for typed in (day(worked), "Kino på Fjellvik kulturhus", "149.50", "Kinobilletter til to"):
        assert typed in page, typed
    assert re.search(rf'value="{last.isoformat()}"[^>]*selected|selected[^>]*value="{last.isoformat()}"', page)
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(VolunteerReport.id))) == 0
    assert kept(apply_app) == 0
