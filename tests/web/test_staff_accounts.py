"""Staff accounts from the command line: flask --app portal create-user (caseworker, admin,
ombud), with the password from the terminal or standard input; and what a role opens."""

from sqlalchemy import select

from portal.extensions import db
from portal.models import Account
from tests.helpers import log_in, make_account


def test_create_user_reads_the_password_from_stdin_and_the_account_can_log_in(app, runner):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "Sara@Fjellvik.Kommune.no",
            "--role",
            "caseworker",
            "--name",
            "Sara S",
            "--password-stdin",
        ],
        input="et langt passord her\n",
    )
    assert result.exit_code == 0, result.output
    assert "sara@fjellvik.kommune.no" in result.output and "caseworker" in result.output
    assert "et langt passord her" not in result.output
    client = app.test_client()
    log_in(client, email="sara@fjellvik.kommune.no", password="et langt passord her")
    assert client.get("/nb/intake/authorities").status_code == 200
    with app.app_context():
        account = db.session.scalar(select(Account))
        assert account.role == "caseworker" and account.full_name == "Sara S"
        assert account.password_hash.startswith("$argon2id$")


def test_create_user_asks_twice_at_the_terminal(runner):
    result = runner.invoke(
        args=["create-user", "--email", "o@ombud.no", "--role", "ombud", "--name", "Ombudet"],
        input="et langt passord her\net langt passord her\n",
    )
    assert result.exit_code == 0, result.output


def test_create_user_refuses_a_short_password_and_an_unknown_role(runner):
    short = runner.invoke(
        args=["create-user", "--email", "a@b.no", "--role", "admin", "--password-stdin"], input="kort\n"
    )
    assert short.exit_code != 0 and "12 characters" in short.output
    unknown = runner.invoke(
        args=["create-user", "--email", "a@b.no", "--role", "god", "--password-stdin"], input="et langt passord her\n"
    )
    assert unknown.exit_code != 0


def test_a_citizen_does_not_reach_the_intake_pages(app):
    client = app.test_client()
    make_account(app)
    log_in(client)
    assert client.get("/nb/intake/authorities").status_code == 404


def test_create_user_refuses_a_name_with_digits_and_cleans_out_bidi_characters(app, runner):
    """A staff name is shown to citizens on their case: no identity number, nothing that turns text round."""
    args = ["create-user", "--email", "a@b.no", "--role", "caseworker", "--password-stdin", "--name"]
    refused = runner.invoke(args=[*args, "Sara 01019012480"], input="et langt passord her\n")
    assert refused.exit_code != 0 and "no digits" in refused.output
    with app.app_context():
        assert db.session.scalar(select(Account)) is None
    result = runner.invoke(args=[*args, "Sara \u202eS\u202c"], input="et langt passord her\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(Account.full_name)) == "Sara S"
