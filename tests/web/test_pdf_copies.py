"""Every PDF the portal makes keeps every character a person typed: a long answer with no
spaces wraps on the A4 page instead of running off its edge, where the copy the municipality
archives (and the decision letter the person keeps) would silently lose it."""

from __future__ import annotations

import random
import re
import subprocess

import pytest

from tests.helpers import APPEAL, STEPS, day, log_in_with_id, post_form, reference_in, start_appeal
from tests.identities import aged
from tests.reader_client import declared

# Letters and digits in no order a line break could hide: a lost run shows as a mismatch.
_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789"


def unbroken_word(length: int = 4000, seed: int = 14, alphabet: str = _ALPHABET) -> str:
    chance = random.Random(seed)
    return "".join(chance.choice(alphabet) for _ in range(length))


def words_in(pdf: bytes, pdftotext: str, tmp_path) -> str:
    """The PDF's text with every space and line break gone, read from the page's body only
    (the label and page number in the foot would otherwise split a long word where a page
    ends). Anything drawn off the page is not read: pdftotext keeps to the page."""
    path = tmp_path / "copy.pdf"
    path.write_bytes(pdf)
    # A4 is 595 × 842 points; the foot's margin is 22 mm (62 points).
    found = subprocess.run(
        [pdftotext, "-raw", "-x", "0", "-y", "0", "-W", "595", "-H", "775", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.sub(r"\s+", "", found)


def test_a_long_unbroken_answer_is_all_in_the_applications_pdf_copy(citizen, pdftotext, tmp_path):
    """The archive's copy of an application: a 4,000-character "word" in the longest answer."""
    word = unbroken_word()
    base = post_form(citizen, "/nb/apply/", {"service": "stottekontakt"}).headers["Location"]
    base = post_form(citizen, base, {"who": "self"}).headers["Location"].rsplit("/", 1)[0]
    for key, data in STEPS:
        if key == "need":
            data = {**data, "description": word}
        assert post_form(citizen, f"{base}/{key}", data).status_code == 302, key
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    receipt = post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]
    assert word in words_in(citizen.get(f"{receipt}/pdf").data, pdftotext, tmp_path)


def test_long_unbroken_reasons_are_all_in_the_appeals_pdf_copy(
    citizen, submit_application, decide, clock, pdftotext, tmp_path
):
    """An appeal's "what should change" and "why": both kept whole in the archived copy."""
    reference = submit_application(citizen)
    decide(reference, decided_on=clock.today().isoformat())
    change, why = unbroken_word(seed=1), unbroken_word(seed=2)
    base = start_appeal(citizen, reference)
    assert post_form(citizen, f"{base}/appeal", {**APPEAL, "change": change, "why": why}).status_code == 302
    post_form(citizen, f"{base}/attachments", {"action": "continue"})
    receipt = post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]
    assert reference_in(receipt).startswith("KL-")
    words = words_in(citizen.get(f"{receipt}/pdf").data, pdftotext, tmp_path)
    assert change in words and why in words


def test_a_long_unbroken_summary_is_all_in_the_decision_letter(
    citizen, submit_application, decide, pdftotext, tmp_path
):
    """The caseworker's reasons (fvl § 25) reach the person whole, however they were typed."""
    reference = submit_application(citizen)
    summary = unbroken_word()
    decide(reference, summary=summary)
    assert summary in words_in(citizen.get(f"/nb/cases/{reference}/decision.pdf").data, pdftotext, tmp_path)


@pytest.fixture
def representative(id_app, oidc_provider):
    return log_in_with_id(id_app.test_client(), oidc_provider, aged(45))


def test_long_unbroken_names_are_all_in_the_paper_fullmakt(id_app, representative, clock, pdftotext, tmp_path):
    """The names the representative typed (up to 200 characters each) are printed whole on
    the form the person signs."""
    letters = _ALPHABET.rstrip("0123456789")  # a name has no digits
    person, themselves = unbroken_word(200, 3, letters), unbroken_word(200, 4, letters)
    response = post_form(
        representative,
        "/nb/authorities/new/paper",
        {
            "representative_name": themselves,
            "person_name": person,
            "person_national_id": aged(70),
            "scopes": ["apply", "appeal"],
            "services": ["bpa"],
            "valid_until": day(clock.today().replace(month=12, day=31)),
        },
    )
    assert response.status_code == 302
    document = declared(response.headers["Location"])
    assert document.startswith("/nb/authorities/") and document.endswith("/document")
    words = words_in(representative.get(document.replace("/document", "/fullmakt.pdf")).data, pdftotext, tmp_path)
    assert person in words and themselves in words
