"""Front-page notices: which are shown today, and the demo content."""

from __future__ import annotations

import time
from datetime import date

from flask import current_app
from sqlalchemy import or_, select

from ..extensions import db
from ..models import Notice
from .transaction import transaction

DEMO_NOTICE = dict(
    key="demo",
    title_nb="Dette er en demonstrasjon",
    title_en="This is a demonstration",
    text_nb=(
        "Fjellvik kommune finnes ikke. Portalen viser hvordan en kommune kan "
        "ta imot søknader om støttekontakt, ledsagerbevis og BPA. "
        "Ikke skriv inn ekte personopplysninger."
    ),
    text_en=(
        "Fjellvik Municipality does not exist. The portal shows how a municipality "
        "can receive applications for support contact, companion card and BPA. "
        "Do not enter real personal information."
    ),
)


# The front page is the most read page; its notices change a few times a year. Each
# worker keeps them for a minute instead of asking the database on every view.
KEEP_SECONDS = 60


def shown_on(day: date) -> tuple[Notice, ...]:
    """The notices for the front page, kept for a minute by each worker (detached from the
    session, with what the page reads already loaded)."""
    kept = current_app.extensions.get("notices")
    now = time.monotonic()
    if kept is not None and kept[0] == day and kept[1] > now:
        return kept[2]
    found = tuple(notices_shown_on(day))
    for notice in found:
        db.session.expunge(notice)
    current_app.extensions["notices"] = (day, now + KEEP_SECONDS, found)
    return found


def forget() -> None:
    current_app.extensions.pop("notices", None)


def notices_shown_on(day: date) -> list[Notice]:
    query = (
        select(Notice)
        .where(Notice.shown_from <= day)
        .where(or_(Notice.shown_until.is_(None), Notice.shown_until >= day))
        .order_by(Notice.shown_from.desc(), Notice.id)
    )
    return list(db.session.scalars(query))


@transaction
def load_demo_notices(today: date) -> int:
    """Add the demo notices that are not there yet; return how many were added."""
    if db.session.scalar(select(Notice.id).where(Notice.key == DEMO_NOTICE["key"])):
        return 0
    db.session.add(Notice(shown_from=today, shown_until=None, **DEMO_NOTICE))
    forget()
    return 1
