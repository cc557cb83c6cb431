"""/healthz: 200 with the database reachable, 503 when it is not."""


def test_healthz_answers_ok_with_the_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(make_app, tmp_path):
    unreachable = "sqlite:///" + str(tmp_path / "no-such-folder" / "portal.sqlite3")
    app = make_app(SQLALCHEMY_DATABASE_URI=unreachable)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
