"""Trust, in words and not by colour alone: an appeal sent about a person by someone who logged
in with e-mail only is marked in the case page's list of appeals, as such applications are
marked; and a submission the person said they did not send is flagged in the intake queue and
on its page, so a caseworker sees it before acting on it."""

from __future__ import annotations

import pytest

from tests.helpers import (
    APPEAL,
    decide,
    html,
    log_in,
    log_in_with_id,
    make_account,
    make_caseworker,
    post_form,
    reference_in,
    send_application,
    start_appeal,
    text,
)
from tests.identities import aged
from tests.reader_client import reader_address

STRANGER = "kjetil.fremmed@example.org"


@pytest.fixture
def person_id(clock) -> str:
    return aged(40, today=clock.today(), start=160)


@pytest.fixture
def appealed(id_app, oidc_provider, person_id, clock):
    """A stranger with an e-mail account sent an application with the person's number, and
    appealed its decision: (the person logged in with electronic ID, the case, the appeal)."""
    stranger = id_app.test_client()
    make_account(id_app, email=STRANGER)
    log_in(stranger, email=STRANGER)
    _, receipt = send_application(stranger, national_id=person_id)
    reference = reference_in(receipt)
    decide(id_app, reference)
    base = start_appeal(stranger, reference)
    post_form(stranger, f"{base}/appeal", APPEAL)
    post_form(stranger, f"{base}/attachments", {"action": "continue"})
    appeal = reference_in(post_form(stranger, f"{base}/check", {"correct": "y"}).headers["Location"])
    assert appeal != reference
    return log_in_with_id(id_app.test_client(), oidc_provider, person_id), reference, appeal


def _appeals_section(page: str) -> str:
    return page[page.index('id="appeals-heading"') : page.index("</section>", page.index('id="appeals-heading"'))]


@pytest.mark.parametrize(
    "lang,tag,said",
    [
        ("nb", "Avsenderen er ikke bekreftet", "Du har sagt at det ikke var deg"),
        ("nn", "Avsendaren er ikkje stadfest", "Du har sagt at det ikkje var deg"),
        ("en", "Sender not verified", "You said it was not you"),
    ],
)
def test_an_appeal_sent_by_an_unverified_sender_is_marked_on_the_case_page(id_app, appealed, lang, tag, said):
    person, reference, appeal = appealed
    section = _appeals_section(html(person.get(f"/{lang}/cases/{reference}")))
    assert appeal in section and tag in section and "k***@example.org" in section and STRANGER not in section
    # The person can say the appeal was not theirs, from there.
    not_me = reader_address(id_app, f"/{lang}/cases/{appeal}/not-me")
    assert f'href="{not_me}"' in section
    post_form(person, f"/{lang}/cases/{appeal}/not-me", {"comment": ""}, f"/{lang}/cases/{appeal}/not-me")
    section = _appeals_section(html(person.get(f"/{lang}/cases/{reference}")))
    assert said in section and not_me not in section


def test_an_appeal_the_person_sent_themselves_is_not_marked(id_app, oidc_provider, person_id):
    person = log_in_with_id(id_app.test_client(), oidc_provider, person_id)
    _, receipt = send_application(person, national_id=person_id)
    reference = reference_in(receipt)
    decide(id_app, reference)
    base = start_appeal(person, reference)
    post_form(person, f"{base}/appeal", APPEAL)
    post_form(person, f"{base}/attachments", {"action": "continue"})
    post_form(person, f"{base}/check", {"correct": "y"})
    section = _appeals_section(html(person.get(f"/en/cases/{reference}")))
    assert "Sender not verified" not in section and "not-me" not in section


@pytest.mark.parametrize(
    "lang,flag",
    [
        ("nb", "Personen sier at de ikke har sendt dette"),
        ("nn", "Personen seier at dei ikkje har sendt dette"),
        ("en", "The person says they did not send this"),
    ],
)
def test_a_disputed_submission_is_flagged_in_the_intake_queue_in_words(id_app, appealed, lang, flag):
    person, reference, appeal = appealed
    worker = id_app.test_client()
    make_caseworker(id_app)
    log_in(worker, email="sara@fjellvik.kommune.no")

    def row(of: str) -> str:
        page = html(worker.get(f"/{lang}/intake/"))
        start = page.index(f">{of}</a>")
        return page[start : page.index("</tr>", start)]

    assert flag not in row(reference) and flag not in row(appeal)
    post_form(person, f"/{lang}/cases/{reference}/not-me", {"comment": "Ikke meg."}, f"/{lang}/cases/{reference}")
    assert flag in row(reference) and flag not in row(appeal)
    assert flag in text(worker.get(f"/{lang}/intake/submissions/{reference}"))
