"""Gunicorn settings for the browser tests: the served portal runs on the tests' clock, from
the moment in PORTAL_CLOCK_START (seconds since the epoch), so a suite started at a given
moment (PORTAL_TEST_NOW) is that moment for the server too."""

import os


def post_fork(server, worker):
    start = os.environ.get("PORTAL_CLOCK_START")
    if start:
        import time_machine

        time_machine.travel(float(start), tick=True).start()
