"""Every address the benchmark and the profile request, in one table.

`{reference}` is the citizen's own case (sent through the portal); `{cursor}` is the queue's
cursor at the middle of the data (a deep page). `who` says whose log-in the request carries:
nobody, the citizen, the caseworker or the API token. `expect` is a text the right page
holds (not a log-in page): each address is checked for it before it is measured.
"""

from __future__ import annotations

from typing import NamedTuple

from portal.addresses import STEPS, WORDS


class Address(NamedTuple):
    label: str
    path: str
    who: str  # "visitor", "citizen", "caseworker" or "api"
    expect: str
    logged_in: bool = True  # a page behind log-in, which the profile measures


GUIDE = "/nb/stottekontakt"
LOGIN = "/nb/konto/logg-inn"
APPLY = "/nb/soknad/"
RECEIPT = "/soknad/kvittering/"  # in the address a sent application leads to
MY_PAGES = ("/nb/min-side", "/en/my-page")  # the chaos run's probe, in both languages

PAGES: tuple[Address, ...] = (
    Address("guide", GUIDE, "visitor", "Støttekontakt", logged_in=False),
    Address("front", "/nb/", "visitor", "Hva vil du gjøre?", logged_in=False),
    Address("case page", "/nb/saker/{reference}", "citizen", "{reference}"),
    Address("My cases", "/nb/saker/", "citizen", "{reference}"),
    Address("My page", "/nb/min-side", "citizen", "{reference}"),
    Address("queue, first page", "/nb/mottak/", "caseworker", "SK-"),
    Address("queue, deep page", "/nb/mottak/?after={cursor}", "caseworker", "SK-"),
    Address("queue, filtered", "/nb/mottak/?state=decided&service=bpa", "caseworker", "BPA-"),
    Address("submission view", "/nb/mottak/innsendinger/{reference}", "caseworker", "{reference}"),
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


def application_page(base: str, key: str) -> str:
    """An application's page under /nb/ (`base` is the draft's address): a step of
    portal/apply/journeys.py by its key, or "check" or "attachments"."""
    words = STEPS.get(key) or WORDS[key]
    return f"{base}/{words[0]}"
