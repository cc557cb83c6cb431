"""Every page's HTML is valid, as far as it can be checked without Java (tests/html_validity.py):
no parse errors, no id twice, no reference to a missing id, and autocomplete values from the
WHATWG list, each on a control it fits. The pages: those the page tests visit, the account
pages (with errors shown too), My page, and each page of an application and a volunteer's
application, in each language."""

import pytest

from portal.apply.journeys import JOURNEYS, VOLUNTEER
from tests.helpers import answer_all, csrf_token, html, start_application
from tests.html_validity import autocomplete_problem, problems
from tests.pages import PAGE_URLS

ACCOUNT_PAGES = ["account/register", "account/login", "account/forgot-password", "account/check-your-email"]


def _valid(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert problems(html(response)) == [], path


@pytest.mark.parametrize("name,lang,path", PAGE_URLS)
def test_every_public_page_is_valid_html(client, name, lang, path):
    _valid(client, path)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_account_pages_are_valid_html_with_and_without_errors(apply_app, lang):
    client = apply_app.test_client()
    for path in ACCOUNT_PAGES:
        _valid(client, f"/{lang}/{path}")
    for path in ACCOUNT_PAGES[:3]:
        shown = client.post(f"/{lang}/{path}", data={"csrf_token": csrf_token(client, f"/{lang}/{path}")})
        assert problems(html(shown)) == [], f"{path} with errors"


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_my_page_and_every_page_of_an_application_are_valid_html(citizen, lang):
    _valid(citizen, f"/{lang}/my-page")
    _valid(citizen, f"/{lang}/apply/")
    for service, journey in JOURNEYS.items():
        base = start_application(citizen, lang, service=service)
        for step in journey.steps:
            if step.shown is None:  # the pages asked of everyone; the others only of some
                _valid(citizen, f"{base}/{step.key}")
        shown = citizen.post(
            f"{base}/{journey.steps[0].key}", data={"csrf_token": csrf_token(citizen, f"{base}/{journey.steps[0].key}")}
        )
        assert problems(html(shown)) == [], f"{service}: the first page with errors"
    answered = start_application(citizen, lang)
    answer_all(citizen, answered)
    _valid(citizen, f"{answered}/check")
    _valid(citizen, f"/{lang}/my-page")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_page_of_the_volunteer_application_is_valid_html(citizen, lang):
    _valid(citizen, f"/{lang}/volunteer/")
    token = csrf_token(citizen, f"/{lang}/volunteer/")
    first = citizen.post(f"/{lang}/volunteer/start", data={"csrf_token": token}).headers["Location"]
    base = first.rsplit("/", 1)[0]
    for step in VOLUNTEER.steps:
        _valid(citizen, f"{base}/{step.key}")


@pytest.mark.parametrize(
    "tag,input_type,value,wrong",
    [
        ("input", "email", "email", False),
        ("input", "email", "username", True),
        ("input", "text", "address-line1", False),
        ("input", "text", "street-address", True),
        ("textarea", "text", "street-address", False),
        ("input", "password", "current-password", False),
        ("input", "tel", "mobile tel", False),
        ("input", "text", "section-home shipping postal-code", False),
        ("input", "text", "mobile postal-code", True),
        ("input", "text", "postcode", True),
        ("input", "text", "off", False),
        ("input", "checkbox", "off", True),
    ],
)
def test_the_autocomplete_check_knows_the_whatwg_list(tag, input_type, value, wrong):
    assert (autocomplete_problem(tag, input_type, value) is not None) is wrong
