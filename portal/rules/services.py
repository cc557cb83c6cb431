"""The three services and the appeal rules that follow from each (LEGAL.md, "The services")."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .sources import SOURCES, Source


class AppealBody(Enum):
    STATE_ADMINISTRATOR = "state_administrator"  # Statsforvalteren, pbrl § 7-2
    MUNICIPAL_APPEAL_BOARD = "municipal_appeal_board"  # kommunal klagenemnd, fvl § 28 second para.


@dataclass(frozen=True)
class Service:
    code: str
    appeal_weeks: int
    appeal_deadline_source: Source
    appeal_body: AppealBody
    appeal_body_source: Source


SERVICES: dict[str, Service] = {
    s.code: s
    for s in (
        Service(
            "stottekontakt", 4, SOURCES["appeal_deadline_pbrl"], AppealBody.STATE_ADMINISTRATOR, SOURCES["appeal_pbrl"]
        ),
        Service("bpa", 4, SOURCES["appeal_deadline_pbrl"], AppealBody.STATE_ADMINISTRATOR, SOURCES["appeal_pbrl"]),
        Service(
            "ledsagerbevis",
            3,
            SOURCES["appeal_deadline_fvl"],
            AppealBody.MUNICIPAL_APPEAL_BOARD,
            SOURCES["appeal_municipal_board"],
        ),
    )
}
