"""An application sent with someone's identity number from an account that only logged in with
e-mail: the person sees it was sent by someone whose identity was not verified (the address
masked), and can say "this was not me". The submission stays for the municipality to look
into (it is shown to the caseworker and in the API), the person's word is in the access log,
and nobody but the person can say it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import AccessLogEntry, Submission
from tests.helpers import (
    html,
    log_in,
    log_in_with_id,
    make_account,
    make_caseworker,
    make_token,
    post_form,
    reference_in,
    send_application,
    text,
)
from tests.identities import aged
from tests.reader_client import declared

STRANGER = "kjetil.fremmed@example.org"
NOTICE = {
    "nb": ("Sendt av noen som ikke har bekreftet hvem de er", "Dette var ikke meg"),
    "nn": ("Sendt av nokon som ikkje har stadfest kven dei er", "Dette var ikkje meg"),
    "en": ("Sent by someone whose identity was not verified", "This was not me"),
}


@pytest.fixture
def person_id(clock) -> str:
    return aged(40, today=clock.today(), start=160)


@pytest.fixture
def sent(id_app, person_id):
    """A stranger with an e-mail account sends an application with the person's number."""
    stranger = id_app.test_client()
    make_account(id_app, email=STRANGER)
    log_in(stranger, email=STRANGER)
    _, receipt = send_application(stranger, national_id=person_id)
    return stranger, reference_in(receipt)


@pytest.fixture
def person(id_app, oidc_provider, person_id, sent):
    return log_in_with_id(id_app.test_client(), oidc_provider, person_id)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_person_sees_who_sent_it_masked_on_my_cases_my_page_and_the_case(person, sent, lang):
    _, reference = sent
    for page in (f"/{lang}/cases/", f"/{lang}/my-page", f"/{lang}/cases/{reference}"):
        shown = html(person.get(page))
        assert "k***@example.org" in shown, page
        assert STRANGER not in shown and "kjetil" not in shown, page
    case_page = text(person.get(f"/{lang}/cases/{reference}"))
    assert NOTICE[lang][0] in case_page and NOTICE[lang][1] in case_page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_person_says_it_was_not_them_and_the_case_stays(id_app, person, sent, lang, clock):
    _, reference = sent
    response = post_form(
        person,
        f"/{lang}/cases/{reference}/not-me",
        {"comment": "Jeg kjenner ikke avsenderen."},
        f"/{lang}/cases/{reference}",
    )
    assert response.status_code == 302
    assert declared(response.headers["Location"]) == f"/{lang}/cases/{reference}"
    page = text(person.get(response.headers["Location"]))
    said = {"nb": "at du ikke har sendt den", "nn": "at du ikkje har sendt den", "en": "that you did not send it"}[lang]
    assert said in page and NOTICE[lang][1] not in page  # said once; the case is still there
    assert reference in text(person.get(f"/{lang}/cases/"))
    with id_app.app_context():
        submission = db.session.scalar(select(Submission).where(Submission.reference == reference))
        assert submission is not None  # never deleted
        entry = db.session.scalar(
            select(AccessLogEntry).where(
                AccessLogEntry.submission_id == submission.id, AccessLogEntry.action == "submission.dispute"
            )
        )
        assert entry is not None and entry.actor_role == "person"
    # Their own act is not a look by someone else.
    assert "submission.dispute" not in html(person.get(f"/{lang}/cases/{reference}/seen"))


def test_a_comment_too_long_comes_back_as_typed_with_the_error(person, sent):
    _, reference = sent
    typed = "Ikke meg. " * 120
    response = post_form(person, f"/en/cases/{reference}/not-me", {"comment": typed}, f"/en/cases/{reference}")
    assert response.status_code == 200
    assert "The text can be at most 1000 characters" in text(response)
    assert typed.strip() in html(response)
    assert "<title>Error:" in html(response)


def test_the_caseworker_and_the_api_see_it_disputed(id_app, person, sent, clock):
    _, reference = sent
    post_form(person, f"/nb/cases/{reference}/not-me", {"comment": "Ikke meg."}, f"/nb/cases/{reference}")
    worker = id_app.test_client()
    make_caseworker(id_app)
    log_in(worker, email="sara@fjellvik.kommune.no")
    for lang, warning in (
        ("nb", "Personen sier at de ikke har sendt dette"),
        ("nn", "Personen seier at dei ikkje har sendt dette"),
        ("en", "The person says they did not send this"),
    ):
        page = text(worker.get(f"/{lang}/intake/submissions/{reference}"))
        assert warning in page and "Ikke meg." in page
    token = make_token(id_app)
    headers = {"Authorization": f"Bearer {token}"}
    expected = {"on": clock.today().isoformat(), "comment": "Ikke meg."}
    assert id_app.test_client().get(f"/api/v1/submissions/{reference}", headers=headers).json["disputed"] == expected
    assert id_app.test_client().get(f"/api/v1/cases/{reference}", headers=headers).json["disputed"] == expected


def test_an_undisputed_submission_says_null_in_the_api(id_app, sent):
    _, reference = sent
    headers = {"Authorization": f"Bearer {make_token(id_app)}"}
    assert id_app.test_client().get(f"/api/v1/submissions/{reference}", headers=headers).json["disputed"] is None
    assert id_app.test_client().get(f"/api/v1/cases/{reference}", headers=headers).json["disputed"] is None


def _still_open_to_the_person(person, reference) -> bool:
    """Nothing was recorded: the person is still asked whether it was them."""
    return "Dette var ikke meg" in text(person.get(f"/nb/cases/{reference}"))


def test_the_sender_cannot_say_it_for_the_person(id_app, person, sent):
    stranger, reference = sent
    assert post_form(stranger, f"/nb/cases/{reference}/not-me", {"comment": ""}, "/nb/my-page").status_code == 404
    assert "Dette var ikke meg" not in text(stranger.get(f"/nb/cases/{reference}"))
    with id_app.app_context():
        assert db.session.scalar(select(AccessLogEntry).where(AccessLogEntry.action == "submission.dispute")) is None
    assert _still_open_to_the_person(person, reference)


def test_a_representative_cannot_say_it_for_the_person(id_app, ombud, person, sent):
    """The ombud, with the person's consent to see the case, reads it but cannot speak for them here."""
    from tests.helpers import give_ombud_access

    _, reference = sent
    assert give_ombud_access(id_app, person).status_code == 302
    page = ombud.get(f"/nb/cases/{reference}")
    assert page.status_code == 200 and "Dette var ikke meg" not in text(page)
    assert post_form(ombud, f"/nb/cases/{reference}/not-me", {"comment": ""}, "/nb/cases/").status_code == 404
    assert _still_open_to_the_person(person, reference)


def test_another_verified_person_and_an_application_sent_by_the_person_themselves_get_nothing(
    id_app, oidc_provider, person, sent, person_id
):
    _, reference = sent
    other = log_in_with_id(id_app.test_client(), oidc_provider, aged(33, start=170))
    assert post_form(other, f"/nb/cases/{reference}/not-me", {"comment": ""}, "/nb/cases/").status_code == 404
    assert _still_open_to_the_person(person, reference)
    # What the person sent with electronic ID themselves has nothing to dispute.
    _, receipt = send_application(person, national_id=person_id)
    own = reference_in(receipt)
    assert "Dette var ikke meg" not in text(person.get(f"/nb/cases/{own}"))
    assert post_form(person, f"/nb/cases/{own}/not-me", {"comment": ""}, f"/nb/cases/{own}").status_code == 404
