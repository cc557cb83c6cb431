"""Fixtures of the intake API's tests: a client with a token, and a paper registration."""

from __future__ import annotations

import pytest

from tests.helpers import make_token


@pytest.fixture
def api(apply_app):
    client = apply_app.test_client()
    client.token = make_token(apply_app)
    client.auth = {"Authorization": f"Bearer {client.token}"}
    return client


@pytest.fixture
def register(api):
    """Register a paper application over the API, with any field changed: the response."""

    def post(**changes):
        body = {
            "channel": "paper",
            "kind": "application",
            "service": "bpa",
            "person": {"name": "Per Papir", "national_id": "01019012480", "email": "per@example.org"},
            **changes,
        }
        return api.post("/api/v1/submissions", json=body, headers=api.auth)

    return post
