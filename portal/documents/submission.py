"""The PDF copy of a submitted application, appeal or volunteer's application, in the
language it was sent in (A4). The caller gives the journey whose pages it answered."""

from __future__ import annotations

from flask import g, render_template
from flask_babel import force_locale

from ..answers import rows
from ..models import Submission


def sections(submission: Submission, journey) -> list:
    """Each page the submission answered, as (step, its answers as rows), to show."""
    sent = journey.as_sent(submission.document)
    answers = submission.document.get("answers") or {}
    return [
        (s, rows(s.form, answers.get(s.key) or {})) for s in sent.steps if not s.is_attachments and s.key in answers
    ]


def html(submission: Submission, journey) -> str:
    lang = submission.language
    # The copy is in the language the application was sent in, whatever the reader uses now.
    reader_language = g.get("lang_code")
    g.lang_code = lang
    try:
        with force_locale(lang):
            return render_template(
                "documents/submission.html",
                submission=submission,
                journey=journey.as_sent(submission.document),
                sections=sections(submission, journey),
                lang=lang,
            )
    finally:
        g.lang_code = reader_language


def render_pdf(submission: Submission, journey) -> bytes:
    from weasyprint import HTML  # deferred: some 40 MB and a second to load, for the copies alone

    return HTML(string=html(submission, journey)).write_pdf()
