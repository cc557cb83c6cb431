"""Front-page notices and the demo-data command."""

from datetime import timedelta

from portal.extensions import db
from portal.models import Notice
from tests.helpers import html, log_in


def _notice(key, start, end=None):
    return Notice(
        key=key,
        shown_from=start,
        shown_until=end,
        title_nb=f"Melding {key}",
        title_en=f"Notice {key}",
        text_nb="Tekst",
        text_en="Text",
    )


def test_the_front_page_shows_current_notices_in_the_reader_s_language(app, client, clock):
    today = clock.today()
    with app.app_context():
        db.session.add_all(
            [
                _notice("now", today - timedelta(days=1), today + timedelta(days=1)),
                _notice("over", today - timedelta(days=10), today - timedelta(days=1)),
                _notice("later", today + timedelta(days=1)),
            ]
        )
        db.session.commit()
    nb = html(client.get("/nb/"))
    assert "Melding now" in nb
    assert "Melding over" not in nb and "Melding later" not in nb
    assert "Notice now" in html(client.get("/en/"))


def test_demo_data_loads_once_and_gives_an_account_to_try_with(runner, client):
    first = runner.invoke(args=["demo-data"])
    assert first.exit_code == 0 and "1 new notice(s), 2 new account(s)" in first.output
    second = runner.invoke(args=["demo-data"])
    assert second.exit_code == 0 and "0 new notice(s), 0 new account(s)" in second.output
    log_in(client, email="demo@example.org", password="demo demo demo demo")
    assert "Dette er en demonstrasjon" in html(client.get("/nb/"))
    assert "This is a demonstration" in html(client.get("/en/"))
