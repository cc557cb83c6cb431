"""The caseworker sees where each submission stands with the archive: the archive's numbers
on its page, and a flag in the queue when delivery keeps failing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import ArchiveDelivery
from tests.helpers import make_token, text

NUMBERS = {"case_number": "2026/77", "record_number": "2026/77-1"}


@pytest.mark.parametrize(
    "lang,waiting,filed,case_number",
    [
        ("nb", "Venter på å bli sendt til arkivet.", "Arkivert.", "Saksnummer i arkivet"),
        ("nn", "Ventar på å bli sendt til arkivet.", "Arkivert.", "Saksnummer i arkivet"),
        ("en", "Waiting to be delivered to the archive.", "Filed in the archive.", "The archive's case number"),
    ],
)
def test_the_submission_page_shows_the_archives_numbers(
    apply_app, caseworker, citizen, submit_application, lang, waiting, filed, case_number
):
    reference = submit_application(citizen)
    assert waiting in text(caseworker.get(f"/{lang}/intake/submissions/{reference}"))
    auth = {"Authorization": f"Bearer {make_token(apply_app)}"}
    assert (
        apply_app.test_client()
        .post(f"/api/v1/submissions/{reference}/archived", json=NUMBERS, headers=auth)
        .status_code
        == 200
    )
    page = text(caseworker.get(f"/{lang}/intake/submissions/{reference}"))
    assert filed in page and case_number in page and "2026/77" in page and "2026/77-1" in page


@pytest.mark.parametrize(
    "lang,flag,alert",
    [
        ("nb", "Ikke levert til arkivet", "Sendingen til arkivet har feilet fem ganger"),
        ("nn", "Ikkje levert til arkivet", "Sendinga til arkivet har feila fem gonger"),
        ("en", "Not delivered to the archive", "Delivery to the archive has failed five times"),
    ],
)
def test_the_queue_flags_a_delivery_that_failed_five_times(
    apply_app, caseworker, citizen, submit_application, lang, flag, alert
):
    failing, fine = submit_application(citizen), submit_application(citizen)
    with apply_app.app_context():
        delivery = db.session.scalars(select(ArchiveDelivery).order_by(ArchiveDelivery.id)).first()
        delivery.state, delivery.attempts = "failed", 5
        db.session.commit()
    queue = text(caseworker.get(f"/{lang}/intake/"))
    assert queue.count(flag) == 1
    assert alert in text(caseworker.get(f"/{lang}/intake/submissions/{failing}"))
    assert alert not in text(caseworker.get(f"/{lang}/intake/submissions/{fine}"))
