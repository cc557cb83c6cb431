"""CHECK constraints: a column that holds one of a fixed set of codes takes the set from where
the code defines it (portal.rules, portal.roles, portal.i18n), so the database refuses any
other value. Each is named ck_<table>_<column> by the naming convention (portal.extensions).
A change to a set needs a migration: tests/web/test_migrations.py compares the two."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import CheckConstraint, column


def one_of(name: str, values: Iterable[str]) -> CheckConstraint:
    """The column `name` holds one of `values`, or NULL where the column allows it."""
    return CheckConstraint(column(name).in_(list(values)), name=name)


def exactly_one(name: str, columns: Iterable[str]) -> CheckConstraint:
    """Exactly one of `columns` is set: written as a sum, the same on SQLite and PostgreSQL."""
    count = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in columns)
    return CheckConstraint(f"{count} = 1", name=name)
