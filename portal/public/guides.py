"""The guides: what each is called, where it lives in each language, and its template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Guide:
    key: str
    slugs: dict[str, str]
    title: object  # a lazy string, translated when shown
    summary: object
    updated: date

    @property
    def template(self) -> str:
        return f"public/guides/{self.key}.html"

    def slug(self, lang: str) -> str:
        return self.slugs[lang]


GUIDES: tuple[Guide, ...] = (
    Guide(
        "stottekontakt",
        {"nb": "stottekontakt", "nn": "stottekontakt", "en": "support-contact"},
        _l("Support contact (støttekontakt)"),
        _l("Help to take part in leisure activities, culture and social life."),
        date(2026, 11, 30),
    ),
    Guide(
        "ledsagerbevis",
        {"nb": "ledsagerbevis", "nn": "ledsagarbevis", "en": "companion-card"},
        _l("Companion card (ledsagerbevis)"),
        _l("A card that lets someone come with you for free or at a lower price."),
        date(2026, 11, 30),
    ),
    Guide(
        "bpa",
        {"nb": "bpa", "nn": "bpa", "en": "user-directed-personal-assistance"},
        _l("User-directed personal assistance (BPA)"),
        _l("Practical and personal assistance that you direct yourself."),
        date(2026, 11, 30),
    ),
    Guide(
        "case_handling",
        {"nb": "saksbehandling", "nn": "saksbehandling", "en": "how-your-case-is-handled"},
        _l("How your case is handled"),
        _l("What happens after you apply, and how long it takes."),
        date(2026, 11, 30),
    ),
    Guide(
        "appeals",
        {"nb": "klage", "nn": "klage", "en": "appeals"},
        _l("Appealing a decision"),
        _l("What you can appeal, the deadline, and how to do it."),
        date(2026, 11, 30),
    ),
    Guide(
        "on_behalf",
        {"nb": "soke-for-andre", "nn": "sokje-for-andre", "en": "applying-for-someone-else"},
        _l("Applying for someone else"),
        _l("As a parent, as a guardian or with a power of attorney."),
        date(2026, 11, 30),
    ),
    Guide(
        "volunteer",
        {"nb": "bli-stottekontakt", "nn": "bli-stottekontakt", "en": "become-a-support-contact"},
        _l("Become a support contact"),
        _l("Use a few hours a week to give someone a richer free time."),
        date(2026, 11, 30),
    ),
    Guide(
        "rights",
        {"nb": "rettigheter-og-hjelp", "nn": "rettar-og-hjelp", "en": "your-rights-and-help"},
        _l("Your rights and where to get help"),
        _l("The patient and user ombud, and seeing your own documents."),
        date(2026, 11, 30),
    ),
    Guide(
        "accessibility",
        {"nb": "tilgjengelighet", "nn": "tilgjenge", "en": "accessibility"},
        _l("Accessibility statement"),
        _l("How accessible this website is, and how to report a problem."),
        date(2026, 11, 30),
    ),
    Guide(
        "privacy",
        {"nb": "personvern", "nn": "personvern", "en": "privacy"},
        _l("Privacy statement"),
        _l("What we store about you, why, for how long, and your rights."),
        date(2026, 11, 30),
    ),
    Guide(
        "contact",
        {"nb": "kontakt", "nn": "kontakt", "en": "contact"},
        _l("Contact us"),
        _l("Phone, e-mail, addresses and opening hours."),
        date(2026, 11, 24),
    ),
)

BY_KEY = {g.key: g for g in GUIDES}
BY_SLUG = {(lang, slug): g for g in GUIDES for lang, slug in g.slugs.items()}
SERVICE_GUIDES = ("stottekontakt", "ledsagerbevis", "bpa")


def find(lang: str, slug: str) -> tuple[Guide | None, bool]:
    """The guide at this address, and whether the slug belongs to this language
    (False when someone used another language's slug)."""
    guide = BY_SLUG.get((lang, slug))
    if guide:
        return guide, True
    for other in ("nb", "nn", "en"):
        guide = BY_SLUG.get((other, slug))
        if guide:
            return guide, False
    return None, False
