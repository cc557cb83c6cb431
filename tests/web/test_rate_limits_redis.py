"""With REDIS_URL, every worker counts against the same limit (a real redis-server)."""

import socket
import subprocess
import time

import pytest

from tests.helpers import post_form, require_tool


@pytest.fixture
def redis_server():
    """A real redis-server on a free port: (its URL, its process, to stop it)."""
    redis_server = require_tool("redis-server", "apt-get install redis-server")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0", server
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server):
    return redis_server[0]


def _register(client, n: int):
    password = "tre lange ord og litt til"
    return post_form(
        client,
        "/nb/account/register",
        {"email": f"p{n}@example.org", "password": password, "password_repeat": password},
    )


def test_the_counters_live_in_redis_so_every_worker_shares_them(make_app, redis_url):
    import redis

    client = make_app(RATELIMIT_STORAGE_URI=redis_url).test_client()
    password = "tre lange ord og litt til"
    post_form(
        client, "/nb/account/register", {"email": "p@example.org", "password": password, "password_repeat": password}
    )
    assert redis.Redis.from_url(redis_url).keys("LIMITS*")


def test_two_workers_share_the_registration_limit(make_app, redis_url):
    first = make_app(RATELIMIT_STORAGE_URI=redis_url).test_client()
    second = make_app(RATELIMIT_STORAGE_URI=redis_url).test_client()
    for i in range(5):
        assert _register(first if i % 2 else second, i).status_code == 302
    assert _register(first, 9).status_code == 429


def test_with_redis_away_the_site_answers_and_the_limits_still_hold_in_each_worker(make_app, redis_server):
    """Redis stopped: registering must not fail with a 500, and the limit of five an hour
    must not be lifted (a brute force would otherwise have free rein while Redis is away)."""
    url, server = redis_server
    client = make_app(RATELIMIT_STORAGE_URI=url).test_client()
    server.terminate()
    server.wait(timeout=10)
    for i in range(5):
        assert _register(client, i).status_code == 302
    assert _register(client, 9).status_code == 429
