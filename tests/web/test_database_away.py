"""While the database is away (restarted, failed over), every page a person asks for answers
the portal's own 503 page in their language, with Retry-After, and the API answers JSON."""

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from tests.helpers import csrf_token, html, make_token, start_application


@pytest.fixture
def database_away(monkeypatch):
    """Every query fails as it does when PostgreSQL is stopped."""

    def refused(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))

    def away():
        monkeypatch.setattr(Session, "execute", refused)

    return away


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("nb", "Tjenesten er ikke tilgjengelig akkurat nå"), ("en", "The service is not available right now")],
)
def test_a_logged_in_page_answers_a_friendly_503_not_a_traceback_when_postgresql_is_stopped(
    citizen, database_away, lang, heading
):
    database_away()
    response = citizen.get(f"/{lang}/my-page")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    page = html(response)
    assert f'<html lang="{lang}"' in page and heading in page
    assert "OperationalError" not in page and "connection refused" not in page


def test_sending_an_application_with_the_database_away_says_nothing_was_sent_and_to_send_again(citizen, database_away):
    base = start_application(citizen)
    token = csrf_token(citizen, "/nb/apply/")
    database_away()
    response = citizen.post(f"{base}/check", data={"correct": "y", "csrf_token": token})
    assert response.status_code == 503
    page = html(response)
    assert "tilbakeknappen" in page and "Ingenting blir sendt to ganger" in page


def test_the_api_answers_json_503_when_the_database_is_away(apply_app, database_away):
    token = make_token(apply_app)
    database_away()
    response = apply_app.test_client().get("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert response.get_json()["error"] == "unavailable"
