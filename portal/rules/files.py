"""What a file is, judged by its first bytes and never by its name; and which parts of a PDF
make it more than a document (the parsing itself is portal.services.file_checks')."""

from __future__ import annotations

from collections.abc import Mapping

MAX_BYTES = 10 * 1024 * 1024  # 10 MB a file
MAX_FILES = 10  # per application
# A picture is opened in full to check it: 50 megapixels (a phone's largest photo) is some
# 150 MB in memory, and a small file may claim far more.
MAX_PIXELS = 50_000_000

_SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)

CONTENT_TYPES = tuple(content_type for _, content_type, _ in _SIGNATURES)

# What a file is for: the kinds an application's or appeal's attachments page asks for
# (portal/apply/journeys.py), an authority's document, a volunteer's police certificate,
# and a receipt handed in with a timesheet.
KINDS = (
    "supporting",
    "doctor_statement",
    "photo",
    "verge_appointment",
    "signed_fullmakt",
    "police_certificate",
    "receipt",
)


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) for PDF, JPEG or PNG; None for anything else."""
    for signature, content_type, extension in _SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


def extension_for(content_type: str) -> str:
    return next(extension for _, kind, extension in _SIGNATURES if kind == content_type)


def display_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


# What a PDF viewer would act on rather than show: run JavaScript (also in XFA forms and rich
# media), start a program, open another file or send the form somewhere, or carry a file inside
# the file. A caseworker opens what people send; a document needs none of these. Links to web
# pages and jumps within the document are fine.
PDF_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/EF", "/RichMedia", "/XFA"}
)
PDF_ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/GoToR", "/GoToE", "/ImportData", "/SubmitForm", "/RichMediaExecute", "/Rendition"}
)
PDF_ACTIVE_TYPES = frozenset({"/EmbeddedFile", "/FileAttachment", "/RichMedia"})
# A link may open a web page or start an e-mail; a file: or \\server link could leak the
# reader's Windows log-in.
PDF_LINK_SCHEMES = ("http://", "https://", "mailto:")


def is_active_pdf_part(entries: Mapping[str, object]) -> bool:
    """Whether one of a PDF's dictionaries (its names and their values, names as "/Name")
    makes the file act rather than be read: see PDF_ACTIVE_KEYS and PDF_ACTIVE_ACTIONS."""

    def text(key: str) -> str:
        value = entries.get(key)
        return value if isinstance(value, str) else ""

    if not PDF_ACTIVE_KEYS.isdisjoint(entries):
        return True
    if text("/S") in PDF_ACTIVE_ACTIONS or {text("/Type"), text("/Subtype")} & PDF_ACTIVE_TYPES:
        return True
    link = entries.get("/URI")
    return isinstance(link, str) and not link.strip().lower().startswith(PDF_LINK_SCHEMES)
