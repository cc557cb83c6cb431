"""Who a draft is for, and whether the appeal it holds is late: what tailors the pages a
draft asks (portal/apply/journeys.py holds the pages themselves)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Draft
from ..rules.identity import age_from_number
from . import appeals, authorities


@dataclass(frozen=True)
class ApplyingFor:
    """Who a draft is for: the account itself (basis None), or someone it acts for, and
    their age when known; and, for an appeal, whether the decision was made outside the portal and the appeal is late."""

    basis: str | None = None
    person_name: str | None = None
    person_age: int | None = None
    outside: bool = False
    late: bool = False

    @property
    def someone_else(self) -> bool:
        return self.basis is not None


def applying_for(draft: Draft, today: date) -> ApplyingFor:
    late = outside = False
    if draft.kind == "appeal":
        outside = draft.appeals_reference is None
        deadline = appeals.deadline_for(draft)
        late = deadline is not None and today > deadline.due
    authority = draft.authority
    if authority is None:
        # Someone applying for themselves: their age from the number they gave, once given.
        own_number = (draft.answers.get("person") or {}).get("national_id") or ""
        return ApplyingFor(person_age=age_from_number(own_number, today), outside=outside, late=late)
    return ApplyingFor(authority.basis, authority.person_name, authorities.person_age(authority, today), outside, late)
