"""Every address the benchmark and the profile request, in one table.

`{reference}` is the citizen's own case (sent through the portal); `{cursor}` is the queue's
cursor at the middle of the data (a deep page). `who` says whose log-in the request carries:
nobody, the citizen, the caseworker or the API token. `expect` is a text the right page
holds (not a log-in page): each address is checked for it before it is measured.
"""

from __future__ import annotations

from typing import NamedTuple


class Address(NamedTuple):
    label: str
    path: str
    who: str  # "visitor", "citizen", "caseworker" or "api"
    expect: str
    logged_in: bool = True  # a page behind log-in, which the profile measures


GUIDE = "/nb/stottekontakt"
LOGIN = "/nb/account/login"
APPLY = "/nb/apply/"
MY_PAGES = ("/nb/my-page", "/en/my-page")  # the chaos run's probe, in both languages

PAGES: tuple[Address, ...] = (
    Address("guide", GUIDE, "visitor", "Støttekontakt", logged_in=False),
    Address("front", "/nb/", "visitor", "Hva vil du gjøre?", logged_in=False),
    Address("case page", "/nb/cases/{reference}", "citizen", "{reference}"),
    Address("My cases", "/nb/cases/", "citizen", "{reference}"),
    Address("My page", "/nb/my-page", "citizen", "{reference}"),
    Address("queue, first page", "/nb/intake/", "caseworker", "SK-"),
    Address("queue, deep page", "/nb/intake/?after={cursor}", "caseworker", "SK-"),
    Address("queue, filtered", "/nb/intake/?state=decided&service=bpa", "caseworker", "BPA-"),
    Address("submission view", "/nb/intake/submissions/{reference}", "caseworker", "{reference}"),
    Address("API list", "/api/v1/submissions?limit=50", "api", '"items"'),
    Address("API one submission", "/api/v1/submissions/{reference}", "api", "{reference}"),
)


def filled(reference: str, cursor: str) -> list[Address]:
    """The table with the citizen's reference and the deep page's cursor put in."""
    return [
        page._replace(
            path=page.path.format(reference=reference, cursor=cursor),
            expect=page.expect.format(reference=reference, cursor=cursor),
        )
        for page in PAGES
    ]
