"""The suite's own rules (STYLE.md): tests share helpers through tests/helpers.py and the
conftest files, never by importing another test module, and read time only from the clock."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.lineno, node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []


def test_no_test_module_imports_another_test_module():
    found = [
        f"{path.relative_to(TESTS.parent)}:{line}: {module}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, module, _ in _imports(path)
        if module.rsplit(".", 1)[-1].startswith("test_")
    ]
    assert found == [], "move what is shared to tests/helpers.py or a conftest.py"


def test_tests_take_the_day_from_the_frozen_clock_not_the_wall_clock():
    """`date.today()` in a test is the machine's day in its own time zone, not Oslo's."""
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name == "conftest.py" and path.parent == TESTS:
            continue  # reads the real moment once, to start the suite at it
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("today", "now", "utcnow")
                and getattr(node.func.value, "id", None) in ("date", "datetime")
            ):
                found.append(f"{path.relative_to(TESTS.parent)}:{node.lineno}")
    assert found == [], "use the clock fixture: clock.today(), clock.now()"
