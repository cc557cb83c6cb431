"""Addresses in the reader's language: /nb/soknad/…, /nn/min-side, /en/apply/….

Routes are declared once, in English (`/<lang:lang_code>/apply/<public_id>/check`). For each
Norwegian language this module adds a twin of every such rule with the words of the address
translated (`/<nb:lang_code>/soknad/<public_id>/kontroller`), pointing at the same view. Building
an address (`url_for`) for a Norwegian page gives the twin's address; the English address under
/nb/ or /nn/ (a bookmark, a link in an old e-mail) redirects there with 308, which keeps the
method and the form of a post.

Only the fixed words are translated, and the few variable parts that are words rather than
references (an application's step, the basis of an authority); references, ids and the guides'
slugs (portal/public/guides.py) pass through as they are.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, g, redirect, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter, RequestRedirect, Rule, ValidationError

NORWEGIAN = ("nb", "nn")

# The fixed words of addresses, English → Bokmål, Nynorsk. Plain ASCII, as addresses are typed
# and read aloud.
WORDS: dict[str, tuple[str, str]] = {
    "account": ("konto", "konto"),
    "check-your-email": ("sjekk-e-posten", "sjekk-e-posten"),
    "confirm": ("bekreft", "stadfest"),
    "forgot-password": ("glemt-passord", "gloymt-passord"),
    "keep-alive": ("forleng", "forleng"),
    "login": ("logg-inn", "logg-inn"),
    "logout": ("logg-ut", "logg-ut"),
    "logout-everywhere": ("logg-ut-overalt", "logg-ut-overalt"),
    "register": ("ny-bruker", "ny-brukar"),
    "reset-password": ("nytt-passord", "nytt-passord"),
    "appeal": ("send-klage", "send-klage"),
    "outside": ("vedtak-utenfor-portalen", "vedtak-utanfor-portalen"),
    "apply": ("soknad", "soknad"),
    "attachments": ("vedlegg", "vedlegg"),
    "remove": ("fjern", "fjern"),
    "check": ("se-over", "sja-over"),
    "delete": ("slett", "slett"),
    "files": ("filer", "filer"),
    "for-whom": ("for-hvem", "for-kven"),
    "receipt": ("kvittering", "kvittering"),
    "authorities": ("fullmakter", "fullmakter"),
    "document": ("dokument", "dokument"),
    "file": ("fil", "fil"),
    "end": ("avslutt", "avslutt"),
    "for-me": ("for-meg", "for-meg"),
    "withdraw": ("trekk-tilbake", "trekk-tilbake"),
    "new": ("ny", "ny"),
    "requests": ("foresporsler", "forespurnader"),
    "cases": ("saker", "saker"),
    "deadlines.ics": ("frister.ics", "fristar.ics"),
    "decision.pdf": ("vedtak.pdf", "vedtak.pdf"),
    "not-me": ("ikke-meg", "ikkje-meg"),
    "seen": ("hvem-har-sett", "kven-har-sett"),
    "intake": ("mottak", "mottak"),
    "match": ("koble", "kople"),
    "record": ("registrer", "registrer"),
    "search": ("sok", "sok"),
    "submissions": ("innsendinger", "innsendingar"),
    "volunteers": ("frivillige", "frivillige"),
    "certificate": ("politiattest", "politiattest"),
    "certificate-date": ("attestdato", "attestdato"),
    "assignments": ("oppdrag", "oppdrag"),
    "reports": ("rapporter", "rapportar"),
    "my-page": ("min-side", "mi-side"),
    "volunteer": ("frivillig", "frivillig"),
    "report": ("rapport", "rapport"),
    "start": ("start", "start"),
    "timesheet": ("timeliste", "timeliste"),
}

# An application's pages (portal/apply/journeys.py), by key.
STEPS: dict[str, tuple[str, str]] = {
    "person": ("om-personen", "om-personen"),
    "representative": ("om-deg-som-soker", "om-deg-som-soker"),
    "child_views": ("barnets-mening", "kva-barnet-meiner"),
    "need": ("behov", "behov"),
    "situation": ("hverdagen", "kvardagen"),
    "network": ("nettverk", "nettverk"),
    "wishes": ("onsker", "onske"),
    "consent": ("samtykke", "samtykke"),
    "attachments": ("vedlegg", "vedlegg"),
    "residence": ("bosted", "bustad"),
    "disability": ("funksjonsnedsettelse", "funksjonsnedsetjing"),
    "companions": ("ledsagere", "ledsagarar"),
    "assistance": ("hjelpen", "hjelpa"),
    "supervisor": ("arbeidsleder", "arbeidsleiar"),
    "family": ("familie", "familie"),
    "decision": ("vedtaket", "vedtaket"),
    "appeal": ("klagen", "klagen"),
    "late": ("for-sent", "for-seint"),
    "about_you": ("om-deg", "om-deg"),
    "driving": ("bil-og-forerkort", "bil-og-forarkort"),
    "experience": ("erfaring", "erfaring"),
    "interests": ("interesser", "interesser"),
    "availability": ("tidspunkt", "tidspunkt"),
    "capacity": ("tid", "tid"),
    "other": ("annet", "anna"),
}

# Who an authority is given as (portal/authorities/routes.py, BASIS_FORMS).
BASES: dict[str, tuple[str, str]] = {
    "parent": ("forelder", "forelder"),
    "verge": ("verge", "verje"),
    "fullmakt": ("fullmakt", "fullmakt"),
    "paper": ("pa-papir", "pa-papir"),
}

# Which variable parts are words, and their tables.
WORD_ARGUMENTS = {"step_key": STEPS, "basis": BASES}


def _word_converter(table: dict[str, tuple[str, str]], lang: str) -> type[BaseConverter]:
    column = NORWEGIAN.index(lang)
    to_url = {key: words[column] for key, words in table.items()}
    to_key = {word: key for key, word in to_url.items()}

    class WordConverter(BaseConverter):
        def to_python(self, value: str) -> str:
            # Only this language's words: any other is no address of this page (404).
            if value not in to_key:
                raise ValidationError()
            return to_key[value]

        def to_url(self, value: str) -> str:
            return to_url.get(value, value)

    return WordConverter


def _one_language(lang: str) -> type[BaseConverter]:
    class OneLanguage(BaseConverter):
        regex = lang
        # Tried before the general <lang:...>, so /nb/min-side is My page and not a guide
        # called "min-side"; where no twin matches, the matcher goes on to the general rules.
        weight = 50

    return OneLanguage


class PortalRule(Rule):
    """A rule that builds its twin's address for the languages it has one for."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.twins: dict[str, Rule] = {}

    def build(self, values, append_unknown: bool = True):
        twin = self.twins.get(values.get("lang_code"))
        if twin is not None:
            return twin.build(values, append_unknown)
        return super().build(values, append_unknown)


