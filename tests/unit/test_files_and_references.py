"""File types by content, the parts of a PDF that act rather than show, and the shape of references."""

import pytest

from portal.rules.files import display_size, extension_for, is_active_pdf_part, sniff
from portal.rules.references import format_reference, is_reference


@pytest.mark.parametrize(
    "head,expected",
    [
        (b"%PDF-1.7", ("application/pdf", "pdf")),
        (b"\xff\xd8\xff\xe0", ("image/jpeg", "jpg")),
        (b"\x89PNG\r\n\x1a\n", ("image/png", "png")),
        (b"MZ\x90\x00", None),
        (b"<html>", None),
        (b"", None),
    ],
)
def test_a_file_is_known_by_its_first_bytes(head, expected):
    assert sniff(head) == expected


def test_extensions_and_sizes_for_people():
    assert extension_for("image/png") == "png"
    assert display_size(2048) == "2 KB"
    assert display_size(3 * 1024 * 1024) == "3.0 MB"


def test_references_look_like_sk_2026_000123():
    assert format_reference("SK", 2026, 123) == "SK-2026-000123"
    assert is_reference("SK-2026-000123") and is_reference("bpa-2026-000001")
    assert not is_reference("SK-26-123")


@pytest.mark.parametrize(
    "entries",
    [
        {"/S": "/JavaScript", "/JS": "app.alert(1)"},  # an action, opening the file or on a click
        {"/JavaScript": object()},  # the document's scripts, run when it opens
        {"/O": object(), "/AA": object()},  # actions on opening a page or touching a field
        {"/S": "/Launch", "/F": "cmd.exe"},  # starting a program
        {"/S": "/GoToR", "/F": "\\\\evil.example\\share\\a.pdf"},  # another file: a Windows log-in leaks
        {"/S": "/SubmitForm", "/F": "https://evil.example/"},  # the form's contents sent away
        {"/EmbeddedFiles": object()},  # files inside the file
        {"/Type": "/Filespec", "/EF": object()},
        {"/Type": "/EmbeddedFile"},
        {"/Subtype": "/FileAttachment"},
        {"/XFA": object()},  # a form that runs its own scripts
        {"/S": "/URI", "/URI": "file:///C:/Windows/System32/calc.exe"},
        {"/S": "/URI", "/URI": "\\\\evil.example\\share"},
        {"/S": "/URI", "/URI": "javascript:alert(1)"},
    ],
)
def test_a_pdf_part_that_runs_opens_or_carries_something_is_active(entries):
    """What a PDF viewer acts on: a caseworker opening the file must not set it off."""
    assert is_active_pdf_part(entries)


@pytest.mark.parametrize(
    "entries",
    [
        {"/Type": "/Catalog", "/Pages": object(), "/OpenAction": [object(), "/Fit"]},  # open at page one
        {"/Type": "/Page", "/Annots": [object()], "/MediaBox": [0, 0, 595, 842]},
        {"/S": "/URI", "/URI": "https://www.helsenorge.no/"},  # a link in a doctor's letter
        {"/S": "/URI", "/URI": "mailto:post@fjellvik.kommune.no"},
        {"/S": "/GoTo", "/D": [object(), "/XYZ", 0, 0, 0]},  # a jump within the document
        {"/S": object(), "/Type": ["/not", "/a", "/name"]},  # odd values are not names
        {},
    ],
)
def test_a_pdf_part_that_only_shows_or_links_to_the_web_is_not(entries):
    assert not is_active_pdf_part(entries)
