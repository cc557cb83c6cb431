"""The PDF copy of a submitted application, in the language it was sent in (A4)."""
from __future__ import annotations

from flask import g, render_template
from flask_babel import force_locale

from ..apply.journeys import base_journey
from ..models import Submission


def submission_sections(submission: Submission) -> list:
    """Each page the submission answered, as (step, form holding the answers), to show."""
    journey = base_journey(submission.kind, submission.service).as_sent(submission.document)
    answers = submission.document.get("answers") or {}
    return [(s, s.form(formdata=None, data=answers.get(s.key) or {}, meta={"csrf": False})) for s in journey.steps
            if not s.is_attachments and s.key in answers]


def submission_html(submission: Submission) -> str:
    journey = base_journey(submission.kind, submission.service).as_sent(submission.document)
    lang = submission.document.get("language", "nb")
    # The copy is in the language the application was sent in, whatever the reader uses now.
    reader_language = g.get("lang_code")
    g.lang_code = lang
    try:
        with force_locale(lang):
            return render_template("documents/submission.html", submission=submission, journey=journey,
                                   sections=submission_sections(submission), lang=lang)
    finally:
        g.lang_code = reader_language


def render_submission_pdf(submission: Submission) -> bytes:
    from weasyprint import HTML  # imported when needed: it is slow to load

    return HTML(string=submission_html(submission)).write_pdf()
