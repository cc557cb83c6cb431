"""A submission's archive package: arkivmelding.xml with the PDF copy and the attachments."""

from __future__ import annotations

from .. import copies
from ..documents import arkivmelding
from ..models import Submission
from ..services import archive


def package_of(submission: Submission) -> bytes:
    """The zip the archive gets (the PDF copy drawn now if it was not made yet)."""
    record, contents = archive.record_of(submission, copies.pdf_of(submission))
    return arkivmelding.package(record, contents)


def filename_of(submission: Submission) -> str:
    return f"{submission.reference}-arkivmelding.zip"
