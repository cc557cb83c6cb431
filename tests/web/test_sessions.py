"""Log-ins that really end: kept on the server (portal/services/login_sessions.py), so a copied
session cookie opens nothing after log-out, a new password or "Log out everywhere"."""

from tests.helpers import TEST_PASSWORD, csrf_token, log_in, make_account, post_form
from tests.reader_client import declared


def _copy_of(client, app):
    """Another browser, elsewhere, holding a copy of the client's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _logged_in(client, path="/nb/my-page") -> bool:
    return client.get(path).status_code == 200


def test_a_copied_cookie_opens_nothing_after_log_out(login_as, apply_app):
    """A copied cookie used to keep opening the intake after log-out, and refreshed itself."""
    caseworker = login_as("caseworker")
    thief = _copy_of(caseworker, apply_app)
    assert _logged_in(thief, "/nb/intake/")
    post_form(caseworker, "/nb/account/logout", {}, form_page="/nb/my-page")
    assert thief.get("/nb/intake/").status_code == 302
    assert not _logged_in(thief)
    assert not _logged_in(caseworker)


def test_a_new_password_ends_every_other_log_in(login_as, apply_app):
    from portal.services import accounts

    citizen = login_as("citizen")
    thief = _copy_of(citizen, apply_app)
    with apply_app.test_request_context():
        token = accounts._serializer("reset").dumps(
            {
                "a": accounts.find_by_email("kari@example.org").id,
                "h": accounts.find_by_email("kari@example.org").password_hash[-16:],
            }
        )
    other = apply_app.test_client()
    new = "et helt nytt passord her"
    response = post_form(other, f"/nb/account/reset-password/{token}", {"password": new, "password_repeat": new})
    assert response.status_code == 302
    assert not _logged_in(thief)
    assert not _logged_in(citizen)
    log_in(other, password=new)
    assert _logged_in(other)


def test_log_out_everywhere_ends_the_log_ins_on_every_device(apply_app):
    make_account(apply_app)
    phone, laptop, copy = apply_app.test_client(), apply_app.test_client(), None
    log_in(phone)
    log_in(laptop)
    copy = _copy_of(laptop, apply_app)
    page = phone.get("/nb/my-page").get_data(as_text=True)
    assert "Logg ut overalt" in page or "Log out everywhere" in page
    response = phone.post("/nb/account/logout-everywhere", data={"csrf_token": csrf_token(phone, "/nb/my-page")})
    assert response.status_code == 302 and declared(response.headers["Location"]).startswith("/nb/account/login")
    for client in (phone, laptop, copy):
        assert not _logged_in(client)
    log_in(laptop)
    assert _logged_in(laptop)


def test_log_out_everywhere_needs_a_log_in_and_the_form_s_token(apply_app):
    make_account(apply_app)
    client = apply_app.test_client()
    assert client.post("/nb/account/logout-everywhere").status_code in (302, 400)
    log_in(client)
    assert client.post("/nb/account/logout-everywhere").status_code == 400  # no CSRF token
    assert _logged_in(client)


def test_a_log_in_ends_after_twelve_hours_however_busy(apply_app, clock):
    """The cookie is refreshed on every request; the server ends the log-in all the same."""
    make_account(apply_app)
    client = apply_app.test_client()
    log_in(client)
    for _ in range(28):  # a request every 25 minutes for 11 h 40 min
        clock.shift(minutes=25)
        assert _logged_in(client)
    clock.shift(minutes=25)
    assert not _logged_in(client)


def test_a_staff_account_given_a_new_password_by_command_is_logged_out(login_as, apply_app):
    from portal.services import accounts

    caseworker = login_as("caseworker")
    with apply_app.app_context():
        accounts.create_staff_account("sara@fjellvik.kommune.no", TEST_PASSWORD + " nytt", "caseworker")
    assert caseworker.get("/nb/intake/").status_code == 302


def test_log_out_everywhere_in_english(apply_app):
    make_account(apply_app)
    client = apply_app.test_client()
    log_in(client, lang="en")
    assert "Log out everywhere" in client.get("/en/my-page").get_data(as_text=True)
