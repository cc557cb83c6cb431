"""Appeals (DESIGN.md "Journeys" 5): from a decision in the portal or one made outside it,
what is appealed, what should change and why, attachments; the deadline shown, and after it
the question why the appeal is late (fvl § 31); a receipt and PDF; the municipality sees the
appeal on the case (fvl § 30: sent electronically, received at once)."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Submission
from tests.helpers import (
    APPEAL,
    PERSON,
    back_then,
    day,
    errors,
    html,
    log_in,
    make_account,
    post_form,
    record,
    start_appeal,
    text,
)
from tests.reader_client import declared, reader_address

APPEAL_BODY = {
    "nb": "Statsforvalteren i Rogaland",
    "nn": "Statsforvaltaren i Rogaland",
    "en": "The County Governor of Rogaland (Statsforvalteren i Rogaland)",
}


@pytest.fixture
def decided(citizen, submit_application, decide, clock):
    """A case decided today, so the appeal deadline runs four weeks from now."""
    reference = submit_application(citizen)
    decide(reference, decided_on=clock.today().isoformat())
    return reference


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_appeal_a_decision_in_time_from_the_case_page(apply_app, citizen, decided, lang):
    """pbrl § 7-5: four weeks from the day the decision reached the person; sent within them
    (fvl § 30: electronically, received at once), the appeal is in time and nobody asks why
    it is late."""
    link = reader_address(apply_app, f"/{lang}/appeal/?case={decided}")
    assert link in html(citizen.get(f"/{lang}/cases/{decided}"))
    chooser = html(citizen.get(f"/{lang}/appeal/?case={decided}"))
    assert re.search(rf'value="{decided}" aria-describedby="[^"]+" checked', chooser)
    base = start_appeal(citizen, decided, lang)
    page = text(citizen.get(f"{base}/appeal"))
    assert {"nb": "Klagen din", "nn": "Klagen din", "en": "Your appeal"}[lang] in page
    response = post_form(citizen, f"{base}/appeal", {})
    assert (
        errors(response)
        == {
            "nb": [
                "Velg minst én ting du er uenig i",
                "Skriv hva du vil ha endret",
                "Skriv hvorfor du mener vedtaket bør endres",
            ],
            "nn": [
                "Vel minst éin ting du er usamd i",
                "Skriv kva du vil ha endra",
                "Skriv kvifor du meiner vedtaket bør endrast",
            ],
            "en": [
                "Choose at least one thing you disagree with",
                "Write what you want changed",
                "Write why you think the decision should be changed",
            ],
        }[lang]
    )
    response = post_form(citizen, f"{base}/appeal", APPEAL)
    assert declared(response.headers["Location"]).endswith("/attachments")  # in time: no question about lateness
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    check = text(citizen.get(f"{base}/check"))
    assert decided in check and "Jeg vil ha seks timer i uka." in check
    response = post_form(citizen, f"{base}/check", {"correct": "y"})
    receipt = response.headers["Location"]
    assert re.search(rf"^/{lang}/apply/receipt/KL-\d{{4}}-\d{{6}}$", declared(receipt))
    page = text(citizen.get(receipt))
    assert {"nb": "Klagen er sendt", "nn": "Klagen er sendt", "en": "Appeal sent"}[lang] in page
    assert APPEAL_BODY[lang] in page
    with apply_app.app_context():
        appeal = db.session.scalar(select(Submission).where(Submission.kind == "appeal"))
        assert appeal.appeals_reference == decided and appeal.document["appeals"]["in_time"] is True
        assert appeal.document["appeals"]["deadline_basis"] == "pbrl § 7-5"
        assert appeal.person_id is not None
    case_page = text(citizen.get(f"/en/cases/{decided}"))
    assert "The appeal is sent, not yet registered by the municipality" in case_page
    assert appeal.reference in case_page
    assert "Appeal the decision" not in case_page  # appealed once is enough until a new decision


def test_a_late_appeal_still_goes_in_and_asks_why_it_is_late(apply_app, citizen, submit_application, decide, clock):
    """fvl § 31: a late appeal may be considered; the form asks why it is late."""
    long_ago = clock.today() - timedelta(days=60)
    with back_then(clock, long_ago):  # a log-in holds in neither direction of a jump in time
        log_in(citizen)
        reference = submit_application(citizen)
    log_in(citizen)
    decide(reference, notified=long_ago, decided_on=long_ago.isoformat())
    assert "You can still appeal, but you must explain why the appeal is late" in text(
        citizen.get(f"/en/cases/{reference}")
    )
    base = start_appeal(citizen, reference)
    assert declared(post_form(citizen, f"{base}/appeal", APPEAL).headers["Location"]).endswith("/late")
    response = post_form(citizen, f"{base}/late", {})
    assert errors(response) == ["Skriv hvorfor klagen kommer for sent"]
    post_form(citizen, f"{base}/late", {"why_late": "Jeg lå på sykehus og fikk ikke lest brevet."})
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    receipt = post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]
    assert "forvaltningsloven § 31" in text(citizen.get(receipt))
    with apply_app.app_context():
        appeal = db.session.scalar(select(Submission).where(Submission.kind == "appeal"))
        assert appeal.document["appeals"]["in_time"] is False
        assert appeal.document["answers"]["late"]["why_late"].startswith("Jeg lå på sykehus")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_appeal_a_decision_made_outside_the_portal(apply_app, citizen, clock, lang):
    """fvl § 29: three weeks to appeal a companion card (ledsagerbevis), from the day the letter
    reached the person."""
    response = post_form(citizen, f"/{lang}/appeal/", {"decision": "outside"})
    assert declared(response.headers["Location"]) == f"/{lang}/appeal/outside"
    response = post_form(citizen, f"/{lang}/appeal/outside", {})
    assert len(errors(response)) == 2
    response = post_form(citizen, f"/{lang}/appeal/outside", {"who": "self", "service": "ledsagerbevis"})
    base = response.headers["Location"].rsplit("/", 1)[0]
    assert declared(response.headers["Location"]).endswith("/decision")
    no_such_day = f"30.02.{clock.today().year}"
    response = post_form(citizen, f"{base}/decision", {"case_number": "", "decided_on": no_such_day})
    assert len(errors(response)) == 2 and f'value="{no_such_day}"' in html(response)
    response = post_form(
        citizen,
        f"{base}/decision",
        {
            "case_number": "26/1234",
            "decided_on": day(clock.today() - timedelta(days=20)),
            "received_on": day(clock.today() - timedelta(days=29)),
        },
    )
    assert errors(response) == [
        {
            "nb": "Du kan ikke ha fått brevet før vedtaket ble fattet. Sjekk datoene",
            "nn": "Du kan ikkje ha fått brevet før vedtaket vart fatta. Sjekk datoane",
            "en": "The letter cannot have reached you before the decision was made. Check the dates",
        }[lang]
    ]
    recent = day(clock.today() - timedelta(days=3))
    post_form(citizen, f"{base}/decision", {"case_number": "26/1234", "decided_on": recent, "received_on": recent})
    assert declared(post_form(citizen, f"{base}/person", PERSON).headers["Location"]).endswith("/appeal")
    card_appeal = {**APPEAL, "points": ["refusal"]}  # a companion card has no hours to appeal
    assert declared(post_form(citizen, f"{base}/appeal", card_appeal).headers["Location"]).endswith("/attachments")
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    receipt = post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]
    assert citizen.get(receipt).status_code == 200
    with apply_app.app_context():
        appeal = db.session.scalar(select(Submission).where(Submission.kind == "appeal"))
        details = appeal.document["appeals"]
        assert details["reference"] == "26/1234" and details["in_portal"] is False
        assert details["deadline_basis"] == "fvl § 29" and details["in_time"] is True  # three weeks


def test_without_the_day_the_letter_came_an_outside_appeal_is_never_called_late(apply_app, citizen, clock):
    """pbrl § 7-5, fvl § 29 first paragraph: the deadline runs from the day the decision reached
    the person, never from its date. A decision dated 40 days ago, the day it came not given:
    no deadline is known, the appeal is not sent to "why is it late", nor marked late."""
    response = post_form(citizen, "/en/appeal/outside", {"who": "self", "service": "stottekontakt"})
    base = response.headers["Location"].rsplit("/", 1)[0]
    page = html(citizen.get(f"{base}/decision"))
    assert "If you do not know it, leave it empty" in page and "we count from the date of the decision" not in page
    old = day(clock.today() - timedelta(days=40))
    post_form(citizen, f"{base}/decision", {"case_number": "26/77", "decided_on": old, "received_on": ""})
    assert post_form(citizen, f"{base}/person", PERSON).headers["Location"].endswith("/appeal")
    assert post_form(citizen, f"{base}/appeal", APPEAL).headers["Location"].endswith("/attachments")
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    receipt = post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]
    assert "The deadline to appeal was" not in html(citizen.get(receipt))
    with apply_app.app_context():
        details = db.session.scalar(select(Submission).where(Submission.kind == "appeal")).document["appeals"]
    assert details["deadline"] is None and details["in_time"] is None


def test_an_undecided_case_cannot_be_appealed(apply_app, citizen, submit_application):
    reference = submit_application(citizen)
    assert "/appeal/" not in html(citizen.get(f"/nb/cases/{reference}"))
    assert len(errors(post_form(citizen, "/nb/appeal/", {"decision": reference}))) == 1


def test_another_account_cannot_appeal_or_see_the_appeal(apply_app, citizen, decided):
    base = start_appeal(citizen, decided)
    other = apply_app.test_client()
    make_account(apply_app, email="ola@example.org")
    log_in(other, email="ola@example.org")
    assert other.get(f"{base}/appeal").status_code == 404
    assert len(errors(post_form(other, "/nb/appeal/", {"decision": decided}))) == 1
    assert decided not in html(other.get("/nb/appeal/"))


def test_sending_an_appeal_twice_makes_one(apply_app, citizen, decided):
    base = start_appeal(citizen, decided)
    post_form(citizen, f"{base}/appeal", APPEAL)
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    first = post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]
    again = post_form(citizen, f"{base}/check", {"correct": "y"}, form_page="/nb/my-page").headers["Location"]
    assert first == again
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(Submission.id)).where(Submission.kind == "appeal")) == 1


def test_the_appeal_pdf_names_the_decision_and_the_deadline(apply_app, citizen, decided, tmp_path, pdftotext):
    base = start_appeal(citizen, decided, "en")
    post_form(citizen, f"{base}/appeal", APPEAL)
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    receipt = post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]
    pdf = citizen.get(f"{receipt}/pdf")
    assert pdf.data.startswith(b"%PDF-")
    (tmp_path / "a.pdf").write_bytes(pdf.data)
    words = re.sub(
        r"\s+",
        " ",
        subprocess.run([pdftotext, str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True, check=True).stdout,
    )
    for expected in ("Appeal a decision", decided, "pbrl § 7-5", "Jeg vil ha seks timer i uka.", "The number of hours"):
        assert expected in words, (expected, words)


def test_two_drafts_for_one_decision_make_one_appeal_and_the_second_is_told_why(apply_app, citizen, decided):
    first = start_appeal(citizen, decided)
    assert start_appeal(citizen, decided) == first  # an unsent appeal draft is reused
    with apply_app.app_context():
        from portal.models import Account
        from portal.services import cases, drafts

        account = db.session.scalar(select(Account))
        other = drafts.start(account, "stottekontakt", kind="appeal", appeals_reference=decided)
        other_base = f"/nb/apply/{other.public_id}"
    for base in (first, other_base):
        post_form(citizen, f"{base}/appeal", APPEAL)
        post_form(citizen, f"{base}/attachments", {"action": "continue"})
    assert post_form(citizen, f"{first}/check", {"correct": "y"}).status_code == 302
    response = post_form(citizen, f"{other_base}/check", {"correct": "y"})
    assert response.status_code == 409 and "Du kan ikke klage på dette vedtaket her nå" in html(response)
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(Submission.id)).where(Submission.kind == "appeal")) == 1
        events = [e.type for e in cases.events_of(cases.find(decided))]
    assert events.count("appeal_sent") == 1


def test_an_appeal_draft_cannot_be_sent_after_the_application_was_withdrawn(apply_app, citizen, decided):
    base = start_appeal(citizen, decided)
    post_form(citizen, f"{base}/appeal", APPEAL)
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    record(apply_app, decided, "withdrawn")
    assert post_form(citizen, f"{base}/check", {"correct": "y"}).status_code == 409
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(Submission.id)).where(Submission.kind == "appeal")) == 0


def test_a_year_after_the_decision_an_appeal_can_no_longer_be_considered(
    apply_app, citizen, submit_application, decide, clock
):
    """fvl § 31: never when more than one year has passed since the decision."""
    old = clock.today() - timedelta(days=400)
    with back_then(clock, old):  # a log-in holds in neither direction of a jump in time
        log_in(citizen)
        reference = submit_application(citizen)
    log_in(citizen)
    decide(reference, notified=old, decided_on=old.isoformat())
    page = text(citizen.get(f"/en/cases/{reference}"))
    assert "an appeal can no longer be considered" in page and "/appeal/?case=" not in html(
        citizen.get(f"/en/cases/{reference}")
    )
    assert reference not in html(citizen.get("/en/appeal/"))


def test_a_number_typed_for_an_outside_decision_never_links_to_a_case_in_the_portal(apply_app, citizen, decided, clock):
    stranger = apply_app.test_client()
    make_account(apply_app, email="ola@example.org")
    log_in(stranger, email="ola@example.org")
    response = post_form(stranger, "/nb/appeal/outside", {"who": "self", "service": "stottekontakt"})
    base = response.headers["Location"].rsplit("/", 1)[0]
    recent = day(clock.today() - timedelta(days=3))
    post_form(stranger, f"{base}/decision", {"case_number": decided, "decided_on": recent})
    post_form(stranger, f"{base}/person", {**PERSON, "full_name": "Ola", "national_id": "15062050087"})
    post_form(stranger, f"{base}/appeal", APPEAL)
    post_form(stranger, f"{base}/attachments", {"action": "continue"})
    assert post_form(stranger, f"{base}/check", {"correct": "y"}).status_code == 302
    with apply_app.app_context():
        appeal = db.session.scalar(select(Submission).where(Submission.kind == "appeal"))
        assert appeal.appeals_reference is None and appeal.document["appeals"]["reference"] == decided
    page = text(citizen.get(f"/en/cases/{decided}"))
    assert appeal.reference not in page and "The appeal is sent" not in page
