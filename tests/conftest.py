"""Shared fixtures: one migrated database per test run, emptied after each test.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL
is set (the suite drops every table in that database: never point it at real data).
"""
from __future__ import annotations

import os

import pytest
from sqlalchemy import MetaData, create_engine, text

from portal import create_app
from portal.config import TestingConfig
from portal.extensions import db


def _normalise(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = _normalise(url)
        engine = create_engine(url)
        meta = MetaData()
        meta.reflect(engine)
        with engine.begin() as conn:
            meta.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
    else:
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "portal.sqlite3")
    app = create_app({**_base_config(), "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    return url


def _base_config() -> dict:
    return {k: getattr(TestingConfig, k) for k in dir(TestingConfig) if k.isupper()}


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app with config overrides; its tables are emptied after the test."""
    apps = []

    def factory(**overrides):
        config = {**_base_config(), "SQLALCHEMY_DATABASE_URI": database_url, **overrides}
        app = create_app(config)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        if app.config["SQLALCHEMY_DATABASE_URI"] != database_url:
            continue
        with app.app_context():
            for table in reversed(db.metadata.sorted_tables):
                db.session.execute(table.delete())
            db.session.commit()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
