"""Front-page notices: which are shown today, and the demo content."""
from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from ..extensions import db
from ..models import Notice

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


def notices_shown_on(day: date) -> list[Notice]:
    query = (
        select(Notice)
        .where(Notice.shown_from <= day)
        .where(or_(Notice.shown_until.is_(None), Notice.shown_until >= day))
        .order_by(Notice.shown_from.desc(), Notice.id)
    )
    return list(db.session.scalars(query))


def load_demo_notices(today: date) -> int:
    """Add the demo notices that are not there yet; return how many were added."""
    if db.session.scalar(select(Notice.id).where(Notice.key == DEMO_NOTICE["key"])):
        return 0
    db.session.add(Notice(shown_from=today, shown_until=None, **DEMO_NOTICE))
    db.session.commit()
    return 1
