"""The paper fullmakt: filled in by the portal, printed, signed by the person, uploaded.

It holds what LEGAL.md asks of a written fullmakt (fvl § 12): both parties' names and
identity numbers, what it covers, which services, how long it lasts, date and signature.
"""

from __future__ import annotations

from flask import render_template

from ..labels import SCOPES, SERVICES
from ..models import Account, Authority
from ..rules.clock import today


def fullmakt_html(authority: Authority, representative: Account) -> str:
    return render_template(
        "documents/fullmakt.html",
        authority=authority,
        representative=representative,
        scopes=SCOPES,
        services=SERVICES,
        today=today(),
    )


def render_fullmakt_pdf(authority: Authority, representative: Account) -> bytes:
    from weasyprint import HTML  # imported when needed: it is slow to load

    return HTML(string=fullmakt_html(authority, representative)).write_pdf()
