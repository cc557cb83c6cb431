"""What a file is, judged by its first bytes and never by its name."""

from __future__ import annotations

MAX_BYTES = 10 * 1024 * 1024  # 10 MB a file
MAX_FILES = 10  # per application

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
