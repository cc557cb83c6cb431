"""The PDF copy of what someone sent: drawn from the stored document with the pages its
journey asked, in the language it was sent in, and kept once made. Routes and the
render-pdfs command call this; sending never waits for it, and the copy is the same
whenever it is drawn."""

from __future__ import annotations

from .apply.journeys import base_journey
from .documents import submission as document
from .models import Submission
from .services import submissions


def sections(submission: Submission) -> list:
    """Each page the submission answered, as (step, its answers as rows), to show."""
    return document.sections(submission, base_journey(submission.kind, submission.service))


def pdf_of(submission: Submission) -> bytes:
    """The stored copy; drawn and stored now if it has not been made yet."""
    if submission.pdf is None:
        submissions.store_pdf(
            submission, document.render_pdf(submission, base_journey(submission.kind, submission.service))
        )
    return submission.pdf


def render_pending(limit: int) -> int:
    """Draw the copies not made yet, oldest first, each stored as it is made. Returns how many."""
    made = 0
    for submission in submissions.without_pdf(limit):
        pdf_of(submission)
        made += 1
    return made
