"""The baseline: a bare Flask app under the same gunicorn settings, returning a page of the
same size as the guide page from a template. What the portal does beyond this is its cost."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, render_template


def create_app() -> Flask:
    app = Flask(__name__, template_folder=str(Path(__file__).parent / "templates"))
    size = int(os.environ.get("BASELINE_BYTES", "8000"))
    paragraph = "Støttekontakt er en tjeneste for deg som trenger hjelp til å delta i fritidsaktiviteter. "
    paragraphs = [paragraph] * max(1, (size - 400) // (len(paragraph.encode()) + 10))

    @app.get("/")
    def page():
        return render_template("baseline.html", paragraphs=paragraphs)

    return app