def translated(path: str, lang: str) -> str:
    """A rule's path with its fixed words and word arguments in `lang`."""
    column = NORWEGIAN.index(lang)
    parts = []
    for part in path.split("/"):
        if part == "<lang:lang_code>":
            part = f"<{lang}:lang_code>"
        elif part.startswith("<"):
            name = part.strip("<>").split(":")[-1]
            if name in WORD_ARGUMENTS:
                part = f"<{name}_{lang}:{name}>"
        elif part in WORDS:
            part = WORDS[part][column]
        parts.append(part)
    return "/".join(parts)


def init_app(app: Flask) -> None:
    """The converters of the twins, and the redirect from English addresses (after the CSRF
    check, before anything else acts on a request)."""
    for lang in NORWEGIAN:
        app.url_map.converters[lang] = _one_language(lang)
        for name, table in WORD_ARGUMENTS.items():
            app.url_map.converters[f"{name}_{lang}"] = _word_converter(table, lang)
    app.before_request(_redirect_to_own_language)


def add_twins(app: Flask, languages: tuple[str, ...]) -> None:
    """Add the twins for the Norwegian languages offered; call after every blueprint is
    registered."""
    for rule in list(app.url_map.iter_rules()):
        if not isinstance(rule, PortalRule) or not rule.rule.startswith("/<lang:lang_code>/"):
            continue
        for lang in NORWEGIAN:
            if lang not in languages:
                continue
            path = translated(rule.rule, lang)
            if path == rule.rule.replace("<lang:lang_code>", f"<{lang}:lang_code>"):
                continue
            twin = Rule(
                path,
                endpoint=rule.endpoint,
                methods=rule.methods,
                defaults=rule.defaults,
                strict_slashes=rule.strict_slashes,
                merge_slashes=rule.merge_slashes,
            )
            app.url_map.add(twin)
            rule.twins[lang] = twin


def _redirect_to_own_language():
    """The English address of a Norwegian page leads to the Norwegian one."""
    rule = request.url_rule
    if not isinstance(rule, PortalRule) or g.get("lang_code") not in rule.twins:
        return None
    there = url_for(request.endpoint, **(request.view_args or {}))
    if request.query_string:
        there += "?" + request.query_string.decode("latin-1")
    return redirect(there, 308)


def in_language(page: str, lang: str) -> str:
    """A page of the portal (a path, with its query) at its address in `lang`; the front page
    in `lang` when the path is no page."""
    parts = urlsplit(page)
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, values = adapter.match(parts.path, method="GET")
    except (HTTPException, RequestRedirect):
        return adapter.build("public.index", {"lang_code": lang})
    path = adapter.build(endpoint, {**values, "lang_code": lang})
    return path + (f"?{parts.query}" if parts.query else "")
