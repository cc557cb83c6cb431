"""The portal's one clock (portal/rules/clock.py): the day is Oslo's, and no other module
reads the wall clock, so tests can move time for the whole portal at once."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from portal.rules import clock as portal_clock

PORTAL = Path(__file__).resolve().parents[2] / "portal"
# Calls that read the wall clock. time.monotonic and perf_counter measure durations
# (how long a kept page lives), never a date, and stay allowed.
WALL_CLOCK = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
}


def _wall_clock_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            if (name, node.func.attr) in WALL_CLOCK:
                yield node.lineno, f"{name}.{node.func.attr}"
        if isinstance(node, ast.ImportFrom) and node.module in ("time", "datetime"):
            for alias in node.names:
                if (node.module, alias.name) in WALL_CLOCK:
                    yield node.lineno, f"from {node.module} import {alias.name}"


def test_only_the_clock_module_reads_the_wall_clock():
    found = [
        f"{path.relative_to(PORTAL.parent)}:{line}: {call}"
        for path in sorted(PORTAL.rglob("*.py"))
        if path != PORTAL / "rules" / "clock.py"
        for line, call in _wall_clock_calls(ast.parse(path.read_text(), str(path)))
    ]
    assert found == [], "use portal.rules.clock.now() or today() instead"


def test_the_check_finds_every_way_of_reading_the_wall_clock():
    calls = [
        call
        for _, call in _wall_clock_calls(
            ast.parse(
                "import datetime, time\nfrom datetime import date\nfrom time import time as t\n"
                "datetime.datetime.now()\ndate.today()\ntime.time()\ndatetime.datetime.utcnow()\n"
            )
        )
    ]
    assert calls == ["from time import time", "datetime.now", "date.today", "time.time", "datetime.utcnow"]


@pytest.mark.parametrize(
    "moment,day",
    [
        ("2027-01-31 23:30", date(2027, 1, 31)),  # 22:30 UTC: still the 31st in Oslo
        ("2027-02-01 00:30", date(2027, 2, 1)),  # 23:30 UTC on the 31st: already the 1st in Oslo
        ("2027-07-01 01:30", date(2027, 7, 1)),  # summer time: 23:30 UTC on 30 June
        ("2026-12-31 23:59", date(2026, 12, 31)),
    ],
)
def test_today_is_the_day_in_oslo_not_on_the_servers_clock(clock, moment, day):
    """A deadline or a birthday turns at Norwegian midnight (DESIGN.md, conventions)."""
    clock.move_to(moment)
    assert portal_clock.today() == day
    assert portal_clock.now().tzinfo == UTC


def test_now_is_the_moment_in_utc_and_the_same_moment_as_oslo_shows_it(clock):
    clock.move_to("2027-03-28 03:30")  # the first hour of summer time
    assert portal_clock.now() == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert portal_clock.local_day(datetime(2027, 3, 27, 23, 30)) == date(2027, 3, 28)  # naive means UTC


def test_every_test_starts_at_the_suites_moment(clock):
    """Moving time in one test leaves the next where the suite started (tests/conftest.py)."""
    from tests.conftest import SUITE_MOMENT

    assert abs((portal_clock.now() - SUITE_MOMENT).total_seconds()) < 60
    clock.shift(days=400)
    assert (portal_clock.now() - SUITE_MOMENT).days >= 399
