"""Where a change to the database ends. Each public service function that changes data is one
transaction: it commits once, when the outermost such function returns, and rolls back when
it raises. The helpers it calls only add and flush, so a page, the API and a command never
leave half a change behind, and no function needs to be told whether to commit."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import ParamSpec, TypeVar

from ..extensions import db

P = ParamSpec("P")
R = TypeVar("R")

_depth: ContextVar[int] = ContextVar("transaction_depth", default=0)


def transaction(function: Callable[P, R]) -> Callable[P, R]:
    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        outermost = _depth.get() == 0
        token = _depth.set(_depth.get() + 1)
        try:
            result = function(*args, **kwargs)
        except BaseException:
            if outermost:
                db.session.rollback()
            raise
        finally:
            _depth.reset(token)
        if outermost:
            db.session.commit()
        return result

    return run
