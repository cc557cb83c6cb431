"""Every public page the portal has, as (name, path per language), for tests that visit them all.
The demo settings offer all three languages."""

from portal.public.guides import GUIDES

LANGUAGES = ("nb", "nn", "en")

PAGES = [("index", {lang: f"/{lang}/" for lang in LANGUAGES})] + [
    (g.key, {lang: f"/{lang}/{g.slug(lang)}" for lang in LANGUAGES}) for g in GUIDES
]

PAGE_URLS = [(name, lang, paths[lang]) for name, paths in PAGES for lang in LANGUAGES]
