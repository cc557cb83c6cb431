"""The access log read as looks: the reads one reader made of one case or document within a
few minutes are one look, for the person to read and for the log to hold once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# Reads of the same thing by the same reader this close together are one look: a page opened,
# a form sent from it and the page shown again, a list and the case opened from it.
LOOK_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True)
class Read:
    """One row of the access log, as the grouping needs it."""

    at: datetime
    reader: tuple  # who: (role, name, account id or None)
    subject: tuple  # what: ("submission", id), ("draft", id) or ("authority", id)
    action: str


@dataclass
class Look:
    reader: tuple
    subject: tuple
    at: datetime  # the latest read in the look
    first_at: datetime
    actions: list[str] = field(default_factory=list)


def is_same_look(earlier: datetime, later: datetime) -> bool:
    return timedelta(0) <= later - earlier <= LOOK_WINDOW


def looks(reads: Iterable[Read]) -> list[Look]:
    """The reads, newest first, folded into looks, newest first: a read joins the look by the
    same reader of the same subject that began at most LOOK_WINDOW after it. Every action in a
    look is kept once, in the order it first happened."""
    found: list[Look] = []
    open_looks: dict[tuple, Look] = {}
    for read in sorted(reads, key=lambda r: r.at, reverse=True):
        key = (read.reader, read.subject)
        look = open_looks.get(key)
        if look is None or not is_same_look(read.at, look.first_at):
            look = Look(read.reader, read.subject, read.at, read.at)
            open_looks[key] = look
            found.append(look)
        look.first_at = read.at
        if read.action in look.actions:
            look.actions.remove(read.action)
        look.actions.insert(0, read.action)
    return found
