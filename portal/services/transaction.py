"""Where a change to the database ends. Each public service function that changes data is one
transaction: it commits once, when the outermost such function returns, and rolls back when
it raises. The helpers it calls only add and flush, so a page, the API and a command never
leave half a change behind, and no function needs to be told whether to commit.

A read that writes its own access log row and nothing else is a `read_transaction`: it
commits the same way, but what was loaded stays loaded after the commit. The page then shows
the submission, the case and the reader it has already read rather than reading each of
them again (the log row is nothing the page shows). Should a read call a `transaction`, the
commit expires everything as any other."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import ParamSpec, TypeVar

from ..extensions import db

P = ParamSpec("P")
R = TypeVar("R")

_depth: ContextVar[int] = ContextVar("transaction_depth", default=0)
# Whether the outermost commit may leave what is loaded as it is: True only while every
# function in it is a read_transaction.
_only_reads: ContextVar[list[bool] | None] = ContextVar("transaction_only_reads", default=None)


def _run(function: Callable[P, R], reading: bool) -> Callable[P, R]:
    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        outermost = _depth.get() == 0
        token = _depth.set(_depth.get() + 1)
        only_reads = [reading] if outermost else _only_reads.get()
        reads_token = _only_reads.set(only_reads) if outermost else None
        if only_reads is not None and not reading:
            only_reads[0] = False
        try:
            result = function(*args, **kwargs)
        except BaseException:
            if outermost:
                db.session.rollback()
            raise
        finally:
            _depth.reset(token)
            if reads_token is not None:
                _only_reads.reset(reads_token)
        if outermost:
            _commit(expire=not (only_reads and only_reads[0]))
        return result

    return run


def _commit(expire: bool) -> None:
    if expire:
        db.session.commit()
        return
    session = db.session()
    before = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = before


def transaction(function: Callable[P, R]) -> Callable[P, R]:
    return _run(function, reading=False)


def read_transaction(function: Callable[P, R]) -> Callable[P, R]:
    return _run(function, reading=True)
