"""The PDF copy of a submitted application, in the language it was sent in (A4)."""
from __future__ import annotations

from flask import g, render_template
from flask_babel import force_locale

from ..apply.journeys import JOURNEYS
from ..models import Submission


def submission_html(submission: Submission) -> str:
    journey = JOURNEYS[submission.service].as_sent(submission.document)
    answers = submission.document["answers"]
    lang = submission.document.get("language", "nb")
    # The copy is in the language the application was sent in, whatever the reader uses now.
    reader_language = g.get("lang_code")
    g.lang_code = lang
    try:
        with force_locale(lang):
            sections = [(s, s.form(data=answers.get(s.key) or {}, meta={"csrf": False})) for s in journey.steps
                    if not s.is_attachments]
            return render_template("documents/submission.html", submission=submission, journey=journey,
                                   sections=sections, lang=lang)
    finally:
        g.lang_code = reader_language


def render_submission_pdf(submission: Submission) -> bytes:
    from weasyprint import HTML  # imported when needed: it is slow to load

    return HTML(string=submission_html(submission)).write_pdf()
