"""The ledsagerbevis and BPA journeys on the same engine: pages, errors, guidance, sending."""

import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Submission
from tests.helpers import PERSON, SERVICE_STEPS, errors, html, post_form, start_application
from tests.identities import aged
from tests.reader_client import declared


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("service,prefix", [("ledsagerbevis", "LB"), ("bpa", "BPA")])
def test_each_service_can_be_applied_for_and_sent(apply_app, citizen, service, prefix, lang):
    base = start_application(citizen, lang, service)
    for key, data in SERVICE_STEPS[service]:
        response = post_form(citizen, f"{base}/{key}", data)
        assert response.status_code == 302, (key, errors(response))
    response = post_form(citizen, f"{base}/attachments", {"action": "continue"})
    assert declared(response.headers["Location"]) == declared(f"{base}/check")
    receipt = post_form(citizen, f"{base}/check", {"correct": "y"}).headers["Location"]
    assert re.search(rf"^/{lang}/apply/receipt/{prefix}-\d{{4}}-\d{{6}}$", declared(receipt))
    assert citizen.get(f"{receipt}/pdf").data.startswith(b"%PDF-")
    with apply_app.app_context():
        assert db.session.scalar(select(Submission.service)) == service


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize(
    "service,step,nb,en,nn",
    [
        (
            "ledsagerbevis",
            "residence",
            ["Svar på om du bor i kommunen"],
            ["Answer whether you live in the municipality"],
            ["Svar på om du bur i kommunen"],
        ),
        (
            "ledsagerbevis",
            "disability",
            [
                "Beskriv funksjonsnedsettelsen eller sykdommen",
                "Svar på om behovet forventes å vare i minst to til tre år",
            ],
            ["Describe the disability or illness", "Answer whether it is expected to last at least two to three years"],
            [
                "Beskriv funksjonsnedsetjinga eller sjukdommen",
                "Svar på om behovet er venta å vare i minst to til tre år",
            ],
        ),
        (
            "ledsagerbevis",
            "companions",
            ["Fortell hva du trenger ledsager til"],
            ["Tell us what you need a companion for"],
            ["Fortel kva du treng ledsagar til"],
        ),
        (
            "bpa",
            "assistance",
            [
                "Skriv omtrent hvor mange timer i uka du trenger hjelp",
                "Velg minst én ting du trenger hjelp til",
                "Beskriv hjelpen du trenger",
            ],
            [
                "Enter about how many hours a week you need help",
                "Choose at least one thing you need help with",
                "Describe the help you need",
            ],
            [
                "Skriv omtrent kor mange timar i veka du treng hjelp",
                "Vel minst éin ting du treng hjelp til",
                "Beskriv hjelpa du treng",
            ],
        ),
        (
            "bpa",
            "supervisor",
            ["Velg hvem som skal være arbeidsleder"],
            ["Choose who will be work supervisor"],
            ["Vel kven som skal vere arbeidsleiar"],
        ),
        (
            "bpa",
            "family",
            ["Svar på om søknaden gjelder et barn i familien din"],
            ["Answer whether the application is for a child in your family"],
            ["Svar på om søknaden gjeld eit barn i familien din"],
        ),
    ],
)
def test_each_page_says_what_is_missing(citizen, service, step, nb, en, nn, lang):
    base = start_application(citizen, lang, service)
    assert errors(post_form(citizen, f"{base}/{step}", {})) == {"nb": nb, "nn": nn, "en": en}[lang]


def test_too_many_hours_in_a_week_is_explained(citizen):
    base = start_application(citizen, service="bpa")
    data = {**SERVICE_STEPS["bpa"][1][1], "hours_per_week": "200"}
    assert errors(post_form(citizen, f"{base}/assistance", data)) == ["Skriv et antall timer fra 1 til 168"]


def test_someone_else_as_work_supervisor_needs_a_name(citizen):
    base = start_application(citizen, service="bpa")
    response = post_form(citizen, f"{base}/supervisor", {"supervisor": "someone"})
    assert errors(response) == ["Skriv navnet på arbeidslederen"]


def test_ledsagerbevis_asks_for_the_doctors_statement_and_a_photo(citizen):
    base = start_application(citizen, service="ledsagerbevis")
    for key, data in SERVICE_STEPS["ledsagerbevis"]:
        post_form(citizen, f"{base}/{key}", data)
    page = html(citizen.get(f"{base}/attachments"))
    assert "Legeuttalelse og bilde" in page
    assert 'value="doctor_statement"' in page and 'value="photo"' in page


def test_living_elsewhere_is_guidance_not_a_block(citizen):
    base = start_application(citizen, service="ledsagerbevis")
    post_form(citizen, f"{base}/residence", {"lives_here": "no"})
    assert "Ledsagerbevis får du fra kommunen du bor i" in html(citizen.get(f"{base}/disability"))


def test_bpa_from_67_is_guidance_not_a_block(citizen, clock):
    base = start_application(citizen, service="bpa")
    # 76 years old on the day the test runs.
    assert post_form(citizen, f"{base}/person", {**PERSON, "national_id": aged(76, clock.today())}).status_code == 302
    page = html(citizen.get(f"{base}/assistance"))
    # Granted under the right before 67, BPA is kept after 67 (pbrl § 2-1 d): asked, not refused.
    assert "Fikk du BPA etter denne retten før du fylte 67 år, beholder du den også etter 67 år" in page
    assert "Hadde du BPA før du fylte 67 år?" in page
    assert post_form(citizen, f"{base}/assistance", SERVICE_STEPS["bpa"][1][1]).status_code == 302
